export type CsvSeparator = ',' | ';';
type Cell = string | number | null | undefined;

/** A text a spreadsheet would run as a formula (= + - @, tab, CR) is prefixed with an apostrophe. */
function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * CSV that opens correctly in a spreadsheet set up for Indonesia: UTF-8 with a BOM, CRLF lines,
 * `,` or `;` between cells (Excel with the id-ID locale expects `;`), quotes where needed, and text
 * cells that would be formulas neutralised. Numbers are written as numbers.
 */
export function toCsv(rows: Cell[][], separator: CsvSeparator): string {
  const cell = (value: Cell) => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'number') return separator === ';' ? String(value).replace('.', ',') : String(value);
    const text = neutralise(value);
    return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `\uFEFF${rows.map((row) => row.map(cell).join(separator)).join('\r\n')}\r\n`;
}
