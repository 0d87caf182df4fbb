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
}

export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const env = plainToInstance(Environment, raw, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}=${JSON.stringify(e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new Error(`capsim: invalid environment\n${lines.join('\n')}`);
  }
  return env;
}
