import { CsvError, parse } from 'csv-parse/sync';
import { type Separator, restoreFormulaCell } from './csv.cells';
import type { CsvRowError } from './csv.report';

/*
 * Reading an uploaded file: the document into rows of cells by column (`readCsv`), then one
 * row's cells into typed values (`RowReader`), each problem reported for its row and column.
 */

export interface CsvTable {
  separator: Separator;
  columns: string[];
  rows: Array<{ row: number; cells: Map<string, string> }>;
}

/** Counts `char` outside double quotes. */
function countOutsideQuotes(line: string, char: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === char && !quoted) n += 1;
  }
  return n;
}

/**
 * Parses a CSV document with a header. Unknown, duplicate and missing required columns are
 * errors of row 1; a row with a different number of fields is an error of that row. Blank
 * rows are skipped (they keep their number).
 */
export function readCsv(text: string, spec: { required: string[]; optional: string[] }): { table: CsvTable | null; errors: CsvRowError[] } {
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0) {
    const row = text.slice(0, bad).split('\n').length;
    return { table: null, errors: [{ row, column: null, message: 'The file is not UTF-8 text; save it as "CSV UTF-8" and try again' }] };
  }
  // PostgreSQL cannot store U+0000 in text: refused here, as a row error, instead of failing the import's SQL.
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const row = text.slice(0, nul).split('\n').length;
    return { table: null, errors: [{ row, column: null, message: 'The file contains a NUL character (U+0000), which cannot be stored; remove it and try again' }] };
  }
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const separator: Separator = countOutsideQuotes(firstLine, ';') > countOutsideQuotes(firstLine, ',') ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter: separator, bom: true, relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === 'number' ? error.lines : null;
    return { table: null, errors: [{ row: line, column: null, message: `The file is not valid CSV: ${error.message}` }] };
  }
  const isBlank = (record: string[]) => record.every((cell) => cell.trim() === '');
  if (records.length === 0 || isBlank(records[0])) {
    return { table: null, errors: [{ row: 1, column: null, message: `A header row is required: ${[...spec.required, ...spec.optional].join(',')}` }] };
  }
  const columns = records[0].map((name) => name.trim().toLowerCase());
  const known = new Set([...spec.required, ...spec.optional]);
  const errors: CsvRowError[] = [];
  const seen = new Set<string>();
  for (const column of columns) {
    if (!known.has(column)) errors.push({ row: 1, column, message: `Unknown column "${column}"; the columns are ${[...known].join(', ')}` });
    else if (seen.has(column)) errors.push({ row: 1, column, message: `Column "${column}" appears twice` });
    seen.add(column);
  }
  for (const column of spec.required) if (!seen.has(column)) errors.push({ row: 1, column, message: `Column "${column}" is missing` });
  if (errors.length > 0) return { table: null, errors };

  const rows: CsvTable['rows'] = [];
  for (let i = 1; i < records.length; i += 1) {
    const record = records[i];
    if (isBlank(record)) continue;
    if (record.length !== columns.length) {
      errors.push({ row: i + 1, column: null, message: `Expected ${columns.length} fields like the header, found ${record.length}` });
      continue;
    }
    // Cells the export neutralised against formula injection get their value back (csv.cells.ts).
    rows.push({ row: i + 1, cells: new Map(columns.map((column, c) => [column, restoreFormulaCell(record[c].trim())])) });
  }
  return { table: { separator, columns, rows }, errors };
}

/** Reads typed cells of one row, collecting problems by column. */
export class RowReader {
  readonly errors: CsvRowError[] = [];

  constructor(
    readonly row: number,
    private readonly cells: Map<string, string>,
    private readonly separator: Separator,
  ) {}

  has(column: string): boolean {
    return this.cells.has(column);
  }

  fail(column: string | null, message: string, rule?: string): void {
    this.errors.push({ row: this.row, column, message, ...(rule ? { rule } : {}) });
  }

  /** undefined: no such column (leave the field as it is); null: empty cell. */
  text(column: string): string | null | undefined {
    if (!this.cells.has(column)) return undefined;
    return this.cells.get(column) || null;
  }

  int(column: string): number | null | undefined {
    const raw = this.text(column);
    if (raw === undefined || raw === null) return raw;
    if (!/^[+-]?\d{1,9}$/.test(raw)) {
      this.fail(column, `"${raw}" is not a whole number`);
      return undefined;
    }
    return Number(raw);
  }

  /**
   * A decimal number. With `;` as separator the decimal comma is accepted (`12,5`, and
   * `1.234,5` with thousands points); a lone `1.234` is refused there as ambiguous.
   */
  decimal(column: string): number | null | undefined {
    const raw = this.text(column);
    if (raw === undefined || raw === null) return raw;
    let normal: string | null = null;
    if (/^[+-]?\d+(\.\d+)?$/.test(raw)) {
      if (this.separator === ';' && /^[+-]?\d{1,3}(\.\d{3})+$/.test(raw)) {
        this.fail(column, `"${raw}" is ambiguous in a semicolon file (decimal point or thousands?); write ${raw.replace(/\./g, '')} or ${raw.replace('.', ',')}`);
        return undefined;
      }
      normal = raw;
    } else if (this.separator === ';' && /^[+-]?\d+,\d+$/.test(raw)) {
      normal = raw.replace(',', '.');
    } else if (this.separator === ';' && /^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(raw)) {
      normal = raw.replace(/\./g, '').replace(',', '.');
    }
    if (normal === null) {
      this.fail(column, this.separator === ',' && /^[+-]?\d+,\d+$/.test(raw) ? `"${raw}": use a decimal point in a comma-separated file` : `"${raw}" is not a number`);
      return undefined;
    }
    return Number(normal);
  }

  bool(column: string): boolean | null | undefined {
    const raw = this.text(column);
    if (raw === undefined || raw === null) return raw;
    const value = raw.toLowerCase();
    if (['true', 'ja', 'yes', 'waar', '1'].includes(value)) return true;
    if (['false', 'nee', 'no', 'onwaar', '0'].includes(value)) return false;
    this.fail(column, `"${raw}" is not true or false`);
    return undefined;
  }

  enumeration<T extends string>(column: string, values: Record<string, T>): T | null | undefined {
    const raw = this.text(column);
    if (raw === undefined || raw === null) return raw;
    const value = raw.toUpperCase() as T;
    if (!Object.values(values).includes(value)) {
      this.fail(column, `"${raw}" is not one of ${Object.values(values).join(', ')}`);
      return undefined;
    }
    return value;
  }

  /** `a|b|c`; an empty cell is an empty list. */
  list(column: string): string[] | undefined {
    const raw = this.text(column);
    if (raw === undefined) return undefined;
    return [...new Set((raw ?? '').split('|').map((item) => item.trim()).filter(Boolean))];
  }
}
