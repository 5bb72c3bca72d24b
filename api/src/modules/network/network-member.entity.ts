import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CuratedRecord } from '../../common/base.entity';
import { numericTransformer, sqlValues } from '../../common/sql';
import { KeyPerson } from '../key-person/key-person.entity';
import { Organisation } from '../organisation/organisation.entity';
import { KnowledgeArea, Network, knowledgeAreasCheck } from './network.entity';

/** Kernpartner attends the meetings; schilpartner is consulted on call (book §4.4). */
export enum MemberTier {
  CORE = 'CORE',
  SHELL = 'SHELL',
}

registerEnumType(MemberTier, { name: 'MemberTier' });

export enum MemberContribution {
  SIGNALLING = 'SIGNALLING',
  HELPING = 'HELPING',
  BOTH = 'BOTH',
}

registerEnumType(MemberContribution, { name: 'MemberContribution' });

/** Netwerklid: an organisation (and optionally a key person) taking part in a network. */
@ObjectType()
@Entity('network_member')
@Check('CHK_network_member_tier', `tier IS NULL OR tier IN (${sqlValues(MemberTier)})`)
@Check('CHK_network_member_contribution', `contribution IS NULL OR contribution IN (${sqlValues(MemberContribution)})`)
@Check('CHK_network_member_fte', `fte IS NULL OR fte >= 0`)
@Check('CHK_network_member_hours', `hours_per_week IS NULL OR hours_per_week BETWEEN 0 AND 168`)
@Check('CHK_network_member_period', `left_on IS NULL OR joined_on IS NULL OR joined_on <= left_on`)
@Check('CHK_network_member_knowledge_areas', knowledgeAreasCheck)
@Check('CHK_network_member_who', `organisation_id IS NOT NULL OR key_person_id IS NOT NULL OR organisation_name IS NOT NULL`)
export class NetworkMember extends CuratedRecord {
  @Index('IDX_network_member_network_id')
  @Column({ type: 'uuid' })
  networkId: string;

  @ManyToOne(() => Network, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'network_id', foreignKeyConstraintName: 'FK_network_member_network' })
  network?: Network;

  @Index('IDX_network_member_organisation_id')
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'FK_network_member_organisation' })
  organisation?: Organisation | null;

  /** How the source names the member (a department, or a party not in the organisation list). */
  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 300, nullable: true })
  organisationName: string | null;

  @Index('IDX_network_member_key_person_id')
  @Column({ type: 'uuid', nullable: true })
  keyPersonId: string | null;

  @ManyToOne(() => KeyPerson, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'key_person_id', foreignKeyConstraintName: 'FK_network_member_key_person' })
  keyPerson?: KeyPerson | null;

  /** Role of the member in the network (e.g. "opbouwwerker", "wijkverpleegkundige"). */
  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 300, nullable: true })
  role: string | null;

  @Field(() => MemberTier, { nullable: true })
  @Index('IDX_network_member_tier')
  @Column({ type: 'varchar', length: 10, nullable: true })
  tier: MemberTier | null;

  @Field(() => MemberContribution, { nullable: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  contribution: MemberContribution | null;

  @Field(() => Float, { nullable: true })
  @Column({ type: 'numeric', precision: 4, scale: 2, nullable: true, transformer: numericTransformer })
  fte: number | null;

  @Field(() => Float, { nullable: true })
  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true, transformer: numericTransformer })
  hoursPerWeek: number | null;

  /** The knowledge areas this member brings to the team (book §9.7 Praktijk 2). NULL: not recorded; []: none of the eight. */
  @Field(() => [KnowledgeArea], { nullable: true, description: 'Knowledge areas the member brings (book §9.7 Praktijk 2); null: not recorded.' })
  @Column({ type: 'text', array: true, nullable: true })
  knowledgeAreas: KnowledgeArea[] | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'date', nullable: true })
  joinedOn: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'date', nullable: true })
  leftOn: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  source: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note: string | null;
}
