import { Client } from 'pg';

/**
 * A fingerprint of the application data: per table, the row count and the md5 of its rows' text
 * in sorted order. Two equal snapshots mean the tables hold exactly the same rows, which is how
 * tests prove that a failed request left nothing behind.
 *
 * Digesting every row costs ~10 ms per snapshot, so `take(previous)` first reads a cheap
 * write marker per table (row count and the newest `xmin`: any committed insert or update adds
 * a row version with a newer transaction id, any delete lowers the count) and digests again
 * only the tables whose marker moved. Requests run one at a time while this is used.
 */
export interface TableDigest {
  rows: number;
  md5: string;
  /** Row count and newest xmin when the digest was taken. */
  marker: string;
}

export type DbSnapshot = ReadonlyMap<string, TableDigest>;

export interface SnapshotPlan {
  /** Tables left out entirely. */
  excludeTables?: readonly string[];
  /** Columns left out of a table's digest (e.g. a last-used timestamp), by table. */
  excludeColumns?: Readonly<Record<string, readonly string[]>>;
}

export interface DbSnapshotter {
  readonly tables: readonly string[];
  /** Digests every table, or with `previous`, only those written to since. */
  take(previous?: DbSnapshot): Promise<DbSnapshot>;
  close(): Promise<void>;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function markerSql(table: string): string {
  return `SELECT ${quoteLiteral(table)} AS table_name, count(*) || ':' || coalesce(max(r.xmin::text::bigint), 0) AS marker FROM ${quoteIdent(table)} r`;
}

function digestSql(table: string, excludedColumns: readonly string[]): string {
  const row = excludedColumns.length === 0 ? 'r::text' : `(to_jsonb(r) - ARRAY[${excludedColumns.map(quoteLiteral).join(', ')}]::text[])::text`;
  return `SELECT ${quoteLiteral(table)} AS table_name, count(*)::int AS row_count,
                 count(*) || ':' || coalesce(max(r.xmin::text::bigint), 0) AS marker,
                 md5(coalesce(string_agg(${row}, E'\\n' ORDER BY ${row}), '')) AS digest
            FROM ${quoteIdent(table)} r`;
}

/**
 * A snapshotter on its own connection (`databaseUrl`), with its statements prepared once, so
 * a snapshot between two requests costs a millisecond or two.
 */
export async function createDbSnapshotter(databaseUrl: string, plan: SnapshotPlan = {}): Promise<DbSnapshotter> {
  const client = new Client({ connectionString: databaseUrl, application_name: 'schakel-test-snapshot' });
  await client.connect();
  const excluded = new Set(plan.excludeTables ?? []);
  const { rows } = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const tables = rows.map((row) => row.table_name).filter((name) => !excluded.has(name));
  const digests = new Map(tables.map((table) => [table, digestSql(table, plan.excludeColumns?.[table] ?? [])]));
  const allMarkers = tables.map(markerSql).join('\nUNION ALL\n');

  type DigestRow = { table_name: string; row_count: number; marker: string; digest: string };
  const digest = async (table: string): Promise<[string, TableDigest]> => {
    const result = await client.query<DigestRow>({ name: `db-snapshot-digest-${table}`, text: digests.get(table)! });
    const row = result.rows[0];
    return [table, { rows: row.row_count, md5: row.digest, marker: row.marker }];
  };

  return {
    tables,
    async take(previous) {
      if (!previous) {
        const result = await client.query<DigestRow>({ name: 'db-snapshot-digest-all', text: [...digests.values()].join('\nUNION ALL\n') });
        return new Map(result.rows.map((row) => [row.table_name, { rows: row.row_count, md5: row.digest, marker: row.marker }]));
      }
      const markers = await client.query<{ table_name: string; marker: string }>({ name: 'db-snapshot-markers', text: allMarkers });
      const snapshot = new Map(previous);
      for (const { table_name: table, marker } of markers.rows) {
        if (previous.get(table)?.marker !== marker) snapshot.set(...(await digest(table)));
      }
      return snapshot;
    },
    close: () => client.end(),
  };
}

/** Tables whose content differs, each with its row counts before → after. */
export function changedTables(before: DbSnapshot, after: DbSnapshot): string[] {
  const changes: string[] = [];
  for (const [table, digest] of before) {
    const other = after.get(table);
    if (!other || other.md5 !== digest.md5) changes.push(`${table} (${digest.rows} → ${other?.rows ?? 'missing'} rows)`);
  }
  return changes;
}
