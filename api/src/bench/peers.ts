import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Pool } from 'pg';
import { searchMatchSql } from '../modules/search';
import { findFreePort } from '../db/embedded-postgres';
import { type CpuReading, processCpu } from './cpu';
import type { BenchOperation } from './operations';
import { readRss } from './server-process';

/**
 * The benchmark's peers on the same database (peer-server.ts): PostGraphile 4 and the HTTP
 * floor. PostGraphile reads through its generated schema — foreign keys become
 * `xsByYId` connections, `condition`/`orderBy` filter and sort — and, where the generated
 * schema cannot say what Schakel's read means (archived rows of a join table's other side,
 * "serves this area" through the area tree, Dutch full-text search), through SQL functions
 * added to the benchmark's database only, exactly as a user of PostGraphile would add them:
 * computed columns (`<table>_<field>(row)`, which PostGraphile requires in the table's schema)
 * and custom queries in a schema `bench_peer`. The benchmark checks on samples that its answers, reshaped to
 * Schakel's, are equal.
 */


/** Installed by the benchmark into its own database (never by the migrations). */
export const PEER_SCHEMA_SQL = `
CREATE SCHEMA IF NOT EXISTS bench_peer;
CREATE OR REPLACE FUNCTION public.organisation_current_areas(o public.organisation) RETURNS SETOF public.area LANGUAGE sql STABLE AS $$
  SELECT a.* FROM public.organisation_area oa JOIN public.area a ON a.id = oa.area_id
   WHERE oa.organisation_id = o.id AND a.archived_at IS NULL ORDER BY oa.created_at, oa.id $$;
CREATE OR REPLACE FUNCTION public.service_current_target_groups(s public.service) RETURNS SETOF public.target_group LANGUAGE sql STABLE AS $$
  SELECT tg.* FROM public.service_target_group stg JOIN public.target_group tg ON tg.id = stg.target_group_id
   WHERE stg.service_id = s.id AND tg.archived_at IS NULL ORDER BY stg.created_at, stg.id $$;
CREATE OR REPLACE FUNCTION public.service_current_locations(s public.service) RETURNS SETOF public.location LANGUAGE sql STABLE AS $$
  SELECT l.* FROM public.service_location sl JOIN public.location l ON l.id = sl.location_id
   WHERE sl.service_id = s.id AND l.archived_at IS NULL ORDER BY sl.created_at, sl.id $$;
CREATE OR REPLACE FUNCTION bench_peer.search_services(q text) RETURNS SETOF public.service LANGUAGE sql STABLE AS $$
  SELECT s.* FROM public.service s
   WHERE s.archived_at IS NULL AND ${searchMatchSql('service', 's', 'q')}
   ORDER BY s.name, s.id $$;
CREATE OR REPLACE FUNCTION bench_peer.services_serving(area_code text, target_group_code text) RETURNS SETOF public.service LANGUAGE sql STABLE AS $$
  WITH RECURSIVE target AS (SELECT id FROM public.area WHERE code = area_code),
  up(id) AS (
    SELECT a.parent_id FROM public.area a JOIN target t ON a.id = t.id WHERE a.parent_id IS NOT NULL
    UNION SELECT a.parent_id FROM public.area a JOIN up u ON a.id = u.id WHERE a.parent_id IS NOT NULL),
  down(id) AS (
    SELECT a.id FROM public.area a JOIN target t ON a.parent_id = t.id
    UNION ALL SELECT a.id FROM public.area a JOIN down d ON a.parent_id = d.id),
  serving AS (SELECT id FROM target UNION SELECT id FROM up UNION SELECT id FROM down)
  SELECT s.* FROM public.service s
   WHERE s.id IN (SELECT sa.service_id FROM public.service_area sa WHERE sa.area_id = ANY (ARRAY(SELECT id FROM serving)))
     AND s.archived_at IS NULL
     AND EXISTS (SELECT 1 FROM public.service_target_group stg WHERE stg.service_id = s.id
                   AND stg.target_group_id = (SELECT id FROM public.target_group WHERE code = target_group_code))
   ORDER BY s.name, s.id $$;
`;

export async function installPeerSchema(pool: Pool): Promise<void> {
  await pool.query(PEER_SCHEMA_SQL);
}

type Json = Record<string, any>;

/** A read as PostGraphile asks it, and its answer reshaped to Schakel's (cursors, which each API makes its own way, left out of both). */
export interface PeerRead {
  document: string;
  /** Its variables from Schakel's and the lower bound's parameters for the same request (the search's expanded tsquery). */
  variables(schakel: Record<string, unknown>, lowerBoundParams: unknown[]): Record<string, unknown>;
  /** PostGraphile's `data` in Schakel's shape. */
  answer(data: Json): unknown;
  /** Schakel's `data` with what the two cannot share (cursors) taken out. */
  comparable(data: Json): unknown;
}

const withoutCursor = (connection: Json) => ({ ...connection, pageInfo: { hasNextPage: connection.pageInfo.hasNextPage } });

export const POSTGRAPHILE_READS: Record<string, PeerRead> = {
  organisation: {
    document: `query Organisation($id: UUID!) {
  organisationById(id: $id) {
    id name abbreviation sector status website email phone
    currentAreas { nodes { id code name level } }
    locationsByOrganisationId(condition: { archivedAt: null }, orderBy: [NAME_ASC, ID_ASC]) { nodes { id name kind address postcode city latitude longitude } }
    servicesByOrganisationId(condition: { archivedAt: null }, orderBy: [NAME_ASC, ID_ASC]) { nodes { id name status currentTargetGroups { nodes { code nameNl } } } }
  }
}`,
    variables: (v) => ({ id: v.id }),
    answer: (data) => {
      const o = data.organisationById;
      if (!o) return { organisation: null };
      const { currentAreas, locationsByOrganisationId, servicesByOrganisationId, ...fields } = o;
      return {
        organisation: {
          ...fields,
          areas: currentAreas.nodes,
          locations: locationsByOrganisationId.nodes,
          services: servicesByOrganisationId.nodes.map(({ currentTargetGroups, ...service }: Json) => ({ ...service, targetGroups: currentTargetGroups.nodes })),
        },
      };
    },
    comparable: (data) => data,
  },
  'services-page': {
    document: `query ServicesInNeighbourhood($area: String!, $targetGroup: String!) {
  servicesServing(areaCode: $area, targetGroupCode: $targetGroup, first: 50) {
    nodes { id name status organisationByOrganisationId { id name } currentLocations { nodes { id name latitude longitude } } }
    pageInfo { hasNextPage }
  }
}`,
    variables: (v) => ({ area: v.area, targetGroup: v.targetGroup }),
    answer: (data) => ({
      services: {
        edges: data.servicesServing.nodes.map(({ organisationByOrganisationId, currentLocations, ...service }: Json) => ({
          node: { ...service, organisation: organisationByOrganisationId, locations: currentLocations.nodes },
        })),
        pageInfo: { hasNextPage: data.servicesServing.pageInfo.hasNextPage },
      },
    }),
    comparable: (data) => ({ services: withoutCursor(data.services) }),
  },
  'sector-page': {
    document: `query OrganisationsOfSector($sector: String!) {
  allOrganisations(condition: { sector: $sector, archivedAt: null }, orderBy: [NAME_ASC, ID_ASC], first: 20) {
    totalCount
    nodes { id name sector }
    pageInfo { hasNextPage }
  }
}`,
    variables: (v) => ({ sector: v.sector }),
    answer: (data) => ({
      organisations: {
        totalCount: data.allOrganisations.totalCount,
        edges: data.allOrganisations.nodes.map((node: Json) => ({ node })),
        pageInfo: { hasNextPage: data.allOrganisations.pageInfo.hasNextPage },
      },
    }),
    comparable: (data) => ({ organisations: withoutCursor(data.organisations) }),
  },
  search: {
    document: `query Search($q: String!) {
  searchServices(q: $q, first: 20) {
    nodes { id name organisationByOrganisationId { id name } }
    pageInfo { hasNextPage }
  }
}`,
    // The tsquery the API searches with for the text (modules/search expandSearch), as the lower bound gets it.
    variables: (_v, params) => ({ q: params[0] }),
    answer: (data) => ({
      services: {
        edges: data.searchServices.nodes.map(({ organisationByOrganisationId, ...service }: Json) => ({ node: { ...service, organisation: organisationByOrganisationId } })),
        pageInfo: { hasNextPage: data.searchServices.pageInfo.hasNextPage },
      },
    }),
    comparable: (data) => ({ services: withoutCursor(data.services) }),
  },
};

/** The operation as sent to PostGraphile: its document and variables, no app credentials. */
export function postgraphileOperation(operation: BenchOperation, read: PeerRead): BenchOperation {
  return {
    ...operation,
    document: read.document,
    next: (context) => {
      const variables = operation.next(context).variables;
      return { variables: read.variables(variables, operation.lowerBound?.params(variables) ?? []), headers: {} };
    },
    settle: undefined,
    beforeStep: undefined,
  };
}

/** The operation as sent to the floor: the lower bound's name and parameters (autocannon posts `{query, variables}`; the floor reads these). */
export function floorOperation(operation: BenchOperation): BenchOperation {
  const lowerBound = operation.lowerBound!;
  return {
    ...operation,
    document: '',
    next: (context) => ({ variables: { name: operation.name, params: lowerBound.params(operation.next(context).variables) }, headers: {} }),
    settle: undefined,
    beforeStep: undefined,
  };
}

export interface PeerProcess {
  kind: 'postgraphile' | 'floor';
  url: string;
  pid: number;
  rss(): number | null;
  cpuMs(): CpuReading | null;
  stop(): Promise<void>;
}

export async function startPeer(kind: PeerProcess['kind'], options: { databaseUrl: string; logFile: string; poolSize: number }): Promise<PeerProcess> {
  const port = await findFreePort();
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const output = fs.openSync(options.logFile, 'w');
  const child: ChildProcess = spawn(process.execPath, [path.resolve(__dirname, 'peer-server.js'), kind], {
    env: { PATH: process.env.PATH, NODE_ENV: 'production', DATABASE_URL: options.databaseUrl, PORT: String(port), POOL_SIZE: String(options.poolSize) },
    stdio: ['ignore', output, output],
  });
  fs.closeSync(output);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the ${kind} peer exited while starting; see ${options.logFile}`);
    const probe = kind === 'floor' ? { name: 'none', params: [] } : { query: '{ __typename }' };
    const answer = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(probe) }).catch(() => null);
    if (answer && (kind === 'floor' ? answer.status === 500 : answer.status === 200)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the ${kind} peer did not answer within 60 s; see ${options.logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    kind,
    url,
    pid: child.pid!,
    rss: () => readRss(child.pid!),
    cpuMs: () => processCpu(child.pid!),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killed = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killed);
    },
  };
}
