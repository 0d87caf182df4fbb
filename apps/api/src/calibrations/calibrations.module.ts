import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobsModule } from '../jobs/jobs.module.js';
import { CalibrationProfileEntity } from './calibration-profile.entity.js';
import { CalibrationsController } from './calibrations.controller.js';
import { CalibrationsService } from './calibrations.service.js';

@Module({ imports: [TypeOrmModule.forFeature([CalibrationProfileEntity]), JobsModule], controllers: [CalibrationsController], providers: [CalibrationsService] })
export class CalibrationsModule {}
