import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data-subject rights (GDPR art. 15 and 17) for key persons and user accounts:
 * - `erased_at` on `key_person` and `app_user`, with checks that an erased row holds no
 *   personal data (the fixed marker `[erased]`, NULLs, a non-personal e-mail placeholder) and
 *   stays archived / disabled, and triggers that make an erasure final: an erased key person is
 *   never changed again, and an erased account never gets its personal columns back;
 * - `data_subject_erasure`: one row per erased subject (who erased it, when, why, which
 *   fields), no personal data, append-only, without foreign keys so it outlives the accounts;
 * - the history action ERASE.
 */
const ACTIONS_BEFORE = `'CREATE', 'UPDATE', 'ARCHIVE', 'RESTORE', 'DELETE', 'VERIFY'`;
const ACTIONS_AFTER = `${ACTIONS_BEFORE}, 'ERASE'`;

export class DataSubjectRights1765100000000 implements MigrationInterface {
  name = 'DataSubjectRights1765100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`ALTER TABLE "key_person" ADD "erased_at" TIMESTAMP WITH TIME ZONE`);
    await q(`ALTER TABLE "key_person" ADD CONSTRAINT "CHK_key_person_erased" CHECK (erased_at IS NULL OR (archived_at IS NOT NULL AND name = '[erased]' AND role_description IS NULL AND phone IS NULL AND email IS NULL AND notes IS NULL))`);
    await q(`CREATE FUNCTION "key_person_erasure_is_final"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'key person % was erased and cannot be changed', OLD.id USING ERRCODE = 'check_violation', CONSTRAINT = 'TRG_key_person_erasure_is_final';
      END
      $$`);
    await q(`CREATE TRIGGER "TRG_key_person_erasure_is_final" BEFORE UPDATE ON "key_person"
      FOR EACH ROW WHEN (OLD.erased_at IS NOT NULL) EXECUTE FUNCTION "key_person_erasure_is_final"()`);

    await q(`ALTER TABLE "app_user" ADD "erased_at" TIMESTAMP WITH TIME ZONE`);
    await q(`ALTER TABLE "app_user" ADD CONSTRAINT "CHK_app_user_erased" CHECK (erased_at IS NULL OR (status = 'DISABLED' AND display_name = '[erased]' AND email = 'erased-' || id || '@erased.invalid'))`);
    await q(`CREATE FUNCTION "app_user_erasure_is_final"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'user % was erased: its personal data and status cannot be changed', OLD.id USING ERRCODE = 'check_violation', CONSTRAINT = 'TRG_app_user_erasure_is_final';
      END
      $$`);
    await q(`CREATE TRIGGER "TRG_app_user_erasure_is_final" BEFORE UPDATE ON "app_user"
      FOR EACH ROW WHEN (OLD.erased_at IS NOT NULL AND (NEW.erased_at IS DISTINCT FROM OLD.erased_at OR NEW.email IS DISTINCT FROM OLD.email
        OR NEW.display_name IS DISTINCT FROM OLD.display_name OR NEW.status IS DISTINCT FROM OLD.status OR NEW.password_hash IS DISTINCT FROM OLD.password_hash))
      EXECUTE FUNCTION "app_user_erasure_is_final"()`);

    await q(`CREATE TABLE "data_subject_erasure" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "subject_type" character varying(20) NOT NULL,
        "subject_id" uuid NOT NULL,
        "actor_user_id" uuid NOT NULL,
        "reason" text NOT NULL,
        "fields" text array NOT NULL,
        CONSTRAINT "PK_data_subject_erasure" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_data_subject_erasure_subject" UNIQUE ("subject_type", "subject_id"),
        CONSTRAINT "CHK_data_subject_erasure_subject_type" CHECK (subject_type IN ('KEY_PERSON', 'USER')),
        CONSTRAINT "CHK_data_subject_erasure_reason" CHECK (length(btrim(reason)) BETWEEN 1 AND 2000)
      )`);
    await q(`CREATE INDEX "IDX_data_subject_erasure_actor_user_id" ON "data_subject_erasure" ("actor_user_id")`);
    await q(`CREATE INDEX "IDX_data_subject_erasure_occurred_at" ON "data_subject_erasure" ("occurred_at")`);
    await q(`CREATE FUNCTION "data_subject_erasure_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'data_subject_erasure is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q(`CREATE TRIGGER "TRG_data_subject_erasure_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "data_subject_erasure"
      FOR EACH STATEMENT EXECUTE FUNCTION "data_subject_erasure_append_only"()`);

    await q(`ALTER TABLE "change_record" DROP CONSTRAINT "CHK_change_record_action"`);
    await q(`ALTER TABLE "change_record" ADD CONSTRAINT "CHK_change_record_action" CHECK (action IN (${ACTIONS_AFTER}))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`ALTER TABLE "change_record" DROP CONSTRAINT "CHK_change_record_action"`);
    await q(`DELETE FROM "change_record" WHERE action = 'ERASE'`);
    await q(`ALTER TABLE "change_record" ADD CONSTRAINT "CHK_change_record_action" CHECK (action IN (${ACTIONS_BEFORE}))`);
    await q(`DROP TABLE "data_subject_erasure"`);
    await q(`DROP FUNCTION "data_subject_erasure_append_only"()`);
    await q(`DROP TRIGGER "TRG_app_user_erasure_is_final" ON "app_user"`);
    await q(`DROP FUNCTION "app_user_erasure_is_final"()`);
    await q(`ALTER TABLE "app_user" DROP CONSTRAINT "CHK_app_user_erased"`);
    await q(`ALTER TABLE "app_user" DROP COLUMN "erased_at"`);
    await q(`DROP TRIGGER "TRG_key_person_erasure_is_final" ON "key_person"`);
    await q(`DROP FUNCTION "key_person_erasure_is_final"()`);
    await q(`ALTER TABLE "key_person" DROP CONSTRAINT "CHK_key_person_erased"`);
    await q(`ALTER TABLE "key_person" DROP COLUMN "erased_at"`);
  }
}
