import { CityArea } from './areas/city-area.entity';
import { AuditOrderIndex1765300100000, KnownUser, type DatabaseDefinition } from '@koperasi/platform';
import { REGISTRY_CONSTRAINTS } from './registry.constraints';
import { Cooperative } from './cooperatives/cooperative.entity';
import { StatusHistoryEntry } from './cooperatives/status-history.entity';
import { EvaluationChunk, EvaluationRun, EvaluationRunCooperative } from './evaluation/evaluation-run.entity';
import { HealthAssessment } from './health/health-assessment.entity';
import { ImportRow } from './imports/import-row.entity';
import { ImportRun } from './imports/import-run.entity';
import { Rat } from './rats/rat.entity';
import { PlatformTables1764000000000 } from './migrations/1764000000000-platform-tables';
import { Cooperatives1764200000000 } from './migrations/1764200000000-cooperatives';
import { Rats1764300000000 } from './migrations/1764300000000-rats';
import { Evaluation1764400000000 } from './migrations/1764400000000-evaluation';
import { HealthAssessments1764500000000 } from './migrations/1764500000000-health-assessments';
import { Imports1764600000000 } from './migrations/1764600000000-imports';
import { RatsYearCooperativeIndex1764700000000 } from './migrations/1764700000000-rats-year-cooperative-index';
import { OutboxReplay1765100000000 } from './migrations/1765100000000-outbox-replay';
import { EvaluationRunCooperatives1765400000000 } from './migrations/1765400000000-evaluation-run-cooperatives';
import { StatusHistoryEffectiveDate1765400000001 } from './migrations/1765400000001-status-history-effective-date';
import { CityAreas1765400000002 } from './migrations/1765400000002-city-areas';
import { DeadLetterResolution1765200000000 } from './migrations/1765200000000-dead-letter-resolution';

import { ImportStaging1765300000000 } from './migrations/1765300000000-import-staging';
import { IdempotencyKeys1765500000000 } from './migrations/1765500000000-idempotency-keys';
import { UserReadModel1765700000000 } from './migrations/1765700000000-user-read-model';
import { StatusHistoryEffectiveOnIndex1766100000001 } from './migrations/1766100000001-status-history-effective-on-index';
import { ImportChunkSize17668200000000 } from './migrations/17668200000000-import-chunk-size';

export const registryDatabase: DatabaseDefinition = {
  schema: 'registry',
  extensions: ['pg_trgm'],
  constraints: REGISTRY_CONSTRAINTS,
  entities: [
    Cooperative,
    StatusHistoryEntry,
    Rat,
    EvaluationRun,
    EvaluationChunk,
    EvaluationRunCooperative,
    HealthAssessment,
    ImportRun,
    CityArea,
    ImportRow,
    KnownUser,
  ],
  migrations: [
    PlatformTables1764000000000,
    Cooperatives1764200000000,
    Rats1764300000000,
    Evaluation1764400000000,
    HealthAssessments1764500000000,
    Imports1764600000000,
    RatsYearCooperativeIndex1764700000000,
    OutboxReplay1765100000000,
    DeadLetterResolution1765200000000,
    ImportStaging1765300000000,
    AuditOrderIndex1765300100000,
    EvaluationRunCooperatives1765400000000,
    StatusHistoryEffectiveDate1765400000001,
    CityAreas1765400000002,
    IdempotencyKeys1765500000000,
    UserReadModel1765700000000,
    StatusHistoryEffectiveOnIndex1766100000001,
    ImportChunkSize17668200000000,
  ],
};
