import { AuditOrderIndex1765300100000, type DatabaseDefinition } from '@koperasi/platform';
import { DISSOLUTION_CONSTRAINTS } from './dissolution.constraints';
import { Cooperative } from './cooperatives/cooperative.entity';
import { IdempotencyRecord } from './idempotency/idempotency-record.entity';
import { PlatformTables1764000000000 } from './migrations/1764000000000-platform-tables';
import { DissolutionWorkflow1764100000000 } from './migrations/1764100000000-dissolution-workflow';
import { Notification } from './notifications/notification.entity';
import { Proceeding } from './proceedings/proceeding.entity';

export const dissolutionDatabase: DatabaseDefinition = {
  schema: 'dissolution',
  constraints: DISSOLUTION_CONSTRAINTS,
  entities: [Cooperative, Proceeding, IdempotencyRecord, Notification],
  migrations: [PlatformTables1764000000000, DissolutionWorkflow1764100000000, AuditOrderIndex1765300100000],
};
