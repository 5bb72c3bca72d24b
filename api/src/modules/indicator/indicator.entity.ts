import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, Entity, Index, Unique } from 'typeorm';
import { ArchivableRecord, CuratedRecord } from '../../common/base.entity';
import { sqlValues } from '../../common/sql';

export enum IndicatorUnit {
  COUNT = 'COUNT',
  PERCENT = 'PERCENT',
  EUR = 'EUR',
  RATING_10 = 'RATING_10',
  NUMBER = 'NUMBER',
}

registerEnumType(IndicatorUnit, { name: 'IndicatorUnit' });

/** Indicator (kerncijfer-definitie): what a key figure measures. */
@ObjectType()
@Entity('indicator')
@Check('CHK_indicator_unit', `unit IN (${sqlValues(IndicatorUnit)})`)
@Unique('UQ_indicator_id_unit', ['id', 'unit'])
@Index('IDX_indicator_archived_at', ['archivedAt'])
export class Indicator extends ArchivableRecord {
  @Field(() => String)
  @Index('UQ_indicator_code', { unique: true })
  @Column({ type: 'varchar', length: 100 })
  code: string;

  @Field(() => String)
  @Column({ type: 'varchar', length: 300 })
  nameNl: string;

  @Field(() => String)
  @Column({ type: 'varchar', length: 300 })
  nameEn: string;

  @Field(() => IndicatorUnit)
  @Column({ type: 'varchar', length: 20 })
  unit: IndicatorUnit;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;
}
