import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TraceEntity } from './trace.entity.js';
import { TracesController } from './traces.controller.js';
import { TracesService } from './traces.service.js';

@Module({ imports: [TypeOrmModule.forFeature([TraceEntity])], controllers: [TracesController], providers: [TracesService], exports: [TracesService] })
export class TracesModule {}
