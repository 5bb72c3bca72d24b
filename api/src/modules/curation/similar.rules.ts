/**
 * When two names are "close" (the duplicates warning of the curation forms): pg_trgm's
 * trigram similarity — case-insensitive, punctuation ignored — of at least this much. Measured on
 * PostgreSQL 15: "Welzijn Amersfoort" ~ "Stichting Welzijn Amersfoort" 0.66, "Buurthuis Groote
 * Koppel" ~ "Buurthuis De Groote Koppel" 0.89, "GGD Utrecht" ~ "GGD regio Utrecht" 0.67 (warned);
 * "Speeltuin De Hoek" ~ "Buurthuis De Hoek" 0.29 (not). Names sharing two long words also pass
 * ("Stichting Jeugdwerk Amersfoort" ~ "Stichting Welzijn Amersfoort" 0.54): it is a warning to
 * look, never a refusal.
 * The SQL twin is `SIMILAR_NAME_SQL`; nothing else decides it.
 */
export const NAME_SIMILARITY_THRESHOLD = 0.4;

/** At most this many close names are answered, closest first. */
export const MAX_SIMILAR_NAMES = 5;

/** The SQL twin of the rule: `column` is close to the text parameter `param`, with its score as `score`. */
export const SIMILAR_NAME_SQL = (column: string, param: string) => ({
  where: `similarity(${column}, ${param}) >= ${NAME_SIMILARITY_THRESHOLD}`,
  score: `similarity(${column}, ${param})`,
});

/**
 * The same name in the sense of an exact duplicate (duplicate.service.ts): trimmed, whitespace
 * collapsed, case ignored. `SAME_NAME_SQL` is its SQL twin, the expression the partial unique
 * indexes of migration 1766400000000 are built on (keep them equal).
 */
export function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}

/** What `sameName` compares: two names are the same when their keys are equal. */
export function nameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('nl');
}

/** The SQL twin of `sameName`'s normalisation, applied to `expression`. */
export const SAME_NAME_SQL = (expression: string) => `lower(regexp_replace(btrim(${expression}), '\\s+', ' ', 'g'))`;
