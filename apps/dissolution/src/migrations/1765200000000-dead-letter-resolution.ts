import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addDeadLetterResolution, dropDeadLetterResolution } from '@koperasi/platform';

export class DeadLetterResolution1765200000000 implements MigrationInterface {
  name = 'DeadLetterResolution1765200000000';

  up(queryRunner: QueryRunner): Promise<void> {
    return addDeadLetterResolution(queryRunner);
  }

  down(queryRunner: QueryRunner): Promise<void> {
    return dropDeadLetterResolution(queryRunner);
  }
}
