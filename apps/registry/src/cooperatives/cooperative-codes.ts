/** Codes of the registry record (domain §1). Other services receive `type` as a plain string. */
export const COOPERATIVE_TYPES = ['SAVINGS_AND_LOAN', 'CONSUMER', 'PRODUCER', 'MARKETING', 'SERVICES'] as const;
export type CooperativeType = (typeof COOPERATIVE_TYPES)[number];

export const COOPERATIVE_FORMS = ['PRIMARY_CITY', 'PRIMARY_PROVINCE', 'SECONDARY'] as const;
export type CooperativeForm = (typeof COOPERATIVE_FORMS)[number];

export const COOPERATIVE_GROUPS = [
  'KSP',
  'KSU',
  'KUD',
  'KOPKAR',
  'KPRI',
  'KOPWAN',
  'KOPTAN',
  'KOPONTREN',
  'OTHER',
] as const;
export type CooperativeGroup = (typeof COOPERATIVE_GROUPS)[number];

export const COOPERATIVE_SCHEMES = ['CONVENTIONAL', 'SHARIA'] as const;
export type CooperativeScheme = (typeof COOPERATIVE_SCHEMES)[number];

export const NIK_CERTIFICATE_STATUSES = ['CERTIFIED', 'NOT_CERTIFIED', 'EXPIRED'] as const;
export type NikCertificateStatus = (typeof NIK_CERTIFICATE_STATUSES)[number];

export const NIK_PATTERN = /^\d{16}$/;
