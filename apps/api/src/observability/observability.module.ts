import { Global, Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';
import { Readiness } from './readiness.js';

@Global()
@Module({ controllers: [MetricsController], providers: [MetricsService, Readiness], exports: [MetricsService, Readiness] })
export class ObservabilityModule {}
