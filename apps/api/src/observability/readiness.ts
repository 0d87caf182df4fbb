import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';

export type CheckResult = 'ok' | 'not configured' | string;

/** A probe that takes longer than this counts as down: a readiness check must not hang with the thing it checks. */
const PROBE_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

@Injectable()
export class Readiness implements OnModuleDestroy {
  private redis: Redis | null = null;
  private readonly redisUrl: string | undefined;

  constructor(
    private readonly dataSource: DataSource,
    config: ConfigService,
  ) {
    this.redisUrl = config.get<string>('REDIS_URL');
  }

  async database(): Promise<CheckResult> {
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), 'database');
      return 'ok';
    } catch (error) {
      return `unreachable: ${(error as Error).message.split('\n')[0]!.slice(0, 200)}`;
    }
  }

  async redisCheck(): Promise<CheckResult> {
    if (!this.redisUrl) return 'not configured';
    // Its own connection, with no offline queue and no retries per command: a ping fails at once when Redis is down.
    this.redis ??= new Redis(this.redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: PROBE_TIMEOUT_MS });
    try {
      if (this.redis.status === 'wait' || this.redis.status === 'end') await withTimeout(this.redis.connect(), 'redis');
      await withTimeout(this.redis.ping(), 'redis');
      return 'ok';
    } catch (error) {
      return `unreachable: ${(error as Error).message.split('\n')[0]!.slice(0, 200)}`;
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.redis?.disconnect();
  }
}
