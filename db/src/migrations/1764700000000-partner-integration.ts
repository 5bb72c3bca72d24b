import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partner integration (issue 5): idempotent retries and webhooks.
 * - `idempotency_key`: one row per (caller, Idempotency-Key) with the hash of the request and
 *   the response it got; written in the transaction of the mutation itself, so a key is either
 *   unused or bound to a committed result. Expired rows are deleted by the webhook worker's
 *   housekeeping (and replaced when their key is used again).
 * - `webhook`: an organisation's endpoint, subscribed event types, the signing secret
 *   (encrypted with WEBHOOK_SECRET_KEY; the server must be able to sign, so it cannot be a hash).
 * - `webhook_delivery`: the transactional outbox — one row per (referral event, subscribed
 *   webhook), inserted in the transaction that appends the event — and the delivery's state.
 *   Deliveries go with their event (a purged referral takes them along) and with their webhook.
 * - `webhook_delivery_attempt`: every HTTP attempt (status, error, duration), the history an
 *   organisation sees.
 * The delivery queue itself is pg-boss, which keeps its own tables in the `pgboss` schema and
 * creates them when the worker first starts.
 */
export class PartnerIntegration1764700000000 implements MigrationInterface {
  name = 'PartnerIntegration1764700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    const eventTypes = `'CREATED', 'STATUS_CHANGED', 'ACCEPTED', 'DECLINED', 'CONSENT_RECORDED', 'ACTION_ADDED', 'ACTION_COMPLETED', 'NOTE_ADDED', 'UPDATED', 'CLOSED'`;

    await q(`CREATE TABLE "idempotency_key" (
        "caller" character varying(60) NOT NULL,
        "key" character varying(200) NOT NULL,
        "request_hash" character(64) NOT NULL,
        "operation" character varying(200) NOT NULL,
        "status_code" smallint,
        "response" text,
        "referrals" jsonb NOT NULL DEFAULT '[]',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_idempotency_key" PRIMARY KEY ("caller", "key")
      )`);
    await q(`CREATE INDEX "IDX_idempotency_key_expires_at" ON "idempotency_key" ("expires_at")`);

    await q(`CREATE TABLE "webhook" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT '1',
        "organisation_id" uuid NOT NULL,
        "url" character varying(2000) NOT NULL,
        "events" text array NOT NULL,
        "description" character varying(500),
        "secret_ciphertext" text NOT NULL,
        "secret_hint" character varying(20) NOT NULL,
        "disabled_at" TIMESTAMP WITH TIME ZONE,
        "created_by_id" uuid,
        CONSTRAINT "PK_webhook" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_webhook_events" CHECK (cardinality(events) > 0 AND events <@ ARRAY[${eventTypes}]::text[])
      )`);
    await q(`CREATE INDEX "IDX_webhook_organisation_id" ON "webhook" ("organisation_id")`);
    await q(`CREATE INDEX "IDX_webhook_created_by_id" ON "webhook" ("created_by_id")`);
    await q(`ALTER TABLE "webhook" ADD CONSTRAINT "FK_webhook_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE`);
    await q(`ALTER TABLE "webhook" ADD CONSTRAINT "FK_webhook_created_by" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL`);

    await q(`CREATE TABLE "webhook_delivery" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "webhook_id" uuid NOT NULL,
        "referral_event_id" uuid NOT NULL,
        "event_type" character varying(30) NOT NULL,
        "payload" jsonb NOT NULL,
        "status" character varying(20) NOT NULL DEFAULT 'PENDING',
        "attempts" integer NOT NULL DEFAULT '0',
        "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "queued_until" TIMESTAMP WITH TIME ZONE,
        "locked_until" TIMESTAMP WITH TIME ZONE,
        "last_attempt_at" TIMESTAMP WITH TIME ZONE,
        "last_status_code" integer,
        "last_error" character varying(500),
        "delivered_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_webhook_delivery" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_webhook_delivery_webhook_event" UNIQUE ("webhook_id", "referral_event_id"),
        CONSTRAINT "CHK_webhook_delivery_status" CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED', 'CANCELLED')),
        CONSTRAINT "CHK_webhook_delivery_event_type" CHECK (event_type IN (${eventTypes})),
        CONSTRAINT "CHK_webhook_delivery_attempts" CHECK (attempts >= 0)
      )`);
    await q(`CREATE INDEX "IDX_webhook_delivery_referral_event_id" ON "webhook_delivery" ("referral_event_id")`);
    await q(`CREATE INDEX "IDX_webhook_delivery_created_at" ON "webhook_delivery" ("created_at")`);
    // The relay's scan: pending deliveries by the time they are due.
    await q(`CREATE INDEX "IDX_webhook_delivery_pending_due" ON "webhook_delivery" ("next_attempt_at") WHERE status = 'PENDING'`);
    await q(`ALTER TABLE "webhook_delivery" ADD CONSTRAINT "FK_webhook_delivery_webhook" FOREIGN KEY ("webhook_id") REFERENCES "webhook"("id") ON DELETE CASCADE`);
    await q(
      `ALTER TABLE "webhook_delivery" ADD CONSTRAINT "FK_webhook_delivery_referral_event" FOREIGN KEY ("referral_event_id") REFERENCES "referral_event"("id") ON DELETE CASCADE`,
    );

    await q(`CREATE TABLE "webhook_delivery_attempt" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "delivery_id" uuid NOT NULL,
        "attempt" integer NOT NULL,
        "status_code" integer,
        "error" character varying(500),
        "duration_ms" integer NOT NULL,
        "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_webhook_delivery_attempt" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_webhook_delivery_attempt_delivery_attempt" UNIQUE ("delivery_id", "attempt")
      )`);
    await q(
      `ALTER TABLE "webhook_delivery_attempt" ADD CONSTRAINT "FK_webhook_delivery_attempt_delivery" FOREIGN KEY ("delivery_id") REFERENCES "webhook_delivery"("id") ON DELETE CASCADE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "webhook_delivery_attempt"`);
    await queryRunner.query(`DROP TABLE "webhook_delivery"`);
    await queryRunner.query(`DROP TABLE "webhook"`);
    await queryRunner.query(`DROP TABLE "idempotency_key"`);
  }
}
