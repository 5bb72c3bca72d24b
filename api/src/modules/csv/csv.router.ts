import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { ErrorCode, ForbiddenError, UnauthenticatedError } from '../../common/errors';
import type { RequestContext } from '../../context';
import { requestViewer } from '../../http/authenticate';
import { date, flag, oneOf, parseQuery, text, uuid, year } from '../../http/query';
import { type RouteDependencies, exposeStatementCount, restError, restErrorHandler } from '../../http/routes';
import { Rule, ruleAllows } from '../../auth/auth.rules';
import { isAdmin } from '../../auth/policy';
import { municipalityAreaIds } from '../../auth/municipality-scope';
import {
  type CsvImportResponse,
  type Separator,
  exportAccessLog,
  exportAreas,
  exportKeyFigures,
  exportKeyPersons,
  exportLocations,
  exportNetworkMembers,
  exportNetworks,
  exportOrganisations,
  exportServices,
  mayReadKeyPersons,
  importAreas,
  importKeyFigures,
  importKeyPersons,
  importLocations,
  importNetworkMembers,
  importNetworks,
  importOrganisations,
  importServices,
} from './csv.service';

/** Import bodies may be far larger than GraphQL's (10,000 key figures are about 0.5 MB). */
export const CSV_BODY_LIMIT = '20mb';

/** `separator=semicolon` exports for Dutch Excel (`;`, decimal comma); the default is `comma`. */
const separator = () => oneOf<Separator>({ comma: ',', semicolon: ';' }, ',', 'must be comma or semicolon');

/** The query parameters of each endpoint (http/query.ts: a bad one answers 400 BAD_USER_INPUT naming it). */
const KEY_FIGURE_EXPORT = z.object({ area: text(), indicator: text(), year: year(), separator: separator() });
const RECORD_EXPORT = z.object({ includeArchived: flag(), separator: separator() });
const IMPORT = z.object({ dryRun: flag() });
/** The access log's filters, named as the `accessLog` query's arguments. */
const ACCESS_LOG_EXPORT = z.object({ dossierNumber: text(), userId: uuid(), organisationId: uuid(), from: date(), to: date(), separator: separator() });

/**
 * CSV import and export beside GraphQL (mounted at /csv):
 *
 * - `GET /csv/key-figures?area=&indicator=&year=`, `GET /csv/organisations`, `GET /csv/services`:
 *   for anyone who may read the map (API keys need READ_MAP).
 * - `POST` to the same paths with a `text/csv` body, `?dryRun=true` to check without writing:
 *   key figures for admins and municipality users (their areas, checked per row);
 *   organisations and services for admins.
 * - `GET /csv/access-log?dossierNumber=&userId=&organisationId=&from=&to=`: the access log as
 *   the `accessLog` query filters it, for admins (csv.access-log.ts); the export is logged.
 * - `GET /csv/locations`, `GET /csv/areas`: as the exports above. `GET /csv/key-persons`: for
 *   those who may read key persons (logged-in people; no API keys, no public).
 * - `POST /csv/locations` (admins, organisation users and WRITE_OWN_ORGANISATION keys),
 *   `POST /csv/key-persons` (admins and organisation users), `POST /csv/areas` (admins): the
 *   callers of the record type's GraphQL mutations; each row is then authorised as its mutation
 *   authorises it (csv.locations.ts, csv.key-persons.ts, csv.areas.ts).
 *
 * Cross-site request forgery: POST accepts only `Content-Type: text/csv`, which a form on
 * another site cannot send without a CORS preflight (and the session cookie is SameSite=Strict).
 */
export function createCsvRouter(deps: RouteDependencies): express.Router {
  const router = express.Router();
  const csvBody = express.text({ type: 'text/csv', limit: CSV_BODY_LIMIT, defaultCharset: 'utf-8' });

  const contextOf = (req: Request, res: Response): RequestContext =>
    deps.createContext(deps.dataSource.manager, {
      viewer: requestViewer(res),
      requestId: String(req.id ?? randomUUID()),
      client: { ip: req.ip ?? null, userAgent: req.get('user-agent')?.slice(0, 500) ?? null },
      settings: { staleAfterMonths: deps.config.staleAfterMonths },
    });

  /** Exports: the public map's rule. */
  const mayRead = (req: Request, res: Response, next: NextFunction) => {
    const ctx = contextOf(req, res);
    if (!ruleAllows(ctx, Rule.PUBLIC_MAP)) throw new ForbiddenError('This API key may not read the map (it needs the READ_MAP scope)');
    res.locals.csvContext = ctx;
    next();
  };

  /** Key persons are personal data: only those who may read them (logged-in people, no API keys) export them. */
  const mayReadPeople = (req: Request, res: Response, next: NextFunction) => {
    const ctx = contextOf(req, res);
    if (ctx.viewer.kind === 'anonymous') throw new UnauthenticatedError();
    if (!mayReadKeyPersons(ctx)) throw new ForbiddenError('Key persons are personal data: only logged-in people read them, not API keys');
    res.locals.csvContext = ctx;
    next();
  };

  /** The access log: who may read it, as the `accessLog` query's rule (admins; no API key). */
  const mayReadAccessLog = (req: Request, res: Response, next: NextFunction) => {
    const ctx = contextOf(req, res);
    if (ctx.viewer.kind === 'anonymous') throw new UnauthenticatedError();
    if (!ruleAllows(ctx, Rule.ADMIN)) throw new ForbiddenError('Only admins read the access log');
    res.locals.csvContext = ctx;
    next();
  };

  /** Imports: who may import at all (rows may be checked further), then the media type, then the body. */
  const mayImport = (allowed: (ctx: RequestContext) => boolean, what: string) => (req: Request, res: Response, next: NextFunction) => {
    const ctx = contextOf(req, res);
    if (ctx.viewer.kind === 'anonymous') throw new UnauthenticatedError();
    if (!allowed(ctx)) throw new ForbiddenError(`Only ${what} may import this`);
    if (!req.is('text/csv')) throw restError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the file with Content-Type: text/csv');
    const charset = /;\s*charset=("?)([^";]+)\1/i.exec(req.get('content-type') ?? '')?.[2]?.toLowerCase();
    if (charset && charset !== 'utf-8' && charset !== 'utf8') throw restError(415, 'UNSUPPORTED_MEDIA_TYPE', 'The file must be UTF-8 (charset=utf-8)');
    res.locals.csvContext = ctx;
    next();
  };
  const admins = mayImport(isAdmin, 'admins');
  /** Who may call a GraphQL mutation of the record type (its @Allow rules); each row is then checked as that mutation checks it. */
  const mutationCallers = (rules: readonly string[], what: string) => mayImport((ctx) => rules.some((rule) => ruleAllows(ctx, rule)), what);
  const organisationCurators = mutationCallers([Rule.ADMIN, Rule.ORGANISATION, Rule.SCOPE_WRITE_OWN_ORGANISATION], "admins and organisations' users and API keys");
  const keyPersonCurators = mutationCallers([Rule.ADMIN, Rule.ORGANISATION], "admins and organisations' users (not API keys: key persons are personal data)");
  const keyFigureCurators = mayImport((ctx) => isAdmin(ctx) || municipalityAreaIds(ctx.viewer) !== null, 'admins and municipalities');

  const sendCsv = (res: Response, name: string, csv: string) => {
    exposeStatementCount(res, deps.config);
    res.status(200).type('text/csv; charset=utf-8').set('Content-Disposition', `attachment; filename="${name}.csv"`).send(csv);
  };
  const sendImport = (res: Response, result: CsvImportResponse) => {
    res.status(result.status).json(result.body);
  };
  const body = (req: Request): string => (typeof req.body === 'string' ? req.body : '');

  router.get('/key-figures', mayRead, async (req, res) => {
    const csv = await exportKeyFigures(res.locals.csvContext, parseQuery(KEY_FIGURE_EXPORT, req.query));
    sendCsv(res, 'key-figures', csv);
  });
  router.post('/key-figures', keyFigureCurators, csvBody, async (req, res) => {
    sendImport(res, await importKeyFigures(res.locals.csvContext, body(req), parseQuery(IMPORT, req.query).dryRun));
  });

  router.get('/organisations', mayRead, async (req, res) => {
    sendCsv(res, 'organisations', await exportOrganisations(res.locals.csvContext, parseQuery(RECORD_EXPORT, req.query)));
  });
  router.post('/organisations', admins, csvBody, async (req, res) => {
    sendImport(res, await importOrganisations(res.locals.csvContext, body(req), parseQuery(IMPORT, req.query).dryRun));
  });

  router.get('/services', mayRead, async (req, res) => {
    sendCsv(res, 'services', await exportServices(res.locals.csvContext, parseQuery(RECORD_EXPORT, req.query)));
  });
  router.post('/services', admins, csvBody, async (req, res) => {
    sendImport(res, await importServices(res.locals.csvContext, body(req), parseQuery(IMPORT, req.query).dryRun));
  });

  router.get('/areas', mayRead, async (req, res) => {
    sendCsv(res, 'areas', await exportAreas(res.locals.csvContext, parseQuery(RECORD_EXPORT, req.query)));
  });
  router.post('/areas', admins, csvBody, async (req, res) => {
    sendImport(res, await importAreas(res.locals.csvContext, body(req), parseQuery(IMPORT, req.query).dryRun));
  });

  router.get('/key-persons', mayReadPeople, async (req, res) => {
    res.set('Cache-Control', 'no-store');
    sendCsv(res, 'key-persons', await exportKeyPersons(res.locals.csvContext, parseQuery(RECORD_EXPORT, req.query)));
  });
  router.post('/key-persons', keyPersonCurators, csvBody, async (req, res) => {
    sendImport(res, await importKeyPersons(res.locals.csvContext, body(req), parseQuery(IMPORT, req.query).dryRun));
  });

  router.get('/access-log', mayReadAccessLog, async (req, res) => {
    const { separator: chosen, ...filter } = parseQuery(ACCESS_LOG_EXPORT, req.query);
    res.set('Cache-Control', 'no-store');
    sendCsv(res, 'access-log', await exportAccessLog(res.locals.csvContext, filter, chosen));
  });

  router.get('/locations', mayRead, async (req, res) => {
    sendCsv(res, 'locations', await exportLocations(res.locals.csvContext, parseQuery(RECORD_EXPORT, req.query)));
  });
  router.post('/locations', organisationCurators, csvBody, async (req, res) => {
    sendImport(res, await importLocations(res.locals.csvContext, body(req), parseQuery(IMPORT, req.query).dryRun));
  });

  // Networks and their members (csv.networks.ts): public like the networks query; changed as the network mutations allow.
  router.get('/networks', mayRead, async (req, res) => {
    sendCsv(res, 'networks', await exportNetworks(res.locals.csvContext, parseQuery(RECORD_EXPORT, req.query)));
  });
  router.post('/networks', organisationCurators, csvBody, async (req, res) => {
    sendImport(res, await importNetworks(res.locals.csvContext, body(req), parseQuery(IMPORT, req.query).dryRun));
  });
  router.get('/network-members', mayRead, async (req, res) => {
    sendCsv(res, 'network-members', await exportNetworkMembers(res.locals.csvContext, parseQuery(RECORD_EXPORT, req.query)));
  });
  router.post('/network-members', organisationCurators, csvBody, async (req, res) => {
    sendImport(res, await importNetworkMembers(res.locals.csvContext, body(req), parseQuery(IMPORT, req.query).dryRun));
  });

  router.use((req, _res, next) => {
    next(restError(404, ErrorCode.NOT_FOUND, `No CSV endpoint ${req.method} ${req.baseUrl}${req.path}`));
  });

  router.use(
    restErrorHandler({
      api: 'csv',
      tooLarge: { code: 'PAYLOAD_TOO_LARGE', message: `The file is larger than ${CSV_BODY_LIMIT}` },
      malformed: (status) => ({ status, code: status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : ErrorCode.BAD_USER_INPUT }),
    }),
  );

  return router;
}
