import type { MigrationInterface, QueryRunner } from 'typeorm';

const UP = [
  `CREATE TABLE "cooperatives" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(300) NOT NULL, "legal_entity_number" character varying(120) NOT NULL, "legal_entity_date" date NOT NULL, "articles_amendment_number" character varying(120), "articles_amendment_date" date, "nik" character varying(16), "nik_certificate_status" character varying(20) NOT NULL, "nik_certificate_expires_on" date, "form" character varying(20) NOT NULL, "type" character varying(30) NOT NULL, "group_code" character varying(20), "scheme" character varying(20) NOT NULL, "business_sector_code" character varying(20), "street" character varying(300), "kelurahan" character varying(120) NOT NULL, "kecamatan" character varying(120) NOT NULL, "city" character varying(120) NOT NULL, "province" character varying(120) NOT NULL, "phone" character varying(40), "email" character varying(200), "chair" character varying(200), "secretary" character varying(200), "treasurer" character varying(200), "supervisory_board" character varying(600), "manager" character varying(200), "members_male" integer NOT NULL DEFAULT '0', "members_female" integer NOT NULL DEFAULT '0', "employees" integer NOT NULL DEFAULT '0', "status" character varying(30) NOT NULL, "status_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_rat_year" integer NOT NULL DEFAULT '0', "registered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_52fc93ab8869e3f71c46601fe9b" PRIMARY KEY ("id"))`,
  `CREATE UNIQUE INDEX "cooperatives_legal_entity_number_key" ON "cooperatives"  ("legal_entity_number") `,
  `CREATE UNIQUE INDEX "cooperatives_nik_key" ON "cooperatives"  ("nik") WHERE nik IS NOT NULL`,
  `CREATE INDEX "cooperatives_registered_idx" ON "cooperatives"  ("registered_at", "id") `,
  `CREATE INDEX "cooperatives_name_sort_idx" ON "cooperatives"  ("name", "id") `,
  `CREATE INDEX "cooperatives_nik_certificate_idx" ON "cooperatives"  ("nik_certificate_status", "id") `,
  `CREATE INDEX "cooperatives_last_rat_year_idx" ON "cooperatives"  ("last_rat_year", "id") `,
  `CREATE INDEX "cooperatives_type_idx" ON "cooperatives"  ("type", "id") `,
  `CREATE INDEX "cooperatives_kecamatan_idx" ON "cooperatives"  ("kecamatan", "id") `,
  `CREATE INDEX "cooperatives_status_idx" ON "cooperatives"  ("status", "id") `,
  `CREATE TABLE "status_history" ("id" BIGSERIAL NOT NULL, "cooperative_id" uuid NOT NULL, "from_status" character varying(30), "to_status" character varying(30) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "reason" text NOT NULL, "actor_id" character varying(120) NOT NULL, "triggering_event_id" uuid, "evaluation_run_id" uuid, CONSTRAINT "PK_271a5228edb4eeb41bc01d58fac" PRIMARY KEY ("id"))`,
  `CREATE INDEX "status_history_at_idx" ON "status_history"  ("at", "to_status") `,
  `CREATE INDEX "status_history_cooperative_idx" ON "status_history"  ("cooperative_id", "at") `,
  // Search: case-insensitive prefix on name and number; contains-search on name through pg_trgm when the server has it.
  `CREATE INDEX "cooperatives_name_prefix_idx" ON "cooperatives" (lower("name") text_pattern_ops)`,
  `CREATE INDEX "cooperatives_number_prefix_idx" ON "cooperatives" (lower("legal_entity_number") text_pattern_ops)`,
  `DO $$
   BEGIN
     IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
       CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
       EXECUTE 'CREATE INDEX "cooperatives_name_trgm_idx" ON "cooperatives" USING gin (lower("name") public.gin_trgm_ops)';
     END IF;
   END $$`,
];

export class Cooperatives1764200000000 implements MigrationInterface {
  name = 'Cooperatives1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "status_history"');
    await queryRunner.query('DROP TABLE "cooperatives"');
  }
}
