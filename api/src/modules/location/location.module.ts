import type { FeatureModule } from '../../common/feature';
import { Location } from './location.entity';
import { createLocationLoaders } from './location.loaders';
import { LocationResolver } from './location.resolver';

/** Locations where organisations work and services are delivered. */
export const locationModule: FeatureModule = {
  name: 'location',
  entities: [Location],
  resolvers: [LocationResolver],
  loaders: createLocationLoaders,
};
