import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { sqlValues } from '../../common/sql';
import { ApiKey } from '../user/api-key.entity';
import { Organisation } from '../organisation/organisation.entity';
import { User } from '../user/user.entity';
import { Referral, ReferralStatus } from './referral.entity';

export enum ReferralEventType {
  CREATED = 'CREATED',
  STATUS_CHANGED = 'STATUS_CHANGED',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  CONSENT_RECORDED = 'CONSENT_RECORDED',
  ACTION_ADDED = 'ACTION_ADDED',
  ACTION_COMPLETED = 'ACTION_COMPLETED',
  NOTE_ADDED = 'NOTE_ADDED',
  UPDATED = 'UPDATED',
  CLOSED = 'CLOSED',
  /** The holder handed the case over to another organisation (§4.5: "overgedragen aan een netwerklid"). */
  HANDED_OVER = 'HANDED_OVER',
  /** A core partner consulted a shell partner on the case (§4.4 B). */
  CONSULTED = 'CONSULTED',
}

/** Append-only history of a referral: every change appends one event. */
@Entity('referral_event')
@Unique('UQ_referral_event_sequence', ['referralId', 'sequence'])
@Check('CHK_referral_event_type', `type IN (${sqlValues(ReferralEventType)})`)
@Check('CHK_referral_event_from_status', `from_status IS NULL OR from_status IN (${sqlValues(ReferralStatus)})`)
@Check('CHK_referral_event_to_status', `to_status IS NULL OR to_status IN (${sqlValues(ReferralStatus)})`)
export class ReferralEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  referralId: string;

  @ManyToOne(() => Referral, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referral_id', foreignKeyConstraintName: 'FK_referral_event_referral' })
  referral?: Referral;

  /** 1, 2, 3, … within the referral. */
  @Column({ type: 'integer' })
  sequence: number;

  @Column({ type: 'varchar', length: 30 })
  type: ReferralEventType;

  @Column({ type: 'varchar', length: 20, nullable: true })
  fromStatus: ReferralStatus | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  toStatus: ReferralStatus | null;

  @Index('IDX_referral_event_actor_user_id')
  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_user_id', foreignKeyConstraintName: 'FK_referral_event_actor_user' })
  actorUser?: User | null;

  @Index('IDX_referral_event_actor_api_key_id')
  @Column({ type: 'uuid', nullable: true })
  actorApiKeyId: string | null;

  @ManyToOne(() => ApiKey, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_api_key_id', foreignKeyConstraintName: 'FK_referral_event_actor_api_key' })
  actorApiKey?: ApiKey | null;

  /** Organisation on whose behalf the change was made. */
  @Index('IDX_referral_event_organisation_id')
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'FK_referral_event_organisation' })
  organisation?: Organisation | null;

  /** Free text of the event (progress note, decline reason, …): case content. */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data: Record<string, unknown>;

  /** The day the step really happened, when it was entered afterwards (a past case); null: when it was recorded. */
  @Column({ type: 'date', nullable: true })
  happenedOn: string | null;

  @Index('IDX_referral_event_occurred_at')
  @CreateDateColumn({ type: 'timestamptz' })
  occurredAt: Date;
}
