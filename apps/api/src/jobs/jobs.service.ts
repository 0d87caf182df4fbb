import { HttpStatus, Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { teamOf } from '../auth/team-scope.js';
import { ApiError, ErrorCode } from '../common/api-error.js';
import type { JobPage, JobResponseDto, JobResultResponseDto, ListJobsQueryDto } from './dto/job.dto.js';
import { jobHandler } from './job-handlers.js';
import { toJobResponse } from './job.mapper.js';
import { type AdmissionLimits, JobStore } from './job-store.js';
import type { JobType } from './job-types.js';
import { inputsHash } from './inputs-hash.js';
import { JOB_RUNNER, type JobRunner } from './runners/job-runner.js';
import { DEFAULT_PAGE_SIZE } from '../common/pagination.js';

export const JOB_SETTINGS = Symbol('JOB_SETTINGS');

export interface JobSettings extends AdmissionLimits {
  readonly maxAttempts: number;
}

export interface SubmitOptions {
  readonly idempotencyKey: string | null;
  readonly clientKey: string;
}

/** The one way features start long work: submit → 202 with a job id; the runner does the rest. */
@Injectable()
export class JobsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobsService.name);

  constructor(
    private readonly store: JobStore,
    @Inject(JOB_RUNNER) private readonly runner: JobRunner,
    @Inject(JOB_SETTINGS) private readonly settings: JobSettings,
  ) {}

  /** Resume: chunks of unfinished jobs go back to the runner (a no-op for chunks BullMQ still holds). */
  async onApplicationBootstrap(): Promise<void> {
    this.runner.onReconnect?.(() => {
      this.resume().catch((e: unknown) => this.logger.error(`re-enqueueing after the queue reconnected: ${String(e)}`));
    });
    await this.resume();
  }

  private async resume(): Promise<void> {
    const pending = await this.store.pendingChunks();
    if (pending.length > 0) {
      this.logger.log(`resuming ${new Set(pending.map((c) => c.jobId)).size} unfinished jobs (${pending.length} chunks) on the ${this.runner.kind} runner`);
      await this.runner.enqueue(pending);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.runner.close();
  }

  get runnerKind(): JobRunner['kind'] {
    return this.runner.kind;
  }

  /**
   * Splits the inputs into chunks (the handler's pure split, which throws RangeError → 400 on bad
   * inputs), stores job and chunks in one transaction, then hands the chunks to the runner.
   */
  async submit(type: JobType, inputs: Record<string, unknown>, options: SubmitOptions, caller: Principal): Promise<{ job: JobResponseDto; created: boolean }> {
    const chunkInputs = jobHandler(type).split(inputs);
    const { job, created } = await this.store.submit(
      { type, inputs, inputsHash: inputsHash(type, inputs), idempotencyKey: options.idempotencyKey, clientKey: options.clientKey, chunkInputs, maxAttempts: this.settings.maxAttempts, team: teamOf(caller) },
      this.settings,
    );
    if (created) await this.runner.enqueue(chunkInputs.map((_, chunkIndex) => ({ jobId: job.id, type, chunkIndex })));
    return { job: toJobResponse(job, Date.now()), created };
  }

  /** Team-scoped like every stored resource (auth/team-scope.ts): another team's job is "not found". */
  async list(query: ListJobsQueryDto, caller: Principal): Promise<JobPage> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const offset = query.offset ?? 0;
    const { items, total } = await this.store.list({ visibleTo: caller.team, ...(query.type ? { type: query.type } : {}), ...(query.state ? { state: query.state } : {}), limit, offset });
    const now = Date.now();
    return { items: items.map((j) => toJobResponse(j, now)), total, limit, offset };
  }

  async get(id: string, caller: Principal, type?: JobType): Promise<JobResponseDto> {
    const job = await this.store.get(id, caller.team);
    if (!job || (type && job.type !== type)) throw ApiError.notFound(type ?? 'job', id);
    return toJobResponse(job, Date.now());
  }

  async result(id: string, caller: Principal, type?: JobType): Promise<JobResultResponseDto> {
    const job = await this.get(id, caller, type);
    if (job.state !== 'succeeded') {
      const why = job.state === 'failed' ? `failed: ${job.error}` : job.state === 'cancelled' ? 'was cancelled' : `is ${job.state} (${Math.round(job.progressFraction * 100)} % done)`;
      throw new ApiError(HttpStatus.CONFLICT, ErrorCode.JobStateConflict, `job ${id} has no result: it ${why}`);
    }
    return { jobId: id, type: job.type, result: await this.store.result(id) };
  }

  /** The inputs a job was submitted with (for features that present their own view of a job). */
  async inputsOf<T>(id: string, caller: Principal): Promise<T> {
    const job = await this.store.get(id, caller.team);
    if (!job) throw ApiError.notFound('job', id);
    return job.inputs as T;
  }

  async cancel(id: string, caller: Principal): Promise<JobResponseDto> {
    const job = await this.store.cancel(id, caller.team);
    await this.runner.forget(id, job.chunksTotal);
    return toJobResponse(job, Date.now());
  }
}
