import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { SkipRateLimit } from '../auth/rate-limit.guard.js';
import type { Response } from 'express';
import { MetricsService } from './metrics.service.js';

/** Needs a viewer key when keys are required (the default for GET): latencies and queue depth are not for strangers. */
@ApiTags('health')
@Controller('metrics')
@SkipRateLimit()
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @ApiProduces('text/plain')
  @ApiOperation({ summary: 'Prometheus text exposition: request latency histograms, job queue depth by state, job durations, process metrics' })
  async scrape(@Res() response: Response): Promise<void> {
    const { contentType, body } = await this.metrics.render();
    response.setHeader('Content-Type', contentType);
    response.send(body);
  }
}
