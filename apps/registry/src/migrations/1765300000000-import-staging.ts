import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * CSV imports stage their rows in a table instead of one jsonb value per file (which a large file
 * made huge and every chunk re-read). Unfinished imports move their remaining rows over.
 */
const UP = [
  `CREATE TABLE "import_rows" ("import_id" uuid NOT NULL, "line" integer NOT NULL, "value" jsonb, "errors" jsonb, CONSTRAINT "import_rows_pkey" PRIMARY KEY ("import_id", "line"))`,
  `ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_import_fk" FOREIGN KEY ("import_id") REFERENCES "import_runs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
  `ALTER TABLE "import_runs" ADD "valid_rows" integer NOT NULL DEFAULT '0'`,
  `ALTER TABLE "import_runs" ADD "rejected_count" integer NOT NULL DEFAULT '0'`,
  `UPDATE "import_runs" SET "valid_rows" = jsonb_array_length("rows"), "rejected_count" = jsonb_array_length("rejected_rows")`,
  `INSERT INTO "import_rows" ("import_id", "line", "value")
     SELECT r.id, (row_data.item->>'line')::int, row_data.item->'value'
     FROM "import_runs" r, jsonb_array_elements(r."rows") WITH ORDINALITY AS row_data(item, position)
     WHERE r.state <> 'COMPLETED' AND row_data.position > r.next_row`,
  `ALTER TABLE "import_runs" DROP COLUMN "rows"`,
];

export class ImportStaging1765300000000 implements MigrationInterface {
  name = 'ImportStaging1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "import_runs" ADD "rows" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(
      `UPDATE "import_runs" r SET "rows" = coalesce((SELECT jsonb_agg(jsonb_build_object('line', s.line, 'value', s.value) ORDER BY s.line)
         FROM "import_rows" s WHERE s.import_id = r.id AND s.value IS NOT NULL), '[]'), "next_row" = 0
       WHERE r.state <> 'COMPLETED'`,
    );
    await queryRunner.query(`ALTER TABLE "import_runs" ALTER COLUMN "rows" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "import_runs" DROP COLUMN "rejected_count"`);
    await queryRunner.query(`ALTER TABLE "import_runs" DROP COLUMN "valid_rows"`);
    await queryRunner.query(`DROP TABLE "import_rows"`);
  }
}
