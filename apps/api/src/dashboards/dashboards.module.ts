import { Module } from '@nestjs/common';
import { WhatIfModule } from '../what-if/what-if.module.js';
import { DashboardsController } from './dashboards.controller.js';
import { DashboardsService } from './dashboards.service.js';

@Module({ imports: [WhatIfModule], controllers: [DashboardsController], providers: [DashboardsService] })
export class DashboardsModule {}
