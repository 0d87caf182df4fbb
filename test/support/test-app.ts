import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';

/**
 * Boots the real app (same module, same setup as main.ts) on a real database:
 * the PostgreSQL server named by DATABASE_URL when set (CI does this), otherwise a throwaway
 * in-memory PGlite. Tables are emptied first so each spec file starts from nothing.
 */
export interface TestApp {
  readonly app: INestApplication;
  /** The Node HTTP server, for supertest. */
  readonly http: ReturnType<INestApplication['getHttpServer']>;
  readonly dataSource: DataSource;
  readonly onRealPostgres: boolean;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Keep the rows already in the database (a restart of the same service); default: start empty. */
  readonly keepData?: boolean;
}

export async function createTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const onRealPostgres = Boolean(process.env.DATABASE_URL);
  if (!onRealPostgres) process.env.PGLITE_DATA_DIR = env.PGLITE_DATA_DIR ?? 'memory://';
  process.env.LOG_LEVEL = 'error';
  // Open (no keys) unless a spec opts in: auth specs pass CAPSIM_AUTH=required and CAPSIM_ADMIN_KEY.
  for (const name of ['CAPSIM_AUTH', 'CAPSIM_ADMIN_KEY', 'CAPSIM_ADMIN_TEAM', 'CAPSIM_RATE_LIMIT_REQUESTS', 'CAPSIM_RATE_LIMIT_WINDOW_SECONDS', 'CAPSIM_CORS_ORIGINS'] as const) {
    if (env[name] !== undefined) process.env[name] = env[name];
    else delete process.env[name];
  }
  process.env.CAPSIM_AUTH ??= 'open';
  // Specs send thousands of requests a second from one address; a spec that tests the limit sets it.
  process.env.CAPSIM_RATE_LIMIT_REQUESTS ??= '1000000';
  const { AppModule } = await import('../../apps/api/src/app.module.js');
  const { setupApp } = await import('../../apps/api/src/setup-app.js');
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'fatal'] });
  setupApp(app);
  await app.init();
  const dataSource = app.get(DataSource);
  if (onRealPostgres && !options.keepData) {
    try {
      await truncateAll(dataSource);
    } catch (error) {
      await app.close(); // an app left open keeps Jest from exiting
      throw error;
    }
  }
  return {
    app,
    http: app.getHttpServer(),
    dataSource,
    onRealPostgres,
    close: () => app.close(),
  };
}

/** Walks a JSON value and returns the paths of every non-finite number (NaN cannot survive JSON, but null-for-NaN can hide one). */
export function nonFiniteNumberPaths(value: unknown, path = '$'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFiniteNumberPaths(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => nonFiniteNumberPaths(v, `${path}.${k}`));
  return [];
}

/**
 * Empties every table on a shared PostgreSQL. A job chunk that a previous spec's app was still
 * finishing when it closed may hold row locks in another order than TRUNCATE takes its table locks;
 * PostgreSQL then aborts one side with 40P01 (deadlock detected). The chunk's transaction ends
 * either way, so trying again is safe.
 */
async function truncateAll(dataSource: DataSource): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await dataSource.query('TRUNCATE "autoscaling_plans", "simulations", "traces", "api_keys", "calibration_profiles", "forecasts", "evaluations", "scenarios", "job_results", "job_chunks", "jobs" CASCADE');
      return;
    } catch (error) {
      const code = (error as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (error as { code?: string }).code;
      if (code !== '40P01' || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}
