import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { type Connection, pageRequest } from '../../common/connection';
import { NotFoundError } from '../../common/errors';
import { paginateByInstant } from '../../common/paging';
import { assertUuid } from '../../common/references';
import type { RequestContext } from '../../context';
import { forbidden, unauthenticated } from '../../auth/auth.rules';
import { isAdmin } from '../../auth/policy';
import { UserRole } from '../../auth/roles';
import type { UserViewer } from '../../auth/viewer';
import { withTransaction } from '../../common/transaction';
import { CuratedEntityType } from '../curation/change-record.entity';
import { actorName, assertVersion, inTransaction, lockForChange } from '../curation';
import { createKeyPerson, updateKeyPerson } from '../key-person';
import { KeyPerson } from '../key-person/key-person.entity';
import { createLocation, updateLocation } from '../location';
import { Location } from '../location/location.entity';
import { NotificationKind, addProposalNotices } from '../notification';
import { createOrganisation, updateOrganisation } from '../organisation';
import { Organisation } from '../organisation/organisation.entity';
import { createService, updateService } from '../service';
import { Service } from '../service/service.entity';
import { Proposal, ProposalKind, ProposalStatus } from './proposal.entity';
import type { ProposalsArgs } from './proposal.inputs';
import { type Decision, assertDecidable, assertTargetUnchanged, currentValuesOf, decisionReason, noticeOfDecision } from './proposal.rules';
import { ProposalEvent, ProposalEventAction } from './proposal.types';

type Payload = Record<string, unknown>;
type Written = { id: string; version: number };

/**
 * Each kind's real write path (its feature's create and update, which run curation's one write
 * path): a proposal is checked against it when it is made and carried out through it when it is
 * accepted, so a proposal meets exactly the rules of the mutation it stands for.
 */
interface Writer {
  entity: EntityTarget<ObjectLiteral & Written>;
  entityType: CuratedEntityType;
  label: string;
  create(ctx: RequestContext, input: Payload): Promise<Written>;
  update(ctx: RequestContext, id: string, version: number, input: Payload): Promise<Written>;
}

// The payload is the mutation's input as received (class-validator and GraphQL checked it); the
// services read it field by field, so the stored JSON is handed back as that input.
/* eslint-disable @typescript-eslint/no-explicit-any */
const WRITERS: Record<ProposalKind, Writer> = {
  [ProposalKind.ORGANISATION]: {
    entity: Organisation,
    entityType: CuratedEntityType.ORGANISATION,
    label: 'Organisation',
    create: (ctx, input) => createOrganisation(ctx, input as any),
    update: (ctx, id, version, input) => updateOrganisation(ctx, id, version, input as any),
  },
  [ProposalKind.SERVICE]: {
    entity: Service,
    entityType: CuratedEntityType.SERVICE,
    label: 'Service',
    create: (ctx, input) => createService(ctx, input as any),
    update: (ctx, id, version, input) => updateService(ctx, id, version, input as any),
  },
  [ProposalKind.LOCATION]: {
    entity: Location,
    entityType: CuratedEntityType.LOCATION,
    label: 'Location',
    create: (ctx, input) => createLocation(ctx, input as any),
    update: (ctx, id, version, input) => updateLocation(ctx, id, version, input as any),
  },
  [ProposalKind.KEY_PERSON]: {
    entity: KeyPerson,
    entityType: CuratedEntityType.KEY_PERSON,
    label: 'Key person',
    create: (ctx, input) => createKeyPerson(ctx, input as any),
    update: (ctx, id, version, input) => updateKeyPerson(ctx, id, version, input as any),
  },
};
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Organisation users propose, for their own organisation; nobody else (admins change records themselves, API keys do not propose). */
function proposerOf(ctx: RequestContext): UserViewer & { organisationId: string } {
  const viewer = ctx.viewer;
  if (viewer.kind === 'anonymous') throw unauthenticated();
  if (viewer.kind !== 'user' || viewer.role !== UserRole.ORGANISATION || !viewer.organisationId) throw forbidden("Only an organisation's users propose changes");
  return viewer as UserViewer & { organisationId: string };
}

function curatorOf(ctx: RequestContext): UserViewer {
  if (ctx.viewer.kind === 'anonymous') throw unauthenticated();
  if (!isAdmin(ctx)) throw forbidden('Only admins (the curators) decide on proposals');
  return ctx.viewer as UserViewer;
}

/** Admins see every proposal, an organisation's users their own organisation's. */
export function assertMaySeeProposal(ctx: RequestContext, proposal: Proposal): void {
  if (ctx.viewer.kind === 'anonymous') throw unauthenticated();
  if (isAdmin(ctx)) return;
  if (ctx.viewer.kind === 'user' && ctx.viewer.role === UserRole.ORGANISATION && ctx.viewer.organisationId === proposal.proposerOrganisationId) return;
  throw forbidden("Only admins and the proposing organisation's users see this proposal");
}

class DryRunDone extends Error {}

/**
 * Runs the real write as a curator would, in a savepoint that is always rolled back: whatever it
 * refuses (every bad field at once, an unknown reference, an exact duplicate, a version the
 * record has moved past, an erased key person) is refused now, with the same code and fields;
 * nothing it wrote — record, links, history — survives. The stand-in is the proposer with an
 * admin's rights, inside this savepoint only.
 */
async function checkAgainstRealWrite(txCtx: RequestContext, proposer: UserViewer, write: (ctx: RequestContext) => Promise<unknown>): Promise<void> {
  try {
    await withTransaction(txCtx, async (dryCtx) => {
      dryCtx.viewer = { ...proposer, role: UserRole.ADMIN, organisationId: null, areaIds: [] };
      await write(dryCtx);
      throw new DryRunDone();
    });
  } catch (error) {
    if (!(error instanceof DryRunDone)) throw error;
  }
}

/** JSON as stored: undefined fields (left as they are) drop out, null (clear) stays. */
function payloadOf(input: object): Payload {
  return JSON.parse(JSON.stringify(input)) as Payload;
}

/**
 * Proposes a new record (`target` null) or a change to `target` at the version the proposer
 * read; checked against the real write first. Admins are told (PROPOSAL_SUBMITTED).
 */
export async function propose(ctx: RequestContext, kind: ProposalKind, target: { id: string; version: number } | null, input: object, motivation: string): Promise<Proposal> {
  const proposer = proposerOf(ctx);
  const writer = WRITERS[kind];
  const payload = payloadOf(input);
  return inTransaction(ctx, async (tx, txCtx) => {
    if (target) {
      const record = await tx.getRepository(writer.entity).findOneBy({ id: assertUuid(target.id, 'id') });
      if (!record) throw new NotFoundError(writer.label, target.id);
    }
    await checkAgainstRealWrite(txCtx, proposer, (dryCtx) => (target ? writer.update(dryCtx, target.id, target.version, payload) : writer.create(dryCtx, payload)));
    const repo = tx.getRepository(Proposal);
    const saved = await repo.save(
      repo.create({
        kind,
        targetId: target?.id ?? null,
        targetVersion: target?.version ?? null,
        payload,
        motivation: motivation.trim(),
        proposerUserId: proposer.userId,
        proposerOrganisationId: proposer.organisationId,
        status: ProposalStatus.PENDING,
      }),
    );
    await addProposalNotices(tx, NotificationKind.PROPOSAL_SUBMITTED, saved.id, proposer.organisationId);
    return saved;
  });
}

async function finish(tx: EntityManager, proposal: Proposal, to: Decision, by: UserViewer, reason: string | null, resultId: string | null): Promise<Proposal> {
  proposal.status = to;
  proposal.decidedAt = new Date();
  proposal.decidedByUserId = by.userId;
  proposal.decisionReason = reason;
  proposal.resultId = resultId;
  const saved = await tx.getRepository(Proposal).save(proposal);
  const notice = noticeOfDecision(to);
  if (notice) await addProposalNotices(tx, NotificationKind[notice], saved.id, saved.proposerOrganisationId);
  return saved;
}

/**
 * A curator accepts: the real create or update runs now, as the curator, in this transaction; its
 * history entry says it came through a proposal (`via: proposal`). A change is made only onto the
 * version it was proposed against (CONFLICT proposalOutdated otherwise).
 */
export async function acceptProposal(ctx: RequestContext, id: string, version: number, reason: string | null | undefined): Promise<Proposal> {
  const curator = curatorOf(ctx);
  return inTransaction(ctx, async (tx, txCtx) => {
    const proposal = await lockForChange(tx, Proposal, 'Proposal', id, null);
    assertDecidable(proposal.status, ProposalStatus.ACCEPTED);
    assertVersion('Proposal', proposal, version);
    const why = decisionReason(reason, ProposalStatus.ACCEPTED);
    const writer = WRITERS[proposal.kind];
    let result: Written;
    if (proposal.targetId) {
      const current = await lockForChange(tx, writer.entity, writer.label, proposal.targetId, null);
      assertTargetUnchanged(proposal.targetVersion!, current.version);
      result = await writer.update(txCtx, proposal.targetId, proposal.targetVersion!, proposal.payload);
    } else {
      result = await writer.create(txCtx, proposal.payload);
    }
    // The write's own history entry, written in this transaction a moment ago.
    await tx.query(`UPDATE change_record SET via = 'proposal' WHERE entity_type = $1 AND entity_id = $2 AND occurred_at = now() AND via = 'graphql'`, [writer.entityType, result.id]);
    return finish(tx, proposal, ProposalStatus.ACCEPTED, curator, why, result.id);
  });
}

/** A curator rejects, with a reason the proposing organisation is told of. */
export async function rejectProposal(ctx: RequestContext, id: string, version: number, reason: string | null | undefined): Promise<Proposal> {
  const curator = curatorOf(ctx);
  return inTransaction(ctx, async (tx) => {
    const proposal = await lockForChange(tx, Proposal, 'Proposal', id, null);
    assertDecidable(proposal.status, ProposalStatus.REJECTED);
    assertVersion('Proposal', proposal, version);
    return finish(tx, proposal, ProposalStatus.REJECTED, curator, decisionReason(reason, ProposalStatus.REJECTED), null);
  });
}

/** The proposing organisation's users withdraw a pending proposal. */
export async function withdrawProposal(ctx: RequestContext, id: string, version: number): Promise<Proposal> {
  const proposer = proposerOf(ctx);
  return inTransaction(ctx, async (tx) => {
    const proposal = await lockForChange(tx, Proposal, 'Proposal', id, null);
    if (proposal.proposerOrganisationId !== proposer.organisationId) throw forbidden('Only the proposing organisation withdraws its proposal');
    assertDecidable(proposal.status, ProposalStatus.WITHDRAWN);
    assertVersion('Proposal', proposal, version);
    return finish(tx, proposal, ProposalStatus.WITHDRAWN, proposer, null, null);
  });
}

/** Oldest first (the curator's queue); admins all, an organisation's users their own organisation's. */
export async function listProposals(ctx: RequestContext, args: ProposalsArgs): Promise<Connection<Proposal>> {
  const qb = ctx.manager.getRepository(Proposal).createQueryBuilder('p');
  if (!isAdmin(ctx)) qb.andWhere('p.proposerOrganisationId = :own', { own: proposerOf(ctx).organisationId });
  if (args.status) qb.andWhere('p.status = :status', { status: args.status });
  if (args.kind) qb.andWhere('p.kind = :kind', { kind: args.kind });
  if (args.targetId) qb.andWhere('p.targetId = :targetId', { targetId: args.targetId });
  return paginateByInstant(qb, pageRequest(args), 'created_at', (proposal) => proposal.createdAt);
}

export async function getProposal(ctx: RequestContext, id: string): Promise<Proposal | null> {
  const proposal = await ctx.loaders.proposalById.load(assertUuid(id, 'id'));
  if (proposal) assertMaySeeProposal(ctx, proposal);
  return proposal;
}

/** The target as it is now, through the per-request loaders; null for a new record, or when it is gone or erased. */
async function targetOf(ctx: RequestContext, proposal: Proposal): Promise<(ObjectLiteral & { name?: string }) | null> {
  if (!proposal.targetId) return null;
  switch (proposal.kind) {
    case ProposalKind.ORGANISATION:
      return ctx.loaders.organisationById.load(proposal.targetId);
    case ProposalKind.SERVICE:
      return ctx.loaders.serviceById.load(proposal.targetId);
    case ProposalKind.LOCATION:
      return ctx.loaders.locationById.load(proposal.targetId);
    case ProposalKind.KEY_PERSON: {
      const person = await ctx.loaders.keyPersonById.load(proposal.targetId);
      return person && !person.erasedAt ? person : null;
    }
  }
}

export async function proposalTargetName(ctx: RequestContext, proposal: Proposal): Promise<string | null> {
  return (await targetOf(ctx, proposal))?.name ?? null;
}

export async function proposalCurrentValues(ctx: RequestContext, proposal: Proposal): Promise<Record<string, unknown> | null> {
  return currentValuesOf(await targetOf(ctx, proposal), proposal.payload);
}

export async function proposalHistory(ctx: RequestContext, proposal: Proposal): Promise<ProposalEvent[]> {
  const name = (userId: string | null) => actorName(ctx, { userId, apiKeyId: null }, { withKeyPrefix: false });
  const events: ProposalEvent[] = [{ action: ProposalEventAction.PROPOSED, occurredAt: proposal.createdAt, actorName: await name(proposal.proposerUserId), reason: null }];
  if (proposal.status !== ProposalStatus.PENDING && proposal.decidedAt) {
    events.push({ action: ProposalEventAction[proposal.status as Decision], occurredAt: proposal.decidedAt, actorName: await name(proposal.decidedByUserId), reason: proposal.decisionReason });
  }
  return events;
}
