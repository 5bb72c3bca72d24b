import { createHash } from 'node:crypto';
import { type ApolloServerPlugin, type GraphQLRequestContext, type GraphQLResponse, HeaderMap } from '@apollo/server';
import { type DocumentNode, type FormattedExecutionResult, Kind, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { Logger } from 'pino';
import { configure } from 'safe-stable-stringify';
import { type DataSource, QueryFailedError, type QueryRunner } from 'typeorm';
import { ErrorCode } from '../../common/errors';
import { RETRY_AFTER_SECONDS, UNAVAILABLE_MESSAGES, type UnavailableReason, databaseUnavailableReason } from '../../db/database-unavailable';
import type { IdempotencySettings } from '../../config';
import { type RequestContext, moveContextTo } from '../../context';
import { AccessEventType, IDENTITY_LAYER_FIELDS, accessLogRow, insertAccessLog } from '../referral';
import { withholdIdentityLayer } from './idempotency.redaction';
import { referralsChangedIn, trackReferralChanges } from './idempotency.tracking';

/**
 * `Idempotency-Key` (docs/api-guide.md, "Retrying safely"). A mutation sent with the header runs
 * in one transaction that starts by inserting (caller, key, hash of the request) into
 * `idempotency_key` and ends by storing the response there, just before COMMIT:
 * - the key is new (or expired): the mutation runs; its changes and the stored response commit
 *   together, or neither does;
 * - the key was used with the same request: the stored response is sent again
 *   (`Idempotent-Replayed: true`) and nothing runs;
 * - the key was used with another request: CONFLICT, field `Idempotency-Key`;
 * - the same key is in flight in another request: the INSERT waits on the unique key until
 *   that request commits (then this one is a replay) or rolls back (then this one runs); after
 *   IDEMPOTENCY_WAIT_MS it answers CONFLICT with `retryable: true`.
 * The stored answer never holds the identifying layer of a case (IDENTITY_LAYER_FIELDS, null in
 * storage and in every replay, listed in `extensions.idempotentReplay.withheld`): consent may be
 * withdrawn before the replay, which runs no read rule (idempotency.redaction.ts).
 * A response with an internal error is not stored: the whole request is rolled back and the key
 * stays unused, so the retry runs it again. Keys belong to the caller (an API key or a user);
 * queries ignore the header.
 */

/** The mutations that honour Idempotency-Key: every referral change (each mutation answering a Referral; referral.idempotency.test.ts checks the list against the schema). */
export const IDEMPOTENT_MUTATIONS: ReadonlySet<string> = new Set([
  'createReferral',
  'acceptReferral',
  'declineReferral',
  'changeReferralStatus',
  'recordConsent',
  'addReferralAction',
  'completeReferralAction',
  'addReferralNote',
  'closeReferral',
  'handOverReferral',
  'consultOnReferral',
  'setReferralIdentifyingDetails',
]);

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const VALID_KEY = /^[\x20-\x7E]{1,200}$/;

function callerOf(ctx: RequestContext): string | null {
  const v = ctx.viewer;
  if (v.kind === 'apiKey') return `apiKey:${v.apiKeyId}`;
  if (v.kind === 'user') return `user:${v.userId}`;
  return null;
}

/** Root field names of the operation (through fragments), without `__typename`. */
function rootFields(operation: OperationDefinitionNode, document: DocumentNode): string[] {
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d.selectionSet] as const] : [])));
  const names = new Set<string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!selection.name.value.startsWith('__')) names.add(selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) walk(fragment);
      }
    }
  };
  walk(operation.selectionSet);
  return [...names];
}

/**
 * JSON with object keys sorted (by UTF-16 code units, as `Array#sort`), so `{a, b}` and `{b, a}`
 * hash alike. For what a request can carry (parsed JSON) the output is byte for byte that of the
 * hand-written serializer it replaced, so fingerprints stored before an upgrade still match their
 * retries (docs/operations.md, "Backups and upgrades"; idempotency.fingerprint.test.ts pins one). `strict`
 * and `circularValue: Error` throw on anything JSON cannot represent instead of hashing a
 * placeholder.
 */
const canonicalJson = configure({ deterministic: true, strict: true, circularValue: Error, bigint: false });

/** The fingerprint stored with an Idempotency-Key: the same key with another fingerprint is CONFLICT. */
export function requestHash(query: string, operationName: string | null | undefined, variables: Record<string, unknown> | undefined): string {
  return createHash('sha256')
    // An object always serializes to a string (the `undefined` of the typings is for functions and symbols).
    .update(canonicalJson({ query, operationName: operationName ?? null, variables: variables ?? {} }) as string)
    .digest('hex');
}

function errorResponse(message: string, extensions: Record<string, unknown>, headers: Array<[string, string]> = []): GraphQLResponse {
  return { http: { status: 200, headers: new HeaderMap(headers) }, body: { kind: 'single', singleResult: { errors: [{ message, extensions }] } } };
}

function isLockTimeout(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '55P03';
}

interface Claim {
  runner: QueryRunner;
  caller: string;
  key: string;
}

export function createIdempotencyPlugin(options: { dataSource: DataSource; settings: IdempotencySettings; logger: Logger }): ApolloServerPlugin<RequestContext> {
  const { dataSource, settings, logger } = options;

  /** Starts the request's transaction and claims the key; returns the response to send instead of running, if any. */
  async function claim(rc: GraphQLRequestContext<RequestContext>, state: { claim: Claim | null }): Promise<GraphQLResponse | null> {
    const ctx = rc.contextValue;
    const key = ctx.idempotencyKey!;
    if (rc.operation?.operation !== 'mutation' || !rc.document) return null;
    if (!VALID_KEY.test(key)) {
      return errorResponse(`${IDEMPOTENCY_HEADER} must be 1–200 printable ASCII characters (a UUID is a good choice)`, { code: ErrorCode.BAD_USER_INPUT, field: IDEMPOTENCY_HEADER });
    }
    const caller = callerOf(ctx);
    // Anonymous callers cannot change anything; the rules answer them.
    if (!caller) return null;
    const fields = rootFields(rc.operation, rc.document);
    if (fields.length === 0) return null;
    const unsupported = fields.filter((f) => !IDEMPOTENT_MUTATIONS.has(f));
    if (unsupported.length > 0) {
      return errorResponse(
        `${IDEMPOTENCY_HEADER} is honoured by the referral mutations (${[...IDEMPOTENT_MUTATIONS].join(', ')}), not by ${unsupported.join(', ')}: send those without it`,
        { code: ErrorCode.BAD_USER_INPUT, field: IDEMPOTENCY_HEADER },
      );
    }
    const hash = requestHash(rc.source ?? '', rc.request.operationName, rc.request.variables);
    const runner = dataSource.createQueryRunner();
    try {
      await runner.connect();
    } catch (error) {
      const reason = databaseUnavailableReason(error);
      if (reason) return unavailableResponse(reason);
      throw error;
    }
    try {
      await runner.startTransaction();
      await runner.query(`SELECT set_config('lock_timeout', $1, true)`, [`${Math.max(1, settings.waitMs)}ms`]);
      const inserted: unknown[] = await runner.query(
        `INSERT INTO idempotency_key (caller, key, request_hash, operation, expires_at)
         VALUES ($1, $2, $3, $4, now() + $5 * interval '1 hour')
         ON CONFLICT (caller, key) DO UPDATE
            SET request_hash = EXCLUDED.request_hash, operation = EXCLUDED.operation, status_code = NULL, response = NULL,
                referrals = '[]', created_at = now(), expires_at = EXCLUDED.expires_at
          WHERE idempotency_key.expires_at <= now()
         RETURNING caller`,
        [caller, key, hash, fields.join(',').slice(0, 200), settings.ttlHours],
      );
      await runner.query(`SELECT set_config('lock_timeout', '0', true)`);
      if (inserted.length === 1) {
        // Everything this request reads and writes goes through the transaction.
        moveContextTo(ctx, runner.manager);
        trackReferralChanges(ctx);
        state.claim = { runner, caller, key };
        return null;
      }
      const [stored]: { request_hash: string; status_code: number | null; response: string | null; referrals: Array<{ id: string; dossierNumber: string }> }[] =
        await runner.query(`SELECT request_hash, status_code, response, referrals FROM idempotency_key WHERE caller = $1 AND key = $2`, [caller, key]);
      if (!stored || stored.request_hash !== hash) {
        await runner.rollbackTransaction();
        return errorResponse(`This ${IDEMPOTENCY_HEADER} was used for a different request: use a new key for a new request`, {
          code: ErrorCode.CONFLICT,
          field: IDEMPOTENCY_HEADER,
        });
      }
      if (stored.response === null) {
        await runner.rollbackTransaction();
        return inProgress();
      }
      // A replay shows the referrals again: log it as a read (NEN 7513).
      await insertAccessLog(
        runner.manager,
        stored.referrals.map((r) => accessLogRow(ctx, r, AccessEventType.READ, 'idempotentReplay', { replayOf: fields.join(',') })),
      );
      await runner.commitTransaction();
      // Answers stored before identity was withheld from storage are withheld on the way out too.
      const replayed = withholdIdentityLayer(JSON.parse(stored.response) as FormattedExecutionResult, rc.schema, rc.document, rc.operation, IDENTITY_LAYER_FIELDS).result;
      return {
        http: { status: stored.status_code ?? 200, headers: new HeaderMap([['idempotent-replayed', 'true']]) },
        body: { kind: 'single', singleResult: replayed },
      };
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      if (isLockTimeout(error)) return inProgress();
      const reason = databaseUnavailableReason(error);
      if (reason) return unavailableResponse(reason);
      throw error;
    } finally {
      if (!state.claim) await runner.release();
    }
  }

  function unavailableResponse(reason: UnavailableReason): GraphQLResponse {
    const response = errorResponse(UNAVAILABLE_MESSAGES[reason], { code: ErrorCode.SERVICE_UNAVAILABLE, reason }, [['retry-after', String(RETRY_AFTER_SECONDS)]]);
    response.http.status = 503;
    return response;
  }

  function inProgress(): GraphQLResponse {
    return errorResponse(
      `A request with this ${IDEMPOTENCY_HEADER} is still in progress: retry in a moment with the same key`,
      { code: ErrorCode.CONFLICT, field: IDEMPOTENCY_HEADER, retryable: true },
      [['retry-after', '1']],
    );
  }

  /** Stores the response and commits, or rolls everything back when the request failed internally. */
  async function finish(rc: GraphQLRequestContext<RequestContext>, claimed: Claim): Promise<void> {
    const { runner } = claimed;
    try {
      const body = rc.response.body;
      const result = body?.kind === 'single' ? body.singleResult : null;
      const errors = result?.errors ?? [];
      const internal = errors.find((e) => e.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR);
      // The database went away while the request ran: nothing of it may be stored or committed.
      const unavailable = errors.find((e) => e.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE);
      if (!result || internal || unavailable) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        rc.response.body = {
          kind: 'single',
          singleResult: {
            data: null,
            errors: [
              {
                message: `The request failed and was rolled back: nothing was changed and the ${IDEMPOTENCY_HEADER} is still unused; retry with the same key`,
                extensions: unavailable
                  ? { code: ErrorCode.SERVICE_UNAVAILABLE, reason: unavailable.extensions?.reason }
                  : { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(internal?.extensions?.correlationId ? { correlationId: internal.extensions.correlationId } : {}) },
              },
            ],
          },
        };
        return;
      }
      const referrals = referralsChangedIn(rc.contextValue);
      // The caller gets the identifying details now (the read rule ran); storage never holds them.
      const storable = rc.document && rc.operation ? withholdIdentityLayer(result, rc.schema, rc.document, rc.operation, IDENTITY_LAYER_FIELDS).result : result;
      await runner.query(`UPDATE idempotency_key SET status_code = $3, response = $4, referrals = $5::jsonb WHERE caller = $1 AND key = $2`, [
        claimed.caller,
        claimed.key,
        rc.response.http.status ?? 200,
        JSON.stringify(storable),
        JSON.stringify(referrals),
      ]);
      await runner.commitTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      const reason = databaseUnavailableReason(error);
      if (reason) {
        // The connection was lost around COMMIT: the change may or may not have been committed. The stored
        // key makes a retry safe either way (a replay if it was, a first run if it was not).
        logger.warn({ reason, err: { message: (error as Error).message }, requestId: rc.contextValue.requestId }, 'idempotent request: database unavailable at commit');
        rc.response.http.status = 503;
        rc.response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
        rc.response.body = {
          kind: 'single',
          singleResult: {
            data: null,
            errors: [
              {
                message: `The database became unavailable while the change was committed, so its outcome is unknown: retry with the same ${IDEMPOTENCY_HEADER}, which applies it exactly once`,
                extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, reason },
              },
            ],
          },
        };
        return;
      }
      logger.error({ err: error, requestId: rc.contextValue.requestId }, 'idempotent request could not be committed');
      rc.response.body = {
        kind: 'single',
        singleResult: {
          data: null,
          errors: [{ message: `The request could not be committed: nothing was changed; retry with the same ${IDEMPOTENCY_HEADER}`, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }],
        },
      };
    } finally {
      await runner.release().catch(() => undefined);
    }
  }

  return {
    async requestDidStart({ contextValue }) {
      if (contextValue.idempotencyKey === null) return;
      const state: { claim: Claim | null } = { claim: null };
      return {
        async responseForOperation(rc) {
          return claim(rc, state);
        },
        async willSendResponse(rc) {
          const claimed = state.claim;
          state.claim = null;
          if (claimed) await finish(rc, claimed);
        },
      };
    },
  };
}
