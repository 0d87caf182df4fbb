import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Uploaded traces, stored simulations and autoscaling plans (issue #5). */
export class CreateSimulationsPlansTraces1764986400000 implements MigrationInterface {
  name = 'CreateSimulationsPlansTraces1764986400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "traces" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "name" varchar(200) NOT NULL DEFAULT '',
        "format" varchar(32) NOT NULL,
        "request_count" integer NOT NULL,
        "duration_seconds" double precision NOT NULL,
        "size_bytes" bigint NOT NULL,
        "requests" jsonb NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "simulations" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "name" varchar(200) NOT NULL DEFAULT '',
        "request" jsonb NOT NULL,
        "job_id" uuid NOT NULL,
        "result" jsonb,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "autoscaling_plans" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "name" varchar(200) NOT NULL DEFAULT '',
        "request" jsonb NOT NULL,
        "gpus_per_replica" integer NOT NULL,
        "job_id" uuid NOT NULL,
        "result" jsonb,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "autoscaling_plans"`);
    await queryRunner.query(`DROP TABLE "simulations"`);
    await queryRunner.query(`DROP TABLE "traces"`);
  }
}
