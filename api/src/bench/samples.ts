import type { Pool } from 'pg';
import { expandSearch } from '../modules/search';
import { COMPARE_SQL, NEIGHBOURHOOD_VIEW_SQL, SEARCH_SQL, SECTOR_ORDER, SERVICES_PAGE_SQL, TABLE_ORDER } from './lower-bound.sql';
import { GENERATED_SOURCE } from './presets';

/**
 * What the requests vary over: organisations, neighbourhoods, districts, search terms and
 * referrals drawn from the generated data (deterministically: ordered by a hash of the id).
 * Samples are limited to cases where every part of the answer is non-empty — an empty part
 * skips its SQL statements, and the statement count of an operation should not depend on
 * which sample a request happens to take.
 */

export interface StatusItem {
  id: string;
  status: string;
  version: number;
}

export interface Samples {
  organisationIds: string[];
  servicePages: Array<{ area: string; targetGroup: string }>;
  searchTerms: string[];
  /** Each search term's tsquery as the API expands it (modules/search), for the lower bound and the peers. */
  searchQueries: Record<string, string>;
  districtCodes: string[];
  comparisons: string[][];
  /** Referral writes: organisations to refer to and areas in the writing organisation's municipality. */
  receivingOrganisationIds: string[];
  referralAreaCodes: string[];
  targetGroupCodes: string[];
  statusPool: StatusItem[];
}

/** Searches of one word, several words, a phrase and an exclusion (websearch syntax). */
const SEARCH_TERMS = [
  'eenzaamheid', 'mantelzorg', 'schulden', '"huiselijk geweld"', 'jongeren sport', 'dementie', 'vrijwilligers ouderen', 'valpreventie', 'buurtmaaltijd',
  '"digitale vaardigheden"', 'rouwverwerking', 'opvoeding', 'voedselbank', 'psychische klachten', 'wonen', 'taal -cursus', 'ontmoeting inloop', 'budgetcoaching',
  'statushouders', 'huiswerkbegeleiding',
];

export interface SampleSettings {
  thinBelow: number;
  freshnessMonths: number;
}

async function column(pool: Pool, sql: string, params: unknown[] = []): Promise<string[]> {
  const { rows } = await pool.query<{ value: string }>(sql, params);
  return rows.map((row) => row.value);
}

async function answer<T>(pool: Pool, sql: string, params: unknown[]): Promise<T> {
  const { rows } = await pool.query<{ data: string }>(sql, params);
  return JSON.parse(rows[0].data) as T;
}

async function keep<T>(candidates: T[], wanted: number, accept: (candidate: T) => Promise<boolean>): Promise<T[]> {
  const kept: T[] = [];
  for (const candidate of candidates) {
    if (kept.length >= wanted) break;
    if (await accept(candidate)) kept.push(candidate);
  }
  return kept;
}

export async function selectSamples(pool: Pool, organisationId: string, settings: SampleSettings): Promise<Samples> {
  const [municipalityId] = await column(
    pool,
    `WITH RECURSIVE up AS (SELECT a.id, a.parent_id, a.level FROM organisation_area oa JOIN area a ON a.id = oa.area_id WHERE oa.organisation_id = $1
                           UNION SELECT a.id, a.parent_id, a.level FROM area a JOIN up ON a.id = up.parent_id)
     SELECT id AS value FROM up WHERE level = 'MUNICIPALITY' LIMIT 1`,
    [organisationId],
  );
  const targetGroupCodes = await column(pool, `SELECT code AS value FROM target_group WHERE archived_at IS NULL ORDER BY code`);
  const searchQueries: Record<string, string> = {};
  for (const q of SEARCH_TERMS) {
    const tsquery = await expandSearch(async (sql, params) => (await pool.query(sql, params)).rows, q);
    if (tsquery !== null) searchQueries[q] = tsquery;
  }
  return {
    organisationIds: await organisationSamples(pool),
    servicePages: await servicePageSamples(pool),
    searchTerms: await keep(
      Object.keys(searchQueries),
      SEARCH_TERMS.length,
      async (q) => (await answer<{ services: { edges: unknown[] } }>(pool, SEARCH_SQL, [searchQueries[q]])).services.edges.length > 0,
    ),
    searchQueries,
    districtCodes: await districtSamples(pool, settings),
    comparisons: await comparisonSamples(pool, settings),
    receivingOrganisationIds: await column(
      pool,
      `SELECT o.id AS value FROM organisation o
        WHERE o.source = $1 AND o.archived_at IS NULL AND o.id <> $2
          AND o.id IN (SELECT oa.organisation_id FROM organisation_area oa JOIN area a ON a.id = oa.area_id
                        WHERE a.id = $3 OR a.parent_id = $3 OR a.parent_id IN (SELECT id FROM area WHERE parent_id = $3))
        ORDER BY md5(o.id::text) LIMIT 500`,
      [GENERATED_SOURCE, organisationId, municipalityId],
    ),
    referralAreaCodes: await column(
      pool,
      `SELECT code AS value FROM area WHERE level = 'NEIGHBOURHOOD' AND archived_at IS NULL AND parent_id IN (SELECT id FROM area WHERE parent_id = $1) ORDER BY md5(code)`,
      [municipalityId],
    ),
    targetGroupCodes,
    statusPool: (
      await pool.query<StatusItem>(
        `SELECT id, status, version FROM referral
          WHERE receiving_organisation_id = $1 AND network_id IS NULL AND status IN ('EXPLORING', 'ON_HOLD')
          ORDER BY md5(id::text) LIMIT 2000`,
        [organisationId],
      )
    ).rows,
  };
}

/** Current organisations with services that have target groups (every list of the query non-empty). */
function organisationSamples(pool: Pool): Promise<string[]> {
  return column(
    pool,
    `SELECT o.id AS value FROM organisation o
      WHERE o.source = $1 AND o.archived_at IS NULL
        AND EXISTS (SELECT 1 FROM organisation_area oa JOIN area a ON a.id = oa.area_id WHERE oa.organisation_id = o.id AND a.archived_at IS NULL)
        AND EXISTS (SELECT 1 FROM service s JOIN service_target_group stg ON stg.service_id = s.id WHERE s.organisation_id = o.id AND s.archived_at IS NULL)
      ORDER BY md5(o.id::text) LIMIT 1000`,
    [GENERATED_SOURCE],
  );
}

/** Neighbourhoods with the most common target groups, where the page has services and locations. */
async function servicePageSamples(pool: Pool): Promise<Array<{ area: string; targetGroup: string }>> {
  const neighbourhoods = await column(pool, `SELECT code AS value FROM area WHERE level = 'NEIGHBOURHOOD' AND source = $1 ORDER BY md5(code) LIMIT 400`, [GENERATED_SOURCE]);
  const common = await column(
    pool,
    `SELECT tg.code AS value FROM service_target_group stg JOIN target_group tg ON tg.id = stg.target_group_id
      WHERE tg.archived_at IS NULL GROUP BY tg.code ORDER BY count(*) DESC, tg.code LIMIT 6`,
  );
  const candidates = neighbourhoods.map((area, i) => ({ area, targetGroup: common[i % common.length] }));
  type Page = { services: { edges: Array<{ node: { locations: unknown[] } }> } };
  return keep(candidates, 200, async ({ area, targetGroup }) => {
    const { edges } = (await answer<Page>(pool, SERVICES_PAGE_SQL, [area, targetGroup])).services;
    return edges.length > 0 && edges.some((edge) => edge.node.locations.length > 0);
  });
}

interface ViewParts {
  neighbourhoodView: {
    bySector: Array<{ organisations: unknown[]; services: unknown[]; locations: unknown[] }>;
    networks: unknown[];
    keyFigures: unknown[];
  };
}

async function districtSamples(pool: Pool, settings: SampleSettings): Promise<string[]> {
  const districts = await column(pool, `SELECT code AS value FROM area WHERE level = 'DISTRICT' AND source = $1 ORDER BY md5(code) LIMIT 150`, [GENERATED_SOURCE]);
  return keep(districts, 100, async (code) => {
    const view = (await answer<ViewParts>(pool, NEIGHBOURHOOD_VIEW_SQL, [code, settings.thinBelow, settings.freshnessMonths, TABLE_ORDER, SECTOR_ORDER])).neighbourhoodView;
    const has = (part: 'organisations' | 'services' | 'locations') => view.bySector.some((group) => group[part].length > 0);
    return has('organisations') && has('services') && has('locations') && view.networks.length > 0 && view.keyFigures.length > 0;
  });
}

/** Ten neighbourhoods of one municipality side by side (neighbours in code order; small municipalities are topped up by the next). */
async function comparisonSamples(pool: Pool, settings: SampleSettings): Promise<string[][]> {
  const all = await column(pool, `SELECT code AS value FROM area WHERE level = 'NEIGHBOURHOOD' AND source = $1 ORDER BY code`, [GENERATED_SOURCE]);
  const starts = await column(pool, `SELECT code AS value FROM area WHERE level = 'NEIGHBOURHOOD' AND source = $1 ORDER BY md5(code || 'compare') LIMIT 80`, [GENERATED_SOURCE]);
  const position = new Map(all.map((code, i) => [code, i]));
  const groups = starts.map((start) => {
    const municipality = start.slice(2, 6);
    const own = all.filter((code) => code.slice(2, 6) === municipality);
    if (own.length >= 10) {
      const from = own.indexOf(start);
      return Array.from({ length: 10 }, (_, i) => own[(from + i) % own.length]);
    }
    const from = position.get(own[0])!;
    return Array.from({ length: 10 }, (_, i) => all[(from + i) % all.length]);
  });
  type Comparison = { compareAreas: { areas: unknown[]; indicators: unknown[] } };
  return keep(groups, 60, async (areas) => {
    const { compareAreas } = await answer<Comparison>(pool, COMPARE_SQL, [areas, settings.thinBelow, TABLE_ORDER]);
    return compareAreas.areas.length === 10 && compareAreas.indicators.length > 0;
  });
}
