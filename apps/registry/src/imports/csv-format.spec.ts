import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openCsv, parseBoolean, parseDate, parseNumber, type CsvRow } from './csv-format';

describe('CSV quirks of spreadsheet exports', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'csv-format-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function read(content: string) {
    const file = path.join(dir, `${Math.random()}.csv`);
    await writeFile(file, content);
    const csv = await openCsv(file);
    const rows: CsvRow[] = [];
    for await (const row of csv.rows) rows.push(row);
    return { headers: csv.headers, rows };
  }

  it('reads a BOM and semicolons, numbering rows as the spreadsheet does', async () => {
    const table = await read('\uFEFFname;kecamatan\r\n"Koperasi; Maju";Pahandut\r\n\r\nKoperasi Baru;Sabangau\r\n');
    expect(table.headers).toEqual(['name', 'kecamatan']);
    expect(table.rows).toEqual([
      { line: 2, values: { name: 'Koperasi; Maju', kecamatan: 'Pahandut' } },
      { line: 3, values: { name: 'Koperasi Baru', kecamatan: 'Sabangau' } },
    ]);
  });

  it('reads commas when the header has more of them', async () => {
    expect((await read('a,b\n1,2')).rows[0].values).toEqual({ a: '1', b: '2' });
  });

  it('refuses a record larger than any spreadsheet cell', async () => {
    await expect(read(`a,b\n"${'x'.repeat(70_000)}",2`)).rejects.toThrow(/max_record_size|record/i);
  });

  it('reads ISO and Indonesian dates, refusing impossible ones', () => {
    expect(parseDate('2024-03-05')).toBe('2024-03-05');
    expect(parseDate('05/03/2024')).toBe('2024-03-05');
    expect(parseDate('5-3-2024')).toBe('2024-03-05');
    expect(parseDate('31/02/2024')).toBeNull();
    expect(parseDate('03/2024')).toBeNull();
  });

  it('reads plain and Indonesian numbers', () => {
    expect(parseNumber('1234.5')).toBe(1234.5);
    expect(parseNumber('1234,5')).toBe(1234.5);
    expect(parseNumber('1.234.567,50')).toBe(1234567.5);
    expect(parseNumber('-20.000.000')).toBe(-20000000);
    expect(parseNumber('12a')).toBeNull();
  });

  it('reads yes/no in English and Indonesian', () => {
    expect(['ya', 'Tidak', 'TRUE', '0', 'maybe'].map(parseBoolean)).toEqual([true, false, true, false, null]);
  });
});
