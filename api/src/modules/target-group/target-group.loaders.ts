import DataLoader from 'dataloader';
import { type EntityManager, IsNull } from 'typeorm';
import { byIdLoader, linkLoader } from '../../common/loaders';
import { TargetGroup, TargetGroupCountsAs } from './target-group.entity';
import { coverageReach } from './target-group.rules';

export interface TargetGroupLoaders {
  targetGroupById: DataLoader<string, TargetGroup | null>;
  /** Per current target group, every group a service for it counts for (target-group.rules.ts; key: 'all'). */
  targetGroupReach: DataLoader<'all', Map<string, string[]>>;
  /** Target group id → the ids of the groups it counts as (target_group_counts_as). */
  countsAsIdsByTargetGroup: DataLoader<string, string[]>;
}

export function createTargetGroupLoaders(manager: EntityManager): TargetGroupLoaders {
  return {
    targetGroupById: byIdLoader(manager, TargetGroup),
    countsAsIdsByTargetGroup: linkLoader(manager, 'target_group_counts_as', 'target_group_id', 'counts_as_id'),
    targetGroupReach: new DataLoader(async (keys) => {
      const [groups, links] = await Promise.all([
        manager.getRepository(TargetGroup).find({ select: { id: true, parentId: true }, where: { archivedAt: IsNull() } }),
        manager.getRepository(TargetGroupCountsAs).find({ select: { targetGroupId: true, countsAsId: true } }),
      ]);
      const countsAs = new Map<string, string[]>();
      for (const link of links) countsAs.set(link.targetGroupId, [...(countsAs.get(link.targetGroupId) ?? []), link.countsAsId]);
      const reach = coverageReach(groups.map((group) => ({ id: group.id, parentId: group.parentId, countsAsIds: countsAs.get(group.id) ?? [] })));
      return keys.map(() => reach);
    }),
  };
}

// Part of every request's `ctx.loaders` (declaration merging into the kernel's Loaders, common/loaders.ts).
declare module '../../common/loaders' {
  interface Loaders extends TargetGroupLoaders {}
}
