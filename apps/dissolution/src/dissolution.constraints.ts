import type { ConstraintMeanings } from '@koperasi/platform';

/** Dissolution's unique constraints as callers know them (a race past the service's own checks). */
export const DISSOLUTION_CONSTRAINTS: ConstraintMeanings = {
  proceedings_one_open_per_cooperative: {
    code: 'PROCEEDING_ALREADY_OPEN',
    message: 'The cooperative already has an open proceeding',
  },
};
