import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobsModule } from '../jobs/jobs.module.js';
import { TracesModule } from '../traces/traces.module.js';
import { RunSpecMapper } from './run-spec.mapper.js';
import { SimulationEntity } from './simulation.entity.js';
import { SimulationsController } from './simulations.controller.js';
import { SimulationsService } from './simulations.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([SimulationEntity]), JobsModule, TracesModule],
  controllers: [SimulationsController],
  providers: [SimulationsService, RunSpecMapper],
  exports: [RunSpecMapper],
})
export class SimulationsModule {}
