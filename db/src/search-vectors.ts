/**
 * The tsvector expressions behind the full-text search indexes. The API must query with exactly
 * these expressions for PostgreSQL to use the GIN indexes. Changing one needs a new migration
 * that recreates its index.
 *
 * Each vector holds the text twice (migration 1766800001000):
 * - Dutch-stemmed lexemes (`dutch` config): inflections ("begeleiding" ~ "begeleiden");
 * - the words as written (`simple` config: no stemming, stop words kept), weighted A: prefix
 *   queries find compounds that start with a word ("'mantelzorg':*" finds
 *   "mantelzorgondersteuning") without the stemmer's conflations ("ouderen" and "ouders" both
 *   stem to "ouder"; "'ouder':A" is only the word as written).
 * The API's query expansion (api/src/modules/search/search.rules.ts) builds the tsquery.
 */
/** The search vector of a text expression (unindexed searches, e.g. the HSDS taxonomy terms, use it directly). */
export const searchVectorOf = (textSql: string) => `(to_tsvector('dutch'::regconfig, ${textSql}) || setweight(to_tsvector('simple'::regconfig, ${textSql}), 'A'::"char"))`;
const vector = (columns: readonly string[]) => searchVectorOf(columns.map((column) => `coalesce(${column}, '')`).join(` || ' ' || `));

export const searchVectorSql = {
  organisation: vector(['name', 'abbreviation', 'description']),
  service: vector(['name', 'abbreviation', 'description', 'eligibility']),
} as const;

/** A table's search vector on a table alias (`s`: `coalesce(s.name, '')`…). */
export function searchVectorOn(table: keyof typeof searchVectorSql, alias: string): string {
  return searchVectorSql[table].replace(/coalesce\((\w+),/g, `coalesce(${alias}.$1,`);
}

/**
 * The Dutch-stemmed vectors the initial migration indexed (frozen: that migration and the down
 * step of 1766800001000 recreate exactly these).
 */
export const dutchOnlySearchVectorSql = {
  organisation: `to_tsvector('dutch'::regconfig, coalesce(name, '') || ' ' || coalesce(abbreviation, '') || ' ' || coalesce(description, ''))`,
  service: `to_tsvector('dutch'::regconfig, coalesce(name, '') || ' ' || coalesce(abbreviation, '') || ' ' || coalesce(description, '') || ' ' || coalesce(eligibility, ''))`,
} as const;
