import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Figures of the whole country (issue 15, "comparison against the area's own municipality and the
 * country"): CBS's Kerncijfers wijken en buurten carry a row `NL00 Nederland`. The country is no
 * area a user works in or a service serves, so its figures are kept beside the areas' rather than
 * as an area: one value per indicator, year and source, replaced by the next import of the file.
 */
export class CountryKeyFigures1766910000000 implements MigrationInterface {
  name = 'CountryKeyFigures1766910000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "country_key_figure" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "indicator_id" uuid NOT NULL,
        "year" smallint NOT NULL,
        "value" numeric(14,3) NOT NULL,
        "source" character varying(300) NOT NULL,
        "derived" boolean NOT NULL DEFAULT false,
        CONSTRAINT "PK_country_key_figure" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_country_key_figure_indicator_year_source" UNIQUE ("indicator_id", "year", "source"),
        CONSTRAINT "CHK_country_key_figure_year" CHECK (year BETWEEN 1800 AND 2200),
        CONSTRAINT "FK_country_key_figure_indicator" FOREIGN KEY ("indicator_id") REFERENCES "indicator"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "country_key_figure"`);
  }
}
