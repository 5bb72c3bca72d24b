import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { type ASTNode, type DocumentNode, type GraphQLError, type GraphQLFormattedError, visit } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { ErrorCode, PUBLIC_ERROR_CODES } from '../common/errors';
import { RETRY_AFTER_SECONDS, UNAVAILABLE_MESSAGES, type UnavailableReason, databaseUnavailableReason } from '../db/database-unavailable';

export type ErrorLogger = (entry: { correlationId: string; error: unknown }) => void;
export type UnavailableLogger = (entry: { reason: UnavailableReason; error: unknown }) => void;

/** Messages of graphql-js validation errors that are about a bad argument value. */
const VALUE_ERROR = /Expected value of type|cannot represent|does not exist in ".*" enum|Expected type|Field ".*" of required type|is not defined by type/;

/** Name of the argument (with input-object path) whose value contains `node`. */
function argumentAt(document: DocumentNode, node: ASTNode): string | null {
  const start = node.loc?.start;
  if (start === undefined) return null;
  let found: string | null = null;
  const path: string[] = [];
  visit(document, {
    Argument: {
      enter(arg) {
        if (arg.loc && arg.loc.start <= start && start < arg.loc.end) path.push(arg.name.value);
        else return false;
        return undefined;
      },
      leave(arg) {
        if (path[0] === arg.name.value && found === null) found = path.join('.');
      },
    },
    ObjectField: {
      enter(field) {
        if (path.length === 0 || !field.loc || !(field.loc.start <= start && start < field.loc.end)) return false;
        path.push(field.name.value);
        return undefined;
      },
    },
  });
  return found;
}

/** Argument names in which `$variable` is used. */
function argumentsUsingVariable(document: DocumentNode, variable: string): string[] {
  const names: string[] = [];
  visit(document, {
    Argument(arg) {
      let uses = false;
      visit(arg.value, {
        Variable(v) {
          if (v.name.value === variable) uses = true;
        },
      });
      if (uses) names.push(arg.name.value);
    },
  });
  return [...new Set(names)];
}

/**
 * Turns graphql-js validation errors about argument values (an unknown enum value, a string
 * for an Int) into BAD_USER_INPUT naming the argument, like every other bad input.
 */
export const argumentErrorsPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async validationDidStart({ document }) {
        return async (errors?: readonly Error[]) => {
          for (const error of (errors ?? []) as readonly GraphQLError[]) {
            if (!VALUE_ERROR.test(error.message) || !error.extensions) continue;
            const node = error.nodes?.[0];
            const field = node ? argumentAt(document, node) : null;
            if (field) Object.assign(error.extensions as Record<string, unknown>, { field, valueError: true });
          }
        };
      },
      // A variable with a bad value: name the argument it feeds (and the variable).
      async didEncounterErrors({ errors, document }) {
        if (!document) return;
        for (const error of errors) {
          const match = /^Variable "\$(\w+)" got invalid value.*? at "([\w.[\]]+)"|^Variable "\$(\w+)" got invalid value/.exec(error.message);
          if (!match || !error.extensions) continue;
          const variable = match[1] ?? match[3];
          const used = argumentsUsingVariable(document, variable);
          const argument = used.length === 1 ? used[0] : variable;
          // "at "input.status"": the path inside the variable's value; name it from the argument.
          const inner = match[2] ? match[2].split('.').slice(1).join('.') : '';
          Object.assign(error.extensions as Record<string, unknown>, { field: inner ? `${argument}.${inner}` : argument, variable });
        }
      },
    };
  },
};

/**
 * Client-facing errors keep their message and code; BAD_USER_INPUT always names the field.
 * Anything else is an internal error: logged with a correlation id, and the client gets only
 * that id.
 */
export function createFormatError(log: ErrorLogger, logUnavailable: UnavailableLogger = () => undefined) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof ArgumentValidationError) {
      // Follow nested input objects down to the first offending field: `input.email`.
      type Failure = { property?: string; constraints?: Record<string, string>; children?: Failure[] };
      let failure = original.extensions.validationErrors?.[0] as Failure | undefined;
      const path: string[] = [];
      while (failure) {
        if (failure.property) path.push(failure.property);
        if (failure.constraints || !failure.children?.length) break;
        failure = failure.children[0];
      }
      const messages = Object.values(failure?.constraints ?? {});
      return {
        message: messages.length > 0 ? `${path.join('.')}: ${messages.join('; ')}` : formatted.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.BAD_USER_INPUT, field: path.join('.') || null },
      };
    }
    const extensions = { ...(formatted.extensions ?? {}) } as Record<string, unknown>;
    delete extensions.stacktrace;
    if (extensions.valueError) {
      delete extensions.valueError;
      return { ...formatted, extensions: { ...extensions, code: ErrorCode.BAD_USER_INPUT } };
    }
    const code = typeof extensions.code === 'string' ? extensions.code : undefined;
    if (code === ErrorCode.BAD_USER_INPUT && !extensions.field) {
      const variable = /Variable "\$(\w+)"/.exec(formatted.message);
      if (variable) extensions.field = variable[1];
    }
    if (code && PUBLIC_ERROR_CODES.has(code)) return { ...formatted, extensions };
    // The database is down, restarting or out of connections, or a statement timed out: not a bug, and worth a retry.
    const reason = databaseUnavailableReason(original);
    if (reason) {
      logUnavailable({ reason, error: original });
      return { message: UNAVAILABLE_MESSAGES[reason], locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, reason } };
    }
    const correlationId = randomUUID();
    log({ correlationId, error: original });
    return {
      message: `Internal server error (correlation id ${correlationId})`,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, correlationId },
    };
  };
}

/** A response with a SERVICE_UNAVAILABLE error is an HTTP 503 with Retry-After, so proxies and clients back off. */
export const serviceUnavailablePlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const errors = response.body.singleResult.errors ?? [];
        if (errors.some((error) => error.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE)) {
          response.http.status = 503;
          response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
        }
      },
    };
  },
};
