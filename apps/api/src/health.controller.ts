import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipRateLimit } from './auth/rate-limit.guard.js';
import { PublicRoute } from './auth/required-role.decorator.js';
import { ApiError, ErrorCode } from './common/api-error.js';
import { type CheckResult, Readiness } from './observability/readiness.js';

interface ReadyBody {
  readonly status: 'ok';
  readonly database: CheckResult;
  readonly redis: CheckResult;
}

/** Probes need no key: an orchestrator must be able to ask, and the answers say nothing about data. */
@ApiTags('health')
@Controller()
@PublicRoute()
@SkipRateLimit()
export class HealthController {
  constructor(private readonly readiness: Readiness) {}

  @Get()
  index(): { name: string; docs: string; openapi: string } {
    return { name: 'capsim', docs: '/docs', openapi: '/docs-json' };
  }

  @Get('health/live')
  @ApiOperation({ summary: 'Liveness: the process answers HTTP. Restart it when this fails' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('health/ready')
  @ApiOperation({ summary: 'Readiness: the database answers SELECT 1 and, when REDIS_URL is set, Redis answers PING; 503 naming what is down otherwise' })
  ready(): Promise<ReadyBody> {
    return this.check();
  }

  /** Kept for existing probes and scripts: the same check as /health/ready, with the original body when Redis is not in use. */
  @Get('health')
  async health(): Promise<ReadyBody | Omit<ReadyBody, 'redis'>> {
    const { redis, ...rest } = await this.check();
    return redis === 'not configured' ? rest : { ...rest, redis };
  }

  private async check(): Promise<ReadyBody> {
    const [database, redis] = await Promise.all([this.readiness.database(), this.readiness.redisCheck()]);
    const down = [
      ...(database === 'ok' ? [] : [{ field: 'database', reason: database }]),
      ...(redis === 'ok' || redis === 'not configured' ? [] : [{ field: 'redis', reason: redis }]),
    ];
    if (down.length > 0) {
      throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.ServiceUnavailable, `not ready: ${down.map((d) => d.field).join(' and ')} ${down.length > 1 ? 'are' : 'is'} not reachable`, down);
    }
    return { status: 'ok', database, redis };
  }
}
