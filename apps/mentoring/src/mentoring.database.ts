import type { DatabaseDefinition } from '@koperasi/platform';
import { PlatformTables1764000000000 } from './migrations/1764000000000-platform-tables';

export const mentoringDatabase: DatabaseDefinition = {
  schema: 'mentoring',
  entities: [],
  migrations: [PlatformTables1764000000000],
};
