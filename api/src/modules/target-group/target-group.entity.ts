import { Field, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { ArchivableRecord, BaseRecord } from '../../common/base.entity';
import { Indicator } from '../indicator/indicator.entity';
import { DUTCH_COLLATION } from '../../common/collation';

/** Doelgroep. `needIndicator` links the group to the key figure that measures its size. */
@ObjectType()
@Entity('target_group')
@Check('CHK_target_group_ages', `(min_age IS NULL OR min_age BETWEEN 0 AND 130) AND (max_age IS NULL OR max_age BETWEEN 0 AND 130) AND (min_age IS NULL OR max_age IS NULL OR min_age <= max_age)`)
@Check('CHK_target_group_parent', `parent_id IS NULL OR parent_id <> id`)
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

  /** The broader group: a service for it counts for this one (target-group.rules.ts). */
  @Index('IDX_target_group_parent_id')
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => TargetGroup, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'FK_target_group_parent' })
  parent?: TargetGroup | null;
}

/** A curated "counts as" link: a service for `targetGroupId` also counts for `countsAsId` (target-group.rules.ts). */
@Entity('target_group_counts_as')
@Unique('UQ_target_group_counts_as', ['targetGroupId', 'countsAsId'])
@Check('CHK_target_group_counts_as_other', `target_group_id <> counts_as_id`)
export class TargetGroupCountsAs extends BaseRecord {
  @Column({ type: 'uuid' })
  targetGroupId: string;

  @ManyToOne(() => TargetGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'target_group_id', foreignKeyConstraintName: 'FK_target_group_counts_as_target_group' })
  targetGroup?: TargetGroup;

  @Index('IDX_target_group_counts_as_counts_as_id')
  @Column({ type: 'uuid' })
  countsAsId: string;

  @ManyToOne(() => TargetGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'counts_as_id', foreignKeyConstraintName: 'FK_target_group_counts_as_counts_as' })
  countsAs?: TargetGroup;
}
