import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Queue sorts served by index without a sort step: priority rank now ascends with urgency
 * (1 = URGENT), so "most urgent, then earliest due" runs one way through (rank, due, id).
 */
export class QueueSortIndexes1764300000000 implements MigrationInterface {
  name = 'QueueSortIndexes1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "cases" SET "priority_rank" = 5 - "priority_rank"`);
    await queryRunner.query(`DROP INDEX "cases_open_priority_idx"`);
    await queryRunner.query(`DROP INDEX "cases_open_assignee_idx"`);
    await queryRunner.query(`DROP INDEX "cases_open_status_due_idx"`);
    await queryRunner.query(`CREATE INDEX "cases_open_due_idx" ON "cases" ("due_at", "id") WHERE status <> 'CLOSED'`);
    await queryRunner.query(
      `CREATE INDEX "cases_open_priority_idx" ON "cases" ("priority_rank", "due_at", "id") WHERE status <> 'CLOSED'`,
    );
    await queryRunner.query(
      `CREATE INDEX "cases_open_assignee_priority_idx" ON "cases" ("assignee_id", "priority_rank", "due_at", "id") WHERE status <> 'CLOSED'`,
    );
    await queryRunner.query(
      `CREATE INDEX "cases_open_assignee_idx" ON "cases" ("assignee_id", "due_at", "id") WHERE status <> 'CLOSED'`,
    );
    await queryRunner.query(
      `CREATE INDEX "cases_open_status_priority_idx" ON "cases" ("status", "priority_rank", "due_at", "id") WHERE status <> 'CLOSED'`,
    );
    await queryRunner.query(
      `CREATE INDEX "cases_open_status_due_idx" ON "cases" ("status", "due_at", "id") WHERE status <> 'CLOSED'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of [
      'cases_open_status_due_idx',
      'cases_open_status_priority_idx',
      'cases_open_assignee_idx',
      'cases_open_assignee_priority_idx',
      'cases_open_priority_idx',
      'cases_open_due_idx',
    ]) {
      await queryRunner.query(`DROP INDEX "${name}"`);
    }
    await queryRunner.query(
      `CREATE INDEX "cases_open_status_due_idx" ON "cases" ("status", "due_at") WHERE status <> 'CLOSED'`,
    );
    await queryRunner.query(
      `CREATE INDEX "cases_open_assignee_idx" ON "cases" ("assignee_id", "status", "due_at") WHERE status <> 'CLOSED'`,
    );
    await queryRunner.query(
      `CREATE INDEX "cases_open_priority_idx" ON "cases" ("priority_rank", "due_at") WHERE status <> 'CLOSED'`,
    );
    await queryRunner.query(`UPDATE "cases" SET "priority_rank" = 5 - "priority_rank"`);
  }
}
