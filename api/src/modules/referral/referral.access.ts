import { isIP } from 'node:net';
import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { type Connection, type PageRequest, pageRequest, toConnection } from '../../common/connection';
import { paginateByInstant } from '../../common/paging';
import type { RequestContext } from '../../context';
import { AccessLog } from '../access-log/access-log.entity';
import { assertAdmin } from '../../auth/policy';
import { forbidden, unauthenticated } from '../../auth/auth.rules';
import { actingOrganisationId, recordedOrganisationId } from '../../auth/acting-organisation';
import { viewerRole } from '../../auth/viewer';
import { ApiKeyScope } from '../user/api-key.entity';
import { NETWORK_MEMBERS_SQL } from '../network';
import type { ReferralAction } from './referral-action.entity';
import { AccessEventType, type AccessLogRow } from './referral.access-log';
import type { ReferralEvent } from './referral-event.entity';
import { ConsentScope, type Referral } from './referral.entity';
import { ReferralParty, isTerminal } from './referral.transitions';
import { ReferralActionNode, ReferralEventNode, ReferralNode } from './referral.types';

/**
 * Who may read what of a referral (docs/security.md, "Referrals and webhooks"), in one place:
 * - the referring and the receiving organisation read the case;
 * - the member organisations of the referral's network read it when the person consented with
 *   scope NETWORK; without that they see its dossier number and status only;
 * - nobody else: not other organisations, not admins (they curate the map), not municipality
 *   users (they get aggregates).
 * People act for their organisation (ORGANISATION users); systems through API keys with the
 * REFERRALS scope, for the key's organisation.
 */

export type ReferralAccess = 'CONTENT' | 'METADATA' | 'NONE';

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

/** What `organisationId` may see of `referral`, given the member organisations of its network. */
export function viewOf(referral: Referral, organisationId: string, networkMemberIds: readonly string[]): ReferralView {
  const parties = new Set<ReferralParty>();
  const member = referral.networkId !== null && networkMemberIds.includes(organisationId);
  const referrer = referral.referringOrganisationId === organisationId;
  const receiver = referral.receivingOrganisationId === organisationId;
  if (referrer) parties.add(ReferralParty.REFERRER);
  if (receiver || (referral.receivingOrganisationId === null && member)) parties.add(ReferralParty.RECEIVER);
  const networkConsent = member && referral.consentGiven && referral.consentScope === ConsentScope.NETWORK;
  const content = referrer || receiver || networkConsent;
  if (content) parties.add(ReferralParty.INVOLVED);
  return { referral, access: content ? 'CONTENT' : member ? 'METADATA' : 'NONE', parties };
}

/** Views for many referrals: the network members come from one batched statement. */
export async function viewsFor(ctx: RequestContext, referrals: Referral[], organisationId: string): Promise<ReferralView[]> {
  const members = await Promise.all(referrals.map((r) => (r.networkId ? ctx.loaders.networkMemberOrganisationIds.load(r.networkId) : Promise.resolve([]))));
  return referrals.map((referral, i) => viewOf(referral, organisationId, members[i]));
}

export async function networkMemberIds(manager: EntityManager, networkId: string | null): Promise<string[]> {
  if (!networkId) return [];
  const rows: { organisation_id: string }[] = await manager.query(NETWORK_MEMBERS_SQL, [[networkId]]);
  return rows.map((row) => row.organisation_id);
}

/** The GraphQL node: content only when the view allows it. */
export function toNode(view: ReferralView): ReferralNode {
  const node = new ReferralNode();
  node.id = view.referral.id;
  node.dossierNumber = view.referral.dossierNumber;
  node.status = view.referral.status;
  node.version = view.referral.version;
  node.contentVisible = view.access === 'CONTENT';
  node.content = view.access === 'CONTENT' ? view.referral : null;
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
    views.map((view) => accessLogRow(ctx, view.referral, AccessEventType.READ, operation, { content: view.access === 'CONTENT' })),
  );
}

/** The access log of one dossier, oldest first. Admins (who never read the case itself). */
export async function listAccessLog(ctx: RequestContext, args: { dossierNumber: string; first?: number | null; after?: string | null }): Promise<Connection<AccessLog>> {
  assertAdmin(ctx, 'Only admins read the access log');
  const page = pageRequest(args);
  const qb = ctx.manager.getRepository(AccessLog).createQueryBuilder('l').where('l.dossierNumber = :dossierNumber', { dossierNumber: args.dossierNumber.trim() });
  return paginateByInstant(qb, page, 'occurred_at', (row) => row.occurredAt);
}

