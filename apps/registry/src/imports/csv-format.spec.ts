import { parseBoolean, parseDate, parseNumber, readCsv } from './csv-format';

describe('CSV quirks of spreadsheet exports', () => {
  it('reads a BOM and semicolons, numbering rows as the spreadsheet does', () => {
    const table = readCsv('\uFEFFname;kecamatan\r\n"Koperasi; Maju";Pahandut\r\n\r\nKoperasi Baru;Sabangau\r\n');
    expect(table.headers).toEqual(['name', 'kecamatan']);
    expect(table.rows).toEqual([
      { line: 2, values: { name: 'Koperasi; Maju', kecamatan: 'Pahandut' } },
      { line: 3, values: { name: 'Koperasi Baru', kecamatan: 'Sabangau' } },
    ]);
  });

  it('reads commas when the header has more of them', () => {
    expect(readCsv('a,b\n1,2').rows[0].values).toEqual({ a: '1', b: '2' });
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
