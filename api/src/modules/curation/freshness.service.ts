import { type Connection, instantSortKey, pageRequest, toConnection } from '../../common/connection';
import type { EntityManager } from 'typeorm';
import { BadUserInputError, ConflictError, NotFoundError, collectProblems, throwIfProblems } from '../../common/errors';
import { assertUuid } from '../../common/references';
import type { RequestContext } from '../../context';
import { assertMayCurateOrganisationRecord, isAdmin, ownOrganisationId } from '../../auth/policy';
import { forbidden } from '../../auth/auth.rules';
import { ChangeAction, CuratedEntityType } from './change-record.entity';
import { type MarkRecordsVerifiedArgs, type MarkVerifiedArgs, type StaleRecordsArgs, VerifiableEntityType } from './curation.inputs';
import { VerificationStatus } from './curation.types';
import { inTransaction, recordChange } from './curation.service';

/**
 * Table, owning-organisation column and area test of each verifiable kind of record; `inArea`
 * is an SQL condition on the union's row `r` against an array parameter of area ids.
 */
const VERIFIABLE: Record<VerifiableEntityType, { table: string; owner: string; erasable?: true; inArea: (areaIds: string) => string }> = {
  [VerifiableEntityType.ORGANISATION]: { table: 'organisation', owner: 'id', inArea: (ids) => `EXISTS (SELECT 1 FROM organisation_area x WHERE x.organisation_id = r.id AND x.area_id = ANY(${ids}))` },
  [VerifiableEntityType.SERVICE]: { table: 'service', owner: 'organisation_id', inArea: (ids) => `EXISTS (SELECT 1 FROM service_area x WHERE x.service_id = r.id AND x.area_id = ANY(${ids}))` },
  [VerifiableEntityType.LOCATION]: { table: 'location', owner: 'organisation_id', inArea: (ids) => `EXISTS (SELECT 1 FROM location x WHERE x.id = r.id AND x.area_id = ANY(${ids}))` },
  [VerifiableEntityType.KEY_PERSON]: {
    table: 'key_person',
    owner: 'organisation_id',
    erasable: true,
    inArea: (ids) => `EXISTS (SELECT 1 FROM key_person_area x WHERE x.key_person_id = r.id AND x.area_id = ANY(${ids}))`,
  },
};

/** The area `$n` and every area below it (the area filter of the work list). */
const AREA_AND_BELOW = (param: string) =>
  `ARRAY(WITH RECURSIVE below(id) AS (SELECT id FROM area WHERE id = ${param} UNION ALL SELECT a.id FROM area a JOIN below b ON a.parent_id = b.id) SELECT id FROM below)`;

const UNION = Object.entries(VERIFIABLE)
  .map(([type, v]) => `SELECT '${type}'::text AS entity_type, id, name, last_verified_at, ${v.owner} AS organisation_id FROM "${v.table}" WHERE archived_at IS NULL`)
  .join('\nUNION ALL\n');

/**
 * The curator's work list (docs/api-guide.md, "Freshness"): current records not verified for
 * `olderThanMonths` (default STALE_AFTER_MONTHS), never-verified first, then oldest first.
 * Admins see all; organisation users and keys with WRITE_OWN_ORGANISATION their own.
 */
export async function listStaleRecords(ctx: RequestContext, args: StaleRecordsArgs): Promise<Connection<VerificationStatus>> {
  const page = pageRequest(args);
  const owner = isAdmin(ctx) ? null : ownOrganisationId(ctx);
  if (!isAdmin(ctx) && !owner) throw forbidden('Only admins and organisations curating their own records have a work list');
  const params: unknown[] = [args.olderThanMonths ?? ctx.settings.staleAfterMonths];
  const where = ['(last_verified_at IS NULL OR last_verified_at < now() - make_interval(months => $1))'];
  if (args.entityType) {
    params.push(args.entityType);
    where.push(`entity_type = $${params.length}`);
  }
  if (owner) {
    params.push(owner);
    where.push(`organisation_id = $${params.length}`);
  }
  if (args.organisation) {
    params.push(assertUuid(args.organisation, 'organisation'));
    where.push(`organisation_id = $${params.length}`);
  }
  if (args.area) {
    const areaId = assertUuid(args.area, 'area');
    const [known] = await ctx.manager.query(`SELECT 1 FROM area WHERE id = $1`, [areaId]);
    if (!known) throw new BadUserInputError('area', `Unknown area ${areaId}`, { rule: 'unknownReference', params: { kind: 'area', value: areaId } });
    params.push(areaId);
    const ids = `${AREA_AND_BELOW(`$${params.length}::uuid`)}`;
    where.push(`(${Object.entries(VERIFIABLE).map(([type, v]) => `(entity_type = '${type}' AND ${v.inArea(ids)})`).join(' OR ')})`);
  }
  // Key persons are personal data: API keys never see them (docs/security.md).
  if (ctx.viewer.kind === 'apiKey') where.push(`entity_type <> 'KEY_PERSON'`);
  const filtered = `SELECT * FROM (${UNION}) r WHERE ${where.join(' AND ')}`;
  const keysetParams = [...params];
  let keyset = '';
  if (page.after) {
    keysetParams.push(instantSortKey(page.after, 'after', ['-infinity']), page.after.id);
    keyset = `WHERE (coalesce(last_verified_at, '-infinity'::timestamptz), id) > ($${keysetParams.length - 1}::timestamptz, $${keysetParams.length}::uuid)`;
  }
  keysetParams.push(page.limit + 1);
  const rows: Array<{ entity_type: VerifiableEntityType; id: string; name: string; last_verified_at: Date | null; organisation_id: string | null }> =
    await ctx.manager.query(
      `SELECT * FROM (${filtered}) f ${keyset} ORDER BY coalesce(last_verified_at, '-infinity'::timestamptz), id LIMIT $${keysetParams.length}`,
      keysetParams,
    );
  const items: VerificationStatus[] = rows.map((r) => ({ entityType: r.entity_type, id: r.id, name: r.name, lastVerifiedAt: r.last_verified_at, organisationId: r.organisation_id }));
  return toConnection(
    items,
    page,
    (item) => (item.lastVerifiedAt ? item.lastVerifiedAt.toISOString() : '-infinity'),
    async () => Number((await ctx.manager.query(`SELECT count(*) AS n FROM (${filtered}) f`, params))[0].n),
  );
}

/**
 * The records whose owners are to be told they went stale (the notification worker's pass,
 * notification.worker.ts): current, not erased, and not verified — or, never verified, not
 * created — for `months` (an SQL integer expression) months. Each row says when the record went
 * stale (`stale_since`, that moment plus the period): one notice per user and moment, so
 * verifying the record starts a new period and the next notice comes only when that one ends.
 * A never-verified record is on the work list at once (`listStaleRecords`), but is announced only
 * once it is as old as the period, so a new or just imported record tells nobody. The owner is
 * `organisation_id` (null: no organisation, the admins' to verify).
 */
export function recordsGoneStaleSql(months: string): string {
  return Object.entries(VERIFIABLE)
    .map(
      ([type, v]) =>
        `SELECT '${type}'::text AS entity_type, id, ${v.owner} AS organisation_id, coalesce(last_verified_at, created_at) + make_interval(months => ${months}) AS stale_since
           FROM "${v.table}"
          WHERE archived_at IS NULL ${v.erasable ? 'AND erased_at IS NULL ' : ''}AND coalesce(last_verified_at, created_at) + make_interval(months => ${months}) <= now()`,
    )
    .join('\nUNION ALL\n');
}

/** Verifies one record inside the caller's transaction: locked, authorised, not erased; the history records it. */
async function verifyIn(tx: EntityManager, ctx: RequestContext, entityType: VerifiableEntityType, id: string): Promise<VerificationStatus> {
  const spec = VERIFIABLE[entityType];
  const [row]: Array<{ name: string; last_verified_at: Date | null; organisation_id: string | null; archived_at: Date | null; erased_at: Date | null }> = await tx.query(
    `SELECT name, last_verified_at, ${spec.owner} AS organisation_id, archived_at, ${spec.erasable ? 'erased_at' : 'NULL::timestamptz AS erased_at'} FROM "${spec.table}" WHERE id = $1 FOR UPDATE`,
    [id],
  );
  if (!row) throw new NotFoundError(`${entityType} ${id} does not exist`);
  assertMayCurateOrganisationRecord(ctx, row.organisation_id);
  // An erased key person (GDPR art. 17) is a tombstone: there is nothing left to verify.
  if (row.erased_at) throw new ConflictError(`${entityType} ${id} was erased and cannot be changed`, 'id', { rule: 'erased' });
  // UPDATE … RETURNING answers [rows, affected count].
  const [[updated]]: [Array<{ last_verified_at: Date }>, number] = await tx.query(
    `UPDATE "${spec.table}" SET last_verified_at = now(), updated_at = now(), version = version + 1 WHERE id = $1 RETURNING last_verified_at`,
    [id],
  );
  await recordChange(tx, ctx, {
    entityType: CuratedEntityType[entityType],
    entityId: id,
    action: ChangeAction.VERIFY,
    before: { lastVerifiedAt: row.last_verified_at?.toISOString() ?? null },
    after: { lastVerifiedAt: updated.last_verified_at.toISOString() },
  });
  return { entityType, id, name: row.name, lastVerifiedAt: updated.last_verified_at, organisationId: row.organisation_id };
}

function assertMayVerify(ctx: RequestContext, entityType: VerifiableEntityType): void {
  if (entityType === VerifiableEntityType.KEY_PERSON && ctx.viewer.kind === 'apiKey') throw forbidden('API keys do not handle key persons');
}

/** "I checked this record and it is right": sets lastVerifiedAt to now and records it. */
export async function markVerified(ctx: RequestContext, args: MarkVerifiedArgs): Promise<VerificationStatus> {
  const id = assertUuid(args.id, 'id');
  assertMayVerify(ctx, args.entityType);
  return inTransaction(ctx, (tx, ctx) => verifyIn(tx, ctx, args.entityType, id));
}

/**
 * A selection of the work list checked at once: every record verified, each with its history
 * entry, in one transaction — or none, when one of them may not be verified by the caller, is
 * gone or erased. Rows are locked in id order, so two overlapping selections never deadlock.
 */
export async function markRecordsVerified(ctx: RequestContext, args: MarkRecordsVerifiedArgs): Promise<VerificationStatus[]> {
  const problems: BadUserInputError[] = [];
  const records: Array<{ entityType: VerifiableEntityType; id: string }> = [];
  for (const [i, record] of args.records.entries()) {
    const id = await collectProblems(problems, () => assertUuid(record.id, `records.${i}.id`));
    records.push({ entityType: record.entityType, id: id ?? '' });
  }
  throwIfProblems(problems);
  for (const record of records) assertMayVerify(ctx, record.entityType);
  const unique = [...new Map(records.map((r) => [`${r.entityType}:${r.id}`, r])).values()];
  const ordered = [...unique].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.entityType.localeCompare(b.entityType)));
  return inTransaction(ctx, async (tx, ctx) => {
    const verified = new Map<string, VerificationStatus>();
    for (const record of ordered) verified.set(`${record.entityType}:${record.id}`, await verifyIn(tx, ctx, record.entityType, record.id));
    return unique.map((r) => verified.get(`${r.entityType}:${r.id}`)!);
  });
}
