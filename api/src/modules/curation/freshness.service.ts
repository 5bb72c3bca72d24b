import { type Connection, instantSortKey, pageRequest, toConnection } from '../../common/connection';
import { ConflictError, NotFoundError } from '../../common/errors';
import { assertUuid } from '../../common/references';
import type { RequestContext } from '../../context';
import { assertMayCurateOrganisationRecord, isAdmin, ownOrganisationId } from '../../auth/policy';
import { forbidden } from '../../auth/auth.rules';
import { ChangeAction, CuratedEntityType } from './change-record.entity';
import { type MarkVerifiedArgs, type StaleRecordsArgs, VerifiableEntityType } from './curation.inputs';
import { VerificationStatus } from './curation.types';
import { inTransaction, recordChange } from './curation.service';

/** Table, name column and owning-organisation column of each verifiable kind of record. */
const VERIFIABLE: Record<VerifiableEntityType, { table: string; owner: string; erasable?: true }> = {
  [VerifiableEntityType.ORGANISATION]: { table: 'organisation', owner: 'id' },
  [VerifiableEntityType.SERVICE]: { table: 'service', owner: 'organisation_id' },
  [VerifiableEntityType.LOCATION]: { table: 'location', owner: 'organisation_id' },
  [VerifiableEntityType.KEY_PERSON]: { table: 'key_person', owner: 'organisation_id', erasable: true },
};

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

/** "I checked this record and it is right": sets lastVerifiedAt to now and records it. */
export async function markVerified(ctx: RequestContext, args: MarkVerifiedArgs): Promise<VerificationStatus> {
  const spec = VERIFIABLE[args.entityType];
  const id = assertUuid(args.id, 'id');
  if (args.entityType === VerifiableEntityType.KEY_PERSON && ctx.viewer.kind === 'apiKey') throw forbidden('API keys do not handle key persons');
  return inTransaction(ctx, async (tx, ctx) => {
    const [row]: Array<{ name: string; last_verified_at: Date | null; organisation_id: string | null; archived_at: Date | null; erased_at: Date | null }> = await tx.query(
      `SELECT name, last_verified_at, ${spec.owner} AS organisation_id, archived_at, ${spec.erasable ? 'erased_at' : 'NULL::timestamptz AS erased_at'} FROM "${spec.table}" WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!row) throw new NotFoundError(`${args.entityType} ${id} does not exist`);
    assertMayCurateOrganisationRecord(ctx, row.organisation_id);
    // An erased key person (GDPR art. 17) is a tombstone: there is nothing left to verify.
    if (row.erased_at) throw new ConflictError(`${args.entityType} ${id} was erased and cannot be changed`, 'id');
    // UPDATE … RETURNING answers [rows, affected count].
    const [[updated]]: [Array<{ last_verified_at: Date }>, number] = await tx.query(
      `UPDATE "${spec.table}" SET last_verified_at = now(), updated_at = now(), version = version + 1 WHERE id = $1 RETURNING last_verified_at`,
      [id],
    );
    await recordChange(tx, ctx, {
      entityType: CuratedEntityType[args.entityType],
      entityId: id,
      action: ChangeAction.VERIFY,
      before: { lastVerifiedAt: row.last_verified_at?.toISOString() ?? null },
      after: { lastVerifiedAt: updated.last_verified_at.toISOString() },
    });
    return { entityType: args.entityType, id, name: row.name, lastVerifiedAt: updated.last_verified_at, organisationId: row.organisation_id };
  });
}
