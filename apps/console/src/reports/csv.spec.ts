import { toCsv } from './csv';

describe('CSV for spreadsheets set up for Indonesia', () => {
  it('starts with a UTF-8 BOM and separates with the chosen separator, CRLF lines', () => {
    expect(
      toCsv(
        [
          ['Kecamatan', 'Jumlah'],
          ['Pahandut', 12],
        ],
        ';',
      ),
    ).toBe('\uFEFFKecamatan;Jumlah\r\nPahandut;12\r\n');
  });

  it('neutralises text cells a spreadsheet would run as formulas, but not negative numbers', () => {
    const csv = toCsv([['=HYPERLINK("x")', '+62 811', '-1', '@SUM(A1)', -3]], ',');
    expect(csv).toBe('\uFEFF"\'=HYPERLINK(""x"")",\'+62 811,\'-1,\'@SUM(A1),-3\r\n');
  });

  it('quotes cells holding the separator and writes decimals with a comma under ;', () => {
    expect(toCsv([['Jekan Raya; utara', 1.5]], ';')).toBe('\uFEFF"Jekan Raya; utara";1,5\r\n');
  });
});
