import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (api/src/modules/notification): the in-app list of each user and the e-mail
 * choice. A referral event creates its notifications in the transaction that appends it: the
 * trigger `TRG_referral_event_notifications` runs on every insert into `referral_event`, so no
 * change of a referral can commit without its notifications and a rolled-back one leaves none.
 * Who is told is the rule of notification.rules.ts (`notificationKindOf`, `notifiedOrganisations`):
 *
 * - CREATED, and HANDED_OVER (the holder handed the case to another organisation, which is its
 *   receiver from then on): the receiving organisation's active users get REFERRAL_RECEIVED;
 * - an event that moves the status (to_status set and different from from_status): the
 *   referring and the receiving organisations' active users get STATUS_CHANGED;
 *
 * and in both cases never the organisation that made the change. Actions due and overdue are
 * added by the notification worker's pass (no event marks a date passing). A notification
 * carries ids, the kind and the new status — never case text.
 */
export class Notifications1765600000000 implements MigrationInterface {
  name = 'Notifications1765600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`CREATE TABLE "notification" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "user_id" uuid NOT NULL,
      "organisation_id" uuid NOT NULL,
      "kind" varchar(30) NOT NULL,
      "referral_id" uuid NOT NULL,
      "referral_event_id" uuid,
      "action_id" uuid,
      "to_status" varchar(20),
      "action_due_on" date,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "read_at" timestamptz,
      "email_state" varchar(10) NOT NULL DEFAULT 'PENDING',
      "email_attempts" integer NOT NULL DEFAULT 0,
      "emailed_at" timestamptz,
      CONSTRAINT "PK_notification" PRIMARY KEY ("id"),
      CONSTRAINT "CHK_notification_kind" CHECK (kind IN ('REFERRAL_RECEIVED', 'STATUS_CHANGED', 'ACTION_DUE', 'ACTION_OVERDUE')),
      CONSTRAINT "CHK_notification_email_state" CHECK (email_state IN ('PENDING', 'SENT', 'SKIPPED', 'FAILED')),
      CONSTRAINT "CHK_notification_email_attempts" CHECK (email_attempts >= 0),
      CONSTRAINT "FK_notification_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_notification_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_notification_referral" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_notification_referral_event" FOREIGN KEY ("referral_event_id") REFERENCES "referral_event"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_notification_action" FOREIGN KEY ("action_id") REFERENCES "referral_action"("id") ON DELETE CASCADE
    )`);
    await q(`CREATE INDEX "IDX_notification_user_id" ON "notification" ("user_id", "created_at")`);
    await q(`CREATE INDEX "IDX_notification_organisation_id" ON "notification" ("organisation_id")`);
    await q(`CREATE INDEX "IDX_notification_referral_id" ON "notification" ("referral_id")`);
    await q(`CREATE INDEX "IDX_notification_referral_event_id" ON "notification" ("referral_event_id")`);
    await q(`CREATE INDEX "IDX_notification_action_id" ON "notification" ("action_id")`);
    // The unread count and the e-mail worker's queue.
    await q(`CREATE INDEX "IDX_notification_unread" ON "notification" ("user_id") WHERE read_at IS NULL`);
    await q(`CREATE INDEX "IDX_notification_email_pending" ON "notification" ("user_id") WHERE email_state = 'PENDING'`);
    // One notice per user, action, kind and due date, however many worker passes or processes find it.
    await q(`CREATE UNIQUE INDEX "UQ_notification_action_notice" ON "notification" ("user_id", "kind", "action_id", "action_due_on") WHERE action_id IS NOT NULL`);

    await q(`CREATE TABLE "notification_setting" (
      "user_id" uuid NOT NULL,
      "email_mode" varchar(10) NOT NULL DEFAULT 'IMMEDIATE',
      "last_digest_at" timestamptz,
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_notification_setting" PRIMARY KEY ("user_id"),
      CONSTRAINT "CHK_notification_setting_email_mode" CHECK (email_mode IN ('IMMEDIATE', 'DIGEST', 'OFF')),
      CONSTRAINT "FK_notification_setting_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE
    )`);

    await q(`CREATE FUNCTION notify_referral_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.type IN ('CREATED', 'HANDED_OVER') THEN
          INSERT INTO notification (user_id, organisation_id, kind, referral_id, referral_event_id, to_status)
          SELECT u.id, u.organisation_id, 'REFERRAL_RECEIVED', NEW.referral_id, NEW.id, NEW.to_status
            FROM referral r JOIN app_user u ON u.organisation_id = r.receiving_organisation_id
           WHERE r.id = NEW.referral_id AND u.status = 'ACTIVE' AND u.erased_at IS NULL
             AND r.receiving_organisation_id IS DISTINCT FROM NEW.organisation_id;
        ELSIF NEW.to_status IS NOT NULL AND NEW.to_status IS DISTINCT FROM NEW.from_status THEN
          INSERT INTO notification (user_id, organisation_id, kind, referral_id, referral_event_id, to_status)
          SELECT DISTINCT u.id, u.organisation_id, 'STATUS_CHANGED', NEW.referral_id, NEW.id, NEW.to_status
            FROM referral r
            CROSS JOIN LATERAL (VALUES (r.referring_organisation_id), (r.receiving_organisation_id)) AS party(organisation_id)
            JOIN app_user u ON u.organisation_id = party.organisation_id
           WHERE r.id = NEW.referral_id AND u.status = 'ACTIVE' AND u.erased_at IS NULL
             AND party.organisation_id IS DISTINCT FROM NEW.organisation_id;
        END IF;
        RETURN NULL;
      END $$`);
    await q(`CREATE TRIGGER "TRG_referral_event_notifications" AFTER INSERT ON referral_event FOR EACH ROW EXECUTE FUNCTION notify_referral_event()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "TRG_referral_event_notifications" ON referral_event`);
    await queryRunner.query(`DROP FUNCTION notify_referral_event()`);
    await queryRunner.query(`DROP TABLE "notification_setting"`);
    await queryRunner.query(`DROP TABLE "notification"`);
  }
}
