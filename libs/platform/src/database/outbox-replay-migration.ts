import type { QueryRunner } from 'typeorm';

/**
 * Platform tables for replay after a Redis loss and for retention: the outbox claim column and
 * the published-rows index, the processed-events age index, the confirmed Redis epochs and the
 * periodic-run claims. Each service registers one migration that runs this.
 */
const UP = [
  `CREATE TABLE "redis_epochs" ("prefix" character varying(200) NOT NULL, "epoch" character varying(64) NOT NULL, "previous_epoch" character varying(64), "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a7f16ba8bbb89cac1a7bd935b6f" PRIMARY KEY ("prefix"))`,
  `CREATE TABLE "periodic_runs" ("name" character varying(80) NOT NULL, "last_run_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_4ced6509175bbe0594cd9167dae" PRIMARY KEY ("name"))`,
  `ALTER TABLE "outbox" ADD "claimed_until" TIMESTAMP WITH TIME ZONE`,
  `CREATE INDEX "outbox_published_idx" ON "outbox" ("published_at") WHERE published_at IS NOT NULL`,
  `CREATE INDEX "processed_events_processed_at_idx" ON "processed_events" ("processed_at")`,
];

const DOWN = [
  `DROP INDEX "processed_events_processed_at_idx"`,
  `DROP INDEX "outbox_published_idx"`,
  `ALTER TABLE "outbox" DROP COLUMN "claimed_until"`,
  `DROP TABLE "periodic_runs"`,
  `DROP TABLE "redis_epochs"`,
];

export async function addOutboxReplayTables(queryRunner: QueryRunner): Promise<void> {
  for (const statement of UP) await queryRunner.query(statement);
}

export async function dropOutboxReplayTables(queryRunner: QueryRunner): Promise<void> {
  for (const statement of DOWN) await queryRunner.query(statement);
}
