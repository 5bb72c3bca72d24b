import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exact duplicates under the same parent are refused (issue 16): two live organisations with the
 * same name, two live services or locations of one organisation with the same name, two live
 * locations of one organisation at the same address. The API refuses them first with a CONFLICT
 * that names the existing record (api/src/modules/curation/duplicate.service.ts); these partial
 * unique indexes make sure two concurrent writes cannot both pass. "The same" is the name
 * trimmed, its whitespace collapsed, in lower case — `sameName` in similar.rules.ts and
 * `normalisedNameSql` below are the twins. Archived records are left out: archiving makes room.
 *
 * Organisations merged into another (`merged_into_id`, set with the archive by
 * mergeOrganisations) keep their row and history; the column says where they went.
 */
export const normalisedNameSql = (column: string) => `lower(regexp_replace(btrim(${column}), '\\s+', ' ', 'g'))`;
const normalisedPostcodeSql = `coalesce(upper(replace(postcode, ' ', '')), '')`;

export class ExactDuplicates1766400000000 implements MigrationInterface {
  name = 'ExactDuplicates1766400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`CREATE UNIQUE INDEX "UQ_organisation_live_name" ON "organisation" (${normalisedNameSql('name')}) WHERE archived_at IS NULL`);
    await q(`CREATE UNIQUE INDEX "UQ_service_live_name" ON "service" (organisation_id, ${normalisedNameSql('name')}) WHERE archived_at IS NULL`);
    await q(`CREATE UNIQUE INDEX "UQ_location_live_name" ON "location" (organisation_id, ${normalisedNameSql('name')}) WHERE archived_at IS NULL`);
    await q(
      `CREATE UNIQUE INDEX "UQ_location_live_address" ON "location" (organisation_id, ${normalisedNameSql('address')}, ${normalisedPostcodeSql}) WHERE archived_at IS NULL AND address IS NOT NULL`,
    );
    await q(`ALTER TABLE "organisation" ADD "merged_into_id" uuid`);
    await q(`ALTER TABLE "organisation" ADD CONSTRAINT "FK_organisation_merged_into" FOREIGN KEY ("merged_into_id") REFERENCES "organisation"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "organisation" ADD CONSTRAINT "CHK_organisation_merged_archived" CHECK (merged_into_id IS NULL OR (archived_at IS NOT NULL AND merged_into_id <> id))`);
    await q(`CREATE INDEX "IDX_organisation_merged_into_id" ON "organisation" ("merged_into_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`DROP INDEX "IDX_organisation_merged_into_id"`);
    await q(`ALTER TABLE "organisation" DROP CONSTRAINT "CHK_organisation_merged_archived"`);
    await q(`ALTER TABLE "organisation" DROP CONSTRAINT "FK_organisation_merged_into"`);
    await q(`ALTER TABLE "organisation" DROP COLUMN "merged_into_id"`);
    await q(`DROP INDEX "UQ_location_live_address"`);
    await q(`DROP INDEX "UQ_location_live_name"`);
    await q(`DROP INDEX "UQ_service_live_name"`);
    await q(`DROP INDEX "UQ_organisation_live_name"`);
  }
}
