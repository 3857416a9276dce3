import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Notifications as a kind with parameters, and per-user read state. */
export class NotificationParams1765500000001 implements MigrationInterface {
  name = 'NotificationParams1765500000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications" ADD "params" jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(
      `CREATE TABLE "notification_reads" ("notification_id" uuid NOT NULL, "user_id" character varying(120) NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5c38c21e1fb176c9f55575cd678" PRIMARY KEY ("notification_id", "user_id"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notification_reads"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "params"`);
  }
}
