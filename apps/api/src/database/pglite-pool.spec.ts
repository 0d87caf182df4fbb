import { PglitePool } from './pglite-pool.js';

/**
 * The reason this adapter exists (STACK-NOTES gotcha 3): with one shared connection, 20
 * concurrent transactions of which 5 fail kept 0 rows instead of 15. Each checked-out client
 * must have the database to itself until it is released, as a PostgreSQL connection would.
 */
describe(PglitePool.name, () => {
  let pool: PglitePool;
  beforeAll(async () => {
    pool = new PglitePool({ dataDir: 'memory://' });
    await pool.query('CREATE TABLE t (id int primary key, note text)');
  });
  afterAll(async () => {
    await pool.end();
  });

  it('keeps 15 of 20 concurrent transactions when 5 roll back', async () => {
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await client.query('INSERT INTO t (id, note) VALUES ($1, $2)', [i, `row ${i}`]);
          await new Promise((r) => setTimeout(r, 1)); // let the others try to interleave
          if (i % 4 === 0) throw new Error('fail this one');
          await client.query('COMMIT');
        } catch {
          await client.query('ROLLBACK');
        } finally {
          client.release();
        }
      }),
    );
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM t');
    expect(rows).toEqual([{ n: 15 }]);
  });

  it('reports the command and row count the way pg does (TypeORM reads both)', async () => {
    const update = await pool.query('UPDATE t SET note = $1 WHERE id < $2', ['x', 5]);
    // ids 0..4 minus the rolled-back 0 and 4 → 1, 2, 3
    expect(update.command).toBe('UPDATE');
    expect(update.rowCount).toBe(3);
    const select = await pool.query('SELECT id FROM t WHERE id < 3 ORDER BY id');
    expect(select.rows).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('runs a multi-statement script without parameters, as migrations send them', async () => {
    const result = await pool.query('CREATE TABLE u (a int); INSERT INTO u VALUES (1), (2); SELECT sum(a)::int AS s FROM u');
    expect(result.rows).toEqual([{ s: 3 }]);
  });

  it('supports the callback form TypeORM uses to check out a client', async () => {
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      pool.connect((error, client, release) => {
        if (error || !client || !release) return reject(error);
        client.query('SELECT 41 + 1 AS answer').then((r) => {
          release();
          resolve(r.rows);
        }, reject);
      });
    });
    expect(rows).toEqual([{ answer: 42 }]);
  });
});
