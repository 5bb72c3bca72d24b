import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config';

/**
 * What the REST routers (hsds, csv, wijkkaart) are built from. Kept apart from the mounting
 * (rest-routes.ts), so the routers import this module without importing themselves back.
 */
export interface RouteDependencies {
  config: AppConfig;
  dataSource: DataSource;
}
