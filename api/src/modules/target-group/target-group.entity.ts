import { Field, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { ArchivableRecord, CuratedRecord } from '../../common/base.entity';
import { Indicator } from '../indicator/indicator.entity';
import { DUTCH_COLLATION } from '../../common/collation';

/** Doelgroep. `needIndicator` links the group to the key figure that measures its size. */
@ObjectType()
@Entity('target_group')
@Check('CHK_target_group_ages', `(min_age IS NULL OR min_age BETWEEN 0 AND 130) AND (max_age IS NULL OR max_age BETWEEN 0 AND 130) AND (min_age IS NULL OR max_age IS NULL OR min_age <= max_age)`)
@Index('IDX_target_group_archived_at', ['archivedAt'])
export class TargetGroup extends ArchivableRecord {
  @Field(() => String)
  @Index('UQ_target_group_code', { unique: true })
  @Column({ type: 'varchar', length: 100 })
  code: string;

  @Field(() => String)
  @Column({ type: 'varchar', length: 300, collation: DUTCH_COLLATION })
  nameNl: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 300, nullable: true })
  nameEn: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'smallint', nullable: true })
  minAge: number | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'smallint', nullable: true })
  maxAge: number | null;

  @Index('IDX_target_group_need_indicator_id')
  @Column({ type: 'uuid', nullable: true })
  needIndicatorId: string | null;

  @ManyToOne(() => Indicator, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'need_indicator_id', foreignKeyConstraintName: 'FK_target_group_need_indicator' })
  needIndicator?: Indicator | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  source: string | null;
}
