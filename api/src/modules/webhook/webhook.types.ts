import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ReferralEventType } from '../referral/referral-event.entity';
import { ReferralStatus } from '../referral/referral.entity';
import { Webhook, WebhookDeliveryStatus } from './webhook.entity';

registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  valuesConfig: {
    PENDING: { description: 'Waiting for its first or next attempt.' },
    DELIVERED: { description: 'The endpoint answered 2xx.' },
    FAILED: { description: 'Every attempt failed (WEBHOOK_MAX_ATTEMPTS).' },
    CANCELLED: { description: 'The webhook was disabled first.' },
  },
});

@ObjectType({ description: 'A newly created webhook, or one with a new secret. `secret` is shown only here, once: store it now.' })
export class CreatedWebhook {
  @Field(() => Webhook)
  webhook: Webhook;

  @Field(() => String, { description: 'The HMAC-SHA256 key for `Schakel-Signature` (the whole string, UTF-8).' })
  secret: string;
}

@ObjectType('WebhookDeliveryAttempt', { description: 'One HTTP attempt of a delivery.' })
export class WebhookDeliveryAttemptNode {
  @Field(() => Int)
  attempt: number;

  @Field(() => Int, { nullable: true, description: "The endpoint's HTTP status; null when no answer came." })
  statusCode: number | null;

  @Field(() => String, { nullable: true, description: 'Why it failed (HTTP status, timeout, connection error).' })
  error: string | null;

  @Field(() => Int)
  durationMs: number;

  @Field(() => Date)
  attemptedAt: Date;
}

@ObjectType('WebhookDelivery', { description: 'One referral event for one webhook, with its attempts.' })
export class WebhookDeliveryNode {
  @Field(() => ID, { description: 'The `Schakel-Event-Id` header: the same on every attempt.' })
  id: string;

  @Field(() => ReferralEventType)
  eventType: ReferralEventType;

  @Field(() => ID)
  referralId: string;

  @Field(() => String)
  dossierNumber: string;

  @Field(() => Int, { description: "The event's sequence number within the referral." })
  sequence: number;

  @Field(() => ReferralStatus, { nullable: true, description: "The referral's status after the event." })
  referralStatus: ReferralStatus | null;

  @Field(() => WebhookDeliveryStatus)
  status: WebhookDeliveryStatus;

  @Field(() => Int)
  attempts: number;

  @Field(() => Date, { nullable: true, description: 'When the next attempt is due (pending deliveries).' })
  nextAttemptAt: Date | null;

  @Field(() => Date, { nullable: true })
  deliveredAt: Date | null;

  @Field(() => Int, { nullable: true })
  lastStatusCode: number | null;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => [WebhookDeliveryAttemptNode], { description: 'Every attempt, first first.' })
  attemptHistory: WebhookDeliveryAttemptNode[];
}
