import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { sqlValues } from '../../common/sql';
import { ApiKey } from '../user/api-key.entity';
import { User } from '../user/user.entity';

export enum CuratedEntityType {
  AREA = 'AREA',
  INDICATOR = 'INDICATOR',
  KEY_FIGURE = 'KEY_FIGURE',
  INTERVENTION_TYPE = 'INTERVENTION_TYPE',
  TARGET_GROUP = 'TARGET_GROUP',
  ORGANISATION = 'ORGANISATION',
  LOCATION = 'LOCATION',
  SERVICE = 'SERVICE',
  NETWORK = 'NETWORK',
  NETWORK_MEMBER = 'NETWORK_MEMBER',
  KEY_PERSON = 'KEY_PERSON',
}

export enum ChangeAction {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  ARCHIVE = 'ARCHIVE',
  RESTORE = 'RESTORE',
  DELETE = 'DELETE',
  VERIFY = 'VERIFY',
  /** The record's personal data was erased (GDPR art. 17); the fields are in data_subject_erasure. */
  ERASE = 'ERASE',
}

registerEnumType(CuratedEntityType, { name: 'CuratedEntityType' });
registerEnumType(ChangeAction, { name: 'ChangeAction' });

/**
 * Wijzigingshistorie (HSDS "metadata"): one row per change of a curated record — who, when,
 * on whose behalf, through which channel, and every changed field before and after.
 */
@ObjectType({ description: 'One change of a curated record, with the fields before and after.' })
@Entity('change_record')
@Check('CHK_change_record_action', `action IN (${sqlValues(ChangeAction)})`)
@Check('CHK_change_record_entity_type', `entity_type IN (${sqlValues(CuratedEntityType)})`)
@Index('IDX_change_record_entity', ['entityType', 'entityId', 'occurredAt'])
export class ChangeRecord {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => Date)
  @Index('IDX_change_record_occurred_at')
  @CreateDateColumn({ type: 'timestamptz' })
  occurredAt: Date;

  @Field(() => CuratedEntityType)
  @Column({ type: 'varchar', length: 40 })
  entityType: CuratedEntityType;

  @Field(() => ID)
  @Index('IDX_change_record_entity_id')
  @Column({ type: 'uuid' })
  entityId: string;

  @Field(() => ChangeAction)
  @Column({ type: 'varchar', length: 20 })
  action: ChangeAction;

  @Index('IDX_change_record_actor_user_id')
  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_user_id', foreignKeyConstraintName: 'FK_change_record_actor_user' })
  actorUser?: User | null;

  @Index('IDX_change_record_actor_api_key_id')
  @Column({ type: 'uuid', nullable: true })
  actorApiKeyId: string | null;

  @ManyToOne(() => ApiKey, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_api_key_id', foreignKeyConstraintName: 'FK_change_record_actor_api_key' })
  actorApiKey?: ApiKey | null;

  /** Organisation on whose behalf the change was made. */
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @Field(() => String, { description: 'Channel: graphql, csv-import, hsds-import, …' })
  @Column({ type: 'varchar', length: 40, default: 'graphql' })
  via: string;

  @Field(() => GraphQLJSONObject, { description: '{ field: { before, after } } for every changed field.' })
  @Column({ type: 'jsonb', default: () => "'{}'" })
  changes: Record<string, { before: unknown; after: unknown }>;
}
