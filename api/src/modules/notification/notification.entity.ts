import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { sqlValues } from '../../common/sql';
import { VerifiableEntityType } from '../curation';
import { Organisation } from '../organisation/organisation.entity';
import { Proposal } from '../proposal/proposal.entity';
import { ReferralAction } from '../referral/referral-action.entity';
import { ReferralEvent } from '../referral/referral-event.entity';
import { Referral } from '../referral/referral.entity';
import { User } from '../user/user.entity';

export enum NotificationKind {
  /** A referral arrived for the user's organisation. */
  REFERRAL_RECEIVED = 'REFERRAL_RECEIVED',
  /** A referral the organisation refers or receives changed status (by someone else). */
  STATUS_CHANGED = 'STATUS_CHANGED',
  /** An open action assigned to the organisation is due soon (NOTIFICATION_DUE_SOON_DAYS). */
  ACTION_DUE = 'ACTION_DUE',
  /** An open action assigned to the organisation is past its due date. */
  ACTION_OVERDUE = 'ACTION_OVERDUE',
  /** A case the organisation owns the problem of was closed to stay alert on, and its look-again date has come (§3.7 step 5). */
  LOOK_AGAIN = 'LOOK_AGAIN',
  /** A record of the organisation (or, without one, of the admins) has not been verified for STALE_AFTER_MONTHS. */
  STALE_RECORD = 'STALE_RECORD',
  /** An organisation proposed a change or a new record (admins, the curators, are told). */
  PROPOSAL_SUBMITTED = 'PROPOSAL_SUBMITTED',
  /** A curator accepted the organisation's proposal. */
  PROPOSAL_ACCEPTED = 'PROPOSAL_ACCEPTED',
  /** A curator rejected the organisation's proposal, with a reason. */
  PROPOSAL_REJECTED = 'PROPOSAL_REJECTED',
}

/** The kinds about a proposal (`proposalId`). */
export const PROPOSAL_NOTICE_KINDS = [NotificationKind.PROPOSAL_SUBMITTED, NotificationKind.PROPOSAL_ACCEPTED, NotificationKind.PROPOSAL_REJECTED] as const;


export enum EmailState {
  PENDING = 'PENDING',
  SENT = 'SENT',
  /** Not e-mailed: the user chose no e-mail, read it in the app before the digest, or SMTP is not configured. */
  SKIPPED = 'SKIPPED',
  FAILED = 'FAILED',
}

export enum EmailMode {
  IMMEDIATE = 'IMMEDIATE',
  DIGEST = 'DIGEST',
  OFF = 'OFF',
}

registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  valuesConfig: {
    REFERRAL_RECEIVED: { description: 'A referral arrived for your organisation.' },
    STATUS_CHANGED: { description: 'A referral your organisation refers or receives changed status.' },
    ACTION_DUE: { description: 'An action assigned to your organisation is due soon.' },
    ACTION_OVERDUE: { description: 'An action assigned to your organisation is past its due date.' },
    LOOK_AGAIN: { description: 'A closed case your organisation owns the problem of is to be looked at again today (stay alert, step 5).' },
    STALE_RECORD: { description: "A record of your organisation (admins: a record without an organisation) has not been verified for STALE_AFTER_MONTHS; `recordType` and `recordId` name it." },
  },
});
registerEnumType(EmailMode, {
  name: 'NotificationEmailMode',
  valuesConfig: {
    IMMEDIATE: { description: 'One e-mail shortly after new notifications arrive.' },
    DIGEST: { description: 'One e-mail a day listing the unread notifications (NOTIFICATION_DIGEST_HOUR).' },
    OFF: { description: 'No e-mail; the list in the app only.' },
  },
});

/**
 * One user's notice of something that happened to a referral their organisation is party to.
 * Created by the trigger on referral_event (db migration 1765600000000) and by the worker's
 * due-date pass; ids, the kind and the new status only — never case text.
 */
@ObjectType('Notification', { description: 'A notice for the signed-in user: a referral arrived, changed status, or has an action due or overdue; a closed case is to be looked at again; a record went stale; or a proposal was submitted or decided. No case content.' })
@Entity('notification')
@Check('CHK_notification_kind', `kind IN (${sqlValues(NotificationKind)})`)
@Check(
  'CHK_notification_subject',
  `CASE WHEN kind = 'STALE_RECORD'
        THEN referral_id IS NULL AND proposal_id IS NULL AND record_type IN (${sqlValues(VerifiableEntityType)}) AND record_id IS NOT NULL AND stale_since IS NOT NULL
        WHEN kind IN (${PROPOSAL_NOTICE_KINDS.map((kind) => `'${kind}'`).join(', ')})
        THEN referral_id IS NULL AND proposal_id IS NOT NULL AND record_type IS NULL AND record_id IS NULL AND stale_since IS NULL
        ELSE referral_id IS NOT NULL AND organisation_id IS NOT NULL AND proposal_id IS NULL AND record_type IS NULL AND record_id IS NULL AND stale_since IS NULL END`,
)
@Check('CHK_notification_email_state', `email_state IN (${sqlValues(EmailState)})`)
@Check('CHK_notification_email_attempts', `email_attempts >= 0`)
@Index('IDX_notification_user_id', ['userId', 'createdAt'])
/** Partial indexes, created by the migration, not by TypeORM. */
@Index('IDX_notification_unread', { synchronize: false })
@Index('IDX_notification_email_pending', { synchronize: false })
@Index('UQ_notification_action_notice', { synchronize: false })
@Index('UQ_notification_look_again', { synchronize: false })
@Index('UQ_notification_stale_record', { synchronize: false })
export class Notification {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_notification_user' })
  user?: User;

  /** The organisation the user was told for; null: an admin told of a record without an organisation. */
  @Index('IDX_notification_organisation_id')
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'FK_notification_organisation' })
  organisation?: Organisation;

  @Field(() => NotificationKind)
  @Column({ type: 'varchar', length: 30 })
  kind: NotificationKind;

  @Field(() => ID, { nullable: true, description: 'The referral (every kind but STALE_RECORD).' })
  @Index('IDX_notification_referral_id')
  @Column({ type: 'uuid', nullable: true })
  referralId: string | null;

  @ManyToOne(() => Referral, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referral_id', foreignKeyConstraintName: 'FK_notification_referral' })
  referral?: Referral;

  @Index('IDX_notification_referral_event_id')
  @Column({ type: 'uuid', nullable: true })
  referralEventId: string | null;

  @ManyToOne(() => ReferralEvent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referral_event_id', foreignKeyConstraintName: 'FK_notification_referral_event' })
  referralEvent?: ReferralEvent | null;

  @Field(() => ID, { nullable: true, description: 'The action that is due or overdue.' })
  @Index('IDX_notification_action_id')
  @Column({ type: 'uuid', nullable: true })
  actionId: string | null;

  @ManyToOne(() => ReferralAction, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id', foreignKeyConstraintName: 'FK_notification_action' })
  action?: ReferralAction | null;

  @Field(() => String, { nullable: true, description: 'The status the referral moved to (REFERRAL_RECEIVED, STATUS_CHANGED).' })
  @Column({ type: 'varchar', length: 20, nullable: true })
  toStatus: string | null;

  @Field(() => String, { nullable: true, description: 'The due date of the action (ACTION_DUE, ACTION_OVERDUE), YYYY-MM-DD.' })
  @Column({ type: 'date', nullable: true })
  actionDueOn: string | null;

  @Field(() => String, { nullable: true, description: 'The day to look at the closed case again (LOOK_AGAIN), YYYY-MM-DD.' })
  @Column({ type: 'date', nullable: true })
  lookAgainOn: string | null;

  @Field(() => VerifiableEntityType, { nullable: true, description: 'The kind of record that went stale (STALE_RECORD).' })
  @Column({ type: 'varchar', length: 20, nullable: true })
  recordType: VerifiableEntityType | null;

  @Field(() => ID, { nullable: true, description: 'The record that went stale (STALE_RECORD); its form is where it is verified.' })
  @Column({ type: 'uuid', nullable: true })
  recordId: string | null;

  @Field(() => Date, { nullable: true, description: 'When the record went stale: its last verification (or, never verified, its creation) plus STALE_AFTER_MONTHS (STALE_RECORD).' })
  @Column({ type: 'timestamptz', nullable: true })
  staleSince: Date | null;

  @Field(() => ID, { nullable: true, description: 'The proposal (PROPOSAL_SUBMITTED, PROPOSAL_ACCEPTED, PROPOSAL_REJECTED).' })
  @Index('IDX_notification_proposal_id')
  @Column({ type: 'uuid', nullable: true })
  proposalId: string | null;

  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'FK_notification_proposal' })
  proposal?: Proposal | null;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the user marked it read; null: unread.' })
  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @Column({ type: 'varchar', length: 10, default: EmailState.PENDING })
  emailState: EmailState;

  @Column({ type: 'integer', default: 0 })
  emailAttempts: number;

  @Column({ type: 'timestamptz', nullable: true })
  emailedAt: Date | null;
}

/** A user's choice of e-mail; no row: IMMEDIATE. */
@Entity('notification_setting')
@Check('CHK_notification_setting_email_mode', `email_mode IN (${sqlValues(EmailMode)})`)
export class NotificationSetting {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_notification_setting' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_notification_setting_user' })
  user?: User;

  @Column({ type: 'varchar', length: 10, default: EmailMode.IMMEDIATE })
  emailMode: EmailMode;

  /** When the last daily digest went out. */
  @Column({ type: 'timestamptz', nullable: true })
  lastDigestAt: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
