import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Area } from '../area/area.entity';

/**
 * What remains of a referral purged after the retention period: enough for aggregates and the
 * audit trail (which dossier existed, where, how it ended, when), no case content.
 */
@Entity('referral_deletion')
@Check('CHK_referral_deletion_status', `status IN ('CLOSED', 'DECLINED', 'WITHDRAWN')`)
@Check('CHK_referral_deletion_months', `extract(day FROM opened_month) = 1 AND (closed_month IS NULL OR extract(day FROM closed_month) = 1)`)
@Check('CHK_referral_deletion_days_to_close', `days_to_close IS NULL OR days_to_close >= 0`)
export class ReferralDeletion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('UQ_referral_deletion_dossier_number', { unique: true })
  @Column({ type: 'varchar', length: 20 })
  dossierNumber: string;

  @Index('IDX_referral_deletion_area_id')
  @Column({ type: 'uuid', nullable: true })
  areaId: string | null;

  @ManyToOne(() => Area, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_id', foreignKeyConstraintName: 'FK_referral_deletion_area' })
  area?: Area | null;

  /** CLOSED, DECLINED or WITHDRAWN: only ended referrals are purged. */
  @Column({ type: 'varchar', length: 20 })
  status: string;

  /** Target groups of the referral (no foreign keys: a plain record of what was counted). */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  targetGroupIds: string[];

  /** First day of the month the referral was opened (Europe/Amsterdam). */
  @Column({ type: 'date' })
  openedMonth: string;

  @Column({ type: 'date', nullable: true })
  closedMonth: string | null;

  /** Whole days from opening to closing, for CLOSED referrals (median days to close). */
  @Column({ type: 'integer', nullable: true })
  daysToClose: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  purgedAt: Date;
}
