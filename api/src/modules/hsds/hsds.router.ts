import { randomUUID } from 'node:crypto';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { BadUserInputError, ErrorCode, HTTP_STATUS_OF_CODE, NotFoundError } from '../../common/errors';
import { sqlTallyStorage } from '../../db/sql-counter';
import { requestViewer } from '../../http/authenticate';
import { accept, flag, oneOf, parameter, parseQuery, positiveInteger, refuse, unsupported, uuid } from '../../http/query';
import { type RouteDependencies, restError, restErrorHandler } from '../../http/routes';
import { assertAdmin } from '../../auth/policy';
import { HsdsImportInputError, type ImportReport, importHsdsCsvPackage, importHsdsJson } from './hsds.import';
import { zip } from '../../common/zip';
import { exportPublication, toCsvPackage } from './hsds.export';
import { listTaxonomyMappings, replaceTaxonomyMappings } from './hsds.taxonomy-mapping';
import { HSDS_PROFILE_URL, HSDS_VERSION } from './hsds.mapping';
import {
  type PageParams,
  type ServiceFilters,
  getOrganization,
  getService,
  getServiceAtLocation,
  getTaxonomy,
  getTaxonomyTerm,
  listOrganizations,
  listServiceAtLocations,
  listServices,
  listTaxonomies,
  listTaxonomyTerms,
} from './hsds.service';
import { DEFAULT_PER_PAGE, MAX_PER_PAGE, MAX_SEARCH_LENGTH, buildOpenApiDocument } from './openapi';

// ---------------------------------------------------------------------------------------------
// Query parameters (http/query.ts: a bad one answers 400 BAD_USER_INPUT naming it)

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):?(\d{2}))?)?$/i;

/**
 * An ISO 8601 date or date-time (`2024-05-01`, `2024-05-01T10:00:00Z`, `…+02:00`). Without a
 * zone it is UTC. Impossible dates (2024-02-30) are rejected rather than rolled over.
 */
function isoDateTime(raw: string): Date | undefined {
  const match = ISO_DATE_TIME.exec(raw);
  if (!match) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone = 'Z', zh = '00', zm = '00'] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59 || Number(zh) > 23 || Number(zm) > 59) {
    return undefined;
  }
  const milliseconds = Number(`0.${fraction || '0'}`) * 1000;
  let time = Date.UTC(year, month - 1, day, hour, minute, second) + Math.floor(milliseconds);
  if (zone.toUpperCase() !== 'Z') time -= (zone.startsWith('-') ? -1 : 1) * (Number(zh) * 60 + Number(zm)) * 60_000;
  const value = new Date(time);
  return Number.isNaN(value.getTime()) ? undefined : value;
}

const dateTime = () =>
  parameter<Date | undefined>(undefined, (raw) => {
    const trimmed = raw.trim();
    if (!trimmed) return accept(undefined);
    const value = isoDateTime(trimmed);
    return value ? accept(value) : refuse('must be an ISO 8601 date-time such as 2024-05-01T00:00:00Z');
  });

/** Dutch full-text search; blank is no search. */
const search = () =>
  parameter<string | undefined>(undefined, (raw) => {
    const trimmed = raw.trim();
    if (trimmed.length > MAX_SEARCH_LENGTH) return refuse(`must be at most ${MAX_SEARCH_LENGTH} characters`);
    return accept(trimmed || undefined);
  });

/** `format`: only JSON is served (no ndjson streaming). */
const FORMAT = { format: oneOf({ json: 'json' }, 'json', 'must be json (ndjson is not supported)') };
const PAGE = { page: positiveInteger(1), per_page: positiveInteger(DEFAULT_PER_PAGE, MAX_PER_PAGE) };
const SERVICE_FILTERS = { search: search(), taxonomy_term_id: uuid(), taxonomy_id: uuid(), organization_id: uuid(), modified_after: dateTime() };

const SERVICES = z.object({ ...FORMAT, ...SERVICE_FILTERS, ...PAGE, full: flag(), minimal: flag() }).superRefine((query, ctx) => {
  if (query.full && query.minimal) ctx.addIssue({ code: 'custom', path: ['minimal'], message: 'and "full" exclude each other' });
});
const ORGANIZATIONS = z.object({ ...FORMAT, search: search(), ...PAGE, full: flag(), full_service: flag() });
const ORGANIZATION = z.object({ full_service: flag() });
// Reference parameters this server cannot honour: refused rather than a filter ignored.
const SERVICE_AT_LOCATIONS = z.object({ ...FORMAT, postcode: unsupported(), proximity: unsupported(), ...SERVICE_FILTERS, ...PAGE, full: flag() });
const TAXONOMIES = z.object({ ...FORMAT, search: search(), ...PAGE });
const TAXONOMY_TERMS = z.object({ ...FORMAT, search: search(), taxonomy_id: uuid(), top_only: flag(), parent_id: uuid(), ...PAGE });
const IMPORT = z.object({ dryRun: flag() });
const PATH_ID = z.object({ id: uuid() });

const pageOf = (query: { page: number; per_page: number }): PageParams => ({ page: query.page, perPage: query.per_page });

function serviceFiltersOf(query: z.output<z.ZodObject<typeof SERVICE_FILTERS>>): ServiceFilters {
  return {
    search: query.search,
    taxonomyTermId: query.taxonomy_term_id,
    taxonomyId: query.taxonomy_id,
    organizationId: query.organization_id,
    modifiedAfter: query.modified_after,
  };
}

function pathId(req: Request): string {
  return parseQuery(PATH_ID, req.params).id as string;
}

function found<T>(value: T | null, what: string, id: string): T {
  if (value === null) throw new NotFoundError(`${what} ${id} does not exist`);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Import

/**
 * Body limit of the import endpoints (their own JSON parser; the rest of the API takes small
 * bodies). An HSDS publication of a whole municipality fits comfortably.
 */
export const IMPORT_BODY_LIMIT = '20mb';

/**
 * A failed import as its answer: the document's own problems name their place in it; coded errors
 * of the services say that nothing was written, without their GraphQL `field` (input.…), which
 * names no part of an HSDS document. Anything else stays a masked 500.
 */
function importError(error: unknown): unknown {
  if (error instanceof HsdsImportInputError) return new BadUserInputError(error.field, error.message);
  const code = error instanceof GraphQLError ? String(error.extensions?.code) : undefined;
  if (code && code !== ErrorCode.SERVICE_UNAVAILABLE && HTTP_STATUS_OF_CODE[code]) {
    return restError(HTTP_STATUS_OF_CODE[code], code, `The import was rolled back, nothing was written: ${(error as GraphQLError).message}`);
  }
  return error;
}

/**
 * Before the body is read: admins only (401 anonymous, 403 anyone else), and JSON only — a
 * cross-site form can post neither application/json nor, with SameSite=Strict, the cookie.
 */
function importGuard(deps: RouteDependencies): RequestHandler {
  return (req, res, next) => {
    // Unauthenticated (401) or forbidden (403), answered by restErrorHandler.
    assertAdmin(deps.createContext(deps.dataSource.manager, { viewer: requestViewer(res) }), 'Only admins import HSDS publications');
    if (!req.is('application/json')) throw restError(415, ErrorCode.BAD_USER_INPUT, 'Send the document as application/json');
    next();
  };
}

// ---------------------------------------------------------------------------------------------
// Router

/**
 * Open Referral HSDS 3.0 API (the reference's REST endpoints) over the same database as
 * GraphQL; mounted at /hsds. Reads are public data only (never key persons, never archived
 * records); POST /import and /import/csv let admins import a publication (hsds.import.ts).
 */
export function createHsdsRouter(deps: RouteDependencies): express.Router {
  const router = express.Router();
  const manager = () => deps.dataSource.manager;

  const countStatements = (res: Response) => {
    const tally = sqlTallyStorage.getStore();
    if (tally && deps.config.exposeSqlCount) res.setHeader('x-sql-statements', String(tally.statements));
  };
  const send = (res: Response, status: number, body: unknown) => {
    countStatements(res);
    res.status(status).json(body);
  };

  // Count the SQL statements of each request, like /graphql does.
  router.use((_req, _res, next) => sqlTallyStorage.run({ statements: 0 }, next));

  router.get('/', (req, res) => {
    send(res, 200, { version: HSDS_VERSION, profile: HSDS_PROFILE_URL, openapi_url: `${req.protocol}://${req.get('host')}${req.baseUrl}/openapi.json` });
  });

  router.get('/openapi.json', (req, res) => {
    send(res, 200, buildOpenApiDocument(req.baseUrl || '/hsds'));
  });

  router.get('/services', async (req, res) => {
    const query = parseQuery(SERVICES, req.query);
    send(res, 200, await listServices(manager(), serviceFiltersOf(query), pageOf(query), { full: query.full, minimal: query.minimal }));
  });

  router.get('/services/:id', async (req, res) => {
    const id = pathId(req);
    send(res, 200, found(await getService(manager(), id), 'Service', id));
  });

  router.get('/organizations', async (req, res) => {
    const query = parseQuery(ORGANIZATIONS, req.query);
    send(res, 200, await listOrganizations(manager(), { search: query.search }, pageOf(query), { full: query.full, fullService: query.full_service }));
  });

  router.get('/organizations/:id', async (req, res) => {
    const id = pathId(req);
    const { full_service: fullService } = parseQuery(ORGANIZATION, req.query);
    send(res, 200, found(await getOrganization(manager(), id, { fullService }), 'Organization', id));
  });

  router.get('/service_at_locations', async (req, res) => {
    const query = parseQuery(SERVICE_AT_LOCATIONS, req.query);
    send(res, 200, await listServiceAtLocations(manager(), serviceFiltersOf(query), pageOf(query), { full: query.full }));
  });

  router.get('/service_at_locations/:id', async (req, res) => {
    const id = pathId(req);
    send(res, 200, found(await getServiceAtLocation(manager(), id), 'Service at location', id));
  });

  router.get('/taxonomies', async (req, res) => {
    const query = parseQuery(TAXONOMIES, req.query);
    send(res, 200, await listTaxonomies(manager(), { search: query.search }, pageOf(query)));
  });

  router.get('/taxonomies/:id', (req, res) => {
    const id = pathId(req);
    send(res, 200, found(getTaxonomy(id), 'Taxonomy', id));
  });

  router.get('/taxonomy_terms', async (req, res) => {
    const query = parseQuery(TAXONOMY_TERMS, req.query);
    const filters = { search: query.search, taxonomyId: query.taxonomy_id, topOnly: query.top_only, parentId: query.parent_id };
    send(res, 200, await listTaxonomyTerms(manager(), filters, pageOf(query)));
  });

  router.get('/taxonomy_terms/:id', async (req, res) => {
    const id = pathId(req);
    send(res, 200, found(await getTaxonomyTerm(manager(), id), 'Taxonomy term', id));
  });

  // The bulk publication (hsds.export.ts): the same public data as the reads above, all at once.
  router.get('/export.json', async (_req, res) => {
    const publication = await exportPublication(manager());
    res.setHeader('content-disposition', 'attachment; filename="schakel-hsds.json"');
    send(res, 200, publication);
  });
  router.get('/export/csv', async (_req, res) => {
    send(res, 200, toCsvPackage(await exportPublication(manager())));
  });
  router.get('/export.zip', async (_req, res) => {
    const files = toCsvPackage(await exportPublication(manager()));
    const archive = zip(Object.entries(files).map(([name, content]) => ({ name, content: typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n` })));
    countStatements(res);
    res.status(200).type('application/zip').setHeader('content-disposition', 'attachment; filename="schakel-hsds-csv.zip"');
    res.send(archive);
  });

  // Import (admins): a JSON publication, or the CSV data package as JSON (file name → content).
  const importJson = express.json({ limit: IMPORT_BODY_LIMIT });
  const runImport = async (req: Request, res: Response, work: typeof importHsdsJson) => {
    const { dryRun } = parseQuery(IMPORT, req.query);
    const ctx = deps.createContext(manager(), { viewer: requestViewer(res), requestId: String(req.id ?? randomUUID()) });
    let report: ImportReport;
    try {
      report = await work(ctx, req.body, { dryRun });
    } catch (error) {
      throw importError(error);
    }
    send(res, 200, report);
  };
  const guard = importGuard(deps);
  router.post('/import', guard, importJson, (req, res) => runImport(req, res, importHsdsJson));
  router.post('/import/csv', guard, importJson, (req, res) => runImport(req, res, importHsdsCsvPackage));

  // The curator's taxonomy mapping (admins; hsds.taxonomy-mapping.ts).
  const adminContext = (req: Request, res: Response) => deps.createContext(manager(), { viewer: requestViewer(res), requestId: String(req.id ?? randomUUID()) });
  router.get('/taxonomy_mappings', async (req, res) => {
    res.setHeader('cache-control', 'no-store');
    send(res, 200, await listTaxonomyMappings(adminContext(req, res)));
  });
  router.put('/taxonomy_mappings', guard, importJson, async (req, res) => {
    const { dryRun } = parseQuery(IMPORT, req.query);
    send(res, 200, await replaceTaxonomyMappings(adminContext(req, res), req.body, { dryRun }));
  });

  // Anything else under /hsds (other paths, other methods) is not part of this API.
  router.use((req, _res, next) => {
    next(restError(404, ErrorCode.NOT_FOUND, `No HSDS endpoint ${req.method} ${req.baseUrl}${req.path}`));
  });

  router.use(
    restErrorHandler({
      api: 'hsds',
      tooLarge: { code: ErrorCode.BAD_USER_INPUT, message: `Request body too large (at most ${IMPORT_BODY_LIMIT.toUpperCase().replace('MB', ' MB')})` },
      // Whatever Express and the JSON parser refuse (an undecodable %-escape, bad JSON, a charset) is a 400 here.
      malformed: () => ({ status: 400, code: ErrorCode.BAD_USER_INPUT }),
      internalMessage: () => 'Internal server error',
      beforeSend: countStatements,
    }),
  );

  return router;
}
