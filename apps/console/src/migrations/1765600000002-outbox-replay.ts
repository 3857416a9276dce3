import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addOutboxReplayTables, dropOutboxReplayTables } from '@koperasi/platform';

/** Replay after a Redis loss and retention (see libs/platform's outbox-replay-migration). */
export class OutboxReplay1765600000002 implements MigrationInterface {
  name = 'OutboxReplay1765600000002';

  up(queryRunner: QueryRunner): Promise<void> {
    return addOutboxReplayTables(queryRunner);
  }

  down(queryRunner: QueryRunner): Promise<void> {
    return dropOutboxReplayTables(queryRunner);
  }
}
