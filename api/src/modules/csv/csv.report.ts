/*
 * The answer of a CSV import: counts, and every problem as `{ row, column, message }`
 * (docs/api-guide.md, "CSV: key figures, organisations and services"). Shared by the importers of each record type.
 */

export interface CsvRowError {
  /** Row in the file (header = 1); null when the problem is not one row's. */
  row: number | null;
  /** The column concerned, as named in the header; null for the whole row. */
  column: string | null;
  message: string;
  /** The rule broken, as GraphQL's BAD_USER_INPUT names it (`maxLength`, `isEmail`, `required`, …), where a rule of the record's input says so. */
  rule?: string;
}

export interface CsvImportBody {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  errors: CsvRowError[];
  /** Errors beyond the first MAX_REPORTED_ERRORS, not listed. */
  moreErrors?: number;
  /** Dry runs: which rows would create or update a record. */
  changes?: Array<{ row: number; action: 'create' | 'update' }>;
  /** A refusal of the whole request (e.g. rows of areas the caller may not change). */
  error?: { code: string; message: string };
}

export interface CsvImportResponse {
  status: number;
  body: CsvImportBody;
}

const MAX_REPORTED_ERRORS = 1000;

export function capped(errors: CsvRowError[]): Pick<CsvImportBody, 'errors' | 'moreErrors'> {
  const sorted = [...errors].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return sorted.length > MAX_REPORTED_ERRORS ? { errors: sorted.slice(0, MAX_REPORTED_ERRORS), moreErrors: sorted.length - MAX_REPORTED_ERRORS } : { errors: sorted };
}

export function refused(dryRun: boolean, errors: CsvRowError[]): CsvImportResponse {
  return { status: 422, body: { dryRun, created: 0, updated: 0, unchanged: 0, ...capped(errors) } };
}
