import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { ArchivableRecord, CuratedRecord } from '../../common/base.entity';
import { sqlValues } from '../../common/sql';

export enum AreaLevel {
  MUNICIPALITY = 'MUNICIPALITY',
  DISTRICT = 'DISTRICT',
  NEIGHBOURHOOD = 'NEIGHBOURHOOD',
}

registerEnumType(AreaLevel, { name: 'AreaLevel' });

/** Gebied: gemeente, wijk or buurt in the CBS hierarchy. */
@ObjectType()
@Entity('area')
@Check('CHK_area_level', `level IN (${sqlValues(AreaLevel)})`)
@Check(
  'CHK_area_code_format',
  `code IS NULL OR (level = 'MUNICIPALITY' AND code ~ '^GM[0-9]{4}$') OR (level = 'DISTRICT' AND code ~ '^WK[0-9]{6}$') OR (level = 'NEIGHBOURHOOD' AND code ~ '^BU[0-9]{8}$')`,
)
@Check('CHK_area_not_own_parent', `parent_id IS NULL OR parent_id <> id`)
@Check(
  'CHK_area_valid_years',
  `(valid_from_year IS NULL OR valid_from_year BETWEEN 1800 AND 2200) AND (valid_to_year IS NULL OR valid_to_year BETWEEN 1800 AND 2200) AND (valid_from_year IS NULL OR valid_to_year IS NULL OR valid_from_year <= valid_to_year)`,
)
@Index('IDX_area_archived_at', ['archivedAt'])
export class Area extends ArchivableRecord {
  /** CBS code (GM0307, WK030701, BU03070101); optional, unique when present. */
  @Field(() => String, { nullable: true })
  @Index('UQ_area_code', { unique: true })
  @Column({ type: 'varchar', length: 10, nullable: true })
  code: string | null;

  /** Stable human-readable key (e.g. `randenbroek-schuilenburg`), used by imports and URLs. */
  @Field(() => String)
  @Index('UQ_area_slug', { unique: true })
  @Column({ type: 'varchar', length: 100 })
  slug: string;

  @Field(() => String)
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => AreaLevel)
  @Index('IDX_area_level')
  @Column({ type: 'varchar', length: 20 })
  level: AreaLevel;

  @Index('IDX_area_parent_id')
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => Area, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'FK_area_parent' })
  parent?: Area | null;

  @Field(() => [String])
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  alternativeNames: string[];

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** Boundary as a GeoJSON geometry (Polygon or MultiPolygon), optional. */
  @Field(() => GraphQLJSONObject, { nullable: true })
  @Column({ type: 'jsonb', nullable: true })
  boundary: Record<string, unknown> | null;

  /** Free text for the wijkkaart, section 1.1 "Geschiedenis van de wijk" (book §6.3). */
  @Field(() => String, { nullable: true, description: 'History of the area (wijkkaart 1.1, book §6.3).' })
  @Column({ type: 'text', nullable: true })
  history: string | null;

  /** Free text for the wijkkaart, section 1.2 "Toekomstplannen met betrekking tot de wijk" (book §6.3). */
  @Field(() => String, { nullable: true, description: 'Future plans for the area (wijkkaart 1.2, book §6.3).' })
  @Column({ type: 'text', nullable: true })
  futurePlans: string | null;

  /**
   * First year the area (its CBS code) is in CBS's division of the municipality; null: not known
   * or always. Key figures of a year belong to the area valid that year (area.rules.ts).
   */
  @Field(() => Int, { nullable: true, description: 'First year this area (its CBS code) is in the CBS division; null when not known.' })
  @Column({ type: 'smallint', nullable: true })
  validFromYear: number | null;

  /** Last year the area is in CBS's division; null: still current. */
  @Field(() => Int, { nullable: true, description: 'Last year this area is in the CBS division; null while it is current.' })
  @Column({ type: 'smallint', nullable: true })
  validToYear: number | null;

  /** Where the record comes from (e.g. a section of the source book). */
  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  source: string | null;
}
