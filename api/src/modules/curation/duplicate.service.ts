import type { EntityManager } from 'typeorm';
import { ConflictError } from '../../common/errors';
import { SimilarRecordKind } from './curation.inputs';
import { SAME_NAME_SQL, sameName } from './similar.rules';

/**
 * Exact duplicates under the same parent are refused (issue 16; docs/api-guide.md, "Duplicates"):
 * - an organisation named as another live organisation;
 * - a service named as another live service of the same organisation;
 * - a location named as, or at the address (street and number, postcode) of, another live
 *   location of the same organisation.
 * "Named as" is `sameName` (similar.rules.ts): trimmed, whitespace collapsed, case ignored. A
 * close name only warns (similarRecords). Archived records do not count: archiving makes room.
 * The partial unique indexes of migration 1766400000000 (UQ_*_live_name, UQ_location_live_address)
 * are the database's twin, for two writes at once; this check answers first and names the record.
 *
 * Every curated write runs it (CurationSpec.duplicates, in CuratedWrite.save), so a form, a CSV
 * and an HSDS import are refused alike.
 */
export interface DuplicateCandidate {
  id?: string | null;
  name: string;
  organisationId?: string | null;
  address?: string | null;
  postcode?: string | null;
  archivedAt?: Date | null;
}

/** The existing record a write would duplicate, and the field that says how. */
export interface ExactDuplicate {
  field: 'input.name' | 'input.address';
  id: string;
  name: string;
}

const TABLES: Record<SimilarRecordKind, { table: string; byOrganisation: boolean; address: boolean }> = {
  [SimilarRecordKind.ORGANISATION]: { table: 'organisation', byOrganisation: false, address: false },
  [SimilarRecordKind.SERVICE]: { table: 'service', byOrganisation: true, address: false },
  [SimilarRecordKind.LOCATION]: { table: 'location', byOrganisation: true, address: true },
};

/** A postcode as the address rule compares it: spaces left out, upper case, none as ''. */
export const POSTCODE_SQL = (column: string) => `coalesce(upper(replace(${column}, ' ', '')), '')`;

/** `POSTCODE_SQL`'s twin in TypeScript. */
export const postcodeKey = (postcode: string | null | undefined): string => (postcode ?? '').replace(/ /g, '').toUpperCase();

/** The live record `record` would duplicate, or null; one statement. */
export async function findExactDuplicate(tx: EntityManager, kind: SimilarRecordKind, record: DuplicateCandidate): Promise<ExactDuplicate | null> {
  if (record.archivedAt || !record.name?.trim()) return null;
  const spec = TABLES[kind];
  const address = spec.address && record.address?.trim() ? record.address : null;
  const sameAddress = `($4::text IS NOT NULL AND address IS NOT NULL AND ${SAME_NAME_SQL('address')} = ${SAME_NAME_SQL('$4::text')} AND ${POSTCODE_SQL('postcode')} = ${POSTCODE_SQL('$5::text')})`;
  const rows: Array<{ id: string; name: string; same_name: boolean }> = await tx.query(
    `SELECT id, name, ${SAME_NAME_SQL('name')} = ${SAME_NAME_SQL('$1::text')} AS same_name
       FROM "${spec.table}"
      WHERE archived_at IS NULL AND ($2::uuid IS NULL OR id <> $2)
        ${spec.byOrganisation ? 'AND organisation_id = $3::uuid' : ''}
        AND (${SAME_NAME_SQL('name')} = ${SAME_NAME_SQL('$1::text')}${spec.address ? ` OR ${sameAddress}` : ''})
      ORDER BY same_name DESC, id
      LIMIT 1`,
    [record.name, record.id ?? null, ...(spec.byOrganisation ? [record.organisationId ?? null] : []), ...(spec.address ? [address, record.postcode ?? null] : [])],
  );
  const [row] = rows;
  if (!row) return null;
  return { field: row.same_name || sameName(row.name, record.name) ? 'input.name' : 'input.address', id: row.id, name: row.name };
}

const LABELS: Record<SimilarRecordKind, string> = {
  [SimilarRecordKind.ORGANISATION]: 'An organisation',
  [SimilarRecordKind.SERVICE]: 'A service of this organisation',
  [SimilarRecordKind.LOCATION]: 'A location of this organisation',
};

/**
 * Refuses an exact duplicate: CONFLICT on `input.name` (or `input.address`) with `rule:
 * 'duplicate'` and `params: { kind, id, name }` naming the existing record, so a form can link to it.
 */
export async function assertNoExactDuplicate(tx: EntityManager, kind: SimilarRecordKind, record: DuplicateCandidate): Promise<void> {
  const duplicate = await findExactDuplicate(tx, kind, record);
  if (!duplicate) return;
  const how = duplicate.field === 'input.name' ? 'has this name' : 'is at this address';
  throw new ConflictError(`${LABELS[kind]} ${how} already: ${duplicate.name} (${duplicate.id})`, duplicate.field, {
    rule: 'duplicate',
    params: { kind, id: duplicate.id, name: duplicate.name },
  });
}
