/**
 * The collation of names people look up in lists: Dutch, by ICU (PostgreSQL's `nl-x-icu`), so
 * "gemeente Amersfoort" sorts among the g's instead of after every capitalised name, and "Één"
 * next to "een". Deterministic, so equality, unique indexes and LIKE behave as before. The admin
 * app sorts with `Intl.Collator('nl')` to match. Set on the name columns by migration
 * 1765500000000-dutch-names; the keyset pagination on (name, id) follows the column's collation.
 */
export const DUTCH_COLLATION = 'nl-x-icu';
