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
 * No PDF: print the page (its print CSS lays it out on A4).
 */
export function createReportsRouter(deps: RouteDependencies): express.Router {
  const router = express.Router();

  router.get('/wijkkaart/:area', async (req: Request, res: Response) => {
    const viewer = requestViewer(res);
    const ctx = deps.createContext(deps.dataSource.manager, {
      viewer,
      requestId: String(req.id ?? randomUUID()),
      client: { ip: req.ip ?? null, userAgent: req.get('user-agent')?.slice(0, 500) ?? null },
      settings: { staleAfterMonths: deps.config.staleAfterMonths, neighbourhood: deps.config.neighbourhood },
    });
    if (!ruleAllows(ctx, Rule.PUBLIC_MAP)) {
      errorPage(res, 403, 'Deze API-sleutel mag de kaart niet lezen (scope READ_MAP nodig).');
      return;
    }
    let query: z.output<typeof WIJKKAART>;
    try {
      query = parseQuery(WIJKKAART, req.query);
    } catch {
      // An HTML page, not the JSON of the other REST answers: a person opened or printed it.
      errorPage(res, 400, 'year moet een jaartal zijn (bijvoorbeeld 2009).');
      return;
    }
    const area = String(req.params.area ?? '');
    if (area.length === 0 || area.length > 100) {
      errorPage(res, 400, 'Geef een gebied: CBS-code, slug of id.');
      return;
    }
    let view;
    try {
      view = await openView(ctx, area, query.year ?? null);
    } catch (error) {
      if (error instanceof GraphQLError && error.extensions?.code === 'BAD_USER_INPUT') {
        errorPage(res, 404, `Onbekend gebied "${area}".`);
        return;
      }
      throw error;
    }
    const styleNonce = randomBytes(16).toString('base64');
    const page = await renderWijkkaart(ctx, view, { includeKeyPersons: viewer.kind === 'user', generatedAt: new Date(), styleNonce });
    const tally = sqlTallyStorage.getStore();
    if (tally && deps.config.exposeSqlCount) res.setHeader('x-sql-statements', String(tally.statements));
    res
      .status(200)
      .set({
        // Only the page's own inline style; nothing else loads or runs.
        'Content-Security-Policy': `default-src 'none'; style-src 'nonce-${styleNonce}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
        // Logged-in pages hold key persons: never cache; public pages change with the map.
        'Cache-Control': 'no-store',
      })
      .type('html')
      .send(page);
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
