import type { QueryRunner } from 'typeorm';

/** The `users` read model (`KnownUser`); each service's migration runs this in its own schema. */
export async function createUserReadModel(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(
    `CREATE TABLE "users" ("id" character varying(120) NOT NULL, "username" character varying(120) NOT NULL, "full_name" character varying(200) NOT NULL, "roles" character varying(20) array NOT NULL, "kecamatan" character varying(120), "active" boolean NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "users_pkey" PRIMARY KEY ("id"))`,
  );
}

export async function dropUserReadModel(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`DROP TABLE "users"`);
}
