import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { Viewer } from '../auth/viewer';
import type { ReplicaSettings } from '../config';
import { type RequestContext, moveContextTo } from '../context';
import { databaseUnavailableReason } from '../db/database-unavailable';
import type { ReplicaSet } from '../db/replicas';
import type { EntityManager } from 'typeorm';

/**
 * Which GraphQL reads go to a streaming replica (db/replicas.ts), decided per request once the
 * operation is known:
 * - only queries whose every root field a feature declared lag-tolerant and write-free
 *   (`FeatureModule.replicaReads`: the social map, key figures, the neighbourhood view); referrals,
 *   the access log, accounts and anything else stay on the primary (default-deny);
 * - not for a caller who wrote in the last READ_YOUR_WRITES_SECONDS (read-your-writes): a
 *   mutation's answer sets the `schakel_rw` cookie for that long, and this process also remembers
 *   the caller (an API client without cookies that reaches another replica may send
 *   `Schakel-Read: primary`); the window is longer than REPLICA_MAX_LAG_MS, so a replica still in
 *   use afterwards holds the write;
 * - `Schakel-Read: primary` forces the primary for any request;
 * - when no replica is in use the primary serves (a replica that fails during a request is taken
 *   out at once; the request answers SERVICE_UNAVAILABLE with Retry-After and its retry goes
 *   elsewhere).
 * The answer says where it was read: `Schakel-Read-From: primary` or `replica`.
 */

export const READ_YOUR_WRITES_COOKIE = 'schakel_rw';
export const READ_HEADER = 'schakel-read';
export const READ_FROM_HEADER = 'schakel-read-from';

/** Who a caller is for read-your-writes within this process (null: anonymous, who never writes). */
export function writerKey(viewer: Viewer): string | null {
  if (viewer.kind === 'user') return `user:${viewer.userId}`;
  if (viewer.kind === 'apiKey') return `key:${viewer.apiKeyId}`;
  return null;
}

/**
 * The root fields of `operation` when every selection at its root is a plain field (no fragment,
 * no directive); null otherwise (such an operation reads from the primary).
 */
export function rootFieldsOf(operation: OperationDefinitionNode): string[] | null {
  const names: string[] = [];
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || (selection.directives?.length ?? 0) > 0) return null;
    names.push(selection.name.value);
  }
  return names;
}

/** Whether a query with these root fields may read from a replica: every one declared lag-tolerant (introspection's `__typename` too). */
export function replicaMayServe(rootFields: readonly string[] | null, replicaReads: ReadonlySet<string>): boolean {
  return rootFields !== null && rootFields.length > 0 && rootFields.every((name) => name === '__typename' || replicaReads.has(name));
}

/** The recent writers this process has seen, each until its window ends (bounded: the oldest go first). */
export class RecentWriters {
  private readonly until = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly max = 50_000,
  ) {}

  wrote(key: string | null, now = Date.now()): void {
    if (!key) return;
    this.until.delete(key);
    if (this.until.size >= this.max) this.until.delete(this.until.keys().next().value as string);
    this.until.set(key, now + this.windowMs);
  }

  hasWritten(key: string | null, now = Date.now()): boolean {
    if (!key) return false;
    const until = this.until.get(key);
    if (until === undefined) return false;
    if (until > now) return true;
    this.until.delete(key);
    return false;
  }
}

function cookieOf(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}

export function readYourWritesCookie(settings: ReplicaSettings, secure: boolean): string {
  return `${READ_YOUR_WRITES_COOKIE}=1; Max-Age=${settings.readYourWritesSeconds}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

export interface ReadRoutingOptions {
  replicas: ReplicaSet;
  settings: ReplicaSettings;
  /** Root Query fields the features declared lag-tolerant (FeatureModule.replicaReads). */
  replicaReads: ReadonlySet<string>;
  writers: RecentWriters;
  secureCookie: boolean;
}

/**
 * The routing decision of one query, shared by the Apollo plugin below and direct execution
 * (graphql/direct-execution.ts): a replica (its name and manager) or null for the primary.
 */
export function createReadRouter(options: ReadRoutingOptions) {
  const { replicas, replicaReads, writers } = options;
  return {
    header: READ_FROM_HEADER,
    route(operation: OperationDefinitionNode, header: (name: string) => string | undefined | null, viewer: Viewer): { name: string; manager: EntityManager } | null {
      if (operation.operation !== 'query' || !replicaMayServe(rootFieldsOf(operation), replicaReads)) return null;
      if (header(READ_HEADER)?.trim().toLowerCase() === 'primary') return null;
      if (cookieOf(header('cookie') ?? undefined, READ_YOUR_WRITES_COOKIE) !== null) return null;
      if (writers.hasWritten(writerKey(viewer))) return null;
      return replicas.pick();
    },
    failed(name: string, error: unknown): void {
      // A statement cancelled for a conflict with recovery or a timeout says nothing of the replica's health; a lost connection does.
      if (databaseUnavailableReason(error) === 'DATABASE_UNAVAILABLE') replicas.markDown(name, 'a request found it unreachable');
    },
  };
}

export function readRoutingPlugin(options: ReadRoutingOptions): ApolloServerPlugin<RequestContext> {
  const { settings, writers, secureCookie } = options;
  const router = createReadRouter(options);
  return {
    async requestDidStart() {
      let replica: string | null = null;
      let wrote = false;
      return {
        async didResolveOperation({ operation, contextValue, request }) {
          if (!operation) return;
          if (operation.operation === 'mutation') {
            wrote = true;
            writers.wrote(writerKey(contextValue.viewer));
            return;
          }
          const read = router.route(operation, (name) => request.http?.headers.get(name), contextValue.viewer);
          if (!read) return;
          replica = read.name;
          moveContextTo(contextValue, read.manager);
        },
        async didEncounterErrors({ errors }) {
          if (!replica) return;
          for (const error of errors) {
            if (databaseUnavailableReason(error.originalError ?? error) === 'DATABASE_UNAVAILABLE') {
              router.failed(replica, error.originalError ?? error);
              break;
            }
          }
        },
        async willSendResponse({ response }) {
          response.http.headers.set(READ_FROM_HEADER, replica ? 'replica' : 'primary');
          if (wrote) response.http.headers.set('set-cookie', readYourWritesCookie(settings, secureCookie));
        },
      };
    },
  };
}
