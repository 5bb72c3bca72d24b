import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stale-record notices (issue 18): a notification may now be about a record of the map that has
 * not been verified for STALE_AFTER_MONTHS (organisation, service, location, key person) instead
 * of a referral. Such a notice names the record by type and id and the moment it became stale;
 * the partial unique index lets each user be told once per time a record goes stale (verifying
 * it moves that moment, so it can be told again a period later), whichever process and however
 * many passes add it. Records without an owning organisation are the admins' to verify: their
 * notices have no organisation.
 */
export class StaleRecordNotices1766600000000 implements MigrationInterface {
  name = 'StaleRecordNotices1766600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`ALTER TABLE "notification" ALTER COLUMN "referral_id" DROP NOT NULL`);
    await q(`ALTER TABLE "notification" ALTER COLUMN "organisation_id" DROP NOT NULL`);
    await q(`ALTER TABLE "notification" ADD "record_type" character varying(20)`);
    await q(`ALTER TABLE "notification" ADD "record_id" uuid`);
    await q(`ALTER TABLE "notification" ADD "stale_since" TIMESTAMP WITH TIME ZONE`);
    await q(`ALTER TABLE "notification" DROP CONSTRAINT "CHK_notification_kind"`);
    await q(`ALTER TABLE "notification" ADD CONSTRAINT "CHK_notification_kind" CHECK (kind IN ('REFERRAL_RECEIVED', 'STATUS_CHANGED', 'ACTION_DUE', 'ACTION_OVERDUE', 'LOOK_AGAIN', 'STALE_RECORD'))`);
    await q(`ALTER TABLE "notification" ADD CONSTRAINT "CHK_notification_subject" CHECK (
      CASE WHEN kind = 'STALE_RECORD'
           THEN referral_id IS NULL AND record_type IN ('ORGANISATION', 'SERVICE', 'LOCATION', 'KEY_PERSON') AND record_id IS NOT NULL AND stale_since IS NOT NULL
           ELSE referral_id IS NOT NULL AND organisation_id IS NOT NULL AND record_type IS NULL AND record_id IS NULL AND stale_since IS NULL END)`);
    await q(`CREATE UNIQUE INDEX "UQ_notification_stale_record" ON "notification" ("user_id", "record_type", "record_id", "stale_since") WHERE kind = 'STALE_RECORD'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`DELETE FROM "notification" WHERE kind = 'STALE_RECORD'`);
    await q(`DROP INDEX "UQ_notification_stale_record"`);
    await q(`ALTER TABLE "notification" DROP CONSTRAINT "CHK_notification_subject"`);
    await q(`ALTER TABLE "notification" DROP CONSTRAINT "CHK_notification_kind"`);
    await q(`ALTER TABLE "notification" ADD CONSTRAINT "CHK_notification_kind" CHECK (kind IN ('REFERRAL_RECEIVED', 'STATUS_CHANGED', 'ACTION_DUE', 'ACTION_OVERDUE', 'LOOK_AGAIN'))`);
    await q(`ALTER TABLE "notification" DROP COLUMN "stale_since"`);
    await q(`ALTER TABLE "notification" DROP COLUMN "record_id"`);
    await q(`ALTER TABLE "notification" DROP COLUMN "record_type"`);
    await q(`ALTER TABLE "notification" ALTER COLUMN "organisation_id" SET NOT NULL`);
    await q(`ALTER TABLE "notification" ALTER COLUMN "referral_id" SET NOT NULL`);
  }
}
