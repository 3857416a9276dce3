import { parse } from 'csv-parse/sync';
import { isRealIsoDate } from '../common/dates';

export interface CsvTable {
  headers: string[];
  /** Data rows keyed by header; `line` is the spreadsheet row number (the header is row 1). */
  rows: { line: number; values: Record<string, string> }[];
}

/** Spreadsheet exports differ: a BOM, `;` instead of `,` (Indonesian locale), blank trailing lines. */
export function readCsv(content: string): CsvTable {
  const text = content.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = count(firstLine, ';') > count(firstLine, ',') ? ';' : ',';
  const records: string[][] = parse(text, { delimiter, skip_empty_lines: true, relax_column_count: true, trim: true });
  const [headers = [], ...data] = records;
  return {
    headers,
    rows: data.map((record, index) => ({
      line: index + 2,
      values: Object.fromEntries(headers.map((header, column) => [header, record[column] ?? ''])),
    })),
  };
}

const count = (text: string, char: string) => text.split(char).length - 1;

/** YYYY-MM-DD or the Indonesian dd/mm/yyyy (also dd-mm-yyyy); null when neither. */
export function parseDate(value: string): string | null {
  if (isRealIsoDate(value)) return value;
  const match = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(value);
  if (!match) return null;
  const iso = `${match[3]}-${match[2].padStart(2, '0')}-${match[1].padStart(2, '0')}`;
  return isRealIsoDate(iso) ? iso : null;
}

/** 1234.5, 1234,5 or Indonesian 1.234.567,50; null when not a number. */
export function parseNumber(value: string): number | null {
  let normalised = value.replace(/\s/g, '');
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(normalised)) normalised = normalised.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d+,\d+$/.test(normalised)) normalised = normalised.replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(normalised)) return null;
  return Number(normalised);
}

const TRUE = ['true', 'ya', 'yes', 'y', '1'];
const FALSE = ['false', 'tidak', 'no', 'n', '0'];

export function parseBoolean(value: string): boolean | null {
  const lower = value.toLowerCase();
  if (TRUE.includes(lower)) return true;
  if (FALSE.includes(lower)) return false;
  return null;
}
