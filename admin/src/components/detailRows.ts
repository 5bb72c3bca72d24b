import type { ChangeProblem } from '../lib/problems';
import type { FieldRule } from '../lib/errors';

/*
 * The opening hours and phone numbers of a service or a location as the forms hold them: rows of
 * text fields, sent as the API's `schedules` / `phones` lists (replace-all) only when they changed.
 * The API validates (hsds-detail.rules.ts) and names each bad row field (`schedules.1.closesAt`);
 * `rowError` finds its message for the field.
 */

export type DetailRow = Record<string, string>;

/** The stored rows as the form holds them (null → ''). */
export function rowsOf(rows: ReadonlyArray<Record<string, unknown>>, keys: readonly string[]): DetailRow[] {
  return rows.map((row) => Object.fromEntries(keys.map((key) => [key, row[key] === null || row[key] === undefined ? '' : Array.isArray(row[key]) ? (row[key] as unknown[]).join(', ') : String(row[key])])));
}

/** The rows as the API takes them: blank → null; `lists` are comma-separated. */
export function inputOf(rows: readonly DetailRow[], lists: readonly string[] = []): Array<Record<string, unknown>> {
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([key, value]) => {
        if (lists.includes(key)) return [key, value.split(',').map((item) => item.trim()).filter(Boolean)];
        const trimmed = value.trim();
        return [key, trimmed === '' ? null : key === 'extension' && /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed];
      }),
    ),
  );
}

/** `{ [list]: rows }` when the rows differ from those read, else nothing. */
export function changedRows(list: string, before: readonly DetailRow[], after: readonly DetailRow[], lists: readonly string[] = []): Record<string, unknown> {
  const input = inputOf(after, lists);
  return JSON.stringify(inputOf(before, lists)) === JSON.stringify(input) ? {} : { [list]: input };
}

/** The API's message for one row field, worded by `word`, or undefined. */
export function rowError(problem: ChangeProblem | null, name: string, word: (message: string, rule: FieldRule | null | undefined, field: string) => string): string | undefined {
  if (problem?.kind !== 'fields') return undefined;
  const message = problem.fields[name];
  return message === undefined ? undefined : word(message, problem.rules[name], name.split('.').pop() ?? name);
}

/** The row fields the problem summary links to (`schedules.1.closesAt` → its element and label). */
export function rowFieldLinks(prefix: string, list: string, count: number, keys: readonly string[], label: (key: string, index: number) => string): Record<string, { id: string; label: string }> {
  const links: Record<string, { id: string; label: string }> = {};
  for (let i = 0; i < count; i++) for (const key of keys) links[`${list}.${i}.${key}`] = { id: `${prefix}-${list}-${i}-${key}`, label: label(key, i) };
  return links;
}
