import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Imports are applied as one job per chunk of lines; the chunk size is fixed when the import is planned. */
export class ImportChunkSize17668200000000 implements MigrationInterface {
  name = 'ImportChunkSize17668200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "import_runs" ADD "chunk_size" integer`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "import_runs" DROP COLUMN "chunk_size"`);
  }
}
