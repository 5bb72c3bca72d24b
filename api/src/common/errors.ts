import { GraphQLError } from 'graphql';

/** The error codes clients can rely on (docs/api-guide.md lists them with their HTTP statuses). */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  /** The database is unreachable, restarting or overloaded, or a statement ran past its time limit: retry later (HTTP 503). */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** Codes whose message is meant for the client; anything else is masked. */
export const PUBLIC_ERROR_CODES = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.NOT_FOUND,
  ErrorCode.CONFLICT,
  ErrorCode.INVALID_TRANSITION,
  ErrorCode.SERVICE_UNAVAILABLE,
  // Produced by graphql-js / Apollo for malformed requests; their messages describe the request only.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * The HTTP status of each client-facing code, for the REST APIs (http/errors.ts). GraphQL answers
 * 200 with the code in `extensions`, except where graphql/errors.ts says otherwise (400 for bad
 * arguments refused before any resolver, 503 with Retry-After).
 */
export const HTTP_STATUS_OF_CODE: Readonly<Record<string, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.INVALID_TRANSITION]: 409,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
};

/**
 * The one way features raise a client-facing error: a code from `ErrorCode` and the extensions
 * that go with it (`field`, `currentVersion`, …). Features never construct `GraphQLError`
 * themselves (errors.test.ts checks), so what each code means lives here.
 */
export abstract class CodedError extends GraphQLError {
  protected constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extensions } });
  }
}

/**
 * Bad input; `field` names the offending argument or input field (e.g. `first`, `filter.area`).
 * `extensions` carries what a client needs to say it in its own language: the rule broken and
 * its parameters (e.g. `rule: 'anonymous', params: { kind, start, end, text }` for identifying
 * text in the anonymous layer of a case).
 */
export class BadUserInputError extends CodedError {
  constructor(field: string, message: string, extensions: Record<string, unknown> = {}) {
    super(ErrorCode.BAD_USER_INPUT, message, { ...extensions, field });
  }
}

/**
 * One offending field of a bad input, as BAD_USER_INPUT lists it in `extensions.errors`: the
 * field path (`input.maxAge`, `input.targetGroups.2`), the message in English, and — where a
 * client words it itself — the rule broken (`required`, `maxLength`, `ageOrder`, …) with its
 * parameters (`{ max: 300 }`). docs/api-guide.md lists the rules.
 */
export interface FieldProblem {
  field: string;
  message: string;
  rule?: string;
  params?: Record<string, unknown>;
}

/** A BadUserInputError as one entry of `extensions.errors`. */
export function fieldProblemOf(error: BadUserInputError): FieldProblem {
  const { field, rule, params } = error.extensions as { field: string; rule?: unknown; params?: unknown };
  return {
    field,
    message: error.message,
    ...(typeof rule === 'string' ? { rule } : {}),
    ...(params && typeof params === 'object' ? { params: params as Record<string, unknown> } : {}),
  };
}

/**
 * Every offending field of one input at once (a form shows each under its field): BAD_USER_INPUT
 * whose `field` and message are the first problem's, for clients that read one, and whose
 * `errors` lists them all in input order.
 */
export class InvalidInputError extends BadUserInputError {
  readonly problems: readonly FieldProblem[];

  constructor(problems: readonly (BadUserInputError | FieldProblem)[]) {
    const list = problems.flatMap((problem) =>
      problem instanceof InvalidInputError ? problem.problems : problem instanceof BadUserInputError ? [fieldProblemOf(problem)] : [problem],
    );
    const [first] = list;
    if (!first) throw new Error('InvalidInputError needs at least one problem');
    super(first.field, list.length === 1 ? first.message : list.map((p) => `${p.field}: ${p.message}`).join('; '), {
      ...(first.rule ? { rule: first.rule } : {}),
      ...(first.params ? { params: first.params } : {}),
      errors: list,
    });
    this.problems = list;
  }
}

/** The problems of one input, collected: throws them all at once, or nothing when there are none. */
export function throwIfProblems(problems: readonly (BadUserInputError | FieldProblem)[]): void {
  if (problems.length > 0) throw new InvalidInputError(problems);
}

/**
 * Runs one step of validating an input and keeps the bad input it finds (one error or several)
 * in `problems` instead of stopping there, so the next step still runs and the caller reports
 * every problem together; other errors pass. Answers the step's value, or undefined.
 */
export async function collectProblems<T>(problems: (BadUserInputError | FieldProblem)[], step: () => Promise<T> | T): Promise<T | undefined> {
  try {
    return await step();
  } catch (error) {
    if (!(error instanceof BadUserInputError)) throw error;
    problems.push(error);
    return undefined;
  }
}

/** No (valid) session or API key where one is needed. */
export class UnauthenticatedError extends CodedError {
  constructor(message = 'Log in or send an API key to do this') {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}

/** Known, but not allowed to do this. */
export class ForbiddenError extends CodedError {
  constructor(message = 'You may not do this') {
    super(ErrorCode.FORBIDDEN, message);
  }
}

/**
 * `new NotFoundError('Service', id)`: "Service <id> does not exist", with `entity`;
 * `new NotFoundError(message)`: that message only.
 */
export class NotFoundError extends CodedError {
  constructor(entity: string, key: string);
  constructor(message: string);
  constructor(entityOrMessage: string, key?: string) {
    super(ErrorCode.NOT_FOUND, key === undefined ? entityOrMessage : `${entityOrMessage} ${key} does not exist`, key === undefined ? {} : { entity: entityOrMessage });
  }
}

/** The request clashes with what is stored; `field` names what to change (`id`, `input.email`), `details` add to the extensions. */
export class ConflictError extends CodedError {
  constructor(message: string, field?: string, details: Record<string, unknown> = {}) {
    super(ErrorCode.CONFLICT, message, { ...(field === undefined ? {} : { field }), ...details });
  }
}

/** Optimistic locking: the client sent `sent` but the record is at `current`. */
export class StaleVersionError extends ConflictError {
  constructor(label: string, id: string, current: number, sent: number) {
    super(`${label} ${id} was changed by someone else (version ${current}, you sent ${sent}); reload and apply your change again`, 'version', { currentVersion: current });
  }
}

/** Something outside the database that the request needs (`reason`: e.g. `mail`) did not answer; nothing was changed: retry later. */
export class ServiceUnavailableError extends CodedError {
  constructor(message: string, reason: string) {
    super(ErrorCode.SERVICE_UNAVAILABLE, message, { reason });
  }
}

/** A status change the lifecycle does not allow from `from`; `details` add e.g. `allowed`. */
export class InvalidTransitionError extends CodedError {
  constructor(message: string, from: string, to: string | null, details: Record<string, unknown> = {}) {
    super(ErrorCode.INVALID_TRANSITION, message, { from, to, ...details });
  }
}
