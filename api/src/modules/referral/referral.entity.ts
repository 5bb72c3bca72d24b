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

/**
 * Whom a consent lets read the identifying details: the organisation holding the case
 * (RECEIVER: the receiving organisation, or the network member that took it up), the core
 * members of the case's network (NETWORK), or one named organisation (ORGANISATION).
 */
export enum ConsentScope {
  RECEIVER = 'RECEIVER',
  NETWORK = 'NETWORK',
  ORGANISATION = 'ORGANISATION',
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
 * Verwijzing / casus, in two layers (§4.5): the anonymous case — dossier number, area, target
 * groups, life domains, what is asked (`summary`), status, actions; never a name, birth date,
 * address, phone, e-mail or BSN (identity.rules.ts refuses them in its free text) — and the
 * identifying details (`identifyingDetails`), read only by the organisations the person
 * consented to (`referral_consent`).
 */
@Entity('referral')
@Check('CHK_referral_status', `status IN (${sqlValues(ReferralStatus)})`)
@Check('CHK_referral_look_again', `look_again_on IS NULL OR stay_alert`)
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

  /** Identifying details (who the person is, contact, circumstances that identify): only for organisations with consent. */
  @Column({ type: 'text', nullable: true })
  identifyingDetails: string | null;

  /** The organisation that took the case up (accepting it) and holds it until it hands it over. */
  @Index('IDX_referral_holder_organisation_id')
  @Column({ type: 'uuid', nullable: true })
  holderOrganisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'holder_organisation_id', foreignKeyConstraintName: 'FK_referral_holder_organisation' })
  holderOrganisation?: Organisation | null;

  /** The person who took it up (null when taken up through an API key, or after a handover until someone takes it). */
  @Index('IDX_referral_holder_user_id')
  @Column({ type: 'uuid', nullable: true })
  holderUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'holder_user_id', foreignKeyConstraintName: 'FK_referral_holder_user' })
  holderUser?: User | null;

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

  /** Step 5: is it needed to stay alert (§3.7)? Null until closed. */
  @Column({ type: 'boolean', nullable: true })
  stayAlert: boolean | null;

  /** Step 5: when to look at the case again (with stayAlert); the network agenda lists it from then. */
  @Index('IDX_referral_look_again_on')
  @Column({ type: 'date', nullable: true })
  lookAgainOn: string | null;

  /** Step 5: what we learned as professionals. */
  @Column({ type: 'text', nullable: true })
  lessonsLearned: string | null;

  /** The case started before it was entered: its start and earlier steps carry the dates they really happened. */
  @Column({ type: 'boolean', default: false })
  recordedAfterwards: boolean;

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
