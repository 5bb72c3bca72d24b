import { z } from 'zod';
import { BadUserInputError } from '../common/errors';
import { UUID_PATTERN } from '../common/references';

/**
 * Query strings (and path parameters) of the REST routers, read with zod (docs/dependencies.md).
 * A router declares its parameters as one `z.object` of the builders below and gets typed values,
 * or one BAD_USER_INPUT (HTTP 400 through restErrorHandler, `{ error: { code, field, message } }`)
 * naming every offending parameter: `field` is the first, the message gives each one its reason
 * (`"page" must be a whole number of at least 1; "full" must be true or false`). Parameters not
 * in the schema are ignored, as they always were.
 */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  return parseInput(schema, query, (field, reason) => `"${field}" ${reason}`);
}

/** A JSON request body the same way; its schema's messages are whole sentences ("Password is required"). */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  return parseInput(schema, body, (_field, reason) => reason);
}

function parseInput<S extends z.ZodType>(schema: S, input: unknown, describe: (field: string, reason: string) => string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), reason: issue.message }));
  throw new BadUserInputError(problems[0].field, problems.map(({ field, reason }) => describe(field, reason)).join('; '));
}

export type Parsed<T> = { value: T } | { refused: string };
export const accept = <T>(value: T): Parsed<T> => ({ value });
export const refuse = (reason: string): Parsed<never> => ({ refused: reason });

/**
 * One parameter. Given at most once (`?page=1&page=2` and `?page[a]=1` are refused); unset and
 * empty (`?page=`) mean `fallback`; otherwise `parse` gives the value or the reason it is refused.
 */
export function parameter<T>(fallback: T, parse: (raw: string) => Parsed<T>) {
  // `optional`: an absent parameter is valid input for zod's object, and gets `fallback`.
  return z.unknown().optional().transform((raw, ctx): T => {
    if (raw === undefined || raw === '') return fallback;
    const parsed: Parsed<T> = typeof raw === 'string' ? parse(raw) : refuse('must be given once');
    if ('value' in parsed) return parsed.value;
    ctx.addIssue({ code: 'custom', message: parsed.refused });
    return z.NEVER;
  });
}

/** `true` or `false`; unset: false (`?dryRun=true`, `?full=false`). */
export const flag = () =>
  parameter(false, (raw) => {
    if (raw === 'true') return accept(true);
    return raw === 'false' ? accept(false) : refuse('must be true or false');
  });

/** A day that exists, YYYY-MM-DD (`?from=2026-01-31`); unset: undefined. */
export const date = () =>
  parameter<string | undefined>(undefined, (raw) =>
    /^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(Date.parse(`${raw}T00:00:00Z`)) && new Date(`${raw}T00:00:00Z`).toISOString().startsWith(raw) ? accept(raw) : refuse('must be a date that exists (YYYY-MM-DD)'),
  );

/** A whole number from 1 (to `max`): pages and page sizes. */
export const positiveInteger = (fallback: number, max?: number) =>
  parameter(fallback, (raw) => {
    if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) return refuse('must be a whole number of at least 1');
    return max !== undefined && Number(raw) > max ? refuse(`must be at most ${max}`) : accept(Number(raw));
  });

/** A UUID, in lower case. */
export const uuid = () => parameter<string | undefined>(undefined, (raw) => (UUID_PATTERN.test(raw) ? accept(raw.toLowerCase()) : refuse('must be a UUID')));

/** Any text, as given. */
export const text = () => parameter<string | undefined>(undefined, accept);

/** One of the keys of `values`, read as its value (`separator=semicolon` → `;`). */
export function oneOf<V>(values: Readonly<Record<string, V>>, fallback: V, reason: string) {
  return parameter(fallback, (raw) => (Object.hasOwn(values, raw) ? accept(values[raw]) : refuse(reason)));
}

/** A four-digit year. */
export const year = () => parameter<number | undefined>(undefined, (raw) => (/^\d{4}$/.test(raw) ? accept(Number(raw)) : refuse('must be a year such as 2009')));

/** A parameter of a standard this server does not implement: refused (even empty) rather than a filter silently ignored. */
export const unsupported = () =>
  z.unknown().optional().superRefine((raw, ctx) => {
    if (raw !== undefined) ctx.addIssue({ code: 'custom', message: 'is not supported by this server' });
  });
