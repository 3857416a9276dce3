import { KnownUser, type DatabaseDefinition } from '@koperasi/platform';
import { Cooperative } from './cooperatives/cooperative.entity';
import { IdempotencyRecord } from './idempotency/idempotency-record.entity';
import { PlatformTables1764000000000 } from './migrations/1764000000000-platform-tables';
import { DissolutionWorkflow1764100000000 } from './migrations/1764100000000-dissolution-workflow';
import { UserReadModel1765700000000 } from './migrations/1765700000000-user-read-model';
import { Notification } from './notifications/notification.entity';
import { Proceeding } from './proceedings/proceeding.entity';

export const dissolutionDatabase: DatabaseDefinition = {
  schema: 'dissolution',
  entities: [Cooperative, Proceeding, IdempotencyRecord, Notification, KnownUser],
  migrations: [PlatformTables1764000000000, DissolutionWorkflow1764100000000, UserReadModel1765700000000],
};
