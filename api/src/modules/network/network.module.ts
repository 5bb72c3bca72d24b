import type { FeatureModule } from '../../common/feature';
import { NetworkMember } from './network-member.entity';
import { Network, NetworkArea, NetworkTargetGroup } from './network.entity';
import { createNetworkLoaders } from './network.loaders';
import { NetworkMemberResolver, NetworkResolver } from './network.resolver';

/** Networks of organisations and their members. */
export const networkModule: FeatureModule = {
  name: 'network',
  // Lag-tolerant, write-free reads a streaming replica may answer (graphql/read-routing.ts).
  replicaReads: ['networks', 'network'],
  entities: [Network, NetworkArea, NetworkTargetGroup, NetworkMember],
  resolvers: [NetworkResolver, NetworkMemberResolver],
  loaders: createNetworkLoaders,
};
