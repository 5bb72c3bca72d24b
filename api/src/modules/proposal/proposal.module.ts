import type { FeatureModule } from '../../common/feature';
import { Proposal } from './proposal.entity';
import { createProposalLoaders } from './proposal.loaders';
import { ProposalResolver } from './proposal.resolver';

/** Organisations propose, a curator decides: proposed changes and new records, accepted or rejected by admins. */
export const proposalModule: FeatureModule = {
  name: 'proposal',
  entities: [Proposal],
  resolvers: [ProposalResolver],
  loaders: createProposalLoaders,
};
