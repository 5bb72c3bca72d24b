import { randomUUID } from 'node:crypto';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { GraphQLError } from 'graphql';
import { ErrorCode, HTTP_STATUS_OF_CODE } from '../../common/errors';
import { UUID_PATTERN } from '../../common/references';
import { sqlTallyStorage } from '../../db/sql-counter';
import { requestViewer } from '../../http/authenticate';
import { HttpError, type RouteDependencies, restErrorHandler } from '../../http/routes';
import { assertAdmin } from '../../auth/policy';
import { HsdsImportInputError, type ImportReport, importHsdsCsvPackage, importHsdsJson } from './hsds.import';
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

/** An answer other than 200: `{ error: { code, field?, message } }` (answered by the kernel's restErrorHandler). */
export class HsdsHttpError extends HttpError {}

const badInput = (field: string, message: string) => new HsdsHttpError(400, 'BAD_USER_INPUT', message, field);

// ---------------------------------------------------------------------------------------------
// Query parameters

type Query = Request['query'];

/** A parameter given at most once, as a string. */
function single(query: Query, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badInput(name, `"${name}" must be given once`);
  return value;
}

function positiveInteger(query: Query, name: string, fallback: number, max?: number): number {
  const raw = single(query, name);
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) throw badInput(name, `"${name}" must be a whole number of at least 1`);
  const value = Number(raw);
  if (max !== undefined && value > max) throw badInput(name, `"${name}" must be at most ${max}`);
  return value;
}

function pageParams(query: Query): PageParams {
  return { page: positiveInteger(query, 'page', 1), perPage: positiveInteger(query, 'per_page', DEFAULT_PER_PAGE, MAX_PER_PAGE) };
}

function bool(query: Query, name: string): boolean {
  const raw = single(query, name);
  if (raw === undefined || raw === '') return false;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw badInput(name, `"${name}" must be true or false`);
}

function uuid(value: string | undefined, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!UUID_PATTERN.test(value)) throw badInput(name, `"${name}" must be a UUID`);
  return value.toLowerCase();
}

function search(query: Query): string | undefined {
  const raw = single(query, 'search')?.trim();
  if (!raw) return undefined;
  if (raw.length > MAX_SEARCH_LENGTH) throw badInput('search', `"search" must be at most ${MAX_SEARCH_LENGTH} characters`);
  return raw;
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):?(\d{2}))?)?$/i;

/**
 * An ISO 8601 date or date-time (`2024-05-01`, `2024-05-01T10:00:00Z`, `…+02:00`). Without a
 * zone it is UTC. Impossible dates (2024-02-30) are rejected rather than rolled over.
 */
function dateTime(query: Query, name: string): Date | undefined {
  const raw = single(query, name)?.trim();
  if (!raw) return undefined;
  const invalid = () => badInput(name, `"${name}" must be an ISO 8601 date-time such as 2024-05-01T00:00:00Z`);
  const match = ISO_DATE_TIME.exec(raw);
  if (!match) throw invalid();
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone = 'Z', zh = '00', zm = '00'] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59 || Number(zh) > 23 || Number(zm) > 59) {
    throw invalid();
  }
  const milliseconds = Number(`0.${fraction || '0'}`) * 1000;
  let time = Date.UTC(year, month - 1, day, hour, minute, second) + Math.floor(milliseconds);
  if (zone.toUpperCase() !== 'Z') time -= (zone.startsWith('-') ? -1 : 1) * (Number(zh) * 60 + Number(zm)) * 60_000;
  const value = new Date(time);
  if (Number.isNaN(value.getTime())) throw invalid();
  return value;
}

/** `format`: only JSON is served (no ndjson streaming). */
function checkFormat(query: Query): void {
  const format = single(query, 'format');
  if (format !== undefined && format !== '' && format !== 'json') throw badInput('format', '"format" must be json (ndjson is not supported)');
}

/** Reference parameters this server cannot honour: refuse them rather than ignore a filter. */
function refuseUnsupported(query: Query, names: string[]): void {
  for (const name of names) {
    if (query[name] !== undefined) throw badInput(name, `"${name}" is not supported by this server`);
  }
}

function serviceFilters(query: Query): ServiceFilters {
  return {
    search: search(query),
    taxonomyTermId: uuid(single(query, 'taxonomy_term_id'), 'taxonomy_term_id'),
    taxonomyId: uuid(single(query, 'taxonomy_id'), 'taxonomy_id'),
    organizationId: uuid(single(query, 'organization_id'), 'organization_id'),
    modifiedAfter: dateTime(query, 'modified_after'),
  };
}

function pathId(req: Request): string {
  return uuid(String(req.params.id), 'id')!;
}

function found<T>(value: T | null, what: string, id: string): T {
  if (value === null) throw new HsdsHttpError(404, 'NOT_FOUND', `${what} ${id} does not exist`);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Import

/**
 * Body limit of the import endpoints (their own JSON parser; the rest of the API takes small
 * bodies). An HSDS publication of a whole municipality fits comfortably.
 */
export const IMPORT_BODY_LIMIT = '20mb';

/** Coded errors of the import and the policy as HTTP answers; anything else stays a 500. */
function httpError(error: unknown, prefix = ''): unknown {
  if (error instanceof HsdsImportInputError) return new HsdsHttpError(400, 'BAD_USER_INPUT', error.message, error.field);
  const code = error instanceof GraphQLError ? String(error.extensions?.code) : undefined;
  if (code && code !== ErrorCode.SERVICE_UNAVAILABLE && HTTP_STATUS_OF_CODE[code]) {
    // The GraphQL `field` (input.…) names no part of an HSDS document: left out.
    return new HsdsHttpError(HTTP_STATUS_OF_CODE[code], code, `${prefix}${(error as GraphQLError).message}`);
  }
  return error;
}

/**
 * Before the body is read: admins only (401 anonymous, 403 anyone else), and JSON only — a
 * cross-site form can post neither application/json nor, with SameSite=Strict, the cookie.
 */
function importGuard(deps: RouteDependencies): RequestHandler {
  return (req, res, next) => {
    try {
      assertAdmin(deps.createContext(deps.dataSource.manager, { viewer: requestViewer(res) }), 'Only admins import HSDS publications');
    } catch (error) {
      throw httpError(error);
    }
    if (!req.is('application/json')) throw new HsdsHttpError(415, 'BAD_USER_INPUT', 'Send the document as application/json');
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
    checkFormat(req.query);
    const filters = serviceFilters(req.query);
    const page = pageParams(req.query);
    const variant = { full: bool(req.query, 'full'), minimal: bool(req.query, 'minimal') };
    if (variant.full && variant.minimal) throw badInput('minimal', '"minimal" and "full" exclude each other');
    send(res, 200, await listServices(manager(), filters, page, variant));
  });

  router.get('/services/:id', async (req, res) => {
    const id = pathId(req);
    send(res, 200, found(await getService(manager(), id), 'Service', id));
  });

  router.get('/organizations', async (req, res) => {
    checkFormat(req.query);
    const filters = { search: search(req.query) };
    const page = pageParams(req.query);
    const variant = { full: bool(req.query, 'full'), fullService: bool(req.query, 'full_service') };
    send(res, 200, await listOrganizations(manager(), filters, page, variant));
  });

  router.get('/organizations/:id', async (req, res) => {
    const id = pathId(req);
    const fullService = bool(req.query, 'full_service');
    send(res, 200, found(await getOrganization(manager(), id, { fullService }), 'Organization', id));
  });

  router.get('/service_at_locations', async (req, res) => {
    checkFormat(req.query);
    refuseUnsupported(req.query, ['postcode', 'proximity']);
    const filters = serviceFilters(req.query);
    const page = pageParams(req.query);
    send(res, 200, await listServiceAtLocations(manager(), filters, page, { full: bool(req.query, 'full') }));
  });

  router.get('/service_at_locations/:id', async (req, res) => {
    const id = pathId(req);
    send(res, 200, found(await getServiceAtLocation(manager(), id), 'Service at location', id));
  });

  router.get('/taxonomies', async (req, res) => {
    checkFormat(req.query);
    const filters = { search: search(req.query) };
    send(res, 200, await listTaxonomies(manager(), filters, pageParams(req.query)));
  });

  router.get('/taxonomies/:id', (req, res) => {
    const id = pathId(req);
    send(res, 200, found(getTaxonomy(id), 'Taxonomy', id));
  });

  router.get('/taxonomy_terms', async (req, res) => {
    checkFormat(req.query);
    const filters = {
      search: search(req.query),
      taxonomyId: uuid(single(req.query, 'taxonomy_id'), 'taxonomy_id'),
      topOnly: bool(req.query, 'top_only'),
      parentId: uuid(single(req.query, 'parent_id'), 'parent_id'),
    };
    send(res, 200, await listTaxonomyTerms(manager(), filters, pageParams(req.query)));
  });

  router.get('/taxonomy_terms/:id', async (req, res) => {
    const id = pathId(req);
    send(res, 200, found(await getTaxonomyTerm(manager(), id), 'Taxonomy term', id));
  });

  // Import (admins): a JSON publication, or the CSV data package as JSON (file name → content).
  const importJson = express.json({ limit: IMPORT_BODY_LIMIT });
  const runImport = async (req: Request, res: Response, work: typeof importHsdsJson) => {
    const dryRun = bool(req.query, 'dryRun');
    const ctx = deps.createContext(manager(), { viewer: requestViewer(res), requestId: String(req.id ?? randomUUID()) });
    let report: ImportReport;
    try {
      report = await work(ctx, req.body, { dryRun });
    } catch (error) {
      throw httpError(error, 'The import was rolled back, nothing was written: ');
    }
    send(res, 200, report);
  };
  const guard = importGuard(deps);
  router.post('/import', guard, importJson, (req, res) => runImport(req, res, importHsdsJson));
  router.post('/import/csv', guard, importJson, (req, res) => runImport(req, res, importHsdsCsvPackage));

  // Anything else under /hsds (other paths, other methods) is not part of this API.
  router.use((req, _res, next) => {
    next(new HsdsHttpError(404, 'NOT_FOUND', `No HSDS endpoint ${req.method} ${req.baseUrl}${req.path}`));
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
