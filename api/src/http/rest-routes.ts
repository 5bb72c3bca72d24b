import type express from 'express';
import { createCsvRouter } from '../modules/csv/csv.router';
import { createHsdsRouter } from '../modules/hsds/hsds.router';
import { createReportsRouter } from '../modules/neighbourhood/wijkkaart.router';
import type { RouteDependencies } from './routes';

/** Plain HTTP (non-GraphQL) endpoints: the REST APIs beside GraphQL (the probes are in ops/health.router.ts). */
export function mountRestRoutes(app: express.Express, deps: RouteDependencies): void {
  // Open Referral HSDS 3.0 read API (public data only).
  app.use('/hsds', createHsdsRouter(deps));

  // CSV import and export of key figures, organisations and services (text/csv bodies up to 20 MB).
  app.use('/csv', createCsvRouter(deps));

  // Printable reports: the wijkkaart of an area (book §6.3), GET /reports/wijkkaart/:area.
  app.use('/reports', createReportsRouter(deps));
}
