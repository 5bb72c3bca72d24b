import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { ArchivableRecord, CuratedRecord } from '../../common/base.entity';
import { sqlValues } from '../../common/sql';
import { BasicFunction } from './basic-function.entity';
import { DUTCH_COLLATION } from '../../common/collation';

/** The book's grouping of ways of working (§7.1 A–D, §3.5). */
export enum InterventionCategory {
  SIGNALLING = 'SIGNALLING',
  FACILITATING = 'FACILITATING',
  INTERVENING = 'INTERVENING',
  ORGANISING = 'ORGANISING',
  CONNECTING = 'CONNECTING',
  KNOWLEDGE_MANAGEMENT = 'KNOWLEDGE_MANAGEMENT',
}

registerEnumType(InterventionCategory, { name: 'InterventionCategory' });

/** Interventietype: an intervention or named method from the catalogue. */
@ObjectType()
@Entity('intervention_type')
@Check('CHK_intervention_type_category', `category IS NULL OR category IN (${sqlValues(InterventionCategory)})`)
@Check('CHK_intervention_type_not_own_parent', `parent_id IS NULL OR parent_id <> id`)
@Index('IDX_intervention_type_archived_at', ['archivedAt'])
export class InterventionType extends ArchivableRecord {
  @Field(() => String)
  @Index('UQ_intervention_type_code', { unique: true })
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

  @Index('IDX_intervention_type_basic_function_id')
  @Column({ type: 'uuid', nullable: true })
  basicFunctionId: string | null;

  @ManyToOne(() => BasicFunction, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'basic_function_id', foreignKeyConstraintName: 'FK_intervention_type_basic_function' })
  basicFunction?: BasicFunction | null;

  @Index('IDX_intervention_type_secondary_basic_function_id')
  @Column({ type: 'uuid', nullable: true })
  secondaryBasicFunctionId: string | null;

  @ManyToOne(() => BasicFunction, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'secondary_basic_function_id', foreignKeyConstraintName: 'FK_intervention_type_secondary_basic_function' })
  secondaryBasicFunction?: BasicFunction | null;

  @Field(() => InterventionCategory, { nullable: true })
  @Index('IDX_intervention_type_category')
  @Column({ type: 'varchar', length: 30, nullable: true })
  category: InterventionCategory | null;

  @Index('IDX_intervention_type_parent_id')
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => InterventionType, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'FK_intervention_type_parent' })
  parent?: InterventionType | null;

  /** Named in the book's list "Voorbeelden van interventies" (§3.5). */
  @Field(() => Boolean)
  @Column({ type: 'boolean', default: false })
  listedInBookExamples: boolean;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  source: string | null;
}
