import { GraphQLError } from 'graphql';

/** The error codes clients can rely on (design §5). */
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

/** Bad input; `field` names the offending argument or input field (e.g. `first`, `filter.area`). */
export class BadUserInputError extends GraphQLError {
  constructor(field: string, message: string) {
    super(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, field } });
  }
}

export class NotFoundError extends GraphQLError {
  constructor(entity: string, key: string) {
    super(`${entity} ${key} does not exist`, { extensions: { code: ErrorCode.NOT_FOUND, entity } });
  }
}
