import type { EntityManager } from 'typeorm';
import { BadUserInputError, ConflictError, NotFoundError, StaleVersionError } from '../../common/errors';
import { assertUuid } from '../../common/references';
import type { RequestContext } from '../../context';
import { resolveAreaArgument } from '../area';
import { recordedOrganisationId } from '../../auth/acting-organisation';
import { forbidden } from '../../auth/auth.rules';
import { inTransaction, lockForChange, registerConstraintFields } from '../curation';
import { noteReferralChanged } from '../idempotency';
import { enqueueWebhookDeliveries } from '../webhook';
import { ReferralAction } from './referral-action.entity';
import { ReferralEventType } from './referral-event.entity';
import { ConsentScope, type LifeDomain, Referral, ReferralStatus } from './referral.entity';
import { type ReferralView, EMPTY_CIRCLE, accessLogRow, caseReaders, circleIn, referralOrganisationId, toNode, viewOf } from './referral.access';
import { AccessEventType, insertAccessLog } from './referral.access-log';
import type { CloseReferralInput, CreateReferralInput } from './referral.inputs';
import { addDays, dutchDate } from '../../common/dates';
import { type ReferralSettings, referralSettingsFromEnv } from '../../config';
import { anonymousText, assertPastDate, requiredAnonymousText, whyNotIntoNetwork } from './referral.rules';
import { splitTiers } from './referral.tiers';
import { NETWORK_MEMBER_TIERS_SQL } from '../network';
import { ReferralParty, type TransitionMutation, assertOpenFor, assertTransition, isTerminal } from './referral.transitions';
import type { ReferralNode } from './referral.types';

/**
 * Referrals: the closed loop from signal to closure (docs/data-model.md, "Referrals"). Every change goes
 * through `changeReferral` (or `createReferral`), which locks the referral, checks who may do
 * it, applies it, bumps the version and appends one event with `recordReferralChange` — in one
 * transaction. Every read goes through `viewOf` (what the caller may see) and `logReads`
 * (referral.queries.ts); consent and consultations are in referral.consent.ts.
 */

registerConstraintFields({
  FK_referral_receiving_organisation: 'input.receivingOrganisationId',
  FK_referral_network: 'input.networkId',
  FK_referral_service: 'input.serviceId',
  FK_referral_area: 'input.area',
  CHK_referral_life_domains: 'input.lifeDomains',
  FK_referral_action_assigned_organisation: 'input.assignedOrganisationId',
  FK_referral_problem_owner_organisation: 'input.problemOwnerOrganisationId',
  FK_referral_holder_organisation: 'input.organisationId',
  FK_referral_consent_organisation: 'input.organisationId',
  FK_referral_consultation_organisation: 'input.organisationId',
});

export function referralSettings(ctx: RequestContext): ReferralSettings {
  return ctx.settings.referrals ?? referralSettingsFromEnv();
}

// Lookups ---------------------------------------------------------------------------------------

/** A current (not archived) record of `table`, or bad input naming `field`. */
export async function assertCurrent(tx: EntityManager, table: 'organisation' | 'network' | 'service', id: string, field: string): Promise<string> {
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
  if (missing >= 0) throw new BadUserInputError(`${field}.${missing}`, `Unknown ${label} code "${codes[missing]}"`, { rule: 'unknownReference', params: { kind: label, value: codes[missing] } });
  return unique.map((code) => byCode.get(code)!);
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
  /** Anonymous-layer text: note, reason, action description or result, outcome. Never identifying details. */
  note?: string | null;
  data?: Record<string, unknown>;
  /** The day it really happened, when entered afterwards. */
  happenedOn?: string | null;
}

/**
 * Appends the change to the referral's history (next sequence number; the caller holds the
 * referral's row lock), to the access log and to the webhook outbox (one delivery per
 * subscribed webhook of an organisation that may read the case now, `caseReaders`), in the
 * caller's transaction: every change passes this point exactly once, and its deliveries commit with it.
 */
export async function recordReferralChange(tx: EntityManager, ctx: RequestContext, referral: Referral, change: ReferralChange, operation: string): Promise<{ id: string; sequence: number }> {
  const v = ctx.viewer;
  const organisationId = recordedOrganisationId(v);
  const [event]: { id: string; sequence: number; occurred_at: Date }[] = await tx.query(
    `INSERT INTO referral_event (referral_id, sequence, type, from_status, to_status, actor_user_id, actor_api_key_id, organisation_id, note, data, happened_on)
     SELECT $1::uuid, coalesce(max(e.sequence), 0) + 1, $2, $3, $4, $5::uuid, $6::uuid, $7::uuid, $8, $9::jsonb, $10::date FROM referral_event e WHERE e.referral_id = $1::uuid
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
      change.happenedOn ?? null,
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
  const readers = caseReaders(referral, await circleIn(tx, referral));
  await enqueueWebhookDeliveries(
    tx,
    referral,
    {
      id: event.id,
      sequence: event.sequence,
      occurredAt: event.occurred_at,
      type: change.type,
      fromStatus: change.fromStatus ?? null,
      toStatus: change.toStatus ?? null,
      organisationId,
      data: change.data ?? {},
    },
    [...readers],
  );
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
 * Locks the referral, lets only organisations that may read it go further (before the version
 * check, so others learn nothing; the refused attempt is logged after the rollback), checks the
 * version, applies the change, bumps the version and records the change. Nothing is written
 * when any step fails.
 */
async function changeReferral(ctx: RequestContext, spec: ChangeSpec): Promise<ReferralNode> {
  const organisationId = referralOrganisationId(ctx);
  let refused: Referral | null = null;
  let view: ReferralView;
  try {
    view = await inTransaction(ctx, async (tx, ctx) => {
      const referral = await lockForChange(tx, Referral, 'Referral', spec.referralId, null);
      const before = viewOf(referral, organisationId, await circleIn(tx, referral));
      if (before.access === 'NONE') {
        refused = referral;
        throw forbidden('Only the organisations involved in a referral may change it');
      }
      if (spec.version !== null && referral.version !== spec.version) throw conflict('Referral', referral.id, referral.version, spec.version);
      const change = await spec.apply(tx, referral, before, organisationId, ctx);
      if (change.happenedOn) referral.recordedAfterwards = true;
      referral.updatedAt = new Date();
      const saved = await tx.getRepository(Referral).save(referral);
      await recordReferralChange(tx, ctx, saved, change, spec.operation);
      return viewOf(saved, organisationId, await circleIn(tx, saved));
    });
  } catch (error) {
    if (refused) await ctx.loaders.referralAccessLog.log([accessLogRow(ctx, refused, AccessEventType.READ_DENIED, spec.operation, { refused: 'NO_ACCESS' })]);
    throw error;
  }
  forget(ctx, view.referral.id);
  return toNode(view);
}

/** Later reads in the same request (a second mutation) see the change. */
function forget(ctx: RequestContext, referralId: string): void {
  ctx.loaders.referralEvents.clear(referralId);
  ctx.loaders.referralActions.clear(referralId);
  ctx.loaders.referralConsents.clear(referralId);
  ctx.loaders.referralConsultations.clear(referralId);
}

const PARTY_LABEL: Record<ReferralParty, string> = {
  [ReferralParty.REFERRER]: 'the referring organisation',
  [ReferralParty.RECEIVER]: 'the receiving organisation (or, for a case brought into a network alone, its core members)',
  [ReferralParty.HOLDER]: 'the organisation that holds the case',
  [ReferralParty.INVOLVED]: 'the organisations that work on the case',
};

export function assertParty(view: ReferralView, party: ReferralParty, what: string): void {
  if (!view.parties.has(party)) throw forbidden(`Only ${PARTY_LABEL[party]} may ${what}`);
}

/** Runs a change through the one write path (for referral.consent.ts). */
export function changeReferralWith(ctx: RequestContext, spec: ChangeSpec): Promise<ReferralNode> {
  return changeReferral(ctx, spec);
}

// Dates of a case entered afterwards --------------------------------------------------------------

/** The day of the latest step so far (what a step entered afterwards may not precede). */
async function lastStepOn(tx: EntityManager, referralId: string): Promise<string> {
  const [row]: { on: string }[] = await tx.query(
    `SELECT max(coalesce(happened_on, (occurred_at AT TIME ZONE 'Europe/Amsterdam')::date))::text AS on FROM referral_event WHERE referral_id = $1`,
    [referralId],
  );
  return row.on;
}

/** `happenedOn` checked against today and the case's previous step; null stays null. */
async function stepDate(tx: EntityManager, referral: Referral, happenedOn: string | null | undefined, field: string): Promise<string | null> {
  if (!happenedOn) return null;
  const opened = dutchDate(referral.openedAt);
  const previous = await lastStepOn(tx, referral.id);
  return assertPastDate(happenedOn, field, {
    today: dutchDate(),
    notBefore: [
      { on: opened, reason: 'the start of the case' },
      { on: previous, reason: 'the previous step of the case' },
    ],
  });
}

/** Midnight in Europe/Amsterdam of a day, as an instant. */
async function startOfDay(tx: EntityManager, day: string): Promise<Date> {
  const [row]: { at: Date }[] = await tx.query(`SELECT (CAST($1 AS date)::timestamp AT TIME ZONE 'Europe/Amsterdam') AS at`, [day]);
  return row.at;
}

// Mutations ---------------------------------------------------------------------------------------

/** A new referral from the caller's organisation (admins and municipality users do not create cases). */
export async function createReferral(ctx: RequestContext, input: CreateReferralInput): Promise<ReferralNode> {
  const organisationId = referralOrganisationId(ctx);
  if (!input.receivingOrganisationId && !input.networkId) {
    throw new BadUserInputError('input.receivingOrganisationId', 'Refer to a receiving organisation, a network or both');
  }
  const summary = anonymousText(input.summary, 'input.summary');
  const identifyingDetails = input.identifyingDetails?.trim() || null;
  const consent = input.consent ?? null;
  if (consent?.given && !consent.scope) throw new BadUserInputError('input.consent.scope', 'Say whom the consent names: RECEIVER, NETWORK or ORGANISATION');
  const saved = await inTransaction(ctx, async (tx, ctx) => {
    const receivingOrganisationId = input.receivingOrganisationId ? await assertCurrent(tx, 'organisation', input.receivingOrganisationId, 'input.receivingOrganisationId') : null;
    if (receivingOrganisationId === organisationId) throw new BadUserInputError('input.receivingOrganisationId', 'An organisation does not refer to itself');
    const networkId = input.networkId ? await assertCurrent(tx, 'network', input.networkId, 'input.networkId') : null;
    let network: { name: string; kind: string; switch_model: string | null; founded_on: string | null } | null = null;
    if (networkId) {
      [network] = await tx.query(`SELECT name, kind, switch_model, founded_on::text AS founded_on FROM network WHERE id = $1`, [networkId]);
      const { core } = splitTiers(await tx.query(NETWORK_MEMBER_TIERS_SQL, [[networkId]]));
      const why = whyNotIntoNetwork({ kind: network!.kind, switchModel: network!.switch_model }, core.includes(organisationId));
      if (why) throw new BadUserInputError('input.networkId', why);
    }
    if (consent?.given && consent.scope === ConsentScope.NETWORK && !networkId) throw new BadUserInputError('input.consent.scope', 'Consent for a network needs a referral to a network');
    const consentOrganisationId =
      consent?.given && consent.scope === ConsentScope.ORGANISATION
        ? await assertCurrent(tx, 'organisation', consent.organisationId ?? '', 'input.consent.organisationId')
        : null;
    const serviceId = input.serviceId ? await assertCurrent(tx, 'service', input.serviceId, 'input.serviceId') : null;
    const targetGroupIds = await idsByCodes(tx, 'target_group', input.targetGroups ?? [], 'input.targetGroups', 'target group');
    const interventionTypeIds = await idsByCodes(tx, 'intervention_type', input.interventionTypes ?? [], 'input.interventionTypes', 'intervention type');
    let area = input.area ? await resolveAreaArgument(ctx, input.area, 'input.area') : null;
    if (!area && networkId) {
      const areas: { area_id: string }[] = await tx.query(`SELECT area_id FROM network_area WHERE network_id = $1`, [networkId]);
      if (areas.length === 1) area = await ctx.loaders.areaById.load(areas[0].area_id);
    }
    const startedOn = input.startedOn
      ? assertPastDate(input.startedOn, 'input.startedOn', {
          today: dutchDate(),
          notBefore: [
            ...(area?.validFromYear ? [{ on: `${area.validFromYear}-01-01`, reason: `the area ${area.name} existed` }] : []),
            ...(network?.founded_on ? [{ on: network.founded_on, reason: `the network ${network.name} started` }] : []),
          ],
        })
      : null;
    const now = new Date();
    const repo = tx.getRepository(Referral);
    const referral = await repo.save(
      repo.create({
        dossierNumber: await nextDossierNumber(tx),
        areaId: area?.id ?? null,
        referringOrganisationId: organisationId,
        receivingOrganisationId,
        networkId,
        serviceId,
        lifeDomains: [...new Set(input.lifeDomains ?? [])] as LifeDomain[],
        summary,
        identifyingDetails,
        status: ReferralStatus.SIGNALLED,
        openedAt: startedOn ? await startOfDay(tx, startedOn) : now,
        recordedAfterwards: startedOn !== null,
      }),
    );
    if (targetGroupIds.length > 0) {
      await tx.query(`INSERT INTO referral_target_group (referral_id, target_group_id) SELECT $1, unnest($2::uuid[])`, [referral.id, targetGroupIds]);
    }
    if (interventionTypeIds.length > 0) {
      await tx.query(`INSERT INTO referral_intervention_type (referral_id, intervention_type_id) SELECT $1, unnest($2::uuid[])`, [referral.id, interventionTypeIds]);
    }
    if (consent?.given) {
      const v = ctx.viewer;
      await tx.query(
        `INSERT INTO referral_consent (referral_id, scope, organisation_id, given_at, recorded_by_user_id, recorded_by_api_key_id, recorded_for_organisation_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [referral.id, consent.scope, consentOrganisationId, now, v.kind === 'user' ? v.userId : null, v.kind === 'apiKey' ? v.apiKeyId : null, organisationId],
      );
    }
    await recordReferralChange(
      tx,
      ctx,
      referral,
      {
        type: ReferralEventType.CREATED,
        toStatus: ReferralStatus.SIGNALLED,
        happenedOn: startedOn,
        data: consent?.given ? { consentGiven: true, consentScope: consent.scope, ...(consentOrganisationId ? { consentOrganisationId } : {}) } : {},
      },
      'createReferral',
    );
    return { referral, circle: await circleIn(tx, referral) };
  });
  return toNode(viewOf(saved.referral, organisationId, saved.circle ?? EMPTY_CIRCLE));
}

/** A status move through the transition table (see referral.transitions.ts). */
function moveStatus(
  ctx: RequestContext,
  via: TransitionMutation,
  id: string,
  version: number,
  to: ReferralStatus,
  options: {
    note?: string | null;
    happenedOn?: string | null;
    apply?: (tx: EntityManager, referral: Referral, organisationId: string, ctx: RequestContext, happenedOn: string | null) => Promise<Record<string, unknown>> | Record<string, unknown>;
  } = {},
): Promise<ReferralNode> {
  return changeReferral(ctx, {
    operation: via,
    referralId: id,
    version,
    async apply(tx, referral, view, organisationId, ctx) {
      const from = referral.status;
      const transition = assertTransition(from, to, via);
      assertParty(view, transition.by, `move a referral from ${from} to ${to}`);
      const happenedOn = await stepDate(tx, referral, options.happenedOn, 'input.happenedOn');
      const data = (await options.apply?.(tx, referral, organisationId, ctx, happenedOn)) ?? {};
      referral.status = to;
      if (isTerminal(to)) referral.closedAt = happenedOn ? await startOfDay(tx, happenedOn) : new Date();
      return { type: transition.event, fromStatus: from, toStatus: to, note: options.note ?? null, data, happenedOn };
    },
  });
}

/**
 * The receiver takes the signal up: SIGNALLED → EXPLORING. The accepting organisation (and the
 * person, for a user) becomes the case's holder and problem owner until it hands the case over;
 * a case brought into a network alone gets it as its receiving organisation.
 */
export function acceptReferral(ctx: RequestContext, id: string, version: number, input: { note?: string | null; happenedOn?: string | null } = {}): Promise<ReferralNode> {
  return moveStatus(ctx, 'acceptReferral', id, version, ReferralStatus.EXPLORING, {
    note: anonymousText(input.note, 'input.note'),
    happenedOn: input.happenedOn,
    apply: (_tx, referral, organisationId, ctx) => {
      referral.receivingOrganisationId ??= organisationId;
      referral.holderOrganisationId = organisationId;
      referral.holderUserId = ctx.viewer.kind === 'user' ? ctx.viewer.userId : null;
      referral.problemOwnerOrganisationId = organisationId;
      return { holderOrganisationId: organisationId };
    },
  });
}

/** The receiver cannot take it: SIGNALLED → DECLINED, with the reason. */
export function declineReferral(ctx: RequestContext, id: string, version: number, input: { reason: string; happenedOn?: string | null }): Promise<ReferralNode> {
  const text = requiredAnonymousText(input.reason, 'input.reason');
  return moveStatus(ctx, 'declineReferral', id, version, ReferralStatus.DECLINED, {
    note: text,
    happenedOn: input.happenedOn,
    apply: (_tx, referral) => {
      referral.declineReason = text;
      return {};
    },
  });
}

/** Any other move of the table (declining and closing have their own mutations). */
export function changeReferralStatus(ctx: RequestContext, id: string, version: number, input: { to: ReferralStatus; note?: string | null; happenedOn?: string | null }): Promise<ReferralNode> {
  return moveStatus(ctx, 'changeReferralStatus', id, version, input.to, { note: anonymousText(input.note, 'input.note'), happenedOn: input.happenedOn });
}

/**
 * Closure, step 5 (§3.7): the outcome, the organisation that owns the problem from now on,
 * whether to stay alert (and when to look again: the network agenda lists the case from the
 * meeting before that day), and what we learned.
 */
export function closeReferral(ctx: RequestContext, id: string, version: number, input: CloseReferralInput): Promise<ReferralNode> {
  const text = requiredAnonymousText(input.outcome, 'input.outcome');
  const lessons = anonymousText(input.lessonsLearned, 'input.lessonsLearned');
  const stayAlert = input.stayAlert ?? false;
  if (!stayAlert && input.lookAgainOn) throw new BadUserInputError('input.lookAgainOn', 'A date to look again goes with staying alert (stayAlert: true)');
  return moveStatus(ctx, 'closeReferral', id, version, ReferralStatus.CLOSED, {
    note: text,
    happenedOn: input.happenedOn,
    apply: async (tx, referral, _organisationId, _ctx, happenedOn) => {
      if (input.lookAgainOn && input.lookAgainOn <= (happenedOn ?? dutchDate())) {
        throw new BadUserInputError('input.lookAgainOn', 'The day to look again comes after the closing day');
      }
      referral.problemOwnerOrganisationId = await assertCurrent(tx, 'organisation', input.problemOwnerOrganisationId, 'input.problemOwnerOrganisationId');
      referral.outcome = text;
      referral.stayAlert = stayAlert;
      referral.lookAgainOn = input.lookAgainOn ?? null;
      referral.lessonsLearned = lessons;
      return { problemOwnerOrganisationId: referral.problemOwnerOrganisationId, stayAlert, ...(input.lookAgainOn ? { lookAgainOn: input.lookAgainOn } : {}) };
    },
  });
}

/**
 * The holder hands the case over (§4.5: "wordt de casus overgedragen aan een netwerklid"): the
 * other organisation becomes receiver, holder and problem owner; the person who takes it there
 * is not known yet. A move of its own, not a status change: the case stays where the work is.
 */
export function handOverReferral(ctx: RequestContext, id: string, version: number, input: { organisationId: string; note?: string | null; happenedOn?: string | null }): Promise<ReferralNode> {
  const note = anonymousText(input.note, 'input.note');
  return changeReferral(ctx, {
    operation: 'handOverReferral',
    referralId: id,
    version,
    async apply(tx, referral, view) {
      assertOpenFor(referral.status, 'handOverReferral', { accepted: true });
      assertParty(view, ReferralParty.HOLDER, 'hand the case over');
      const to = await assertCurrent(tx, 'organisation', input.organisationId, 'input.organisationId');
      const from = referral.holderOrganisationId;
      if (to === from) throw new BadUserInputError('input.organisationId', 'Your organisation holds the case already');
      const happenedOn = await stepDate(tx, referral, input.happenedOn, 'input.happenedOn');
      referral.receivingOrganisationId = to;
      referral.holderOrganisationId = to;
      referral.holderUserId = null;
      referral.problemOwnerOrganisationId = to;
      return { type: ReferralEventType.HANDED_OVER, note, data: { fromOrganisationId: from, toOrganisationId: to }, happenedOn };
    },
  });
}

/** The identifying details, set or cleared by an organisation that may read them (no event text: the history is anonymous). */
export function setIdentifyingDetails(ctx: RequestContext, id: string, version: number, text: string | null | undefined): Promise<ReferralNode> {
  return changeReferral(ctx, {
    operation: 'setReferralIdentifyingDetails',
    referralId: id,
    version,
    apply(_tx, referral, view) {
      assertOpenFor(referral.status, 'setReferralIdentifyingDetails');
      if (view.access !== 'IDENTITY') throw forbidden('Only the referring organisation and organisations with the person’s consent may change the identifying details');
      referral.identifyingDetails = text?.trim() || null;
      return { type: ReferralEventType.UPDATED, data: { field: 'identifyingDetails', cleared: referral.identifyingDetails === null } };
    },
  });
}

/** A werkafspraak; due by default at the network's next meeting, or in REFERRAL_DEFAULT_ACTION_WEEKS. */
export function addReferralAction(
  ctx: RequestContext,
  id: string,
  version: number,
  input: { description: string; assignedOrganisationId: string; dueOn?: string | null; happenedOn?: string | null },
): Promise<ReferralNode> {
  const description = requiredAnonymousText(input.description, 'input.description');
  return changeReferral(ctx, {
    operation: 'addReferralAction',
    referralId: id,
    version,
    async apply(tx, referral, view, _organisationId, ctx) {
      assertOpenFor(referral.status, 'addReferralAction', { accepted: true });
      assertParty(view, ReferralParty.INVOLVED, 'agree actions');
      const assignedOrganisationId = await assertCurrent(tx, 'organisation', input.assignedOrganisationId, 'input.assignedOrganisationId');
      const happenedOn = await stepDate(tx, referral, input.happenedOn, 'input.happenedOn');
      // Agreed on `happenedOn` (a past case) or today: due from that day on.
      const agreedOn = happenedOn ?? dutchDate();
      let dueOn = input.dueOn ?? null;
      if (dueOn && dueOn < agreedOn) throw new BadUserInputError('input.dueOn', happenedOn ? 'An action is due on the day it was agreed or later' : 'An action is due today or later');
      if (!dueOn) dueOn = addDays(agreedOn, 7 * (await actionWeeks(ctx, tx, referral.networkId)));
      const repo = tx.getRepository(ReferralAction);
      const action = await repo.save(repo.create({ referralId: referral.id, description, assignedOrganisationId, dueOn, completedAt: null, result: null }));
      return { type: ReferralEventType.ACTION_ADDED, note: description, data: { actionId: action.id, assignedOrganisationId, dueOn }, happenedOn };
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
export async function completeReferralAction(ctx: RequestContext, actionId: string, version: number, input: { result: string; happenedOn?: string | null }): Promise<ReferralNode> {
  referralOrganisationId(ctx);
  const text = requiredAnonymousText(input.result, 'input.result');
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
      const happenedOn = await stepDate(tx, referral, input.happenedOn, 'input.happenedOn');
      action.completedAt = happenedOn ? await startOfDay(tx, happenedOn) : new Date();
      action.result = text;
      await tx.getRepository(ReferralAction).save(action);
      return { type: ReferralEventType.ACTION_COMPLETED, note: text, data: { actionId: id }, happenedOn };
    },
  });
}

/** A progress note (voortgang, terugkoppeling). */
export function addReferralNote(ctx: RequestContext, id: string, version: number, input: { text: string; happenedOn?: string | null }): Promise<ReferralNode> {
  const note = requiredAnonymousText(input.text, 'input.text');
  return changeReferral(ctx, {
    operation: 'addReferralNote',
    referralId: id,
    version,
    async apply(tx, referral, view) {
      assertOpenFor(referral.status, 'addReferralNote');
      assertParty(view, ReferralParty.INVOLVED, 'add notes');
      return { type: ReferralEventType.NOTE_ADDED, note, happenedOn: await stepDate(tx, referral, input.happenedOn, 'input.happenedOn') };
    },
  });
}
