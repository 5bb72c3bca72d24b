import { CsvError, parse } from 'csv-parse/sync';
import { BadUserInputError } from '../../common/errors';
import { MissingReason } from '../key-figure/key-figure-missing.entity';

/*
 * Reading CBS's Kerncijfers wijken en buurten as CBS publishes them, into one shape for both:
 *
 * - the StatLine CSV download: `;`-separated, every field quoted and padded with spaces
 *   (`"GM0307    "`), a decimal comma, and CBS's statistical symbols in place of a number:
 *   `.` unknown, `x` secret, `-` nil; headers are the data set's keys (`AantalInwoners_5`);
 * - the OData JSON: the typed data set (`TypedDataSet`, `{ value: [ {...}, ... ] }`, numbers as
 *   numbers, text padded, a value CBS does not publish as null) with its data properties
 *   (`DataProperties`: Key, Title, Unit, Type/Datatype per column), and optionally the
 *   `WijkenEnBuurten` dimension (Key, Title: the areas' names).
 *
 * A key's numeric suffix is its position in one table and changes from year to year
 * (`k_65JaarOfOuder_12`, `_13` a year later), so columns are matched by their stem. Pure: no
 * database.
 */

/** What one cell holds. */
export type CbsCell = { kind: 'number'; value: number } | { kind: 'missing'; reason: MissingReason } | { kind: 'text'; value: string } | { kind: 'empty' };

/** A column's metadata, from DataProperties (OData) or none (CSV). */
export interface CbsProperty {
  key: string;
  stem: string;
  title: string | null;
  unit: string | null;
  /** `number` for a topic with a numeric data type, `text` for a text topic, `dimension` for WijkenEnBuurten/Perioden. */
  kind: 'number' | 'text' | 'dimension' | null;
}

export interface CbsRecord {
  /** Line in the CSV (header = 1) or position in the `value` array (first = 1). */
  row: number;
  /** Cells by stem. */
  cells: Map<string, CbsCell>;
  /** Why the row cannot be read as a whole (a CSV line with another number of fields). */
  problem?: string;
}

export interface CbsTable {
  format: 'statline-csv' | 'odata-json';
  /** Columns by stem, in file order. */
  columns: Map<string, CbsProperty>;
  records: CbsRecord[];
  /** Region names by code, from the WijkenEnBuurten dimension (OData), if given. */
  regionNames: Map<string, string>;
  /** The year of the division the table is in (DataProperties: the WijkenEnBuurten dimension's MapYear), if known. */
  mapYear: number | null;
}

/** `AantalInwoners_5` → `AantalInwoners`, `k_65JaarOfOuder_12` → `k_65JaarOfOuder`. */
export function keyStem(key: string): string {
  return key.trim().replace(/_\d+$/, '');
}

const SYMBOLS: Record<string, MissingReason> = { '.': MissingReason.UNKNOWN, x: MissingReason.SECRET, X: MissingReason.SECRET, '-': MissingReason.NIL };

/** The meaning of CBS's symbols, for reports. */
export const SYMBOL_MEANING: Record<MissingReason, string> = {
  [MissingReason.UNKNOWN]: "'.' unknown (not available or not reliable enough)",
  [MissingReason.SECRET]: "'x' secret (withheld to protect those it is about)",
  [MissingReason.NIL]: "'-' nil (does not occur)",
};

/** A CSV cell: trimmed; a symbol, a number with a decimal comma (or point), or text. */
export function readCell(raw: string): CbsCell {
  const text = raw.trim();
  if (text === '') return { kind: 'empty' };
  const symbol = SYMBOLS[text];
  if (symbol) return { kind: 'missing', reason: symbol };
  if (/^-?\d+([.,]\d+)?$/.test(text)) return { kind: 'number', value: Number(text.replace(',', '.')) };
  return { kind: 'text', value: text };
}

/** A typed-data-set value: a number, null (CBS publishes no value), or padded text (perhaps a symbol). */
function readTypedValue(value: unknown): CbsCell {
  if (value === null || value === undefined) return { kind: 'missing', reason: MissingReason.UNKNOWN };
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'text', value: String(value) };
  if (typeof value === 'string') {
    const cell = readCell(value);
    // Text in a typed data set stays text even when it looks like a number (a code such as "0307").
    return cell.kind === 'number' ? { kind: 'text', value: value.trim() } : cell;
  }
  return { kind: 'text', value: JSON.stringify(value) };
}

const NUMERIC_TYPES = new Set(['long', 'double', 'integer', 'int', 'int32', 'int64', 'short', 'decimal', 'float', 'single']);

/** The MapYear of a DataProperties document's geographic dimension (a one-year KWB table's year), or null. */
export function mapYearOf(document: unknown): number | null {
  const value = (document as { value?: unknown[] } | null)?.value;
  if (!Array.isArray(value)) return null;
  for (const entry of value) {
    const e = (entry ?? {}) as Record<string, unknown>;
    if (/GeoDimension/i.test(String(e.Type ?? '')) && /^\d{4}$/.test(String(e.MapYear ?? ''))) return Number(e.MapYear);
  }
  return null;
}

/** The columns of a DataProperties document. */
export function readDataProperties(document: unknown): Map<string, CbsProperty> {
  const entries = valueArray(document, 'DataProperties');
  const columns = new Map<string, CbsProperty>();
  for (const [i, entry] of entries.entries()) {
    if (!entry || typeof entry !== 'object') throw new BadUserInputError('DataProperties', `DataProperties entry ${i + 1} is not an object`);
    const e = entry as Record<string, unknown>;
    if (typeof e.Key !== 'string' || !e.Key.trim()) continue; // topic groups have no key
    const type = String(e.Type ?? '');
    const datatype = String(e.Datatype ?? '').toLowerCase();
    const kind: CbsProperty['kind'] = /dimension/i.test(type) ? 'dimension' : type === 'Topic' || datatype ? (NUMERIC_TYPES.has(datatype) ? 'number' : 'text') : null;
    if (type === 'TopicGroup') continue;
    const stem = keyStem(e.Key);
    columns.set(stem, { key: e.Key.trim(), stem, title: typeof e.Title === 'string' ? e.Title.trim() : null, unit: typeof e.Unit === 'string' ? e.Unit.trim() : null, kind });
  }
  return columns;
}

function valueArray(document: unknown, name: string): unknown[] {
  const value = document && typeof document === 'object' ? (document as { value?: unknown }).value : undefined;
  if (!Array.isArray(value)) throw new BadUserInputError(name, `${name} must be CBS's OData JSON: an object whose "value" is an array`);
  return value;
}

/** Is this OData document a DataProperties one (its entries have Key and Type)? */
export function isDataProperties(document: unknown): boolean {
  const value = (document as { value?: unknown[] } | null)?.value;
  return Array.isArray(value) && value.some((e) => e && typeof e === 'object' && 'Key' in e && 'Type' in e);
}

/** Is this the WijkenEnBuurten dimension (entries with Key and Title, no Type)? */
export function isRegionDimension(document: unknown): boolean {
  const value = (document as { value?: unknown[] } | null)?.value;
  return Array.isArray(value) && value.length > 0 && value.every((e) => e && typeof e === 'object' && 'Key' in e && 'Title' in e && !('Type' in e));
}

/** The typed data set with its DataProperties (and the WijkenEnBuurten dimension, for names). */
export function readODataTable(typedDataSet: unknown, dataProperties: unknown | null, regions: unknown | null = null): CbsTable {
  const entries = valueArray(typedDataSet, 'TypedDataSet');
  const columns = dataProperties ? readDataProperties(dataProperties) : new Map<string, CbsProperty>();
  const records: CbsRecord[] = [];
  for (const [i, entry] of entries.entries()) {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw new BadUserInputError('TypedDataSet', `TypedDataSet entry ${i + 1} is not an object`);
    const cells = new Map<string, CbsCell>();
    for (const [key, value] of Object.entries(entry)) {
      const stem = keyStem(key);
      if (!columns.has(stem)) columns.set(stem, { key, stem, title: null, unit: null, kind: null });
      cells.set(stem, readTypedValue(value));
    }
    records.push({ row: i + 1, cells });
  }
  const regionNames = new Map<string, string>();
  if (regions) {
    for (const entry of valueArray(regions, 'WijkenEnBuurten')) {
      const e = entry as Record<string, unknown>;
      if (typeof e.Key === 'string' && typeof e.Title === 'string') regionNames.set(e.Key.trim(), e.Title.trim());
    }
  }
  return { format: 'odata-json', columns, records, regionNames, mapYear: dataProperties ? mapYearOf(dataProperties) : null };
}

/** The StatLine CSV download. */
export function readStatLineCsv(text: string): CbsTable {
  const body = text.replace(/^\uFEFF/, '');
  if (body.includes('\uFFFD')) throw new BadUserInputError('file', 'The file is not UTF-8 text (CBS publishes its CSV files in UTF-8)');
  if (body.includes('\u0000')) throw new BadUserInputError('file', 'The file contains a NUL character');
  let rows: string[][];
  try {
    rows = parse(body, { delimiter: ';', relax_column_count: true, skip_empty_lines: true, bom: true });
  } catch (error) {
    if (error instanceof CsvError) throw new BadUserInputError('file', `Not a StatLine CSV file (";"-separated, quoted fields): ${error.message}`);
    throw error;
  }
  if (rows.length === 0) throw new BadUserInputError('file', 'The file is empty');
  const header = rows[0].map((h) => h.trim());
  if (header.length < 2) throw new BadUserInputError('file', 'Not a StatLine CSV file: the header has no ";"-separated columns');
  const columns = new Map<string, CbsProperty>();
  const stems: string[] = [];
  for (const key of header) {
    const stem = keyStem(key);
    if (columns.has(stem)) throw new BadUserInputError('file', `Column ${key} appears twice (as ${stem})`);
    columns.set(stem, { key, stem, title: null, unit: null, kind: null });
    stems.push(stem);
  }
  const records: CbsRecord[] = rows.slice(1).map((fields, i) => {
    const cells = new Map<string, CbsCell>();
    fields.forEach((field, j) => {
      if (j < stems.length) cells.set(stems[j], readCell(field));
    });
    const problem = fields.length === stems.length ? undefined : `The line has ${fields.length} fields; the header has ${stems.length}`;
    return { row: i + 2, cells, ...(problem ? { problem } : {}) };
  });
  return { format: 'statline-csv', columns, records, regionNames: new Map(), mapYear: null };
}

/** Text of a cell (a code, a name), or null. */
export function cellText(cell: CbsCell | undefined): string | null {
  if (!cell) return null;
  if (cell.kind === 'text') return cell.value;
  if (cell.kind === 'number') return String(cell.value);
  return null;
}
