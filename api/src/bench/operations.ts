import type { Pool } from 'pg';
import { COMPARE_SQL, NEIGHBOURHOOD_VIEW_SQL, ORGANISATION_SQL, SEARCH_SQL, SECTOR_ORDER, SECTOR_PAGE_SQL, SERVICES_PAGE_SQL, TABLE_ORDER } from './lower-bound.sql';
import type { Samples, StatusItem } from './samples';

/**
 * The operations the benchmark and the load test drive: a GraphQL document, how the i-th
 * request varies (ids, areas, search terms from the samples), and for reads the lower-bound SQL.
 */

/** Per-connection state autocannon keeps from building a request until its response. */
export type RequestContext = Record<string, unknown>;

export interface RequestPlan {
  variables: Record<string, unknown>;
  headers: Record<string, string>;
}

export interface LowerBound {
  sql: string;
  params(variables: Record<string, unknown>): unknown[];
}

export interface BenchOperation {
  name: string;
  title: string;
  kind: 'read' | 'write';
  document: string;
  next(context: RequestContext): RequestPlan;
  /** Sees every response (writes keep track of the referrals' versions). */
  settle?(context: RequestContext, status: number, body: string): void;
  /** Before each measured step (status changes reload their referrals' versions). */
  beforeStep?(): Promise<void>;
  lowerBound?: LowerBound;
}

export interface Credentials {
  /** Session cookie of the ORGANISATION user (reads). */
  cookie: string;
  /** API key with READ_MAP and REFERRALS of the same organisation (referral writes). */
  apiKey: string;
}

export interface OperationSettings {
  /** COVERAGE_THIN_BELOW and STALE_AFTER_MONTHS as the app runs with them. */
  thinBelow: number;
  freshnessMonths: number;
  /** Makes Idempotency-Keys unique across runs. */
  runId: string;
}

/** Cycles through a sample list: the i-th request takes the i-th sample. */
function cycle<T>(items: readonly T[]): () => T {
  if (items.length === 0) throw new Error('no samples for an operation');
  let i = 0;
  return () => items[i++ % items.length];
}

export const ORGANISATION_QUERY = `query Organisation($id: ID!) {
  organisation(id: $id) {
    id name abbreviation sector status website email phone
    areas { id code name level }
    locations { id name kind address postcode city latitude longitude }
    services { id name status targetGroups { code nameNl } }
  }
}`;

export const SERVICES_PAGE_QUERY = `query ServicesInNeighbourhood($area: String!, $targetGroup: String!) {
  services(area: $area, targetGroup: $targetGroup, first: 50) {
    edges { node { id name status organisation { id name } locations { id name latitude longitude } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const SEARCH_QUERY = `query Search($q: String!) {
  services(search: $q, first: 20) {
    edges { node { id name organisation { id name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const SECTOR_PAGE_QUERY = `query OrganisationsOfSector($sector: Sector!) {
  organisations(sector: $sector, first: 20) {
    totalCount
    edges { node { id name sector } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const NEIGHBOURHOOD_VIEW_QUERY = `query NeighbourhoodView($area: String!) {
  neighbourhoodView(area: $area) {
    area { id code name } parentArea { id name } municipality { id name }
    keyFigures { indicatorCode year value parentValue municipalityValue previousYear previousValue }
    bySector {
      sector
      organisations { relation organisation { id name } }
      services { relation service { id name } }
      locations { relation location { id name } }
    }
    networks { relation network { id name kind } }
    coverage { serviceCount rows { targetGroup { code } total { count status } cells { count status } } }
    freshness { total { records verified } }
  }
}`;

export const COMPARE_QUERY = `query Compare($areas: [String!]!) {
  compareAreas(areas: $areas) {
    areas { id code name }
    indicators { indicatorCode values { year value municipalityValue } }
    coverage { targetGroup { code } serviceCounts statuses }
  }
}`;

export const ORGANISATIONS_LIST_QUERY = `query OrganisationsInArea($area: String!) {
  organisations(area: $area, first: 20) {
    edges { node { id name sector } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const CREATE_REFERRAL_MUTATION = `mutation CreateReferral($input: CreateReferralInput!) {
  createReferral(input: $input) { id dossierNumber status version }
}`;

export const CHANGE_STATUS_MUTATION = `mutation ChangeStatus($id: ID!, $version: Int!, $to: ReferralStatus!) {
  changeReferralStatus(id: $id, version: $version, input: { to: $to }) { id status version }
}`;

export function readOperations(samples: Samples, credentials: Credentials, settings: OperationSettings): BenchOperation[] {
  const session = { cookie: credentials.cookie };
  const organisation = cycle(samples.organisationIds);
  const page = cycle(samples.servicePages);
  const term = cycle(samples.searchTerms);
  const district = cycle(samples.districtCodes);
  // The sectors in the order the generator weighs them: the common ones first, so most pages are full.
  const sector = cycle(SECTOR_ORDER);
  const comparison = cycle(samples.comparisons);
  return [
    {
      name: 'organisation',
      title: 'one organisation by id',
      kind: 'read',
      document: ORGANISATION_QUERY,
      next: () => ({ variables: { id: organisation() }, headers: session }),
      lowerBound: { sql: ORGANISATION_SQL, params: (v) => [v.id] },
    },
    {
      name: 'services-page',
      title: '50 services in a neighbourhood for a target group',
      kind: 'read',
      document: SERVICES_PAGE_QUERY,
      next: () => {
        const { area, targetGroup } = page();
        return { variables: { area, targetGroup }, headers: session };
      },
      lowerBound: { sql: SERVICES_PAGE_SQL, params: (v) => [v.area, v.targetGroup] },
    },
    {
      name: 'search',
      title: 'Dutch full-text search, 20 services',
      kind: 'read',
      document: SEARCH_QUERY,
      next: () => ({ variables: { q: term() }, headers: session }),
      lowerBound: { sql: SEARCH_SQL, params: (v) => [samples.searchQueries[v.q as string]] },
    },
    {
      name: 'sector-page',
      title: '20 organisations of a sector, with the count',
      kind: 'read',
      document: SECTOR_PAGE_QUERY,
      next: () => ({ variables: { sector: sector() }, headers: session }),
      lowerBound: { sql: SECTOR_PAGE_SQL, params: (v) => [v.sector] },
    },
    {
      name: 'neighbourhood-view',
      title: 'neighbourhood view of a district',
      kind: 'read',
      document: NEIGHBOURHOOD_VIEW_QUERY,
      next: () => ({ variables: { area: district() }, headers: session }),
      lowerBound: { sql: NEIGHBOURHOOD_VIEW_SQL, params: (v) => [v.area, settings.thinBelow, settings.freshnessMonths, TABLE_ORDER, SECTOR_ORDER] },
    },
    {
      name: 'compare',
      title: 'compare 10 neighbourhoods',
      kind: 'read',
      document: COMPARE_QUERY,
      next: () => ({ variables: { areas: comparison() }, headers: session }),
      lowerBound: { sql: COMPARE_SQL, params: (v) => [v.areas, settings.thinBelow, TABLE_ORDER] },
    },
  ];
}

/** The map's organisation list for a neighbourhood (the load test's second list beside services). */
export function organisationsListOperation(samples: Samples, credentials: Credentials): BenchOperation {
  const area = cycle(samples.servicePages.map((page) => page.area));
  return {
    name: 'organisations-list',
    title: '20 organisations serving a neighbourhood',
    kind: 'read',
    document: ORGANISATIONS_LIST_QUERY,
    next: () => ({ variables: { area: area() }, headers: { cookie: credentials.cookie } }),
  };
}

const LIFE_DOMAINS = [['SOCIAL_NETWORK'], ['FINANCES', 'HOUSING'], ['MENTAL_HEALTH'], ['FAMILY_AND_PARENTING', 'SAFETY']];

export function writeOperations(samples: Samples, credentials: Credentials, settings: OperationSettings, pool: Pool): BenchOperation[] {
  const bearer = { authorization: `Bearer ${credentials.apiKey}` };
  const receiver = cycle(samples.receivingOrganisationIds);
  const area = cycle(samples.referralAreaCodes);
  const targetGroup = cycle(samples.targetGroupCodes);
  const lifeDomains = cycle(LIFE_DOMAINS);
  let created = 0;
  let changed = 0;
  const statuses = new StatusPool(samples.statusPool, pool);
  return [
    {
      name: 'referral-create',
      title: 'create a referral (Idempotency-Key)',
      kind: 'write',
      document: CREATE_REFERRAL_MUTATION,
      next: () => ({
        variables: {
          input: {
            receivingOrganisationId: receiver(),
            targetGroups: [targetGroup()],
            lifeDomains: lifeDomains(),
            area: area(),
            summary: 'Bewoner zoekt hulp bij administratie en contact in de buurt.',
            consent: { given: true, scope: 'RECEIVER' },
          },
        },
        headers: { ...bearer, 'idempotency-key': `${settings.runId}-create-${(created += 1)}` },
      }),
    },
    {
      name: 'referral-status',
      title: 'change a referral status (Idempotency-Key)',
      kind: 'write',
      document: CHANGE_STATUS_MUTATION,
      next: (context) => {
        const item = statuses.take();
        context.item = item;
        return {
          variables: { id: item.id, version: item.version, to: item.status === 'EXPLORING' ? 'ON_HOLD' : 'EXPLORING' },
          headers: { ...bearer, 'idempotency-key': `${settings.runId}-status-${(changed += 1)}` },
        };
      },
      settle: (context, _status, body) => statuses.settle(context.item as StatusItem | undefined, body),
      beforeStep: () => statuses.reload(),
    },
  ];
}

/**
 * Referrals that move EXPLORING ⇄ ON_HOLD, each in flight on at most one connection at a time
 * (a second change with the same version would be a CONFLICT). The response carries the new
 * version; a CONFLICT carries the current one.
 */
class StatusPool {
  private ready: StatusItem[];

  constructor(
    private readonly items: StatusItem[],
    private readonly pool: Pool,
  ) {
    this.ready = [...items];
  }

  take(): StatusItem {
    const item = this.ready.shift();
    if (!item) throw new Error('no referral free for a status change: the pool is smaller than the number of connections');
    return item;
  }

  settle(item: StatusItem | undefined, body: string): void {
    if (!item) return;
    try {
      const parsed = JSON.parse(body) as {
        data?: { changeReferralStatus?: { status: string; version: number } | null } | null;
        errors?: Array<{ extensions?: { currentVersion?: number } }>;
      };
      const moved = parsed.data?.changeReferralStatus;
      if (moved) Object.assign(item, { status: moved.status, version: moved.version });
      const current = parsed.errors?.[0]?.extensions?.currentVersion;
      if (typeof current === 'number') item.version = current;
    } catch {
      // A body that is not JSON counts as an error; the referral is reloaded before the next step.
    }
    this.ready.push(item);
  }

  /**
   * Reads status and version of every referral again: requests cut off at the end of a step
   * may have committed after their answer was no longer awaited (the step waits for the app to
   * be idle first).
   */
  async reload(): Promise<void> {
    const { rows } = await this.pool.query<StatusItem>(`SELECT id, status, version FROM referral WHERE id = ANY($1::uuid[])`, [this.items.map((item) => item.id)]);
    const current = new Map(rows.map((row) => [row.id, row]));
    for (const item of this.items) Object.assign(item, current.get(item.id));
    this.ready = this.items.filter((item) => item.status === 'EXPLORING' || item.status === 'ON_HOLD');
  }
}

