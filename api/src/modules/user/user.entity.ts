import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { BaseRecord, CuratedRecord } from '../../common/base.entity';
import { UserRole } from '../../auth/roles';
import { sqlValues } from '../../common/sql';
import { Area } from '../area/area.entity';
import { Organisation } from '../organisation/organisation.entity';

// The role vocabulary is the kernel's (auth/roles.ts); re-exported beside the entity that stores it.
export { UserRole };

export enum UserStatus {
  ACTIVE = 'ACTIVE',
  DISABLED = 'DISABLED',
}

registerEnumType(UserStatus, { name: 'UserStatus' });

/** Gebruiker: a person who logs in. */
@ObjectType('User', { description: 'A person who logs in. Only admins and the user themself see this.' })
@Entity('app_user')
@Check('CHK_app_user_role', `role IN (${sqlValues(UserRole)})`)
@Check('CHK_app_user_status', `status IN (${sqlValues(UserStatus)})`)
@Check('CHK_app_user_organisation', `role <> 'ORGANISATION' OR organisation_id IS NOT NULL`)
@Check('CHK_app_user_email', `email = lower(email) AND email ~ '^[^@[:space:]]+@[^@[:space:]]+$'`)
@Check('CHK_app_user_failed_logins', `failed_login_count >= 0`)
@Check('CHK_app_user_erased', `erased_at IS NULL OR (status = 'DISABLED' AND display_name = '[erased]' AND email = 'erased-' || id || '@erased.invalid')`)
export class User extends CuratedRecord {
  /** Stored lower-cased. */
  @Field(() => String)
  @Index('UQ_app_user_email', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Field(() => String)
  @Column({ type: 'varchar', length: 200 })
  displayName: string;

  /** argon2id hash (PHC string). */
  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  @Field(() => UserRole)
  @Index('IDX_app_user_role')
  @Column({ type: 'varchar', length: 20 })
  role: UserRole;

  @Index('IDX_app_user_organisation_id')
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'FK_app_user_organisation' })
  organisation?: Organisation | null;

  @Field(() => UserStatus)
  @Column({ type: 'varchar', length: 20, default: UserStatus.ACTIVE })
  status: UserStatus;

  @Column({ type: 'integer', default: 0 })
  failedLoginCount: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  /** When an admin erased the account (GDPR art. 17, user.erasure.ts); the row stays for the history it authored. */
  @Field(() => Date, { nullable: true, description: 'When the account was erased: name and e-mail are gone, the account is disabled for good.' })
  @Column({ type: 'timestamptz', nullable: true })
  erasedAt: Date | null;
}

/** Areas a MUNICIPALITY user is responsible for. */
@Entity('user_area')
@Unique('UQ_user_area', ['userId', 'areaId'])
export class UserArea extends BaseRecord {
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_user_area_user' })
  user?: User;

  @Index('IDX_user_area_area_id')
  @Column({ type: 'uuid' })
  areaId: string;

  @ManyToOne(() => Area, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_id', foreignKeyConstraintName: 'FK_user_area_area' })
  area?: Area;
}
