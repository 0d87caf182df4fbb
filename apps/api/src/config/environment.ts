import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

export const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

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

  /** BullMQ lock of a running chunk, ms: a SIGKILLed worker's chunk is retried elsewhere about this long after it died. */
  @IsOptional() @IsInt() @Min(500) @Max(600_000)
  JOBS_LOCK_MS: number = 30_000;

  /** How often each worker looks for chunks whose lock expired, ms. */
  @IsOptional() @IsInt() @Min(250) @Max(600_000)
  JOBS_STALLED_INTERVAL_MS: number = 15_000;

  /** Chunks one `capsim worker` process runs at once (1: run one process per core instead). */
  @IsOptional() @IsInt() @Min(1) @Max(64)
  WORKER_CONCURRENCY: number = 1;
}

export function validateEnvironment(raw: Record<string, unknown>): Environment {
  // VAR= (empty) means unset, as shells and .env files use it.
  const present = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== ''));
  const env = plainToInstance(Environment, present, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (errors.length === 0 && env.REDIS_URL && !env.DATABASE_URL) {
    throw new Error('capsim: invalid environment\n  REDIS_URL is set but DATABASE_URL is not: workers on other hosts share job records through PostgreSQL, not the embedded database');
  }
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}=${JSON.stringify(raw[e.property])}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new Error(`capsim: invalid environment\n${lines.join('\n')}`);
  }
  return env;
}
