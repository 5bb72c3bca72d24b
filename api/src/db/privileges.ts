import { Client } from 'pg';

/**
 * Least privilege in PostgreSQL (docs/operations.md, "Database roles"). Two roles:
 *
 * - the owner (DATABASE_URL; the embedded cluster's `schakel`) owns every table, runs the
 *   migrations, installs and migrates pg-boss's schema and runs `grantAppPrivileges`;
 * - the app role (DATABASE_APP_URL; the embedded `schakel_app`) serves requests. It owns
 *   nothing, so it cannot ALTER or DROP a table or a trigger, and has only the grants below.
 *
 * Every table of `public` and `pgboss` gets SELECT, INSERT, UPDATE and DELETE, except the
 * tables of HISTORY_TABLES, which get only what is listed (never TRUNCATE, REFERENCES or
 * TRIGGER, which no table gets). Rows of a history table that go with their parent (referral
 * events, delivery attempts) are removed by their foreign key's ON DELETE CASCADE, which
 * PostgreSQL runs with the table owner's rights. Sequences get USAGE and SELECT. Default
 * privileges cover tables a later migration creates; a history table added later must be
 * added here (a test checks every append-only trigger is).
 */
export const HISTORY_TABLES: Record<string, ReadonlyArray<'SELECT' | 'INSERT' | 'UPDATE'>> = {
  // NEN 7513 access log: append-only.
  access_log: ['SELECT', 'INSERT'],
  // Referral history: events are never rewritten; deleted with their referral by the retention purge.
  referral_event: ['SELECT', 'INSERT'],
  // What remains of a purged referral.
  referral_deletion: ['SELECT', 'INSERT'],
  // The record of each GDPR erasure.
  data_subject_erasure: ['SELECT', 'INSERT'],
  // Every webhook delivery attempt; deleted with its delivery by the retention clean-up.
  webhook_delivery_attempt: ['SELECT', 'INSERT'],
  // The change history: never deleted; UPDATE only for erasure, which redacts erased values in it.
  change_record: ['SELECT', 'INSERT', 'UPDATE'],
  // Which migrations ran: the owner's business.
  schema_migration: ['SELECT'],
};

const SCHEMAS = ['public', 'pgboss'];

type Query = (sql: string, params?: unknown[]) => Promise<{ rows: Array<Record<string, unknown>> }>;

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Brings the app role's privileges in line with the rules above, in one transaction (a running
 * app never sees them half revoked). Idempotent; run by the owner after every migration run.
 */
export async function grantAppPrivileges(ownerUrl: string, appRole: string): Promise<void> {
  const client = new Client({ connectionString: ownerUrl, application_name: 'schakel-grants' });
  await client.connect();
  try {
    await client.query('BEGIN');
    await applyGrants((sql, params) => client.query(sql, params), appRole);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

async function applyGrants(query: Query, appRole: string): Promise<void> {
  const app = ident(appRole);
  const { rows: present } = await query(`SELECT nspname FROM pg_namespace WHERE nspname = ANY($1::text[])`, [SCHEMAS]);
  for (const { nspname } of present as Array<{ nspname: string }>) {
    const schema = ident(nspname);
    await query(`REVOKE ALL ON SCHEMA ${schema} FROM ${app}`);
    await query(`GRANT USAGE ON SCHEMA ${schema} TO ${app}`);
    await query(`REVOKE ALL ON ALL TABLES IN SCHEMA ${schema} FROM ${app}`);
    await query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${app}`);
    await query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${schema} FROM ${app}`);
    await query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${app}`);
    // Tables and sequences the owner creates later (migrations; pg-boss's per-queue tables).
    await query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`);
    await query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT USAGE, SELECT ON SEQUENCES TO ${app}`);
  }
  const { rows: tables } = await query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename = ANY($1::text[])`, [Object.keys(HISTORY_TABLES)]);
  for (const { tablename } of tables as Array<{ tablename: string }>) {
    await query(`REVOKE ALL ON TABLE public.${ident(tablename)} FROM ${app}`);
    await query(`GRANT ${HISTORY_TABLES[tablename].join(', ')} ON TABLE public.${ident(tablename)} TO ${app}`);
  }
}

/**
 * What makes the connection's role more than the app role should be: empty when least
 * privilege is in effect. Run on a connection of the URL requests use.
 */
export async function leastPrivilegeProblems(query: Query): Promise<string[]> {
  const { rows } = await query(`
    SELECT current_user AS role, r.rolsuper AS superuser, r.rolcreaterole AS createrole, r.rolcreatedb AS createdb, r.rolbypassrls AS bypassrls,
           (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relowner = r.oid AND n.nspname = ANY($1::text[])) AS owned,
           (SELECT array_agg(nspname::text) FROM pg_namespace WHERE nspname = ANY($1::text[]) AND has_schema_privilege(oid, 'CREATE')) AS create_in,
           (SELECT pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_class c WHERE c.oid = to_regclass('public.access_log')) AS acts_as_owner,
           (SELECT array_agg(p) FROM unnest(ARRAY['UPDATE', 'DELETE', 'TRUNCATE']) p
             WHERE to_regclass('public.access_log') IS NOT NULL AND has_table_privilege('public.access_log', p)) AS access_log_rewrite
      FROM pg_roles r WHERE r.rolname = current_user`,
    [SCHEMAS],
  );
  const r = rows[0] as {
    role: string;
    superuser: boolean;
    createrole: boolean;
    createdb: boolean;
    bypassrls: boolean;
    owned: number;
    create_in: string[] | null;
    acts_as_owner: boolean | null;
    access_log_rewrite: string[] | null;
  };
  const problems: string[] = [];
  if (r.superuser) problems.push(`"${r.role}" is a superuser`);
  if (r.acts_as_owner && !r.superuser) problems.push(`"${r.role}" is (or acts as) the owner of the tables`);
  else if (r.owned > 0) problems.push(`"${r.role}" owns ${r.owned} table(s) or other relations`);
  if (r.createrole) problems.push(`"${r.role}" may create roles`);
  if (r.createdb) problems.push(`"${r.role}" may create databases`);
  if (r.bypassrls) problems.push(`"${r.role}" bypasses row-level security`);
  if (r.create_in?.length) problems.push(`"${r.role}" may create objects in schema ${r.create_in.join(', ')}`);
  if (r.access_log_rewrite?.length && !r.superuser) problems.push(`"${r.role}" may ${r.access_log_rewrite.join('/')} access_log`);
  return problems;
}

/** The user name in a connection URL (the role its connections run as). */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}
