import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written SQL so that one migration set runs on embedded PGlite and on a PostgreSQL
 * server alike; gen_random_uuid() is built in since PostgreSQL 13, so no extension is needed.
 */
export class CreateScenariosAndEvaluations1764374400000 implements MigrationInterface {
  name = 'CreateScenariosAndEvaluations1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "scenarios" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "name" varchar(200) NOT NULL,
        "description" text NOT NULL DEFAULT '',
        "spec" jsonb NOT NULL,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "idx_scenarios_created_at" ON "scenarios" ("created_at" DESC, "id")`);
    await queryRunner.query(`
      CREATE TABLE "evaluations" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "scenario_id" uuid NOT NULL REFERENCES "scenarios" ("id") ON DELETE CASCADE,
        "scenario_version" integer NOT NULL,
        "gpus_at_peak" integer NOT NULL,
        "cost_cny_per_30_day_month" double precision NOT NULL,
        "result" jsonb NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "idx_evaluations_scenario" ON "evaluations" ("scenario_id", "created_at" DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "evaluations"`);
    await queryRunner.query(`DROP TABLE "scenarios"`);
  }
}
