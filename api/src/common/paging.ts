import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { type Connection, type PageRequest, instantSortKey, toConnection } from './connection';

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

/**
 * Keyset pages ordered by a timestamp column, then id. PostgreSQL keeps microseconds, a
 * JavaScript Date (and so the cursor) milliseconds: ordering and comparing on the value cut to
 * milliseconds keeps a row from coming back on the next page.
 */
export async function paginateByInstant<T extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<T>,
  page: PageRequest,
  column: string,
  instant: (row: T) => Date,
): Promise<Connection<T>> {
  const alias = qb.alias;
  const key = `date_trunc('milliseconds', "${alias}"."${column}")`;
  const countQuery = qb.clone();
  if (page.after) {
    qb.andWhere(`(${key}, "${alias}"."id") > (CAST(:afterInstant AS timestamptz), CAST(:afterId AS uuid))`, { afterInstant: instantSortKey(page.after), afterId: page.after.id });
  }
  const rows = await qb.orderBy(key, 'ASC').addOrderBy(`"${alias}"."id"`, 'ASC').limit(page.limit + 1).getMany();
  return toConnection(rows, page, (row) => instant(row).toISOString(), () => countQuery.getCount());
}
