import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ApiError, ErrorCode } from './common/api-error.js';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  index(): { name: string; docs: string; openapi: string } {
    return { name: 'capsim', docs: '/docs', openapi: '/docs-json' };
  }

  /** Readiness: answers only when the database answers. */
  @Get('health')
  async health(): Promise<{ status: 'ok'; database: 'ok' }> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.ServiceUnavailable, 'database is not reachable');
    }
    return { status: 'ok', database: 'ok' };
  }
}
