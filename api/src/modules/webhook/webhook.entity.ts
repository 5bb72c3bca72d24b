import { Field, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CuratedRecord } from '../../common/base.entity';
import { sqlValues } from '../../common/sql';
import { Organisation } from '../organisation/organisation.entity';
import { ReferralEvent, ReferralEventType } from '../referral/referral-event.entity';
import { User } from '../user/user.entity';

export enum WebhookDeliveryStatus {
  /** Waiting for its (next) attempt. */
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  /** Every attempt failed (WEBHOOK_MAX_ATTEMPTS). */
  FAILED = 'FAILED',
  /** The webhook was disabled before the delivery succeeded. */
  CANCELLED = 'CANCELLED',
}

/**
 * An organisation's HTTPS endpoint for referral events. The signing secret is stored encrypted
 * (AES-256-GCM with WEBHOOK_SECRET_KEY) because the server must sign with it; it is shown once,
 * when created or rotated.
 */
@ObjectType({ description: "An organisation's endpoint for signed referral events (see the API guide). The secret is shown only when created or rotated." })
@Entity('webhook')
@Check('CHK_webhook_events', `cardinality(events) > 0 AND events <@ ARRAY[${sqlValues(ReferralEventType)}]::text[]`)
export class Webhook extends CuratedRecord {
  @Index('IDX_webhook_organisation_id')
  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'FK_webhook_organisation' })
  organisation?: Organisation;

  @Field(() => String, { description: 'Where events are POSTed: https (http and loopback hosts only with WEBHOOK_ALLOW_LOOPBACK, never in production).' })
  @Column({ type: 'varchar', length: 2000 })
  url: string;

  @Field(() => [ReferralEventType], { description: 'The referral event types sent to this endpoint.' })
  @Column({ type: 'text', array: true })
  events: ReferralEventType[];

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 500, nullable: true })
  description: string | null;

  /** `v1:<iv>:<tag>:<ciphertext>` (AES-256-GCM) or `plain:<secret>` when WEBHOOK_SECRET_KEY is unset. Never exposed. */
  @Column({ type: 'text' })
  secretCiphertext: string;

  @Field(() => String, { description: 'The first characters of the secret, to tell secrets apart (whsec_AbCd…).' })
  @Column({ type: 'varchar', length: 20 })
  secretHint: string;

  @Field(() => Date, { nullable: true, description: 'Set while the webhook is disabled: nothing is queued or sent.' })
  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Index('IDX_webhook_created_by_id')
  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'FK_webhook_created_by' })
  createdBy?: User | null;
}

/**
 * The transactional outbox and the delivery state in one row: one per (referral event,
 * subscribed webhook), inserted in the transaction that appends the event. The relay puts due
 * rows on the pg-boss queue; a worker claims a row (`locked_until`), POSTs it and records the
 * attempt. `id` is the `Schakel-Event-Id` receivers de-duplicate on.
 */
@Entity('webhook_delivery')
@Unique('UQ_webhook_delivery_webhook_event', ['webhookId', 'referralEventId'])
@Check('CHK_webhook_delivery_status', `status IN (${sqlValues(WebhookDeliveryStatus)})`)
@Check('CHK_webhook_delivery_event_type', `event_type IN (${sqlValues(ReferralEventType)})`)
@Check('CHK_webhook_delivery_attempts', 'attempts >= 0')
/** Partial index on pending deliveries by due time (the relay's scan); created by the migration, not by TypeORM. */
@Index('IDX_webhook_delivery_pending_due', { synchronize: false })
export class WebhookDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  webhookId: string;

  @ManyToOne(() => Webhook, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'webhook_id', foreignKeyConstraintName: 'FK_webhook_delivery_webhook' })
  webhook?: Webhook;

  @Index('IDX_webhook_delivery_referral_event_id')
  @Column({ type: 'uuid' })
  referralEventId: string;

  /** Purging a referral (retention) removes its events and so their deliveries. */
  @ManyToOne(() => ReferralEvent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referral_event_id', foreignKeyConstraintName: 'FK_webhook_delivery_referral_event' })
  referralEvent?: ReferralEvent;

  @Column({ type: 'varchar', length: 30 })
  eventType: ReferralEventType;

  /** What is sent (ids, dossier number, status, sequence, time; no case content), fixed at enqueue time. */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'varchar', length: 20, default: WebhookDeliveryStatus.PENDING })
  status: WebhookDeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  /** On the queue until then; past it (a lost job) the relay queues the row again. */
  @Column({ type: 'timestamptz', nullable: true })
  queuedUntil: Date | null;

  /** A worker is sending it until then. */
  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null;

  @Column({ type: 'integer', nullable: true })
  lastStatusCode: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Index('IDX_webhook_delivery_created_at')
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** One HTTP attempt of a delivery: the history shown to the organisation. */
@Entity('webhook_delivery_attempt')
@Unique('UQ_webhook_delivery_attempt_delivery_attempt', ['deliveryId', 'attempt'])
export class WebhookDeliveryAttempt {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  deliveryId: string;

  @ManyToOne(() => WebhookDelivery, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delivery_id', foreignKeyConstraintName: 'FK_webhook_delivery_attempt_delivery' })
  delivery?: WebhookDelivery;

  /** 1, 2, 3, … */
  @Column({ type: 'integer' })
  attempt: number;

  /** The endpoint's HTTP status; null when no answer came (timeout, refused connection). */
  @Column({ type: 'integer', nullable: true })
  statusCode: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null;

  @Column({ type: 'integer' })
  durationMs: number;

  @CreateDateColumn({ type: 'timestamptz' })
  attemptedAt: Date;
}
