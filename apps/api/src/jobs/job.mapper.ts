import type { JobResponseDto } from './dto/job.dto.js';
import type { JobEntity } from './job.entities.js';
import type { JobType } from './job-types.js';

/** Entity → response; the clock is read here, at the edge, for the ETA and elapsed time. */
export function toJobResponse(job: JobEntity, nowMs: number): JobResponseDto {
  const active = job.state === 'queued' || job.state === 'running';
  const etaSeconds = active && job.estimatedFinishAt ? Math.max(0, (job.estimatedFinishAt.getTime() - nowMs) / 1000) : null;
  const end = job.finishedAt?.getTime() ?? nowMs;
  return {
    id: job.id,
    type: job.type as JobType,
    state: job.state,
    progressFraction: job.progressFraction,
    chunksDone: job.chunksDone,
    chunksTotal: job.chunksTotal,
    etaSeconds,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    error: job.error,
    inputsHash: job.inputsHash,
    idempotencyKey: job.idempotencyKey,
    clientKey: job.clientKey,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    updatedAt: job.updatedAt.toISOString(),
    elapsedSeconds: job.startedAt ? Math.max(0, (end - job.startedAt.getTime()) / 1000) : null,
    links: { self: `/v1/jobs/${job.id}`, result: `/v1/jobs/${job.id}/result`, cancel: `/v1/jobs/${job.id}/cancel` },
  };
}
