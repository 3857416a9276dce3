import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The registry's version of each cooperative in the read model: a snapshot is applied only when newer. */
export class CooperativeRegistryVersion1765200000001 implements MigrationInterface {
  name = 'CooperativeRegistryVersion1765200000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cooperatives" ADD "registry_version" integer`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cooperatives" DROP COLUMN "registry_version"`);
  }
}
