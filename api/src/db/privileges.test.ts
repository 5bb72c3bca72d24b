import { Client } from 'pg';
import { type TestDatabase, appRole, createTestDatabase } from '../test/database';
import { HISTORY_TABLES, grantAppPrivileges, leastPrivilegeProblems } from './privileges';

/**
 * Least privilege: requests run as a role that owns nothing and may only append to the access
 * log and the other history tables, so "append-only" does not rest on a trigger the app could drop.
 */
describe('the app role', () => {
  let db: TestDatabase;
  let app: Client;
  const asApp = (sql: string, params: unknown[] = []) => app.query(sql, params);

  beforeAll(async () => {
    db = await createTestDatabase();
    app = new Client({ connectionString: db.url });
    await app.connect();
  });
  afterAll(async () => {
    await app?.end();
    await db?.drop();
  });

  it('is what the test connections run as, and is neither the owner nor a superuser', async () => {
    const [{ current_user: user, rolsuper }] = (await asApp(`SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user`)).rows;
    expect(user).toBe(appRole());
    expect(rolsuper).toBe(false);
    expect(await leastPrivilegeProblems(asApp)).toEqual([]);
    const [{ tableowner }] = await db.asOwner(`SELECT tableowner FROM pg_tables WHERE tablename = 'access_log'`);
    expect(tableowner).not.toBe(user);
    // The owner's connection is reported for what it is.
    expect(await leastPrivilegeProblems((sql, params) => db.asOwner(sql, params).then((rows) => ({ rows })))).not.toEqual([]);
  });

  it('may append to and read the access log, but not rewrite, empty or unguard it', async () => {
    await asApp(`INSERT INTO access_log (event_type, dossier_number, role, operation) VALUES ('READ', '2026-99999', 'ADMIN', 'privilege test')`);
    expect((await asApp(`SELECT count(*)::int AS n FROM access_log WHERE dossier_number = '2026-99999'`)).rows[0].n).toBe(1);
    // Refused by the grants, before the trigger is reached.
    await expect(asApp(`UPDATE access_log SET role = 'ORGANISATION'`)).rejects.toThrow(/permission denied for table access_log/);
    await expect(asApp(`DELETE FROM access_log WHERE dossier_number = '2026-99999'`)).rejects.toThrow(/permission denied for table access_log/);
    await expect(asApp(`TRUNCATE access_log`)).rejects.toThrow(/permission denied for table access_log/);
    await expect(asApp(`DROP TRIGGER "TRG_access_log_append_only" ON access_log`)).rejects.toThrow(/must be owner of (table|relation) access_log/);
    await expect(asApp(`ALTER TABLE access_log DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner of (table|relation) access_log/);
    await expect(asApp(`DROP FUNCTION access_log_append_only()`)).rejects.toThrow(/must be owner of function/);
    await expect(asApp(`DROP TABLE access_log`)).rejects.toThrow(/must be owner of (table|relation) access_log/);
    // The trigger is still there for the owner too.
    await expect(db.asOwner(`UPDATE access_log SET role = 'ORGANISATION'`)).rejects.toThrow(/append-only: UPDATE/);
  });

  it('may not rewrite the other history tables', async () => {
    for (const [table, allowed] of Object.entries(HISTORY_TABLES)) {
      for (const privilege of ['UPDATE', 'DELETE', 'TRUNCATE', 'INSERT', 'SELECT']) {
        const [{ granted }] = (await asApp(`SELECT has_table_privilege($1, $2) AS granted`, [`public.${table}`, privilege])).rows;
        expect({ table, privilege, granted }).toEqual({ table, privilege, granted: (allowed as readonly string[]).includes(privilege) });
      }
    }
    await expect(asApp(`UPDATE referral_event SET note = 'herschreven'`)).rejects.toThrow(/permission denied for table referral_event/);
    await expect(asApp(`DELETE FROM data_subject_erasure`)).rejects.toThrow(/permission denied for table data_subject_erasure/);
    await expect(asApp(`DELETE FROM schema_migration`)).rejects.toThrow(/permission denied for table schema_migration/);
  });

  it('lists every table with an append-only or immutability trigger as a history table', async () => {
    const guarded = await db.asOwner<{ table: string }>(
      `SELECT DISTINCT c.relname AS table FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE NOT t.tgisinternal AND (t.tgname LIKE '%append_only' OR t.tgname LIKE '%immutable') ORDER BY 1`,
    );
    expect(guarded.length).toBeGreaterThan(0);
    for (const { table } of guarded) expect(Object.keys(HISTORY_TABLES)).toContain(table);
  });

  it('may not create, alter or drop schema objects, nor truncate any table', async () => {
    await expect(asApp(`CREATE TABLE public.sneaky (id int)`)).rejects.toThrow(/permission denied for schema public/);
    await expect(asApp(`CREATE TABLE pgboss.sneaky (id int)`)).rejects.toThrow(/permission denied for schema pgboss/);
    await expect(asApp(`ALTER TABLE referral ADD COLUMN sneaky int`)).rejects.toThrow(/must be owner/);
    await expect(asApp(`TRUNCATE organisation`)).rejects.toThrow(/permission denied for table organisation/);
    await expect(asApp(`CREATE ROLE sneaky`)).rejects.toThrow(/permission denied to create role/);
  });

  it('has what pg-boss needs on its schema and the delivery queue', async () => {
    const { rows } = await asApp(
      `SELECT c.relname, has_table_privilege(c.oid, 'SELECT') AND has_table_privilege(c.oid, 'INSERT') AND has_table_privilege(c.oid, 'UPDATE') AND has_table_privilege(c.oid, 'DELETE') AS dml
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'pgboss' AND c.relkind IN ('r', 'p') ORDER BY 1`,
    );
    expect(rows.map((r) => r.relname)).toEqual(expect.arrayContaining(['job', 'archive', 'queue', 'version']));
    expect(rows.filter((r) => !r.dml)).toEqual([]);
    expect(rows.length).toBeGreaterThan(5);
  });

  it('gets the same rights on a table a later migration creates (default privileges), and the grant step is idempotent', async () => {
    await db.asOwner(`CREATE TABLE later_table (id serial PRIMARY KEY, note text)`);
    await asApp(`INSERT INTO later_table (note) VALUES ('x')`);
    await asApp(`UPDATE later_table SET note = 'y'`);
    await expect(asApp(`TRUNCATE later_table`)).rejects.toThrow(/permission denied/);
    const acl = () => db.asOwner(`SELECT c.relname, c.relacl::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('public', 'pgboss') ORDER BY 1`);
    const before = await acl();
    await grantAppPrivileges(db.ownerUrl, appRole());
    await grantAppPrivileges(db.ownerUrl, appRole());
    expect(await acl()).toEqual(before);
  });
});
