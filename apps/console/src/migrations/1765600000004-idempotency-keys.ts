import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createIdempotencyTable, dropIdempotencyTable } from '@koperasi/platform';

/** The platform's Idempotency-Key table, so the console's schema has every platform table (it stays unused). */
export class IdempotencyKeys1765600000004 implements MigrationInterface {
  name = 'IdempotencyKeys1765600000004';

  up(queryRunner: QueryRunner): Promise<void> {
    return createIdempotencyTable(queryRunner);
  }

  down(queryRunner: QueryRunner): Promise<void> {
    return dropIdempotencyTable(queryRunner);
  }
}
