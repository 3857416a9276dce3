import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createAuditOrderIndex, dropAuditOrderIndex } from '@koperasi/platform';

export class AuditOrderIndex1765300100000 implements MigrationInterface {
  name = 'AuditOrderIndex1765300100000';

  up(queryRunner: QueryRunner): Promise<void> {
    return createAuditOrderIndex(queryRunner);
  }

  down(queryRunner: QueryRunner): Promise<void> {
    return dropAuditOrderIndex(queryRunner);
  }
}
