import type { EntityManager } from 'typeorm';
import { assertAdmin } from '../../auth/policy';
import { recordedOrganisationId } from '../../auth/acting-organisation';
import { BadUserInputError, ConflictError } from '../../common/errors';
import { assertUuid } from '../../common/references';
import type { RequestContext } from '../../context';
import { ChangeAction, CuratedEntityType } from '../curation/change-record.entity';
import { CuratedWrite, POSTCODE_SQL, SAME_NAME_SQL, inTransaction, linkedIds, lockForChange } from '../curation';
import { Organisation } from './organisation.entity';
import type { MergeOrganisationsInput, OrganisationMergePreviewArgs } from './organisation.inputs';
import type { OrganisationMergeCounts } from './organisation.merge.types';
import { organisationCuration } from './organisation.service';

/**
 * Every column that points at an organisation, and how a merge moves it from the source to the
 * target (organisation.merge.test.ts checks this list against the database's foreign keys, so a
 * new reference cannot be forgotten). `unique`: the other columns of a unique key the column is
 * part of — a source row whose twin the target has already is removed instead of moved
 * (`where` narrows which rows are twins, for partial keys). `only`: the rows that move at all (an
 * erased key person is final and stays where it was). `stays`: history that is never rewritten
 * (referral events are append-only: who acted then stays who acted then).
 */
export const ORGANISATION_REFERENCES: ReadonlyArray<{ table: string; column: string; unique?: readonly string[]; where?: string; only?: string; stays?: true }> = [
  { table: 'organisation', column: 'parent_id' },
  { table: 'organisation', column: 'merged_into_id' },
  { table: 'organisation_area', column: 'organisation_id', unique: ['area_id'] },
  { table: 'service', column: 'organisation_id' },
  { table: 'service_partner', column: 'organisation_id', unique: ['service_id'] },
  { table: 'location', column: 'organisation_id' },
  { table: 'key_person', column: 'organisation_id', only: 'erased_at IS NULL' },
  { table: 'key_person_role_organisation', column: 'organisation_id', unique: ['key_person_role_id'] },
  { table: 'network', column: 'coordinator_organisation_id' },
  // Both members of one network: the target's membership stays (a key person's membership moves with the person).
  { table: 'network_member', column: 'organisation_id', unique: ['network_id'], where: 'key_person_id IS NULL' },
  { table: 'app_user', column: 'organisation_id' },
  { table: 'api_key', column: 'organisation_id' },
  { table: 'webhook', column: 'organisation_id' },
  { table: 'notification', column: 'organisation_id' },
  // Proposals the source made: the target is now the organisation that proposed them (and is told of the decision).
  { table: 'proposal', column: 'proposer_organisation_id' },
  { table: 'referral', column: 'referring_organisation_id' },
  { table: 'referral', column: 'receiving_organisation_id' },
  { table: 'referral', column: 'problem_owner_organisation_id' },
  { table: 'referral', column: 'holder_organisation_id' },
  { table: 'referral_action', column: 'assigned_organisation_id' },
  { table: 'referral_event', column: 'organisation_id', stays: true },
  { table: 'referral_consent', column: 'organisation_id', unique: ['referral_id', 'scope'], where: 'withdrawn_at IS NULL' },
  { table: 'referral_consent', column: 'recorded_for_organisation_id' },
  { table: 'referral_consent', column: 'withdrawn_for_organisation_id' },
  { table: 'referral_consultation', column: 'organisation_id', unique: ['referral_id'] },
  { table: 'referral_consultation', column: 'consulted_by_organisation_id' },
];

/** The curated records whose owner changes, each given a history entry of its own. */
const OWNED_RECORDS = [
  { table: 'service', entityType: CuratedEntityType.SERVICE, only: 'true' },
  { table: 'location', entityType: CuratedEntityType.LOCATION, only: 'true' },
  { table: 'key_person', entityType: CuratedEntityType.KEY_PERSON, only: 'erased_at IS NULL' },
] as const;

const COUNTS_SQL = `SELECT
  (SELECT count(*) FROM service WHERE organisation_id = $1 AND archived_at IS NULL)::int AS services,
  (SELECT count(*) FROM location WHERE organisation_id = $1 AND archived_at IS NULL)::int AS locations,
  (SELECT count(*) FROM key_person WHERE organisation_id = $1 AND archived_at IS NULL AND erased_at IS NULL)::int AS "keyPersons",
  (SELECT count(*) FROM network_member WHERE organisation_id = $1)::int AS "networkMemberships",
  (SELECT count(*) FROM network WHERE coordinator_organisation_id = $1 AND archived_at IS NULL)::int AS "coordinatedNetworks",
  (SELECT count(*) FROM service_partner WHERE organisation_id = $1)::int AS "partnerServices",
  (SELECT count(*) FROM organisation WHERE parent_id = $1 AND archived_at IS NULL AND id <> $2)::int AS "childOrganisations",
  (SELECT count(*) FROM app_user WHERE organisation_id = $1)::int AS users,
  (SELECT count(*) FROM api_key WHERE organisation_id = $1 AND revoked_at IS NULL)::int AS "apiKeys",
  (SELECT count(*) FROM webhook WHERE organisation_id = $1)::int AS webhooks`;

function checkPair(sourceId: string, targetId: string): { sourceId: string; targetId: string } {
  const source = assertUuid(sourceId, 'input.sourceId');
  const target = assertUuid(targetId, 'input.targetId');
  if (source === target) throw new BadUserInputError('input.targetId', 'An organisation cannot be merged into itself', { rule: 'mergeSelf' });
  return { sourceId: source, targetId: target };
}

/** What a merge would move (admins), read before they confirm it. */
export async function organisationMergePreview(ctx: RequestContext, args: OrganisationMergePreviewArgs): Promise<OrganisationMergeCounts> {
  assertAdmin(ctx, 'Only admins merge organisations');
  const { sourceId, targetId } = checkPair(args.sourceId, args.targetId);
  const [row] = await ctx.manager.query(COUNTS_SQL, [sourceId, targetId]);
  return row as OrganisationMergeCounts;
}

/**
 * The live services and locations of the source named as one of the target's (the exact
 * duplicates duplicate.service.ts refuses, by the same SQL): the merge would make them twins, so it is refused
 * until a curator renames or archives one of each pair.
 */
async function clashingRecords(tx: EntityManager, sourceId: string, targetId: string): Promise<Array<{ kind: string; id: string; name: string; existingId: string }>> {
  const same = (a: string, b: string) => `${SAME_NAME_SQL(a)} = ${SAME_NAME_SQL(b)}`;
  return tx.query(
    `SELECT 'SERVICE' AS kind, s.id, s.name, t.id AS "existingId" FROM service s JOIN service t ON t.organisation_id = $2 AND t.archived_at IS NULL AND ${same('s.name', 't.name')}
      WHERE s.organisation_id = $1 AND s.archived_at IS NULL
     UNION ALL
     SELECT 'LOCATION', s.id, s.name, t.id FROM location s JOIN location t ON t.organisation_id = $2 AND t.archived_at IS NULL
            AND (${same('s.name', 't.name')} OR (s.address IS NOT NULL AND t.address IS NOT NULL AND ${same('s.address', 't.address')}
                 AND ${POSTCODE_SQL('s.postcode')} = ${POSTCODE_SQL('t.postcode')}))
      WHERE s.organisation_id = $1 AND s.archived_at IS NULL
     ORDER BY 1, 3, 2`,
    [sourceId, targetId],
  );
}

/** Moves every reference of `reference` from the source to the target; a twin the target has already is removed. */
async function moveReference(tx: EntityManager, reference: (typeof ORGANISATION_REFERENCES)[number], sourceId: string, targetId: string): Promise<void> {
  const { table, column } = reference;
  if (reference.stays) return;
  if (reference.unique) {
    const twin = reference.unique.map((c) => `t."${c}" IS NOT DISTINCT FROM s."${c}"`).join(' AND ');
    const where = reference.where ? ` AND s.${reference.where} AND t.${reference.where}` : '';
    await tx.query(`DELETE FROM "${table}" s WHERE s."${column}" = $1 AND EXISTS (SELECT 1 FROM "${table}" t WHERE t."${column}" = $2 AND ${twin}${where})`, [sourceId, targetId]);
  }
  if (table === 'organisation' && column === 'parent_id') {
    // The source's children go under the target; the target itself, if it was one, takes the source's parent.
    await tx.query(`UPDATE organisation SET parent_id = CASE WHEN id = $2 THEN (SELECT parent_id FROM organisation WHERE id = $1) ELSE $2 END WHERE parent_id = $1`, [sourceId, targetId]);
    return;
  }
  await tx.query(`UPDATE "${table}" SET "${column}" = $2 WHERE "${column}" = $1${reference.only ? ` AND ${reference.only}` : ''}`, [sourceId, targetId]);
}

/**
 * Merges the source organisation into the target (admins), in one transaction: every reference
 * of ORGANISATION_REFERENCES moves to the target (twins the target has already are dropped), the
 * moved services, locations and key persons get a history entry each, the source is archived
 * with `mergedIntoId` set (its history says so) and the target's history lists it among
 * `mergedOrganisationIds`. Nothing about referrals is read out or recorded: they move with their
 * columns and no answer or history entry names one. The number of statements does not depend
 * on how much moves. Answers the target.
 */
export async function mergeOrganisations(ctx: RequestContext, input: MergeOrganisationsInput): Promise<Organisation> {
  assertAdmin(ctx, 'Only admins merge organisations');
  const { sourceId, targetId } = checkPair(input.sourceId, input.targetId);
  return inTransaction(ctx, async (tx, txCtx) => {
    // Locked in id order, so two merges of the same pair cannot deadlock.
    const [first, second] = [sourceId, targetId].sort();
    const locked = new Map<string, Organisation>();
    for (const id of [first!, second!]) locked.set(id, await lockForChange(tx, Organisation, 'Organisation', id, null));
    const source = locked.get(sourceId)!;
    const target = locked.get(targetId)!;
    const mergedIds = (id: string) => linkedIds(tx, 'organisation', 'merged_into_id', id, 'id');
    const sourceWrite = await CuratedWrite.begin(tx, txCtx, organisationCuration, source, { expectedVersion: input.sourceVersion, action: ChangeAction.ARCHIVE });
    const targetWrite = await CuratedWrite.begin(tx, txCtx, organisationCuration, target, {
      expectedVersion: input.targetVersion,
      links: async (id) => ({ ...(await organisationCuration.links!(tx, id)), mergedOrganisationIds: await mergedIds(id) }),
    });
    if (source.archivedAt) throw new ConflictError('The source organisation is archived', 'input.sourceId', { rule: 'alreadyArchived' });
    if (target.archivedAt) throw new ConflictError('The target organisation is archived; restore it first', 'input.targetId', { rule: 'targetArchived' });
    const clashes = await clashingRecords(tx, sourceId, targetId);
    if (clashes.length > 0) {
      throw new ConflictError(`The target has records of the same name or address: ${clashes.map((c) => c.name).join(', ')}; rename or archive one of each first`, 'input.sourceId', {
        rule: 'mergeDuplicates',
        params: { records: clashes },
      });
    }

    // The owned records' history first, while they still point at the source.
    for (const owned of OWNED_RECORDS) {
      await tx.query(
        `INSERT INTO change_record (entity_type, entity_id, action, actor_user_id, actor_api_key_id, organisation_id, via, changes)
         SELECT $3::text, r.id, 'UPDATE', $4::uuid, $5::uuid, $6::uuid, 'graphql', jsonb_build_object('organisationId', jsonb_build_object('before', r.organisation_id, 'after', $2::uuid))
           FROM "${owned.table}" r WHERE r.organisation_id = $1::uuid AND ${owned.only}`,
        [sourceId, targetId, owned.entityType, ...actorColumns(txCtx)],
      );
      await tx.query(`UPDATE "${owned.table}" SET version = version + 1, updated_at = now() WHERE organisation_id = $1 AND ${owned.only}`, [sourceId]);
    }
    for (const reference of ORGANISATION_REFERENCES) await moveReference(tx, reference, sourceId, targetId);

    // Re-read: the parent may have moved above.
    const movedTarget = await tx.getRepository(Organisation).findOneByOrFail({ id: targetId });
    const movedSource = await tx.getRepository(Organisation).findOneByOrFail({ id: sourceId });
    movedSource.archivedAt = new Date();
    movedSource.mergedIntoId = targetId;
    await sourceWrite.save(movedSource);
    return (await targetWrite.save(movedTarget)).record;
  });
}

function actorColumns(ctx: RequestContext): [string | null, string | null, string | null] {
  const v = ctx.viewer;
  return [v.kind === 'user' ? v.userId : null, v.kind === 'apiKey' ? v.apiKeyId : null, recordedOrganisationId(v)];
}
