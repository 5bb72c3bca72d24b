import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import { byForeignKeyLoader, byIdLoader } from '../../common/loaders';
import { Area } from './area.entity';

export interface AreaLoaders {
  areaById: DataLoader<string, Area | null>;
  areaChildren: DataLoader<string, Area[]>;
  /** Ids of every area below the key, at any depth, in tree order. */
  areaDescendantIds: DataLoader<string, string[]>;
  /** Ids of the areas above the key, nearest first. */
  areaAncestorIds: DataLoader<string, string[]>;
}

export function createAreaLoaders(manager: EntityManager): AreaLoaders {
  return {
    areaById: byIdLoader(manager, Area),
    areaChildren: byForeignKeyLoader(manager, Area, 'parentId', 'name'),
    areaDescendantIds: new DataLoader(async (ids) => {
      const rows: { root: string; id: string }[] = await manager.query(
        `WITH RECURSIVE tree(root, id, path) AS (
           SELECT a.parent_id, a.id, ARRAY[a.name::text] FROM area a WHERE a.parent_id = ANY($1)
           UNION ALL
           SELECT t.root, a.id, t.path || a.name::text FROM area a JOIN tree t ON a.parent_id = t.id
         )
         SELECT root, id FROM tree ORDER BY root, path`,
        [[...ids]],
      );
      return groupIds(ids, rows, 'root');
    }),
    areaAncestorIds: new DataLoader(async (ids) => {
      const rows: { root: string; id: string }[] = await manager.query(
        `WITH RECURSIVE up(root, id, depth) AS (
           SELECT a.id, a.parent_id, 1 FROM area a WHERE a.id = ANY($1) AND a.parent_id IS NOT NULL
           UNION ALL
           SELECT u.root, a.parent_id, u.depth + 1 FROM area a JOIN up u ON a.id = u.id WHERE a.parent_id IS NOT NULL
         )
         SELECT root, id FROM up ORDER BY root, depth`,
        [[...ids]],
      );
      return groupIds(ids, rows, 'root');
    }),
  };
}

function groupIds(keys: readonly string[], rows: { root: string; id: string }[], keyColumn: 'root'): string[][] {
  const groups = new Map<string, string[]>();
  for (const row of rows) {
    const list = groups.get(row[keyColumn]) ?? [];
    list.push(row.id);
    groups.set(row[keyColumn], list);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

// Part of every request's `ctx.loaders` (declaration merging into the kernel's Loaders, common/loaders.ts).
declare module '../../common/loaders' {
  interface Loaders extends AreaLoaders {}
}
