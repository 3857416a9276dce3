import { AuditOrderIndex1765300100000, KnownUser, NotificationRead, type DatabaseDefinition } from '@koperasi/platform';
import { MENTORING_CONSTRAINTS } from './mentoring.constraints';
import { CaseActivityAmendment } from './cases/case-activity-amendment.entity';
import { CaseActivity } from './cases/case-activity.entity';
import { CaseHistoryEntry } from './cases/case-history.entity';
import { Case } from './cases/case.entity';
import { ChecklistItem } from './cases/checklist-item.entity';
import { Cooperative } from './cooperatives/cooperative.entity';
import { StatusTransition } from './cooperatives/status-transition.entity';
import { PlatformTables1764000000000 } from './migrations/1764000000000-platform-tables';
import { CasesAndReadModel1764200000000 } from './migrations/1764200000000-cases-and-read-model';
import { QueueSortIndexes1764300000000 } from './migrations/1764300000000-queue-sort-indexes';
import { QueueApiIndexes1764400000000 } from './migrations/1764400000000-queue-api-indexes';
import { CaseSearchText1764500000000 } from './migrations/1764500000000-case-search-text';
import { OutboxReplay1765100000000 } from './migrations/1765100000000-outbox-replay';
import { DeadLetterResolution1765200000000 } from './migrations/1765200000000-dead-letter-resolution';
import { CooperativeRegistryVersion1765200000001 } from './migrations/1765200000001-cooperative-registry-version';
import { NotificationParams1765500000000 } from './migrations/1765500000000-notification-params';
import { IdempotencyKeys1765500000001 } from './migrations/1765500000001-idempotency-keys';
import { UserReadModel1765700000000 } from './migrations/1765700000000-user-read-model';
import { CaseActivityAmendments1766100000000 } from './migrations/1766100000000-case-activity-amendments';
import { Notification } from './notifications/notification.entity';

export const mentoringDatabase: DatabaseDefinition = {
  schema: 'mentoring',
  extensions: ['pg_trgm'],
  constraints: MENTORING_CONSTRAINTS,
  entities: [
    Cooperative,
    StatusTransition,
    Case,
    CaseHistoryEntry,
    CaseActivity,
    CaseActivityAmendment,
    ChecklistItem,
    Notification,
    NotificationRead,
    KnownUser,
  ],
  migrations: [
    PlatformTables1764000000000,
    CasesAndReadModel1764200000000,
    QueueSortIndexes1764300000000,
    QueueApiIndexes1764400000000,
    CaseSearchText1764500000000,
    OutboxReplay1765100000000,
    DeadLetterResolution1765200000000,
    CooperativeRegistryVersion1765200000001,
    AuditOrderIndex1765300100000,
    NotificationParams1765500000000,
    IdempotencyKeys1765500000001,
    UserReadModel1765700000000,
    CaseActivityAmendments1766100000000,
  ],
};
