import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import type { GraphQLFormattedError } from 'graphql';

/** What went wrong with an API call, in the terms the user interface needs. */
export type ApiProblem =
  | { kind: 'fields'; fields: Record<string, string> }
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
 * Field name inside the mutation's input: `input.email` → `email`, `input.areas.2` → `areas`.
 * Arguments outside `input` keep their name (`version`, `id`).
 */
export function inputField(field: string): string {
  const parts = field.split('.');
  return parts[0] === 'input' && parts.length > 1 ? parts[1] : parts[0];
}

/** The message without the `input.email: ` prefix the API puts before validation messages. */
function bareMessage(message: string): string {
  return message.replace(/^[\w.]+: /, '');
}

export function problemFromGraphQLErrors(errors: readonly GraphQLFormattedError[]): ApiProblem {
  const fields: Record<string, string> = {};
  for (const error of errors) {
    const code = extensionString(error, 'code');
    const field = extensionString(error, 'field');
    if (code === 'CONFLICT' && (field === 'version' || field === null)) {
      const current = error.extensions?.currentVersion;
      return { kind: 'conflict', currentVersion: typeof current === 'number' ? current : null };
    }
    if ((code === 'BAD_USER_INPUT' || code === 'CONFLICT') && field) {
      const name = inputField(field);
      fields[name] ??= bareMessage(error.message);
      continue;
    }
    if (code === 'UNAUTHENTICATED') return { kind: 'unauthenticated' };
    if (code === 'FORBIDDEN') return { kind: 'forbidden' };
    if (code === 'TOO_MANY_REQUESTS') return { kind: 'rateLimited' };
    if (code === 'INTERNAL_SERVER_ERROR') return { kind: 'internal', correlationId: extensionString(error, 'correlationId') };
  }
  if (Object.keys(fields).length > 0) return { kind: 'fields', fields };
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
