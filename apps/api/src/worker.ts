/**
 * `capsim worker` (npm run worker): takes chunks of jobs from the BullMQ queue in Redis and runs
 * them, reading inputs from and writing outputs to the same PostgreSQL as the API. Start as many
 * as you like, on as many hosts as you like, one per core (WORKER_CONCURRENCY=1): each needs only
 * REDIS_URL and DATABASE_URL. No Nest here: a worker is a queue consumer, not a web app.
 *
 * A worker that is killed (even SIGKILL) loses the lock on its chunk; after JOBS_LOCK_MS another
 * worker's stalled check puts the chunk back in the queue and it runs again, with its attempts
 * counted in PostgreSQL. SIGTERM / SIGINT finish the chunk in hand, then exit.
 */
import 'reflect-metadata';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { validateEnvironment } from './config/environment.js';
import { dataSourceOptions, describeDatabase } from './database/data-source-options.js';
import { jobHandler } from './jobs/job-handlers.js';
import { type ChunkRef, JobStore } from './jobs/job-store.js';
import { CHUNK_QUEUE, redisConnection } from './jobs/runners/bullmq-runner.js';
import { executeChunk } from './jobs/runners/execute-chunk.js';

const STALLED_LIMIT_MESSAGE = /stalled more than/i;

async function waitForSchema(dataSource: DataSource, logger: Logger): Promise<void> {
  // The API applies migrations at boot; a worker never does, so that several hosts starting at once cannot race on DDL.
  for (let i = 0; i < 120; i++) {
    if (!(await dataSource.showMigrations())) return;
    if (i === 0) logger.warn('database has pending migrations: waiting for the API to apply them');
    await sleep(500);
  }
  throw new Error('database schema is not migrated after 60 s: start the API once against this DATABASE_URL');
}

async function main(): Promise<void> {
  const env = validateEnvironment(process.env);
  const logger = new Logger('capsim-worker');
  if (!env.REDIS_URL || !env.DATABASE_URL) {
    throw new Error('capsim worker needs REDIS_URL (the queue) and DATABASE_URL (the job records)');
  }
  const dataSource = new DataSource({ ...dataSourceOptions({ databaseUrl: env.DATABASE_URL, pgliteDataDir: env.PGLITE_DATA_DIR, queryTimeoutMs: env.DATABASE_QUERY_TIMEOUT_MS }), migrationsRun: false });
  await dataSource.initialize();
  await waitForSchema(dataSource, logger);
  const store = new JobStore(dataSource);
  const name = `${hostname()}:${process.pid}`;
  const connection = redisConnection(env.REDIS_URL);

  const worker = new Worker<ChunkRef>(
    CHUNK_QUEUE,
    async (job) => {
      const outcome = await executeChunk(store, job.data, name, async (ref, input, onProgress) => jobHandler(ref.type).runChunk(input, { reportProgress: onProgress }));
      // BullMQ retries a thrown attempt after its backoff; the attempt was already counted in PostgreSQL.
      if (outcome === 'retry') throw new Error(`chunk ${job.data.chunkIndex} of job ${job.data.jobId} failed; retrying`);
      return outcome;
    },
    {
      connection,
      name,
      concurrency: env.WORKER_CONCURRENCY,
      lockDuration: env.JOBS_LOCK_MS,
      stalledInterval: env.JOBS_STALLED_INTERVAL_MS,
      // PostgreSQL's attempt count is the bound (JOBS_MAX_ATTEMPTS, stored on each job); this only keeps BullMQ from giving up first.
      maxStalledCount: 20,
    },
  );
  worker.on('failed', (job, error) => {
    if (!job) return;
    const final = STALLED_LIMIT_MESSAGE.test(error.message) || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (!final) return;
    store.failChunkAttempt(job.data, error.message, true).catch((e: unknown) => logger.error(`recording failure of ${job.id}: ${String(e)}`));
  });
  worker.on('error', (error) => logger.error(`queue: ${error.message}`));
  await worker.waitUntilReady();
  logger.log(`worker ${name} taking chunks from ${CHUNK_QUEUE} at ${new URL(env.REDIS_URL).host}, records in ${describeDatabase({ databaseUrl: env.DATABASE_URL, pgliteDataDir: '' })}`);

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: finishing the chunk in hand, then exiting`);
    await worker.close();
    connection.disconnect();
    await dataSource.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(`capsim worker: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
