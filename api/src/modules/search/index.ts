/**
 * The search feature's public face: what other features, the scripts and the benchmarks may use
 * (see the files below). Its entities (*.entity.ts) are imported directly, being the shared
 * data model; its resolver and its module (search.module.ts) are not exported here: only
 * features.ts composes them (api/.dependency-cruiser.cjs, "feature-through-public-face").
 */
export { type SearchCondition, type SqlRunner, SYNONYM_CACHE_MS, expandSearch, forgetSynonymGroups, searchCondition, searchMatchSql, searchTextCondition } from './search.service';
export { parseSearch, searchTermKey, searchTsquery, wordsOf } from './search.rules';
