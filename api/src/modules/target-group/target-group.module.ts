import type { FeatureModule } from '../../common/feature';
import { TargetGroup, TargetGroupCountsAs } from './target-group.entity';
import { createTargetGroupLoaders } from './target-group.loaders';
import { TargetGroupResolver } from './target-group.resolver';

/** Target groups services and networks are for. */
export const targetGroupModule: FeatureModule = {
  name: 'target-group',
  // Lag-tolerant, write-free reads a streaming replica may answer (graphql/read-routing.ts).
  replicaReads: ['targetGroups', 'targetGroup'],
  entities: [TargetGroup, TargetGroupCountsAs],
  resolvers: [TargetGroupResolver],
  loaders: createTargetGroupLoaders,
};
