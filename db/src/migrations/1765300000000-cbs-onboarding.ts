import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Adopting Schakel from CBS's published files (docs/adopting.md):
 * - `area.valid_from_year` / `valid_to_year`: the years a CBS area code is in CBS's division
 *   (wijk- en buurtindeling); NULL is open-ended. Key figures of a year belong to the area whose
 *   code is valid that year;
 * - `key_figure.derived`: the figure was computed by Schakel from other published figures (a share
 *   from two counts), not published as such;
 * - `key_figure_missing`: what a source publishes instead of a value — CBS's symbols `.`
 *   (unknown), `x` (secret) and `-` (nil) — per area, indicator, year and source, so a
 *   neighbourhood view can say why a figure is absent rather than show nothing.
 */
export class CbsOnboarding1765300000000 implements MigrationInterface {
  name = 'CbsOnboarding1765300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`ALTER TABLE "area" ADD "valid_from_year" smallint`);
    await q(`ALTER TABLE "area" ADD "valid_to_year" smallint`);
    await q(`ALTER TABLE "area" ADD CONSTRAINT "CHK_area_valid_years" CHECK ((valid_from_year IS NULL OR valid_from_year BETWEEN 1800 AND 2200) AND (valid_to_year IS NULL OR valid_to_year BETWEEN 1800 AND 2200) AND (valid_from_year IS NULL OR valid_to_year IS NULL OR valid_from_year <= valid_to_year))`);
    await q(`ALTER TABLE "key_figure" ADD "derived" boolean NOT NULL DEFAULT false`);
    await q(`CREATE TABLE "key_figure_missing" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "area_id" uuid NOT NULL,
        "indicator_id" uuid NOT NULL,
        "year" smallint NOT NULL,
        "source" character varying(300) NOT NULL,
        "reason" character varying(10) NOT NULL,
        CONSTRAINT "PK_key_figure_missing" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_key_figure_missing_area_indicator_year_source" UNIQUE ("area_id", "indicator_id", "year", "source"),
        CONSTRAINT "CHK_key_figure_missing_reason" CHECK (reason IN ('UNKNOWN', 'SECRET', 'NIL')),
        CONSTRAINT "CHK_key_figure_missing_year" CHECK (year BETWEEN 1800 AND 2200),
        CONSTRAINT "FK_key_figure_missing_area" FOREIGN KEY ("area_id") REFERENCES "area"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "FK_key_figure_missing_indicator" FOREIGN KEY ("indicator_id") REFERENCES "indicator"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await q(`CREATE INDEX "IDX_key_figure_missing_area_id" ON "key_figure_missing" ("area_id")`);
    await q(`CREATE INDEX "IDX_key_figure_missing_indicator_id" ON "key_figure_missing" ("indicator_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`DROP TABLE "key_figure_missing"`);
    await q(`ALTER TABLE "key_figure" DROP COLUMN "derived"`);
    await q(`ALTER TABLE "area" DROP CONSTRAINT "CHK_area_valid_years"`);
    await q(`ALTER TABLE "area" DROP COLUMN "valid_to_year"`);
    await q(`ALTER TABLE "area" DROP COLUMN "valid_from_year"`);
  }
}
