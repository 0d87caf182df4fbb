import { hostname } from 'node:os';
import { Logger, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { JobStore } from './job-store.js';
import { JobsController } from './jobs.controller.js';
import { JOB_SETTINGS, type JobSettings, JobsService } from './jobs.service.js';
import { BullMqRunner } from './runners/bullmq-runner.js';
import { InProcessRunner } from './runners/in-process-runner.js';
import { JOB_RUNNER, type JobRunner } from './runners/job-runner.js';

@Module({
  controllers: [JobsController],
  providers: [
    { provide: JobStore, inject: [DataSource], useFactory: (dataSource: DataSource) => new JobStore(dataSource) },
    {
      provide: JOB_SETTINGS,
      inject: [ConfigService],
      useFactory: (config: ConfigService): JobSettings => ({
        maxAttempts: config.getOrThrow<number>('JOBS_MAX_ATTEMPTS'),
        maxActiveJobs: config.getOrThrow<number>('JOBS_MAX_ACTIVE'),
        maxActiveJobsPerClient: config.getOrThrow<number>('JOBS_MAX_ACTIVE_PER_CLIENT'),
      }),
    },
    {
      provide: JOB_RUNNER,
      inject: [ConfigService, JobStore],
      useFactory: (config: ConfigService, store: JobStore): JobRunner => {
        const redisUrl = config.get<string>('REDIS_URL');
        const runner: JobRunner = redisUrl
          ? new BullMqRunner(redisUrl, config.getOrThrow<number>('JOBS_MAX_ATTEMPTS'))
          : new InProcessRunner(store, config.getOrThrow<number>('JOBS_WORKER_THREADS'), `${hostname()}:${process.pid}:api`);
        new Logger('JobsModule').log(redisUrl ? `jobs run on capsim workers via BullMQ at ${new URL(redisUrl).host}` : `jobs run in-process on ${config.getOrThrow<number>('JOBS_WORKER_THREADS')} worker threads`);
        return runner;
      },
    },
    JobsService,
  ],
  exports: [JobsService],
})
export class JobsModule {}
