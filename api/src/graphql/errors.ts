import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { type ASTNode, type DocumentNode, GraphQLError, type GraphQLFormattedError, type OperationDefinitionNode, visit } from 'graphql';
import type { ValidationError } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';
import { ErrorCode, PUBLIC_ERROR_CODES } from '../common/errors';
import { validationProblems } from './validation-problems';
import { RETRY_AFTER_SECONDS, UNAVAILABLE_MESSAGES, type UnavailableReason, databaseUnavailableReason } from '../db/database-unavailable';

export type ErrorLogger = (entry: { correlationId: string; error: unknown }) => void;
export type UnavailableLogger = (entry: { reason: UnavailableReason; error: unknown }) => void;

/** Messages of graphql-js validation errors that are about a bad argument value. */
const VALUE_ERROR = /Expected value of type|cannot represent|does not exist in ".*" enum|Expected type|Field ".*" of required type|is not defined by type/;

/** Name of the argument (with input-object path and list indexes: `input.0.year`) whose value contains `node`. */
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
    ListValue: {
      enter(list) {
        if (path.length === 0) return false;
        const index = list.values.findIndex((item) => item.loc !== undefined && item.loc.start <= start && start < item.loc.end);
        if (index >= 0) path.push(String(index));
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
 * Text refused in every argument: what PostgreSQL cannot store as sent — U+0000 (refused in text
 * and jsonb) and unpaired UTF-16 surrogates (silently replaced in text columns, refused in jsonb
 * such as the change history) — and the other C0 control characters and DEL (an ESC or BEL in a
 * name ends up in printed wijkkaarten, CSV exports and partners' systems). Tab, line feed and
 * carriage return stay allowed: notes and descriptions have lines.
 */
const UNSTORABLE_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Where in a variable's value a string (or object key) is unstorable: `''`, `.name`, `.areas.0`;
 * null when nowhere. Depth first, without recursion: a body may nest JSON 100,000 levels deep.
 */
function unstorableTextAt(value: unknown): string | null {
  const pending: Array<[unknown, string]> = [[value, '']];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, path] = next;
    if (typeof item === 'string') {
      if (UNSTORABLE_TEXT.test(item)) return path;
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    const entries = Object.entries(item);
    for (const [key] of entries) if (UNSTORABLE_TEXT.test(key)) return `${path}.${key}`;
    // Reversed onto the stack, so members are looked at in order.
    for (let i = entries.length - 1; i >= 0; i--) pending.push([entries[i][1], `${path}.${entries[i][0]}`]);
  }
  return null;
}

/** The argument (with input path) of the first unstorable string, inline or in a variable. */
function argumentWithUnstorableText(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): string | null {
  for (const definition of operation.variableDefinitions ?? []) {
    const variable = definition.variable.name.value;
    const inner = unstorableTextAt(variables?.[variable]);
    if (inner === null) continue;
    const used = argumentsUsingVariable(document, variable);
    return `${used.length === 1 ? used[0] : variable}${inner}`;
  }
  let found: string | null = null;
  visit(operation, {
    StringValue(node) {
      if (found === null && UNSTORABLE_TEXT.test(node.value)) found = argumentAt(document, node) ?? 'query';
    },
  });
  return found;
}

/**
 * Turns graphql-js validation errors about argument values (an unknown enum value, a string
 * for an Int) into BAD_USER_INPUT naming the argument, like every other bad input. Strings
 * PostgreSQL cannot store (U+0000, unpaired surrogates) and other control characters are refused
 * here, before any resolver runs, instead of ending in a database error or being stored altered.
 */
export const argumentErrorsPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document, operation }) {
        if (!operation) return;
        const field = argumentWithUnstorableText(document, operation, request.variables);
        if (field) {
          throw new GraphQLError(`${field}: must be valid Unicode text without control characters (tab and line breaks are allowed)`, {
            extensions: { code: ErrorCode.BAD_USER_INPUT, field, http: { status: 400 } },
          });
        }
      },
      async validationDidStart({ document }) {
        return async (errors?: readonly Error[]) => {
          for (const error of (errors ?? []) as readonly GraphQLError[]) {
            if (!VALUE_ERROR.test(error.message) || !error.extensions) continue;
            const node = error.nodes?.[0];
            const argument = node ? argumentAt(document, node) : null;
            // A required input field left out: the node is the object around it; name the field.
            const missing = /^Field "\w+\.(\w+)" of required type .* was not provided/.exec(error.message)?.[1];
            const field = argument && missing ? `${argument}.${missing}` : argument;
            if (field) Object.assign(error.extensions as Record<string, unknown>, { field, valueError: true });
          }
        };
      },
      // A variable with a bad value: name the argument it feeds (and the variable).
      async didEncounterErrors({ errors, document }) {
        if (!document) return;
        for (const error of errors) {
          // graphql-js gives up after 50 bad variable values (e.g. one long list of them), with an
          // error of its own that has no code: it is about the same bad input as the others.
          if (error.message.startsWith('Too many errors processing variables') && error.extensions && !error.extensions.code) {
            const field = errors.find((other) => other.extensions?.field)?.extensions.field ?? 'variables';
            Object.assign(error.extensions as Record<string, unknown>, { code: ErrorCode.BAD_USER_INPUT, field });
            continue;
          }
          const match = /^Variable "\$(\w+)" got invalid value.*? at "([\w.[\]]+)"|^Variable "\$(\w+)" got invalid value/.exec(error.message);
          if (!match || !error.extensions) continue;
          const variable = match[1] ?? match[3];
          const used = argumentsUsingVariable(document, variable);
          const argument = used.length === 1 ? used[0] : variable;
          // "at "input[0].areas[1]"": the path inside the variable's value, named from the argument
          // with dotted indexes like every other field (`input.0.areas.1`).
          const inner = match[2] ? match[2].slice(variable.length).replace(/\[(\d+)\]/g, '.$1') : '';
          // "…; Field "name" of required type … was not provided" / "Field "x" is not defined by type …": name that field.
          const member = /; Field "(\w+)" (?:of required type .* was not provided|is not defined by type)/.exec(error.message)?.[1];
          Object.assign(error.extensions as Record<string, unknown>, { field: `${argument}${inner}${member ? `.${member}` : ''}`, variable });
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
      // Every offending field of the input (nested objects and lists followed: `input.email`),
      // the first as `field`, all of them in `errors` with the rule broken and its parameters.
      const problems = validationProblems(original.extensions.validationErrors as ValidationError[] | undefined);
      const fields = [...new Set(problems.map((problem) => problem.field))];
      const message = fields.map((field) => `${field}: ${problems.filter((p) => p.field === field).map((p) => p.message).join('; ')}`).join('; ');
      return {
        message: message || formatted.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.BAD_USER_INPUT, field: fields[0] || null, ...(problems.length > 0 ? { errors: problems } : {}) },
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

/**
 * Errors Apollo Server raises about the request itself without a code, which would otherwise be
 * masked as internal errors: an automatic persisted query whose hash does not match its query, or
 * of a version other than 1. Both are the client's mistake: BAD_USER_INPUT (400) naming the field.
 */
const UNCODED_REQUEST_ERRORS: ReadonlyMap<string, string> = new Map([
  ['provided sha does not match query', 'extensions.persistedQuery.sha256Hash'],
  ['Unsupported persisted query version', 'extensions.persistedQuery.version'],
]);

export const requestErrorsPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors }) {
        for (const error of errors) {
          const field = UNCODED_REQUEST_ERRORS.get(error.message);
          // Apollo already answers these with HTTP 400; only the code is missing.
          if (field && error.extensions && !error.extensions.code) Object.assign(error.extensions as Record<string, unknown>, { code: ErrorCode.BAD_USER_INPUT, field });
        }
      },
    };
  },
};

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
