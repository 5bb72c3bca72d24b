import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { NeighbourhoodThresholds, ReferralSettings, WebhookSettings } from './config';
import { ANONYMOUS, type Viewer } from './auth/viewer';
import { type AreaLoaders, createAreaLoaders } from './modules/area/area.loaders';
import { type InterventionTypeLoaders, createInterventionTypeLoaders } from './modules/intervention-type/intervention-type.loaders';
import { type KeyFigureLoaders, createKeyFigureLoaders } from './modules/key-figure/key-figure.loaders';
import { type KeyPersonLoaders, createKeyPersonLoaders } from './modules/key-person/key-person.loaders';
import { type LocationLoaders, createLocationLoaders } from './modules/location/location.loaders';
import { type NeighbourhoodLoaders, createNeighbourhoodLoaders } from './modules/neighbourhood/neighbourhood.loaders';
import { type NetworkLoaders, createNetworkLoaders } from './modules/network/network.loaders';
import { type OrganisationLoaders, createOrganisationLoaders } from './modules/organisation/organisation.loaders';
import { type ReferralLoaders, createReferralLoaders } from './modules/referral/referral.loaders';
import { type ServiceLoaders, createServiceLoaders } from './modules/service/service.loaders';
import { type TargetGroupLoaders, createTargetGroupLoaders } from './modules/target-group/target-group.loaders';
import { type UserLoaders, createUserLoaders } from './modules/user/user.loaders';

export type Loaders = AreaLoaders &
  KeyFigureLoaders &
  KeyPersonLoaders &
  InterventionTypeLoaders &
  TargetGroupLoaders &
  OrganisationLoaders &
  LocationLoaders &
  ServiceLoaders &
  NetworkLoaders &
  ReferralLoaders &
  UserLoaders &
  NeighbourhoodLoaders;

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
  };
}

/** One context per request: fresh DataLoaders, so caching never crosses requests or users. */
export function createContext(
  manager: EntityManager,
  options: { viewer?: Viewer; requestId?: string; client?: RequestContext['client']; settings?: RequestContext['settings']; idempotencyKey?: string | null } = {},
): RequestContext {
  const fields = {
    requestId: options.requestId ?? randomUUID(),
    viewer: options.viewer ?? ANONYMOUS,
    client: options.client ?? { ip: null, userAgent: null },
    idempotencyKey: options.idempotencyKey ?? null,
    settings: options.settings ?? { staleAfterMonths: 12 },
  };
  return withDatabaseScope(fields, { manager, loaders: createLoaders(manager), openTransaction: false, closed: null, root: null });
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
  /** Built on first use in transaction contexts. */
  loaders: Loaders | null;
  /** A transaction forked from this context is running: `manager` and `loaders` are closed. */
  openTransaction: boolean;
  /** Why this context can no longer reach the database (its transaction ended), or null. */
  closed: string | null;
  /** The request's own context, for state kept per request (transaction contexts point to it). */
  root: RequestContext | null;
}

const SCOPE = Symbol('schakel.databaseScope');

type ScopedContext = RequestContext & { [SCOPE]?: DatabaseScope };

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
    get: () => (usable(scope).loaders ??= createLoaders(scope.manager)),
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
  const fields: Record<string | symbol, unknown> = {};
  for (const key of Reflect.ownKeys(ctx)) {
    if (key === 'manager' || key === 'loaders' || key === SCOPE) continue;
    fields[key] = (ctx as unknown as Record<string | symbol, unknown>)[key];
  }
  const scope: DatabaseScope = { manager, loaders: null, openTransaction: false, closed: null, root: rootContextOf(ctx) };
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

/** Fresh DataLoaders on `manager` (the idempotency plugin rebuilds them on its transaction). */
export function createLoaders(manager: EntityManager): Loaders {
  return {
    ...createAreaLoaders(manager),
    ...createKeyFigureLoaders(manager),
    ...createKeyPersonLoaders(manager),
    ...createInterventionTypeLoaders(manager),
    ...createTargetGroupLoaders(manager),
    ...createOrganisationLoaders(manager),
    ...createLocationLoaders(manager),
    ...createServiceLoaders(manager),
    ...createNetworkLoaders(manager),
    ...createReferralLoaders(manager),
    ...createUserLoaders(manager),
    ...createNeighbourhoodLoaders(manager),
  };
}
