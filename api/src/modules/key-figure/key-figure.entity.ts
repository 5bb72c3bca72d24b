import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { CuratedRecord } from '../../common/base.entity';
import { numericTransformer } from '../../common/sql';
import { Area } from '../area/area.entity';
import { Indicator, IndicatorUnit } from '../indicator/indicator.entity';

/**
 * Kerncijfer: one value of one indicator for one area, year and source (long format).
 * The indicator's unit is carried along through a composite foreign key so that
 * PostgreSQL itself can enforce unit-specific ranges (percentages 0–100, ratings 1–10).
 */
@ObjectType()
@Entity('key_figure')
@Unique('UQ_key_figure_area_indicator_year_source', ['areaId', 'indicatorId', 'year', 'source'])
@Check('CHK_key_figure_year', `year IS NULL OR year BETWEEN 1800 AND 2200`)
@Check('CHK_key_figure_percent', `indicator_unit <> 'PERCENT' OR value BETWEEN 0 AND 100`)
@Check('CHK_key_figure_rating', `indicator_unit <> 'RATING_10' OR value BETWEEN 1 AND 10`)
@Check('CHK_key_figure_non_negative', `indicator_unit NOT IN ('COUNT', 'EUR') OR value >= 0`)
export class KeyFigure extends CuratedRecord {
  @Index('IDX_key_figure_area_id')
  @Column({ type: 'uuid' })
  areaId: string;

  @ManyToOne(() => Area, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_id', foreignKeyConstraintName: 'FK_key_figure_area' })
  area?: Area;

  @Index('IDX_key_figure_indicator_id')
  @Column({ type: 'uuid' })
  indicatorId: string;

  @Column({ type: 'varchar', length: 20 })
  indicatorUnit: IndicatorUnit;

  @ManyToOne(() => Indicator, { onDelete: 'RESTRICT', onUpdate: 'CASCADE' })
  @JoinColumn([
    { name: 'indicator_id', referencedColumnName: 'id', foreignKeyConstraintName: 'FK_key_figure_indicator' },
    { name: 'indicator_unit', referencedColumnName: 'unit' },
  ])
  indicator?: Indicator;

  /** Year the figure applies to; null where the source gives no year. */
  @Field(() => Int, { nullable: true })
  @Index('IDX_key_figure_year')
  @Column({ type: 'smallint', nullable: true })
  year: number | null;

  @Field(() => Float)
  @Column({ type: 'numeric', precision: 14, scale: 3, transformer: numericTransformer })
  value: number;

  /** Source of the figure, e.g. "gemeente Amersfoort; Feiten en Cijfers 2009 (boek §3.1)". */
  @Field(() => String)
  @Column({ type: 'varchar', length: 300 })
  source: string;

  /** Computed by Schakel from other published figures (a share from two counts), not published as such. */
  @Field(() => Boolean, { description: 'Computed from other published figures (e.g. a share from two counts), not published as such.' })
  @Column({ type: 'boolean', default: false })
  derived: boolean;

  /** Doubts about the figure, kept from the source. */
  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note: string | null;
}
