import type { MigrationInterface, QueryRunner } from 'typeorm';

/** API keys (stored as SHA-256 only) and the owner / team of each scenario, for team-scoped access. */
export class CreateApiKeysAndScenarioOwners1764892800000 implements MigrationInterface {
  name = 'CreateApiKeysAndScenarioOwners1764892800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "api_keys" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "name" varchar(100) NOT NULL,
        "team" varchar(64) NOT NULL,
        "role" varchar(16) NOT NULL CHECK ("role" IN ('viewer', 'analyst', 'operator', 'admin')),
        "key_hash" char(64) NOT NULL UNIQUE,
        "key_prefix" varchar(16) NOT NULL,
        "created_by" varchar(64) NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "revoked_at" timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX "idx_api_keys_created_at" ON "api_keys" ("created_at" DESC, "id")`);
    // Nullable: scenarios stored before keys existed (or in open mode) have no owner.
    await queryRunner.query(`ALTER TABLE "scenarios" ADD COLUMN "owner_key_id" varchar(64), ADD COLUMN "team" varchar(64)`);
    await queryRunner.query(`CREATE INDEX "idx_scenarios_team_created_at" ON "scenarios" ("team", "created_at" DESC, "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_scenarios_team_created_at"`);
    await queryRunner.query(`ALTER TABLE "scenarios" DROP COLUMN "team", DROP COLUMN "owner_key_id"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
  }
}
