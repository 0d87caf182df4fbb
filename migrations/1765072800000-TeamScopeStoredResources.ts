import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every stored resource belongs to a team, as scenarios do (1764892800000): jobs, forecasts,
 * calibration profiles, traces, simulations and autoscaling plans get a nullable `team`. Rows from
 * before keep NULL: like a scenario without a team, only the anonymous caller of open mode sees
 * them; a keyed caller gets 404 (assign a team with SQL before switching to required keys).
 *
 * An Idempotency-Key is unique per team (NULL = the open-mode namespace), not globally: one team's
 * key must neither return nor reveal another team's job.
 */
export class TeamScopeStoredResources1765072800000 implements MigrationInterface {
  name = 'TeamScopeStoredResources1765072800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await queryRunner.query(`ALTER TABLE "${table}" ADD COLUMN "team" varchar(64)`);
    // The two tables with list endpoints filter by team and page by created_at.
    await queryRunner.query(`CREATE INDEX "idx_jobs_team_created_at" ON "jobs" ("team", "created_at" DESC, "id")`);
    await queryRunner.query(`CREATE INDEX "idx_calibration_profiles_team_created_at" ON "calibration_profiles" ("team", "created_at" DESC, "id")`);
    // PostgreSQL's name for the column's UNIQUE constraint of CreateJobs1764460800000.
    await queryRunner.query(`ALTER TABLE "jobs" DROP CONSTRAINT "jobs_idempotency_key_key"`);
    // Team slugs are non-empty, so '' stands for "no team" without colliding with one.
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_jobs_team_idempotency_key" ON "jobs" ((COALESCE("team", '')), "idempotency_key")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_jobs_team_idempotency_key"`);
    // Fails if two teams have used the same key meanwhile: resolve those rows first.
    await queryRunner.query(`ALTER TABLE "jobs" ADD CONSTRAINT "jobs_idempotency_key_key" UNIQUE ("idempotency_key")`);
    await queryRunner.query(`DROP INDEX "idx_calibration_profiles_team_created_at"`);
    await queryRunner.query(`DROP INDEX "idx_jobs_team_created_at"`);
    for (const table of TABLES) await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "team"`);
  }
}

const TABLES = ['jobs', 'forecasts', 'calibration_profiles', 'traces', 'simulations', 'autoscaling_plans'] as const;
