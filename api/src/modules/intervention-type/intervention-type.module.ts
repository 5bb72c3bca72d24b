import type { FeatureModule } from '../../common/feature';
import { BasicFunction } from './basic-function.entity';
import { InterventionType } from './intervention-type.entity';
import { createInterventionTypeLoaders } from './intervention-type.loaders';
import { BasicFunctionResolver, InterventionTypeResolver } from './intervention-type.resolver';

/** Intervention types and the basic functions they serve. */
export const interventionTypeModule: FeatureModule = {
  name: 'intervention-type',
  // Lag-tolerant, write-free reads a streaming replica may answer (graphql/read-routing.ts).
  replicaReads: ['interventionTypes', 'interventionType', 'basicFunctions'],
  entities: [BasicFunction, InterventionType],
  resolvers: [InterventionTypeResolver, BasicFunctionResolver],
  loaders: createInterventionTypeLoaders,
};
