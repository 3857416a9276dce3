/** The registration form's fields: what a registrar fills in at the counter (the API takes more, by CSV too). */
export const COOPERATIVE_TYPES = ['SAVINGS_AND_LOAN', 'CONSUMER', 'PRODUCER', 'MARKETING', 'SERVICES'] as const;

const TEXT_FIELDS = [
  'name',
  'legalEntityNumber',
  'legalEntityDate',
  'nik',
  'type',
  'street',
  'kelurahan',
  'kecamatan',
  'phone',
  'chair',
  // Only on the edit form: why the values change (the registry requires it to correct the legal identity).
  'reason',
] as const;
const NUMBER_FIELDS = ['membersMale', 'membersFemale'] as const;

/** The body for the registry: empty optional fields left out, counts as numbers. */
export function cooperativeBody(form: Record<string, string | undefined>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of TEXT_FIELDS) {
    const value = String(form[field] ?? '').trim();
    if (value) body[field] = value;
  }
  for (const field of NUMBER_FIELDS) {
    const value = String(form[field] ?? '').trim();
    if (value) body[field] = Number(value);
  }
  return body;
}
