import { Field, ID, Int, ObjectType } from 'type-graphql';
import { CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** Every table: a UUID id and creation/update timestamps (design §3). */
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
