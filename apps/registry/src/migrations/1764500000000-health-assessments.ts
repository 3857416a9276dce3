import type { MigrationInterface, QueryRunner } from 'typeorm';

const UP = [
  `CREATE TABLE "health_assessments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cooperative_id" uuid NOT NULL, "fiscal_year" integer NOT NULL, "scheme" character varying(1) NOT NULL, "rubric_version" character varying(40) NOT NULL, "score" numeric(5,2), "category" character varying(30) NOT NULL, "evidence" jsonb NOT NULL, "assessed_on" date NOT NULL, "notes" text, "assessed_by" character varying(120) NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3463e98d50798e37709157ff49c" PRIMARY KEY ("id"))`,
  `CREATE INDEX "health_assessments_category_idx" ON "health_assessments"  ("category", "fiscal_year") `,
  `CREATE UNIQUE INDEX "health_assessments_one_per_year_and_scheme" ON "health_assessments"  ("cooperative_id", "fiscal_year", "scheme") `,
];

export class HealthAssessments1764500000000 implements MigrationInterface {
  name = 'HealthAssessments1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "health_assessments"');
  }
}
