import DataLoader from 'dataloader';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * The DataLoaders of one request (`ctx.loaders`, context.ts). Empty here: the kernel knows no
 * feature's records. Each feature's `<feature>.loaders.ts` adds its own by declaration merging
 * (`declare module '../../common/loaders' { interface Loaders extends AreaLoaders {} }`) and hands
 * its factory to the app through its module (`FeatureModule.loaders`, common/feature.ts); the
 * context composes the factories of the features the app is built from (features.ts), so every
 * request gets every feature's loaders, fresh, and no feature reaches for another's loader file.
 */
export interface Loaders {}

/** A feature's share of the request's loaders, built on one EntityManager. */
export type LoaderFactory = (manager: EntityManager) => Partial<Loaders>;

/**
 * Batch loaders. Each batch function is one `WHERE … = ANY($1)` statement, so the number of
 * statements per request depends on the query's shape, never on the number of rows.
 */

/** Loads records of one entity by primary key. */
export function byIdLoader<T extends ObjectLiteral & { id: string }>(
  manager: EntityManager,
  entity: EntityTarget<T>,
): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const rows = await manager
      .getRepository(entity)
      .createQueryBuilder('e')
      .where('e.id = ANY(:ids)', { ids: [...ids] })
      .getMany();
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** Loads the records of one entity whose foreign key `property` is one of the keys (one-to-many). */
export function byForeignKeyLoader<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  property: keyof T & string,
  orderBy: keyof T & string,
): DataLoader<string, T[]> {
  return new DataLoader(async (keys) => {
    const rows = await manager
      .getRepository(entity)
      .createQueryBuilder('e')
      .where(`e.${property} = ANY(:keys)`, { keys: [...keys] })
      .orderBy(`e.${orderBy}`, 'ASC')
      .addOrderBy('e.id', 'ASC')
      .getMany();
    return groupBy(keys, rows, (row) => row[property] as string);
  });
}

/**
 * Loads the far-side ids of a link table (many-to-many), e.g. service_target_group:
 * key service_id → target_group_id[]. Resolve the ids with a `byIdLoader`.
 */
export function linkLoader(
  manager: EntityManager,
  table: string,
  keyColumn: string,
  valueColumn: string,
): DataLoader<string, string[]> {
  const sql = `SELECT "${keyColumn}" AS key, "${valueColumn}" AS value FROM "${table}" WHERE "${keyColumn}" = ANY($1) ORDER BY created_at, id`;
  return new DataLoader(async (keys) => {
    const rows: { key: string; value: string }[] = await manager.query(sql, [[...keys]]);
    return groupBy(keys, rows, (row) => row.key).map((group) => group.map((row) => row.value));
  });
}

export function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

/** Resolves ids through a by-id loader, dropping ids that no longer resolve. */
export async function loadAll<T>(loader: DataLoader<string, T | null>, ids: readonly string[]): Promise<T[]> {
  const rows = await loader.loadMany(ids);
  const result: T[] = [];
  for (const row of rows) {
    if (row instanceof Error) throw row;
    if (row !== null) result.push(row);
  }
  return result;
}

/** Leaves out archived records (relation lists show what is current). */
export function current<T extends { archivedAt?: Date | null }>(rows: T[]): T[] {
  return rows.filter((row) => !row.archivedAt);
}

/** `current`'s SQL twin for the compiled read path (common/compiled-read.ts): the row at `alias` is not archived. */
export function currentSql(alias: string): string {
  return `${alias}.archived_at IS NULL`;
}
