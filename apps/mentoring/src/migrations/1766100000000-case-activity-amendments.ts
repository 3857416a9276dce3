import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Activities are corrected by amendments with a reason, kept beside them; each one raises the activity's version. */
export class CaseActivityAmendments1766100000000 implements MigrationInterface {
  name = 'CaseActivityAmendments1766100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_activities" ADD "version" integer NOT NULL DEFAULT 1`);
    await queryRunner.query(
      `CREATE TABLE "case_activity_amendments" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "activity_id" uuid NOT NULL,
        "case_id" uuid NOT NULL,
        "version" integer NOT NULL,
        "before" jsonb NOT NULL,
        "after" jsonb NOT NULL,
        "reason" text NOT NULL,
        "amended_by" varchar(120) NOT NULL,
        "amended_by_name" varchar(200) NOT NULL,
        "amended_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_case_activity_amendments" PRIMARY KEY ("id")
      )`,
    );
    await queryRunner.query(
      `CREATE INDEX "case_activity_amendments_activity_idx" ON "case_activity_amendments" ("activity_id", "amended_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "case_activity_amendments"`);
    await queryRunner.query(`ALTER TABLE "case_activities" DROP COLUMN "version"`);
  }
}
