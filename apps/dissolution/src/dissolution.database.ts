import { AuditOrderIndex1765300100000, KnownUser, NotificationRead, type DatabaseDefinition } from '@koperasi/platform';
import { DISSOLUTION_CONSTRAINTS } from './dissolution.constraints';
import { Cooperative } from './cooperatives/cooperative.entity';
import { PlatformTables1764000000000 } from './migrations/1764000000000-platform-tables';
import { DissolutionWorkflow1764100000000 } from './migrations/1764100000000-dissolution-workflow';
import { ProceedingRegistryRefusal1765400000000 } from './migrations/1765400000000-proceeding-registry-refusal';
import { OutboxReplay1765100000000 } from './migrations/1765100000000-outbox-replay';
import { DeadLetterResolution1765200000000 } from './migrations/1765200000000-dead-letter-resolution';
import { CooperativeRegistryVersion1765200000001 } from './migrations/1765200000001-cooperative-registry-version';
import { StatutoryFacts1765500000000 } from './migrations/1765500000000-statutory-facts';
import { NotificationParams1765500000001 } from './migrations/1765500000001-notification-params';
import { UserReadModel1765700000000 } from './migrations/1765700000000-user-read-model';
import { Notification } from './notifications/notification.entity';
import { Proceeding } from './proceedings/proceeding.entity';

export const dissolutionDatabase: DatabaseDefinition = {
  schema: 'dissolution',
  constraints: DISSOLUTION_CONSTRAINTS,
  entities: [Cooperative, Proceeding, Notification, NotificationRead, KnownUser],
  migrations: [
    PlatformTables1764000000000,
    DissolutionWorkflow1764100000000,
    OutboxReplay1765100000000,
    DeadLetterResolution1765200000000,
    CooperativeRegistryVersion1765200000001,
    AuditOrderIndex1765300100000,
    ProceedingRegistryRefusal1765400000000,
    StatutoryFacts1765500000000,
    NotificationParams1765500000001,
    UserReadModel1765700000000,
  ],
};
