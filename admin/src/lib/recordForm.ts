/**
 * The curation forms' one way of turning a record into form values and form values into the
 * input of its create or update mutation. Every field is described once — what kind of value it
 * holds — and the form sends only what changed (the API leaves other fields alone, and the
 * history shows just this change), with the version it was read at.
 *
 * The forms have no rules of their own: the API validates and names every bad field at once
 * (BAD_USER_INPUT `extensions.errors`). The only check here is that a number field holds a
 * number, since GraphQL could not even carry anything else.
 */

export type FieldKind =
  /** One line of text; blank clears (null). */
  | 'text'
  /** Required text: sent as typed, so the API can say what is wrong with it. */
  | 'requiredText'
  /** Several lines; blank clears. */
  | 'textarea'
  /** A whole number; blank clears. */
  | 'int'
  /** A decimal number (comma or point); blank clears. */
  | 'float'
  /** `YYYY-MM-DD`; blank clears. */
  | 'date'
  /** One of a fixed set (an enum); always sent. */
  | 'choice'
  /** Yes, no or unknown (blank → null). */
  | 'boolean'
  /** One reference (an id); blank clears. */
  | 'reference'
  /** A list of references (ids or codes); the order does not matter. */
  | 'references'
  /** A list of words, one per line or separated by commas (the form holds the text). */
  | 'words';

export type FieldSpec = Readonly<Record<string, FieldKind>>;
export type FormValue = string | string[];
export type FormValues = Record<string, FormValue>;

function isList(kind: FieldKind): boolean {
  return kind === 'references';
}

/** A stored value as the form shows it. */
function toFormValue(kind: FieldKind, value: unknown): FormValue {
  if (isList(kind)) return Array.isArray(value) ? value.map(String) : [];
  if (kind === 'words') return Array.isArray(value) ? value.map(String).join('\n') : '';
  if (value === null || value === undefined) return '';
  if (kind === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

/** The form's values for `record` (a plain object whose keys are the spec's fields). */
export function formValuesOf(spec: FieldSpec, record: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const [field, kind] of Object.entries(spec)) values[field] = toFormValue(kind, record[field]);
  return values;
}

/** The text of a words field split into its words. */
export function wordsOf(text: string): string[] {
  return [...new Set(text.split(/[\n,;]/).map((word) => word.trim()).filter(Boolean))];
}

export interface Converted {
  input: Record<string, unknown>;
  /** Number fields that hold no number: `field → 'int' | 'float'`. */
  notNumbers: Record<string, 'int' | 'float'>;
}

/** A form value as the API takes it. */
function toInput(kind: FieldKind, value: FormValue): { value: unknown } | { notNumber: 'int' | 'float' } {
  if (Array.isArray(value)) return { value: [...new Set(value)] };
  const trimmed = value.trim();
  switch (kind) {
    case 'words':
      return { value: wordsOf(value) };
    case 'requiredText':
    case 'choice':
      return { value: trimmed };
    case 'textarea':
      return { value: value.trim() === '' ? null : value };
    case 'int':
      if (trimmed === '') return { value: null };
      return /^-?\d+$/.test(trimmed) ? { value: Number(trimmed) } : { notNumber: 'int' };
    case 'float': {
      if (trimmed === '') return { value: null };
      const normal = trimmed.replace(',', '.');
      return /^-?\d+(\.\d+)?$/.test(normal) ? { value: Number(normal) } : { notNumber: 'float' };
    }
    case 'boolean':
      return { value: trimmed === '' ? null : trimmed === 'true' };
    default:
      return { value: trimmed === '' ? null : trimmed };
  }
}

function same(kind: FieldKind, a: FormValue, b: FormValue): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    const left = [...(Array.isArray(a) ? a : [])].sort();
    const right = [...(Array.isArray(b) ? b : [])].sort();
    return left.length === right.length && left.every((value, i) => value === right[i]);
  }
  if (kind === 'words') return wordsOf(a).join('\n') === wordsOf(b).join('\n');
  return kind === 'textarea' ? a === b : a.trim() === b.trim();
}

/**
 * The input of an update: the fields that changed since `before` (all of them, for a new record:
 * pass null), each as the API takes it.
 */
export function changedInput(spec: FieldSpec, before: FormValues | null, after: FormValues): Converted {
  const input: Record<string, unknown> = {};
  const notNumbers: Record<string, 'int' | 'float'> = {};
  for (const [field, kind] of Object.entries(spec)) {
    const value = after[field] ?? (isList(kind) ? [] : '');
    if (before && same(kind, before[field] ?? '', value)) continue;
    // A new record leaves out what is empty (the API's defaults apply), except required text:
    // sent blank, the API names it together with every other problem.
    if (!before && kind !== 'requiredText' && (Array.isArray(value) ? value.length === 0 : value.trim() === '')) continue;
    const converted = toInput(kind, value);
    if ('notNumber' in converted) notNumbers[field] = converted.notNumber;
    else input[field] = converted.value;
  }
  return { input, notNumbers };
}
