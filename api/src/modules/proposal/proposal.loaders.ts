import type DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import { byIdLoader } from '../../common/loaders';
import { Proposal } from './proposal.entity';

export interface ProposalLoaders {
  proposalById: DataLoader<string, Proposal | null>;
}

export function createProposalLoaders(manager: EntityManager): ProposalLoaders {
  return { proposalById: byIdLoader(manager, Proposal) };
}

// Part of every request's `ctx.loaders` (declaration merging into the kernel's Loaders, common/loaders.ts).
declare module '../../common/loaders' {
  interface Loaders extends ProposalLoaders {}
}
