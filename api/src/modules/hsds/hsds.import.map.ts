import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { HsdsRecordType, Item } from './hsds.import.types';

/*
 * Step 3 of the import, the part every record type shares: mapping an HSDS record onto one of
 * Schakel's entities (hsds.import.map.<type>.ts, one file per record type). docs/api-guide.md,
 * "How HSDS fields map onto Schakel", lists the mapping field by field. The rules all types follow:
 * - A field left out of a record leaves ours as it is (HSDS leaves out what a publisher does
 *   not know; "" in a required text counts as left out). An array that is given — even empty —
 *   is the whole list (phones, schedules, funding, languages, attributes, service areas, addresses, accessibility).
 * - A field is compared in HSDS terms first: when ours already exports the incoming value (see
 *   hsds.mapping.ts), it is kept as it is, so that import → export → import changes nothing.
 * - Values the database would refuse (too long, out of range, a postcode that is not Dutch)
 *   are left out with a note rather than failing the import; the record's `notes` say so.
 */

/** Fields of each record type Schakel has no place for: noted on the record, so the report says what was not kept. */
const NOT_KEPT: Record<HsdsRecordType, string[]> = {
  organization: ['tax_status', 'tax_id', 'year_incorporated', 'legal_status', 'logo', 'uri', 'contacts', 'programs', 'organization_identifiers', 'metadata'],
  service: [
    'program_id', 'interpretation_services', 'wait_time', 'fees', 'accreditations', 'assurer_email', 'licenses', 'alert',
    'cost_options', 'program', 'required_documents', 'contacts', 'metadata',
  ],
  location: ['url', 'transportation', 'external_identifier', 'external_identifier_type', 'languages', 'contacts', 'attributes', 'metadata'],
  service_at_location: ['contacts', 'attributes', 'metadata'],
  taxonomy: [],
  taxonomy_term: [],
};

export function noteNotKept(item: Item): void {
  const present = NOT_KEPT[item.type].filter((name) => {
    const value = item.data[name];
    return value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);
  });
  if (present.length > 0) item.notes.push(`Not kept (no such field in Schakel): ${present.join(', ')}`);
}

/** The alternate name as abbreviation (short) or first alias, the way toOrganizationBasic/toServiceBasic read it back. */
export function applyAlternateName(record: { abbreviation: string | null; aliases: string[] }, alternate: string): void {
  if (alternate.length <= 50) {
    record.abbreviation = alternate;
  } else {
    record.abbreviation = null;
    record.aliases = [alternate, ...record.aliases.filter((alias) => alias !== alternate)];
  }
}

export function clone<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, record: T): T {
  return Object.assign(manager.getRepository(target).create(), record, {
    ...(Array.isArray(record.aliases) ? { aliases: [...record.aliases] } : {}),
  });
}

/** Parents before children (within the records given); a cycle is broken where it is found. */
export function parentsFirst(items: Item[], parentOf: (item: Item) => string | undefined): Item[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const ordered: Item[] = [];
  const visit = (item: Item) => {
    if (done.has(item.id) || visiting.has(item.id)) return;
    visiting.add(item.id);
    const parentId = parentOf(item);
    const parent = parentId ? byId.get(parentId) : undefined;
    if (parent) visit(parent);
    visiting.delete(item.id);
    done.add(item.id);
    ordered.push(item);
  };
  items.forEach(visit);
  return ordered;
}
