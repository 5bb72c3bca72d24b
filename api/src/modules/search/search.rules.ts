import type { FieldProblem } from '../../common/errors';

/**
 * Search that finds what people mean (issue 16): the one home of how a user's search text
 * becomes a tsquery on the search vectors of @schakel/db (searchVectorSql). A vector holds the
 * text twice: its Dutch stems, and the words as written (weight A). A query word `w` becomes
 *   'w':*      — the word as written and every word that starts with it: its longer
 *                inflections and the compounds it begins ("mantelzorg" finds "mantelzorgers",
 *                "mantelzorgondersteuning"; "ouderen" finds "ouderenwerk", "ouderenadviseur");
 *   | 'stem'   — its Dutch (Snowball) stem, for the inflections shorter than it
 *                ("mantelzorgers" finds "mantelzorger", "begeleiding" finds "begeleiden"),
 * except for the words of WORD_FORMS, whose stem means something else too: the stemmer maps
 * "ouderen" (the elderly) and "ouders" (parents) both to "ouder", so "ouderen" never finds
 * "ouder-kind"; their forms are listed, and an exact form that is also a stem ("ouder") is
 * restricted to the words as written (:A). Weights are used for that only: the GIN index does
 * not store them, so a weighted lexeme makes PostgreSQL recompute the vector of every candidate
 * row (phrases do too, as before). Compounds that END with a word ("zorg" → "thuiszorg") are not found: a GIN index
 * on lexemes answers prefixes only, and the suffix matches would mostly be noise ("zorg" is in
 * half the descriptions).
 *
 * Curated synonyms (search_synonym): a run of query words that is a term of a group (a word or
 * a phrase, "informele zorg") is replaced by the group: any of its terms, each matched as above
 * (a phrase as its words in a row, the last one as a prefix, or their stems in a row).
 *
 * The websearch syntax stays: words are ANDed, `or` between them ORs, `-word` and `-"phrase"`
 * exclude (the word and its forms, not its synonyms), "a quoted phrase" matches those words in a
 * row — as written or by their stems, without synonyms or compounds. Dutch stop words outside a
 * phrase are left out, as websearch_to_tsquery('dutch') does.
 *
 * Results stay in name order (keyset pages); there is no ranking to keep.
 */

/** The words of a text as the search sees them: lower case, letters and digits. */
export function wordsOf(text: string): string[] {
  return text.toLocaleLowerCase('nl').match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** What makes two synonym terms the same (search_synonym_term.term_key, unique). */
export function searchTermKey(term: string): string {
  return term.trim().replace(/\s+/g, ' ').toLocaleLowerCase('nl');
}

/** The characters between the words of a valid term (PostgreSQL splits term keys on these: search.service.ts). */
export const TERM_SEPARATORS = "[-\\s'’]+";

/**
 * Words whose Dutch stem is shared with an unrelated word: matched by these forms only
 * (prefixes as written, and exact words), never by their stem.
 */
export const WORD_FORMS: Readonly<Record<string, { prefixes: readonly string[]; exact: readonly string[] }>> = {
  // "ouderen"/"oudere" (the elderly) and "ouders"/"ouder" (parents) all stem to "ouder".
  ouderen: { prefixes: ['ouderen'], exact: ['oudere'] },
  oudere: { prefixes: ['oudere'], exact: [] },
  ouders: { prefixes: ['ouderschap'], exact: ['ouder', 'ouders'] },
  ouder: { prefixes: ['ouderschap'], exact: ['ouder', 'ouders'] },
};

/** Shorter words match only as written: a prefix query on one or two letters finds nearly everything. */
const MIN_PREFIX_LENGTH = 3;

/** What a query is expanded with: the synonym groups (term keys) and the Dutch stems of the words ('' for a stop word). */
export interface SearchExpansion {
  groups: readonly (readonly string[])[];
  stems: ReadonlyMap<string, string>;
}

export type SearchItem = { kind: 'word'; parts: string[]; negated: boolean } | { kind: 'quoted'; words: string[]; negated: boolean };

/** The search text as websearch reads it: alternatives (split on `or`), each a list of words and quoted phrases. */
export function parseSearch(text: string): SearchItem[][] {
  const alternatives: SearchItem[][] = [[]];
  for (const match of text.matchAll(/(-?)"([^"]*)"?|(\S+)/gu)) {
    const current = alternatives[alternatives.length - 1];
    if (match[2] !== undefined) {
      const words = wordsOf(match[2]);
      if (words.length > 0) current.push({ kind: 'quoted', words, negated: match[1] === '-' });
      continue;
    }
    const raw = match[3];
    if (raw.toLowerCase() === 'or') {
      if (current.length > 0) alternatives.push([]);
      continue;
    }
    const negated = raw.startsWith('-');
    const parts = wordsOf(negated ? raw.slice(1) : raw);
    if (parts.length > 0) current.push({ kind: 'word', parts, negated });
  }
  return alternatives.filter((items) => items.length > 0);
}

/** The tsquery text (for `CAST(… AS tsquery)`) of a search, or null when it has no word to look for. */
export function searchTsquery(text: string, expansion: SearchExpansion): string | null {
  const alternatives = parseSearch(text)
    .map((items) => conjunction(items, expansion))
    .filter((alternative): alternative is string => alternative !== null);
  return alternatives.length > 0 ? alternatives.join(' | ') : null;
}

/** A lexeme; with weight A only the words as written match it. */
const lexeme = (word: string, { prefix = false, asWritten = false } = {}) => {
  const label = `${prefix ? '*' : ''}${asWritten ? 'A' : ''}`;
  return `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${label ? `:${label}` : ''}`;
};
const anyOf = (alternatives: (string | null)[]) => {
  const kept = [...new Set(alternatives.filter((alternative): alternative is string => alternative !== null))];
  return kept.length === 0 ? null : kept.length === 1 ? kept[0] : `(${kept.join(' | ')})`;
};

function conjunction(items: SearchItem[], expansion: SearchExpansion): string | null {
  const terms = expansion.groups.map((group) => ({ group, words: group.map(wordsOf) }));
  const parts: string[] = [];
  for (let i = 0; i < items.length; ) {
    const synonym = synonymAt(items, i, terms);
    if (synonym) {
      const expression = anyOf(synonym.group.map((words) => (words.length === 1 ? wordForms(words[0], expansion) : phrase(words, expansion, true))));
      if (expression) parts.push(expression);
      i += synonym.items;
      continue;
    }
    const item = items[i];
    const expression =
      item.kind === 'quoted' ? phrase(item.words, expansion, false) : item.parts.length === 1 ? wordForms(item.parts[0], expansion) : phrase(item.parts, expansion, true);
    if (expression) parts.push(item.negated ? `!${expression}` : expression);
    i += 1;
  }
  return parts.length === 0 ? null : parts.length === 1 ? parts[0] : `(${parts.join(' & ')})`;
}

/** The longest synonym term that the plain words from `start` on spell exactly (whole words). */
function synonymAt(items: SearchItem[], start: number, terms: { words: string[][] }[]): { group: string[][]; items: number } | null {
  let best: { group: string[][]; items: number; length: number } | null = null;
  for (const { words: group } of terms) {
    for (const term of group) {
      let matched = 0;
      let used = 0;
      for (let i = start; i < items.length && matched < term.length; i++) {
        const item = items[i];
        if (item.kind !== 'word' || item.negated) break;
        if (item.parts.some((part, k) => term[matched + k] !== part)) break;
        matched += item.parts.length;
        used += 1;
      }
      if (used > 0 && matched === term.length && (!best || term.length > best.length)) best = { group, items: used, length: term.length };
    }
  }
  return best;
}

/** One word: as written or longer ('w':*A) or by its stem ('stem':D); null for a stop word. */
function wordForms(word: string, expansion: SearchExpansion): string | null {
  const special = WORD_FORMS[word];
  if (special) return anyOf([...special.prefixes.map((form) => lexeme(form, { prefix: true })), ...special.exact.map((form) => lexeme(form, { asWritten: true }))]);
  const stem = expansion.stems.get(word);
  if (stem === '') return null;
  const prefix = word.length >= MIN_PREFIX_LENGTH;
  // The prefix query already finds a stem that is the word itself.
  return anyOf([lexeme(word, { prefix }), stem && !(prefix && stem.startsWith(word)) ? lexeme(stem) : null]);
}

/**
 * Words in a row: as written (stop words included, the last word as a prefix when `prefixLast`)
 * or by their stems in a row, stop words counted as gaps (as websearch_to_tsquery does).
 */
function phrase(words: string[], expansion: SearchExpansion, prefixLast: boolean): string | null {
  const asWritten = words.map((word, k) => lexeme(word, { prefix: prefixLast && k === words.length - 1 && word.length >= MIN_PREFIX_LENGTH })).join(' <-> ');
  let stemmed: string | null = '';
  let gap = 0;
  for (const word of words) {
    const stem = expansion.stems.get(word);
    if (stem === undefined || WORD_FORMS[word]) {
      stemmed = null;
      break;
    }
    if (stem === '') {
      gap += 1;
      continue;
    }
    stemmed += stemmed === '' ? lexeme(stem) : ` <${gap + 1}> ${lexeme(stem)}`;
    gap = 0;
  }
  return anyOf([words.length === 1 ? asWritten : `(${asWritten})`, stemmed ? `(${stemmed})` : null]);
}

// ---------------------------------------------------------------------------------------------
// Curating the synonym groups

export const SYNONYM_LIMITS = { minTerms: 2, maxTerms: 20, maxTermLength: 100 } as const;

/**
 * Every problem of a group's terms at once, each naming its index (`input.terms.2`): too few or
 * too many terms, an empty or too long term, characters other than letters, digits, spaces,
 * hyphens and apostrophes, and a term given twice (by its key).
 */
export function synonymTermProblems(terms: readonly string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const { minTerms, maxTerms, maxTermLength } = SYNONYM_LIMITS;
  if (terms.length < minTerms) problems.push(problem('input.terms', `A synonym group needs at least ${minTerms} terms`, 'minTerms', { min: minTerms }));
  if (terms.length > maxTerms) problems.push(problem('input.terms', `A synonym group has at most ${maxTerms} terms`, 'maxTerms', { max: maxTerms }));
  const seen = new Map<string, number>();
  terms.forEach((term, index) => {
    const field = `input.terms.${index}`;
    const key = searchTermKey(term);
    if (key === '') problems.push(problem(field, 'A term may not be empty', 'required'));
    else if (key.length > maxTermLength) problems.push(problem(field, `A term has at most ${maxTermLength} characters`, 'maxLength', { max: maxTermLength }));
    else if (!/^[\p{L}\p{N}]+(?:[-\s'’]+[\p{L}\p{N}]+)*$/u.test(key)) {
      problems.push(problem(field, 'A term consists of letters and digits, with spaces, hyphens or apostrophes between words', 'termCharacters'));
    } else if (seen.has(key)) problems.push(problem(field, `"${term.trim()}" is already term ${seen.get(key)! + 1} of this group`, 'duplicateTerm', { term: term.trim(), index: seen.get(key) }));
    else seen.set(key, index);
  });
  return problems;
}

function problem(field: string, message: string, rule: string, params?: Record<string, unknown>): FieldProblem {
  return { field, message, rule, ...(params ? { params } : {}) };
}

/** The terms of a valid group, trimmed and with single spaces, in the curator's order. */
export function cleanTerms(terms: readonly string[]): string[] {
  return terms.map((term) => term.trim().replace(/\s+/g, ' '));
}

