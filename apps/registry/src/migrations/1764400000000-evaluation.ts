import type { MigrationInterface, QueryRunner } from 'typeorm';

const UP = [
  `CREATE TABLE "evaluation_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "fiscal_year" integer NOT NULL, "inactive_after_years" integer NOT NULL, "dry_run" boolean NOT NULL, "state" character varying(16) NOT NULL, "total" integer, "chunks_total" integer, "chunks_done" integer NOT NULL DEFAULT '0', "processed" integer NOT NULL DEFAULT '0', "became_inactive" integer NOT NULL DEFAULT '0', "kept_active" integer NOT NULL DEFAULT '0', "not_active" integer NOT NULL DEFAULT '0', "started_by" character varying(120) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "error" text, CONSTRAINT "PK_fbeb1f5d29c74ecda426e2e98f5" PRIMARY KEY ("id"))`,
  `CREATE INDEX "evaluation_runs_year_idx" ON "evaluation_runs"  ("fiscal_year", "created_at") `,
  `CREATE UNIQUE INDEX "evaluation_runs_one_open_per_year" ON "evaluation_runs"  ("fiscal_year") WHERE dry_run = false AND state IN ('QUEUED', 'RUNNING')`,
  `CREATE TABLE "evaluation_chunks" ("run_id" uuid NOT NULL, "chunk_no" integer NOT NULL, "lower_id" uuid NOT NULL, "upper_id" uuid, "state" character varying(16) NOT NULL DEFAULT 'PENDING', "processed" integer NOT NULL DEFAULT '0', "became_inactive" integer NOT NULL DEFAULT '0', "kept_active" integer NOT NULL DEFAULT '0', "not_active" integer NOT NULL DEFAULT '0', "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_8cac45d925d74f7f359377681f6" PRIMARY KEY ("run_id", "chunk_no"))`,
];

export class Evaluation1764400000000 implements MigrationInterface {
  name = 'Evaluation1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "evaluation_chunks"');
    await queryRunner.query('DROP TABLE "evaluation_runs"');
  }
}
