import type { EntityManager } from 'typeorm';
import { type Connection, pageRequest } from '../../common/connection';
import { dutchDate } from '../../common/dates';
import { BadUserInputError, NotFoundError, collectProblems, throwIfProblems } from '../../common/errors';
import { paginate } from '../../common/paging';
import { assertUuid, idByCode } from '../../common/references';
import type { RequestContext } from '../../context';
import { areaIdsServing, resolveAreaArgument, resolveAreaIds } from '../area';
import { forbidden, unauthenticated } from '../../auth/auth.rules';
import { assertMayCurateOrganisationRecord, isAdmin, ownOrganisationId } from '../../auth/policy';
import { ChangeAction, CuratedEntityType } from '../curation/change-record.entity';
import { applyFields, assertVersion, createCurated, type CurationSpec, inTransaction, linkedIds, lockForChange, recordChange, registerConstraintFields, replaceLinks, setArchived, slugify, snapshot, updateCurated } from '../curation';
import { TargetGroup } from '../target-group/target-group.entity';
import { NetworkMember } from './network-member.entity';
import { Network, NetworkKind, NetworkStatus } from './network.entity';
import type { CreateNetworkInput, NetworkMemberInput, NetworksArgs, UpdateNetworkInput } from './network.inputs';
import { dateProblem, foundedOnProblem, memberProblems, switchModelProblem } from './network.rules';

export async function listNetworks(ctx: RequestContext, args: NetworksArgs): Promise<Connection<Network>> {
  const page = pageRequest(args);
  const qb = ctx.manager.getRepository(Network).createQueryBuilder('n');
  if (!args.includeArchived) qb.andWhere('n.archivedAt IS NULL');
  if (args.area) {
    const area = await resolveAreaArgument(ctx, args.area, 'area');
    qb.andWhere('n.id IN (SELECT na.network_id FROM network_area na WHERE na.area_id = ANY(:areaIds))', { areaIds: await areaIdsServing(ctx, area) });
  }
  if (args.targetGroup) {
    const targetGroupId = await idByCode(ctx.manager, TargetGroup, args.targetGroup, 'targetGroup', 'target group');
    qb.andWhere('n.id IN (SELECT ntg.network_id FROM network_target_group ntg WHERE ntg.target_group_id = :targetGroupId)', { targetGroupId });
  }
  if (args.kind) qb.andWhere('n.kind = :kind', { kind: args.kind });
  if (args.status) qb.andWhere('n.status = :status', { status: args.status });
  return paginate(qb, page, 'name');
}

export async function getNetwork(ctx: RequestContext, id: string | null | undefined, slug: string | null | undefined): Promise<Network | null> {
  if (id) return ctx.loaders.networkById.load(assertUuid(id, 'id'));
  if (slug) return ctx.manager.getRepository(Network).findOneBy({ slug });
  return null;
}

// ---------------------------------------------------------------------------------------------
// Curation: admins, and the coordinating organisation's users and API keys (WRITE_OWN_ORGANISATION)

export const networkCuration: CurationSpec<Network> = {
  target: Network,
  entityType: CuratedEntityType.NETWORK,
  label: 'Network',
  links: async (tx, id) => ({
    areaIds: await linkedIds(tx, 'network_area', 'network_id', id, 'area_id'),
    targetGroupIds: await linkedIds(tx, 'network_target_group', 'network_id', id, 'target_group_id'),
  }),
  authorize: (ctx, record) => assertMayCoordinate(ctx, record.coordinatorOrganisationId),
};

export const networkMemberCuration: CurationSpec<NetworkMember> = {
  target: NetworkMember,
  entityType: CuratedEntityType.NETWORK_MEMBER,
  label: 'Network member',
  // The member's network decides: admins and its coordinating organisation.
  authorize: async (ctx, record) => assertMayCoordinate(ctx, (await networkOfMember(ctx.manager, record.networkId)).coordinatorOrganisationId),
};

registerConstraintFields({
  UQ_network_slug: 'input.slug',
  FK_network_coordinator_organisation: 'input.coordinatorOrganisationId',
  FK_network_home_base_location: 'input.homeBaseLocationId',
  CHK_network_meeting_interval: 'input.meetingIntervalWeeks',
  CHK_network_kind: 'input.kind',
  CHK_network_switch_model: 'input.switchModel',
  CHK_network_status: 'input.status',
  FK_network_member_organisation: 'input.organisationId',
  FK_network_member_key_person: 'input.keyPersonId',
  CHK_network_member_fte: 'input.fte',
  CHK_network_member_hours: 'input.hoursPerWeek',
  CHK_network_member_period: 'input.leftOn',
  CHK_network_member_who: 'input.organisationId',
  CHK_network_member_tier: 'input.tier',
  CHK_network_member_contribution: 'input.contribution',
  CHK_network_knowledge_areas: 'input.knowledgeAreas',
  CHK_network_member_knowledge_areas: 'input.knowledgeAreas',
});

/** A referenced record that must exist and be current (not archived). */
async function assertCurrent(tx: EntityManager, table: 'organisation' | 'location' | 'key_person', id: string, field: string, label: string): Promise<void> {
  const [row]: { archived_at: Date | null }[] = await tx.query(`SELECT archived_at FROM "${table}" WHERE id = $1`, [assertUuid(id, field)]);
  if (!row) throw new BadUserInputError(field, `Unknown ${label} ${id}`, { rule: 'unknownReference', params: { kind: label, value: id } });
  if (row.archived_at) throw new BadUserInputError(field, `The ${label} ${id} is archived`, { rule: 'archivedReference', params: { kind: label, value: id } });
}

/** Target group codes as ids; an unknown or archived one is bad input naming its index. */
export async function resolveTargetGroupIds(tx: EntityManager, codes: string[], field: string): Promise<string[]> {
  const wanted = codes.map((code) => code.trim());
  const found = new Map<string, { id: string; archived_at: Date | null }>(
    (await tx.query(`SELECT id, code, archived_at FROM target_group WHERE code = ANY($1)`, [wanted])).map((row: { id: string; code: string; archived_at: Date | null }) => [row.code, row]),
  );
  return wanted.map((code, i) => {
    const row = found.get(code);
    if (!row) throw new BadUserInputError(`${field}.${i}`, `Unknown target group code "${code}"`);
    if (row.archived_at) throw new BadUserInputError(`${field}.${i}`, `Target group "${code}" is archived`);
    return row.id;
  });
}

const NETWORK_FIELDS = [
  'name', 'slug', 'kind', 'kindDescription', 'switchModel', 'purpose', 'meetingIntervalWeeks', 'meetingFrequency', 'coordinatorRole',
  'workingMethod', 'sizeDescription', 'period', 'foundedOn', 'status', 'knowledgeAreas', 'source', 'note',
] as const;

/** A network's fields from an input, with the rules createNetwork and updateNetwork apply (also the CSV import's). */
export async function applyNetworkInput(tx: EntityManager, record: Network, input: CreateNetworkInput | UpdateNetworkInput): Promise<void> {
  const problems: BadUserInputError[] = [];
  for (const field of ['name', 'kind', 'slug'] as const) {
    if (input[field] === null) problems.push(new BadUserInputError(`input.${field}`, `${field} cannot be empty`, { rule: 'required' }));
  }
  if (input.coordinatorOrganisationId && input.coordinatorOrganisationId !== record.coordinatorOrganisationId) {
    await collectProblems(problems, () => assertCurrent(tx, 'organisation', input.coordinatorOrganisationId!, 'input.coordinatorOrganisationId', 'organisation'));
  }
  if (input.homeBaseLocationId && input.homeBaseLocationId !== record.homeBaseLocationId) {
    await collectProblems(problems, () => assertCurrent(tx, 'location', input.homeBaseLocationId!, 'input.homeBaseLocationId', 'location'));
  }
  const foundedOn = dateProblem(input.foundedOn, 'input.foundedOn') ?? foundedOnProblem(input.foundedOn, dutchDate());
  if (foundedOn) problems.push(foundedOn);
  const kindGiven = input.kind !== undefined || input.switchModel !== undefined;
  const switchModel = kindGiven ? switchModelProblem({ kind: input.kind ?? record.kind, switchModel: input.switchModel !== undefined ? input.switchModel : record.switchModel }) : null;
  if (switchModel) problems.push(switchModel);
  throwIfProblems(problems);
  applyFields(record, input, NETWORK_FIELDS);
  if (input.coordinatorOrganisationId !== undefined) record.coordinatorOrganisationId = input.coordinatorOrganisationId?.toLowerCase() ?? null;
  if (input.homeBaseLocationId !== undefined) record.homeBaseLocationId = input.homeBaseLocationId?.toLowerCase() ?? null;
  if (input.status === null) record.status = NetworkStatus.ACTIVE;
}

/** Non-admins act for their own organisation: the coordinator is theirs and stays theirs. */
function assertMayCoordinate(ctx: RequestContext, coordinatorOrganisationId: string | null): void {
  assertMayCurateOrganisationRecord(ctx, coordinatorOrganisationId);
}

/** Admins; organisations (users, keys with WRITE_OWN_ORGANISATION) add networks they coordinate themselves. */
export async function createNetwork(ctx: RequestContext, input: CreateNetworkInput): Promise<Network> {
  if (ctx.viewer.kind === 'anonymous') throw unauthenticated();
  let coordinatorId = input.coordinatorOrganisationId ?? null;
  if (!isAdmin(ctx)) {
    const own = ownOrganisationId(ctx);
    if (!own) throw forbidden('Only admins and organisations add networks');
    if (coordinatorId && coordinatorId.toLowerCase() !== own) throw forbidden('You can only add networks your own organisation coordinates');
    coordinatorId = own;
  }
  const areaIds = input.areas ? await resolveAreaIds(ctx, input.areas, 'input.areas') : [];
  const targetGroupIds = input.targetGroups ? await resolveTargetGroupIds(ctx.manager, input.targetGroups, 'input.targetGroups') : [];
  return createCurated(
    ctx,
    networkCuration,
    async (tx) => {
      const draft = tx.getRepository(Network).create({ status: NetworkStatus.ACTIVE, coordinatorOrganisationId: null, homeBaseLocationId: null });
      await applyNetworkInput(tx, draft, { ...input, coordinatorOrganisationId: coordinatorId });
      draft.slug = input.slug ?? slugify(input.name);
      if (!draft.slug) throw new BadUserInputError('input.name', 'name must contain letters or digits (for the slug)');
      return draft;
    },
    async (saved, tx) => {
      if (areaIds.length > 0) await replaceLinks(tx, 'network_area', 'network_id', saved.id, 'area_id', areaIds);
      if (targetGroupIds.length > 0) await replaceLinks(tx, 'network_target_group', 'network_id', saved.id, 'target_group_id', targetGroupIds);
    },
  );
}

export async function updateNetwork(ctx: RequestContext, id: string, version: number, input: UpdateNetworkInput): Promise<Network> {
  const areaIds = input.areas ? await resolveAreaIds(ctx, input.areas, 'input.areas') : null;
  return updateCurated(ctx, networkCuration, id, version, async (record, tx, ctx) => {
    if (input.coordinatorOrganisationId !== undefined && !isAdmin(ctx) && input.coordinatorOrganisationId?.toLowerCase() !== record.coordinatorOrganisationId) {
      throw forbidden('Only admins hand a network to another coordinating organisation');
    }
    await applyNetworkInput(tx, record, input);
    if (input.areas !== undefined) await replaceLinks(tx, 'network_area', 'network_id', record.id, 'area_id', areaIds ?? []);
    if (input.targetGroups !== undefined) {
      const targetGroupIds = input.targetGroups ? await resolveTargetGroupIds(tx, input.targetGroups, 'input.targetGroups') : [];
      await replaceLinks(tx, 'network_target_group', 'network_id', record.id, 'target_group_id', targetGroupIds);
    }
  });
}

export function setNetworkArchived(ctx: RequestContext, id: string, version: number, archived: boolean): Promise<Network> {
  return setArchived(ctx, networkCuration, id, version, archived, (record, ctx) => assertMayCoordinate(ctx, record.coordinatorOrganisationId));
}

// Members -------------------------------------------------------------------------------------

const MEMBER_FIELDS = ['organisationName', 'role', 'tier', 'contribution', 'fte', 'hoursPerWeek', 'knowledgeAreas', 'joinedOn', 'leftOn', 'source', 'note'] as const;

/** A member's fields from an input, with the rules addNetworkMember and updateNetworkMember apply (also the CSV import's). */
export async function applyMemberInput(tx: EntityManager, record: NetworkMember, input: NetworkMemberInput): Promise<void> {
  const problems: BadUserInputError[] = [];
  for (const problem of [dateProblem(input.joinedOn, 'input.joinedOn'), dateProblem(input.leftOn, 'input.leftOn')]) if (problem) problems.push(problem);
  if (input.organisationId && input.organisationId.toLowerCase() !== record.organisationId) {
    await collectProblems(problems, () => assertCurrent(tx, 'organisation', input.organisationId!, 'input.organisationId', 'organisation'));
  }
  if (input.keyPersonId && input.keyPersonId.toLowerCase() !== record.keyPersonId) {
    await collectProblems(problems, () => assertCurrent(tx, 'key_person', input.keyPersonId!, 'input.keyPersonId', 'key person'));
  }
  throwIfProblems(problems);
  applyFields(record, input, MEMBER_FIELDS);
  for (const field of ['organisationName', 'role', 'source', 'note'] as const) {
    if (record[field] === '') record[field] = null;
  }
  if (input.organisationId !== undefined) record.organisationId = input.organisationId?.toLowerCase() ?? null;
  if (input.keyPersonId !== undefined) record.keyPersonId = input.keyPersonId?.toLowerCase() ?? null;
  throwIfProblems(memberProblems(record, input));
}

async function networkOfMember(tx: EntityManager, networkId: string): Promise<Network> {
  const network = await tx.getRepository(Network).findOneBy({ id: networkId });
  if (!network) throw new NotFoundError('Network', networkId);
  return network;
}

/** A member with nothing filled in yet (addNetworkMember, the CSV import). */
export function newNetworkMember(tx: EntityManager, networkId: string): NetworkMember {
  return tx.getRepository(NetworkMember).create({
    networkId,
    organisationId: null,
    organisationName: null,
    keyPersonId: null,
    role: null,
    tier: null,
    contribution: null,
    fte: null,
    hoursPerWeek: null,
    knowledgeAreas: null,
    joinedOn: null,
    leftOn: null,
    source: null,
    note: null,
  });
}

/** Same rule as the network: admins and the coordinating organisation. */
export async function addNetworkMember(ctx: RequestContext, networkId: string, input: NetworkMemberInput): Promise<NetworkMember> {
  const id = assertUuid(networkId, 'networkId');
  return createCurated(ctx, networkMemberCuration, async (tx, ctx) => {
    const network = await networkOfMember(tx, id);
    assertMayCoordinate(ctx, network.coordinatorOrganisationId);
    if (network.archivedAt) throw new BadUserInputError('networkId', `Network "${network.slug}" is archived`);
    const draft = newNetworkMember(tx, network.id);
    await applyMemberInput(tx, draft, input);
    return draft;
  });
}

export async function updateNetworkMember(ctx: RequestContext, id: string, version: number, input: NetworkMemberInput): Promise<NetworkMember> {
  return updateCurated(ctx, networkMemberCuration, id, version, (record, tx) => applyMemberInput(tx, record, input));
}

/**
 * Members are referenced by nothing, so removing one deletes it, with a DELETE history entry
 * holding every value. To record that a member left while keeping it listed, set `leftOn`.
 */
export async function removeNetworkMember(ctx: RequestContext, id: string, version: number): Promise<NetworkMember> {
  return inTransaction(ctx, async (tx, ctx) => {
    // Authorise before the version check: a caller without the right learns nothing about the member.
    const record = await lockForChange(tx, NetworkMember, networkMemberCuration.label, id, null);
    await networkMemberCuration.authorize!(ctx, record);
    assertVersion(networkMemberCuration.label, record, version);
    const before = snapshot(tx, NetworkMember, record);
    await tx.getRepository(NetworkMember).delete({ id: record.id });
    await recordChange(tx, ctx, { entityType: CuratedEntityType.NETWORK_MEMBER, entityId: record.id, action: ChangeAction.DELETE, before, after: null });
    return record;
  });
}
