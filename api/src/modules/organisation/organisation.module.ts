import type { FeatureModule } from '../../common/feature';
import { Organisation, OrganisationArea } from './organisation.entity';
import { organisationDirectReads } from './organisation.compiled';
import { createOrganisationLoaders } from './organisation.loaders';
import { OrganisationResolver } from './organisation.resolver';

/** Organisations on the social map and the areas they work in. */
export const organisationModule: FeatureModule = {
  name: 'organisation',
  // Lag-tolerant, write-free reads a streaming replica may answer (graphql/read-routing.ts).
  replicaReads: ['organisations', 'organisation'],
  entities: [Organisation, OrganisationArea],
  resolvers: [OrganisationResolver],
  loaders: createOrganisationLoaders,
  // Answered before Apollo's pipeline when compiled (graphql/direct-execution.ts).
  directReads: organisationDirectReads,
};
