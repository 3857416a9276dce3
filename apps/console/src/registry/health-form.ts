import { HEALTH_CATEGORIES } from '@koperasi/contracts';
import { type Language, translate } from '../i18n/dictionary';
import type { ServiceError } from '../services/service-client';

export type Scheme = 'A' | 'B';
export const SCHEME_B_ASPECTS = ['GOVERNANCE', 'RISK_PROFILE', 'FINANCIAL_PERFORMANCE', 'CAPITAL'] as const;
export const HEALTH_CATEGORY_OPTIONS = HEALTH_CATEGORIES;

/** The form's field names: scheme A components as `component.CODE`, scheme B ratings as `rating.ASPECT`. */
export const componentField = (code: string) => `component.${code}`;
export const ratingField = (aspect: string) => `rating.${aspect}`;

const text = (value: unknown) => String(value ?? '').trim();
const integerOrText = (value: string) => (/^\d+$/.test(value) ? Number(value) : value || undefined);

/** "12,5" (the Indonesian decimal comma) and "12.5" are both 12.5; anything else goes as typed, for the registry to refuse. */
export function percent(value: string): number | string | undefined {
  if (value === '') return undefined;
  const normalised = value.replace(/\s/g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : value;
}

/** The registry's AssessHealthDto from the posted form, for the scheme and rubric components shown. */
export function assessmentBody(form: Record<string, string>, scheme: Scheme, componentCodes: readonly string[]) {
  const common = {
    fiscalYear: integerOrText(text(form.fiscalYear)),
    scheme,
    assessedOn: text(form.assessedOn),
    notes: text(form.notes) || undefined,
  };
  if (scheme === 'A') {
    const components = Object.fromEntries(
      componentCodes
        .map((code) => [code, percent(text(form[componentField(code)]))] as const)
        .filter(([, value]) => value !== undefined),
    );
    return { ...common, components };
  }
  const aspectRatings = Object.fromEntries(
    SCHEME_B_ASPECTS.map((aspect) => [aspect, integerOrText(text(form[ratingField(aspect)]))]),
  );
  return { ...common, aspectRatings, finalCategory: text(form.finalCategory) || undefined };
}

/** The form field a registry field path belongs to (`aspectRatings.GOVERNANCE` is `rating.GOVERNANCE`). */
function formField(path: string): string {
  const [head, rest] = [path.split('.')[0], path.split('.').slice(1).join('.')];
  if (head === 'aspectRatings') return rest ? ratingField(rest) : ratingField(SCHEME_B_ASPECTS[0]);
  if (head === 'components') return rest ? componentField(rest) : 'form';
  return head;
}

/**
 * The registry's refusal as problems beside the fields they concern, in the user's language; a
 * refusal that concerns no field is left to the page's message alone.
 */
export function fieldErrors(language: Language, error: ServiceError): Record<string, string> {
  const t = (key: string, params: Record<string, unknown> = {}) => translate(language, key, params);
  const details = error.details as {
    fields?: { field: string }[];
    missing?: string[];
    notNumbers?: string[];
    unknown?: string[];
    allowed?: string[];
  };
  switch (error.code) {
    case 'VALIDATION_FAILED':
      return Object.fromEntries(
        (details.fields ?? []).map(({ field }) => [formField(field), t('health.error.invalid')]),
      );
    case 'DATE_IN_FUTURE':
      return { assessedOn: t('health.error.future') };
    case 'RAT_REQUIRED':
      return { fiscalYear: t('code.RAT_REQUIRED') };
    case 'ALREADY_ASSESSED':
      return { fiscalYear: t('code.ALREADY_ASSESSED') };
    case 'RUBRIC_INPUT_INVALID':
      return {
        ...Object.fromEntries((details.missing ?? []).map((code) => [schemeField(code), t('health.error.missing')])),
        ...Object.fromEntries(
          (details.notNumbers ?? []).map((code) => [componentField(code), t('health.error.number')]),
        ),
      };
    case 'CATEGORY_INCONSISTENT_WITH_RATINGS':
      return {
        finalCategory: t('health.error.category', {
          allowed: (details.allowed ?? []).map((category) => t(`health.category.${category}`)).join(', '),
        }),
      };
    default:
      return {};
  }
}

function schemeField(missing: string): string {
  if (missing === 'finalCategory') return 'finalCategory';
  if (missing === 'aspectRatings') return ratingField(SCHEME_B_ASPECTS[0]);
  return componentField(missing);
}
