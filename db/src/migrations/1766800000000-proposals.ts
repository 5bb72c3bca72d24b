import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisations propose, a curator decides (issue 16): a proposal is an organisation user's
 * proposed change to a record it may not change itself, or a proposed new record, kept as the
 * input of that kind's create or update mutation, until an admin accepts it (the real write runs,
 * `result_id` names the record) or rejects it with a reason, or the organisation withdraws it.
 * Notifications may now be about a proposal: admins are told one was submitted, the proposing
 * organisation's users that it was accepted or rejected (kind and proposal id only).
 */
export class Proposals1766800000000 implements MigrationInterface {
  name = 'Proposals1766800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`CREATE TABLE "proposal" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT 1,
        "kind" character varying(20) NOT NULL,
        "target_id" uuid,
        "target_version" integer,
        "payload" jsonb NOT NULL,
        "motivation" text NOT NULL,
        "proposer_user_id" uuid,
        "proposer_organisation_id" uuid NOT NULL,
        "status" character varying(20) NOT NULL DEFAULT 'PENDING',
        "decided_by_user_id" uuid,
        "decided_at" TIMESTAMP WITH TIME ZONE,
        "decision_reason" text,
        "result_id" uuid,
        CONSTRAINT "PK_proposal" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_proposal_kind" CHECK (kind IN ('ORGANISATION', 'SERVICE', 'LOCATION', 'KEY_PERSON')),
        CONSTRAINT "CHK_proposal_status" CHECK (status IN ('PENDING', 'ACCEPTED', 'REJECTED', 'WITHDRAWN')),
        CONSTRAINT "CHK_proposal_target" CHECK ((target_id IS NULL) = (target_version IS NULL)),
        CONSTRAINT "CHK_proposal_motivation" CHECK (length(btrim(motivation)) > 0),
        CONSTRAINT "CHK_proposal_decision" CHECK (CASE WHEN status = 'PENDING' THEN decided_at IS NULL AND decision_reason IS NULL AND result_id IS NULL
        WHEN status = 'REJECTED' THEN decided_at IS NOT NULL AND length(btrim(decision_reason)) > 0 AND result_id IS NULL
        WHEN status = 'ACCEPTED' THEN decided_at IS NOT NULL AND result_id IS NOT NULL
        ELSE decided_at IS NOT NULL AND result_id IS NULL END)
      )`);
    await q(`CREATE INDEX "IDX_proposal_status" ON "proposal" ("status", "created_at")`);
    await q(`CREATE INDEX "IDX_proposal_target" ON "proposal" ("kind", "target_id")`);
    await q(`CREATE INDEX "IDX_proposal_proposer_user_id" ON "proposal" ("proposer_user_id")`);
    await q(`CREATE INDEX "IDX_proposal_proposer_organisation_id" ON "proposal" ("proposer_organisation_id")`);
    await q(`CREATE INDEX "IDX_proposal_decided_by_user_id" ON "proposal" ("decided_by_user_id")`);
    await q(`ALTER TABLE "proposal" ADD CONSTRAINT "FK_proposal_proposer_user" FOREIGN KEY ("proposer_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL`);
    await q(`ALTER TABLE "proposal" ADD CONSTRAINT "FK_proposal_proposer_organisation" FOREIGN KEY ("proposer_organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE`);
    await q(`ALTER TABLE "proposal" ADD CONSTRAINT "FK_proposal_decided_by_user" FOREIGN KEY ("decided_by_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL`);

    await q(`ALTER TABLE "notification" ADD "proposal_id" uuid`);
    await q(`CREATE INDEX "IDX_notification_proposal_id" ON "notification" ("proposal_id")`);
    await q(`ALTER TABLE "notification" ADD CONSTRAINT "FK_notification_proposal" FOREIGN KEY ("proposal_id") REFERENCES "proposal"("id") ON DELETE CASCADE`);
    await q(`ALTER TABLE "notification" DROP CONSTRAINT "CHK_notification_kind"`);
    await q(`ALTER TABLE "notification" ADD CONSTRAINT "CHK_notification_kind" CHECK (kind IN ('REFERRAL_RECEIVED', 'STATUS_CHANGED', 'ACTION_DUE', 'ACTION_OVERDUE', 'LOOK_AGAIN', 'STALE_RECORD', 'PROPOSAL_SUBMITTED', 'PROPOSAL_ACCEPTED', 'PROPOSAL_REJECTED'))`);
    await q(`ALTER TABLE "notification" DROP CONSTRAINT "CHK_notification_subject"`);
    await q(`ALTER TABLE "notification" ADD CONSTRAINT "CHK_notification_subject" CHECK (
      CASE WHEN kind = 'STALE_RECORD'
           THEN referral_id IS NULL AND proposal_id IS NULL AND record_type IN ('ORGANISATION', 'SERVICE', 'LOCATION', 'KEY_PERSON') AND record_id IS NOT NULL AND stale_since IS NOT NULL
           WHEN kind IN ('PROPOSAL_SUBMITTED', 'PROPOSAL_ACCEPTED', 'PROPOSAL_REJECTED')
           THEN referral_id IS NULL AND proposal_id IS NOT NULL AND record_type IS NULL AND record_id IS NULL AND stale_since IS NULL
           ELSE referral_id IS NOT NULL AND organisation_id IS NOT NULL AND proposal_id IS NULL AND record_type IS NULL AND record_id IS NULL AND stale_since IS NULL END)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`DELETE FROM "notification" WHERE proposal_id IS NOT NULL`);
    await q(`ALTER TABLE "notification" DROP CONSTRAINT "CHK_notification_subject"`);
    await q(`ALTER TABLE "notification" ADD CONSTRAINT "CHK_notification_subject" CHECK (
      CASE WHEN kind = 'STALE_RECORD'
           THEN referral_id IS NULL AND record_type IN ('ORGANISATION', 'SERVICE', 'LOCATION', 'KEY_PERSON') AND record_id IS NOT NULL AND stale_since IS NOT NULL
           ELSE referral_id IS NOT NULL AND organisation_id IS NOT NULL AND record_type IS NULL AND record_id IS NULL AND stale_since IS NULL END)`);
    await q(`ALTER TABLE "notification" DROP CONSTRAINT "CHK_notification_kind"`);
    await q(`ALTER TABLE "notification" ADD CONSTRAINT "CHK_notification_kind" CHECK (kind IN ('REFERRAL_RECEIVED', 'STATUS_CHANGED', 'ACTION_DUE', 'ACTION_OVERDUE', 'LOOK_AGAIN', 'STALE_RECORD'))`);
    await q(`ALTER TABLE "notification" DROP CONSTRAINT "FK_notification_proposal"`);
    await q(`DROP INDEX "IDX_notification_proposal_id"`);
    await q(`ALTER TABLE "notification" DROP COLUMN "proposal_id"`);
    await q(`DROP TABLE "proposal"`);
  }
}
