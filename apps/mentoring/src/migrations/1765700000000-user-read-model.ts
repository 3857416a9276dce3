import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createUserReadModel, dropUserReadModel } from '@koperasi/platform';

/** The users this service names and gives work to, fed by the console's user events. */
export class UserReadModel1765700000000 implements MigrationInterface {
  name = 'UserReadModel1765700000000';

  up(queryRunner: QueryRunner): Promise<void> {
    return createUserReadModel(queryRunner);
  }

  down(queryRunner: QueryRunner): Promise<void> {
    return dropUserReadModel(queryRunner);
  }
}
