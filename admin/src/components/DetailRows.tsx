import { Button, Paragraph } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import type { FieldRule } from '../lib/errors';
import type { ChangeProblem } from '../lib/problems';

/*
 * The opening hours and phone numbers of a service or a location as the forms hold them: rows of
 * text fields, sent as the API's `schedules` / `phones` lists (replace-all) only when they changed.
 * The API validates (hsds-detail.rules.ts) and names each bad row field (`schedules.1.closesAt`);
 * each row field shows its own message. OpeningHoursFields and PhoneFields are this list with
 * their fields.
 */

export type DetailRow = Record<string, string>;

/** The stored rows as the form holds them (null → '', lists comma-separated). */
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

/** The row fields the problem summary links to (`schedules.1.closesAt` → its element and label). */
export function rowFieldLinks(prefix: string, list: string, count: number, keys: readonly string[], label: (key: string, index: number) => string): Record<string, { id: string; label: string }> {
  const links: Record<string, { id: string; label: string }> = {};
  for (let i = 0; i < count; i++) for (const key of keys) links[`${list}.${i}.${key}`] = { id: `${prefix}-${list}-${i}-${key}`, label: label(key, i) };
  return links;
}

/** A select's options with the current value first when it is none of them (what an import brought stays choosable). */
export function withCurrent(options: Array<{ value: string; label: string }>, current: string) {
  return options.some((option) => option.value === current) ? options : [{ value: current, label: current }, ...options];
}

export interface DetailRowsProps {
  /** Prefix of the element ids (`svc`, `loc`). */
  prefix: string;
  rows: DetailRow[];
  onChange(rows: DetailRow[]): void;
  problem: ChangeProblem | null;
  word(message: string, rule: FieldRule | null | undefined, field: string): string;
}

/** What one row field needs: its id, value, change and the API's message. */
export interface RowField {
  id: string;
  value: string;
  onChange(value: string): void;
  error?: string;
}

interface Props extends DetailRowsProps {
  /** The API's list name (`schedules`, `phones`). */
  list: string;
  empty(): DetailRow;
  texts: { none: string; row(n: number): string; add: string; remove(n: number): string };
  renderRow(field: (key: string) => RowField, row: DetailRow, index: number): ReactNode;
}

/** The rows of one list: each a group of fields with a remove button, an add button below. */
export function DetailRows({ prefix, rows, onChange, problem, word, list, empty, texts, renderRow }: Props) {
  const field = (i: number) => (key: string): RowField => {
    const name = `${list}.${i}.${key}`;
    const message = problem?.kind === 'fields' ? problem.fields[name] : undefined;
    return {
      id: `${prefix}-${list}-${i}-${key}`,
      value: rows[i][key] ?? '',
      onChange: (value) => onChange(rows.map((row, j) => (j === i ? { ...row, [key]: value } : row))),
      error: message === undefined || problem?.kind !== 'fields' ? undefined : word(message, problem.rules[name], key),
    };
  };
  return (
    <div className="app-detail-rows">
      {rows.length === 0 && <Paragraph className="app-muted">{texts.none}</Paragraph>}
      {rows.map((row, i) => (
        <fieldset key={i} className="app-detail-row" aria-label={texts.row(i + 1)}>
          {renderRow(field(i), row, i)}
          <Button type="button" appearance="subtle-button" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            {texts.remove(i + 1)}
          </Button>
        </fieldset>
      ))}
      <Button type="button" appearance="secondary-action-button" onClick={() => onChange([...rows, empty()])}>
        {texts.add}
      </Button>
    </div>
  );
}
