import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import { isRealIsoDate } from '../common/dates';

/** A data row keyed by header; `line` is the spreadsheet row number (the header is row 1). */
export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

export interface CsvFile {
  headers: string[];
  /** Read on demand: the file is never held in memory whole. Stop early with `return()`. */
  rows: AsyncGenerator<CsvRow>;
}

/** No spreadsheet cell comes near this; a larger record is a broken or hostile file. */
const MAX_RECORD_BYTES = 64 * 1024;

/**
 * Opens a CSV file as a stream of rows. Spreadsheet exports differ: a BOM, `;` instead of `,`
 * (Indonesian locale), blank trailing lines; the header line decides the separator.
 */
export async function openCsv(path: string): Promise<CsvFile> {
  const firstLine = (await readStart(path)).replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = count(firstLine, ';') > count(firstLine, ',') ? ';' : ',';
  const parser = parse({
    delimiter,
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
    max_record_size: MAX_RECORD_BYTES,
  });
  // Errors reach the reader through the parser's iterator; destroying the parser closes the file.
  pipeline(createReadStream(path), parser, () => undefined);
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const first = await records.next();
  const headers: string[] = first.done ? [] : first.value;
  async function* rows(): AsyncGenerator<CsvRow> {
    try {
      for (let line = 2; ; line++) {
        const next = await records.next();
        if (next.done) return;
        const record = next.value;
        yield { line, values: Object.fromEntries(headers.map((header, column) => [header, record[column] ?? ''])) };
      }
    } finally {
      parser.destroy();
    }
  }
  return { headers, rows: rows() };
}

async function readStart(path: string): Promise<string> {
  const file = await open(path);
  try {
    const { buffer, bytesRead } = await file.read({ buffer: Buffer.alloc(MAX_RECORD_BYTES), position: 0 });
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await file.close();
  }
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
