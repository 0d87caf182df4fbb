import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AutoscalingModule } from '../autoscaling/autoscaling.module.js';
import { CalibrationProfileLookup } from '../calibrations/calibration-profile-lookup.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { ForecastEntity } from './forecast.entity.js';
import { ForecastsController } from './forecasts.controller.js';
import { ForecastsService } from './forecasts.service.js';

@Module({ imports: [TypeOrmModule.forFeature([ForecastEntity]), JobsModule, AutoscalingModule], controllers: [ForecastsController], providers: [ForecastsService, CalibrationProfileLookup], exports: [ForecastsService] })
export class ForecastsModule {}
