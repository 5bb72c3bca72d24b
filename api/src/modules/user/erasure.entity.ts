import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { sqlValues } from '../../common/sql';

/** What an erased text field holds, in the record and in its history: a fact that something was there, nothing of it. */
export const ERASED = '[erased]';

/** Kinds of people whose data can be erased and exported (GDPR art. 15, 17). */
export enum DataSubjectType {
  KEY_PERSON = 'KEY_PERSON',
  USER = 'USER',
}

registerEnumType(DataSubjectType, { name: 'DataSubjectType', description: 'Whose personal data: a key person or a user account.' });

/**
 * Verwijderverklaring: one row per erased subject — who erased it, when, why, and which fields
 * held data. It holds no personal data (the subject is an id), is append-only
 * (TRG_data_subject_erasure_append_only) and has no foreign keys, so it outlives the accounts
 * it names. The unique subject makes erasure idempotent in the database too.
 */
@ObjectType('DataSubjectErasure', { description: 'The record of an erasure (GDPR art. 17): who, when, why, which fields. No personal data.' })
@Entity('data_subject_erasure')
@Unique('UQ_data_subject_erasure_subject', ['subjectType', 'subjectId'])
@Check('CHK_data_subject_erasure_subject_type', `subject_type IN (${sqlValues(DataSubjectType)})`)
@Check('CHK_data_subject_erasure_reason', `length(btrim(reason)) BETWEEN 1 AND 2000`)
export class DataSubjectErasure {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => Date)
  @Index('IDX_data_subject_erasure_occurred_at')
  @CreateDateColumn({ type: 'timestamptz' })
  occurredAt: Date;

  @Field(() => DataSubjectType)
  @Column({ type: 'varchar', length: 20 })
  subjectType: DataSubjectType;

  @Field(() => ID, { description: 'The key person or user account erased.' })
  @Column({ type: 'uuid' })
  subjectId: string;

  @Field(() => ID, { description: 'The admin who erased it.' })
  @Index('IDX_data_subject_erasure_actor_user_id')
  @Column({ type: 'uuid' })
  actorUserId: string;

  @Field(() => String, { description: 'Why, as the admin gave it (e.g. the request reference).' })
  @Column({ type: 'text' })
  reason: string;

  @Field(() => [String], { description: 'The fields that held personal data and were erased.' })
  @Column({ type: 'text', array: true })
  fields: string[];
}
