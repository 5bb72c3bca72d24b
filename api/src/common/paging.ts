import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { type Connection, type PageRequest, toConnection } from './connection';

/**
 * Runs one keyset-paginated page of `qb` ordered by (`sortProperty`, id), fetching one row
 * extra to know whether a next page exists. `totalCount` runs a COUNT only when asked for.
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<T>,
  page: PageRequest,
  sortProperty: (keyof T & string) | null,
): Promise<Connection<T>> {
  const alias = qb.alias;
  const countQuery = qb.clone();
  if (page.after) {
    if (sortProperty) {
      qb.andWhere(`(${alias}.${sortProperty}, ${alias}.id) > (:afterSortKey, :afterId)`, {
        afterSortKey: page.after.sortKey,
        afterId: page.after.id,
      });
    } else {
      qb.andWhere(`${alias}.id > :afterId`, { afterId: page.after.id });
    }
  }
  if (sortProperty) qb.orderBy(`${alias}.${sortProperty}`, 'ASC').addOrderBy(`${alias}.id`, 'ASC');
  else qb.orderBy(`${alias}.id`, 'ASC');
  const rows = await qb.limit(page.limit + 1).getMany();
  return toConnection(rows, page, (row) => (sortProperty ? sortKeyText(row[sortProperty]) : ''), () => countQuery.getCount());
}

/** Cursor text for a sort value; timestamps keep their full precision. */
export function sortKeyText(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}
