import type { ConsentScope, LifeDomain, ReferralRole, ReferralStatus } from '../../gql/graphql';

/** The statuses in the order of the book's five steps, then the side exits. */
export const REFERRAL_STATUSES: readonly ReferralStatus[] = ['SIGNALLED', 'EXPLORING', 'ACTION_AGREED', 'IN_PROGRESS', 'ON_HOLD', 'CLOSED', 'DECLINED', 'WITHDRAWN'];

export const TERMINAL_STATUSES: readonly ReferralStatus[] = ['CLOSED', 'DECLINED', 'WITHDRAWN'];

export function isReferralStatus(value: string | null | undefined): value is ReferralStatus {
  return REFERRAL_STATUSES.includes(value as ReferralStatus);
}

export const LIFE_DOMAINS: readonly LifeDomain[] = [
  'SOCIAL_NETWORK',
  'HOUSING',
  'FINANCES',
  'WORK_AND_DAYTIME_ACTIVITIES',
  'PHYSICAL_HEALTH',
  'MENTAL_HEALTH',
  'ADDICTION',
  'SELF_CARE',
  'FAMILY_AND_PARENTING',
  'SAFETY',
  'JUSTICE',
  'LANGUAGE_AND_PARTICIPATION',
];

export const CONSENT_SCOPES: readonly ConsentScope[] = ['RECEIVER', 'NETWORK'];

/** The inbox's tabs, with their Dutch URL values (`?map=`). */
export const BOXES = [
  { key: 'ontvangen', role: 'RECEIVED' },
  { key: 'verzonden', role: 'SENT' },
  { key: 'netwerk', role: 'NETWORK' },
  { key: 'alle', role: null },
] as const satisfies ReadonlyArray<{ key: string; role: ReferralRole | null }>;

export type BoxKey = (typeof BOXES)[number]['key'];

export function boxOf(value: string | null): (typeof BOXES)[number] {
  return BOXES.find((box) => box.key === value) ?? BOXES[0];
}

/**
 * How each move is made: its mutation and what it asks (the transition table lives in the
 * API, which says in `availableTransitions` which moves this organisation can make now).
 */
export type MoveKind = 'accept' | 'decline' | 'close' | 'change';

export function moveKind(from: ReferralStatus, to: ReferralStatus): MoveKind {
  if (from === 'SIGNALLED' && to === 'EXPLORING') return 'accept';
  if (to === 'DECLINED') return 'decline';
  if (to === 'CLOSED') return 'close';
  return 'change';
}
