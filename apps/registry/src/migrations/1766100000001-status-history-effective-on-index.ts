import type { MigrationInterface, QueryRunner } from 'typeorm';

/** /statistics/transitions reads a period of effective dates over every cooperative. */
export class StatusHistoryEffectiveOnIndex1766100000001 implements MigrationInterface {
  name = 'StatusHistoryEffectiveOnIndex1766100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "status_history_effective_on_idx" ON "status_history" ("effective_on", "to_status")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "status_history_effective_on_idx"`);
  }
}
