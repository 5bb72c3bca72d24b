import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Toegangslog (NEN 7513): who read or changed which case, when, on whose behalf and from where.
 * Deliberately without foreign keys: the log must outlive purged referrals, users and keys.
 */
@Entity('access_log')
@Index('IDX_access_log_dossier_number_occurred_at', ['dossierNumber', 'occurredAt'])
export class AccessLog {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('IDX_access_log_occurred_at')
  @CreateDateColumn({ type: 'timestamptz' })
  occurredAt: Date;

  /** READ, CREATE, UPDATE, STATUS_CHANGE, EXPORT, PURGE, … */
  @Column({ type: 'varchar', length: 40 })
  eventType: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  dossierNumber: string | null;

  @Index('IDX_access_log_referral_id')
  @Column({ type: 'uuid', nullable: true })
  referralId: string | null;

  @Index('IDX_access_log_user_id')
  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @Index('IDX_access_log_api_key_id')
  @Column({ type: 'uuid', nullable: true })
  apiKeyId: string | null;

  /** Organisation on whose behalf the access happened. */
  @Index('IDX_access_log_organisation_id')
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  role: string | null;

  @Column({ type: 'inet', nullable: true })
  ipAddress: string | null;

  @Column({ type: 'text', nullable: true })
  userAgent: string | null;

  /** GraphQL operation or REST route that caused the access. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  operation: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;
}
