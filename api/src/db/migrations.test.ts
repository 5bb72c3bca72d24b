import { migrations } from '@schakel/db';
import { type TestDatabase, createTestDatabase } from '../test/database';

describe('migrations', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    // Migrations are the owner's: this file's connections run as the owner, not the app role.
    db = await createTestDatabase({ empty: true, as: 'owner' });
  });
  afterAll(() => db.drop());

  it('build exactly the schema the entities describe (no drift)', async () => {
    const applied = await db.dataSource.runMigrations();
    expect(applied.map((m) => m.name)).toEqual(migrations.map((m) => (m as unknown as { name: string }).name));
    const pending = await db.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('apply nothing on a second run', async () => {
    expect(await db.dataSource.runMigrations()).toEqual([]);
  });

  it('index every foreign key', async () => {
    const unindexed = await db.dataSource.query(`
      SELECT c.conrelid::regclass::text AS table_name, c.conname
      FROM pg_constraint c
      WHERE c.contype = 'f'
        AND NOT EXISTS (
          SELECT 1 FROM pg_index i
          WHERE i.indrelid = c.conrelid AND (i.indkey::int2[])[0] = c.conkey[1])`);
    expect(unindexed).toEqual([]);
  });

  it('create the full-text indexes: Dutch stems and the words as written (search-vectors.ts)', async () => {
    const rows: { indexdef: string }[] = await db.dataSource.query(
      `SELECT indexdef FROM pg_indexes WHERE indexname IN ('IDX_organisation_search', 'IDX_service_search') ORDER BY indexname`,
    );
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.indexdef).toMatch(/USING gin \(\(\(to_tsvector\('dutch'::regconfig, .*\|\| setweight\(to_tsvector\('simple'::regconfig, .*'A'::"char"\)\)\)\)$/);
  });

  it('revert completely', async () => {
    for (let i = 0; i < migrations.length; i++) await db.dataSource.undoLastMigration();
    const tables: { tablename: string }[] = await db.dataSource.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migration'`);
    expect(tables).toEqual([]);
  });
});
