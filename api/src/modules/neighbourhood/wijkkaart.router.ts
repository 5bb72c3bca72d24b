import { randomBytes, randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { RETRY_AFTER_SECONDS, databaseUnavailableReason } from '../../db/database-unavailable';
import { sqlTallyStorage } from '../../db/sql-counter';
import { requestViewer } from '../../http/authenticate';
import { parseQuery, year } from '../../http/query';
import type { RouteDependencies } from '../../http/routes';
import { Rule, ruleAllows } from '../../auth/auth.rules';
import { openView } from './neighbourhood.service';
import { escapeHtml, renderWijkkaart } from './wijkkaart';
import { PdfUnavailable, wijkkaartPdf } from './wijkkaart.pdf';
import { ErrorCode } from '../../common/errors';

function errorPage(res: Response, status: number, message: string): void {
  res
    .status(status)
    .type('html')
    .send(`<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Wijkkaart</title></head><body><p>${escapeHtml(message)}</p></body></html>`);
}

const WIJKKAART = z.object({ year: year() });

/**
 * Reports beside the API. `GET /reports/wijkkaart/:area[?year=2009]`: the book's Format
 * wijkkaart (§6.3) for an area (CBS code, slug or id) as a printable HTML page. Public map data
 * for everyone (API keys need READ_MAP, as on /graphql); key persons only for logged-in users.
 * The page prints on A4 (its print CSS); `GET /reports/wijkkaart/:area/pdf` is the same page as a
 * PDF file, printed by Chromium where it is installed (CHROMIUM_PATH).
 */
export function createReportsRouter(deps: RouteDependencies): express.Router {
  const router = express.Router();

  /** The area's view and its page, or null when an error page was sent. */
  const wijkkaart = async (req: Request, res: Response, medium: 'screen' | 'pdf', styleNonce: string): Promise<string | null> => {
    const viewer = requestViewer(res);
    const ctx = deps.createContext(deps.dataSource.manager, {
      viewer,
      requestId: String(req.id ?? randomUUID()),
      client: { ip: req.ip ?? null, userAgent: req.get('user-agent')?.slice(0, 500) ?? null },
      settings: { staleAfterMonths: deps.config.staleAfterMonths, neighbourhood: deps.config.neighbourhood },
    });
    if (!ruleAllows(ctx, Rule.PUBLIC_MAP)) {
      errorPage(res, 403, 'Deze API-sleutel mag de kaart niet lezen (scope READ_MAP nodig).');
      return null;
    }
    let query: z.output<typeof WIJKKAART>;
    try {
      query = parseQuery(WIJKKAART, req.query);
    } catch {
      // An HTML page, not the JSON of the other REST answers: a person opened or printed it.
      errorPage(res, 400, 'year moet een jaartal zijn (bijvoorbeeld 2009).');
      return null;
    }
    const area = String(req.params.area ?? '');
    if (area.length === 0 || area.length > 100) {
      errorPage(res, 400, 'Geef een gebied: CBS-code, slug of id.');
      return null;
    }
    let view;
    try {
      view = await openView(ctx, area, query.year ?? null);
    } catch (error) {
      if (error instanceof GraphQLError && error.extensions?.code === 'BAD_USER_INPUT') {
        errorPage(res, 404, `Onbekend gebied "${area}".`);
        return null;
      }
      throw error;
    }
    const page = await renderWijkkaart(ctx, view, { includeKeyPersons: viewer.kind === 'user', generatedAt: new Date(), styleNonce, medium });
    const tally = sqlTallyStorage.getStore();
    if (tally && deps.config.exposeSqlCount) res.setHeader('x-sql-statements', String(tally.statements));
    // Logged-in pages hold key persons: never cache; public pages change with the map.
    res.set('Cache-Control', 'no-store');
    return page;
  };

  router.get('/wijkkaart/:area', async (req: Request, res: Response) => {
    const nonce = randomBytes(16).toString('base64');
    const page = await wijkkaart(req, res, 'screen', nonce);
    if (page === null) return;
    res
      .status(200)
      // Only the page's own inline style and its print button's line of script; nothing else loads or runs.
      .set('Content-Security-Policy', `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`)
      .type('html')
      .send(page);
  });

  // The same page as an A4 PDF file, authorised as the page; 503 SERVICE_UNAVAILABLE without Chromium.
  router.get('/wijkkaart/:area/pdf', async (req: Request, res: Response) => {
    const page = await wijkkaart(req, res, 'pdf', randomBytes(16).toString('base64'));
    if (page === null) return;
    let pdf: Buffer;
    try {
      pdf = await wijkkaartPdf(page, deps.config.chromiumPath);
    } catch (error) {
      if (!(error instanceof PdfUnavailable)) throw error;
      res.status(503).json({ error: { code: ErrorCode.SERVICE_UNAVAILABLE, message: `${error.message} Druk de wijkkaart af vanuit de browser.` } });
      return;
    }
    const slug = String(req.params.area).replace(/[^a-z0-9-]/gi, '_');
    res.status(200).type('application/pdf').set('Content-Disposition', `attachment; filename="wijkkaart-${slug}.pdf"`).send(pdf);
  });

  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (databaseUnavailableReason(error)) {
      res.set('retry-after', String(RETRY_AFTER_SECONDS));
      errorPage(res, 503, 'De wijkkaart is tijdelijk niet beschikbaar; probeer het over enkele ogenblikken opnieuw.');
      return;
    }
    const correlationId = randomUUID();
    req.log?.error({ err: error, correlationId }, 'wijkkaart failed');
    errorPage(res, 500, `De wijkkaart kon niet worden gemaakt (correlatie-id ${correlationId}).`);
  });

  return router;
}
