import type { MigrationInterface, QueryRunner } from 'typeorm';

const UP = [
  `CREATE TABLE "import_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(20) NOT NULL, "file_name" character varying(300), "state" character varying(16) NOT NULL, "rows_in_file" integer NOT NULL, "rows" jsonb NOT NULL, "rejected_rows" jsonb NOT NULL, "next_row" integer NOT NULL DEFAULT '0', "imported" integer NOT NULL DEFAULT '0', "failures" jsonb NOT NULL DEFAULT '[]', "started_by" character varying(120) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, "error" text, CONSTRAINT "PK_2f4f95d6fde4a7602f6b79f10e8" PRIMARY KEY ("id"))`,
  `CREATE INDEX "import_runs_created_idx" ON "import_runs"  ("created_at") `,
];

export class Imports1764600000000 implements MigrationInterface {
  name = 'Imports1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "import_runs"');
  }
}
