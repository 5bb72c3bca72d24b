import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CuratedRecord } from '../../common/base.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Referral } from './referral.entity';

/** Werkafspraak: who does what by when; due by default at the network's next meeting. */
@Entity('referral_action')
/** Partial index on open actions' due dates (overdue lists); created by the migration, not by TypeORM. */
@Index('IDX_referral_action_open_due_on', { synchronize: false })
export class ReferralAction extends CuratedRecord {
  @Index('IDX_referral_action_referral_id')
  @Column({ type: 'uuid' })
  referralId: string;

  @ManyToOne(() => Referral, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referral_id', foreignKeyConstraintName: 'FK_referral_action_referral' })
  referral?: Referral;

  @Column({ type: 'text' })
  description: string;

  @Index('IDX_referral_action_assigned_organisation_id')
  @Column({ type: 'uuid' })
  assignedOrganisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assigned_organisation_id', foreignKeyConstraintName: 'FK_referral_action_assigned_organisation' })
  assignedOrganisation?: Organisation;

  @Index('IDX_referral_action_due_on')
  @Column({ type: 'date' })
  dueOn: string;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  result: string | null;
}
