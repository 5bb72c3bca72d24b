import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fixed-window counters shared by every API process: one row per key (`login:account:<sha256 of
 * the e-mail>`, `login:source:<address>`, …) with the hits in the current window and when that
 * window ends. Callers count with one `INSERT … ON CONFLICT … DO UPDATE … RETURNING`, so parallel
 * requests cannot lose a hit. Rows whose window has ended are dead and may be deleted at any time
 * (the login throttle prunes a few whenever it starts a window).
 *
 * Replaces the per-user `failed_login_count`/`locked_until` of `app_user` for sign-in, which were
 * read and written back (parallel guesses were lost) and keyed only by existing accounts.
 */
export class RateLimitCounter1765000000000 implements MigrationInterface {
  name = 'RateLimitCounter1765000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "rate_limit_counter" (
        "key" text NOT NULL,
        "hits" integer NOT NULL,
        "window_ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_rate_limit_counter" PRIMARY KEY ("key"),
        CONSTRAINT "CHK_rate_limit_counter_hits" CHECK (hits >= 0)
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_rate_limit_counter_window_ends_at" ON "rate_limit_counter" ("window_ends_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limit_counter"`);
  }
}
