import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referrals (issue 5): what the closed loop needs beyond the tables of the initial schema.
 * - `dossier_counter`: one row per year; `2026-00042` is the 42nd dossier of 2026. Numbers are
 *   taken inside the creating transaction (the row lock serialises creators), so a rolled-back
 *   referral does not leave a gap.
 * - `access_log` becomes append-only in PostgreSQL itself: a statement trigger refuses every
 *   UPDATE, DELETE and TRUNCATE, whoever runs it (NEN 7513: the log cannot be rewritten by
 *   the application's role). Referral events may not be updated either (they are deleted only
 *   with their referral, by the retention purge).
 * - `referral_deletion`: what remains of a referral purged after the retention period — dossier
 *   number, area, final status, target groups, the months it was opened and closed and its
 *   duration in days — so aggregates and the audit trail survive; no case content.
 * - indexes for retention (closed_at) and for overdue actions (open actions by due date).
 */
export class Referrals1764600000000 implements MigrationInterface {
  name = 'Referrals1764600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`CREATE TABLE "dossier_counter" (
        "year" smallint NOT NULL,
        "last_number" integer NOT NULL DEFAULT '0',
        CONSTRAINT "PK_dossier_counter" PRIMARY KEY ("year"),
        CONSTRAINT "CHK_dossier_counter_year" CHECK (year BETWEEN 2000 AND 9999),
        CONSTRAINT "CHK_dossier_counter_last_number" CHECK (last_number >= 0)
      )`);

    await q(`CREATE FUNCTION "access_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'access_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q(`CREATE TRIGGER "TRG_access_log_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "access_log"
      FOR EACH STATEMENT EXECUTE FUNCTION "access_log_append_only"()`);

    // Events are history: never rewritten (deleted only with their referral, by the retention purge).
    await q(`CREATE FUNCTION "referral_event_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'referral_event is immutable: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q(`CREATE TRIGGER "TRG_referral_event_immutable" BEFORE UPDATE ON "referral_event"
      FOR EACH STATEMENT EXECUTE FUNCTION "referral_event_immutable"()`);

    await q(`CREATE TABLE "referral_deletion" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "dossier_number" character varying(20) NOT NULL,
        "area_id" uuid,
        "status" character varying(20) NOT NULL,
        "target_group_ids" uuid array NOT NULL DEFAULT '{}',
        "opened_month" date NOT NULL,
        "closed_month" date,
        "days_to_close" integer,
        "purged_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_referral_deletion" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_referral_deletion_status" CHECK (status IN ('CLOSED', 'DECLINED', 'WITHDRAWN')),
        CONSTRAINT "CHK_referral_deletion_months" CHECK (extract(day FROM opened_month) = 1 AND (closed_month IS NULL OR extract(day FROM closed_month) = 1)),
        CONSTRAINT "CHK_referral_deletion_days_to_close" CHECK (days_to_close IS NULL OR days_to_close >= 0)
      )`);
    await q(`CREATE UNIQUE INDEX "UQ_referral_deletion_dossier_number" ON "referral_deletion" ("dossier_number")`);
    await q(`CREATE INDEX "IDX_referral_deletion_area_id" ON "referral_deletion" ("area_id")`);
    await q(
      `ALTER TABLE "referral_deletion" ADD CONSTRAINT "FK_referral_deletion_area" FOREIGN KEY ("area_id") REFERENCES "area"("id") ON DELETE RESTRICT`,
    );

    // Retention looks for ended referrals by closed_at; overdue lists open actions by due date.
    await q(`CREATE INDEX "IDX_referral_closed_at" ON "referral" ("closed_at")`);
    await q(`CREATE INDEX "IDX_referral_action_open_due_on" ON "referral_action" ("due_on") WHERE completed_at IS NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_referral_action_open_due_on"`);
    await queryRunner.query(`DROP INDEX "IDX_referral_closed_at"`);
    await queryRunner.query(`DROP TABLE "referral_deletion"`);
    await queryRunner.query(`DROP TRIGGER "TRG_referral_event_immutable" ON "referral_event"`);
    await queryRunner.query(`DROP FUNCTION "referral_event_immutable"()`);
    await queryRunner.query(`DROP TRIGGER "TRG_access_log_append_only" ON "access_log"`);
    await queryRunner.query(`DROP FUNCTION "access_log_append_only"()`);
    await queryRunner.query(`DROP TABLE "dossier_counter"`);
  }
}
