import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import type { TestApp } from './test-app.js';

/** A sweep base every jobs spec shares: Mixtral 8x7B, explicit SLO targets (a sweep ranks by SLO headroom). */
export const SWEEP_BASE = {
  modelId: 'mixtral-8x7b',
  gpuId: 'a100-80gb',
  quantization: { weights: 'bf16', kvCache: 'bf16' },
  workload: { dailyActiveUsers: 100_000, tokensPerUserPerDay: 20_000 },
  slo: { ttftSeconds: 2, tpotSeconds: 0.05 },
};

const GPU_IDS = ['a100-40gb', 'a100-80gb', 'b200', 'h100-sxm', 'h20', 'h200', 'h800', 'l40s'];
const QUANTIZATIONS = [
  { weights: 'bf16', kvCache: 'bf16' },
  { weights: 'fp8', kvCache: 'fp8' },
  { weights: 'int8-w8a16', kvCache: 'bf16' },
  { weights: 'int4-w4a16', kvCache: 'int8' },
];

/** A grid of 8 GPUs × 4 formats × 4 TP sizes × `batchCaps` batch caps (128 × batchCaps points). */
export function sweepRequest(batchCaps: number, pointsPerChunk: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    base: SWEEP_BASE,
    parameters: {
      gpuIds: GPU_IDS,
      quantizations: QUANTIZATIONS,
      tensorParallelSizes: [1, 2, 4, 8],
      maxBatchSequences: Array.from({ length: batchCaps }, (_, i) => 16 * (i + 1)),
    },
    pointsPerChunk,
    ...extra,
  };
}

export interface JobView {
  id: string;
  state: string;
  progressFraction: number;
  chunksDone: number;
  chunksTotal: number;
  etaSeconds: number | null;
  attempts: number;
  error: string | null;
}

export async function getJob(app: TestApp, id: string): Promise<JobView> {
  return (await request(app.http).get(`/v1/jobs/${id}`).expect(200)).body as JobView;
}

/** Polls GET /v1/jobs/:id every `everyMs` until `done` says so; returns every state seen (to check progress). */
export async function pollJob(app: TestApp, id: string, done: (job: JobView) => boolean, timeoutMs = 30_000, everyMs = 50): Promise<JobView[]> {
  const seen: JobView[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await getJob(app, id);
    seen.push(job);
    if (done(job)) return seen;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job.state} at ${job.progressFraction} after ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}

export const finished = (job: JobView): boolean => !['queued', 'running'].includes(job.state);
