import type { QueryRunner } from 'typeorm';

/** The audit list reads oldest first (`at`, `id`); without this index every page sorts the whole log. */
export async function createAuditOrderIndex(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`CREATE INDEX "audit_log_order_idx" ON "audit_log" ("at", "id")`);
}

export async function dropAuditOrderIndex(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`DROP INDEX "audit_log_order_idx"`);
}
