import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import { byIdLoader, linkLoader } from '../../common/loaders';
import { TargetGroup } from './target-group.entity';
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
      // One statement: the current groups with their parents and "counts as" links.
      const groups: { id: string; parent_id: string | null; counts_as_ids: string[] }[] = await manager.query(
        `SELECT tg.id, tg.parent_id, COALESCE(array_agg(ca.counts_as_id) FILTER (WHERE ca.counts_as_id IS NOT NULL), '{}') AS counts_as_ids
           FROM target_group tg LEFT JOIN target_group_counts_as ca ON ca.target_group_id = tg.id
          WHERE tg.archived_at IS NULL GROUP BY tg.id`,
      );
      const reach = coverageReach(groups.map((group) => ({ id: group.id, parentId: group.parent_id, countsAsIds: group.counts_as_ids })));
      return keys.map(() => reach);
    }),
  };
}

// Part of every request's `ctx.loaders` (declaration merging into the kernel's Loaders, common/loaders.ts).
declare module '../../common/loaders' {
  interface Loaders extends TargetGroupLoaders {}
}
