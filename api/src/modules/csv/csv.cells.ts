import { stringify } from 'csv-stringify/sync';

/**
 * Writing CSV cells, and the one rule against formula injection (OWASP "CSV Injection"): a
 * spreadsheet runs a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return as a
 * formula, so a name stored as `=HYPERLINK("https://evil.example", "Klik")` would become a live
 * link (or worse) in the Excel of whoever opens an export. Every export goes through `toCsv`.
 *
 * Text cells that begin with one of those characters get a single quote in front, which
 * spreadsheets show as text and do not display. The import takes exactly that quote off again
 * (`restoreFormulaCell`), so export → import gives back the stored value. To keep that exact
 * for values that themselves begin with quotes before such a character (`'=x`), those get one
 * more quote too: writing adds one quote to /^'*[=+\-@\t\r]/, reading removes one from
 * /^'+[=+\-@\t\r]/, and the two are each other's inverse for every value.
 *
 * Number columns are never touched: a value of -3 stays `-3` (the decision is the column's
 * kind, not what the value looks like).
 */

export type Separator = ',' | ';';

const NEEDS_QUOTE = /^'*[=+\-@\t\r]/;
const QUOTED = /^'+[=+\-@\t\r]/;

/** A text cell as written to a CSV file: neutralised when a spreadsheet would read it as a formula. */
export function neutraliseFormulaCell(text: string): string {
  return NEEDS_QUOTE.test(text) ? `'${text}` : text;
}

/** A cell as read from a CSV file: without the quote `neutraliseFormulaCell` put in front. */
export function restoreFormulaCell(text: string): string {
  return QUOTED.test(text) ? text.slice(1) : text;
}

/** One CSV cell: empty for null, `true`/`false`, lists joined with `|`. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join('|');
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

export interface CsvLayout {
  columns: readonly string[];
  /** Columns holding numbers: written as they are. Every other column is text and neutralised. */
  numberColumns: readonly string[];
}

/** CRLF line ends; semicolon files (for Excel) start with a BOM so Excel reads them as UTF-8. */
export function toCsv(layout: CsvLayout, rows: Array<Record<string, unknown>>, separator: Separator): string {
  const numbers = new Set(layout.numberColumns);
  for (const column of numbers) if (!layout.columns.includes(column)) throw new Error(`Number column "${column}" is not a column of the file`);
  const kinds = layout.columns.map((column) => (numbers.has(column) ? 'number' : 'text'));
  return stringify(
    rows.map((row) => layout.columns.map((column, c) => (kinds[c] === 'text' ? neutraliseFormulaCell(cell(row[column])) : cell(row[column])))),
    { header: true, columns: [...layout.columns], delimiter: separator, record_delimiter: 'windows', bom: separator === ';' },
  );
}
