import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import type { GraphQLFormattedError } from 'graphql';

/** What went wrong with an API call, in the terms the user interface needs. */
/** The rule an input broke and its parameters, as BAD_USER_INPUT lists them (`extensions.errors`). */
export interface FieldRule {
  rule: string;
  params: Record<string, unknown>;
}

export type ApiProblem =
  /** `fields`: the API's message per input field; `rules`: the rule it broke, where the API said (the app words those itself). */
  | { kind: 'fields'; fields: Record<string, string>; rules: Record<string, FieldRule> }
  | { kind: 'conflict'; currentVersion: number | null }
  | { kind: 'unauthenticated' }
  | { kind: 'forbidden' }
  | { kind: 'rateLimited' }
  | { kind: 'network' }
  | { kind: 'internal'; correlationId: string | null }
  | { kind: 'other'; message: string };

function extensionString(error: GraphQLFormattedError, name: string): string | null {
  const value = error.extensions?.[name];
  return typeof value === 'string' ? value : null;
}

/**
 * Field name inside the mutation's input: `input.email` → `email`, `input.areas.2` → `areas`;
 * a field of a row in a list of rows keeps its row (`input.schedules.1.closesAt` →
 * `schedules.1.closesAt`, shown under that row's field). Arguments outside `input` keep their
 * name (`version`, `id`).
 */
export function inputField(field: string): string {
  const parts = field.split('.');
  if (parts[0] !== 'input' || parts.length < 2) return parts[0];
  return parts.length >= 4 && /^\d+$/.test(parts[2]) ? parts.slice(1, 4).join('.') : parts[1];
}

/** The message without the `input.email: ` prefix the API puts before validation messages. */
function bareMessage(message: string): string {
  return message.replace(/^[\w.]+: /, '');
}

/** The field problems one BAD_USER_INPUT error carries: every entry of `extensions.errors`, or the error itself. */
function fieldProblems(error: GraphQLFormattedError, field: string): Array<{ field: string; message: string; rule: FieldRule | null }> {
  const listed = error.extensions?.errors;
  const ruleOf = (value: { rule?: unknown; params?: unknown }): FieldRule | null =>
    typeof value.rule === 'string' ? { rule: value.rule, params: value.params && typeof value.params === 'object' ? (value.params as Record<string, unknown>) : {} } : null;
  if (Array.isArray(listed) && listed.length > 0) {
    return listed
      .filter((entry): entry is { field: string; message: string; rule?: unknown; params?: unknown } => typeof entry?.field === 'string' && typeof entry?.message === 'string')
      .map((entry) => ({ field: entry.field, message: entry.message, rule: ruleOf(entry) }));
  }
  return [{ field, message: error.message, rule: ruleOf(error.extensions ?? {}) }];
}

export function problemFromGraphQLErrors(errors: readonly GraphQLFormattedError[]): ApiProblem {
  const fields: Record<string, string> = {};
  const rules: Record<string, FieldRule> = {};
  for (const error of errors) {
    const code = extensionString(error, 'code');
    const field = extensionString(error, 'field');
    if (code === 'CONFLICT' && (field === 'version' || field === null)) {
      const current = error.extensions?.currentVersion;
      return { kind: 'conflict', currentVersion: typeof current === 'number' ? current : null };
    }
    if ((code === 'BAD_USER_INPUT' || code === 'CONFLICT') && field) {
      for (const problem of fieldProblems(error, field)) {
        const name = inputField(problem.field);
        if (name in fields) continue;
        fields[name] = bareMessage(problem.message);
        if (problem.rule) rules[name] = problem.rule;
        else if (code === 'CONFLICT' && /already exists/.test(problem.message)) rules[name] = { rule: 'duplicate', params: {} };
      }
      continue;
    }
    if (code === 'UNAUTHENTICATED') return { kind: 'unauthenticated' };
    if (code === 'FORBIDDEN') return { kind: 'forbidden' };
    if (code === 'TOO_MANY_REQUESTS') return { kind: 'rateLimited' };
    if (code === 'INTERNAL_SERVER_ERROR') return { kind: 'internal', correlationId: extensionString(error, 'correlationId') };
  }
  if (Object.keys(fields).length > 0) return { kind: 'fields', fields, rules };
  return { kind: 'other', message: errors.map((e) => e.message).join('; ') };
}

/** Classifies an error thrown or returned by Apollo Client. */
export function toProblem(error: unknown): ApiProblem {
  if (CombinedGraphQLErrors.is(error)) return problemFromGraphQLErrors(error.errors);
  if (ServerError.is(error)) {
    if (error.statusCode === 401) return { kind: 'unauthenticated' };
    if (error.statusCode === 403) return { kind: 'forbidden' };
    if (error.statusCode === 429) return { kind: 'rateLimited' };
    // A GraphQL error answer with an HTTP error status (e.g. 400 for a bad variable).
    try {
      const body = JSON.parse(error.bodyText) as { errors?: GraphQLFormattedError[] };
      if (Array.isArray(body.errors) && body.errors.length > 0) return problemFromGraphQLErrors(body.errors);
    } catch {
      // Not JSON: fall through.
    }
    return { kind: 'other', message: `HTTP ${error.statusCode}` };
  }
  if (error instanceof TypeError) return { kind: 'network' };
  return { kind: 'other', message: error instanceof Error ? error.message : String(error) };
}
