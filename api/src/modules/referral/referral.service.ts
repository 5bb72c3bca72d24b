import type { EntityManager } from 'typeorm';
import { type Connection, pageRequest } from '../../common/connection';
import { BadUserInputError, ConflictError, NotFoundError, StaleVersionError } from '../../common/errors';
import { assertUuid } from '../../common/references';
import { paginateByInstant } from '../../common/paging';
import type { RequestContext } from '../../context';
import { resolveAreaArgument } from '../area';
import { recordedOrganisationId } from '../../auth/acting-organisation';
import { forbidden } from '../../auth/auth.rules';
import { inTransaction, lockForChange, registerConstraintFields } from '../curation';
import { noteReferralChanged } from '../idempotency';
import { currentNetworkMemberSql } from '../network';
import { enqueueWebhookDeliveries } from '../webhook';
import { ReferralAction } from './referral-action.entity';
import { ReferralEvent, ReferralEventType } from './referral-event.entity';
import { ConsentScope, type LifeDomain, Referral, ReferralStatus } from './referral.entity';
import {
  type ReferralView,
  accessLogRow,
  isOverdue,
  logReads,
  networkMemberIds,
  referralOrganisationId,
  toActionNode,
  toEventNode,
  toNode,
  viewOf,
  viewsFor,
} from './referral.access';
import { AccessEventType, insertAccessLog } from './referral.access-log';
import type { ConsentInput, CreateReferralInput, ReferralsArgs } from './referral.inputs';
import { ReferralRole } from './referral.inputs';
import { addDays, dutchDate } from '../../common/dates';
import { type ReferralSettings, referralSettingsFromEnv } from '../../config';
import { OPEN_STATUSES, ReferralParty, type TransitionMutation, assertOpenFor, assertTransition, isTerminal, transitionsFrom } from './referral.transitions';
import { type ReferralActionNode, type ReferralEventNode, NetworkAgendaNode, type ReferralNode } from './referral.types';

/**
 * Referrals: the closed loop from signal to closure (docs/data-model.md, "Referrals"; issue 5). Every change goes
 * through `changeReferral` (or `createReferral`), which locks the referral, checks who may do
 * it, applies it, bumps the version and appends one event with `recordReferralChange` — in one
 * transaction. Every read goes through `viewOf` (what the caller may see) and `logReads`.
 */

registerConstraintFields({
  FK_referral_receiving_organisation: 'input.receivingOrganisationId',
  FK_referral_network: 'input.networkId',
  FK_referral_service: 'input.serviceId',
  FK_referral_area: 'input.area',
  CHK_referral_life_domains: 'input.lifeDomains',
  FK_referral_action_assigned_organisation: 'input.assignedOrganisationId',
  FK_referral_problem_owner_organisation: 'input.problemOwnerOrganisationId',
});

export function referralSettings(ctx: RequestContext): ReferralSettings {
  return ctx.settings.referrals ?? referralSettingsFromEnv();
}

// Privacy by design: anonymous text ------------------------------------------------------------

/** Nine digits, possibly grouped (1234.56.782, 1234 56 782), not part of a longer number. */
const NINE_DIGITS = /(?<![\d.])(\d{4}[ .]?\d{2}[ .]?\d{3})(?![\d])/g;

/** The elfproef of a burgerservicenummer. */
export function isBsn(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

/** Trimmed text, or bad input when it contains what looks like a BSN (referrals are anonymous). */
function caseText(value: string | null | undefined, field: string): string | null {
  const text = value?.trim() ?? '';
  if (!text) return null;
  for (const match of text.matchAll(NINE_DIGITS)) {
    if (isBsn(match[1].replace(/[ .]/g, ''))) {
      throw new BadUserInputError(field, 'Referrals are anonymous: leave out the BSN (and names and birth dates); the dossier number identifies the case');
    }
  }
  return text;
}

function requiredText(value: string, field: string): string {
  const text = caseText(value, field);
  if (!text) throw new BadUserInputError(field, `${field.split('.').pop()} cannot be empty`);
  return text;
}

// Lookups ---------------------------------------------------------------------------------------

/** A current (not archived) record of `table`, or bad input naming `field`. */
async function assertCurrent(tx: EntityManager, table: 'organisation' | 'network' | 'service', id: string, field: string): Promise<string> {
  const key = assertUuid(id, field);
  const rows: { archived: boolean }[] = await tx.query(`SELECT archived_at IS NOT NULL AS archived FROM "${table}" WHERE id = $1`, [key]);
  if (rows.length === 0) throw new BadUserInputError(field, `Unknown ${table} ${id}`);
  if (rows[0].archived) throw new BadUserInputError(field, `The ${table} ${id} is archived`);
  return key;
}

/** Ids for catalogue codes, in one statement; an unknown code is bad input naming its position. */
async function idsByCodes(tx: EntityManager, table: 'target_group' | 'intervention_type', codes: string[], field: string, label: string): Promise<string[]> {
  const unique = [...new Set(codes.map((c) => c.trim()))];
  if (unique.length === 0) return [];
  const rows: { id: string; code: string }[] = await tx.query(`SELECT id, code FROM "${table}" WHERE code = ANY($1)`, [unique]);
  const byCode = new Map(rows.map((row) => [row.code, row.id]));
  const missing = codes.findIndex((code) => !byCode.has(code.trim()));
  if (missing >= 0) throw new BadUserInputError(`${field}.${missing}`, `Unknown ${label} code "${codes[missing]}"`);
  return unique.map((code) => byCode.get(code)!);
}

function consentValues(input: ConsentInput | null | undefined, field: string): { given: boolean; scope: ConsentScope | null } | null {
  if (!input) return null;
  if (input.given && !input.scope) throw new BadUserInputError(`${field}.scope`, 'Say who may read the case: RECEIVER or NETWORK');
  return { given: input.given, scope: input.given ? (input.scope ?? null) : null };
}

/** `2026-00042`: the next number of this year (Europe/Amsterdam), taken inside the transaction. */
async function nextDossierNumber(tx: EntityManager): Promise<string> {
  const year = Number(dutchDate().slice(0, 4));
  const [row]: { last_number: number }[] = await tx.query(
    `INSERT INTO dossier_counter (year, last_number) VALUES ($1, 1)
     ON CONFLICT (year) DO UPDATE SET last_number = dossier_counter.last_number + 1
     RETURNING last_number`,
    [year],
  );
  return `${year}-${String(row.last_number).padStart(5, '0')}`;
}

// The one way a referral changes ---------------------------------------------------------------

export interface ReferralChange {
  type: ReferralEventType;
  fromStatus?: ReferralStatus | null;
  toStatus?: ReferralStatus | null;
  /** Case content: note, reason, action description or result, outcome. */
  note?: string | null;
  data?: Record<string, unknown>;
}

/**
 * Appends the change to the referral's history (next sequence number; the caller holds the
 * referral's row lock), to the access log and to the webhook outbox (one delivery per
 * subscribed webhook of an organisation that may read the referral), in the caller's
 * transaction: every change passes this point exactly once, and its deliveries commit with it.
 */
export async function recordReferralChange(tx: EntityManager, ctx: RequestContext, referral: Referral, change: ReferralChange, operation: string): Promise<{ id: string; sequence: number }> {
  const v = ctx.viewer;
  const organisationId = recordedOrganisationId(v);
  const [event]: { id: string; sequence: number; occurred_at: Date }[] = await tx.query(
    `INSERT INTO referral_event (referral_id, sequence, type, from_status, to_status, actor_user_id, actor_api_key_id, organisation_id, note, data)
     SELECT $1::uuid, coalesce(max(e.sequence), 0) + 1, $2, $3, $4, $5::uuid, $6::uuid, $7::uuid, $8, $9::jsonb FROM referral_event e WHERE e.referral_id = $1::uuid
     RETURNING id, sequence, occurred_at`,
    [
      referral.id,
      change.type,
      change.fromStatus ?? null,
      change.toStatus ?? null,
      v.kind === 'user' ? v.userId : null,
      v.kind === 'apiKey' ? v.apiKeyId : null,
      organisationId,
      change.note ?? null,
      JSON.stringify(change.data ?? {}),
    ],
  );
  await insertAccessLog(tx, [
    accessLogRow(ctx, referral, change.type === ReferralEventType.CREATED ? AccessEventType.CREATE : AccessEventType.UPDATE, operation, {
      event: change.type,
      sequence: event.sequence,
      ...(change.fromStatus ? { fromStatus: change.fromStatus } : {}),
      ...(change.toStatus ? { toStatus: change.toStatus } : {}),
    }),
  ]);
  await enqueueWebhookDeliveries(tx, referral, {
    id: event.id,
    sequence: event.sequence,
    occurredAt: event.occurred_at,
    type: change.type,
    fromStatus: change.fromStatus ?? null,
    toStatus: change.toStatus ?? null,
    organisationId,
    data: change.data ?? {},
  });
  noteReferralChanged(ctx, referral);
  return { id: event.id, sequence: event.sequence };
}

interface ChangeSpec {
  operation: string;
  referralId: string;
  /** The referral version the caller read; null when the change checks another record's version (actions). */
  version: number | null;
  /** Checks and applies the change to the locked referral; returns what to append to its history. `ctx` is the transaction's. */
  apply(tx: EntityManager, referral: Referral, view: ReferralView, organisationId: string, ctx: RequestContext): Promise<ReferralChange> | ReferralChange;
}

function conflict(label: string, id: string, current: number, sent: number): StaleVersionError {
  return new StaleVersionError(label, id, current, sent);
}

/**
 * Locks the referral, lets only organisations that may see it go further (before the version
 * check, so others learn nothing), checks the version, applies the change, bumps the version
 * and records the change. Nothing is written when any step fails.
 */
async function changeReferral(ctx: RequestContext, spec: ChangeSpec): Promise<ReferralNode> {
  const organisationId = referralOrganisationId(ctx);
  const view = await inTransaction(ctx, async (tx, ctx) => {
    const referral = await lockForChange(tx, Referral, 'Referral', spec.referralId, null);
    const members = await networkMemberIds(tx, referral.networkId);
    const before = viewOf(referral, organisationId, members);
    if (before.access === 'NONE') throw forbidden('Only the organisations involved in a referral may change it');
    if (spec.version !== null && referral.version !== spec.version) throw conflict('Referral', referral.id, referral.version, spec.version);
    const change = await spec.apply(tx, referral, before, organisationId, ctx);
    referral.updatedAt = new Date();
    const saved = await tx.getRepository(Referral).save(referral);
    await recordReferralChange(tx, ctx, saved, change, spec.operation);
    return viewOf(saved, organisationId, members);
  });
  forget(ctx, view.referral.id);
  return toNode(view);
}

/** Later reads in the same request (a second mutation) see the change. */
function forget(ctx: RequestContext, referralId: string): void {
  ctx.loaders.referralEvents.clear(referralId);
  ctx.loaders.referralActions.clear(referralId);
}

const PARTY_LABEL: Record<ReferralParty, string> = {
  [ReferralParty.REFERRER]: 'the referring organisation',
  [ReferralParty.RECEIVER]: 'the receiving organisation (or, for a referral to a network alone, its member organisations)',
  [ReferralParty.INVOLVED]: 'the organisations that may read the case',
};

function assertParty(view: ReferralView, party: ReferralParty, what: string): void {
  if (!view.parties.has(party)) throw forbidden(`Only ${PARTY_LABEL[party]} may ${what}`);
}

// Mutations ---------------------------------------------------------------------------------------

/** A new referral from the caller's organisation (admins and municipality users do not create cases). */
export async function createReferral(ctx: RequestContext, input: CreateReferralInput): Promise<ReferralNode> {
  const organisationId = referralOrganisationId(ctx);
  if (!input.receivingOrganisationId && !input.networkId) {
    throw new BadUserInputError('input.receivingOrganisationId', 'Refer to a receiving organisation, a network or both');
  }
  const summary = caseText(input.summary, 'input.summary');
  const consent = consentValues(input.consent, 'input.consent');
  const saved = await inTransaction(ctx, async (tx, ctx) => {
    const receivingOrganisationId = input.receivingOrganisationId ? await assertCurrent(tx, 'organisation', input.receivingOrganisationId, 'input.receivingOrganisationId') : null;
    if (receivingOrganisationId === organisationId) throw new BadUserInputError('input.receivingOrganisationId', 'An organisation does not refer to itself');
    const networkId = input.networkId ? await assertCurrent(tx, 'network', input.networkId, 'input.networkId') : null;
    if (consent?.scope === ConsentScope.NETWORK && !networkId) throw new BadUserInputError('input.consent.scope', 'Consent for a network needs a referral to a network');
    const serviceId = input.serviceId ? await assertCurrent(tx, 'service', input.serviceId, 'input.serviceId') : null;
    const targetGroupIds = await idsByCodes(tx, 'target_group', input.targetGroups ?? [], 'input.targetGroups', 'target group');
    const interventionTypeIds = await idsByCodes(tx, 'intervention_type', input.interventionTypes ?? [], 'input.interventionTypes', 'intervention type');
    let areaId = input.area ? (await resolveAreaArgument(ctx, input.area, 'input.area')).id : null;
    if (!areaId && networkId) {
      const areas: { area_id: string }[] = await tx.query(`SELECT area_id FROM network_area WHERE network_id = $1`, [networkId]);
      if (areas.length === 1) areaId = areas[0].area_id;
    }
    const now = new Date();
    const repo = tx.getRepository(Referral);
    const referral = await repo.save(
      repo.create({
        dossierNumber: await nextDossierNumber(tx),
        areaId,
        referringOrganisationId: organisationId,
        receivingOrganisationId,
        networkId,
        serviceId,
        lifeDomains: [...new Set(input.lifeDomains ?? [])] as LifeDomain[],
        summary,
        consentGiven: consent?.given ?? false,
        consentScope: consent?.scope ?? null,
        consentRecordedAt: consent ? now : null,
        consentRecordedById: consent && ctx.viewer.kind === 'user' ? ctx.viewer.userId : null,
        status: ReferralStatus.SIGNALLED,
        openedAt: now,
      }),
    );
    if (targetGroupIds.length > 0) {
      await tx.query(`INSERT INTO referral_target_group (referral_id, target_group_id) SELECT $1, unnest($2::uuid[])`, [referral.id, targetGroupIds]);
    }
    if (interventionTypeIds.length > 0) {
      await tx.query(`INSERT INTO referral_intervention_type (referral_id, intervention_type_id) SELECT $1, unnest($2::uuid[])`, [referral.id, interventionTypeIds]);
    }
    await recordReferralChange(
      tx,
      ctx,
      referral,
      { type: ReferralEventType.CREATED, toStatus: ReferralStatus.SIGNALLED, data: consent ? { consentGiven: consent.given, consentScope: consent.scope } : {} },
      'createReferral',
    );
    return referral;
  });
  return toNode(viewOf(saved, organisationId, []));
}

/** A status move through the transition table (see referral.transitions.ts). */
function moveStatus(
  ctx: RequestContext,
  via: TransitionMutation,
  id: string,
  version: number,
  to: ReferralStatus,
  options: { note?: string | null; apply?: (tx: EntityManager, referral: Referral) => Promise<Record<string, unknown>> | Record<string, unknown> } = {},
): Promise<ReferralNode> {
  return changeReferral(ctx, {
    operation: via,
    referralId: id,
    version,
    async apply(tx, referral, view) {
      const from = referral.status;
      const transition = assertTransition(from, to, via);
      assertParty(view, transition.by, `move a referral from ${from} to ${to}`);
      const data = (await options.apply?.(tx, referral)) ?? {};
      referral.status = to;
      if (isTerminal(to)) referral.closedAt = new Date();
      return { type: transition.event, fromStatus: from, toStatus: to, note: options.note ?? null, data };
    },
  });
}

/** The receiver takes the signal up: SIGNALLED → EXPLORING. */
export function acceptReferral(ctx: RequestContext, id: string, version: number, note?: string | null): Promise<ReferralNode> {
  return moveStatus(ctx, 'acceptReferral', id, version, ReferralStatus.EXPLORING, { note: caseText(note, 'input.note') });
}

/** The receiver cannot take it: SIGNALLED → DECLINED, with the reason. */
export function declineReferral(ctx: RequestContext, id: string, version: number, reason: string): Promise<ReferralNode> {
  const text = requiredText(reason, 'input.reason');
  return moveStatus(ctx, 'declineReferral', id, version, ReferralStatus.DECLINED, {
    note: text,
    apply: (_tx, referral) => {
      referral.declineReason = text;
      return {};
    },
  });
}

/** Any other move of the table (declining and closing have their own mutations). */
export function changeReferralStatus(ctx: RequestContext, id: string, version: number, to: ReferralStatus, note?: string | null): Promise<ReferralNode> {
  return moveStatus(ctx, 'changeReferralStatus', id, version, to, { note: caseText(note, 'input.note') });
}

/** Closure (step 5): an outcome and the organisation that owns the problem from now on. */
export function closeReferral(ctx: RequestContext, id: string, version: number, outcome: string, problemOwnerOrganisationId: string): Promise<ReferralNode> {
  const text = requiredText(outcome, 'input.outcome');
  return moveStatus(ctx, 'closeReferral', id, version, ReferralStatus.CLOSED, {
    note: text,
    apply: async (tx, referral) => {
      referral.problemOwnerOrganisationId = await assertCurrent(tx, 'organisation', problemOwnerOrganisationId, 'input.problemOwnerOrganisationId');
      referral.outcome = text;
      return { problemOwnerOrganisationId: referral.problemOwnerOrganisationId };
    },
  });
}

/** Consent given (with its scope) or withdrawn; recorded by the referring or receiving organisation. */
export function recordConsent(ctx: RequestContext, id: string, version: number, input: ConsentInput): Promise<ReferralNode> {
  const consent = consentValues(input, 'input')!;
  return changeReferral(ctx, {
    operation: 'recordConsent',
    referralId: id,
    version,
    apply(_tx, referral, view, organisationId, ctx) {
      assertOpenFor(referral.status, 'recordConsent');
      if (!view.parties.has(ReferralParty.REFERRER) && referral.receivingOrganisationId !== organisationId) {
        throw forbidden('Only the referring and the receiving organisation record consent');
      }
      if (consent.scope === ConsentScope.NETWORK && !referral.networkId) throw new BadUserInputError('input.scope', 'Consent for a network needs a referral to a network');
      referral.consentGiven = consent.given;
      referral.consentScope = consent.scope;
      referral.consentRecordedAt = new Date();
      referral.consentRecordedById = ctx.viewer.kind === 'user' ? ctx.viewer.userId : null;
      return { type: ReferralEventType.CONSENT_RECORDED, data: { given: consent.given, scope: consent.scope } };
    },
  });
}

/** A werkafspraak; due by default at the network's next meeting, or in REFERRAL_DEFAULT_ACTION_WEEKS. */
export function addReferralAction(
  ctx: RequestContext,
  id: string,
  version: number,
  input: { description: string; assignedOrganisationId: string; dueOn?: string | null },
): Promise<ReferralNode> {
  const description = requiredText(input.description, 'input.description');
  return changeReferral(ctx, {
    operation: 'addReferralAction',
    referralId: id,
    version,
    async apply(tx, referral, view, _organisationId, ctx) {
      assertOpenFor(referral.status, 'addReferralAction', { accepted: true });
      assertParty(view, ReferralParty.INVOLVED, 'agree actions');
      const assignedOrganisationId = await assertCurrent(tx, 'organisation', input.assignedOrganisationId, 'input.assignedOrganisationId');
      const today = dutchDate();
      let dueOn = input.dueOn ?? null;
      if (dueOn && dueOn < today) throw new BadUserInputError('input.dueOn', 'An action is due today or later');
      if (!dueOn) dueOn = addDays(today, 7 * (await actionWeeks(ctx, tx, referral.networkId)));
      const repo = tx.getRepository(ReferralAction);
      const action = await repo.save(repo.create({ referralId: referral.id, description, assignedOrganisationId, dueOn, completedAt: null, result: null }));
      return { type: ReferralEventType.ACTION_ADDED, note: description, data: { actionId: action.id, assignedOrganisationId, dueOn } };
    },
  });
}

/** Weeks until an action is due: the network's meeting interval, else the configured default. */
async function actionWeeks(ctx: RequestContext, manager: EntityManager, networkId: string | null): Promise<number> {
  if (networkId) {
    const [row]: { weeks: number | null }[] = await manager.query(`SELECT meeting_interval_weeks AS weeks FROM network WHERE id = $1`, [networkId]);
    if (row?.weeks) return row.weeks;
  }
  return referralSettings(ctx).defaultActionWeeks;
}

/** Reports an action done, with its result (terugkoppeling). `version` is the action's. */
export async function completeReferralAction(ctx: RequestContext, actionId: string, version: number, result: string): Promise<ReferralNode> {
  referralOrganisationId(ctx);
  const text = requiredText(result, 'input.result');
  const id = assertUuid(actionId, 'id');
  const found = await ctx.manager.getRepository(ReferralAction).findOneBy({ id });
  if (!found) throw new NotFoundError('Referral action', actionId);
  return changeReferral(ctx, {
    operation: 'completeReferralAction',
    referralId: found.referralId,
    version: null,
    async apply(tx, referral, view) {
      assertOpenFor(referral.status, 'completeReferralAction', { accepted: true });
      assertParty(view, ReferralParty.INVOLVED, 'report on actions');
      const action = await tx.getRepository(ReferralAction).createQueryBuilder('a').setLock('pessimistic_write').where('a.id = :id', { id }).getOneOrFail();
      if (action.version !== version) throw conflict('Referral action', id, action.version, version);
      if (action.completedAt) throw new ConflictError('This action is already completed', 'id');
      action.completedAt = new Date();
      action.result = text;
      await tx.getRepository(ReferralAction).save(action);
      return { type: ReferralEventType.ACTION_COMPLETED, note: text, data: { actionId: id } };
    },
  });
}

/** A progress note (voortgang, terugkoppeling). */
export function addReferralNote(ctx: RequestContext, id: string, version: number, text: string): Promise<ReferralNode> {
  const note = requiredText(text, 'input.text');
  return changeReferral(ctx, {
    operation: 'addReferralNote',
    referralId: id,
    version,
    apply(_tx, referral, view) {
      assertOpenFor(referral.status, 'addReferralNote');
      assertParty(view, ReferralParty.INVOLVED, 'add notes');
      return { type: ReferralEventType.NOTE_ADDED, note };
    },
  });
}

// Queries ----------------------------------------------------------------------------------------

/** One referral by id or dossier number: its content only for the organisations that may read it. */
export async function getReferral(ctx: RequestContext, id: string | null | undefined, dossierNumber: string | null | undefined): Promise<ReferralNode | null> {
  const organisationId = referralOrganisationId(ctx);
  if ((id ? 1 : 0) + (dossierNumber ? 1 : 0) !== 1) throw new BadUserInputError('id', 'Give exactly one of "id" or "dossierNumber"');
  const repo = ctx.manager.getRepository(Referral);
  const referral = id ? await repo.findOneBy({ id: assertUuid(id, 'id') }) : await repo.findOneBy({ dossierNumber: dossierNumber!.trim() });
  if (!referral) return null;
  const [view] = await viewsFor(ctx, [referral], organisationId);
  if (view.access === 'NONE') {
    await ctx.loaders.referralAccessLog.log([accessLogRow(ctx, referral, AccessEventType.READ_DENIED, 'referral')]);
    throw forbidden('Only the organisations involved in a referral may read it');
  }
  await logReads(ctx, [view], 'referral');
  return toNode(view);
}

/** Subquery: networks the organisation (`:org`) is a current member or the coordinator of. */
const MEMBER_NETWORKS = `(SELECT nm.network_id FROM network_member nm WHERE nm.organisation_id = :org AND ${currentNetworkMemberSql('nm')}
   UNION SELECT n.id FROM network n WHERE n.coordinator_organisation_id = :org)`;

/** The caller's organisation's referrals: outbox (SENT), inbox (RECEIVED), its networks' (NETWORK), or all three. */
export async function listReferrals(ctx: RequestContext, args: ReferralsArgs): Promise<Connection<ReferralNode>> {
  const organisationId = referralOrganisationId(ctx);
  const page = pageRequest(args);
  const qb = ctx.manager.getRepository(Referral).createQueryBuilder('r');
  const sent = 'r.referringOrganisationId = :org';
  const received = 'r.receivingOrganisationId = :org';
  const network = `r.networkId IN ${MEMBER_NETWORKS}`;
  const condition = args.role === ReferralRole.SENT ? sent : args.role === ReferralRole.RECEIVED ? received : args.role === ReferralRole.NETWORK ? network : `(${sent} OR ${received} OR ${network})`;
  qb.where(condition, { org: organisationId });
  if (args.status) qb.andWhere('r.status = :status', { status: args.status });
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

// Referral fields: content only on nodes built with content -------------------------------------

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

/** The moves this caller can make next (metadata: the status is visible to everyone who sees the referral). */
export function availableTransitions(node: ReferralNode): ReferralStatus[] {
  return transitionsFrom(node.status)
    .filter((t) => node.parties.includes(t.by))
    .map((t) => t.to);
}

// Network meeting view --------------------------------------------------------------------------

/**
 * The coordinator's agenda (book §4.4) for the network's member organisations: open cases,
 * actions due by the next meeting, what changed since the last one, overdue actions. Cases
 * whose content the member may not read are listed with dossier number and status only.
 */
export async function networkAgenda(ctx: RequestContext, networkId: string, since?: string | null): Promise<NetworkAgendaNode> {
  const organisationId = referralOrganisationId(ctx);
  const network = await ctx.loaders.networkById.load(assertUuid(networkId, 'networkId'));
  if (!network) throw new NotFoundError('Network', networkId);
  const members = await ctx.loaders.networkMemberOrganisationIds.load(network.id);
  if (!members.includes(organisationId)) throw forbidden("Only the network's member organisations see its agenda");
  const weeks = network.meetingIntervalWeeks ?? referralSettings(ctx).defaultActionWeeks;
  const today = dutchDate();
  const nextMeetingOn = addDays(today, 7 * weeks);
  const lastMeetingOn = since ?? addDays(today, -7 * weeks);
  const referrals = await ctx.manager
    .getRepository(Referral)
    .createQueryBuilder('r')
    .where('r.networkId = :networkId', { networkId: network.id })
    .andWhere(`(r.status IN (:...open) OR r.closedAt >= CAST(:since AS date)::timestamp AT TIME ZONE 'Europe/Amsterdam')`, { open: OPEN_STATUSES, since: lastMeetingOn })
    .orderBy('r.openedAt', 'ASC')
    .addOrderBy('r.id', 'ASC')
    .getMany();
  const views = referrals.map((referral) => viewOf(referral, organisationId, members));
  await logReads(ctx, views, 'networkAgenda');
  const readable = views.filter((view) => view.access === 'CONTENT').map((view) => view.referral);
  const byId = new Map(readable.map((referral) => [referral.id, referral]));
  const openReadable = readable.filter((referral) => !isTerminal(referral.status)).map((referral) => referral.id);
  const [actions, events] = await Promise.all([
    openReadable.length === 0
      ? Promise.resolve([] as ReferralAction[])
      : ctx.manager
          .getRepository(ReferralAction)
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
  agenda.endedSinceLastMeeting = views.filter((view) => isTerminal(view.referral.status)).map(toNode);
  const actionNodes = actions.map((action) => toActionNode(action, byId.get(action.referralId)!, today));
  agenda.overdueActions = actionNodes.filter((action) => action.overdue);
  agenda.actionsDue = actionNodes.filter((action) => !action.overdue);
  agenda.changesSinceLastMeeting = events.map((event) => toEventNode(event, byId.get(event.referralId)!.dossierNumber));
  return agenda;
}

