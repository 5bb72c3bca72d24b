import type express from 'express';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config';

export interface RouteDependencies {
  config: AppConfig;
  dataSource: DataSource;
}

/** Plain HTTP (non-GraphQL) endpoints: health and the REST APIs beside GraphQL. */
export function mountRestRoutes(app: express.Express, _deps: RouteDependencies): void {
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
}
