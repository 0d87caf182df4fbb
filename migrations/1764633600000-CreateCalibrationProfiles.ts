import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Stored calibration profiles (issue #4). Hand-written SQL for PGlite and PostgreSQL alike. */
export class CreateCalibrationProfiles1764633600000 implements MigrationInterface {
  name = 'CreateCalibrationProfiles1764633600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "calibration_profiles" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "name" varchar(200) NOT NULL DEFAULT '',
        "origin" varchar(40) NOT NULL,
        "origin_inputs" jsonb,
        "measurement_set" jsonb,
        "fit" jsonb,
        "moe_check" jsonb,
        "efficiency" jsonb,
        "job_id" uuid,
        "failure" text,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "idx_calibration_profiles_created_at" ON "calibration_profiles" ("created_at" DESC, "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "calibration_profiles"`);
  }
}
