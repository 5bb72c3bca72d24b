import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The curator's mapping of other publications' taxonomy terms onto Schakel's target groups and
 * intervention types (issue 15): a term of a foreign taxonomy, named by the taxonomy's name or id
 * and the term's code or id (both kept trimmed and lower-cased), stands for exactly one target
 * group or intervention type when an HSDS import meets it (api/src/modules/hsds/hsds.taxonomy-mapping.ts).
 */
export class HsdsTaxonomyMapping1766200000001 implements MigrationInterface {
  name = 'HsdsTaxonomyMapping1766200000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`CREATE TABLE "taxonomy_mapping" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "taxonomy" character varying(300) NOT NULL,
        "term" character varying(300) NOT NULL,
        "target_group_id" uuid,
        "intervention_type_id" uuid,
        "note" text,
        CONSTRAINT "PK_taxonomy_mapping" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_taxonomy_mapping" UNIQUE ("taxonomy", "term"),
        CONSTRAINT "CHK_taxonomy_mapping_target" CHECK (num_nonnulls(target_group_id, intervention_type_id) = 1),
        CONSTRAINT "CHK_taxonomy_mapping_normalised" CHECK (taxonomy = lower(btrim(taxonomy)) AND term = lower(btrim(term)) AND taxonomy <> '' AND term <> '')
      )`);
    await q(`CREATE INDEX "IDX_taxonomy_mapping_target_group_id" ON "taxonomy_mapping" ("target_group_id")`);
    await q(`CREATE INDEX "IDX_taxonomy_mapping_intervention_type_id" ON "taxonomy_mapping" ("intervention_type_id")`);
    await q(`ALTER TABLE "taxonomy_mapping" ADD CONSTRAINT "FK_taxonomy_mapping_target_group" FOREIGN KEY ("target_group_id") REFERENCES "target_group"("id") ON DELETE CASCADE`);
    await q(`ALTER TABLE "taxonomy_mapping" ADD CONSTRAINT "FK_taxonomy_mapping_intervention_type" FOREIGN KEY ("intervention_type_id") REFERENCES "intervention_type"("id") ON DELETE CASCADE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "taxonomy_mapping"`);
  }
}
