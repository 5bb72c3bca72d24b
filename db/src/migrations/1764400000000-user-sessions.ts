import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Server-side login sessions (token hashes only) for cookie-based sign-in. */
export class UserSessions1764400000000 implements MigrationInterface {
  name = 'UserSessions1764400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "user_session" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "token_hash" character(64) NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "absolute_expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        "ip_address" inet,
        "user_agent" text,
        CONSTRAINT "PK_user_session" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_user_session_user_id" ON "user_session" ("user_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_user_session_token_hash" ON "user_session" ("token_hash")`);
    await queryRunner.query(`CREATE INDEX "IDX_user_session_expires_at" ON "user_session" ("expires_at")`);
    await queryRunner.query(
      `ALTER TABLE "user_session" ADD CONSTRAINT "FK_user_session_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "user_session"`);
  }
}
