import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Cooperative read model, status history, cases (with one open case per cooperative and type), notifications. */
const UP = [
  `CREATE TABLE "case_activities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "kind" character varying(24) NOT NULL, "occurred_on" date NOT NULL, "author_id" character varying(120) NOT NULL, "author_name" character varying(200) NOT NULL, "text" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0685ffb4206982b7efabbc8c18d" PRIMARY KEY ("id"))`,
  `CREATE INDEX "case_activities_case_idx" ON "case_activities"  ("case_id", "occurred_on") `,
  `CREATE TABLE "case_history" ("id" BIGSERIAL NOT NULL, "case_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" character varying(120) NOT NULL, "action" character varying(40) NOT NULL, "from_status" character varying(16), "to_status" character varying(16), "from_assignee_id" character varying(120), "to_assignee_id" character varying(120), "reason" text, "details" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_c3afb6b822ee2a4b1602b33d595" PRIMARY KEY ("id"))`,
  `CREATE INDEX "case_history_case_idx" ON "case_history"  ("case_id", "id") `,
  `CREATE TABLE "cases" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "type" character varying(40) NOT NULL, "cooperative_id" character varying(120) NOT NULL, "kecamatan" character varying(120), "status" character varying(16) NOT NULL, "priority" character varying(8) NOT NULL, "priority_rank" smallint NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "opened_by" character varying(120) NOT NULL, "opened_reason" text NOT NULL, "assignee_id" character varying(120), "assignee_name" character varying(200), "assigned_at" TIMESTAMP WITH TIME ZONE, "hold_until" TIMESTAMP WITH TIME ZONE, "hold_reason" text, "reminded_at" TIMESTAMP WITH TIME ZONE, "escalated_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "closed_by" character varying(120), "outcome" character varying(40), "close_reason" text, "evidence_notes" text, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_264acb3048c240fb89aa34626db" PRIMARY KEY ("id"))`,
  `CREATE INDEX "cases_type_closed_idx" ON "cases"  ("type", "closed_at") WHERE status = 'CLOSED'`,
  `CREATE INDEX "cases_type_opened_idx" ON "cases"  ("type", "opened_at") `,
  `CREATE INDEX "cases_cooperative_idx" ON "cases"  ("cooperative_id", "opened_at") `,
  `CREATE INDEX "cases_open_opened_idx" ON "cases"  ("opened_at") WHERE status <> 'CLOSED'`,
  `CREATE INDEX "cases_open_type_idx" ON "cases"  ("type", "status", "due_at") WHERE status <> 'CLOSED'`,
  `CREATE INDEX "cases_open_kecamatan_idx" ON "cases"  ("kecamatan", "status", "due_at") WHERE status <> 'CLOSED'`,
  `CREATE INDEX "cases_open_priority_idx" ON "cases"  ("priority_rank", "due_at") WHERE status <> 'CLOSED'`,
  `CREATE INDEX "cases_open_assignee_idx" ON "cases"  ("assignee_id", "status", "due_at") WHERE status <> 'CLOSED'`,
  `CREATE INDEX "cases_open_status_due_idx" ON "cases"  ("status", "due_at") WHERE status <> 'CLOSED'`,
  `CREATE UNIQUE INDEX "cases_one_open_per_cooperative_type" ON "cases"  ("cooperative_id", "type") WHERE status <> 'CLOSED'`,
  `CREATE TABLE "case_checklist_items" ("case_id" uuid NOT NULL, "code" character varying(60) NOT NULL, "position" smallint NOT NULL, "label" character varying(200) NOT NULL, "done_at" TIMESTAMP WITH TIME ZONE, "done_by" character varying(120), CONSTRAINT "PK_cb400841fa845edc503d28c1c5a" PRIMARY KEY ("case_id", "code"))`,
  `CREATE TABLE "cooperatives" ("id" character varying(120) NOT NULL, "name" character varying(300), "legal_entity_number" character varying(120), "nik" character varying(60), "kecamatan" character varying(120), "kelurahan" character varying(120), "cooperative_type" character varying(80), "status" character varying(32), "status_changed_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_52fc93ab8869e3f71c46601fe9b" PRIMARY KEY ("id"))`,
  `CREATE INDEX "cooperatives_status_idx" ON "cooperatives"  ("status") `,
  `CREATE INDEX "cooperatives_kecamatan_idx" ON "cooperatives"  ("kecamatan") `,
  `CREATE TABLE "cooperative_status_transitions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "cooperative_id" character varying(120) NOT NULL, "from_status" character varying(32) NOT NULL, "to_status" character varying(32) NOT NULL, "reason" text NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9d1f3a2e4309eabfb59a2e63695" PRIMARY KEY ("id"))`,
  `CREATE INDEX "status_transitions_cooperative_idx" ON "cooperative_status_transitions"  ("cooperative_id", "changed_at") `,
  `CREATE INDEX "status_transitions_to_idx" ON "cooperative_status_transitions"  ("to_status", "changed_at") `,
  `CREATE UNIQUE INDEX "status_transitions_event_key" ON "cooperative_status_transitions"  ("event_id") `,
  `CREATE TABLE "notification_reads" ("notification_id" uuid NOT NULL, "user_id" character varying(120) NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5c38c21e1fb176c9f55575cd678" PRIMARY KEY ("notification_id", "user_id"))`,
  `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_kind" character varying(8) NOT NULL, "recipient" character varying(120) NOT NULL, "kind" character varying(40) NOT NULL, "case_id" uuid, "message" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
  `CREATE INDEX "notifications_recipient_idx" ON "notifications"  ("recipient_kind", "recipient", "created_at") `,
];

const TABLES = [
  'notifications',
  'notification_reads',
  'cooperative_status_transitions',
  'cooperatives',
  'case_checklist_items',
  'cases',
  'case_history',
  'case_activities',
];

export class CasesAndReadModel1764200000000 implements MigrationInterface {
  name = 'CasesAndReadModel1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await queryRunner.query(`DROP TABLE "${table}"`);
  }
}
