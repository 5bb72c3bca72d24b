import type { EntityManager } from 'typeorm';
import { BadUserInputError } from '../../common/errors';

/** `Welzijn Amersfoort (SWA)` → `welzijn-amersfoort-swa`. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\+/g, ' plus ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);
}

/** Replaces the rows of a link table for one owner: `DELETE` the rest, `INSERT` the new. */
export async function replaceLinks(tx: EntityManager, table: string, ownerColumn: string, ownerId: string, valueColumn: string, valueIds: string[]): Promise<void> {
  const ids = [...new Set(valueIds)];
  await tx.query(`DELETE FROM "${table}" WHERE "${ownerColumn}" = $1 AND NOT ("${valueColumn}" = ANY($2::uuid[]))`, [ownerId, ids]);
  if (ids.length > 0) {
    await tx.query(
      `INSERT INTO "${table}" ("${ownerColumn}", "${valueColumn}") SELECT $1, v FROM unnest($2::uuid[]) AS v ON CONFLICT DO NOTHING`,
      [ownerId, ids],
    );
  }
}

export async function linkedIds(tx: EntityManager, table: string, ownerColumn: string, ownerId: string, valueColumn: string): Promise<string[]> {
  const rows: { id: string }[] = await tx.query(`SELECT "${valueColumn}" AS id FROM "${table}" WHERE "${ownerColumn}" = $1 ORDER BY "${valueColumn}"`, [ownerId]);
  return rows.map((row) => row.id);
}

/** Ids that must exist in `table` (and not be archived, when the table has archived_at). */
export async function assertIdsExist(tx: EntityManager, table: string, ids: string[], field: string, label: string): Promise<void> {
  if (ids.length === 0) return;
  const unique = [...new Set(ids)];
  const rows: { id: string }[] = await tx.query(`SELECT id FROM "${table}" WHERE id = ANY($1::uuid[])`, [unique]);
  const found = new Set(rows.map((row) => row.id));
  const missing = unique.findIndex((id) => !found.has(id));
  if (missing >= 0) throw new BadUserInputError(field, `Unknown ${label} ${unique[missing]}`, { rule: 'unknownReference', params: { kind: label, value: unique[missing] } });
}

/**
 * Refuses a parent that would make a cycle: the new parent may not be the record itself or
 * anything below it (areas, organisations, intervention types).
 */
export async function assertNoCycle(tx: EntityManager, table: string, id: string, newParentId: string | null, field: string): Promise<void> {
  if (!newParentId) return;
  if (newParentId === id) throw new BadUserInputError(field, 'A record cannot be its own parent', { rule: 'ownParent' });
  const rows: { found: boolean }[] = await tx.query(
    `WITH RECURSIVE below(id) AS (
       SELECT id FROM "${table}" WHERE parent_id = $1
       UNION SELECT t.id FROM "${table}" t JOIN below b ON t.parent_id = b.id
     ) SELECT EXISTS (SELECT 1 FROM below WHERE id = $2) AS found`,
    [id, newParentId],
  );
  if (rows[0]?.found) throw new BadUserInputError(field, 'The parent would create a cycle (it lies below this record)', { rule: 'parentCycle' });
}

/** Applies the fields present in `input` (undefined: unchanged; null: cleared) to `record`. */
export function applyFields<T extends object>(record: T, input: object, fields: readonly (keyof T & string)[]): void {
  for (const field of fields) {
    const value = (input as Record<string, unknown>)[field];
    if (value !== undefined) (record as Record<string, unknown>)[field] = typeof value === 'string' ? value.trim() : value;
  }
}
