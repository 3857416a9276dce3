import { AuditEntry } from '../audit/audit-entry.entity';
import { DeadLetter } from '../messaging/dead-letter.entity';
import { OutboxEvent } from '../messaging/outbox-event.entity';
import { ProcessedEvent } from '../messaging/processed-event.entity';
import { RedisEpoch } from '../redis/redis-epoch.entity';
import { PeriodicRun } from '../scheduling/periodic-run.entity';
import { Deadline } from '../timers/deadline.entity';

/** Tables every service has in its own schema. */
export const PLATFORM_ENTITIES = [
  OutboxEvent,
  ProcessedEvent,
  DeadLetter,
  Deadline,
  AuditEntry,
  RedisEpoch,
  PeriodicRun,
];
