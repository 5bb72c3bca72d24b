import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { BaseRecord, ArchivableRecord, CuratedRecord } from '../../common/base.entity';
import { sqlValues } from '../../common/sql';
import { Area } from '../area/area.entity';
import { InterventionType } from '../intervention-type/intervention-type.entity';
import { Location } from '../location/location.entity';
import { Organisation } from '../organisation/organisation.entity';
import { TargetGroup } from '../target-group/target-group.entity';
import { DUTCH_COLLATION } from '../../common/collation';

export enum ServiceStatus {
  ACTIVE = 'ACTIVE',
  INACTIVE = 'INACTIVE',
  DEFUNCT = 'DEFUNCT',
  TEMPORARILY_CLOSED = 'TEMPORARILY_CLOSED',
}

registerEnumType(ServiceStatus, { name: 'ServiceStatus' });

/** Dienst / project / activiteit (HSDS service). */
@ObjectType()
@Entity('service')
@Check('CHK_service_status', `status IN (${sqlValues(ServiceStatus)})`)
@Check('CHK_service_ages', `(min_age IS NULL OR min_age BETWEEN 0 AND 130) AND (max_age IS NULL OR max_age BETWEEN 0 AND 130) AND (min_age IS NULL OR max_age IS NULL OR min_age <= max_age)`)
@Check('CHK_service_validity', `valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to`)
@Index('IDX_service_name_id', ['name', 'id'])
/** Dutch full-text search index on `searchVectorSql.service`; created by the migration, not by TypeORM. */
@Index('IDX_service_search', { synchronize: false })
@Index('IDX_service_archived_at', ['archivedAt'])
/** No two live services of one organisation with the same name (curation/duplicate.service.ts); an expression index the migration creates. */
@Index('UQ_service_live_name', { synchronize: false })
export class Service extends ArchivableRecord {
  @Field(() => String)
  @Index('UQ_service_slug', { unique: true })
  @Column({ type: 'varchar', length: 150 })
  slug: string;

  /** Providing organisation; null where the source names none. */
  @Index('IDX_service_organisation_id')
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'FK_service_organisation' })
  organisation?: Organisation | null;

  @Field(() => String)
  @Column({ type: 'varchar', length: 300, collation: DUTCH_COLLATION })
  name: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 50, nullable: true })
  abbreviation: string | null;

  @Field(() => [String])
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  aliases: string[];

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** Who the service is for, in words. */
  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  eligibility: string | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'smallint', nullable: true })
  minAge: number | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'smallint', nullable: true })
  maxAge: number | null;

  @Field(() => Boolean, { nullable: true })
  @Column({ type: 'boolean', nullable: true })
  requiresIndication: boolean | null;

  @Field(() => Boolean, { nullable: true })
  @Column({ type: 'boolean', nullable: true })
  worksWithoutIndication: boolean | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  cost: string | null;

  @Field(() => [String])
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  languages: string[];

  /** The service's own web page and e-mail (HSDS service.url / email; the organisation has its own). */
  @Field(() => String, { nullable: true, description: "The service's own web page (the organisation has its own website)." })
  @Column({ type: 'varchar', length: 500, nullable: true })
  url: string | null;

  @Field(() => String, { nullable: true, description: "The service's own e-mail address." })
  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Field(() => ServiceStatus)
  @Index('IDX_service_status')
  @Column({ type: 'varchar', length: 30, default: ServiceStatus.ACTIVE })
  status: ServiceStatus;

  @Field(() => String, { nullable: true })
  @Column({ type: 'date', nullable: true })
  validFrom: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'date', nullable: true })
  validTo: string | null;

  /** The period as the source words it, where no dates are given. */
  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  periodDescription: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  funding: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  frequency: string | null;

  /** Results reported by the source. */
  @Field(() => [String])
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  results: string[];

  @Field(() => Date, { nullable: true })
  @Index('IDX_service_last_verified_at')
  @Column({ type: 'timestamptz', nullable: true })
  lastVerifiedAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  source: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note: string | null;
}

/** Partner organisations of a service (samenwerkingspartners). */
@Entity('service_partner')
@Unique('UQ_service_partner', ['serviceId', 'organisationId'])
export class ServicePartner extends BaseRecord {
  @Column({ type: 'uuid' })
  serviceId: string;

  @ManyToOne(() => Service, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'service_id', foreignKeyConstraintName: 'FK_service_partner_service' })
  service?: Service;

  @Index('IDX_service_partner_organisation_id')
  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'FK_service_partner_organisation' })
  organisation?: Organisation;
}

@Entity('service_target_group')
@Unique('UQ_service_target_group', ['serviceId', 'targetGroupId'])
export class ServiceTargetGroup extends BaseRecord {
  @Column({ type: 'uuid' })
  serviceId: string;

  @ManyToOne(() => Service, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'service_id', foreignKeyConstraintName: 'FK_service_target_group_service' })
  service?: Service;

  @Index('IDX_service_target_group_target_group_id')
  @Column({ type: 'uuid' })
  targetGroupId: string;

  @ManyToOne(() => TargetGroup, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'target_group_id', foreignKeyConstraintName: 'FK_service_target_group_target_group' })
  targetGroup?: TargetGroup;
}

@Entity('service_intervention_type')
@Unique('UQ_service_intervention_type', ['serviceId', 'interventionTypeId'])
export class ServiceInterventionType extends BaseRecord {
  @Column({ type: 'uuid' })
  serviceId: string;

  @ManyToOne(() => Service, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'service_id', foreignKeyConstraintName: 'FK_service_intervention_type_service' })
  service?: Service;

  @Index('IDX_service_intervention_type_intervention_type_id')
  @Column({ type: 'uuid' })
  interventionTypeId: string;

  @ManyToOne(() => InterventionType, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'intervention_type_id', foreignKeyConstraintName: 'FK_service_intervention_type_intervention_type' })
  interventionType?: InterventionType;
}

/** Areas served (werkgebied); a service that serves a district serves its neighbourhoods. */
@Entity('service_area')
@Unique('UQ_service_area', ['serviceId', 'areaId'])
export class ServiceArea extends BaseRecord {
  @Column({ type: 'uuid' })
  serviceId: string;

  @ManyToOne(() => Service, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'service_id', foreignKeyConstraintName: 'FK_service_area_service' })
  service?: Service;

  @Index('IDX_service_area_area_id')
  @Column({ type: 'uuid' })
  areaId: string;

  @ManyToOne(() => Area, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_id', foreignKeyConstraintName: 'FK_service_area_area' })
  area?: Area;
}

/** Where a service is delivered (HSDS service_at_location). */
@Entity('service_location')
@Unique('UQ_service_location', ['serviceId', 'locationId'])
export class ServiceLocation extends BaseRecord {
  @Column({ type: 'uuid' })
  serviceId: string;

  @ManyToOne(() => Service, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'service_id', foreignKeyConstraintName: 'FK_service_location_service' })
  service?: Service;

  @Index('IDX_service_location_location_id')
  @Column({ type: 'uuid' })
  locationId: string;

  @ManyToOne(() => Location, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'location_id', foreignKeyConstraintName: 'FK_service_location_location' })
  location?: Location;

  @Column({ type: 'text', nullable: true })
  description: string | null;
}
