import type { ClientBase } from 'pg';

/**
 * Bulk loading into the schema the migrations built, without changing it: the secondary
 * indexes of the loaded tables are dropped and rebuilt afterwards from their own definitions
 * (pg_get_indexdef), and — for a superuser — foreign keys are checked once per constraint with
 * an anti-join after the load instead of once per row (session_replication_role = replica
 * skips the per-row triggers). CHECK, NOT NULL, primary key and unique constraints stay on.
 */

interface IndexDefinition {
  name: string;
  definition: string;
}

interface ForeignKey {
  name: string;
  child: string;
  parent: string;
  child_columns: string[];
  parent_columns: string[];
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** Indexes of `tables` that no constraint owns or depends on (those stay). */
async function secondaryIndexes(client: ClientBase, tables: readonly string[]): Promise<IndexDefinition[]> {
  const { rows } = await client.query<IndexDefinition>(
    `SELECT ic.relname AS name, pg_get_indexdef(ix.indexrelid) AS definition
       FROM pg_index ix
       JOIN pg_class ic ON ic.oid = ix.indexrelid
       JOIN pg_class t ON t.oid = ix.indrelid
      WHERE t.relnamespace = 'public'::regnamespace AND t.relname = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid)
      ORDER BY t.relname, ic.relname`,
    [tables],
  );
  return rows;
}

async function foreignKeys(client: ClientBase, tables: readonly string[]): Promise<ForeignKey[]> {
  const { rows } = await client.query<ForeignKey>(
    `SELECT c.conname AS name, ct.relname AS child, pt.relname AS parent,
            ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS child_columns,
            ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS parent_columns
       FROM pg_constraint c
       JOIN pg_class ct ON ct.oid = c.conrelid
       JOIN pg_class pt ON pt.oid = c.confrelid
      WHERE c.contype = 'f' AND ct.relnamespace = 'public'::regnamespace AND ct.relname = ANY($1)
      ORDER BY ct.relname, c.conname`,
    [tables],
  );
  return rows;
}

/** Rows of the child that point at no parent row (MATCH SIMPLE: a NULL column matches nothing). */
async function orphans(client: ClientBase, key: ForeignKey): Promise<number> {
  const notNull = key.child_columns.map((column) => `c.${quote(column)} IS NOT NULL`).join(' AND ');
  const join = key.child_columns.map((column, i) => `p.${quote(key.parent_columns[i])} = c.${quote(column)}`).join(' AND ');
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${quote(key.child)} c WHERE ${notNull} AND NOT EXISTS (SELECT 1 FROM ${quote(key.parent)} p WHERE ${join})`,
  );
  return rows[0].n;
}

async function isSuperuser(client: ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ rolsuper: boolean }>(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`);
  return rows[0]?.rolsuper === true;
}

export async function bulkLoad<T>(client: ClientBase, tables: readonly string[], log: (message: string) => void, load: () => Promise<T>): Promise<T> {
  const superuser = await isSuperuser(client);
  const indexes = await secondaryIndexes(client, tables);
  for (const index of indexes) await client.query(`DROP INDEX ${quote(index.name)}`);
  await client.query(`SET synchronous_commit = off`);
  await client.query(`SET maintenance_work_mem = '512MB'`);
  if (superuser) await client.query(`SET session_replication_role = replica`);
  log(`bulk load: ${indexes.length} secondary indexes dropped; foreign keys ${superuser ? 'checked after the load' : 'checked per row (not a superuser)'}`);
  let result: T;
  try {
    result = await load();
  } finally {
    if (superuser) await client.query(`SET session_replication_role = origin`);
  }
  let started = performance.now();
  for (const index of indexes) await client.query(index.definition);
  log(`bulk load: ${indexes.length} indexes rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (superuser) {
    started = performance.now();
    const keys = await foreignKeys(client, tables);
    for (const key of keys) {
      const missing = await orphans(client, key);
      if (missing > 0) throw new Error(`Foreign key ${key.name}: ${missing} rows of ${key.child} point at no ${key.parent}`);
    }
    log(`bulk load: ${keys.length} foreign keys verified in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return result;
}
