import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ProceedingRegistryRefusal1765400000000 implements MigrationInterface {
  name = 'ProceedingRegistryRefusal1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "proceedings" ADD "registry_refusal" jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "proceedings" DROP COLUMN "registry_refusal"`);
  }
}
