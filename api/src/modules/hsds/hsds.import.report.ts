import { type HsdsRecordType, type ImportOutcome, type Item, OUTCOMES, RECORD_TYPES, type SchemaError, normalizeId, text } from './hsds.import.types';

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
}

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

export function buildReport(items: Item[], warnings: string[], options: { format: 'json' | 'csv'; dryRun: boolean }): ImportReport {
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
      };
    });
  return { format: options.format, dryRun: options.dryRun, committed: !options.dryRun, totals, byType, records, warnings };
}
