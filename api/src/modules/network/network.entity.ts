import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { BaseRecord, ArchivableRecord, CuratedRecord } from '../../common/base.entity';
import { sqlValues } from '../../common/sql';
import { Area } from '../area/area.entity';
import { Location } from '../location/location.entity';
import { Organisation } from '../organisation/organisation.entity';
import { TargetGroup } from '../target-group/target-group.entity';
import { DUTCH_COLLATION } from '../../common/collation';

export enum NetworkKind {
  SWITCH_TEAM = 'SWITCH_TEAM',
  SIGNALLING_NETWORK = 'SIGNALLING_NETWORK',
  BROAD_NETWORK = 'BROAD_NETWORK',
  CASE_CONSULTATION = 'CASE_CONSULTATION',
  OUTREACH_TEAM = 'OUTREACH_TEAM',
  AREA_MANAGEMENT_TEAM = 'AREA_MANAGEMENT_TEAM',
  OTHER = 'OTHER',
}

registerEnumType(NetworkKind, { name: 'NetworkKind' });

/** How a switch team works (book §6.2): in the front line with residents, or as coordinators in the second line. */
export enum SwitchModel {
  FRONTLINE = 'FRONTLINE',
  SECOND_LINE = 'SECOND_LINE',
}

registerEnumType(SwitchModel, { name: 'SwitchModel' });

/**
 * The knowledge a switch team must hold (book §9.7 Praktijk 2): samenlevingsopbouw,
 * sociaal-cultureel werk, maatschappelijk werk, sociaaljuridische dienstverlening, sociale
 * huisvesting, gezondheidszorg, ouderenzorg en gehandicaptenzorg. Order as in the book.
 */
export enum KnowledgeArea {
  COMMUNITY_BUILDING = 'COMMUNITY_BUILDING',
  SOCIAL_CULTURAL_WORK = 'SOCIAL_CULTURAL_WORK',
  SOCIAL_WORK = 'SOCIAL_WORK',
  SOCIAL_LEGAL_SERVICES = 'SOCIAL_LEGAL_SERVICES',
  SOCIAL_HOUSING = 'SOCIAL_HOUSING',
  HEALTH_CARE = 'HEALTH_CARE',
  ELDERLY_CARE = 'ELDERLY_CARE',
  DISABILITY_CARE = 'DISABILITY_CARE',
}

registerEnumType(KnowledgeArea, {
  name: 'KnowledgeArea',
  description: 'A knowledge area a switch team must hold (book §9.7 Praktijk 2).',
  valuesConfig: {
    COMMUNITY_BUILDING: { description: 'Samenlevingsopbouw.' },
    SOCIAL_CULTURAL_WORK: { description: 'Sociaal-cultureel werk.' },
    SOCIAL_WORK: { description: 'Maatschappelijk werk.' },
    SOCIAL_LEGAL_SERVICES: { description: 'Sociaaljuridische dienstverlening.' },
    SOCIAL_HOUSING: { description: 'Sociale huisvesting.' },
    HEALTH_CARE: { description: 'Gezondheidszorg.' },
    ELDERLY_CARE: { description: 'Ouderenzorg.' },
    DISABILITY_CARE: { description: 'Gehandicaptenzorg.' },
  },
});

/** CHECK expression shared by network and network_member: only the eight codes (NULL: not recorded). */
export const knowledgeAreasCheck = `knowledge_areas IS NULL OR knowledge_areas <@ ARRAY[${sqlValues(KnowledgeArea)}]::text[]`;

export enum NetworkStatus {
  ACTIVE = 'ACTIVE',
  INACTIVE = 'INACTIVE',
}

registerEnumType(NetworkStatus, { name: 'NetworkStatus' });

/** Netwerk / schakelteam / overleg. */
@ObjectType()
@Entity('network')
@Check('CHK_network_kind', `kind IN (${sqlValues(NetworkKind)})`)
@Check('CHK_network_switch_model', `switch_model IS NULL OR switch_model IN (${sqlValues(SwitchModel)})`)
@Check('CHK_network_status', `status IN (${sqlValues(NetworkStatus)})`)
@Check('CHK_network_meeting_interval', `meeting_interval_weeks IS NULL OR meeting_interval_weeks BETWEEN 1 AND 104`)
@Check('CHK_network_knowledge_areas', knowledgeAreasCheck)
@Index('IDX_network_name_id', ['name', 'id'])
@Index('IDX_network_archived_at', ['archivedAt'])
export class Network extends ArchivableRecord {
  @Field(() => String)
  @Index('UQ_network_slug', { unique: true })
  @Column({ type: 'varchar', length: 150 })
  slug: string;

  @Field(() => String)
  @Column({ type: 'varchar', length: 300, collation: DUTCH_COLLATION })
  name: string;

  @Field(() => NetworkKind)
  @Index('IDX_network_kind')
  @Column({ type: 'varchar', length: 30 })
  kind: NetworkKind;

  /** The kind as the source words it (e.g. "schakelteam (frontlinie)"). */
  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 300, nullable: true })
  kindDescription: string | null;

  @Field(() => SwitchModel, { nullable: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  switchModel: SwitchModel | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  purpose: string | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'smallint', nullable: true })
  meetingIntervalWeeks: number | null;

  /** Meeting frequency in the source's words ("eenmaal per zes weken, bijeenkomst van twee uur"). */
  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  meetingFrequency: string | null;

  @Index('IDX_network_coordinator_organisation_id')
  @Column({ type: 'uuid', nullable: true })
  coordinatorOrganisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'coordinator_organisation_id', foreignKeyConstraintName: 'FK_network_coordinator_organisation' })
  coordinatorOrganisation?: Organisation | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 300, nullable: true })
  coordinatorRole: string | null;

  @Index('IDX_network_home_base_location_id')
  @Column({ type: 'uuid', nullable: true })
  homeBaseLocationId: string | null;

  @ManyToOne(() => Location, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'home_base_location_id', foreignKeyConstraintName: 'FK_network_home_base_location' })
  homeBaseLocation?: Location | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  workingMethod: string | null;

  /** Size in the source's words ("circa vijftien professionals"). */
  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  sizeDescription: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  period: string | null;

  /** The day the network started (YYYY-MM-DD); a case recorded afterwards may not start before it. */
  @Field(() => String, { nullable: true, description: 'The day the network started (YYYY-MM-DD); null: not known. A past case brought into it may not start earlier.' })
  @Column({ type: 'date', nullable: true })
  foundedOn: string | null;

  /**
   * Knowledge the source states for the team as a whole, without naming the member who holds
   * it (e.g. book §3.5). NULL: not recorded; []: recorded, none of the eight.
   */
  @Field(() => [KnowledgeArea], { nullable: true, description: 'Knowledge areas stated for the team as a whole (book §9.7 Praktijk 2); null: not recorded.' })
  @Column({ type: 'text', array: true, nullable: true })
  knowledgeAreas: KnowledgeArea[] | null;

  @Field(() => NetworkStatus)
  @Index('IDX_network_status')
  @Column({ type: 'varchar', length: 20, default: NetworkStatus.ACTIVE })
  status: NetworkStatus;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  source: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note: string | null;
}

@Entity('network_area')
@Unique('UQ_network_area', ['networkId', 'areaId'])
export class NetworkArea extends BaseRecord {
  @Column({ type: 'uuid' })
  networkId: string;

  @ManyToOne(() => Network, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'network_id', foreignKeyConstraintName: 'FK_network_area_network' })
  network?: Network;

  @Index('IDX_network_area_area_id')
  @Column({ type: 'uuid' })
  areaId: string;

  @ManyToOne(() => Area, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_id', foreignKeyConstraintName: 'FK_network_area_area' })
  area?: Area;
}

@Entity('network_target_group')
@Unique('UQ_network_target_group', ['networkId', 'targetGroupId'])
export class NetworkTargetGroup extends BaseRecord {
  @Column({ type: 'uuid' })
  networkId: string;

  @ManyToOne(() => Network, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'network_id', foreignKeyConstraintName: 'FK_network_target_group_network' })
  network?: Network;

  @Index('IDX_network_target_group_target_group_id')
  @Column({ type: 'uuid' })
  targetGroupId: string;

  @ManyToOne(() => TargetGroup, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'target_group_id', foreignKeyConstraintName: 'FK_network_target_group_target_group' })
  targetGroup?: TargetGroup;
}
