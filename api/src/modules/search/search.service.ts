import { searchVectorOn } from '@schakel/db';
import type { EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, throwIfProblems, type FieldProblem } from '../../common/errors';
import { DUTCH_COLLATION } from '../../common/collation';
import { assertUuid } from '../../common/references';
import type { RequestContext } from '../../context';
import { assertAdmin } from '../../auth/policy';
import { assertVersion, inTransaction, registerConstraintFields } from '../curation';
import { SearchSynonym, SearchSynonymTerm } from './search-synonym.entity';
import type { SearchSynonymInput } from './search.inputs';
import { TERM_SEPARATORS, cleanTerms, searchTermKey, searchTsquery, synonymTermProblems, wordsOf } from './search.rules';

/** Runs one SQL statement with positional parameters (an EntityManager's or a pg Pool's `query`). */
export type SqlRunner = (sql: string, params: unknown[]) => Promise<unknown[]>;

/**
 * What search.rules.ts expands a query with: every synonym group (its term keys in the curator's
 * order, groups by id) and the Dutch stems of words ('' for a stop word: ts_lexize answers {}),
 * here of the query's words ($1) and of every group's. One statement, and none at all for a query
 * whose words are known while the groups are fresh:
 * - a stem is a function of the word and the dictionary alone, so stems are kept (`stems`, bounded);
 * - the groups are kept for SYNONYM_CACHE_MS (5 s); this process's own changes drop them at commit,
 *   another replica's are seen within that time (docs/operations.md, "Several replicas").
 */
const EXPANSION_SQL = `
WITH terms AS (SELECT t.synonym_id, t.position, t.term_key FROM search_synonym_term t),
words AS (SELECT unnest($1::text[]) AS w UNION SELECT regexp_split_to_table(term_key, $2) FROM terms)
SELECT (SELECT coalesce(json_agg(g.keys ORDER BY g.synonym_id), '[]'::json)
          FROM (SELECT synonym_id, json_agg(term_key ORDER BY position) AS keys FROM terms GROUP BY synonym_id) g) AS groups,
       (SELECT coalesce(json_object_agg(w, coalesce((ts_lexize('dutch_stem', w))[1], '')), '{}'::json) FROM words WHERE w <> '') AS stems`;

export const SYNONYM_CACHE_MS = 5000;
const MAX_STEMS = 50_000;

const expansionCache = {
  groups: null as string[][] | null,
  until: 0,
  /** Bumped when this process changes the groups: a load begun before it does not keep what it read. */
  generation: 0,
  stems: new Map<string, string>(),
};

/** Drops the kept synonym groups (after a change to them has committed). */
export function forgetSynonymGroups(): void {
  expansionCache.groups = null;
  expansionCache.generation += 1;
}

const separators = new RegExp(TERM_SEPARATORS);

/** The groups with a term whose words are all among `words`, as the expansion needs them. */
function groupsMatching(groups: readonly string[][], words: ReadonlySet<string>): string[][] {
  return groups.filter((keys) => keys.some((key) => key.split(separators).every((word) => words.has(word))));
}

/** The tsquery text a search means (search.rules.ts), or null when it has no word to look for. */
export async function expandSearch(run: SqlRunner, text: string): Promise<string | null> {
  const words = [...new Set(wordsOf(text))];
  if (words.length === 0) return null;
  const cache = expansionCache;
  const fresh = cache.groups !== null && cache.until > Date.now();
  if (!fresh || words.some((word) => word !== '' && !cache.stems.has(word))) {
    const generation = cache.generation;
    const [row] = (await run(EXPANSION_SQL, [words, TERM_SEPARATORS])) as { groups: string[][]; stems: Record<string, string> }[];
    for (const [word, stem] of Object.entries(row.stems)) {
      if (cache.stems.size >= MAX_STEMS) cache.stems.delete(cache.stems.keys().next().value as string);
      cache.stems.set(word, stem);
    }
    if (generation === cache.generation) {
      cache.groups = row.groups;
      cache.until = Date.now() + SYNONYM_CACHE_MS;
    }
    return searchTsquery(text, { groups: groupsMatching(row.groups, new Set(words)), stems: new Map(Object.entries(row.stems)) });
  }
  const groups = groupsMatching(cache.groups!, new Set(words));
  const needed = new Set([...words, ...groups.flatMap((keys) => keys.flatMap((key) => key.split(separators)))]);
  const stems = new Map([...needed].filter((word) => cache.stems.has(word)).map((word) => [word, cache.stems.get(word)!]));
  return searchTsquery(text, { groups, stems });
}

/** A condition and its named parameter. */
export interface SearchCondition {
  where: string;
  params: Record<string, unknown>;
}

/**
 * Rows of `table` aliased `alias` that match the tsquery `tsquerySql` (an SQL parameter), found
 * through the table's GIN index (@schakel/db searchVectorOn, the indexed expression) and taken
 * as `= ANY(ARRAY(…))`: a prefix query is estimated at 0.5 % of the rows or more however rare its
 * word, and with that estimate PostgreSQL walked the name index of a `LIMIT 21` page, computing
 * the vector of every row (0.6 s on 20,000 services for a word no service has) instead of asking
 * the index. The API, the benchmark's lower bound and its peers search with this one condition.
 */
export function searchMatchSql(table: 'organisation' | 'service', alias: string, tsquerySql: string): string {
  return `${alias}.id = ANY(ARRAY(SELECT m.id FROM ${table} m WHERE ${searchVectorOn(table, 'm')} @@ CAST(${tsquerySql} AS tsquery)))`;
}

/**
 * Rows of `table` aliased `alias` that match the search text (the expanded tsquery as the named
 * parameter `param`). A text without a word to look for matches nothing, as
 * websearch_to_tsquery's empty query did.
 */
export async function searchCondition(manager: EntityManager, table: 'organisation' | 'service', alias: string, text: string, param = 'search'): Promise<SearchCondition> {
  const tsquery = await expandSearch((sql, params) => manager.query(sql, params), text);
  if (tsquery === null) return { where: 'false', params: {} };
  return { where: searchMatchSql(table, alias, `:${param}`), params: { [param]: tsquery } };
}

/** The same search on a vector without an index (@schakel/db searchVectorOf over a text expression). */
export async function searchTextCondition(manager: EntityManager, vectorSql: string, text: string, param = 'search'): Promise<SearchCondition> {
  const tsquery = await expandSearch((sql, params) => manager.query(sql, params), text);
  if (tsquery === null) return { where: 'false', params: {} };
  return { where: `${vectorSql} @@ CAST(:${param} AS tsquery)`, params: { [param]: tsquery } };
}

// ---------------------------------------------------------------------------------------------
// Curating the synonym groups (admins)

registerConstraintFields({ UQ_search_synonym_term_key: 'input.terms' });

export async function listSearchSynonyms(ctx: RequestContext): Promise<SearchSynonym[]> {
  assertAdmin(ctx, 'Only admins see the search synonyms');
  // In the order of each group's first term (Dutch collation), so a curator finds a group by it.
  return ctx.manager.query(
    `SELECT s.id, s.version, s.created_at AS "createdAt", s.updated_at AS "updatedAt" FROM search_synonym s
      ORDER BY (SELECT t.term FROM search_synonym_term t WHERE t.synonym_id = s.id AND t.position = 0) COLLATE "${DUTCH_COLLATION}", s.id`,
  );
}

const termTakenMessage = (term: string) => `"${term}" is already a term of another synonym group`;

/** Every problem of the input at once: the terms' own (search.rules.ts) and each term another group has (CONFLICT when that is all). */
async function writeTerms(tx: EntityManager, synonymId: string, input: SearchSynonymInput): Promise<void> {
  const problems: FieldProblem[] = synonymTermProblems(input.terms);
  const terms = cleanTerms(input.terms);
  const keys = terms.map(searchTermKey);
  const taken: { term_key: string; term: string; synonym_id: string }[] = await tx.query(
    `SELECT term_key, term, synonym_id FROM search_synonym_term WHERE term_key = ANY($1) AND synonym_id <> $2`,
    [keys, synonymId],
  );
  const conflicts = taken.map((row) => {
    const index = keys.indexOf(row.term_key);
    return { field: `input.terms.${index}`, term: terms[index], synonymId: row.synonym_id };
  });
  if (problems.length > 0) throwIfProblems(problems);
  if (conflicts.length > 0) {
    const [first] = conflicts;
    throw new ConflictError(
      conflicts.map((c) => termTakenMessage(c.term)).join('; '),
      first.field,
      { rule: 'termInOtherGroup', params: { term: first.term, synonymId: first.synonymId }, errors: conflicts.map((c) => ({ field: c.field, message: termTakenMessage(c.term), rule: 'termInOtherGroup', params: { term: c.term, synonymId: c.synonymId } })) },
    );
  }
  await tx.query(`DELETE FROM search_synonym_term WHERE synonym_id = $1`, [synonymId]);
  await tx.getRepository(SearchSynonymTerm).insert(terms.map((term, position) => ({ synonymId, position, term, termKey: keys[position] })));
}

export async function createSearchSynonym(ctx: RequestContext, input: SearchSynonymInput): Promise<SearchSynonym> {
  assertAdmin(ctx, 'Only admins change the search synonyms');
  // Validated before anything is written, so bad input leaves no empty group behind.
  throwIfProblems(synonymTermProblems(input.terms));
  const saved = await inTransaction(ctx, async (tx) => {
    const created = await tx.getRepository(SearchSynonym).save(tx.getRepository(SearchSynonym).create({}));
    await writeTerms(tx, created.id, input);
    return created;
  });
  forgetSynonymGroups();
  return saved;
}

export async function updateSearchSynonym(ctx: RequestContext, id: string, version: number, input: SearchSynonymInput): Promise<SearchSynonym> {
  assertAdmin(ctx, 'Only admins change the search synonyms');
  assertUuid(id, 'id');
  const updated = await inTransaction(ctx, async (tx) => {
    const record = await lockedSynonym(tx, id);
    assertVersion('Search synonym', record, version);
    await writeTerms(tx, id, input);
    await tx.query(`UPDATE search_synonym SET version = version + 1, updated_at = now() WHERE id = $1`, [id]);
    return tx.getRepository(SearchSynonym).findOneByOrFail({ id });
  });
  forgetSynonymGroups();
  return updated;
}

export async function deleteSearchSynonym(ctx: RequestContext, id: string, version: number): Promise<boolean> {
  assertAdmin(ctx, 'Only admins change the search synonyms');
  assertUuid(id, 'id');
  const deleted = await inTransaction(ctx, async (tx) => {
    const record = await lockedSynonym(tx, id);
    assertVersion('Search synonym', record, version);
    await tx.getRepository(SearchSynonym).delete({ id });
    return true;
  });
  forgetSynonymGroups();
  return deleted;
}

async function lockedSynonym(tx: EntityManager, id: string): Promise<SearchSynonym> {
  const record = await tx.getRepository(SearchSynonym).createQueryBuilder('s').setLock('pessimistic_write').where('s.id = :id', { id }).getOne();
  if (!record) throw new NotFoundError('Search synonym', id);
  return record;
}
