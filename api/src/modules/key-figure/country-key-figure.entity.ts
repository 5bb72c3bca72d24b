import { Check, Column, Entity, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { BaseRecord } from '../../common/base.entity';
import { numericTransformer } from '../../common/sql';
import { Indicator } from '../indicator/indicator.entity';

/**
 * A figure of the whole country (CBS's row `NL00 Nederland`), for comparing an area with the
 * Netherlands beside its own municipality. Not an area's figure and not curated: what the source
 * says, written only by the CBS import (admins) and replaced by the next import of the same source.
 */
@Entity('country_key_figure')
@Unique('UQ_country_key_figure_indicator_year_source', ['indicatorId', 'year', 'source'])
@Check('CHK_country_key_figure_year', `year BETWEEN 1800 AND 2200`)
export class CountryKeyFigure extends BaseRecord {
  @Column({ type: 'uuid' })
  indicatorId: string;

  @ManyToOne(() => Indicator, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'indicator_id', foreignKeyConstraintName: 'FK_country_key_figure_indicator' })
  indicator?: Indicator;

  @Column({ type: 'smallint' })
  year: number;

  @Column({ type: 'numeric', precision: 14, scale: 3, transformer: numericTransformer })
  value: number;

  @Column({ type: 'varchar', length: 300 })
  source: string;

  /** Computed by Schakel from two of the country's counts (a share), as for areas. */
  @Column({ type: 'boolean', default: false })
  derived: boolean;
}
