import type DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import { byForeignKeyLoader, byIdLoader, linkLoader } from '../../common/loaders';
import { NetworkMember } from './network-member.entity';
import { Network } from './network.entity';

export interface NetworkLoaders {
  networkById: DataLoader<string, Network | null>;
  membersByNetwork: DataLoader<string, NetworkMember[]>;
  areaIdsByNetwork: DataLoader<string, string[]>;
  targetGroupIdsByNetwork: DataLoader<string, string[]>;
}

export function createNetworkLoaders(manager: EntityManager): NetworkLoaders {
  return {
    networkById: byIdLoader(manager, Network),
    membersByNetwork: byForeignKeyLoader(manager, NetworkMember, 'networkId', 'createdAt'),
    areaIdsByNetwork: linkLoader(manager, 'network_area', 'network_id', 'area_id'),
    targetGroupIdsByNetwork: linkLoader(manager, 'network_target_group', 'network_id', 'target_group_id'),
  };
}

// Part of every request's `ctx.loaders` (declaration merging into the kernel's Loaders, common/loaders.ts).
declare module '../../common/loaders' {
  interface Loaders extends NetworkLoaders {}
}
