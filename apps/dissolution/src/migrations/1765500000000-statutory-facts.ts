import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Approval date, every objection with its decision, late acts and the proposal's authors. */
export class StatutoryFacts1765500000000 implements MigrationInterface {
  name = 'StatutoryFacts1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "proceedings" ADD "proposal_authors" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "proceedings" ADD "approved_on" date`);
    await queryRunner.query(`ALTER TABLE "proceedings" ADD "objections" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "proceedings" ADD "late_acts" jsonb NOT NULL DEFAULT '[]'`);
    // Proceedings written before: the opener and proposer are the authors; approval dated by its timestamp.
    await queryRunner.query(
      `UPDATE "proceedings" SET "proposal_authors" = (SELECT coalesce(jsonb_agg(DISTINCT a), '[]') FROM unnest(ARRAY[opened_by, proposed_by]) a WHERE a IS NOT NULL),
         "approved_on" = (approved_at AT TIME ZONE 'Asia/Jakarta')::date,
         "objections" = CASE WHEN objection IS NULL THEN '[]'::jsonb
           ELSE jsonb_build_array(objection || jsonb_build_object('recordedAt', updated_at, 'afterWindowClosed', false, 'decision', objection_decision)) END`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "proceedings" DROP COLUMN "late_acts"`);
    await queryRunner.query(`ALTER TABLE "proceedings" DROP COLUMN "objections"`);
    await queryRunner.query(`ALTER TABLE "proceedings" DROP COLUMN "approved_on"`);
    await queryRunner.query(`ALTER TABLE "proceedings" DROP COLUMN "proposal_authors"`);
  }
}
