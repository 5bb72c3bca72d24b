import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every API process keeps the callers it has just checked for a few seconds (CREDENTIAL_CACHE_SECONDS,
 * api/src/http/credential-cache.ts), so a request does not pay one statement for its session or API key.
 * Revocation must still reach every process at once: these triggers send `NOTIFY schakel_credentials`
 * with `user:<id>` when a user's session is revoked, renewed or shortened or its status, role, organisation or areas change and `key:<id>`
 * when an API key is revoked, expires or changes scope. NOTIFY is delivered at commit, to every
 * listening connection of every replica; the cache's lifetime bounds what a lost notification costs.
 * The payload names an id only: no token, no hash, no personal data.
 */
export class CredentialNotifications1765400000000 implements MigrationInterface {
  name = 'CredentialNotifications1765400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION notify_credentials_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        row_data record := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      BEGIN
        IF TG_TABLE_NAME = 'api_key' THEN
          PERFORM pg_notify('schakel_credentials', 'key:' || row_data.id);
        ELSIF TG_TABLE_NAME = 'app_user' THEN
          PERFORM pg_notify('schakel_credentials', 'user:' || row_data.id);
        ELSE
          PERFORM pg_notify('schakel_credentials', 'user:' || row_data.user_id);
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER "TRG_user_session_credentials" AFTER UPDATE OF revoked_at, expires_at, absolute_expires_at OR DELETE ON user_session
      FOR EACH ROW EXECUTE FUNCTION notify_credentials_changed()`);
    await queryRunner.query(`CREATE TRIGGER "TRG_app_user_credentials" AFTER UPDATE OF status, role, organisation_id OR DELETE ON app_user
      FOR EACH ROW EXECUTE FUNCTION notify_credentials_changed()`);
    await queryRunner.query(`CREATE TRIGGER "TRG_user_area_credentials" AFTER INSERT OR UPDATE OR DELETE ON user_area
      FOR EACH ROW EXECUTE FUNCTION notify_credentials_changed()`);
    await queryRunner.query(`CREATE TRIGGER "TRG_api_key_credentials" AFTER UPDATE OF revoked_at, expires_at, scopes, organisation_id OR DELETE ON api_key
      FOR EACH ROW EXECUTE FUNCTION notify_credentials_changed()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "TRG_api_key_credentials" ON api_key`);
    await queryRunner.query(`DROP TRIGGER "TRG_user_area_credentials" ON user_area`);
    await queryRunner.query(`DROP TRIGGER "TRG_app_user_credentials" ON app_user`);
    await queryRunner.query(`DROP TRIGGER "TRG_user_session_credentials" ON user_session`);
    await queryRunner.query(`DROP FUNCTION notify_credentials_changed()`);
  }
}
