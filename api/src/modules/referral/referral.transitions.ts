import { InvalidTransitionError } from '../../common/errors';
import { ReferralEventType } from './referral-event.entity';
import { ReferralStatus } from './referral.entity';

/**
 * The referral lifecycle (the five steps of book §3.7): the one place that says
 * which status may follow which, and who may make the move. Every status change in the API
 * goes through `assertTransition`; anything not in the table answers INVALID_TRANSITION and
 * writes nothing.
 */

/** Who, relative to one referral, may make a move. */
export enum ReferralParty {
  /** The referring organisation (it signalled the case). */
  REFERRER = 'REFERRER',
  /**
   * The receiving side: the receiving organisation, or — for a referral to a network without a
   * receiving organisation — any member organisation of that network.
   */
  RECEIVER = 'RECEIVER',
  /** The organisation that took the case up and holds it until it hands it over (§4.5). */
  HOLDER = 'HOLDER',
  /**
   * An organisation that works on the case: referrer, receiver, holder, the core members of its
   * network, organisations the person consented to (a consulted shell partner reads, it does not move).
   */
  INVOLVED = 'INVOLVED',
}

/** The mutation that makes a move (moves needing more than a note have their own). */
export type TransitionMutation = 'acceptReferral' | 'declineReferral' | 'changeReferralStatus' | 'closeReferral';

export interface Transition {
  from: ReferralStatus;
  to: ReferralStatus;
  by: ReferralParty;
  /** The event the move appends. */
  event: ReferralEventType;
  via: TransitionMutation;
}

const S = ReferralStatus;
const OPEN_WORK = [S.EXPLORING, S.ACTION_AGREED, S.IN_PROGRESS, S.ON_HOLD] as const;

function move(from: ReferralStatus, to: ReferralStatus, by: ReferralParty, event = ReferralEventType.STATUS_CHANGED, via: TransitionMutation = 'changeReferralStatus'): Transition {
  return { from, to, by, event, via };
}

/** The transition table. Terminal statuses (CLOSED, DECLINED, WITHDRAWN) have no way out. */
export const TRANSITIONS: readonly Transition[] = Object.freeze([
  // Step 1 → 2: the receiver takes the signal up (verdieping), or declines it with a reason.
  move(S.SIGNALLED, S.EXPLORING, ReferralParty.RECEIVER, ReferralEventType.ACCEPTED, 'acceptReferral'),
  move(S.SIGNALLED, S.DECLINED, ReferralParty.RECEIVER, ReferralEventType.DECLINED, 'declineReferral'),
  // Step 2 → 3 → 4: actions agreed, then carried out and reported back.
  move(S.EXPLORING, S.ACTION_AGREED, ReferralParty.INVOLVED),
  move(S.ACTION_AGREED, S.IN_PROGRESS, ReferralParty.INVOLVED),
  // "In portefeuille": no contact yet or not wanted now; back to where the work stands later.
  move(S.EXPLORING, S.ON_HOLD, ReferralParty.INVOLVED),
  move(S.ACTION_AGREED, S.ON_HOLD, ReferralParty.INVOLVED),
  move(S.IN_PROGRESS, S.ON_HOLD, ReferralParty.INVOLVED),
  move(S.ON_HOLD, S.EXPLORING, ReferralParty.INVOLVED),
  move(S.ON_HOLD, S.ACTION_AGREED, ReferralParty.INVOLVED),
  move(S.ON_HOLD, S.IN_PROGRESS, ReferralParty.INVOLVED),
  // Step 5: closure with an outcome and a problem owner, from any stage of the work.
  ...OPEN_WORK.map((from) => move(from, S.CLOSED, ReferralParty.INVOLVED, ReferralEventType.CLOSED, 'closeReferral')),
  // The referrer may withdraw while the referral is open.
  ...[S.SIGNALLED, ...OPEN_WORK].map((from) => move(from, S.WITHDRAWN, ReferralParty.REFERRER)),
]);

export const TERMINAL_STATUSES: readonly ReferralStatus[] = [S.CLOSED, S.DECLINED, S.WITHDRAWN];
export const OPEN_STATUSES: readonly ReferralStatus[] = Object.values(S).filter((s) => !TERMINAL_STATUSES.includes(s));

export function isTerminal(status: ReferralStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

export function findTransition(from: ReferralStatus, to: ReferralStatus): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to);
}

/** The moves out of `from` (for clients: what can happen next). */
export function transitionsFrom(from: ReferralStatus): Transition[] {
  return TRANSITIONS.filter((t) => t.from === from);
}

export function invalidTransition(from: ReferralStatus, to: ReferralStatus | null, message: string, extra: Record<string, unknown> = {}): InvalidTransitionError {
  return new InvalidTransitionError(message, from, to, extra);
}

/**
 * The move `from → to` made through `via`, or INVALID_TRANSITION. A move that exists but
 * belongs to another mutation (closing through changeReferralStatus) is refused too, naming
 * the right one.
 */
export function assertTransition(from: ReferralStatus, to: ReferralStatus, via: TransitionMutation): Transition {
  const transition = findTransition(from, to);
  if (!transition) {
    const allowed = transitionsFrom(from).map((t) => t.to);
    const message = isTerminal(from)
      ? `The referral is ${from}: a ${from} referral stays ${from}`
      : `A referral cannot move from ${from} to ${to} (allowed from ${from}: ${allowed.join(', ')})`;
    throw invalidTransition(from, to, message, { allowed });
  }
  if (transition.via !== via) {
    throw invalidTransition(from, to, `Move from ${from} to ${to} with ${transition.via}`, { use: transition.via });
  }
  return transition;
}

/**
 * Changes without a status move (notes, actions, consent) are for open referrals; the terminal
 * statuses stay as they are. Actions belong to the work, so not before the referral is accepted.
 */
export function assertOpenFor(status: ReferralStatus, operation: string, options: { accepted?: boolean } = {}): void {
  if (isTerminal(status)) throw invalidTransition(status, null, `The referral is ${status}: ${operation} is not possible any more`, { operation });
  if (options.accepted && status === S.SIGNALLED) {
    throw invalidTransition(status, null, `The referral is not accepted yet: ${operation} is possible from EXPLORING on`, { operation });
  }
}
