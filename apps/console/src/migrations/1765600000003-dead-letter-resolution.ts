import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addDeadLetterResolution, dropDeadLetterResolution } from '@koperasi/platform';

/** The platform's dead-letter table keeps one shape in every schema (the console has no inbox, so it stays empty). */
export class DeadLetterResolution1765600000003 implements MigrationInterface {
  name = 'DeadLetterResolution1765600000003';

  up(queryRunner: QueryRunner): Promise<void> {
    return addDeadLetterResolution(queryRunner);
  }

  down(queryRunner: QueryRunner): Promise<void> {
    return dropDeadLetterResolution(queryRunner);
  }
}
