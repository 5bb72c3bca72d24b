import type { FieldProblem } from '../../common/errors';
import { UUID_PATTERN } from '../../common/references';

/*
 * What the parts of the HSDS import share: the record types, the outcomes, and a record on its
 * way through the import (an Item). Depends on nothing else of the import, so that collect,
 * validate, map, run and report can all use it without importing each other.
 */

export const IMPORT_VIA = 'hsds-import';
/** `source` of the rows an import creates. */
export const SOURCE = 'Open Referral HSDS 3.0 import';

export type HsdsRecordType = 'organization' | 'service' | 'location' | 'service_at_location' | 'taxonomy' | 'taxonomy_term';
export type ImportOutcome = 'created' | 'updated' | 'unchanged' | 'rejected' | 'skipped';

export const RECORD_TYPES: readonly HsdsRecordType[] = ['organization', 'service', 'location', 'service_at_location', 'taxonomy', 'taxonomy_term'];
export const OUTCOMES: readonly ImportOutcome[] = ['created', 'updated', 'unchanged', 'rejected', 'skipped'];

export interface SchemaError {
  /** JSON pointer into the document (CSV: into the package as `{ "file.csv": [rows] }`). */
  path: string;
  message: string;
}

/** The document cannot be read as an HSDS publication at all (400; nothing was imported). */
export class HsdsImportInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A UUID as we store it: lower case, without a "urn:uuid:" prefix; anything else is no id. */
export function normalizeId(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const id = value.trim().replace(/^urn:uuid:/i, '').toLowerCase();
  return UUID_PATTERN.test(id) ? id : undefined;
}

/** A text that says something: trimmed, and "" counts as not given. */
export function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed ? trimmed : undefined;
}

export function uniqueTexts(values: unknown[]): string[] {
  return [...new Set(values.map(text).filter((value): value is string => value !== undefined))];
}

export const sameList = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((value, index) => value === b[index]);

/** Ids a record is linked to by where it sits in the document rather than by its own fields. */
export interface Links {
  organizationId?: string;
  serviceId?: string;
  locationId?: string;
}

/** One place a record occurs in the document, as collected (before merging and validation). */
export interface Occurrence {
  type: HsdsRecordType;
  /** The record without the nested records taken out (kept as given when it is no object). */
  data: unknown;
  path: string;
  line?: number;
  /** Ids implied by where the record is nested (its organization, its service). */
  context: Links;
  /** Ids of the nested objects taken out of it (a service's organization, a SAL's location and service). */
  nested: Links;
  /** CSV: maps an error path inside the assembled record to its source row. */
  sourcePath?: (instancePath: string) => string;
}

/** A record: its occurrences merged and validated; the mapping settles its outcome. */
export interface Item {
  key: string;
  type: HsdsRecordType;
  id: string;
  data: Json;
  path: string;
  line?: number;
  order: number;
  context: Links;
  nested: Links;
  errors: SchemaError[];
  notes: string[];
  /** What Schakel's rules refused (hsds.import.rules.ts), as the GraphQL input names the fields. */
  problems?: FieldProblem[];
  outcome?: ImportOutcome;
  reason?: string;
}
