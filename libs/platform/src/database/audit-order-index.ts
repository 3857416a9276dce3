import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit list reads oldest first (`at`, `id`); without this index every page sorts the whole
 * log. One migration for every service: each applies it to its own schema's `audit_log`.
 */
export class AuditOrderIndex1765300100000 implements MigrationInterface {
  name = 'AuditOrderIndex1765300100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "audit_log_order_idx" ON "audit_log" ("at", "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "audit_log_order_idx"`);
  }
}
