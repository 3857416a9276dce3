import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The evaluation reads a window of fiscal years for one id range of cooperatives at a time. */
export class RatsYearCooperativeIndex1764700000000 implements MigrationInterface {
  name = 'RatsYearCooperativeIndex1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "rats_fiscal_year_idx"');
    await queryRunner.query('CREATE INDEX "rats_fiscal_year_idx" ON "rats" ("fiscal_year", "cooperative_id")');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "rats_fiscal_year_idx"');
    await queryRunner.query('CREATE INDEX "rats_fiscal_year_idx" ON "rats" ("fiscal_year")');
  }
}
