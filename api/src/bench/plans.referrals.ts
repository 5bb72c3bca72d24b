import { ReferralEventType } from '../modules/referral/referral-event.entity';
import { ReferralStatus } from '../modules/referral/referral.entity';
import { findTransition, isTerminal, ReferralParty } from '../modules/referral';
import { REFERENCE_DATE } from './presets';
import { type Random, cumulative } from './random';
import { DAY_MS, type Layout, daysBefore, distinct, isoDate, targetGroupWeights } from './plans.shared';
import { ACTION_DESCRIPTIONS, CASE_SUMMARIES, OUTCOMES } from './vocabulary';
import type { World } from './world';

/**
 * The plans of referrals (plans.ts): each walks the referral transition table
 * (modules/referral/referral.transitions.ts) from SIGNALLED, so every generated history is one
 * the API itself could have written.
 */

const LIFE_DOMAINS = [
  'HOUSING', 'FINANCES', 'WORK_AND_DAYTIME_ACTIVITIES', 'PHYSICAL_HEALTH', 'MENTAL_HEALTH', 'ADDICTION', 'SOCIAL_NETWORK', 'SELF_CARE', 'FAMILY_AND_PARENTING',
  'SAFETY', 'JUSTICE', 'LANGUAGE_AND_PARTICIPATION',
];

type Status = ReferralStatus;
const S = ReferralStatus;

/** How a referral goes on from each status (null: it stays there); every move is in the transition table. */
const MOVES: Record<Status, Array<{ to: Status | null; weight: number }>> = {
  [S.SIGNALLED]: moves([null, 12], [S.EXPLORING, 75], [S.DECLINED, 8], [S.WITHDRAWN, 5]),
  [S.EXPLORING]: moves([null, 15], [S.ACTION_AGREED, 50], [S.ON_HOLD, 8], [S.CLOSED, 17], [S.WITHDRAWN, 10]),
  [S.ACTION_AGREED]: moves([null, 15], [S.IN_PROGRESS, 65], [S.ON_HOLD, 5], [S.CLOSED, 10], [S.WITHDRAWN, 5]),
  [S.IN_PROGRESS]: moves([null, 25], [S.CLOSED, 65], [S.ON_HOLD, 7], [S.WITHDRAWN, 3]),
  [S.ON_HOLD]: moves([null, 35], [S.EXPLORING, 25], [S.ACTION_AGREED, 15], [S.IN_PROGRESS, 15], [S.CLOSED, 10]),
  [S.CLOSED]: [],
  [S.DECLINED]: [],
  [S.WITHDRAWN]: [],
};

function moves(...entries: Array<[Status | null, number]>): Array<{ to: Status | null; weight: number }> {
  return entries.map(([to, weight]) => ({ to, weight }));
}

for (const [from, options] of Object.entries(MOVES) as Array<[Status, Array<{ to: Status | null }>]>) {
  for (const { to } of options) {
    if (to !== null && !findTransition(from, to)) throw new Error(`The generator moves referrals from ${from} to ${to}, which the transition table does not allow`);
  }
}

const MOVE_WEIGHTS = new Map(Object.entries(MOVES).map(([from, options]) => [from, cumulative(options.map((o) => o.weight))]));

export interface EventPlan {
  sequence: number;
  type: ReferralEventType;
  from: Status | null;
  to: Status | null;
  organisation: number;
  at: Date;
  note: string | null;
  /** The action an ACTION_ADDED or ACTION_COMPLETED event is about. */
  actionKey: number | null;
}

export interface ActionPlan {
  /** 0, 1, …: the action's number within its referral. */
  key: number;
  description: string;
  assigned: number;
  dueOn: string;
  createdAt: Date;
  completedAt: Date | null;
  result: string | null;
}

export interface ReferralPlan {
  id: string;
  area: number;
  referrer: number;
  receiver: number;
  network: number;
  service: number;
  lifeDomains: string[];
  summary: string;
  consentGiven: boolean;
  consentScope: string | null;
  status: Status;
  openedAt: Date;
  closedAt: Date | null;
  updatedAt: Date;
  problemOwner: number;
  outcome: string | null;
  declineReason: string | null;
  targetGroups: number[];
  interventionTypes: number[];
  events: EventPlan[];
  actions: ActionPlan[];
}

/** The most actions a generated referral gets (ids are numbered referral × 8 + action). */
export const MAX_ACTIONS = 4;
/** Events are numbered referral × 64 + sequence. */
export const EVENT_SLOTS = 64;
const MAX_MOVES = 10;
const FOUR_YEARS_DAYS = 4 * 365;

export function planReferral(world: World, layout: Layout, index: number): ReferralPlan {
  const rng = world.random('referral', index);
  const municipality = world.municipalities[world.referralMunicipality[index]];
  const area = rng.pick(municipality.neighbourhoods);
  const switchTeam = world.switchTeamOfArea[world.areas[area].parent];
  const referrer = world.organisationOf(municipality, rng, municipality.weights.referrer);
  let network = rng.chance(0.3) ? switchTeam : -1;
  let receiver = network >= 0 && rng.chance(0.2) ? -1 : world.organisationOf(municipality, rng, municipality.weights.receiver);
  if (receiver === referrer) {
    const { start, count } = municipality.organisations;
    receiver = count > 1 ? start + ((referrer - start + 1) % count) : -1;
  }
  // A referral goes to an organisation, a network or both.
  if (receiver === -1) network = switchTeam;
  const receivingSide = receiver >= 0 ? receiver : layout.networkCoordinator[network];
  const consentGiven = rng.chance(0.75);
  const openedAt = daysBefore(rng.between(0, FOUR_YEARS_DAYS));
  const plan: ReferralPlan = {
    id: world.id('referral', index),
    area,
    referrer,
    receiver,
    network,
    service: receiver >= 0 && rng.chance(0.4) ? serviceOf(layout, receiver, rng) : -1,
    lifeDomains: rng.sample(LIFE_DOMAINS, rng.int(1, 3)),
    summary: rng.pick(CASE_SUMMARIES),
    consentGiven,
    consentScope: consentGiven ? (network >= 0 && rng.chance(0.5) ? 'NETWORK' : 'RECEIVER') : null,
    status: S.SIGNALLED,
    openedAt,
    closedAt: null,
    updatedAt: openedAt,
    problemOwner: -1,
    outcome: null,
    declineReason: null,
    targetGroups: rng.chance(0.75) ? distinct(rng.int(1, 2), () => rng.weightedIndex(targetGroupWeights(world.catalogue.targetGroups.length))) : [],
    interventionTypes: rng.chance(0.3) ? [rng.int(0, world.catalogue.interventionTypes.length - 1)] : [],
    events: [],
    actions: [],
  };
  simulateLifecycle(plan, rng, receivingSide);
  return plan;
}

function serviceOf(layout: Layout, organisation: number, rng: Random): number {
  const start = layout.organisationServiceStart[organisation];
  const count = layout.organisationServiceStart[organisation + 1] - start;
  return count === 0 ? -1 : layout.organisationServices[start + rng.int(0, count - 1)];
}

/** Walks the referral through the transition table from SIGNALLED, appending an event for every change. */
function simulateLifecycle(plan: ReferralPlan, rng: Random, receivingSide: number): void {
  const latest = REFERENCE_DATE.getTime() - 3_600_000;
  let at = plan.openedAt;
  const append: Append = (event) => {
    plan.events.push({ actionKey: null, ...event, sequence: plan.events.length + 1, at });
    plan.updatedAt = at;
  };
  append({ type: ReferralEventType.CREATED, from: null, to: S.SIGNALLED, organisation: plan.referrer, note: null });

  for (let step = 0; step < MAX_MOVES && !isTerminal(plan.status); step += 1) {
    const to = MOVES[plan.status][rng.weightedIndex(MOVE_WEIGHTS.get(plan.status)!)].to;
    if (to === null) break;
    const next = at.getTime() + rng.between(1, 21) * DAY_MS;
    if (next > latest) break;
    at = new Date(next);
    if (rng.chance(0.15)) append({ type: ReferralEventType.NOTE_ADDED, from: null, to: null, organisation: rng.chance(0.5) ? plan.referrer : receivingSide, note: 'Voortgang besproken.' });
    if (to === S.CLOSED) completeActions(plan, rng, at, append);
    move(plan, rng, to, receivingSide, append);
    if (to === S.ACTION_AGREED) addActions(plan, rng, receivingSide, at, append);
  }
}

type Append = (event: Omit<EventPlan, 'sequence' | 'at' | 'actionKey'> & { actionKey?: number }) => void;

function move(plan: ReferralPlan, rng: Random, to: Status, receivingSide: number, append: Append): void {
  const from = plan.status;
  const transition = findTransition(from, to)!;
  const actor = transition.by === ReferralParty.REFERRER ? plan.referrer : transition.by === ReferralParty.RECEIVER ? receivingSide : rng.chance(0.7) ? receivingSide : plan.referrer;
  let note: string | null = null;
  if (to === S.DECLINED) {
    plan.declineReason = 'Valt buiten onze doelgroep; advies gegeven over een passende organisatie.';
    note = plan.declineReason;
  }
  if (to === S.CLOSED) {
    plan.problemOwner = receivingSide;
    plan.outcome = rng.pick(OUTCOMES);
    note = plan.outcome;
  }
  plan.status = to;
  append({ type: transition.event, from, to, organisation: actor, note });
  if (isTerminal(to)) plan.closedAt = plan.updatedAt;
}

function addActions(plan: ReferralPlan, rng: Random, receivingSide: number, at: Date, append: Append): void {
  const count = Math.min(rng.int(1, 2), MAX_ACTIONS - plan.actions.length);
  for (let i = 0; i < count; i += 1) {
    const action: ActionPlan = {
      key: plan.actions.length,
      description: rng.pick(ACTION_DESCRIPTIONS),
      assigned: rng.chance(0.7) ? receivingSide : plan.referrer,
      dueOn: isoDate(new Date(at.getTime() + rng.int(14, 42) * DAY_MS)),
      createdAt: at,
      completedAt: null,
      result: null,
    };
    plan.actions.push(action);
    append({ type: ReferralEventType.ACTION_ADDED, from: null, to: null, organisation: receivingSide, note: action.description, actionKey: action.key });
  }
}

function completeActions(plan: ReferralPlan, rng: Random, at: Date, append: Append): void {
  for (const action of plan.actions) {
    if (action.completedAt || !rng.chance(0.8)) continue;
    action.completedAt = at;
    action.result = 'Afgerond en teruggekoppeld.';
    append({ type: ReferralEventType.ACTION_COMPLETED, from: null, to: null, organisation: action.assigned, note: action.result, actionKey: action.key });
  }
}
