import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { ErrorCode, ForbiddenError, UnauthenticatedError } from '../../common/errors';
import type { RequestContext } from '../../context';
import { requestViewer } from '../../http/authenticate';
import { flag, oneOf, parameter, accept, positiveInteger, refuse, parseQuery, text, year } from '../../http/query';
import { type RouteDependencies, restError, restErrorHandler } from '../../http/routes';
import { isAdmin } from '../../auth/policy';
import { BadUserInputError } from '../../common/errors';
import { type GeocodeCandidate, GeocoderUnavailableError, geocodeAddress, houseNumberOf, readGeocodeQuery } from '../location';
import { importBoundaries } from './boundaries.service';
import { readCbsInputs } from './cbs-import.files';
import { type BadRowPolicy, importCbsTable } from './cbs-import.service';

/** One municipality's KWB file or kaart is well under this; CBS's national files are not (filter them, docs/adopting.md). */
export const IMPORT_BODY_LIMIT = '50mb';

const badRow = () => oneOf<BadRowPolicy>({ skip: 'skip', refuse: 'refuse' }, 'refuse', 'must be skip or refuse');
const municipality = () => parameter<string | undefined>(undefined, (raw) => (/^GM\d{4}$/.test(raw) ? accept(raw) : refuse('must be a CBS municipality code such as GM0307')));
const tolerance = () =>
  parameter<number | undefined>(undefined, (raw) => (/^\d+(\.\d+)?$/.test(raw) && Number(raw) <= 0.01 ? accept(Number(raw)) : refuse('must be a number of degrees from 0 to 0.01')));

const CBS_QUERY = z.object({ year: year(), dryRun: flag(), onBadRow: badRow(), municipality: municipality() });
const BOUNDARY_QUERY = z.object({ dryRun: flag(), onBadRow: badRow(), municipality: municipality(), tolerance: tolerance() });
const GEOCODE_QUERY = z.object({ postcode: text(), houseNumber: text(), addition: text() });
const GEOCODE_LOCATIONS_QUERY = z.object({ first: positiveInteger(25, 100) });

/**
 * Imports of published files (docs/adopting.md, docs/api-guide.md), for admins, mounted at /imports:
 *
 * - `POST /imports/cbs-kerncijfers?year=YYYY&dryRun=true|false&onBadRow=skip|refuse&municipality=GM0307`:
 *   the StatLine CSV (`text/csv`) or the OData JSON (`application/json`: the typed data set, or
 *   `{ "TypedDataSet", "DataProperties", "WijkenEnBuurten" }`) of the Kerncijfers wijken en buurten;
 * - `POST /imports/boundaries?dryRun=&onBadRow=&municipality=&tolerance=`: the wijk- en buurtkaart
 *   as GeoJSON (`application/json` or `application/geo+json`).
 *
 * Both answer a JSON report: 200 when imported (or, in a dry run, importable), 422 when a bad row
 * refused the file (nothing written). Errors through the one REST error middleware. Cross-site
 * requests: only these media types are read, which a form on another site cannot send.
 *
 * - `GET /imports/geocode?postcode=3811LM&houseNumber=1&addition=`: the positions the configured
 *   geocoder (GEOCODER_URL, PDOK Locatieserver) gives for a Dutch address, for confirmation
 *   (signed-in users); `GET /imports/geocode/locations?first=25`: the current locations without a
 *   position, each with its candidates (admins). Nothing is written: a position is confirmed by
 *   saving it on the location. 503 SERVICE_UNAVAILABLE when the geocoder is off or does not answer.
 */
export function createCbsImportRouter(deps: RouteDependencies): express.Router {
  const router = express.Router();
  const csvBody = express.text({ type: 'text/csv', limit: IMPORT_BODY_LIMIT, defaultCharset: 'utf-8' });
  const jsonBody = express.json({ type: ['application/json', 'application/geo+json'], limit: IMPORT_BODY_LIMIT });

  const contextOf = (req: Request, res: Response): RequestContext =>
    deps.createContext(deps.dataSource.manager, {
      viewer: requestViewer(res),
      requestId: String(req.id ?? randomUUID()),
      client: { ip: req.ip ?? null, userAgent: req.get('user-agent')?.slice(0, 500) ?? null },
      settings: { staleAfterMonths: deps.config.staleAfterMonths },
    });

  const admins = (types: string[]) => (req: Request, res: Response, next: NextFunction) => {
    const ctx = contextOf(req, res);
    if (ctx.viewer.kind === 'anonymous') throw new UnauthenticatedError();
    if (!isAdmin(ctx)) throw new ForbiddenError('Only admins may import CBS and PDOK files');
    if (!req.is(types)) throw restError(415, 'UNSUPPORTED_MEDIA_TYPE', `Send the file with Content-Type: ${types.join(' or ')}`);
    res.locals.importContext = ctx;
    next();
  };

  router.post('/cbs-kerncijfers', admins(['text/csv', 'application/json']), csvBody, jsonBody, async (req, res) => {
    const query = parseQuery(CBS_QUERY, req.query);
    const text = typeof req.body === 'string' ? req.body : JSON.stringify(req.body ?? null);
    const table = readCbsInputs([{ name: 'the request body', text }]);
    const report = await importCbsTable(res.locals.importContext, table, { ...query, year: query.year });
    res.status(report.refused ? 422 : 200).json(report);
  });

  router.post('/boundaries', admins(['application/json', 'application/geo+json']), jsonBody, async (req, res) => {
    const query = parseQuery(BOUNDARY_QUERY, req.query);
    const report = await importBoundaries(res.locals.importContext, req.body, query);
    res.status(report.refused ? 422 : 200).json(report);
  });

  const signedIn = (req: Request, res: Response, next: NextFunction) => {
    const ctx = contextOf(req, res);
    if (ctx.viewer.kind !== 'user') throw new UnauthenticatedError('Sign in to look up addresses');
    res.locals.importContext = ctx;
    next();
  };
  const geocode = async (query: Parameters<typeof geocodeAddress>[1]): Promise<GeocodeCandidate[]> => {
    try {
      return await geocodeAddress(deps.config.geocoder, query);
    } catch (error) {
      if (error instanceof GeocoderUnavailableError) throw restError(503, ErrorCode.SERVICE_UNAVAILABLE, error.message);
      throw error;
    }
  };

  router.get('/geocode', signedIn, async (req, res) => {
    const raw = parseQuery(GEOCODE_QUERY, req.query);
    const read = readGeocodeQuery(raw);
    if ('problems' in read) {
      throw new BadUserInputError(read.problems[0].field, read.problems.map((p) => p.message).join('; '), { fields: read.problems.map((p) => p.field) });
    }
    res.json({ query: read.query, candidates: await geocode(read.query) });
  });

  router.get('/geocode/locations', signedIn, async (req, res) => {
    const ctx: RequestContext = res.locals.importContext;
    if (!isAdmin(ctx)) throw new ForbiddenError('Only admins look up the positions of all locations');
    const { first } = parseQuery(GEOCODE_LOCATIONS_QUERY, req.query);
    const rows: Array<{ id: string; slug: string; name: string; address: string | null; postcode: string | null }> = await ctx.manager.query(
      `SELECT id, slug, name, address, postcode FROM location
        WHERE archived_at IS NULL AND latitude IS NULL AND postcode IS NOT NULL ORDER BY name, id LIMIT $1`,
      [first],
    );
    const locations = [];
    for (const row of rows) {
      const number = houseNumberOf(row.address);
      const read = number ? readGeocodeQuery({ postcode: row.postcode ?? '', houseNumber: number.houseNumber, addition: number.addition }) : null;
      if (!read || 'problems' in read) {
        locations.push({ id: row.id, slug: row.slug, name: row.name, address: row.address, postcode: row.postcode, candidates: [], problem: 'no house number at the end of the address' });
        continue;
      }
      locations.push({ id: row.id, slug: row.slug, name: row.name, address: row.address, postcode: row.postcode, candidates: await geocode(read.query), problem: null });
    }
    res.json({ locations });
  });

  router.use((req, _res, next) => {
    next(restError(404, ErrorCode.NOT_FOUND, `No import endpoint ${req.method} ${req.baseUrl}${req.path}`));
  });
  router.use(
    restErrorHandler({
      api: 'imports',
      tooLarge: { code: 'PAYLOAD_TOO_LARGE', message: `The file is larger than ${IMPORT_BODY_LIMIT}; import one municipality at a time` },
      malformed: (status) => ({ status, code: status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : ErrorCode.BAD_USER_INPUT }),
    }),
  );
  return router;
}
