import { type Connection, pageRequest } from '../../common/connection';
import { addDays, dutchDate } from '../../common/dates';
import { BadUserInputError, NotFoundError } from '../../common/errors';
import { paginateByInstant } from '../../common/paging';
import { assertUuid } from '../../common/references';
import type { RequestContext } from '../../context';
import { forbidden } from '../../auth/auth.rules';
import { CORE_MEMBER_NETWORKS_SQL } from '../network';
import type { ReferralAction } from './referral-action.entity';
import { ReferralAction as ReferralActionEntity } from './referral-action.entity';
import { ReferralEvent } from './referral-event.entity';
import { ConsentScope, Referral, ReferralStatus } from './referral.entity';
import { accessLogRow, circleOf, isOverdue, logReads, referralOrganisationId, toActionNode, toEventNode, toNode, viewOf, viewsFor } from './referral.access';
import { AccessEventType } from './referral.access-log';
import { type ReferralsArgs, ReferralRole } from './referral.inputs';
import { referralSettings } from './referral.service';
import { OPEN_STATUSES, isTerminal, transitionsFrom } from './referral.transitions';
import { ConsentNode, ConsentRecordNode, NetworkAgendaNode, type ReferralActionNode, ReferralConsultationNode, type ReferralEventNode, type ReferralNode } from './referral.types';

/**
 * The read paths of referrals — by id or dossier number, the lists, the network agenda and
 * the fields of a node — each through `viewOf` (referral.access.ts) and logged (`logReads`);
 * a refused attempt is logged as READ_DENIED with the operation.
 */

/** One referral by id or dossier number, for the organisations that may read it. */
export async function getReferral(ctx: RequestContext, id: string | null | undefined, dossierNumber: string | null | undefined): Promise<ReferralNode | null> {
  const organisationId = referralOrganisationId(ctx);
  if ((id ? 1 : 0) + (dossierNumber ? 1 : 0) !== 1) throw new BadUserInputError('id', 'Give exactly one of "id" or "dossierNumber"');
  const repo = ctx.manager.getRepository(Referral);
  const referral = id ? await repo.findOneBy({ id: assertUuid(id, 'id') }) : await repo.findOneBy({ dossierNumber: dossierNumber!.trim() });
  if (!referral) return null;
  const [view] = await viewsFor(ctx, [referral], organisationId);
  if (view.access === 'NONE') {
    await ctx.loaders.referralAccessLog.log([accessLogRow(ctx, referral, AccessEventType.READ_DENIED, 'referral', { refused: 'NO_ACCESS' })]);
    throw forbidden('Only the organisations involved in a referral may read it');
  }
  await logReads(ctx, [view], 'referral');
  return toNode(view);
}

/** Subquery: referrals the organisation (`:org`) reads through a standing consent naming it, or a consultation. */
const CONSENTED_OR_CONSULTED = `(SELECT c.referral_id FROM referral_consent c WHERE c.organisation_id = :org AND c.withdrawn_at IS NULL
   UNION SELECT k.referral_id FROM referral_consultation k WHERE k.organisation_id = :org)`;

/**
 * The caller's organisation's referrals: outbox (SENT), inbox (RECEIVED: receiving or holding),
 * its networks' (NETWORK: core member, or consulted as a shell partner), or all of these and
 * the cases a consent names it for. The SQL narrows; `viewOf` decides (a consultation of a
 * partner that left the network gives nothing), so a list never shows what a read would refuse.
 */
export async function listReferrals(ctx: RequestContext, args: ReferralsArgs): Promise<Connection<ReferralNode>> {
  const organisationId = referralOrganisationId(ctx);
  const page = pageRequest(args);
  const qb = ctx.manager.getRepository(Referral).createQueryBuilder('r');
  const sent = 'r.referringOrganisationId = :org';
  const received = '(r.receivingOrganisationId = :org OR r.holderOrganisationId = :org)';
  const network = `(r.networkId IN ${CORE_MEMBER_NETWORKS_SQL} OR r.id IN (SELECT k.referral_id FROM referral_consultation k WHERE k.organisation_id = :org))`;
  const condition =
    args.role === ReferralRole.SENT
      ? sent
      : args.role === ReferralRole.RECEIVED
        ? received
        : args.role === ReferralRole.NETWORK
          ? network
          : `(${sent} OR ${received} OR ${network} OR r.id IN ${CONSENTED_OR_CONSULTED})`;
  qb.where(condition, { org: organisationId });
  if (args.status) qb.andWhere('r.status = :status', { status: args.status });
  if (args.switchModel) qb.andWhere('r.networkId IN (SELECT n.id FROM network n WHERE n.switch_model = :switchModel)', { switchModel: args.switchModel });
  const connection = await paginateByInstant(qb, page, 'opened_at', (row) => row.openedAt);
  const views = await viewsFor(
    ctx,
    connection.edges.map((edge) => edge.node),
    organisationId,
  );
  const visible = views.filter((view) => view.access !== 'NONE');
  await logReads(ctx, visible, 'referrals');
  const nodes = new Map(visible.map((view) => [view.referral.id, toNode(view)]));
  return {
    edges: connection.edges.filter((edge) => nodes.has(edge.node.id)).map((edge) => ({ cursor: edge.cursor, node: nodes.get(edge.node.id)! })),
    pageInfo: connection.pageInfo,
    get totalCount() {
      return connection.totalCount;
    },
  };
}

// Fields of a referral: the anonymous layer on nodes built with it, the identifying details for IDENTITY only

export async function referralEvents(ctx: RequestContext, node: ReferralNode): Promise<ReferralEventNode[] | null> {
  if (!node.content) return null;
  const events = await ctx.loaders.referralEvents.load(node.id);
  return events.map((event) => toEventNode(event, node.dossierNumber));
}

export async function referralActions(ctx: RequestContext, node: ReferralNode, onlyOverdue = false): Promise<ReferralActionNode[] | null> {
  const referral = node.content;
  if (!referral) return null;
  const today = dutchDate();
  const actions = await ctx.loaders.referralActions.load(node.id);
  return actions.filter((action) => !onlyOverdue || isOverdue(action, referral, today)).map((action) => toActionNode(action, referral, today));
}

/**
 * The identifying details: for organisations with IDENTITY access; anyone else who asks for
 * them gets null, and the refused attempt is in the access log (operation `referral.identifyingDetails`).
 */
export async function referralIdentifyingDetails(ctx: RequestContext, node: ReferralNode): Promise<string | null> {
  if (!node.content) return null;
  if (!node.identityVisible) {
    await ctx.loaders.referralAccessLog.log([accessLogRow(ctx, node.content, AccessEventType.READ_DENIED, 'referral.identifyingDetails', { refused: 'NO_CONSENT', layer: 'IDENTITY' })]);
    return null;
  }
  return node.content.identifyingDetails;
}

const SCOPE_WIDTH: Record<ConsentScope, number> = { [ConsentScope.NETWORK]: 3, [ConsentScope.RECEIVER]: 2, [ConsentScope.ORGANISATION]: 1 };

/** The consent of a case, now and in its history. */
export async function referralConsent(ctx: RequestContext, node: ReferralNode): Promise<ConsentNode | null> {
  if (!node.content) return null;
  const rows = await ctx.loaders.referralConsents.load(node.id);
  const standing = rows.filter((r) => r.withdrawnAt === null).sort((a, b) => SCOPE_WIDTH[b.scope] - SCOPE_WIDTH[a.scope]);
  // The last act (given or withdrawn) says when and by whom consent was last recorded.
  const acts = rows.flatMap((r) => [
    { at: r.givenAt, userId: r.recordedByUserId, apiKeyId: r.recordedByApiKeyId },
    ...(r.withdrawnAt ? [{ at: r.withdrawnAt, userId: r.withdrawnByUserId, apiKeyId: r.withdrawnByApiKeyId }] : []),
  ]);
  const last = acts.sort((a, b) => b.at.getTime() - a.at.getTime())[0] ?? null;
  return Object.assign(new ConsentNode(), {
    given: standing.length > 0,
    scope: standing[0]?.scope ?? null,
    recordedAt: last?.at ?? null,
    recordedById: last?.userId ?? null,
    recordedByApiKeyId: last?.apiKeyId ?? null,
    records: rows.map((r) =>
      Object.assign(new ConsentRecordNode(), {
        id: r.id,
        scope: r.scope,
        givenAt: r.givenAt,
        withdrawnAt: r.withdrawnAt,
        organisationId: r.organisationId,
        recordedByUserId: r.recordedByUserId,
        recordedByApiKeyId: r.recordedByApiKeyId,
        recordedForOrganisationId: r.recordedForOrganisationId,
        withdrawnByUserId: r.withdrawnByUserId,
        withdrawnByApiKeyId: r.withdrawnByApiKeyId,
      }),
    ),
  });
}

export async function referralConsultations(ctx: RequestContext, node: ReferralNode): Promise<ReferralConsultationNode[] | null> {
  if (!node.content) return null;
  const rows = await ctx.loaders.referralConsultations.load(node.id);
  return rows.map((r) =>
    Object.assign(new ReferralConsultationNode(), {
      id: r.id,
      consultedAt: r.createdAt,
      question: r.question,
      organisationId: r.organisationId,
      consultedByOrganisationId: r.consultedByOrganisationId,
    }),
  );
}

/** The moves this caller can make next. */
export function availableTransitions(node: ReferralNode): ReferralStatus[] {
  return transitionsFrom(node.status)
    .filter((t) => node.parties.includes(t.by))
    .map((t) => t.to);
}

/** A closed case to stay alert on whose look-again day falls from the last meeting up to the next (it comes up at the meeting before that day). */
export function lookAgainBetween(referral: Referral, from: string, to: string): boolean {
  return referral.status === ReferralStatus.CLOSED && referral.stayAlert === true && referral.lookAgainOn !== null && referral.lookAgainOn >= from && referral.lookAgainOn <= to;
}

// Network meeting view --------------------------------------------------------------------------

/**
 * The coordinator's agenda (book §4.4) for the network's member organisations: open cases,
 * actions due by the next meeting, what changed since the last one, overdue actions, and the
 * closed cases to look at again (§3.7 step 5). Core members see every case of the network;
 * a shell partner only the ones it was consulted on.
 */
export async function networkAgenda(ctx: RequestContext, networkId: string, since?: string | null): Promise<NetworkAgendaNode> {
  const organisationId = referralOrganisationId(ctx);
  const network = await ctx.loaders.networkById.load(assertUuid(networkId, 'networkId'));
  if (!network) throw new NotFoundError('Network', networkId);
  const tiers = await ctx.loaders.networkMemberTiers.load(network.id);
  if (!tiers.core.includes(organisationId) && !tiers.shell.includes(organisationId)) throw forbidden("Only the network's member organisations see its agenda");
  const weeks = network.meetingIntervalWeeks ?? referralSettings(ctx).defaultActionWeeks;
  const today = dutchDate();
  const nextMeetingOn = addDays(today, 7 * weeks);
  const lastMeetingOn = since ?? addDays(today, -7 * weeks);
  const referrals = await ctx.manager
    .getRepository(Referral)
    .createQueryBuilder('r')
    .where('r.networkId = :networkId', { networkId: network.id })
    .andWhere(
      `(r.status IN (:...open) OR r.closedAt >= CAST(:since AS date)::timestamp AT TIME ZONE 'Europe/Amsterdam'
        OR (r.status = :closed AND r.stayAlert AND r.lookAgainOn BETWEEN CAST(:since AS date) AND CAST(:next AS date)))`,
      { open: OPEN_STATUSES, since: lastMeetingOn, closed: ReferralStatus.CLOSED, next: nextMeetingOn },
    )
    .orderBy('r.openedAt', 'ASC')
    .addOrderBy('r.id', 'ASC')
    .getMany();
  const views = (await Promise.all(referrals.map(async (referral) => viewOf(referral, organisationId, await circleOf(ctx, referral))))).filter((view) => view.access !== 'NONE');
  await logReads(ctx, views, 'networkAgenda');
  const readable = views.map((view) => view.referral);
  const byId = new Map(readable.map((referral) => [referral.id, referral]));
  const openReadable = readable.filter((referral) => !isTerminal(referral.status)).map((referral) => referral.id);
  const [actions, events] = await Promise.all([
    openReadable.length === 0
      ? Promise.resolve([] as ReferralAction[])
      : ctx.manager
          .getRepository(ReferralActionEntity)
          .createQueryBuilder('a')
          .where('a.referralId = ANY(:ids) AND a.completedAt IS NULL AND a.dueOn <= :next', { ids: openReadable, next: nextMeetingOn })
          .orderBy('a.dueOn', 'ASC')
          .addOrderBy('a.id', 'ASC')
          .getMany(),
    readable.length === 0
      ? Promise.resolve([] as ReferralEvent[])
      : ctx.manager
          .getRepository(ReferralEvent)
          .createQueryBuilder('e')
          .where(`e.referralId = ANY(:ids) AND e.occurredAt >= CAST(:since AS date)::timestamp AT TIME ZONE 'Europe/Amsterdam'`, { ids: [...byId.keys()], since: lastMeetingOn })
          .orderBy('e.occurredAt', 'ASC')
          .addOrderBy('e.sequence', 'ASC')
          .getMany(),
  ]);
  const agenda = new NetworkAgendaNode();
  agenda.networkId = network.id;
  agenda.meetingIntervalWeeks = weeks;
  agenda.nextMeetingOn = nextMeetingOn;
  agenda.lastMeetingOn = lastMeetingOn;
  agenda.openCases = views.filter((view) => !isTerminal(view.referral.status)).map(toNode);
  const endedSince = (r: Referral) => r.closedAt !== null && dutchDate(r.closedAt) >= lastMeetingOn;
  agenda.endedSinceLastMeeting = views.filter((view) => isTerminal(view.referral.status) && endedSince(view.referral)).map(toNode);
  agenda.toLookAgain = views
    .filter((view) => lookAgainBetween(view.referral, lastMeetingOn, nextMeetingOn))
    .sort((a, b) => a.referral.lookAgainOn!.localeCompare(b.referral.lookAgainOn!))
    .map(toNode);
  const actionNodes = actions.map((action) => toActionNode(action, byId.get(action.referralId)!, today));
  agenda.overdueActions = actionNodes.filter((action) => action.overdue);
  agenda.actionsDue = actionNodes.filter((action) => !action.overdue);
  agenda.changesSinceLastMeeting = events.map((event) => toEventNode(event, byId.get(event.referralId)!.dossierNumber));
  return agenda;
}
