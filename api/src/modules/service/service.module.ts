import type { FeatureModule } from '../../common/feature';
import {
  Service,
  ServiceArea,
  ServiceInterventionType,
  ServiceLocation,
  ServicePartner,
  ServiceTargetGroup,
} from './service.entity';
import { serviceDirectReads } from './service.compiled';
import { createServiceLoaders } from './service.loaders';
import { ServiceResolver } from './service.resolver';

/** Services organisations provide: for whom, where and with which intervention types. */
export const serviceModule: FeatureModule = {
  name: 'service',
  // Lag-tolerant, write-free reads a streaming replica may answer (graphql/read-routing.ts).
  replicaReads: ['services', 'service'],
  entities: [Service, ServicePartner, ServiceTargetGroup, ServiceInterventionType, ServiceArea, ServiceLocation],
  resolvers: [ServiceResolver],
  loaders: createServiceLoaders,
  // Answered before Apollo's pipeline when compiled (graphql/direct-execution.ts).
  directReads: serviceDirectReads,
};
