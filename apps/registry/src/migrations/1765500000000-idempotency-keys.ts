import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createIdempotencyTable, dropIdempotencyTable } from '@koperasi/platform';

/** The shared Idempotency-Key mechanism's table (libs/platform/src/idempotency). */
export class IdempotencyKeys1765500000000 implements MigrationInterface {
  name = 'IdempotencyKeys1765500000000';

  up(queryRunner: QueryRunner): Promise<void> {
    return createIdempotencyTable(queryRunner);
  }

  down(queryRunner: QueryRunner): Promise<void> {
    return dropIdempotencyTable(queryRunner);
  }
}
