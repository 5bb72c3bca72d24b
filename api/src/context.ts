import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { GeocoderSettings, NeighbourhoodThresholds, ReferralSettings, WebhookSettings } from './config';
import { ANONYMOUS, type Viewer } from './auth/viewer';
import type { LoaderFactory, Loaders } from './common/loaders';

export type { Loaders } from './common/loaders';

/** Everything a resolver or service may use for one request. */
export interface RequestContext {
  requestId: string;
  manager: EntityManager;
  loaders: Loaders;
  /** Who is asking: anonymous, a logged-in user or an organisation's API key. */
  viewer: Viewer;
  /** Access point, for the access log. */
  client: { ip: string | null; userAgent: string | null };
  /** The `Idempotency-Key` header as sent (checked by the idempotency plugin), or null. */
  idempotencyKey: string | null;
  /** Settings services need (defaults apply outside a running app). */
  settings: {
    staleAfterMonths: number;
    /** Referral settings; unset: from the environment (REFERRAL_DEFAULT_ACTION_WEEKS, REFERRAL_RETENTION_YEARS). */
    referrals?: ReferralSettings;
    /** Webhook settings; unset: from the environment (WEBHOOK_SECRET_KEY, …). */
    webhooks?: WebhookSettings;
    /** Neighbourhood view thresholds; unset: from the environment (TEAM_NORM_*, COVERAGE_THIN_BELOW, GAP_NEED_MARGIN). */
    neighbourhood?: NeighbourhoodThresholds;
    /** The geocoder (location lookups); unset: from the environment (GEOCODER_URL, GEOCODER_TIMEOUT_MS). */
    geocoder?: GeocoderSettings;
  };
}

/** What a context is made for: the caller, the request and the settings (defaults: anonymous, a new id, none). */
export interface ContextOptions {
  viewer?: Viewer;
  requestId?: string;
  client?: RequestContext['client'];
  settings?: RequestContext['settings'];
  idempotencyKey?: string | null;
}

/** Makes the context of one request (or one script run, or one test) on `manager`. */
export type ContextFactory = (manager: EntityManager, options?: ContextOptions) => RequestContext;

/**
 * The context factory of an app made of features whose loader factories are `loaderFactories`
 * (`contextFactoryOf(features)` in common/feature.ts gathers them). One context per request: fresh
 * DataLoaders, so caching never crosses requests or users. The kernel itself knows no feature's
 * loaders (common/loaders.ts): it only composes the factories it is given.
 */
export function createContextFactory(loaderFactories: readonly LoaderFactory[]): ContextFactory {
  const createLoaders = (manager: EntityManager): Loaders => {
    const loaders = {};
    for (const factory of loaderFactories) Object.assign(loaders, factory(manager));
    // Complete when every feature that adds to Loaders is in the list (features.ts); the schema and access tests run on it.
    return loaders as Loaders;
  };
  return (manager, options = {}) => {
    const fields = {
      requestId: options.requestId ?? randomUUID(),
      viewer: options.viewer ?? ANONYMOUS,
      client: options.client ?? { ip: null, userAgent: null },
      idempotencyKey: options.idempotencyKey ?? null,
      settings: options.settings ?? { staleAfterMonths: 12 },
    };
    // The loaders are built on first use: a request answered by one compiled statement never needs them.
    return withDatabaseScope(fields, { manager, loaders: null, createLoaders, openTransaction: false, closed: null, root: null });
  };
}

// The database handle of a context, guarded -------------------------------------------------------

/**
 * A context's `manager` and `loaders` live in a scope. `withTransaction` (common/transaction.ts)
 * gives its callback a context of its own, bound to the transaction's EntityManager, and for as
 * long as the callback runs the outer context's `manager` and `loaders` throw: a read through
 * them would run on a second pooled connection, miss the transaction's own writes and, with
 * enough concurrent requests, wait forever for a connection the pool no longer has. Once the
 * transaction has ended its context throws too, so a transaction context kept past its
 * transaction cannot reach a released connection either.
 */
interface DatabaseScope {
  manager: EntityManager;
  /** Built on first use (on the context's manager at that moment). */
  loaders: Loaders | null;
  /** The app's loader factories, composed (createContextFactory): transaction contexts build theirs with it. */
  createLoaders: (manager: EntityManager) => Loaders;
  /** A transaction forked from this context is running: `manager` and `loaders` are closed. */
  openTransaction: boolean;
  /** Why this context can no longer reach the database (its transaction ended), or null. */
  closed: string | null;
  /** The request's own context, for state kept per request (transaction contexts point to it). */
  root: RequestContext | null;
}

const SCOPE = Symbol('schakel.databaseScope');

/**
 * The app's composed loader factory, on the context itself and enumerable: Apollo hands resolvers a
 * shallow copy of the context (`Object.assign`, which keeps enumerable symbol keys but not the
 * non-enumerable scope), and a transaction forked from that copy still builds the app's loaders.
 */
const LOADER_FACTORY = Symbol('schakel.loaderFactory');

type ScopedContext = RequestContext & { [SCOPE]?: DatabaseScope; [LOADER_FACTORY]?: (manager: EntityManager) => Loaders };

function loaderFactoryOf(ctx: RequestContext, action: string): (manager: EntityManager) => Loaders {
  const factory = (ctx as ScopedContext)[LOADER_FACTORY];
  if (!factory) throw new TransactionScopeError(`This context was not made by a context factory (createContextFactory): it cannot ${action}`);
  return factory;
}

/** A mistake in code, not in the request: the wrong database handle was used. */
export class TransactionScopeError extends Error {
  override name = 'TransactionScopeError';
}

function usable(scope: DatabaseScope): DatabaseScope {
  if (scope.openTransaction) {
    throw new TransactionScopeError(
      "This request's transaction is open: inside withTransaction use the context it passes to the callback, not the outer one (its manager would read on a second connection, without the transaction's writes)",
    );
  }
  if (scope.closed) throw new TransactionScopeError(scope.closed);
  return scope;
}

function withDatabaseScope(fields: Omit<RequestContext, 'manager' | 'loaders'>, scope: DatabaseScope): RequestContext {
  const ctx = fields as ScopedContext;
  Object.defineProperty(ctx, SCOPE, { value: scope, enumerable: false });
  Object.defineProperty(ctx, LOADER_FACTORY, { value: scope.createLoaders, enumerable: true });
  Object.defineProperty(ctx, 'manager', {
    enumerable: true,
    get: () => usable(scope).manager,
    // The idempotency plugin moves a whole request onto its transaction.
    set: (manager: EntityManager) => {
      scope.manager = manager;
    },
  });
  Object.defineProperty(ctx, 'loaders', {
    enumerable: true,
    get: () => (usable(scope).loaders ??= scope.createLoaders(scope.manager)),
    set: (loaders: Loaders) => {
      scope.loaders = loaders;
    },
  });
  return ctx;
}

/** The request's own context: `ctx` itself, or the one a transaction context was forked from. */
export function rootContextOf(ctx: RequestContext): RequestContext {
  return (ctx as ScopedContext)[SCOPE]?.root ?? ctx;
}

/**
 * For common/transaction.ts only. A context like `ctx` (same caller, client and settings) bound
 * to `manager`, with loaders of its own; and the functions that close the outer context while
 * the transaction runs and close the new one when it ends.
 */
export function forkDatabaseScope(ctx: RequestContext, manager: EntityManager): { txCtx: RequestContext; open(): void; end(): void } {
  const outer = (ctx as ScopedContext)[SCOPE];
  const createLoaders = loaderFactoryOf(ctx, 'open a transaction');
  const fields: Record<string | symbol, unknown> = {};
  for (const key of Reflect.ownKeys(ctx)) {
    if (key === 'manager' || key === 'loaders' || key === SCOPE || key === LOADER_FACTORY) continue;
    fields[key] = (ctx as unknown as Record<string | symbol, unknown>)[key];
  }
  const scope: DatabaseScope = { manager, loaders: null, createLoaders, openTransaction: false, closed: null, root: rootContextOf(ctx) };
  const txCtx = withDatabaseScope(fields as unknown as Omit<RequestContext, 'manager' | 'loaders'>, scope);
  return {
    txCtx,
    open() {
      if (outer) outer.openTransaction = true;
    },
    end() {
      if (outer) outer.openTransaction = false;
      scope.closed = 'This transaction has ended: its context no longer reaches the database (use the context the transaction was started from)';
    },
  };
}

/**
 * Moves a whole request onto `manager` (the idempotency plugin's transaction): the context reads
 * and writes through it, with fresh loaders built on it, so nothing cached before the transaction
 * began is served inside it.
 */
export function moveContextTo(ctx: RequestContext, manager: EntityManager): void {
  const createLoaders = loaderFactoryOf(ctx, 'move to a transaction');
  ctx.manager = manager;
  ctx.loaders = createLoaders(manager);
}
