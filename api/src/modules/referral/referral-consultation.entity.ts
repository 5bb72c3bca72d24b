import { Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { BaseRecord } from '../../common/base.entity';
import { ApiKey } from '../user/api-key.entity';
import { Organisation } from '../organisation/organisation.entity';
import { User } from '../user/user.entity';
import { Referral } from './referral.entity';

/**
 * A shell partner consulted on one case (§4.4 B: "niet bij de bijeenkomsten … aanwezig, maar
 * via een vaste contactpersoon geconsulteerd"): recorded when a core partner consults it, and
 * from then on it reads that case's anonymous layer — never its identifying details without
 * consent of its own.
 */
@Entity('referral_consultation')
@Unique('UQ_referral_consultation', ['referralId', 'organisationId'])
export class ReferralConsultation extends BaseRecord {
  @Column({ type: 'uuid' })
  referralId: string;

  @ManyToOne(() => Referral, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referral_id', foreignKeyConstraintName: 'FK_referral_consultation_referral' })
  referral?: Referral;

  /** The shell partner consulted. */
  @Index('IDX_referral_consultation_organisation_id')
  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'FK_referral_consultation_organisation' })
  organisation?: Organisation;

  /** The core partner that consulted it. */
  @Index('IDX_referral_consultation_consulted_by_organisation_id')
  @Column({ type: 'uuid' })
  consultedByOrganisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'consulted_by_organisation_id', foreignKeyConstraintName: 'FK_referral_consultation_consulted_by_organisation' })
  consultedByOrganisation?: Organisation;

  @Index('IDX_referral_consultation_consulted_by_user_id')
  @Column({ type: 'uuid', nullable: true })
  consultedByUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'consulted_by_user_id', foreignKeyConstraintName: 'FK_referral_consultation_consulted_by_user' })
  consultedByUser?: User | null;

  @Index('IDX_referral_consultation_consulted_by_api_key_id')
  @Column({ type: 'uuid', nullable: true })
  consultedByApiKeyId: string | null;

  @ManyToOne(() => ApiKey, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'consulted_by_api_key_id', foreignKeyConstraintName: 'FK_referral_consultation_consulted_by_api_key' })
  consultedByApiKey?: ApiKey | null;

  /** What the shell partner is asked (anonymous-layer text). */
  @Column({ type: 'text', nullable: true })
  question: string | null;
}
