import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobsModule } from '../jobs/jobs.module.js';
import { SimulationsModule } from '../simulations/simulations.module.js';
import { AutoscalingPlanEntity } from './autoscaling-plan.entity.js';
import { AutoscalingController } from './autoscaling.controller.js';
import { AutoscalingService } from './autoscaling.service.js';

@Module({ imports: [TypeOrmModule.forFeature([AutoscalingPlanEntity]), JobsModule, SimulationsModule], controllers: [AutoscalingController], providers: [AutoscalingService], exports: [AutoscalingService] })
export class AutoscalingModule {}
