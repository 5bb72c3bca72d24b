import type { ReferralEventType } from '../../../gql/graphql';

/** Every event of a referral's history, in the order they happen. */
const EVENT_TYPES: readonly ReferralEventType[] = [
  'CREATED',
  'ACCEPTED',
  'DECLINED',
  'STATUS_CHANGED',
  'CONSENT_RECORDED',
  'ACTION_ADDED',
  'ACTION_COMPLETED',
  'NOTE_ADDED',
  'CLOSED',
  'UPDATED',
];

/** What a webhook can subscribe to (UPDATED is not sent). */
export const WEBHOOK_EVENT_TYPES: readonly ReferralEventType[] = EVENT_TYPES.filter((type) => type !== 'UPDATED');
