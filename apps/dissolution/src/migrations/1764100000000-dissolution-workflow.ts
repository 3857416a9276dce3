import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DissolutionWorkflow1764100000000 implements MigrationInterface {
  name = 'DissolutionWorkflow1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "cooperatives" ("cooperative_id" character varying(120) NOT NULL, "name" character varying(300), "legal_entity_number" character varying(120), "nik" character varying(120), "kecamatan" character varying(120), "kelurahan" character varying(120), "type" character varying(60), "status" character varying(32), "snapshot_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fc102fbd7082124b2b4be9f0395" PRIMARY KEY ("cooperative_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "cooperatives_kecamatan_idx" ON "cooperatives" ("kecamatan")`);
    await queryRunner.query(
      `CREATE TABLE "idempotency_keys" ("user_id" character varying(120) NOT NULL, "key" character varying(200) NOT NULL, "route" character varying(300) NOT NULL, "response_status" integer NOT NULL, "response_body" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_392b1af86f210d98d3f0c764728" PRIMARY KEY ("user_id", "key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_role" character varying(40) NOT NULL, "kind" character varying(80) NOT NULL, "proceeding_id" uuid, "message" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "notifications_role_idx" ON "notifications" ("recipient_role", "created_at")`,
    );
    await queryRunner.query(
      `CREATE TABLE "proceedings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cooperative_id" character varying(120) NOT NULL, "step" character varying(32) NOT NULL, "version" integer NOT NULL DEFAULT '1', "grounds" jsonb NOT NULL DEFAULT '[]', "evidence" jsonb NOT NULL, "opened_by" character varying(120) NOT NULL, "proposed_by" character varying(120), "proposed_at" TIMESTAMP WITH TIME ZONE, "approved_by" character varying(120), "approved_at" TIMESTAMP WITH TIME ZONE, "notice" jsonb, "notice_received_on" date, "objection" jsonb, "objection_received_on" date, "objection_decision" jsonb, "decree" jsonb, "liquidation" jsonb, "creditor_notice_on" date, "gazette" jsonb, "review_flag" jsonb, "next_action" character varying(40), "next_due_on" date, "next_due_binding" boolean NOT NULL DEFAULT false, "closed_reason" text, "closed_by" character varying(120), "closed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_990adceb39d7045b0c487c9e802" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "proceedings_next_due_idx" ON "proceedings" ("next_due_on") WHERE closed_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX "proceedings_step_idx" ON "proceedings" ("step")`);
    // At most one open proceeding per cooperative: the database, not the code, is the guard.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "proceedings_one_open_per_cooperative" ON "proceedings" ("cooperative_id") WHERE closed_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "proceedings"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
    await queryRunner.query(`DROP TABLE "cooperatives"`);
  }
}
