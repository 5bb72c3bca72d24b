import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { NeighbourhoodThresholds, WebhookSettings } from './config';
import { ANONYMOUS, type Viewer } from './modules/auth/viewer';
import { type AreaLoaders, createAreaLoaders } from './modules/area/area.loaders';
import { type InterventionTypeLoaders, createInterventionTypeLoaders } from './modules/intervention-type/intervention-type.loaders';
import { type KeyFigureLoaders, createKeyFigureLoaders } from './modules/key-figure/key-figure.loaders';
import { type KeyPersonLoaders, createKeyPersonLoaders } from './modules/key-person/key-person.loaders';
import { type LocationLoaders, createLocationLoaders } from './modules/location/location.loaders';
import { type NeighbourhoodLoaders, createNeighbourhoodLoaders } from './modules/neighbourhood/neighbourhood.loaders';
import { type NetworkLoaders, createNetworkLoaders } from './modules/network/network.loaders';
import { type OrganisationLoaders, createOrganisationLoaders } from './modules/organisation/organisation.loaders';
import { type ReferralLoaders, createReferralLoaders } from './modules/referral/referral.loaders';
import type { ReferralSettings } from './modules/referral/referral.settings';
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
  return {
    requestId: options.requestId ?? randomUUID(),
    manager,
    viewer: options.viewer ?? ANONYMOUS,
    client: options.client ?? { ip: null, userAgent: null },
    idempotencyKey: options.idempotencyKey ?? null,
    settings: options.settings ?? { staleAfterMonths: 12 },
    loaders: createLoaders(manager),
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
