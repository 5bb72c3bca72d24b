import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One `Idempotency-Key` of one caller (an API key or a user): the hash of the request it was
 * first used with and the response that request got. The row is inserted before the mutation
 * runs and completed in the same transaction, so a key is either unused or bound to a
 * committed result — never half-done. Rows expire after IDEMPOTENCY_KEY_TTL_HOURS.
 */
@Entity('idempotency_key')
export class IdempotencyKey {
  /** `apiKey:<id>` or `user:<id>`: keys of different callers never meet. */
  @PrimaryColumn({ type: 'varchar', length: 60 })
  caller: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  /** SHA-256 (hex) of the operation: query text, operation name and variables. */
  @Column({ type: 'char', length: 64 })
  requestHash: string;

  /** The root fields, for operators reading the table. */
  @Column({ type: 'varchar', length: 200 })
  operation: string;

  /** HTTP status and GraphQL result of the first request (null only inside its transaction). */
  @Column({ type: 'smallint', nullable: true })
  statusCode: number | null;

  /** The response body exactly as sent (text, not jsonb, so a replay keeps the field order). */
  @Column({ type: 'text', nullable: true })
  response: string | null;

  /** Referrals the request changed (`[{ id, dossierNumber }]`): a replay logs a read of each. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  referrals: Array<{ id: string; dossierNumber: string }>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Index('IDX_idempotency_key_expires_at')
  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}
