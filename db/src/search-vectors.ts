/**
 * The tsvector expressions behind the Dutch full-text search indexes. The API must query with
 * exactly these expressions for PostgreSQL to use the GIN indexes. Changing one needs a new
 * migration that recreates its index.
 */
export const searchVectorSql = {
  organisation: `to_tsvector('dutch'::regconfig, coalesce(name, '') || ' ' || coalesce(abbreviation, '') || ' ' || coalesce(description, ''))`,
  service: `to_tsvector('dutch'::regconfig, coalesce(name, '') || ' ' || coalesce(abbreviation, '') || ' ' || coalesce(description, '') || ' ' || coalesce(eligibility, ''))`,
} as const;
