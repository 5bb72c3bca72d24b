import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** Every table: a UUID id and creation/update timestamps (docs/data-model.md). */
@ObjectType()
export abstract class BaseRecord {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** Curated records additionally carry a version for optimistic locking. */
@ObjectType()
export abstract class CuratedRecord extends BaseRecord {
  @Field(() => Int, { description: 'Incremented on every change; updates must send the version they read.' })
  @VersionColumn({ default: 1 })
  version: number;
}

/**
 * Curated records others may reference are archived, never deleted: they disappear from lists
 * and the public map but keep their history. Each entity declares `IDX_<table>_archived_at`.
 */
@ObjectType()
export abstract class ArchivableRecord extends CuratedRecord {
  @Field(() => Date, { nullable: true, description: 'When the record was archived; archived records are left out of lists.' })
  @Column({ type: 'timestamptz', nullable: true })
  archivedAt: Date | null;
}
