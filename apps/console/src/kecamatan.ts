/** The five kecamatan of Palangka Raya, the city this office serves. */
export const KECAMATAN = ['Pahandut', 'Jekan Raya', 'Sabangau', 'Bukit Batu', 'Rakumpit'] as const;

export const CASE_TYPES = [
  'REACTIVATION',
  'INSTITUTIONAL',
  'FINANCIAL_REPORTING',
  'RAT_PREPARATION',
  'INTERNAL_DISPUTE',
  'SUPERVISION_FOLLOW_UP',
] as const;

export const PRIORITIES = ['URGENT', 'HIGH', 'NORMAL', 'LOW'] as const;
