import type { HelperOptions } from 'handlebars';
import type hbsModule from 'hbs';
import { DEFAULT_LANGUAGE, isLanguage, type Language, translate } from './dictionary';
import { formatter, type Formatter } from './format';
import { systemReason } from './system-reasons';

type Hbs = typeof hbsModule;

const languageOf = (options: HelperOptions): Language => {
  const lang = (options.data?.root as { lang?: unknown } | undefined)?.lang;
  return isLanguage(lang) ? lang : DEFAULT_LANGUAGE;
};

/**
 * Template helpers: `t` (text in the page's language), dates, times and numbers in id-ID style in
 * the office's time zone, and the few comparisons templates need.
 */
export function registerHelpers(hbs: Hbs, timeZone: string): void {
  const formatters: Record<Language, Formatter> = { id: formatter('id', timeZone), en: formatter('en', timeZone) };
  const format = (options: HelperOptions) => formatters[languageOf(options)];

  hbs.registerHelper('t', (key: string, options: HelperOptions) => translate(languageOf(options), key, options.hash));
  /** The text of `key`, or `fallback` (a service's own label or code) when the dictionary has none. */
  hbs.registerHelper('tOr', (key: string, fallback: string, options: HelperOptions) => {
    const text = translate(languageOf(options), key);
    return text === key ? fallback : text;
  });
  hbs.registerHelper('date', (value: string | null, options: HelperOptions) => format(options).date(value));
  hbs.registerHelper('dateTime', (value: string | null, options: HelperOptions) => format(options).dateTime(value));
  hbs.registerHelper('number', (value: number | null, options: HelperOptions) => format(options).number(value));
  hbs.registerHelper('monthName', (value: string, options: HelperOptions) => format(options).month(value));
  hbs.registerHelper('today', (options: HelperOptions) => format(options).today());
  /** "3 hari lagi", "hari ini", "terlambat 2 hari": the words, not a colour alone. */
  hbs.registerHelper('daysLeft', (due: string | null, options: HelperOptions) =>
    due ? daysWords(languageOf(options), format(options).daysLeft(due)) : '',
  );
  /** The same words for a day count the service already worked out. */
  hbs.registerHelper('daysText', (days: number | null | undefined, options: HelperOptions) =>
    days === null || days === undefined ? '' : daysWords(languageOf(options), days),
  );
  /** A reason the services wrote themselves, in the reader's language; a typed one as written. */
  hbs.registerHelper('systemReason', (text: string | null, options: HelperOptions) =>
    text ? systemReason(languageOf(options), text, (iso) => format(options).date(iso)) : '',
  );
  /** A corrected field's value as it was or is: dates and numbers in id-ID style, yes/no, category names. */
  hbs.registerHelper('amendedValue', (value: unknown, options: HelperOptions) => {
    const language = languageOf(options);
    if (value === null || value === undefined || value === '') return '—';
    if (typeof value === 'boolean') return translate(language, value ? 'registry.yes' : 'registry.no');
    if (typeof value === 'number') return format(options).number(value);
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return format(options).date(value);
    if (typeof value === 'string' && translate(language, `health.category.${value}`) !== `health.category.${value}`)
      return translate(language, `health.category.${value}`);
    return typeof value === 'string' ? value : translate(language, 'registry.changedDetails');
  });
  hbs.registerHelper('isOverdue', (due: string | null, options: HelperOptions) =>
    due ? format(options).daysLeft(due) < 0 : false,
  );
  hbs.registerHelper('concat', (...values: unknown[]) => values.slice(0, -1).join(''));
  hbs.registerHelper('eq', (left: unknown, right: unknown) => left === right);
  hbs.registerHelper('includes', (list: unknown, value: unknown) => Array.isArray(list) && list.includes(value));
  hbs.registerHelper('or', (...values: unknown[]) => values.slice(0, -1).some(Boolean));
  hbs.registerHelper('and', (...values: unknown[]) => values.slice(0, -1).every(Boolean));
  hbs.registerHelper('not', (value: unknown) => !value);
}

function daysWords(language: Language, days: number): string {
  if (days === 0) return translate(language, 'days.today');
  return days > 0 ? translate(language, 'days.left', { days }) : translate(language, 'days.overdue', { days: -days });
}
