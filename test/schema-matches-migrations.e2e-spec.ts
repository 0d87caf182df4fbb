import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * The tables come from migrations/ only (synchronize is off); the entities must describe exactly
 * those tables and columns, or TypeORM reads and writes columns that are not there. TypeORM's
 * schema builder lists the SQL that would bring the migrated database in line with the entities;
 * none of it may touch a table or a column. (Indexes, CHECK constraints and foreign keys live in the
 * migrations' SQL only, so the builder always proposes to drop or re-create those: not compared.)
 */
const TABLE_OR_COLUMN_CHANGE = /CREATE TABLE|DROP TABLE|ALTER TABLE "[^"]+" (ADD "|DROP COLUMN|ALTER COLUMN|RENAME)/;
describe('entities match the migrated schema', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('needs no schema change after every migration has run', async () => {
    const pending = await t.dataSource.driver.createSchemaBuilder().log();
    const queries = pending.upQueries.map((q) => q.query);
    expect(queries.length).toBeGreaterThan(0); // the index and constraint noise above: the builder did compare
    expect(queries.filter((q) => TABLE_OR_COLUMN_CHANGE.test(q))).toEqual([]);
  });
});
