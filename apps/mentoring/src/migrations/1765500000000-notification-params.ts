import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Notifications as a kind with parameters; the message stays as an English fallback. */
export class NotificationParams1765500000000 implements MigrationInterface {
  name = 'NotificationParams1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications" ADD "params" jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "params"`);
  }
}
