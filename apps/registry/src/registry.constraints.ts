import type { ConstraintMeanings } from '@koperasi/platform';

/** The registry's unique constraints as callers know them (a race past the services' own checks). */
export const REGISTRY_CONSTRAINTS: ConstraintMeanings = {
  cooperatives_legal_entity_number_key: {
    code: 'LEGAL_ENTITY_NUMBER_TAKEN',
    message: 'A cooperative with this legal-entity number is already registered',
  },
  cooperatives_nik_key: { code: 'NIK_TAKEN', message: 'A cooperative with this NIK is already registered' },
  rats_cooperative_year_key: {
    code: 'RAT_ALREADY_RECORDED',
    message: 'A RAT for this fiscal year is already recorded',
  },
  evaluation_runs_one_open_per_year: {
    code: 'EVALUATION_IN_PROGRESS',
    message: 'An evaluation of this fiscal year is already running',
  },
  health_assessments_one_per_year_and_scheme: {
    code: 'ALREADY_ASSESSED',
    message: 'This fiscal year is already assessed under this scheme',
  },
};
