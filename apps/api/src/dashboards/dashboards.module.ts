import { Module } from '@nestjs/common';
import { AutoscalingModule } from '../autoscaling/autoscaling.module.js';
import { ForecastsModule } from '../forecasts/forecasts.module.js';
import { WhatIfModule } from '../what-if/what-if.module.js';
import { DashboardsController } from './dashboards.controller.js';
import { DashboardsService } from './dashboards.service.js';

@Module({ imports: [WhatIfModule, ForecastsModule, AutoscalingModule], controllers: [DashboardsController], providers: [DashboardsService] })
export class DashboardsModule {}
