import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Step 5's "look again" as a notice (§3.7): a case closed with stay alert and a date to look at
 * it again gives each active user of its problem owner a LOOK_AGAIN notification on that day,
 * added by the notification worker's pass (api/src/modules/notification/notification.worker.ts),
 * like the due-date notices. The partial unique index makes a second pass, or a second process,
 * add nothing; a new date (the case reopened and closed again) is a new notice.
 */
export class LookAgainNotices1765700000000 implements MigrationInterface {
  name = 'LookAgainNotices1765700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`ALTER TABLE "notification" ADD "look_again_on" date`);
    await q(`ALTER TABLE "notification" DROP CONSTRAINT "CHK_notification_kind"`);
    await q(`ALTER TABLE "notification" ADD CONSTRAINT "CHK_notification_kind" CHECK (kind IN ('REFERRAL_RECEIVED', 'STATUS_CHANGED', 'ACTION_DUE', 'ACTION_OVERDUE', 'LOOK_AGAIN'))`);
    await q(`CREATE UNIQUE INDEX "UQ_notification_look_again" ON "notification" ("user_id", "referral_id", "look_again_on") WHERE kind = 'LOOK_AGAIN'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`DROP INDEX "UQ_notification_look_again"`);
    await q(`DELETE FROM "notification" WHERE kind = 'LOOK_AGAIN'`);
    await q(`ALTER TABLE "notification" DROP CONSTRAINT "CHK_notification_kind"`);
    await q(`ALTER TABLE "notification" ADD CONSTRAINT "CHK_notification_kind" CHECK (kind IN ('REFERRAL_RECEIVED', 'STATUS_CHANGED', 'ACTION_DUE', 'ACTION_OVERDUE'))`);
    await q(`ALTER TABLE "notification" DROP COLUMN "look_again_on"`);
  }
}
