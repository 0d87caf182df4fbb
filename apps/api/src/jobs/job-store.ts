import { HttpStatus } from '@nestjs/common';
import { type DataSource, type EntityManager, IsNull } from 'typeorm';
import { visibleToTeam } from '../auth/team-scope.js';
import { ApiError, ErrorCode } from '../common/api-error.js';
import { jobProgressWithChunk } from './chunk-progress.js';
import { JobEntity, JobResultEntity } from './job.entities.js';
import { ACTIVE_JOB_STATES, type JobState, type JobType } from './job-types.js';

/**
 * Every read and write of job records, over one DataSource. Plain class (no Nest) because the
 * API and `capsim worker` processes on other hosts use it alike. Each state change is one
 * transaction that locks the job row first (SELECT … FOR UPDATE), so chunks finishing at the same
 * moment on different hosts serialise, and a job's result is written in the transaction that
 * marks it succeeded: a job is either complete or it is not there.
 */
export interface SubmitRequest {
  readonly type: JobType;
  readonly inputs: Record<string, unknown>;
  readonly inputsHash: string;
  readonly idempotencyKey: string | null;
  readonly clientKey: string;
  readonly chunkInputs: readonly unknown[];
  readonly maxAttempts: number;
  /** The submitting caller's team (auth/team-scope.ts); absent or null = no team (open mode). Idempotency keys are looked up within it. */
  readonly team?: string | null;
}

export interface AdmissionLimits {
  /** Queue depth: queued + running jobs over all clients. */
  readonly maxActiveJobs: number;
  /** Queued + running jobs of one client key. */
  readonly maxActiveJobsPerClient: number;
}

export interface ChunkRef {
  readonly jobId: string;
  readonly type: JobType;
  readonly chunkIndex: number;
}

export type ChunkStart =
  | { readonly kind: 'run'; readonly attempt: number; readonly maxAttempts: number; readonly input: unknown }
  | { readonly kind: 'skip'; readonly reason: string }
  | { readonly kind: 'gave-up'; readonly reason: string };

/** Which team's jobs a reader may see: a team name, or null for every team (the anonymous caller of open mode). */
export type JobVisibility = string | null;

export interface JobListFilter {
  readonly visibleTo: JobVisibility;
  readonly type?: JobType;
  readonly state?: JobState;
  readonly limit: number;
  readonly offset: number;
}

/**
 * SQL for the finish time a progress fraction implies at the pace since the job started: the time
 * taken so far × (1 − p) / p from now. `fraction` is the query parameter holding p, e.g. '$3'.
 */
function estimatedFinishAt(fraction: string): string {
  return `now() + (now() - "started_at") * ((1 - ${fraction}::double precision) / ${fraction}::double precision)`;
}

/** Same lock id everywhere: one submission at a time passes admission control (counts, then inserts). */
const SUBMIT_LOCK_ID = 7_340_031;

const LOST_WORKER = 'the worker running it stopped (killed, crashed or lost its lock) before finishing';

export class JobStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Creates the job and its chunks, or returns the job an earlier submission with the same idempotency key created. */
  async submit(request: SubmitRequest, limits: AdmissionLimits): Promise<{ job: JobEntity; created: boolean }> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [SUBMIT_LOCK_ID]);
      if (request.idempotencyKey !== null) {
        // Within the caller's team only: another team's job with the same key is neither returned nor hinted at.
        const existing = await tx.findOne(JobEntity, { where: { idempotencyKey: request.idempotencyKey, team: request.team ?? IsNull() } });
        if (existing) {
          if (existing.type !== request.type || existing.inputsHash !== request.inputsHash) {
            throw new ApiError(
              HttpStatus.CONFLICT,
              ErrorCode.IdempotencyConflict,
              `Idempotency-Key ${request.idempotencyKey} was used for job ${existing.id} with different inputs; use a new key`,
              [{ field: 'Idempotency-Key', reason: 'already used with different inputs' }],
            );
          }
          return { job: existing, created: false };
        }
      }
      const [counts] = (await tx.query(
        `SELECT count(*)::int AS "all", count(*) FILTER (WHERE "client_key" = $1)::int AS "client"
           FROM "jobs" WHERE "state" IN ('queued', 'running')`,
        [request.clientKey],
      )) as [{ all: number; client: number }];
      if (counts.all >= limits.maxActiveJobs) {
        throw new ApiError(
          HttpStatus.SERVICE_UNAVAILABLE,
          ErrorCode.QueueFull,
          `the job queue is full: ${counts.all} jobs queued or running, limit ${limits.maxActiveJobs} (JOBS_MAX_ACTIVE); retry later`,
        );
      }
      if (counts.client >= limits.maxActiveJobsPerClient) {
        throw new ApiError(
          HttpStatus.TOO_MANY_REQUESTS,
          ErrorCode.TooManyJobs,
          `client ${request.clientKey} has ${counts.client} jobs queued or running, limit ${limits.maxActiveJobsPerClient} (JOBS_MAX_ACTIVE_PER_CLIENT); wait for one to finish or cancel one`,
        );
      }
      const job = await tx.save(
        tx.create(JobEntity, {
          type: request.type,
          state: 'queued',
          inputs: request.inputs,
          inputsHash: request.inputsHash,
          idempotencyKey: request.idempotencyKey,
          clientKey: request.clientKey,
          chunksTotal: request.chunkInputs.length,
          maxAttempts: request.maxAttempts,
          team: request.team ?? null,
        }),
      );
      // One multi-row INSERT per 500 chunks keeps the statement size bounded.
      for (let start = 0; start < request.chunkInputs.length; start += 500) {
        const slice = request.chunkInputs.slice(start, start + 500);
        const values = slice.map((_, i) => `($1, $${i * 2 + 2}, $${i * 2 + 3})`).join(', ');
        const params: unknown[] = [job.id];
        slice.forEach((input, i) => params.push(start + i, JSON.stringify(input)));
        await tx.query(`INSERT INTO "job_chunks" ("job_id", "chunk_index", "input") VALUES ${values}`, params);
      }
      return { job, created: true };
    });
  }

  private async lockJob(tx: EntityManager, jobId: string): Promise<JobEntity | null> {
    return tx.getRepository(JobEntity).createQueryBuilder('job').setLock('pessimistic_write').where('job.id = :jobId', { jobId }).getOne();
  }

  /** Claims a chunk for one attempt. Counts the attempt before running, so an attempt whose worker is SIGKILLed still counts. */
  async startChunk(ref: ChunkRef, worker: string): Promise<ChunkStart> {
    return this.dataSource.transaction(async (tx) => {
      const job = await this.lockJob(tx, ref.jobId);
      if (!job) return { kind: 'skip', reason: 'job no longer exists' };
      if (job.state !== 'queued' && job.state !== 'running') return { kind: 'skip', reason: `job is ${job.state}` };
      const [chunk] = (await tx.query(`SELECT "state", "attempts", "error", "input" FROM "job_chunks" WHERE "job_id" = $1 AND "chunk_index" = $2`, [
        ref.jobId,
        ref.chunkIndex,
      ])) as [{ state: string; attempts: number; error: string | null; input: unknown }?];
      if (!chunk) return { kind: 'skip', reason: 'no such chunk' };
      if (chunk.state === 'succeeded' || chunk.state === 'failed') return { kind: 'skip', reason: `chunk is ${chunk.state}` };
      const attempt = chunk.attempts + 1;
      if (attempt > job.maxAttempts) {
        const reason = `chunk ${ref.chunkIndex} gave up after ${chunk.attempts} attempts; last: ${chunk.error ?? LOST_WORKER}`;
        await this.failJob(tx, job, ref.chunkIndex, reason);
        return { kind: 'gave-up', reason };
      }
      await tx.query(
        `UPDATE "job_chunks" SET "state" = 'running', "attempts" = $3, "worker" = $4, "started_at" = now() WHERE "job_id" = $1 AND "chunk_index" = $2`,
        [ref.jobId, ref.chunkIndex, attempt, worker],
      );
      await tx.query(
        `UPDATE "jobs" SET "state" = 'running', "started_at" = COALESCE("started_at", now()), "attempts" = GREATEST("attempts", $2), "updated_at" = now() WHERE "id" = $1`,
        [ref.jobId, attempt],
      );
      return { kind: 'run', attempt, maxAttempts: job.maxAttempts, input: chunk.input };
    });
  }

  /**
   * Stores a chunk's output and advances progress; the chunk that completes the job combines all
   * outputs and stores the result in the same transaction. Outputs for a job that was cancelled or
   * failed meanwhile, or a chunk another worker already finished, are dropped.
   */
  async completeChunk(ref: ChunkRef, output: unknown, combine: (inputs: Record<string, unknown>, outputs: unknown[]) => unknown): Promise<'stored' | 'finished' | 'dropped'> {
    return this.dataSource.transaction(async (tx) => {
      const job = await this.lockJob(tx, ref.jobId);
      if (!job || (job.state !== 'running' && job.state !== 'queued')) return 'dropped';
      const updated = (await tx.query(
        `UPDATE "job_chunks" SET "state" = 'succeeded', "output" = $3, "error" = NULL, "finished_at" = now()
          WHERE "job_id" = $1 AND "chunk_index" = $2 AND "state" NOT IN ('succeeded', 'failed') RETURNING "chunk_index"`,
        [ref.jobId, ref.chunkIndex, JSON.stringify(output)],
      )) as unknown[];
      if (updated.length === 0) return 'dropped';
      const chunksDone = job.chunksDone + 1;
      if (chunksDone < job.chunksTotal) {
        const progress = chunksDone / job.chunksTotal;
        await tx.query(
          `UPDATE "jobs" SET "chunks_done" = $2, "progress_fraction" = $3, "estimated_finish_at" = ${estimatedFinishAt('$3')},
             "updated_at" = now() WHERE "id" = $1`,
          [ref.jobId, chunksDone, progress],
        );
        return 'stored';
      }
      const rows = (await tx.query(`SELECT "output" FROM "job_chunks" WHERE "job_id" = $1 ORDER BY "chunk_index"`, [ref.jobId])) as { output: unknown }[];
      const result = combine(job.inputs, rows.map((r) => r.output));
      await tx.insert(JobResultEntity, { jobId: ref.jobId, result: result as object });
      await tx.query(
        `UPDATE "jobs" SET "state" = 'succeeded', "chunks_done" = $2, "progress_fraction" = 1, "estimated_finish_at" = now(),
           "finished_at" = now(), "updated_at" = now() WHERE "id" = $1`,
        [ref.jobId, chunksDone],
      );
      return 'finished';
    });
  }

  /**
   * A running chunk's own progress (fraction of that chunk) as the job's progressFraction, with the
   * ETA from it as completeChunk computes it (estimatedFinishAt). Only rises, and stays below 1
   * (jobProgressWithChunk); a report that arrives after its chunk or job finished, or for a job
   * that is not running, changes nothing. Under the job row's lock the chunk's state is read
   * after any completeChunk that got there first, so a finished chunk is never counted twice.
   */
  async reportChunkProgress(ref: ChunkRef, chunkFraction: number): Promise<boolean> {
    if (!(chunkFraction > 0)) return false;
    return this.dataSource.transaction(async (tx) => {
      const job = await this.lockJob(tx, ref.jobId);
      if (!job || job.state !== 'running') return false;
      const [chunk] = (await tx.query(`SELECT "state" FROM "job_chunks" WHERE "job_id" = $1 AND "chunk_index" = $2`, [ref.jobId, ref.chunkIndex])) as [{ state: string }?];
      if (chunk?.state !== 'running') return false;
      const progress = jobProgressWithChunk(job.chunksDone, job.chunksTotal, chunkFraction);
      if (!(progress > job.progressFraction)) return false;
      await tx.query(
        `UPDATE "jobs" SET "progress_fraction" = $2, "estimated_finish_at" = ${estimatedFinishAt('$2')}, "updated_at" = now() WHERE "id" = $1`,
        [ref.jobId, progress],
      );
      return true;
    });
  }

  /** Records a failed attempt; on the last allowed attempt (or `final`) the chunk and its job fail with the reason. */
  async failChunkAttempt(ref: ChunkRef, reason: string, final: boolean): Promise<'retry' | 'failed' | 'dropped'> {
    return this.dataSource.transaction(async (tx) => {
      const job = await this.lockJob(tx, ref.jobId);
      if (!job || (job.state !== 'running' && job.state !== 'queued')) return 'dropped';
      const [chunk] = (await tx.query(`SELECT "state", "attempts" FROM "job_chunks" WHERE "job_id" = $1 AND "chunk_index" = $2`, [ref.jobId, ref.chunkIndex])) as [
        { state: string; attempts: number }?,
      ];
      if (!chunk || chunk.state === 'succeeded' || chunk.state === 'failed') return 'dropped';
      if (final || chunk.attempts >= job.maxAttempts) {
        await this.failJob(tx, job, ref.chunkIndex, `chunk ${ref.chunkIndex} failed after ${chunk.attempts} attempts; last: ${reason}`);
        return 'failed';
      }
      await tx.query(`UPDATE "job_chunks" SET "state" = 'queued', "error" = $3 WHERE "job_id" = $1 AND "chunk_index" = $2`, [ref.jobId, ref.chunkIndex, reason]);
      return 'retry';
    });
  }

  private async failJob(tx: EntityManager, job: JobEntity, chunkIndex: number, reason: string): Promise<void> {
    await tx.query(`UPDATE "job_chunks" SET "state" = 'failed', "error" = $3, "finished_at" = now() WHERE "job_id" = $1 AND "chunk_index" = $2`, [
      job.id,
      chunkIndex,
      reason,
    ]);
    await tx.query(`UPDATE "jobs" SET "state" = 'failed', "error" = $2, "finished_at" = now(), "updated_at" = now() WHERE "id" = $1`, [job.id, reason]);
  }

  /** Cancels a queued or running job; chunks in flight finish but their output is dropped. */
  async cancel(jobId: string, visibleTo: JobVisibility): Promise<JobEntity> {
    return this.dataSource.transaction(async (tx) => {
      const job = await this.lockJob(tx, jobId);
      if (!job || !visible(job, visibleTo)) throw ApiError.notFound('job', jobId);
      if (job.state !== 'queued' && job.state !== 'running') {
        throw new ApiError(HttpStatus.CONFLICT, ErrorCode.JobStateConflict, `job ${jobId} is already ${job.state}; only queued or running jobs can be cancelled`);
      }
      await tx.query(`UPDATE "jobs" SET "state" = 'cancelled', "finished_at" = now(), "updated_at" = now() WHERE "id" = $1`, [jobId]);
      return (await tx.findOneByOrFail(JobEntity, { id: jobId }));
    });
  }

  /** A job by id, for workers and readers alike; `visibleTo` (a reader's team) answers another team's job as missing. */
  async get(jobId: string, visibleTo: JobVisibility = null): Promise<JobEntity | null> {
    return this.dataSource.getRepository(JobEntity).findOneBy({ id: jobId, ...visibleToTeam(visibleTo) });
  }

  async list(filter: JobListFilter): Promise<{ items: JobEntity[]; total: number }> {
    const [items, total] = await this.dataSource.getRepository(JobEntity).findAndCount({
      where: { ...visibleToTeam(filter.visibleTo), ...(filter.type ? { type: filter.type } : {}), ...(filter.state ? { state: filter.state } : {}) },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: filter.limit,
      skip: filter.offset,
    });
    return { items, total };
  }

  async result(jobId: string): Promise<unknown> {
    const row = await this.dataSource.getRepository(JobResultEntity).findOneBy({ jobId });
    return row?.result ?? null;
  }

  /** Chunks still to do of every queued or running job: what a restarted runner re-enqueues. */
  async pendingChunks(jobId?: string): Promise<ChunkRef[]> {
    const rows = (await this.dataSource.query(
      `SELECT c."job_id" AS "jobId", j."type" AS "type", c."chunk_index" AS "chunkIndex"
         FROM "job_chunks" c JOIN "jobs" j ON j."id" = c."job_id"
        WHERE j."state" IN (${ACTIVE_JOB_STATES.map((s) => `'${s}'`).join(', ')}) AND c."state" IN ('queued', 'running')
          ${jobId ? 'AND j."id" = $1' : ''}
        ORDER BY j."created_at", c."chunk_index"`,
      jobId ? [jobId] : [],
    )) as ChunkRef[];
    return rows;
  }
}

function visible(job: JobEntity, visibleTo: JobVisibility): boolean {
  return visibleTo === null || job.team === visibleTo;
}
