import type { Language } from './dictionary';

/** Dates, times and numbers as the office reads them: id-ID style, in the office's time zone. */
export interface Formatter {
  date(value: string | Date | null | undefined): string;
  dateTime(value: string | Date | null | undefined): string;
  number(value: number | null | undefined): string;
  /** A calendar month (YYYY-MM) as "Jan 2026". */
  month(value: string): string;
  /** Today's date in the office (YYYY-MM-DD), for date inputs and day counts. */
  today(): string;
  /** Whole office days from today to a due instant or date (negative when past). */
  daysLeft(due: string | Date): number;
}

const LOCALES: Record<Language, string> = { id: 'id-ID', en: 'en-GB' };

/** A plain calendar date (YYYY-MM-DD) is a day, not an instant: it is shown without a time zone shift. */
const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function formatter(language: Language, timeZone: string): Formatter {
  const locale = LOCALES[language];
  const dateFormat = new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'long', year: 'numeric' });
  const plainDateFormat = new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  const monthFormat = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'short', year: 'numeric' });
  const numberFormat = new Intl.NumberFormat('id-ID');
  const isoDay = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return {
    date: (value) => {
      if (!value) return '';
      if (typeof value === 'string' && PLAIN_DATE.test(value))
        return plainDateFormat.format(new Date(`${value}T00:00:00Z`));
      return dateFormat.format(new Date(value));
    },
    dateTime: (value) => (value ? dateTimeFormat.format(new Date(value)) : ''),
    number: (value) => (value === null || value === undefined ? '' : numberFormat.format(value)),
    month: (value) => (/^\d{4}-\d{2}$/.test(value) ? monthFormat.format(new Date(`${value}-01T00:00:00Z`)) : value),
    today: () => isoDay.format(new Date()),
    daysLeft: (due) => {
      const dueDay = typeof due === 'string' && PLAIN_DATE.test(due) ? due : isoDay.format(new Date(due));
      return Math.round((Date.parse(dueDay) - Date.parse(isoDay.format(new Date()))) / 86_400_000);
    },
  };
}
