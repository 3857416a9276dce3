import type { QueryRunner } from 'typeorm';

/**
 * The platform tables (outbox, inbox, dead letters, deadlines, audit log). Each service's first
 * migration runs this; the service's search_path puts the tables in its own schema.
 */
const CREATE_PLATFORM_TABLES = [
  `CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" character varying(120) NOT NULL, "actor_name" character varying(200), "action" character varying(120) NOT NULL, "entity_type" character varying(80) NOT NULL, "entity_id" character varying(120) NOT NULL, "before" jsonb, "after" jsonb, "reason" text, "correlation_id" character varying(80), CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`,
  `CREATE INDEX "audit_log_actor_idx" ON "audit_log"  ("actor_id", "at") `,
  `CREATE INDEX "audit_log_entity_idx" ON "audit_log"  ("entity_type", "entity_id", "at") `,
  `CREATE TABLE "dead_letters" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "queue" character varying(120) NOT NULL, "event_id" uuid, "event_type" character varying(120) NOT NULL, "payload" jsonb NOT NULL, "error_code" character varying(80) NOT NULL, "error_message" text NOT NULL, "attempts" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "retry_count" integer NOT NULL DEFAULT '0', "resolved_at" TIMESTAMP WITH TIME ZONE, "resolved_by" character varying(120), CONSTRAINT "PK_084e63809483fb0a9c48aae607f" PRIMARY KEY ("id"))`,
  `CREATE INDEX "dead_letters_open_idx" ON "dead_letters"  ("created_at") WHERE resolved_at IS NULL`,
  `CREATE TABLE "outbox" ("id" BIGSERIAL NOT NULL, "event_id" uuid NOT NULL, "type" character varying(120) NOT NULL, "envelope" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id"))`,
  `CREATE UNIQUE INDEX "outbox_event_id_key" ON "outbox"  ("event_id") `,
  `CREATE INDEX "outbox_unpublished_idx" ON "outbox"  ("id") WHERE published_at IS NULL`,
  `CREATE TABLE "processed_events" ("consumer" character varying(120) NOT NULL, "event_id" uuid NOT NULL, "type" character varying(120) NOT NULL, "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_270df9e0013dff41bb91d555db4" PRIMARY KEY ("consumer", "event_id"))`,
  `CREATE TABLE "deadlines" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(80) NOT NULL, "subject_id" character varying(120) NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "payload" jsonb NOT NULL DEFAULT '{}', "state" character varying(16) NOT NULL DEFAULT 'PENDING', "correlation_id" character varying(80), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "settled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a9b8551c028a78298641a8e3470" PRIMARY KEY ("id"))`,
  `CREATE UNIQUE INDEX "deadlines_pending_key" ON "deadlines"  ("kind", "subject_id") WHERE state = 'PENDING'`,
  `CREATE INDEX "deadlines_pending_due_idx" ON "deadlines"  ("due_at") WHERE state = 'PENDING'`,
];

const PLATFORM_TABLES = ['audit_log', 'dead_letters', 'outbox', 'processed_events', 'deadlines'];

export async function createPlatformTables(queryRunner: QueryRunner): Promise<void> {
  for (const statement of CREATE_PLATFORM_TABLES) await queryRunner.query(statement);
}

export async function dropPlatformTables(queryRunner: QueryRunner): Promise<void> {
  for (const table of PLATFORM_TABLES) await queryRunner.query(`DROP TABLE "${table}"`);
}

/**
 * Dead letters keyed by the failed job (so the sweep of BullMQ's failed set records each job
 * once), and how an admin resolved them: retried or dismissed with a reason.
 */
export async function addDeadLetterResolution(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`ALTER TABLE "dead_letters" ADD "job_id" character varying(200)`);
  await queryRunner.query(`ALTER TABLE "dead_letters" ADD "resolution" character varying(16)`);
  await queryRunner.query(`ALTER TABLE "dead_letters" ADD "resolution_reason" text`);
  await queryRunner.query(`UPDATE "dead_letters" SET "resolution" = 'RETRIED' WHERE "resolved_at" IS NOT NULL`);
  await queryRunner.query(
    `CREATE UNIQUE INDEX "dead_letters_job_key" ON "dead_letters" ("queue", "job_id") WHERE job_id IS NOT NULL`,
  );
}

export async function dropDeadLetterResolution(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`DROP INDEX "dead_letters_job_key"`);
  for (const column of ['resolution_reason', 'resolution', 'job_id'])
    await queryRunner.query(`ALTER TABLE "dead_letters" DROP COLUMN "${column}"`);
}
