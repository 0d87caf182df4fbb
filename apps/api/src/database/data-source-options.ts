import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../../migrations/index.js';
import { ENTITIES } from './entities.js';
import { pgliteDriver } from './pglite-pool.js';

export interface DatabaseSettings {
  readonly databaseUrl?: string | undefined;
  readonly pgliteDataDir: string;
  /** pg's client-side query_timeout (ms): a hanging server fails the query instead of holding it forever. */
  readonly queryTimeoutMs?: number | undefined;
}

/**
 * One set of options for the app and the migration CLI: a PostgreSQL server when a URL is
 * given, otherwise embedded PGlite through our exclusive-client pool. Same entities, same
 * migrations, synchronize off.
 */
export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    installExtensions: false,
    logging: false,
  };
  if (settings.databaseUrl) {
    return { ...common, url: settings.databaseUrl, extra: { max: 10, connectionTimeoutMillis: 5000, query_timeout: settings.queryTimeoutMs ?? 30_000 } };
  }
  return { ...common, driver: pgliteDriver({ dataDir: settings.pgliteDataDir }), database: 'postgres' };
}

export function describeDatabase(settings: DatabaseSettings): string {
  if (!settings.databaseUrl) return `embedded PGlite at ${settings.pgliteDataDir}`;
  const url = new URL(settings.databaseUrl);
  return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
}
