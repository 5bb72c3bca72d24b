import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { sqlValues } from '../../common/sql';
import { Area } from '../area/area.entity';
import { Indicator } from '../indicator/indicator.entity';

/** Why a source gives no value (CBS's statistical symbols). */
export enum MissingReason {
  /** `.` — the figure is unknown, insufficiently reliable or not (yet) available. */
  UNKNOWN = 'UNKNOWN',
  /** `x` — secret: withheld to protect individuals or businesses. */
  SECRET = 'SECRET',
  /** `-` — nil: the phenomenon does not occur. */
  NIL = 'NIL',
}

registerEnumType(MissingReason, { name: 'MissingReason', description: "Why a source publishes no value: CBS's '.' (unknown), 'x' (secret), '-' (nil)." });

/**
 * A figure a source publishes without a value: the place of a key figure (area, indicator, year,
 * source) with the meaning of the symbol printed there. Not a curated record: it is what the
 * source says, replaced by the next import of the same source.
 */
@ObjectType({ description: 'A figure a source published without a value, with the meaning of its symbol.' })
@Entity('key_figure_missing')
@Unique('UQ_key_figure_missing_area_indicator_year_source', ['areaId', 'indicatorId', 'year', 'source'])
@Check('CHK_key_figure_missing_reason', `reason IN (${sqlValues(MissingReason)})`)
@Check('CHK_key_figure_missing_year', `year BETWEEN 1800 AND 2200`)
export class KeyFigureMissing {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Index('IDX_key_figure_missing_area_id')
  @Column({ type: 'uuid' })
  areaId: string;

  @ManyToOne(() => Area, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_id', foreignKeyConstraintName: 'FK_key_figure_missing_area' })
  area?: Area;

  @Index('IDX_key_figure_missing_indicator_id')
  @Column({ type: 'uuid' })
  indicatorId: string;

  @ManyToOne(() => Indicator, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'indicator_id', foreignKeyConstraintName: 'FK_key_figure_missing_indicator' })
  indicator?: Indicator;

  @Field(() => Int)
  @Column({ type: 'smallint' })
  year: number;

  @Field(() => String)
  @Column({ type: 'varchar', length: 300 })
  source: string;

  @Field(() => MissingReason)
  @Column({ type: 'varchar', length: 10 })
  reason: MissingReason;
}
