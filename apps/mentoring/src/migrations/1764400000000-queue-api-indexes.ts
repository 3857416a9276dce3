import type { MigrationInterface, QueryRunner } from 'typeorm';

const SEARCHED_COLUMNS = ['name', 'legal_entity_number', 'nik'];

/**
 * Indexes of the officers' queue API at national scale:
 * - trigram indexes for the search (`q`, a substring match on the cooperative's name, legal-entity
 *   number or NIK), so `ILIKE '%x%'` no longer scans the whole read model. pg_trgm is a trusted
 *   extension; where it is already installed (in any schema), its operator class is named with it.
 * - the priority filter beside the type and kecamatan ones, so its counts and capped totals read
 *   the index alone;
 * - the opened-date sort with the id as tie-breaker, like the other sorts: cases opened together
 *   (one batch, one timestamp) are then paged in index order without a sort step.
 */
export class QueueApiIndexes1764400000000 implements MigrationInterface {
  name = 'QueueApiIndexes1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    const [{ schema }] = await queryRunner.query(
      `SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'`,
    );
    for (const column of SEARCHED_COLUMNS) {
      await queryRunner.query(
        `CREATE INDEX "cooperatives_${column}_trgm_idx" ON "cooperatives" USING gin ("${column}" "${schema}".gin_trgm_ops)`,
      );
    }
    await queryRunner.query(
      `CREATE INDEX "cases_open_priority_filter_idx" ON "cases" ("priority", "status", "due_at") WHERE status <> 'CLOSED'`,
    );
    await queryRunner.query(`DROP INDEX "cases_open_opened_idx"`);
    await queryRunner.query(
      `CREATE INDEX "cases_open_opened_idx" ON "cases" ("opened_at", "id") WHERE status <> 'CLOSED'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "cases_open_opened_idx"`);
    await queryRunner.query(`CREATE INDEX "cases_open_opened_idx" ON "cases" ("opened_at") WHERE status <> 'CLOSED'`);
    await queryRunner.query(`DROP INDEX "cases_open_priority_filter_idx"`);
    // The extension stays: other schemas of the database may use it.
    for (const column of SEARCHED_COLUMNS) await queryRunner.query(`DROP INDEX "cooperatives_${column}_trgm_idx"`);
  }
}
