import { CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** Every table: a UUID id and creation/update timestamps (design §3). */
export abstract class BaseRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** Curated records additionally carry a version for optimistic locking. */
export abstract class CuratedRecord extends BaseRecord {
  @VersionColumn({ default: 1 })
  version: number;
}
