import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module.js';
import { SweepsController } from './sweeps.controller.js';
import { SweepsService } from './sweeps.service.js';

@Module({ imports: [JobsModule], controllers: [SweepsController], providers: [SweepsService] })
export class SweepsModule {}
