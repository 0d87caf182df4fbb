import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Stored forecasts (issue #6). Hand-written SQL for PGlite and PostgreSQL alike. */
export class CreateForecasts1764547200000 implements MigrationInterface {
  name = 'CreateForecasts1764547200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "forecasts" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "name" varchar(200) NOT NULL DEFAULT '',
        "spec" jsonb NOT NULL,
        "fit" jsonb,
        "samples" integer NOT NULL,
        "months" integer NOT NULL,
        "cny_per_usd" double precision NOT NULL,
        "job_id" uuid,
        "result" jsonb,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "idx_forecasts_created_at" ON "forecasts" ("created_at" DESC, "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "forecasts"`);
  }
}
