import type { DatabaseDefinition } from '@koperasi/platform';
import { User } from './accounts/user.entity';
import { PlatformTables1765600000000 } from './migrations/1765600000000-platform-tables';
import { Users1765600000001 } from './migrations/1765600000001-users';
import { OutboxReplay1765600000002 } from './migrations/1765600000002-outbox-replay';
import { DeadLetterResolution1765600000003 } from './migrations/1765600000003-dead-letter-resolution';
import { IdempotencyKeys1765600000004 } from './migrations/1765600000004-idempotency-keys';
import { AuditOrderIndex1765600000005 } from './migrations/1765600000005-audit-order-index';

export const consoleDatabase: DatabaseDefinition = {
  schema: 'console',
  entities: [User],
  migrations: [
    PlatformTables1765600000000,
    Users1765600000001,
    OutboxReplay1765600000002,
    DeadLetterResolution1765600000003,
    IdempotencyKeys1765600000004,
    AuditOrderIndex1765600000005,
  ],
};
