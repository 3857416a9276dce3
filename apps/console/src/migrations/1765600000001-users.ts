import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Users1765600000001 implements MigrationInterface {
  name = 'Users1765600000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" character varying(60) NOT NULL, "full_name" character varying(200) NOT NULL, "email" character varying(200), "roles" character varying(20) array NOT NULL, "kecamatan" character varying(100), "active" boolean NOT NULL DEFAULT true, "password_hash" character varying(200) NOT NULL, "must_change_password" boolean NOT NULL DEFAULT true, "last_sign_in_at" TIMESTAMP WITH TIME ZONE, "language" character varying(2) NOT NULL DEFAULT 'id', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "users_username_key" ON "users" ("username")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "users"`);
  }
}
