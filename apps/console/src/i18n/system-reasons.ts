import { type Language, translate } from './dictionary';

/**
 * The services write the reasons of their own status changes and case events in English, with
 * ISO dates and proceeding ids (`Annual evaluation 2023: no RAT for fiscal years 2022-2023`,
 * `Became inactive: ...`). These are shown in the reader's language, dates in the id-ID style
 * and without ids; a reason a person typed does not match and is shown as written.
 */
type Rule = { pattern: RegExp; key: string; params: (match: RegExpMatchArray, inner: Words) => Record<string, string> };
type Words = {
  reason(text: string): string;
  date(iso: string): string;
  grounds(list: string): string;
  category(code: string): string;
  status(code: string): string;
};

const DATE = '(\\d{4}-\\d{2}-\\d{2})';
const UUID = '[0-9a-f-]{36}';

const RULES: Rule[] = [
  { pattern: /^Registered$/, key: 'reason.registered', params: () => ({}) },
  { pattern: /^Registered as inactive$/, key: 'reason.registeredInactive', params: () => ({}) },
  {
    pattern: /^Annual evaluation (\d{4}): no RAT for fiscal years? (\d{4})(?:-(\d{4}))?$/,
    key: 'reason.evaluation',
    params: ([, year, from, to]) => ({ year, years: to ? `${from}–${to}` : from }),
  },
  {
    pattern: new RegExp(`^RAT for fiscal year (\\d{4}) held on ${DATE} and reported$`),
    key: 'reason.ratHeld',
    params: ([, year, held], words) => ({ year, held: words.date(held) }),
  },
  {
    pattern: new RegExp(`^RAT for fiscal (\\d{4}) held on ${DATE}, reported ${DATE}$`),
    key: 'reason.ratReported',
    params: ([, year, held, reported], words) => ({ year, held: words.date(held), reported: words.date(reported) }),
  },
  {
    pattern: new RegExp(`^Dissolution proceeding ${UUID} approved \\(grounds: (.*)\\)$`),
    key: 'reason.proceedingApproved',
    params: ([, grounds], words) => ({ grounds: words.grounds(grounds) }),
  },
  {
    pattern: new RegExp(`^Dissolution proceeding ${UUID} withdrawn: (.*)$`, 's'),
    key: 'reason.proceedingWithdrawn',
    params: ([, reason], words) => ({ reason: words.reason(reason) }),
  },
  {
    pattern: new RegExp(`^Objection upheld in dissolution proceeding ${UUID}: (.*)$`, 's'),
    key: 'reason.objectionUpheld',
    params: ([, reason], words) => ({ reason: words.reason(reason) }),
  },
  {
    pattern: new RegExp(`^Dissolution decree (.+) of ${DATE}$`),
    key: 'reason.decree',
    params: ([, number, date], words) => ({ number, date: words.date(date) }),
  },
  {
    pattern: new RegExp(`^Published in the state gazette on ${DATE}$`),
    key: 'reason.gazette',
    params: ([, date], words) => ({ date: words.date(date) }),
  },
  {
    pattern: /^Became inactive: (.*)$/s,
    key: 'reason.becameInactive',
    params: ([, reason], words) => ({ reason: words.reason(reason) }),
  },
  {
    pattern: /^Dissolution ended: (.*)$/s,
    key: 'reason.dissolutionEnded',
    params: ([, reason], words) => ({ reason: words.reason(reason) }),
  },
  {
    pattern: /^Status ([A-Z_]+): (.*)$/s,
    key: 'reason.status',
    params: ([, status, reason], words) => ({ status: words.status(status), reason: words.reason(reason) }),
  },
  {
    pattern: /^Health assessment fiscal (\d{4}) \(scheme (A|B)\): ([A-Z_]+)$/,
    key: 'reason.healthAssessed',
    params: ([, year, scheme, category], words) => ({ year, scheme, category: words.category(category) }),
  },
  { pattern: /^No objection was received within the statutory window$/, key: 'reason.noObjection', params: () => ({}) },
];

export function systemReason(language: Language, text: string, date: (iso: string) => string): string {
  const t = (key: string, params: Record<string, string> = {}) => translate(language, key, params);
  const known = (key: string, fallback: string) => (t(key) === key ? fallback : t(key));
  const words: Words = {
    reason: (inner) => systemReason(language, inner, date),
    date,
    grounds: (list) =>
      list
        .split(',')
        .map((code) => known(`ground.${code.trim()}`, code.trim()))
        .join(', '),
    category: (code) => known(`health.category.${code}`, code),
    status: (code) => known(`status.${code}`, code),
  };
  for (const rule of RULES) {
    const match = text.match(rule.pattern);
    if (match) return t(rule.key, rule.params(match, words));
  }
  return text;
}
