import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Jobs, their chunks and their results (hand-written SQL: runs on PGlite and PostgreSQL 15).
 * A job's result lives in its own table, written in the same transaction that moves the job to
 * 'succeeded', so a job is either complete with its result or not complete at all; listing jobs
 * never drags results along.
 */
export class CreateJobs1764460800000 implements MigrationInterface {
  name = 'CreateJobs1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "jobs" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "type" varchar(40) NOT NULL,
        "state" varchar(16) NOT NULL DEFAULT 'queued'
          CHECK ("state" IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
        "inputs" jsonb NOT NULL,
        "inputs_hash" char(64) NOT NULL,
        "idempotency_key" varchar(200) UNIQUE,
        "client_key" varchar(200) NOT NULL,
        "chunks_total" integer NOT NULL,
        "chunks_done" integer NOT NULL DEFAULT 0,
        "progress_fraction" double precision NOT NULL DEFAULT 0,
        "estimated_finish_at" timestamptz,
        "attempts" integer NOT NULL DEFAULT 0,
        "max_attempts" integer NOT NULL,
        "error" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "started_at" timestamptz,
        "finished_at" timestamptz,
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "idx_jobs_created_at" ON "jobs" ("created_at" DESC, "id")`);
    // Partial index: admission control counts active jobs (overall and per client) on every submission.
    await queryRunner.query(`CREATE INDEX "idx_jobs_active_client" ON "jobs" ("client_key") WHERE "state" IN ('queued', 'running')`);
    await queryRunner.query(`
      CREATE TABLE "job_chunks" (
        "job_id" uuid NOT NULL REFERENCES "jobs" ("id") ON DELETE CASCADE,
        "chunk_index" integer NOT NULL,
        "state" varchar(16) NOT NULL DEFAULT 'queued'
          CHECK ("state" IN ('queued', 'running', 'succeeded', 'failed')),
        "input" jsonb NOT NULL,
        "output" jsonb,
        "attempts" integer NOT NULL DEFAULT 0,
        "worker" varchar(200),
        "error" text,
        "started_at" timestamptz,
        "finished_at" timestamptz,
        PRIMARY KEY ("job_id", "chunk_index")
      )`);
    await queryRunner.query(`
      CREATE TABLE "job_results" (
        "job_id" uuid PRIMARY KEY REFERENCES "jobs" ("id") ON DELETE CASCADE,
        "result" jsonb NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "job_results"`);
    await queryRunner.query(`DROP TABLE "job_chunks"`);
    await queryRunner.query(`DROP TABLE "jobs"`);
  }
}
