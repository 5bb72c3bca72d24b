import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { BaseRecord, ArchivableRecord, CuratedRecord } from '../../common/base.entity';
import { sqlValues } from '../../common/sql';
import { Area } from '../area/area.entity';
import { DUTCH_COLLATION } from '../../common/collation';

export enum Sector {
  WELFARE = 'WELFARE',
  MENTAL_HEALTH_CARE = 'MENTAL_HEALTH_CARE',
  DISABILITY_CARE = 'DISABILITY_CARE',
  ELDERLY_CARE = 'ELDERLY_CARE',
  HOME_CARE = 'HOME_CARE',
  PRIMARY_CARE = 'PRIMARY_CARE',
  VOLUNTEER = 'VOLUNTEER',
  HOUSING = 'HOUSING',
  POLICE_SAFETY = 'POLICE_SAFETY',
  EDUCATION = 'EDUCATION',
  MUNICIPALITY = 'MUNICIPALITY',
  CHURCH_MOSQUE = 'CHURCH_MOSQUE',
  WORK_INCOME = 'WORK_INCOME',
  KNOWLEDGE_INSTITUTE = 'KNOWLEDGE_INSTITUTE',
  OTHER = 'OTHER',
}

registerEnumType(Sector, { name: 'Sector' });

export enum OrganisationScope {
  LOCAL = 'LOCAL',
  REGIONAL = 'REGIONAL',
  NATIONAL = 'NATIONAL',
}

registerEnumType(OrganisationScope, { name: 'OrganisationScope' });

export enum OrganisationStatus {
  ACTIVE = 'ACTIVE',
  INACTIVE = 'INACTIVE',
  DEFUNCT = 'DEFUNCT',
}

registerEnumType(OrganisationStatus, { name: 'OrganisationStatus' });

/** Organisatie (HSDS organization). */
/**
 * The Organisation fields that are plain columns with the type's own rule (@PublicMap), for the
 * compiled reads (common/compiled-read.ts: organisation.compiled.ts, and the service's
 * `organisation` in service.compiled.ts). Date and JSON fields are left out: their GraphQL
 * serialisation is not the JSON PostgreSQL writes.
 */
export const ORGANISATION_COMPILED_SCALARS = ['id', 'slug', 'name', 'abbreviation', 'aliases', 'description', 'sector', 'secondarySector', 'subsector', 'fundingStreams', 'scope', 'worksWithoutIndication', 'generic', 'website', 'email', 'phone', 'status', 'source', 'note', 'version'] as const;

@ObjectType()
@Entity('organisation')
@Check('CHK_organisation_sector', `sector IN (${sqlValues(Sector)})`)
@Check('CHK_organisation_secondary_sector', `secondary_sector IS NULL OR secondary_sector IN (${sqlValues(Sector)})`)
@Check('CHK_organisation_scope', `scope IS NULL OR scope IN (${sqlValues(OrganisationScope)})`)
@Check('CHK_organisation_status', `status IN (${sqlValues(OrganisationStatus)})`)
@Check('CHK_organisation_not_own_parent', `parent_id IS NULL OR parent_id <> id`)
@Index('IDX_organisation_name_id', ['name', 'id'])
/** Dutch full-text search index on `searchVectorSql.organisation`; created by the migration, not by TypeORM. */
@Index('IDX_organisation_search', { synchronize: false })
@Index('IDX_organisation_archived_at', ['archivedAt'])
/** No two live organisations with the same name (curation/duplicate.service.ts); an expression index the migration creates. */
@Index('UQ_organisation_live_name', { synchronize: false })
@Check('CHK_organisation_merged_archived', `merged_into_id IS NULL OR (archived_at IS NOT NULL AND merged_into_id <> id)`)
export class Organisation extends ArchivableRecord {
  @Field(() => String)
  @Index('UQ_organisation_slug', { unique: true })
  @Column({ type: 'varchar', length: 150 })
  slug: string;

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

  @Field(() => Sector)
  @Index('IDX_organisation_sector')
  @Column({ type: 'varchar', length: 30 })
  sector: Sector;

  @Field(() => Sector, { nullable: true })
  @Column({ type: 'varchar', length: 30, nullable: true })
  secondarySector: Sector | null;

  /** Finer label within the sector, as the source gives it. */
  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 200, nullable: true })
  subsector: string | null;

  /** Funding streams (Wmo, Wlz, Zvw, Jeugdwet, …). */
  @Field(() => [String])
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  fundingStreams: string[];

  @Field(() => OrganisationScope, { nullable: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  scope: OrganisationScope | null;

  /** True when people can get help here without a formal needs assessment (indicatie). */
  @Field(() => Boolean, { nullable: true })
  @Column({ type: 'boolean', nullable: true })
  worksWithoutIndication: boolean | null;

  /** A generic kind of organisation ("huisartsen", "woningcorporaties") rather than one body. */
  @Field(() => Boolean)
  @Column({ type: 'boolean', default: false })
  generic: boolean;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 500, nullable: true })
  website: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 50, nullable: true })
  phone: string | null;

  @Index('IDX_organisation_parent_id')
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'FK_organisation_parent' })
  parent?: Organisation | null;

  @Field(() => ID, { nullable: true, description: 'The organisation this one was merged into (mergeOrganisations); it is archived then.' })
  @Index('IDX_organisation_merged_into_id')
  @Column({ type: 'uuid', nullable: true })
  mergedIntoId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'merged_into_id', foreignKeyConstraintName: 'FK_organisation_merged_into' })
  mergedInto?: Organisation | null;

  @Field(() => OrganisationStatus)
  @Index('IDX_organisation_status')
  @Column({ type: 'varchar', length: 20, default: OrganisationStatus.ACTIVE })
  status: OrganisationStatus;

  @Field(() => Date, { nullable: true })
  @Index('IDX_organisation_last_verified_at')
  @Column({ type: 'timestamptz', nullable: true })
  lastVerifiedAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  source: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note: string | null;
}

/** Areas an organisation is active in (werkgebied). */
@Entity('organisation_area')
@Unique('UQ_organisation_area', ['organisationId', 'areaId'])
export class OrganisationArea extends BaseRecord {
  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'FK_organisation_area_organisation' })
  organisation?: Organisation;

  @Index('IDX_organisation_area_area_id')
  @Column({ type: 'uuid' })
  areaId: string;

  @ManyToOne(() => Area, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_id', foreignKeyConstraintName: 'FK_organisation_area_area' })
  area?: Area;
}
