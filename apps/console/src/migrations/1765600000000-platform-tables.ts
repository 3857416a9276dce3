import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createPlatformTables, dropPlatformTables } from '@koperasi/platform';

export class PlatformTables1765600000000 implements MigrationInterface {
  name = 'PlatformTables1765600000000';

  up(queryRunner: QueryRunner): Promise<void> {
    return createPlatformTables(queryRunner);
  }

  down(queryRunner: QueryRunner): Promise<void> {
    return dropPlatformTables(queryRunner);
  }
}
