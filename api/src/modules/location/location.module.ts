import type { FeatureModule } from '../../common/feature';
import { Location } from './location.entity';
import { createLocationLoaders } from './location.loaders';
import { LocationResolver } from './location.resolver';

/** Locations where organisations work and services are delivered. */
export const locationModule: FeatureModule = {
  name: 'location',
  // Lag-tolerant, write-free reads a streaming replica may answer (graphql/read-routing.ts).
  replicaReads: ['locations', 'location'],
  entities: [Location],
  resolvers: [LocationResolver],
  loaders: createLocationLoaders,
};
