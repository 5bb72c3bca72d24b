import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { BaseRecord, CuratedRecord } from '../../common/base.entity';
import { sqlValues } from '../../common/sql';
import { Area } from '../area/area.entity';
import { InterventionType } from '../intervention-type/intervention-type.entity';
import { Network } from '../network/network.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Service } from '../service/service.entity';
import { TargetGroup } from '../target-group/target-group.entity';
import { User } from '../user/user.entity';

/** The book's five steps (§3.7) plus the side exits. */
export enum ReferralStatus {
  SIGNALLED = 'SIGNALLED',
  EXPLORING = 'EXPLORING',
  ACTION_AGREED = 'ACTION_AGREED',
  IN_PROGRESS = 'IN_PROGRESS',
  ON_HOLD = 'ON_HOLD',
  CLOSED = 'CLOSED',
  DECLINED = 'DECLINED',
  WITHDRAWN = 'WITHDRAWN',
}

export enum ConsentScope {
  RECEIVER = 'RECEIVER',
  NETWORK = 'NETWORK',
}

/** Life domains (leefgebieden) a case touches. */
export enum LifeDomain {
  HOUSING = 'HOUSING',
  FINANCES = 'FINANCES',
  WORK_AND_DAYTIME_ACTIVITIES = 'WORK_AND_DAYTIME_ACTIVITIES',
  PHYSICAL_HEALTH = 'PHYSICAL_HEALTH',
  MENTAL_HEALTH = 'MENTAL_HEALTH',
  ADDICTION = 'ADDICTION',
  SOCIAL_NETWORK = 'SOCIAL_NETWORK',
  SELF_CARE = 'SELF_CARE',
  FAMILY_AND_PARENTING = 'FAMILY_AND_PARENTING',
  SAFETY = 'SAFETY',
  JUSTICE = 'JUSTICE',
  LANGUAGE_AND_PARTICIPATION = 'LANGUAGE_AND_PARTICIPATION',
}

/**
 * Verwijzing / casus: anonymous by design — a dossier number, never a name, BSN or birth date.
 */
@Entity('referral')
@Check('CHK_referral_status', `status IN (${sqlValues(ReferralStatus)})`)
@Check('CHK_referral_consent_scope', `consent_scope IS NULL OR consent_scope IN (${sqlValues(ConsentScope)})`)
@Check('CHK_referral_consent_recorded', `NOT consent_given OR (consent_scope IS NOT NULL AND consent_recorded_at IS NOT NULL)`)
@Check('CHK_referral_recipient', `receiving_organisation_id IS NOT NULL OR network_id IS NOT NULL`)
@Check('CHK_referral_dossier_number', `dossier_number ~ '^[0-9]{4}-[0-9]{5,}$'`)
@Check('CHK_referral_closed', `status <> 'CLOSED' OR (closed_at IS NOT NULL AND outcome IS NOT NULL AND problem_owner_organisation_id IS NOT NULL)`)
@Check('CHK_referral_life_domains', `life_domains <@ ARRAY[${sqlValues(LifeDomain)}]::text[]`)
export class Referral extends CuratedRecord {
  @Index('UQ_referral_dossier_number', { unique: true })
  @Column({ type: 'varchar', length: 20 })
  dossierNumber: string;

  @Index('IDX_referral_area_id')
  @Column({ type: 'uuid', nullable: true })
  areaId: string | null;

  @ManyToOne(() => Area, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_id', foreignKeyConstraintName: 'FK_referral_area' })
  area?: Area | null;

  @Index('IDX_referral_referring_organisation_id')
  @Column({ type: 'uuid' })
  referringOrganisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'referring_organisation_id', foreignKeyConstraintName: 'FK_referral_referring_organisation' })
  referringOrganisation?: Organisation;

  @Index('IDX_referral_receiving_organisation_id')
  @Column({ type: 'uuid', nullable: true })
  receivingOrganisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'receiving_organisation_id', foreignKeyConstraintName: 'FK_referral_receiving_organisation' })
  receivingOrganisation?: Organisation | null;

  @Index('IDX_referral_network_id')
  @Column({ type: 'uuid', nullable: true })
  networkId: string | null;

  @ManyToOne(() => Network, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'network_id', foreignKeyConstraintName: 'FK_referral_network' })
  network?: Network | null;

  @Index('IDX_referral_service_id')
  @Column({ type: 'uuid', nullable: true })
  serviceId: string | null;

  @ManyToOne(() => Service, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'service_id', foreignKeyConstraintName: 'FK_referral_service' })
  service?: Service | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  lifeDomains: LifeDomain[];

  /** Case summary: case content, readable only by the organisations involved. */
  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Column({ type: 'boolean', default: false })
  consentGiven: boolean;

  @Column({ type: 'varchar', length: 20, nullable: true })
  consentScope: ConsentScope | null;

  @Column({ type: 'timestamptz', nullable: true })
  consentRecordedAt: Date | null;

  @Index('IDX_referral_consent_recorded_by_id')
  @Column({ type: 'uuid', nullable: true })
  consentRecordedById: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'consent_recorded_by_id', foreignKeyConstraintName: 'FK_referral_consent_recorded_by' })
  consentRecordedBy?: User | null;

  @Index('IDX_referral_status')
  @Column({ type: 'varchar', length: 20, default: ReferralStatus.SIGNALLED })
  status: ReferralStatus;

  /** Organisation that owns the problem after closure (probleemeigenaar). */
  @Index('IDX_referral_problem_owner_organisation_id')
  @Column({ type: 'uuid', nullable: true })
  problemOwnerOrganisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'problem_owner_organisation_id', foreignKeyConstraintName: 'FK_referral_problem_owner_organisation' })
  problemOwnerOrganisation?: Organisation | null;

  @Column({ type: 'text', nullable: true })
  outcome: string | null;

  @Column({ type: 'text', nullable: true })
  declineReason: string | null;

  @Index('IDX_referral_opened_at')
  @Column({ type: 'timestamptz', default: () => 'now()' })
  openedAt: Date;

  /** When the referral ended (CLOSED, DECLINED or WITHDRAWN); retention counts from here. */
  @Index('IDX_referral_closed_at')
  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}

@Entity('referral_target_group')
@Unique('UQ_referral_target_group', ['referralId', 'targetGroupId'])
export class ReferralTargetGroup extends BaseRecord {
  @Column({ type: 'uuid' })
  referralId: string;

  @ManyToOne(() => Referral, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referral_id', foreignKeyConstraintName: 'FK_referral_target_group_referral' })
  referral?: Referral;

  @Index('IDX_referral_target_group_target_group_id')
  @Column({ type: 'uuid' })
  targetGroupId: string;

  @ManyToOne(() => TargetGroup, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'target_group_id', foreignKeyConstraintName: 'FK_referral_target_group_target_group' })
  targetGroup?: TargetGroup;
}

@Entity('referral_intervention_type')
@Unique('UQ_referral_intervention_type', ['referralId', 'interventionTypeId'])
export class ReferralInterventionType extends BaseRecord {
  @Column({ type: 'uuid' })
  referralId: string;

  @ManyToOne(() => Referral, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referral_id', foreignKeyConstraintName: 'FK_referral_intervention_type_referral' })
  referral?: Referral;

  @Index('IDX_referral_intervention_type_intervention_type_id')
  @Column({ type: 'uuid' })
  interventionTypeId: string;

  @ManyToOne(() => InterventionType, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'intervention_type_id', foreignKeyConstraintName: 'FK_referral_intervention_type_intervention_type' })
  interventionType?: InterventionType;
}
