import type { DatabaseDefinition } from '@koperasi/platform';
import { User } from './accounts/user.entity';
import { PlatformTables1765600000000 } from './migrations/1765600000000-platform-tables';
import { Users1765600000001 } from './migrations/1765600000001-users';

export const consoleDatabase: DatabaseDefinition = {
  schema: 'console',
  entities: [User],
  migrations: [PlatformTables1765600000000, Users1765600000001],
};
