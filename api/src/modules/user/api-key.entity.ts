import { Field, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord } from '../../common/base.entity';
import { ApiKeyScope } from '../../auth/roles';
import { sqlValues } from '../../common/sql';
import { Organisation } from '../organisation/organisation.entity';
import { User } from './user.entity';

// The scope vocabulary is the kernel's (auth/roles.ts); re-exported beside the entity that stores it.
export { ApiKeyScope };

/** API key of a partner organisation's system. Only a hash is stored; the key is shown once. */
@ObjectType({ description: 'An API key of an organisation system. The key itself is shown once, at creation.' })
@Entity('api_key')
@Check('CHK_api_key_scopes', `cardinality(scopes) > 0 AND scopes <@ ARRAY[${sqlValues(ApiKeyScope)}]::text[]`)
export class ApiKey extends BaseRecord {
  @Index('IDX_api_key_organisation_id')
  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'FK_api_key_organisation' })
  organisation?: Organisation;

  @Field(() => String)
  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Public, non-secret prefix shown in lists to recognise the key. */
  @Field(() => String)
  @Index('UQ_api_key_prefix', { unique: true })
  @Column({ type: 'varchar', length: 20 })
  prefix: string;

  /** SHA-256 of the secret part (hex). */
  @Index('UQ_api_key_key_hash', { unique: true })
  @Column({ type: 'char', length: 64 })
  keyHash: string;

  @Field(() => [ApiKeyScope])
  @Column({ type: 'text', array: true })
  scopes: ApiKeyScope[];

  @Index('IDX_api_key_created_by_id')
  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'FK_api_key_created_by' })
  createdBy?: User | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;
}
