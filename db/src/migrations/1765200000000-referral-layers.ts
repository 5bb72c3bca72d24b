import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referrals as the book works them (§4.4–4.5, §3.7 step 5; docs/data-model.md, "Referrals"):
 * - two layers: the anonymous case stays in `referral` (summary = what is asked); the
 *   identifying details get a column of their own, read only by organisations with consent;
 * - consent per organisation or per scope (RECEIVER: whoever holds the case; NETWORK: the core
 *   members of its network; ORGANISATION: one named organisation), with who recorded it, when,
 *   and its withdrawal — `referral_consent`, which replaces the four consent columns (their
 *   rows are carried over);
 * - consultations of shell partners by a core partner (`referral_consultation`);
 * - the holder (the organisation and person who took the case);
 * - step 5 in full: stay alert, look again on, what we learned;
 * - a past case: `recorded_afterwards`, and `happened_on` on events entered afterwards;
 * - the event types HANDED_OVER and CONSULTED (events, webhooks, deliveries).
 */
const EVENTS_BEFORE = `'CREATED', 'STATUS_CHANGED', 'ACCEPTED', 'DECLINED', 'CONSENT_RECORDED', 'ACTION_ADDED', 'ACTION_COMPLETED', 'NOTE_ADDED', 'UPDATED', 'CLOSED'`;
const EVENTS_AFTER = `${EVENTS_BEFORE}, 'HANDED_OVER', 'CONSULTED'`;

export class ReferralLayers1765200000000 implements MigrationInterface {
  name = 'ReferralLayers1765200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`ALTER TABLE "referral" ADD "identifying_details" text`);
    await q(`ALTER TABLE "referral" ADD "holder_organisation_id" uuid`);
    await q(`ALTER TABLE "referral" ADD "holder_user_id" uuid`);
    await q(`ALTER TABLE "referral" ADD "stay_alert" boolean`);
    await q(`ALTER TABLE "referral" ADD "look_again_on" date`);
    await q(`ALTER TABLE "referral" ADD "lessons_learned" text`);
    await q(`ALTER TABLE "referral" ADD "recorded_afterwards" boolean NOT NULL DEFAULT false`);
    await q(`ALTER TABLE "referral" ADD CONSTRAINT "CHK_referral_look_again" CHECK (look_again_on IS NULL OR stay_alert)`);
    await q(`CREATE INDEX "IDX_referral_holder_organisation_id" ON "referral" ("holder_organisation_id")`);
    await q(`CREATE INDEX "IDX_referral_holder_user_id" ON "referral" ("holder_user_id")`);
    await q(`CREATE INDEX "IDX_referral_look_again_on" ON "referral" ("look_again_on")`);
    await q(`ALTER TABLE "referral" ADD CONSTRAINT "FK_referral_holder_organisation" FOREIGN KEY ("holder_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "referral" ADD CONSTRAINT "FK_referral_holder_user" FOREIGN KEY ("holder_user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT`);
    // A case taken up before this migration: its receiving organisation holds it.
    await q(`UPDATE "referral" SET holder_organisation_id = receiving_organisation_id WHERE status NOT IN ('SIGNALLED', 'DECLINED') AND receiving_organisation_id IS NOT NULL`);

    await q(`CREATE TABLE "referral_consent" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "referral_id" uuid NOT NULL,
        "scope" character varying(20) NOT NULL,
        "organisation_id" uuid,
        "given_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "recorded_by_user_id" uuid,
        "recorded_by_api_key_id" uuid,
        "recorded_for_organisation_id" uuid,
        "withdrawn_at" TIMESTAMP WITH TIME ZONE,
        "withdrawn_by_user_id" uuid,
        "withdrawn_by_api_key_id" uuid,
        "withdrawn_for_organisation_id" uuid,
        CONSTRAINT "PK_referral_consent" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_referral_consent_scope" CHECK (scope IN ('RECEIVER', 'NETWORK', 'ORGANISATION')),
        CONSTRAINT "CHK_referral_consent_organisation" CHECK ((scope = 'ORGANISATION') = (organisation_id IS NOT NULL)),
        CONSTRAINT "CHK_referral_consent_withdrawn" CHECK (withdrawn_at IS NULL OR withdrawn_at >= given_at)
      )`);
    await q(`CREATE INDEX "IDX_referral_consent_referral_id" ON "referral_consent" ("referral_id")`);
    await q(`CREATE INDEX "IDX_referral_consent_organisation_id" ON "referral_consent" ("organisation_id")`);
    await q(`CREATE INDEX "IDX_referral_consent_recorded_by_user_id" ON "referral_consent" ("recorded_by_user_id")`);
    await q(`CREATE INDEX "IDX_referral_consent_recorded_by_api_key_id" ON "referral_consent" ("recorded_by_api_key_id")`);
    await q(`CREATE INDEX "IDX_referral_consent_recorded_for_organisation_id" ON "referral_consent" ("recorded_for_organisation_id")`);
    await q(`CREATE INDEX "IDX_referral_consent_withdrawn_by_user_id" ON "referral_consent" ("withdrawn_by_user_id")`);
    await q(`CREATE INDEX "IDX_referral_consent_withdrawn_by_api_key_id" ON "referral_consent" ("withdrawn_by_api_key_id")`);
    await q(`CREATE INDEX "IDX_referral_consent_withdrawn_for_organisation_id" ON "referral_consent" ("withdrawn_for_organisation_id")`);
    // One standing consent per referral, scope and organisation.
    await q(`CREATE UNIQUE INDEX "UQ_referral_consent_standing" ON "referral_consent" ("referral_id", "scope", "organisation_id") NULLS NOT DISTINCT WHERE withdrawn_at IS NULL`);
    await q(`ALTER TABLE "referral_consent" ADD CONSTRAINT "FK_referral_consent_referral" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE CASCADE`);
    await q(`ALTER TABLE "referral_consent" ADD CONSTRAINT "FK_referral_consent_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "referral_consent" ADD CONSTRAINT "FK_referral_consent_recorded_by_user" FOREIGN KEY ("recorded_by_user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "referral_consent" ADD CONSTRAINT "FK_referral_consent_recorded_by_api_key" FOREIGN KEY ("recorded_by_api_key_id") REFERENCES "api_key"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "referral_consent" ADD CONSTRAINT "FK_referral_consent_recorded_for_organisation" FOREIGN KEY ("recorded_for_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "referral_consent" ADD CONSTRAINT "FK_referral_consent_withdrawn_by_user" FOREIGN KEY ("withdrawn_by_user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "referral_consent" ADD CONSTRAINT "FK_referral_consent_withdrawn_by_api_key" FOREIGN KEY ("withdrawn_by_api_key_id") REFERENCES "api_key"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "referral_consent" ADD CONSTRAINT "FK_referral_consent_withdrawn_for_organisation" FOREIGN KEY ("withdrawn_for_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT`);
    // The consents recorded so far: RECEIVER and NETWORK as they were.
    await q(`INSERT INTO "referral_consent" (referral_id, scope, given_at, recorded_by_user_id, recorded_for_organisation_id)
      SELECT r.id, r.consent_scope, r.consent_recorded_at, r.consent_recorded_by_id, r.referring_organisation_id FROM "referral" r
       WHERE r.consent_given AND r.consent_scope IS NOT NULL AND r.consent_recorded_at IS NOT NULL`);
    await q(`ALTER TABLE "referral" DROP CONSTRAINT "FK_referral_consent_recorded_by"`);
    await q(`DROP INDEX "IDX_referral_consent_recorded_by_id"`);
    await q(`ALTER TABLE "referral" DROP CONSTRAINT "CHK_referral_consent_recorded"`);
    await q(`ALTER TABLE "referral" DROP CONSTRAINT "CHK_referral_consent_scope"`);
    await q(`ALTER TABLE "referral" DROP COLUMN "consent_given", DROP COLUMN "consent_scope", DROP COLUMN "consent_recorded_at", DROP COLUMN "consent_recorded_by_id"`);

    await q(`CREATE TABLE "referral_consultation" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "referral_id" uuid NOT NULL,
        "organisation_id" uuid NOT NULL,
        "consulted_by_organisation_id" uuid NOT NULL,
        "consulted_by_user_id" uuid,
        "consulted_by_api_key_id" uuid,
        "question" text,
        CONSTRAINT "PK_referral_consultation" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_referral_consultation" UNIQUE ("referral_id", "organisation_id")
      )`);
    await q(`CREATE INDEX "IDX_referral_consultation_organisation_id" ON "referral_consultation" ("organisation_id")`);
    await q(`CREATE INDEX "IDX_referral_consultation_consulted_by_organisation_id" ON "referral_consultation" ("consulted_by_organisation_id")`);
    await q(`CREATE INDEX "IDX_referral_consultation_consulted_by_user_id" ON "referral_consultation" ("consulted_by_user_id")`);
    await q(`CREATE INDEX "IDX_referral_consultation_consulted_by_api_key_id" ON "referral_consultation" ("consulted_by_api_key_id")`);
    await q(`ALTER TABLE "referral_consultation" ADD CONSTRAINT "FK_referral_consultation_referral" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE CASCADE`);
    await q(`ALTER TABLE "referral_consultation" ADD CONSTRAINT "FK_referral_consultation_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "referral_consultation" ADD CONSTRAINT "FK_referral_consultation_consulted_by_organisation" FOREIGN KEY ("consulted_by_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "referral_consultation" ADD CONSTRAINT "FK_referral_consultation_consulted_by_user" FOREIGN KEY ("consulted_by_user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "referral_consultation" ADD CONSTRAINT "FK_referral_consultation_consulted_by_api_key" FOREIGN KEY ("consulted_by_api_key_id") REFERENCES "api_key"("id") ON DELETE RESTRICT`);

    await q(`ALTER TABLE "referral_event" ADD "happened_on" date`);
    await q(`ALTER TABLE "referral_event" DROP CONSTRAINT "CHK_referral_event_type"`);
    await q(`ALTER TABLE "referral_event" ADD CONSTRAINT "CHK_referral_event_type" CHECK (type IN (${EVENTS_AFTER}))`);
    await q(`ALTER TABLE "webhook" DROP CONSTRAINT "CHK_webhook_events"`);
    await q(`ALTER TABLE "webhook" ADD CONSTRAINT "CHK_webhook_events" CHECK (cardinality(events) > 0 AND events <@ ARRAY[${EVENTS_AFTER}]::text[])`);
    await q(`ALTER TABLE "webhook_delivery" DROP CONSTRAINT "CHK_webhook_delivery_event_type"`);
    await q(`ALTER TABLE "webhook_delivery" ADD CONSTRAINT "CHK_webhook_delivery_event_type" CHECK (event_type IN (${EVENTS_AFTER}))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`DELETE FROM "webhook_delivery" WHERE event_type IN ('HANDED_OVER', 'CONSULTED')`);
    await q(`UPDATE "webhook" SET events = array_remove(array_remove(events, 'HANDED_OVER'), 'CONSULTED')`);
    await q(`ALTER TABLE "webhook_delivery" DROP CONSTRAINT "CHK_webhook_delivery_event_type"`);
    await q(`ALTER TABLE "webhook_delivery" ADD CONSTRAINT "CHK_webhook_delivery_event_type" CHECK (event_type IN (${EVENTS_BEFORE}))`);
    await q(`ALTER TABLE "webhook" DROP CONSTRAINT "CHK_webhook_events"`);
    await q(`ALTER TABLE "webhook" ADD CONSTRAINT "CHK_webhook_events" CHECK (cardinality(events) > 0 AND events <@ ARRAY[${EVENTS_BEFORE}]::text[])`);
    await q(`ALTER TABLE "referral_event" DROP CONSTRAINT "CHK_referral_event_type"`);
    await q(`ALTER TABLE "referral_event" ADD CONSTRAINT "CHK_referral_event_type" CHECK (type IN (${EVENTS_BEFORE})) NOT VALID`);
    await q(`ALTER TABLE "referral_event" DROP COLUMN "happened_on"`);
    await q(`DROP TABLE "referral_consultation"`);

    await q(`ALTER TABLE "referral" ADD "consent_given" boolean NOT NULL DEFAULT false`);
    await q(`ALTER TABLE "referral" ADD "consent_scope" character varying(20)`);
    await q(`ALTER TABLE "referral" ADD "consent_recorded_at" TIMESTAMP WITH TIME ZONE`);
    await q(`ALTER TABLE "referral" ADD "consent_recorded_by_id" uuid`);
    await q(`UPDATE "referral" r SET consent_given = true, consent_scope = c.scope, consent_recorded_at = c.given_at, consent_recorded_by_id = c.recorded_by_user_id
      FROM (SELECT DISTINCT ON (referral_id) referral_id, scope, given_at, recorded_by_user_id FROM "referral_consent"
             WHERE withdrawn_at IS NULL AND scope IN ('RECEIVER', 'NETWORK') ORDER BY referral_id, (scope = 'NETWORK') DESC, given_at DESC) c
      WHERE c.referral_id = r.id`);
    await q(`ALTER TABLE "referral" ADD CONSTRAINT "CHK_referral_consent_scope" CHECK (consent_scope IS NULL OR consent_scope IN ('RECEIVER', 'NETWORK'))`);
    await q(`ALTER TABLE "referral" ADD CONSTRAINT "CHK_referral_consent_recorded" CHECK (NOT consent_given OR (consent_scope IS NOT NULL AND consent_recorded_at IS NOT NULL))`);
    await q(`CREATE INDEX "IDX_referral_consent_recorded_by_id" ON "referral" ("consent_recorded_by_id")`);
    await q(`ALTER TABLE "referral" ADD CONSTRAINT "FK_referral_consent_recorded_by" FOREIGN KEY ("consent_recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT`);
    await q(`DROP TABLE "referral_consent"`);

    await q(`ALTER TABLE "referral" DROP CONSTRAINT "FK_referral_holder_user"`);
    await q(`ALTER TABLE "referral" DROP CONSTRAINT "FK_referral_holder_organisation"`);
    await q(`DROP INDEX "IDX_referral_look_again_on"`);
    await q(`DROP INDEX "IDX_referral_holder_user_id"`);
    await q(`DROP INDEX "IDX_referral_holder_organisation_id"`);
    await q(`ALTER TABLE "referral" DROP CONSTRAINT "CHK_referral_look_again"`);
    await q(`ALTER TABLE "referral" DROP COLUMN "recorded_afterwards", DROP COLUMN "lessons_learned", DROP COLUMN "look_again_on", DROP COLUMN "stay_alert",
      DROP COLUMN "holder_user_id", DROP COLUMN "holder_organisation_id", DROP COLUMN "identifying_details"`);
  }
}
