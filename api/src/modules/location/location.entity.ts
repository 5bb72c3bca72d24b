import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { ArchivableRecord, CuratedRecord } from '../../common/base.entity';
import { sqlValues } from '../../common/sql';
import { Area } from '../area/area.entity';
import { Organisation } from '../organisation/organisation.entity';
import { DUTCH_COLLATION } from '../../common/collation';

export enum LocationStatus {
  ACTIVE = 'ACTIVE',
  PLANNED = 'PLANNED',
  CLOSED = 'CLOSED',
}

registerEnumType(LocationStatus, { name: 'LocationStatus' });

/** Locatie / voorziening: a place where services are delivered (HSDS location). */
@ObjectType()
@Entity('location')
@Check('CHK_location_status', `status IN (${sqlValues(LocationStatus)})`)
@Check('CHK_location_latitude', `latitude IS NULL OR latitude BETWEEN -90 AND 90`)
@Check('CHK_location_longitude', `longitude IS NULL OR longitude BETWEEN -180 AND 180`)
@Check('CHK_location_coordinates_pair', `(latitude IS NULL) = (longitude IS NULL)`)
@Check('CHK_location_postcode', `postcode IS NULL OR postcode ~ '^[1-9][0-9]{3} ?[A-Z]{2}$'`)
@Index('IDX_location_name_id', ['name', 'id'])
@Index('IDX_location_archived_at', ['archivedAt'])
/** No two live locations of one organisation with the same name or address (curation/duplicate.service.ts); expression indexes the migration creates. */
@Index('UQ_location_live_name', { synchronize: false })
@Index('UQ_location_live_address', { synchronize: false })
export class Location extends ArchivableRecord {
  @Field(() => String)
  @Index('UQ_location_slug', { unique: true })
  @Column({ type: 'varchar', length: 150 })
  slug: string;

  @Field(() => String)
  @Column({ type: 'varchar', length: 300, collation: DUTCH_COLLATION })
  name: string;

  @Field(() => [String])
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  aliases: string[];

  /** Kind of facility as named in the source: wijkcentrum, woonzorgcentrum, informatiepunt, … */
  @Field(() => String, { nullable: true })
  @Index('IDX_location_kind')
  @Column({ type: 'varchar', length: 200, nullable: true })
  kind: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** Operating organisation, when known. */
  @Index('IDX_location_organisation_id')
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'FK_location_organisation' })
  organisation?: Organisation | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 300, nullable: true })
  address: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 7, nullable: true })
  postcode: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  city: string | null;

  @Field(() => Float, { nullable: true })
  @Column({ type: 'double precision', nullable: true })
  latitude: number | null;

  @Field(() => Float, { nullable: true })
  @Column({ type: 'double precision', nullable: true })
  longitude: number | null;

  @Index('IDX_location_area_id')
  @Column({ type: 'uuid', nullable: true })
  areaId: string | null;

  @ManyToOne(() => Area, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_id', foreignKeyConstraintName: 'FK_location_area' })
  area?: Area | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  accessibility: string | null;

  /** The source's own description of where the place is (e.g. "aan het Neptunusplein"). */
  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  locationDescription: string | null;

  @Field(() => LocationStatus)
  @Index('IDX_location_status')
  @Column({ type: 'varchar', length: 20, default: LocationStatus.ACTIVE })
  status: LocationStatus;

  @Field(() => Date, { nullable: true })
  @Index('IDX_location_last_verified_at')
  @Column({ type: 'timestamptz', nullable: true })
  lastVerifiedAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  source: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note: string | null;
}
