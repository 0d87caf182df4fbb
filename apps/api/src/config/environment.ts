import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

export const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const AUTH_MODES = ['required', 'open'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

/** The service's whole environment, validated once at boot; only apps/ read process.env. */
export class Environment {
  /** TCP port of the HTTP API. */
  @IsOptional() @IsInt() @Min(0) @Max(65535)
  PORT: number = 3000;

  /** Address to listen on; loopback by default. */
  @IsOptional() @IsString()
  HOST: string = '127.0.0.1';

  /** postgres://… of a real PostgreSQL server; unset = embedded PGlite under PGLITE_DATA_DIR. */
  @IsOptional() @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must look like postgres://user@host:port/database' })
  DATABASE_URL?: string;

  /** Folder of the embedded database (created if missing), or memory:// for a throwaway one. */
  @IsOptional() @IsString()
  PGLITE_DATA_DIR: string = './data/pglite';

  @IsOptional() @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'log';

  /** redis://host:port of the job queue: jobs then run on `capsim worker` processes (needs DATABASE_URL); unset = in-process worker threads. */
  @IsOptional() @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must look like redis://host:port' })
  REDIS_URL?: string;

  /** Worker threads of the in-process runner (default 2: both cores of the reference machine). */
  @IsOptional() @IsInt() @Min(1) @Max(64)
  JOBS_WORKER_THREADS: number = 2;

  /** Attempts per chunk before its job fails with the last reason. */
  @IsOptional() @IsInt() @Min(1) @Max(20)
  JOBS_MAX_ATTEMPTS: number = 3;

  /** Queue depth: queued + running jobs over all clients; more gets 503 queue_full. */
  @IsOptional() @IsInt() @Min(1) @Max(100_000)
  JOBS_MAX_ACTIVE: number = 100;

  /** Queued + running jobs per client key (X-Capsim-Client header); more gets 429 too_many_jobs. */
  @IsOptional() @IsInt() @Min(1) @Max(10_000)
  JOBS_MAX_ACTIVE_PER_CLIENT: number = 4;

  /** Largest sweep, in scenario evaluations (grid points, or random samples); more gets 400. */
  @IsOptional() @IsInt() @Min(1) @Max(1_000_000)
  JOBS_MAX_SWEEP_POINTS: number = 20_000;

  /**
   * PostgreSQL server only: a query with no answer after this many ms fails (503 database_unavailable)
   * instead of holding its request and pool connection forever when the server hangs (stopped, not down).
   */
  @IsOptional() @IsInt() @Min(100) @Max(3_600_000)
  DATABASE_QUERY_TIMEOUT_MS: number = 30_000;

  /** BullMQ lock of a running chunk, ms: a SIGKILLed worker's chunk is retried elsewhere about this long after it died. */
  @IsOptional() @IsInt() @Min(500) @Max(600_000)
  JOBS_LOCK_MS: number = 30_000;

  /** How often each worker looks for chunks whose lock expired, ms. */
  @IsOptional() @IsInt() @Min(250) @Max(600_000)
  JOBS_STALLED_INTERVAL_MS: number = 15_000;

  /** Chunks one `capsim worker` process runs at once (1: run one process per core instead). */
  @IsOptional() @IsInt() @Min(1) @Max(64)
  WORKER_CONCURRENCY: number = 1;

  /** API keys: `required`, or `open` (no key needed). Unset: open on a loopback HOST, required on any other. */
  @IsOptional() @IsIn(AUTH_MODES)
  CAPSIM_AUTH?: AuthMode;

  /** Bootstrap admin key (≥ 32 characters, e.g. `openssl rand -base64 32`); needed when keys are required. */
  @IsOptional() @IsString() @Matches(/^[\x21-\x7e]{32,200}$/, { message: 'CAPSIM_ADMIN_KEY must be 32 to 200 printable ASCII characters without spaces' })
  CAPSIM_ADMIN_KEY?: string;

  /** Team of the bootstrap admin key (its scenarios are visible to that team only). */
  @IsOptional() @Matches(/^[a-z0-9][a-z0-9_-]{0,63}$/, { message: 'CAPSIM_ADMIN_TEAM must be 1 to 64 of a-z 0-9 _ -' })
  CAPSIM_ADMIN_TEAM: string = 'admin';

  /** Requests per key (per client IP when open) per CAPSIM_RATE_LIMIT_WINDOW_SECONDS; more get 429 rate_limited. */
  @IsOptional() @IsInt() @Min(1) @Max(1_000_000)
  CAPSIM_RATE_LIMIT_REQUESTS: number = 600;

  @IsOptional() @IsInt() @Min(1) @Max(3600)
  CAPSIM_RATE_LIMIT_WINDOW_SECONDS: number = 1;

  /** Comma-separated origins allowed by CORS (e.g. https://ops.example.com); unset = CORS off (same-origin only). */
  @IsOptional() @Matches(/^(\*|https?:\/\/[^\s,]+(,https?:\/\/[^\s,]+)*)$/, { message: 'CAPSIM_CORS_ORIGINS must be * or a comma-separated list of http(s)://origin' })
  CAPSIM_CORS_ORIGINS?: string;
}

/** Loopback addresses: only processes on this machine can reach a server bound to them. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Keys are required unless asked otherwise, or unless nobody beyond this machine can connect. */
export function authMode(env: Pick<Environment, 'CAPSIM_AUTH' | 'HOST'>): AuthMode {
  return env.CAPSIM_AUTH ?? (isLoopbackHost(env.HOST) ? 'open' : 'required');
}

export function validateEnvironment(raw: Record<string, unknown>): Environment {
  // VAR= (empty) means unset, as shells and .env files use it.
  const present = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== ''));
  const env = plainToInstance(Environment, present, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (errors.length === 0 && env.REDIS_URL && !env.DATABASE_URL) {
    throw new Error('capsim: invalid environment\n  REDIS_URL is set but DATABASE_URL is not: workers on other hosts share job records through PostgreSQL, not the embedded database');
  }
  if (errors.length === 0 && authMode(env) === 'required' && !env.CAPSIM_ADMIN_KEY) {
    throw new Error(`capsim: invalid environment\n  API keys are required (${env.CAPSIM_AUTH ? 'CAPSIM_AUTH=required' : `HOST=${env.HOST} is not loopback`}) but CAPSIM_ADMIN_KEY is not set: set a bootstrap admin key of 32+ random characters, or listen on 127.0.0.1`);
  }
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}=${/KEY$/.test(e.property) ? '(secret, not shown)' : JSON.stringify(raw[e.property])}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new Error(`capsim: invalid environment\n${lines.join('\n')}`);
  }
  return env;
}
