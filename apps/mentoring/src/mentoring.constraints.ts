import type { ConstraintMeanings } from '@koperasi/platform';

/** Mentoring's unique constraints as callers know them (a race past the service's own checks). */
export const MENTORING_CONSTRAINTS: ConstraintMeanings = {
  cases_one_open_per_cooperative_type: {
    code: 'CASE_ALREADY_OPEN',
    message: 'The cooperative already has an open case of this type',
  },
};
