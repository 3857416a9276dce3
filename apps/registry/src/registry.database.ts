import { KnownUser, type DatabaseDefinition } from '@koperasi/platform';
import { Cooperative } from './cooperatives/cooperative.entity';
import { StatusHistoryEntry } from './cooperatives/status-history.entity';
import { EvaluationChunk, EvaluationRun } from './evaluation/evaluation-run.entity';
import { HealthAssessment } from './health/health-assessment.entity';
import { ImportRun } from './imports/import-run.entity';
import { Rat } from './rats/rat.entity';
import { PlatformTables1764000000000 } from './migrations/1764000000000-platform-tables';
import { Cooperatives1764200000000 } from './migrations/1764200000000-cooperatives';
import { Rats1764300000000 } from './migrations/1764300000000-rats';
import { Evaluation1764400000000 } from './migrations/1764400000000-evaluation';
import { HealthAssessments1764500000000 } from './migrations/1764500000000-health-assessments';
import { Imports1764600000000 } from './migrations/1764600000000-imports';
import { RatsYearCooperativeIndex1764700000000 } from './migrations/1764700000000-rats-year-cooperative-index';
import { UserReadModel1765700000000 } from './migrations/1765700000000-user-read-model';

export const registryDatabase: DatabaseDefinition = {
  schema: 'registry',
  entities: [
    Cooperative,
    StatusHistoryEntry,
    Rat,
    EvaluationRun,
    EvaluationChunk,
    HealthAssessment,
    ImportRun,
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
    UserReadModel1765700000000,
  ],
};
