import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dutchOnlySearchVectorSql, searchVectorSql } from '../search-vectors';

/**
 * Search that finds what people mean (issue 16):
 * - `search_synonym` groups of equivalent terms (a word or a phrase) curators keep, each term in
 *   `search_synonym_term` once across all groups (`term_key`: lower case, spaces collapsed — the
 *   API's searchTermKey, api/src/modules/search/search.rules.ts), with a starting list of Dutch
 *   social-domain synonyms;
 * - the organisation and service search indexes recreated on vectors that hold the words as
 *   written beside their Dutch stems (db/src/search-vectors.ts), for compound-aware prefix
 *   matching without the stemmer's "ouderen" = "ouders".
 */
const STARTING_SYNONYMS: readonly (readonly string[])[] = [
  ['ouderen', 'senioren', '65-plussers'],
  ['mantelzorg', 'informele zorg'],
  ['jongeren', 'jeugd', 'jeugdigen'],
  ['eenzaamheid', 'sociaal isolement'],
  ['vrijwilligers', 'vrijwilligerswerk', 'vrijwillige inzet'],
  ['allochtonen', 'mensen met een migratieachtergrond', 'migranten'],
  ['schuldhulp', 'schuldhulpverlening', 'schuldsanering'],
  ['statushouders', 'vergunninghouders'],
  ['dementie', 'geheugenproblemen'],
  ['ggz', 'geestelijke gezondheidszorg'],
  ['wmo', 'wet maatschappelijke ondersteuning'],
  ['huiselijk geweld', 'relationeel geweld'],
  ['laaggeletterdheid', 'moeite met lezen en schrijven'],
  ['buurthuis', 'wijkcentrum', 'buurtcentrum'],
  ['opvoedingsondersteuning', 'opvoedondersteuning', 'hulp bij opvoeden'],
  ['dagbesteding', 'dagactiviteiten'],
];

const termKey = (term: string) => term.trim().replace(/\s+/g, ' ').toLowerCase();
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

export class SearchSynonyms1766800001000 implements MigrationInterface {
  name = 'SearchSynonyms1766800001000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`CREATE TABLE "search_synonym" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT 1,
        CONSTRAINT "PK_search_synonym" PRIMARY KEY ("id")
      )`);
    await q(`CREATE TABLE "search_synonym_term" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "synonym_id" uuid NOT NULL,
        "position" smallint NOT NULL,
        "term" character varying(100) NOT NULL,
        "term_key" character varying(100) NOT NULL,
        CONSTRAINT "PK_search_synonym_term" PRIMARY KEY ("id"),
        CONSTRAINT "FK_search_synonym_term_synonym" FOREIGN KEY ("synonym_id") REFERENCES "search_synonym"("id") ON DELETE CASCADE
      )`);
    await q(`CREATE UNIQUE INDEX "UQ_search_synonym_term_key" ON "search_synonym_term" ("term_key")`);
    await q(`CREATE UNIQUE INDEX "UQ_search_synonym_term_position" ON "search_synonym_term" ("synonym_id", "position")`);
    for (const terms of STARTING_SYNONYMS) {
      const values = terms.map((term, position) => `(${position}, ${literal(term)}, ${literal(termKey(term))})`).join(', ');
      await q(`WITH g AS (INSERT INTO "search_synonym" DEFAULT VALUES RETURNING id)
               INSERT INTO "search_synonym_term" (synonym_id, position, term, term_key)
               SELECT g.id, v.position, v.term, v.term_key FROM g, (VALUES ${values}) AS v(position, term, term_key)`);
    }
    await q(`DROP INDEX "IDX_organisation_search"`);
    await q(`DROP INDEX "IDX_service_search"`);
    await q(`CREATE INDEX "IDX_organisation_search" ON "organisation" USING gin (${searchVectorSql.organisation})`);
    await q(`CREATE INDEX "IDX_service_search" ON "service" USING gin (${searchVectorSql.service})`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`DROP INDEX "IDX_service_search"`);
    await q(`DROP INDEX "IDX_organisation_search"`);
    await q(`CREATE INDEX "IDX_organisation_search" ON "organisation" USING gin (${dutchOnlySearchVectorSql.organisation})`);
    await q(`CREATE INDEX "IDX_service_search" ON "service" USING gin (${dutchOnlySearchVectorSql.service})`);
    await q(`DROP TABLE "search_synonym_term"`);
    await q(`DROP TABLE "search_synonym"`);
  }
}
