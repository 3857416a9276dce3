import type { MigrationInterface, QueryRunner } from 'typeorm';

const SEARCHED_COLUMNS = ['name', 'legal_entity_number', 'nik'];

/**
 * The queue search matched the cooperative's name, number and NIK through a join and three
 * trigram indexes; a broad term (a word shared by thousands of cooperatives) cost 100-300 ms per
 * capped count at national scale. Each case now carries that text itself, kept by the read model
 * like the kecamatan, with one trigram index: the search is a filter on cases alone.
 */
export class CaseSearchText1764500000000 implements MigrationInterface {
  name = 'CaseSearchText1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cases" ADD "search_text" text`);
    await queryRunner.query(
      `UPDATE "cases" c SET "search_text" = concat_ws(E'\\n', co.name, co.legal_entity_number, co.nik)
       FROM "cooperatives" co WHERE co.id = c.cooperative_id`,
    );
    const [{ schema }] = await queryRunner.query(
      `SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'`,
    );
    await queryRunner.query(
      `CREATE INDEX "cases_search_trgm_idx" ON "cases" USING gin ("search_text" "${schema}".gin_trgm_ops)`,
    );
    // The read model's own trigram indexes are no longer searched, and they slowed its upserts.
    for (const column of SEARCHED_COLUMNS) await queryRunner.query(`DROP INDEX "cooperatives_${column}_trgm_idx"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const [{ schema }] = await queryRunner.query(
      `SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'`,
    );
    for (const column of SEARCHED_COLUMNS) {
      await queryRunner.query(
        `CREATE INDEX "cooperatives_${column}_trgm_idx" ON "cooperatives" USING gin ("${column}" "${schema}".gin_trgm_ops)`,
      );
    }
    await queryRunner.query(`DROP INDEX "cases_search_trgm_idx"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "search_text"`);
  }
}
