import type DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import { byIdLoader } from '../../common/loaders';
import { TargetGroup } from './target-group.entity';

export interface TargetGroupLoaders {
  targetGroupById: DataLoader<string, TargetGroup | null>;
}

export function createTargetGroupLoaders(manager: EntityManager): TargetGroupLoaders {
  return { targetGroupById: byIdLoader(manager, TargetGroup) };
}

// Part of every request's `ctx.loaders` (declaration merging into the kernel's Loaders, common/loaders.ts).
declare module '../../common/loaders' {
  interface Loaders extends TargetGroupLoaders {}
}
