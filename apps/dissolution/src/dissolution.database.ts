import { NotificationRead, type DatabaseDefinition } from '@koperasi/platform';
import { Cooperative } from './cooperatives/cooperative.entity';
import { PlatformTables1764000000000 } from './migrations/1764000000000-platform-tables';
import { DissolutionWorkflow1764100000000 } from './migrations/1764100000000-dissolution-workflow';
import { StatutoryFacts1765500000000 } from './migrations/1765500000000-statutory-facts';
import { NotificationParams1765500000001 } from './migrations/1765500000001-notification-params';
import { Notification } from './notifications/notification.entity';
import { Proceeding } from './proceedings/proceeding.entity';

export const dissolutionDatabase: DatabaseDefinition = {
  schema: 'dissolution',
  entities: [Cooperative, Proceeding, Notification, NotificationRead],
  migrations: [
    PlatformTables1764000000000,
    DissolutionWorkflow1764100000000,
    StatutoryFacts1765500000000,
    NotificationParams1765500000001,
  ],
};
