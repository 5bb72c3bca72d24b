import { Authorized, Field, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { Rule } from '../../auth/auth.rules';
import { BaseRecord, ArchivableRecord, CuratedRecord } from '../../common/base.entity';
import { Area } from '../area/area.entity';
import { Organisation } from '../organisation/organisation.entity';
import { ERASED } from '../user/erasure.entity';

/** Sleutelpersoon-rol: a kind of key person the book names (wijkagent, huisarts, diaken, …). */
@ObjectType({ description: 'A kind of key person the source names (wijkagent, huisarts, diaken, …); not personal data.' })
@Entity('key_person_role')
export class KeyPersonRole extends CuratedRecord {
  @Field(() => String)
  @Index('UQ_key_person_role_code', { unique: true })
  @Column({ type: 'varchar', length: 100 })
  code: string;

  @Field(() => String)
  @Column({ type: 'varchar', length: 200 })
  nameNl: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 200, nullable: true })
  nameEn: string | null;

  /** What the source says about people in this role. */
  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  context: string | null;

  /** The source explicitly calls this role a key figure (sleutelfiguur). */
  @Field(() => Boolean)
  @Column({ type: 'boolean', default: false })
  explicitlyKeyFigure: boolean;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  source: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}

/** Organisations where people in a key-person role typically work. */
@Entity('key_person_role_organisation')
@Unique('UQ_key_person_role_organisation', ['keyPersonRoleId', 'organisationId'])
export class KeyPersonRoleOrganisation extends BaseRecord {
  @Column({ type: 'uuid' })
  keyPersonRoleId: string;

  @ManyToOne(() => KeyPersonRole, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'key_person_role_id', foreignKeyConstraintName: 'FK_key_person_role_organisation_role' })
  keyPersonRole?: KeyPersonRole;

  @Index('IDX_key_person_role_organisation_organisation_id')
  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'FK_key_person_role_organisation_organisation' })
  organisation?: Organisation;
}

/** Sleutelpersoon: personal data, visible to logged-in professionals only, never exported. */
@ObjectType({ description: 'Sleutelpersoon: personal data, for logged-in users only; never public, never exported.' })
@Entity('key_person')
@Check('CHK_key_person_email', `email IS NULL OR email ~ '^[^@[:space:]]+@[^@[:space:]]+[.][^@[:space:]]+$'`)
@Check(
  'CHK_key_person_erased',
  `erased_at IS NULL OR (archived_at IS NOT NULL AND name = '${ERASED}' AND role_description IS NULL AND phone IS NULL AND email IS NULL AND notes IS NULL)`,
)
@Index('IDX_key_person_name_id', ['name', 'id'])
@Index('IDX_key_person_archived_at', ['archivedAt'])
export class KeyPerson extends ArchivableRecord {
  @Authorized(Rule.USER)
  @Field(() => String)
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Index('IDX_key_person_role_id')
  @Column({ type: 'uuid', nullable: true })
  roleId: string | null;

  @ManyToOne(() => KeyPersonRole, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'role_id', foreignKeyConstraintName: 'FK_key_person_role' })
  role?: KeyPersonRole | null;

  /** The role in the person's own words, when it is not one of the catalogue's. */
  @Authorized(Rule.USER)
  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 200, nullable: true })
  roleDescription: string | null;

  @Index('IDX_key_person_organisation_id')
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'FK_key_person_organisation' })
  organisation?: Organisation | null;

  @Authorized(Rule.USER)
  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 50, nullable: true })
  phone: string | null;

  @Authorized(Rule.USER)
  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Authorized(Rule.USER)
  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Authorized(Rule.USER)
  @Field(() => Date, { nullable: true })
  @Index('IDX_key_person_last_verified_at')
  @Column({ type: 'timestamptz', nullable: true })
  lastVerifiedAt: Date | null;

  /**
   * When an admin erased the person's data (GDPR art. 17, key-person.erasure.ts): the record
   * stays as an archived tombstone without personal data, and the database refuses any later
   * change to it (TRG_key_person_erasure_is_final), restore included.
   */
  @Authorized(Rule.USER)
  @Field(() => Date, { nullable: true, description: 'When the personal data of this key person was erased; an erased record stays archived and cannot change.' })
  @Column({ type: 'timestamptz', nullable: true })
  erasedAt: Date | null;
}

@Entity('key_person_area')
@Unique('UQ_key_person_area', ['keyPersonId', 'areaId'])
export class KeyPersonArea extends BaseRecord {
  @Column({ type: 'uuid' })
  keyPersonId: string;

  @ManyToOne(() => KeyPerson, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'key_person_id', foreignKeyConstraintName: 'FK_key_person_area_key_person' })
  keyPerson?: KeyPerson;

  @Index('IDX_key_person_area_area_id')
  @Column({ type: 'uuid' })
  areaId: string;

  @ManyToOne(() => Area, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_id', foreignKeyConstraintName: 'FK_key_person_area_area' })
  area?: Area;
}
