import type { FeatureModule } from '../../common/feature';
import { Area } from './area.entity';
import { createAreaLoaders } from './area.loaders';
import { AreaResolver } from './area.resolver';

/** Areas: the municipality's tree of districts and neighbourhoods. */
export const areaModule: FeatureModule = {
  name: 'area',
  // Lag-tolerant, write-free reads a streaming replica may answer (graphql/read-routing.ts).
  replicaReads: ['areas', 'area'],
  entities: [Area],
  resolvers: [AreaResolver],
  loaders: createAreaLoaders,
};
