/**
 * Dutch order and matching for names in lists and pickers: "gemeente Amersfoort" sorts among the
 * g's (not after every capitalised name), "Één" next to "een", and "10" after "9"; a search
 * finds "Sociaal Wijkteam" from "wijkt" and "Café" from "cafe".
 */
const collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });

export function compareDutch(a: string, b: string): number {
  return collator.compare(a, b);
}

/** A copy sorted by `label` in Dutch order. */
export function sortDutch<T>(items: readonly T[], label: (item: T) => string): T[] {
  return [...items].sort((a, b) => compareDutch(label(a), label(b)));
}

/** Lower case without diacritics, for matching what someone types. */
export function searchable(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** Every word of the query occurs in the text (in any order). */
export function matchesQuery(text: string, query: string): boolean {
  const haystack = searchable(text);
  return searchable(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/** An option of a picker: what is sent, what is shown, and a second line that is searched too. */
export interface ComboOption {
  value: string;
  label: string;
  /** A second line, also searched (an abbreviation, a basic function, an address). */
  description?: string;
}
