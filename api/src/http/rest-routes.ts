import express from 'express';
import type { FeatureModule } from '../common/feature';
import type { RouteDependencies } from './routes';

/**
 * Plain HTTP (non-GraphQL) endpoints: the REST routers the features declare (`FeatureModule.routes`):
 * sign-in at /auth, the HSDS read API, CSV import and export, the printable reports. The probes
 * are the kernel's own (ops/health.router.ts).
 */
export function mountRestRoutes(app: express.Express, deps: RouteDependencies, features: readonly FeatureModule[]): void {
  // Body parsers are per route: sign-in takes small JSON bodies (MAX_BODY_BYTES); import endpoints set their own, larger limits.
  const json = express.json({ limit: deps.config.maxBodyBytes });
  const mounted = new Map<string, string>();
  for (const feature of features) {
    for (const route of feature.routes ?? []) {
      const owner = mounted.get(route.path);
      if (owner) throw new Error(`Features ${owner} and ${feature.name} both mount ${route.path}`);
      mounted.set(route.path, feature.name);
      if (route.jsonBody) app.use(route.path, json, route.create(deps));
      else app.use(route.path, route.create(deps));
    }
  }
}
