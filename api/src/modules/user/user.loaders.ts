import type DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import { byIdLoader, linkLoader } from '../../common/loaders';
import { ApiKey } from './api-key.entity';
import { User } from './user.entity';

export interface UserLoaders {
  userById: DataLoader<string, User | null>;
  apiKeyById: DataLoader<string, ApiKey | null>;
  /** user id → the ids of the areas a MUNICIPALITY user works for. */
  areaIdsByUser: DataLoader<string, string[]>;
}

export function createUserLoaders(manager: EntityManager): UserLoaders {
  return { userById: byIdLoader(manager, User), apiKeyById: byIdLoader(manager, ApiKey), areaIdsByUser: linkLoader(manager, 'user_area', 'user_id', 'area_id') };
}

// Part of every request's `ctx.loaders` (declaration merging into the kernel's Loaders, common/loaders.ts).
declare module '../../common/loaders' {
  interface Loaders extends UserLoaders {}
}
