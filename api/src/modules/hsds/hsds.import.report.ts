import type { FieldProblem } from '../../common/errors';
import { type HsdsRecordType, type ImportOutcome, type Item, OUTCOMES, RECORD_TYPES, type SchemaError, isObject, normalizeId, text } from './hsds.import.types';

/* The answer of an import: every record with its outcome, and totals. */

export interface ImportRecordResult {
  type: HsdsRecordType;
  id: string;
  name: string;
  outcome: ImportOutcome;
  /** Why a record was rejected or skipped. */
  reason?: string;
  /** JSON pointer of the record's (first) occurrence in the document. */
  path: string;
  /** CSV: the line of the row. */
  line?: number;
  /** What was left out or matched, for records that were imported. */
  notes?: string[];
  /** Schema errors (rejected records). */
  errors?: SchemaError[];
  /**
   * What the rules of the CSV import and the GraphQL API refused (rejected records): the input
   * field as the mutation names it (`input.email`), the message, the rule (`isEmail`) and its params.
   */
  problems?: FieldProblem[];
}

export interface ImportReport {
  format: 'json' | 'csv';
  dryRun: boolean;
  /** True when the changes were written (false for a dry run). */
  committed: boolean;
  totals: Record<ImportOutcome | 'records', number>;
  byType: Record<HsdsRecordType, Record<ImportOutcome, number>>;
  records: ImportRecordResult[];
  /** Things about the document as a whole: ignored keys or files, rows that belong to no record. */
  warnings: string[];
  /**
   * HSDS contacts name people: they are never imported (docs/security.md, "HSDS contacts").
   * `leftOut` counts the contacts of the publication (distinct ids; the CSV package's contacts.csv rows).
   */
  contacts: { leftOut: number };
}

/** The contacts the records carry (an organization's, a service's, a location's, a service_at_location's), each once. */
export function contactsOf(items: Item[]): number {
  const seen = new Set<string>();
  let withoutId = 0;
  for (const item of items) {
    if (!Array.isArray(item.data.contacts)) continue;
    for (const contact of item.data.contacts) {
      const id = isObject(contact) ? normalizeId(contact.id) : undefined;
      if (id) seen.add(id);
      else withoutId++;
    }
  }
  return seen.size + withoutId;
}

export const CONTACTS_LEFT_OUT = 'not imported: contacts name people (personal data), and a key person in Schakel is entered by an admin or the person\'s own organisation, who can tell the person where the data came from (docs/security.md)';

function recordName(item: Item, items: Map<string, Item>): string {
  const name = text(item.data.name);
  if (name) return name;
  if (item.type === 'service_at_location') {
    const serviceId = normalizeId(item.data.service_id) ?? item.context.serviceId ?? item.nested.serviceId;
    const locationId = normalizeId(item.data.location_id) ?? item.nested.locationId;
    const service = serviceId ? text(items.get(`service:${serviceId}`)?.data.name) : undefined;
    const location = locationId ? text(items.get(`location:${locationId}`)?.data.name) : undefined;
    if (service || location) return `${service ?? serviceId ?? '?'} — ${location ?? locationId ?? '?'}`;
    return text(item.data.description) ?? '';
  }
  return '';
}

export function buildReport(items: Item[], warnings: string[], options: { format: 'json' | 'csv'; dryRun: boolean; csvContacts?: number }): ImportReport {
  const byKey = new Map(items.map((item) => [item.key, item]));
  const zero = () => Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0])) as Record<ImportOutcome, number>;
  const totals = { ...zero(), records: 0 };
  const byType = Object.fromEntries(RECORD_TYPES.map((type) => [type, zero()])) as ImportReport['byType'];
  const records = [...items]
    .sort((a, b) => a.order - b.order)
    .map((item): ImportRecordResult => {
      const outcome = item.outcome ?? 'rejected';
      totals[outcome]++;
      totals.records++;
      byType[item.type][outcome]++;
      return {
        type: item.type,
        id: item.id,
        name: recordName(item, byKey),
        outcome,
        ...(item.reason ? { reason: item.reason } : {}),
        path: item.path,
        ...(item.line !== undefined ? { line: item.line } : {}),
        ...(item.notes.length > 0 ? { notes: item.notes } : {}),
        ...(item.errors.length > 0 ? { errors: item.errors } : {}),
        ...(item.problems ? { problems: item.problems } : {}),
      };
    });
  const leftOut = contactsOf(items) + (options.csvContacts ?? 0);
  const contactWarnings = leftOut > 0 ? [`${leftOut} contact${leftOut === 1 ? '' : 's'} ${CONTACTS_LEFT_OUT}`] : [];
  return { format: options.format, dryRun: options.dryRun, committed: !options.dryRun, totals, byType, records, warnings: [...warnings, ...contactWarnings], contacts: { leftOut } };
}
