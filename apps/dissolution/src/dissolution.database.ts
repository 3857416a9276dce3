import type { DatabaseDefinition } from '@koperasi/platform';
import { Cooperative } from './cooperatives/cooperative.entity';
import { IdempotencyRecord } from './idempotency/idempotency-record.entity';
import { PlatformTables1764000000000 } from './migrations/1764000000000-platform-tables';
import { DissolutionWorkflow1764100000000 } from './migrations/1764100000000-dissolution-workflow';
import { ProceedingRegistryRefusal1765400000000 } from './migrations/1765400000000-proceeding-registry-refusal';
import { OutboxReplay1765100000000 } from './migrations/1765100000000-outbox-replay';
import { DeadLetterResolution1765200000000 } from './migrations/1765200000000-dead-letter-resolution';
import { CooperativeRegistryVersion1765200000001 } from './migrations/1765200000001-cooperative-registry-version';
import { Notification } from './notifications/notification.entity';
import { Proceeding } from './proceedings/proceeding.entity';

export const dissolutionDatabase: DatabaseDefinition = {
  schema: 'dissolution',
  entities: [Cooperative, Proceeding, IdempotencyRecord, Notification],
  migrations: [
    PlatformTables1764000000000,
    DissolutionWorkflow1764100000000,
    OutboxReplay1765100000000,
    ProceedingRegistryRefusal1765400000000,
    DeadLetterResolution1765200000000,
    CooperativeRegistryVersion1765200000001,
  ],
};
