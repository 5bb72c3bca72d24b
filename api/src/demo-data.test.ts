import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { GENERATED_SOURCE, PRESETS } from './bench/presets';
import { DemoDataConflict, SYNTHETIC_DESCRIPTION, SYNTHETIC_LABEL, seedDemoData } from './demo-data';
import { createTestDatabase, type TestDatabase } from './test/database';

async function one<T = Record<string, unknown>>(dataSource: DataSource, sql: string, params: unknown[] = []): Promise<T> {
  return (await dataSource.query(sql, params))[0];
}

/** Row count of every table (the migrations table aside): what a refused start must leave as it was. */
async function tableCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const tables: Array<{ name: string }> = await dataSource.query(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migration' ORDER BY table_name`,
  );
  const rows: Array<{ name: string; n: number }> = await dataSource.query(
    tables.map(({ name }) => `SELECT '${name}' AS name, count(*)::int AS n FROM "${name}"`).join(' UNION ALL '),
  );
  return Object.fromEntries(rows.map(({ name, n }) => [name, n]));
}

describe('SEED_DEMO_DATA=synthetic on an empty database (what npm start calls)', () => {
  let db: TestDatabase;
  let message: string;

  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
    await db.migrate();
    const result = await seedDemoData(db.dataSource, 'synthetic');
    expect(result.loaded).toBe(true);
    message = result.message;
  }, 300_000);

  afterAll(async () => {
    await db?.drop();
  });

  it('says in the start log that the world is synthetic', () => {
    expect(message).toMatch(/^loaded the synthetic demo world \(benchmark generator, size small, seed \d+, version \d+; not real data\): /);
    expect(message).toMatch(/area \d+/);
  });

  it("loads the generator's small world with a boundary for every area, labelled synthetic", async () => {
    const areas = await one<{ n: number; bounded: number; described: number; municipalities: number }>(
      db.dataSource,
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE boundary->>'type' = 'Polygon' AND jsonb_array_length(boundary->'coordinates'->0) >= 4)::int AS bounded,
              count(*) FILTER (WHERE description = $2)::int AS described, count(*) FILTER (WHERE level = 'MUNICIPALITY')::int AS municipalities
         FROM area WHERE source = $1`,
      [GENERATED_SOURCE, SYNTHETIC_DESCRIPTION],
    );
    const { municipalities, districts, neighbourhoods } = PRESETS.small;
    expect(areas).toEqual({ n: municipalities + districts + neighbourhoods, bounded: areas.n, described: areas.n, municipalities: 1 });
    expect(await one(db.dataSource, `SELECT count(*)::int AS n FROM area`)).toEqual({ n: areas.n });
    const [municipality] = await db.dataSource.query(`SELECT name, boundary FROM area WHERE level = 'MUNICIPALITY'`);
    expect(municipality.name.endsWith(` ${SYNTHETIC_LABEL}`)).toBe(true);
    expect(SYNTHETIC_DESCRIPTION).toMatch(/^Synthetisch gebied: .*geen echte gegevens/);
    // A closed ring of [longitude, latitude] pairs in the Netherlands.
    const ring: number[][] = municipality.boundary.coordinates[0];
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(ring.every(([lon, lat]) => lon > 3 && lon < 8 && lat > 50 && lat < 54)).toBe(true);
    // None of the book's world: no Amersfoort areas or organisations.
    expect(await one(db.dataSource, `SELECT count(*)::int AS n FROM organisation WHERE source IS DISTINCT FROM $1`, [GENERATED_SOURCE])).toEqual({ n: 0 });
  });

  it('has locations with positions inside their neighbourhoods’ surroundings', async () => {
    const located = await one<{ n: number; placed: number }>(
      db.dataSource,
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE latitude IS NOT NULL AND longitude IS NOT NULL)::int AS placed FROM location`,
    );
    expect(located.placed).toBeGreaterThan(0);
    expect(located.placed).toBeLessThan(located.n); // some without a position, for the map's "not placed" count
  });

  it('has key figures of two years and more per indicator and area, so trends appear', async () => {
    const series = await one<{ pairs: number; trended: number; indicators: number }>(
      db.dataSource,
      `SELECT count(*)::int AS pairs, count(*) FILTER (WHERE years >= 2)::int AS trended, count(DISTINCT indicator_id)::int AS indicators
         FROM (SELECT area_id, indicator_id, count(DISTINCT year) AS years FROM key_figure GROUP BY 1, 2) AS s`,
    );
    expect(series.pairs).toBeGreaterThan(0);
    expect(series.trended).toBe(series.pairs);
    expect(series.indicators).toBe(PRESETS.small.indicators);
    // On the Amersfoort reference data: the clean names of its indicators, target groups with need indicators.
    expect(await one(db.dataSource, `SELECT name_nl FROM indicator WHERE code = 'pct_age_65_plus'`)).toEqual({ name_nl: 'Inwoners van 65 jaar en ouder (%)' });
    expect((await one<{ n: number }>(db.dataSource, `SELECT count(*)::int AS n FROM target_group WHERE need_indicator_id IS NOT NULL`)).n).toBeGreaterThan(0);
  });

  it('loads nothing a second time, and refuses the Amersfoort data on it without writing', async () => {
    const before = await tableCounts(db.dataSource);
    expect(await seedDemoData(db.dataSource, 'synthetic')).toMatchObject({ loaded: false, message: expect.stringMatching(/^database already holds data/) });
    const refusal = seedDemoData(db.dataSource, 'amersfoort');
    await expect(refusal).rejects.toThrow(DemoDataConflict);
    await expect(refusal).rejects.toThrow(/SEED_DEMO_DATA=amersfoort, but the database already holds the synthetic demo world/);
    expect(await tableCounts(db.dataSource)).toEqual(before);
  });
});

describe('SEED_DEMO_DATA on a database that holds the Amersfoort data', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('refuses the synthetic world without writing, and leaves the Amersfoort data as it is', async () => {
    const before = await tableCounts(db.dataSource);
    await expect(seedDemoData(db.dataSource, 'synthetic')).rejects.toThrow(
      /^SEED_DEMO_DATA=synthetic, but the database already holds the Amersfoort 2009 demo data; the two demo worlds are not mixed/,
    );
    expect(await seedDemoData(db.dataSource, 'amersfoort')).toMatchObject({ loaded: false });
    expect(await seedDemoData(db.dataSource, 'none')).toMatchObject({ loaded: false, message: 'SEED_DEMO_DATA=none: no demo data loaded' });
    expect(await tableCounts(db.dataSource)).toEqual(before);
  });
});
