import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord } from '../../common/base.entity';
import { sqlValues } from '../../common/sql';
import { ApiKey } from '../user/api-key.entity';
import { Organisation } from '../organisation/organisation.entity';
import { User } from '../user/user.entity';
import { ConsentScope, Referral } from './referral.entity';

/**
 * The person's consent (§4.5: "Tenzij er toestemming is … wordt alle casuïstiek anoniem
 * behandeld"): whom it lets read the identifying details (scope, and the organisation for
 * ORGANISATION), who recorded it when, and its withdrawal. A withdrawn row stays as history;
 * from `withdrawnAt` on it gives nobody access. At most one standing row per referral, scope
 * and organisation (`UQ_referral_consent_standing`, a partial index of the migration).
 */
@Entity('referral_consent')
@Index('UQ_referral_consent_standing', { synchronize: false })
@Check('CHK_referral_consent_scope', `scope IN (${sqlValues(ConsentScope)})`)
@Check('CHK_referral_consent_organisation', `(scope = 'ORGANISATION') = (organisation_id IS NOT NULL)`)
@Check('CHK_referral_consent_withdrawn', `withdrawn_at IS NULL OR withdrawn_at >= given_at`)
export class ReferralConsent extends BaseRecord {
  @Index('IDX_referral_consent_referral_id')
  @Column({ type: 'uuid' })
  referralId: string;

  @ManyToOne(() => Referral, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referral_id', foreignKeyConstraintName: 'FK_referral_consent_referral' })
  referral?: Referral;

  @Column({ type: 'varchar', length: 20 })
  scope: ConsentScope;

  @Index('IDX_referral_consent_organisation_id')
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'FK_referral_consent_organisation' })
  organisation?: Organisation | null;

  @Column({ type: 'timestamptz' })
  givenAt: Date;

  @Index('IDX_referral_consent_recorded_by_user_id')
  @Column({ type: 'uuid', nullable: true })
  recordedByUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by_user_id', foreignKeyConstraintName: 'FK_referral_consent_recorded_by_user' })
  recordedByUser?: User | null;

  @Index('IDX_referral_consent_recorded_by_api_key_id')
  @Column({ type: 'uuid', nullable: true })
  recordedByApiKeyId: string | null;

  @ManyToOne(() => ApiKey, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by_api_key_id', foreignKeyConstraintName: 'FK_referral_consent_recorded_by_api_key' })
  recordedByApiKey?: ApiKey | null;

  /** The organisation on whose behalf it was recorded. */
  @Index('IDX_referral_consent_recorded_for_organisation_id')
  @Column({ type: 'uuid', nullable: true })
  recordedForOrganisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_for_organisation_id', foreignKeyConstraintName: 'FK_referral_consent_recorded_for_organisation' })
  recordedForOrganisation?: Organisation | null;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Index('IDX_referral_consent_withdrawn_by_user_id')
  @Column({ type: 'uuid', nullable: true })
  withdrawnByUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'withdrawn_by_user_id', foreignKeyConstraintName: 'FK_referral_consent_withdrawn_by_user' })
  withdrawnByUser?: User | null;

  @Index('IDX_referral_consent_withdrawn_by_api_key_id')
  @Column({ type: 'uuid', nullable: true })
  withdrawnByApiKeyId: string | null;

  @ManyToOne(() => ApiKey, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'withdrawn_by_api_key_id', foreignKeyConstraintName: 'FK_referral_consent_withdrawn_by_api_key' })
  withdrawnByApiKey?: ApiKey | null;

  @Index('IDX_referral_consent_withdrawn_for_organisation_id')
  @Column({ type: 'uuid', nullable: true })
  withdrawnForOrganisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'withdrawn_for_organisation_id', foreignKeyConstraintName: 'FK_referral_consent_withdrawn_for_organisation' })
  withdrawnForOrganisation?: Organisation | null;
}
