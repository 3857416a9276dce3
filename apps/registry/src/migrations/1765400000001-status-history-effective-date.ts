import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each status-history entry gets the date the change took effect. Existing entries: a
 * registration takes effect at the legal-entity date, any other change on the office day (WIB)
 * it was recorded; decrees and gazettes recorded before this migration keep their recording day.
 */
export class StatusHistoryEffectiveDate1765400000001 implements MigrationInterface {
  name = 'StatusHistoryEffectiveDate1765400000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "status_history" ADD "effective_on" date`);
    await queryRunner.query(
      `UPDATE "status_history" h SET "effective_on" = CASE
         WHEN h.from_status IS NULL THEN LEAST(c.legal_entity_date, (h.at AT TIME ZONE 'Asia/Jakarta')::date)
         ELSE (h.at AT TIME ZONE 'Asia/Jakarta')::date END
       FROM "cooperatives" c WHERE c.id = h.cooperative_id`,
    );
    await queryRunner.query(`ALTER TABLE "status_history" ALTER COLUMN "effective_on" SET NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "status_history_effective_idx" ON "status_history" ("cooperative_id", "effective_on") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "status_history_effective_idx"`);
    await queryRunner.query(`ALTER TABLE "status_history" DROP COLUMN "effective_on"`);
  }
}
