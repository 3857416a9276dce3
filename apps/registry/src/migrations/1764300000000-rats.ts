import type { MigrationInterface, QueryRunner } from 'typeorm';

const UP = [
  `CREATE TABLE "rats" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cooperative_id" uuid NOT NULL, "fiscal_year" integer NOT NULL, "meeting_date" date NOT NULL, "reported_date" date NOT NULL, "deadline" date NOT NULL, "late" boolean NOT NULL, "members_present" integer NOT NULL, "members_total" integer NOT NULL, "accountability_report_received" boolean NOT NULL DEFAULT false, "financial_statements_received" boolean NOT NULL DEFAULT false, "work_plan_received" boolean NOT NULL DEFAULT false, "own_capital" numeric(20,2), "outside_capital" numeric(20,2), "assets" numeric(20,2), "business_volume" numeric(20,2), "surplus" numeric(20,2), "recorded_by" character varying(120) NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_15836e25e9afeb19eeef129b6c2" PRIMARY KEY ("id"))`,
  `CREATE INDEX "rats_fiscal_year_idx" ON "rats"  ("fiscal_year") `,
  `CREATE UNIQUE INDEX "rats_cooperative_year_key" ON "rats"  ("cooperative_id", "fiscal_year") `,
];

export class Rats1764300000000 implements MigrationInterface {
  name = 'Rats1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "rats"');
  }
}
