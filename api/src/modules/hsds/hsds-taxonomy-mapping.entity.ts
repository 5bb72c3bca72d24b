import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { BaseRecord } from '../../common/base.entity';
import { InterventionType } from '../intervention-type/intervention-type.entity';
import { TargetGroup } from '../target-group/target-group.entity';

/** A foreign taxonomy's term and the one target group or intervention type it stands for (migration 1766200000001, hsds.taxonomy-mapping.ts). */
@Entity('taxonomy_mapping')
@Unique('UQ_taxonomy_mapping', ['taxonomy', 'term'])
@Check('CHK_taxonomy_mapping_target', `num_nonnulls(target_group_id, intervention_type_id) = 1`)
@Check('CHK_taxonomy_mapping_normalised', `taxonomy = lower(btrim(taxonomy)) AND term = lower(btrim(term)) AND taxonomy <> '' AND term <> ''`)
export class TaxonomyMapping extends BaseRecord {
  /** The foreign taxonomy's name or id, trimmed and lower-cased. */
  @Column({ type: 'varchar', length: 300 })
  taxonomy: string;

  /** The term's code or id, trimmed and lower-cased. */
  @Column({ type: 'varchar', length: 300 })
  term: string;

  @Index('IDX_taxonomy_mapping_target_group_id')
  @Column({ type: 'uuid', nullable: true })
  targetGroupId: string | null;

  @ManyToOne(() => TargetGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'target_group_id', foreignKeyConstraintName: 'FK_taxonomy_mapping_target_group' })
  targetGroup?: TargetGroup | null;

  @Index('IDX_taxonomy_mapping_intervention_type_id')
  @Column({ type: 'uuid', nullable: true })
  interventionTypeId: string | null;

  @ManyToOne(() => InterventionType, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'intervention_type_id', foreignKeyConstraintName: 'FK_taxonomy_mapping_intervention_type' })
  interventionType?: InterventionType | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}
