import { isIP } from 'node:net';
import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { type Connection, type PageRequest, pageRequest, toConnection } from '../../common/connection';
import { DUTCH_TIME_ZONE, addDays, dutchDate } from '../../common/dates';
import { BadUserInputError } from '../../common/errors';
import { assertUuid } from '../../common/references';
import { paginateByInstant } from '../../common/paging';
import type { RequestContext } from '../../context';
import { AccessLog } from '../access-log/access-log.entity';
import { assertAdmin } from '../../auth/policy';
import { forbidden, unauthenticated } from '../../auth/auth.rules';
import { actingOrganisationId, recordedOrganisationId } from '../../auth/acting-organisation';
import { viewerRole } from '../../auth/viewer';
import { ApiKeyScope } from '../user/api-key.entity';
import { NETWORK_MEMBER_TIERS_SQL } from '../network';
import { splitTiers } from './referral.tiers';
import type { ReferralAction } from './referral-action.entity';
import { AccessEventType, type AccessLogRow } from './referral.access-log';
import type { ReferralEvent } from './referral-event.entity';
import { ConsentScope, type Referral } from './referral.entity';
import { ReferralParty, isTerminal } from './referral.transitions';
import { ReferralActionNode, ReferralEventNode, ReferralNode } from './referral.types';

/**
 * Who may read what of a referral (docs/security.md, "Referrals and webhooks"), in one place —
 * the two layers of a case as the book works them (§4.4–4.5):
 * - the anonymous case (dossier number, area, target groups, life domains, what is asked,
 *   status, actions, notes): the referring organisation, the receiving organisation, the
 *   holder, every current core member of the network it is brought into (and its coordinator),
 *   shell partners a core partner consulted on this case, and organisations with consent;
 * - the identifying details: the referring organisation (it brought them in) and the
 *   organisations the person consented to, while the consent stands (RECEIVER: the receiving
 *   organisation and the holder; NETWORK: the core members; ORGANISATION: that organisation);
 * - nobody else: not other organisations, not shell partners that were not consulted, not
 *   admins (they curate the map), not municipality users (they get aggregates).
 * People act for their organisation (ORGANISATION users); systems through API keys with the
 * REFERRALS scope, for the key's organisation. The webhook outbox sends events to exactly the
 * organisations `caseReaders` names.
 */

/**
 * The schema coordinates of the identifying layer: what only `identityReaders` may read. Stored
 * answers (Idempotency-Key) never hold these fields, since consent can be withdrawn before a replay.
 */
export const IDENTITY_LAYER_FIELDS: ReadonlySet<string> = new Set(['Referral.identifyingDetails']);

/** IDENTITY: both layers; CONTENT: the anonymous case; NONE: nothing (not even that it exists). */
export type ReferralAccess = 'IDENTITY' | 'CONTENT' | 'NONE';

/** A standing consent: whom it names. */
export interface StandingConsent {
  scope: ConsentScope;
  organisationId: string | null;
}

/** The organisations around one case, as the read rule needs them. */
export interface CaseCircle {
  /** Current core members of the referral's network, with its coordinator. */
  core: readonly string[];
  /** Current shell members of the network (that are not also core). */
  shell: readonly string[];
  /** Shell partners a core partner consulted on this case. */
  consulted: readonly string[];
  /** Consents not withdrawn. */
  consents: readonly StandingConsent[];
}

export const EMPTY_CIRCLE: CaseCircle = Object.freeze({ core: [], shell: [], consulted: [], consents: [] });

export interface ReferralView {
  referral: Referral;
  access: ReferralAccess;
  parties: Set<ReferralParty>;
}

/** The organisation on whose behalf the caller works with referrals, or UNAUTHENTICATED / FORBIDDEN. */
export function referralOrganisationId(ctx: RequestContext): string {
  const v = ctx.viewer;
  if (v.kind === 'anonymous') throw unauthenticated();
  const organisationId = actingOrganisationId(v, ApiKeyScope.REFERRALS);
  if (organisationId) return organisationId;
  throw forbidden('Referrals are read and changed by the organisations involved (their users, or API keys with the REFERRALS scope)');
}

/** The organisations that may read the identifying details now. */
export function identityReaders(referral: Referral, circle: CaseCircle): Set<string> {
  const readers = new Set<string>([referral.referringOrganisationId]);
  for (const consent of circle.consents) {
    if (consent.scope === ConsentScope.RECEIVER) {
      if (referral.receivingOrganisationId) readers.add(referral.receivingOrganisationId);
      if (referral.holderOrganisationId) readers.add(referral.holderOrganisationId);
    } else if (consent.scope === ConsentScope.NETWORK) {
      if (referral.networkId) for (const id of circle.core) readers.add(id);
    } else if (consent.organisationId) {
      readers.add(consent.organisationId);
    }
  }
  return readers;
}

/** The organisations that work on the case (may add notes and actions and move it): parties, core members, consented organisations. */
function workers(referral: Referral, circle: CaseCircle): Set<string> {
  const ids = identityReaders(referral, circle);
  for (const id of [referral.receivingOrganisationId, referral.holderOrganisationId]) if (id) ids.add(id);
  if (referral.networkId) for (const id of circle.core) ids.add(id);
  return ids;
}

/** The organisations that may read the anonymous case now (the webhook outbox sends to exactly these). */
export function caseReaders(referral: Referral, circle: CaseCircle): Set<string> {
  const ids = workers(referral, circle);
  // A consultation holds while the consulted organisation is a current shell partner of the network.
  if (referral.networkId) for (const id of circle.consulted) if (circle.shell.includes(id)) ids.add(id);
  return ids;
}

/** What `organisationId` may see of `referral` and which parts it plays in it. */
export function viewOf(referral: Referral, organisationId: string, circle: CaseCircle): ReferralView {
  const parties = new Set<ReferralParty>();
  const core = referral.networkId !== null && circle.core.includes(organisationId);
  if (referral.referringOrganisationId === organisationId) parties.add(ReferralParty.REFERRER);
  // The receiving side: the receiving organisation, or — a case brought into a network alone, not yet taken — every core member.
  if (referral.receivingOrganisationId === organisationId || (referral.receivingOrganisationId === null && core)) parties.add(ReferralParty.RECEIVER);
  if (referral.holderOrganisationId === organisationId) parties.add(ReferralParty.HOLDER);
  if (workers(referral, circle).has(organisationId)) parties.add(ReferralParty.INVOLVED);
  const access: ReferralAccess = identityReaders(referral, circle).has(organisationId)
    ? 'IDENTITY'
    : caseReaders(referral, circle).has(organisationId)
      ? 'CONTENT'
      : 'NONE';
  return { referral, access, parties };
}

/** The circle of a referral from the per-request loaders (batched over a list). */
export async function circleOf(ctx: RequestContext, referral: Referral): Promise<CaseCircle> {
  const [tiers, consents, consultations] = await Promise.all([
    referral.networkId ? ctx.loaders.networkMemberTiers.load(referral.networkId) : Promise.resolve({ core: [], shell: [] }),
    ctx.loaders.referralConsents.load(referral.id),
    ctx.loaders.referralConsultations.load(referral.id),
  ]);
  return {
    ...tiers,
    consulted: consultations.map((c) => c.organisationId),
    consents: consents.filter((c) => c.withdrawnAt === null).map((c) => ({ scope: c.scope, organisationId: c.organisationId })),
  };
}

/** Views for many referrals: members, consents and consultations come from batched statements. */
export async function viewsFor(ctx: RequestContext, referrals: Referral[], organisationId: string): Promise<ReferralView[]> {
  const circles = await Promise.all(referrals.map((r) => circleOf(ctx, r)));
  return referrals.map((referral, i) => viewOf(referral, organisationId, circles[i]));
}

/** The circle read inside a transaction (after a change, without the request's cached loaders). */
export async function circleIn(manager: EntityManager, referral: Referral): Promise<CaseCircle> {
  const [members, consents, consultations] = await Promise.all([
    referral.networkId ? (manager.query(NETWORK_MEMBER_TIERS_SQL, [[referral.networkId]]) as Promise<{ organisation_id: string; core: boolean }[]>) : Promise.resolve([]),
    manager.query(`SELECT scope, organisation_id FROM referral_consent WHERE referral_id = $1 AND withdrawn_at IS NULL`, [referral.id]) as Promise<{ scope: ConsentScope; organisation_id: string | null }[]>,
    manager.query(`SELECT organisation_id FROM referral_consultation WHERE referral_id = $1`, [referral.id]) as Promise<{ organisation_id: string }[]>,
  ]);
  return {
    ...splitTiers(members),
    consulted: consultations.map((c) => c.organisation_id),
    consents: consents.map((c) => ({ scope: c.scope, organisationId: c.organisation_id })),
  };
}


/** The GraphQL node: content only when the view allows it. */
export function toNode(view: ReferralView): ReferralNode {
  const node = new ReferralNode();
  node.id = view.referral.id;
  node.dossierNumber = view.referral.dossierNumber;
  node.status = view.referral.status;
  node.version = view.referral.version;
  node.contentVisible = view.access !== 'NONE';
  node.identityVisible = view.access === 'IDENTITY';
  node.content = view.access !== 'NONE' ? view.referral : null;
  node.parties = [...view.parties];
  return node;
}

export function toEventNode(event: ReferralEvent, dossierNumber: string): ReferralEventNode {
  const node = new ReferralEventNode();
  Object.assign(node, {
    id: event.id,
    dossierNumber,
    sequence: event.sequence,
    type: event.type,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    note: event.note,
    data: event.data ?? {},
    occurredAt: event.occurredAt,
    happenedOn: event.happenedOn ?? null,
    enteredAfterwards: event.happenedOn !== null && event.happenedOn !== undefined,
    organisationId: event.organisationId,
    actorUserId: event.actorUserId,
    actorApiKeyId: event.actorApiKeyId,
  });
  return node;
}

export function toActionNode(action: ReferralAction, referral: Referral, today: string): ReferralActionNode {
  const node = new ReferralActionNode();
  Object.assign(node, {
    id: action.id,
    version: action.version,
    dossierNumber: referral.dossierNumber,
    description: action.description,
    dueOn: action.dueOn,
    completedAt: action.completedAt,
    result: action.result,
    overdue: isOverdue(action, referral, today),
    createdAt: action.createdAt,
    assignedOrganisationId: action.assignedOrganisationId,
  });
  return node;
}

export function isOverdue(action: ReferralAction, referral: Referral, today: string): boolean {
  return action.completedAt === null && action.dueOn < today && !isTerminal(referral.status);
}

// Access log (NEN 7513) -----------------------------------------------------------------------
// (the rows and their storage: referral.access-log.ts)

/** One access-log row for the caller of `ctx` (role SYSTEM for scripts without a caller). */
export function accessLogRow(
  ctx: RequestContext,
  referral: { id: string; dossierNumber: string } | null,
  eventType: AccessEventType,
  operation: string,
  details: Record<string, unknown> = {},
): AccessLogRow {
  const v = ctx.viewer;
  const ip = ctx.client.ip && isIP(ctx.client.ip) ? ctx.client.ip : null;
  return {
    event_type: eventType,
    dossier_number: referral?.dossierNumber ?? null,
    referral_id: referral?.id ?? null,
    user_id: v.kind === 'user' ? v.userId : null,
    api_key_id: v.kind === 'apiKey' ? v.apiKeyId : null,
    organisation_id: recordedOrganisationId(v),
    role: v.kind === 'anonymous' ? 'SYSTEM' : viewerRole(v),
    ip_address: ip,
    user_agent: ctx.client.userAgent,
    operation,
    details: ctx.client.ip && !ip ? { ...details, accessPoint: ctx.client.ip.slice(0, 100) } : details,
  };
}

/**
 * Logs that the caller read these referrals, before the data leaves the server. Reads of one
 * request are batched (the per-request loader), and each referral is logged once per request
 * and operation.
 */
export async function logReads(ctx: RequestContext, views: readonly ReferralView[], operation: string): Promise<void> {
  await ctx.loaders.referralAccessLog.log(
    views.map((view) => accessLogRow(ctx, view.referral, AccessEventType.READ, operation, { content: view.access !== 'NONE', identity: view.access === 'IDENTITY' })),
  );
}

/**
 * What the access log is narrowed to (the `accessLog` query and its CSV export, one rule): a
 * dossier, who acted (a user), on whose behalf (an organisation) and a period of whole days in
 * Europe/Amsterdam, `from` and `to` both included. Every filter given must hold; none: the
 * whole log.
 */
export interface AccessLogFilter {
  dossierNumber?: string | null;
  userId?: string | null;
  organisationId?: string | null;
  from?: string | null;
  to?: string | null;
}

/** The log's rows that `filter` keeps, as a query on `access_log l` (oldest first is the caller's order); a period ending before it starts is BAD_USER_INPUT on `to`. */
export function filteredAccessLog(manager: EntityManager, filter: AccessLogFilter): SelectQueryBuilder<AccessLog> {
  const { from, to } = filter;
  if (from && to && to < from) {
    throw new BadUserInputError('to', `to (${to}) must not be before from (${from})`, { rule: 'dateOrder', params: { from, to } });
  }
  const qb = manager.getRepository(AccessLog).createQueryBuilder('l');
  const dossierNumber = filter.dossierNumber?.trim();
  if (dossierNumber) qb.andWhere('l.dossierNumber = :dossierNumber', { dossierNumber });
  if (filter.userId) qb.andWhere('l.userId = :userId', { userId: assertUuid(filter.userId, 'userId') });
  if (filter.organisationId) qb.andWhere('l.organisationId = :organisationId', { organisationId: assertUuid(filter.organisationId, 'organisationId') });
  if (from) qb.andWhere(`l.occurredAt >= CAST(:from AS date)::timestamp AT TIME ZONE '${DUTCH_TIME_ZONE}'`, { from });
  if (to) qb.andWhere(`l.occurredAt < (CAST(:to AS date) + 1)::timestamp AT TIME ZONE '${DUTCH_TIME_ZONE}'`, { to });
  return qb;
}

/** The access log, narrowed by `filter`, oldest first. Admins (who never read the case itself). */
export async function listAccessLog(ctx: RequestContext, args: AccessLogFilter & { first?: number | null; after?: string | null }): Promise<Connection<AccessLog>> {
  assertAdmin(ctx, 'Only admins read the access log');
  const page = pageRequest(args);
  return paginateByInstant(filteredAccessLog(ctx.manager, args), page, 'occurred_at', (row) => row.occurredAt);
}

/** The most entries one export carries; a longer selection is refused, to be narrowed by a filter. */
export const ACCESS_LOG_EXPORT_MAX_ROWS = 100_000;

/**
 * The entries `filter` keeps, oldest first, for an export (the CSV of csv/csv.access-log.ts):
 * admins, as the `accessLog` query. The export is itself an entry (EXPORT, with the filter and
 * how many entries it carried), written before the rows leave the server — the log holds
 * addresses, browsers and who did what, personal data like a person's data export.
 */
export async function accessLogForExport(ctx: RequestContext, filter: AccessLogFilter, operation: string): Promise<AccessLog[]> {
  assertAdmin(ctx, 'Only admins read the access log');
  const qb = filteredAccessLog(ctx.manager, filter);
  const rows = await qb.orderBy('l.occurredAt', 'ASC').addOrderBy('l.id', 'ASC').limit(ACCESS_LOG_EXPORT_MAX_ROWS + 1).getMany();
  if (rows.length > ACCESS_LOG_EXPORT_MAX_ROWS) {
    throw new BadUserInputError('from', `more than ${ACCESS_LOG_EXPORT_MAX_ROWS} entries: choose a shorter period or another filter`, { rule: 'max', params: { max: ACCESS_LOG_EXPORT_MAX_ROWS } });
  }
  const given = Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== null && value !== undefined && value !== ''));
  await ctx.loaders.referralAccessLog.log([accessLogRow(ctx, null, AccessEventType.EXPORT, operation, { exported: 'accessLog', filter: given, entries: rows.length })]);
  return rows;
}

/**
 * Refused attempts to read a dossier (READ_DENIED), across all dossiers, oldest first from
 * `since` (default: the last 30 days). Admins; the report of NEN 7513's "onterechte toegang".
 */
export async function listRefusedAccess(ctx: RequestContext, args: { since?: string | null; first?: number | null; after?: string | null }): Promise<Connection<AccessLog>> {
  assertAdmin(ctx, 'Only admins read the access log');
  const page = pageRequest(args);
  const since = args.since ?? addDays(dutchDate(), -30);
  const qb = ctx.manager
    .getRepository(AccessLog)
    .createQueryBuilder('l')
    .where('l.eventType = :denied', { denied: AccessEventType.READ_DENIED })
    .andWhere(`l.occurredAt >= CAST(:since AS date)::timestamp AT TIME ZONE 'Europe/Amsterdam'`, { since });
  return paginateByInstant(qb, page, 'occurred_at', (row) => row.occurredAt);
}
