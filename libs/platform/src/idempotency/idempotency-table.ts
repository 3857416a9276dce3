import type { QueryRunner } from 'typeorm';

/** The table of first answers to requests with an Idempotency-Key (each service has it in its own schema). */
export async function createIdempotencyTable(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(
    `CREATE TABLE "idempotency_keys" ("user_id" character varying(120) NOT NULL, "key" character varying(200) NOT NULL, "route" character varying(300) NOT NULL, "response_status" integer NOT NULL, "response_body" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_392b1af86f210d98d3f0c764728" PRIMARY KEY ("user_id", "key"))`,
  );
}

export async function dropIdempotencyTable(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`DROP TABLE "idempotency_keys"`);
}
