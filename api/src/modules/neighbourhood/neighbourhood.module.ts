import type { FeatureModule } from '../../common/feature';
import { createNeighbourhoodLoaders } from './neighbourhood.loaders';
import { neighbourhoodResolvers } from './neighbourhood.resolver';
import { createReportsRouter } from './wijkkaart.router';

/** The neighbourhood view (docs/neighbourhood-view.md) and its printable report, the wijkkaart (book §6.3), GET /reports/wijkkaart/:area. */
export const neighbourhoodModule: FeatureModule = {
  name: 'neighbourhood',
  // Lag-tolerant, write-free reads a streaming replica may answer (graphql/read-routing.ts).
  replicaReads: ['neighbourhoodView', 'compareAreas', 'rankAreas'],
  resolvers: [...neighbourhoodResolvers],
  loaders: createNeighbourhoodLoaders,
  routes: [{ path: '/reports', create: createReportsRouter }],
};
