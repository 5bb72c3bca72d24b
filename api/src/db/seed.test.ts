import fs from 'node:fs';
import path from 'node:path';
import { seedAmersfoort, type SeedReport } from '@schakel/db';
import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../test/database';

/** The data set itself: expectations are computed from it wherever it defines a count. */
interface DataSet {
  municipality: { slug: string; otherNeighbourhoodsMentioned: Array<{ name: string }> };
  districts: Array<{ slug: string; neighbourhoods: Array<{ slug: string }> }>;
  keyFigures: {
    columnDefinitions: Record<string, string>;
    tableRecords: Array<Record<string, unknown>>;
    otherFacts: Array<{ indicator: string; neighbourhood: string | null }>;
  };
  meta: { basicFunctionsOfSwitchTeam: { functions: unknown[] } };
  organisations: unknown[];
  facilities: unknown[];
  projects: unknown[];
  networks: Array<{ slug: string; members: unknown[] | null }>;
  interventionTypes: unknown[];
  targetGroups: unknown[];
  keyPersonRoles: unknown[];
}

const data: DataSet = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../../db/data/amersfoort-2009.json'), 'utf8'),
);

const TABLE_INDICATOR_CODES = [
  'population',
  'pct_age_0_to_19',
  'pct_age_20_to_64',
  'pct_age_65_plus',
  'pct_non_western_migrants',
  'dwellings',
  'pct_owner_occupied',
  'pct_rented',
  'unemployment_pct',
  'avg_disposable_income_per_household_eur',
  'social_quality_rating',
];

async function count(dataSource: DataSource, sql: string, params: unknown[] = []): Promise<number> {
  const rows: Array<{ n: number }> = await dataSource.query(`SELECT count(*)::int AS n FROM (${sql}) AS q`, params);
  return rows[0].n;
}

/** Row count of every table of the schema (the migrations table aside). */
async function tableCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const tables: Array<{ name: string }> = await dataSource.query(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migration'
      ORDER BY table_name`,
  );
  const rows: Array<{ name: string; n: number }> = await dataSource.query(
    tables.map(({ name }) => `SELECT '${name}' AS name, count(*)::int AS n FROM "${name}"`).join(' UNION ALL '),
  );
  return Object.fromEntries(rows.map(({ name, n }) => [name, n]));
}

describe('seedAmersfoort on an empty, migrated database', () => {
  let db: TestDatabase;
  let report: SeedReport;
  let countsBeforeSeed: Record<string, number>;
  let countsAfterRollback: Record<string, number>;
  let rollbackError: unknown;

  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
    await db.migrate();
    // What the migrations themselves write (the curated search synonyms' starting list).
    countsBeforeSeed = await tableCounts(db.dataSource);
    // The seed writes only through the manager it is given: a failed transaction leaves nothing.
    try {
      await db.dataSource.transaction(async (manager) => {
        await seedAmersfoort(manager);
        throw new Error('roll back on purpose');
      });
    } catch (error) {
      rollbackError = error;
    }
    countsAfterRollback = await tableCounts(db.dataSource);
    report = await db.dataSource.transaction((manager) => seedAmersfoort(manager));
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('leaves nothing behind when its transaction rolls back', () => {
    expect((rollbackError as Error).message).toBe('roll back on purpose');
    expect(countsAfterRollback).toEqual(countsBeforeSeed);
    // Only reference data of the migrations is there; nothing of the map.
    expect(Object.entries(countsBeforeSeed).filter(([, n]) => n > 0).map(([name]) => name).sort()).toEqual(['search_synonym', 'search_synonym_term']);
  });

  it('reports what it inserted, matching the row counts', async () => {
    expect(report.loaded).toBe(true);
    const counts = await tableCounts(db.dataSource);
    for (const [table, inserted] of Object.entries(report.counts)) {
      expect({ table, rows: counts[table] }).toEqual({ table, rows: inserted });
    }
    expect(counts.key_person).toBe(0);
    expect(counts.referral).toBe(0);
  });

  it('builds the area tree Amersfoort > 3 districts > 6 neighbourhoods, plus the neighbourhoods mentioned in passing', async () => {
    const municipality: Array<{ id: string; parent_id: string | null; level: string }> = await db.dataSource.query(
      `SELECT id, parent_id, level FROM area WHERE slug = $1`,
      [data.municipality.slug],
    );
    expect(municipality).toEqual([expect.objectContaining({ parent_id: null, level: 'MUNICIPALITY' })]);

    const districts: Array<{ slug: string; parent: string; level: string }> = await db.dataSource.query(
      `SELECT a.slug, p.slug AS parent, a.level FROM area a JOIN area p ON p.id = a.parent_id
        WHERE a.level = 'DISTRICT' ORDER BY a.slug`,
    );
    expect(districts).toEqual(
      data.districts
        .map((district) => ({ slug: district.slug, parent: data.municipality.slug, level: 'DISTRICT' }))
        .sort((a, b) => a.slug.localeCompare(b.slug)),
    );

    const neighbourhoods: Array<{ slug: string; parent: string }> = await db.dataSource.query(
      `SELECT a.slug, p.slug AS parent FROM area a JOIN area p ON p.id = a.parent_id
        WHERE a.level = 'NEIGHBOURHOOD' AND p.level = 'DISTRICT' ORDER BY a.slug`,
    );
    expect(neighbourhoods).toEqual(
      data.districts
        .flatMap((district) => district.neighbourhoods.map((n) => ({ slug: n.slug, parent: district.slug })))
        .sort((a, b) => a.slug.localeCompare(b.slug)),
    );
    const tree = 1 + data.districts.length + data.districts.reduce((sum, d) => sum + d.neighbourhoods.length, 0);
    expect(tree).toBe(10);

    const mentioned = data.municipality.otherNeighbourhoodsMentioned;
    const extra: Array<{ name: string }> = await db.dataSource.query(
      `SELECT a.name FROM area a JOIN area p ON p.id = a.parent_id
        WHERE a.level = 'NEIGHBOURHOOD' AND p.slug = $1 ORDER BY a.name`,
      [data.municipality.slug],
    );
    expect(extra.map((row) => row.name)).toEqual(mentioned.map((m) => m.name).sort());
    expect(await count(db.dataSource, `SELECT 1 FROM area`)).toBe(tree + mentioned.length);
    expect(await count(db.dataSource, `SELECT 1 FROM area WHERE code IS NOT NULL`)).toBe(0);
  });

  it('loads one key figure per non-null value of the 18 table records', async () => {
    const columns = Object.keys(data.keyFigures.columnDefinitions);
    expect(columns).toHaveLength(TABLE_INDICATOR_CODES.length);
    expect(data.keyFigures.tableRecords).toHaveLength(18);
    const expected = data.keyFigures.tableRecords.reduce(
      (sum, record) => sum + columns.filter((column) => record[column] !== null && record[column] !== undefined).length,
      0,
    );
    expect(
      await count(
        db.dataSource,
        `SELECT 1 FROM key_figure k JOIN indicator i ON i.id = k.indicator_id
          WHERE i.code = ANY($1) AND k.source LIKE 'gemeente Amersfoort; Feiten en Cijfers 2009 (boek §_._)'`,
        [TABLE_INDICATOR_CODES],
      ),
    ).toBe(expected);
    expect(await count(db.dataSource, `SELECT 1 FROM indicator WHERE code = ANY($1)`, [TABLE_INDICATOR_CODES])).toBe(11);

    const migrants: Array<{ area: string; year: number; value: string; source: string }> = await db.dataSource.query(
      `SELECT a.slug AS area, k.year, k.value, k.source
         FROM key_figure k JOIN indicator i ON i.id = k.indicator_id JOIN area a ON a.id = k.area_id
        WHERE i.code = 'pct_non_western_migrants' AND a.slug IN ('kruiskamp', 'amersfoort')
        ORDER BY a.slug, k.source`,
    );
    expect(migrants.filter((row) => row.area === 'kruiskamp')).toEqual([
      { area: 'kruiskamp', year: 2009, value: '38.000', source: 'gemeente Amersfoort; Feiten en Cijfers 2009 (boek §3.1)' },
    ]);
    const amersfoort = migrants.filter((row) => row.area === 'amersfoort');
    expect(amersfoort.length).toBeGreaterThan(0);
    expect(amersfoort.every((row) => Number(row.value) === 14 && row.year === 2009)).toBe(true);
  });

  it('loads running-text facts only for areas of the map', async () => {
    const factFigures = await count(
      db.dataSource,
      `SELECT 1 FROM key_figure k JOIN indicator i ON i.id = k.indicator_id WHERE NOT (i.code = ANY($1))`,
      [TABLE_INDICATOR_CODES],
    );
    expect(factFigures).toBeGreaterThan(0);
    const national = data.keyFigures.otherFacts.filter((fact) => fact.neighbourhood === 'nederland').map((f) => f.indicator);
    expect(national.length).toBeGreaterThan(0);
    // Each fact indicator's description quotes the book's text; none quotes a national one.
    expect(
      await count(
        db.dataSource,
        `SELECT 1 FROM indicator i, unnest($1::text[]) AS t(text) WHERE i.description LIKE '%‘' || t.text || '’%'`,
        [national],
      ),
    ).toBe(0);
    const share75: Array<{ area: string; value: string; unit: string; name: string; description: string }> = await db.dataSource.query(
      `SELECT a.slug AS area, k.value, k.indicator_unit AS unit, i.name_nl AS name, i.description
         FROM key_figure k JOIN indicator i ON i.id = k.indicator_id JOIN area a ON a.id = k.area_id
        WHERE i.code = 'aandeel-75-plus' ORDER BY a.slug`,
    );
    expect(share75.map(({ area, value, unit }) => ({ area, value, unit }))).toEqual([
      { area: 'amersfoort', value: '5.700', unit: 'PERCENT' },
      { area: 'randenbroek', value: '10.000', unit: 'PERCENT' },
      { area: 'schuilenburg', value: '14.000', unit: 'PERCENT' },
    ]);
    expect(share75[0].name).toBe('Inwoners van 75 jaar en ouder (%)');
    expect(share75[0].description).toContain('omschrijving in het boek: ‘aandeel 75+’');
  });

  it('gives every indicator a clean Dutch name and keeps the book\'s own wording in its description', async () => {
    const indicators: Array<{ code: string; name_nl: string; description: string }> = await db.dataSource.query(
      `SELECT code, name_nl, description FROM indicator ORDER BY code`,
    );
    expect(indicators.length).toBeGreaterThan(TABLE_INDICATOR_CODES.length);
    for (const { code, name_nl: name } of indicators) {
      // Capitalised, no raw column headings ("Aantal koop (in procenten)"), no outdated terms.
      expect({ code, clean: /^[A-Z(]/.test(name) && !/in procenten|allochto|aantal (koop|huur)/i.test(name) }).toEqual({ code, clean: true });
    }
    const byCode = new Map(indicators.map((indicator) => [indicator.code, indicator]));
    for (const [column, definition] of Object.entries(data.keyFigures.columnDefinitions)) {
      const code = TABLE_INDICATOR_CODES[Object.keys(data.keyFigures.columnDefinitions).indexOf(column)];
      expect({ column, quoted: byCode.get(code)?.description.includes(`‘${definition}’`) }).toEqual({ column, quoted: true });
    }
    expect(byCode.get('pct_owner_occupied')?.name_nl).toBe('Koopwoningen (%)');
    expect(byCode.get('pct_age_65_plus')?.name_nl).toBe('Inwoners van 65 jaar en ouder (%)');
    // The current term (migratieachtergrond) as the name, the source's (allochtonen) beside it.
    const migrants = byCode.get('pct_non_western_migrants')!;
    expect(migrants.name_nl).toBe('Inwoners met een niet-westerse migratieachtergrond (%)');
    expect(migrants.description).toContain('Term van de bron: ‘niet-westerse allochtonen’');
    const origin = byCode.get('inwoners-van-niet-nederlandse-afkomst')!;
    expect(origin.name_nl).toBe('Inwoners met een migratieachtergrond (%)');
    expect(origin.description).toContain('‘inwoners van niet-Nederlandse afkomst’');
  });

  it('loads one indicator per measure: the GGD\'s 65+ shares of 2004 join the 2009 tables\' series, with their own source', async () => {
    const series: Array<{ area: string; year: number; value: string; source: string; note: string | null }> = await db.dataSource.query(
      `SELECT a.slug AS area, k.year, k.value, k.source, k.note
         FROM key_figure k JOIN indicator i ON i.id = k.indicator_id JOIN area a ON a.id = k.area_id
        WHERE i.code = 'pct_age_65_plus' AND a.slug IN ('amersfoort', 'randenbroek-schuilenburg')
        ORDER BY a.slug, k.year, k.source`,
    );
    const ggd = 'GGD Eemland, onderzoek 2004 (publicatie 2005) (boek §4.2)';
    expect(series.map(({ area, year, value, source }) => ({ area, year, value: Number(value), source }))).toEqual([
      { area: 'amersfoort', year: 2004, value: 11.4, source: ggd },
      { area: 'amersfoort', year: 2009, value: 12, source: 'gemeente Amersfoort; Feiten en Cijfers 2009 (boek §3.1)' },
      { area: 'amersfoort', year: 2009, value: 12, source: 'gemeente Amersfoort; Feiten en Cijfers 2009 (boek §4.1)' },
      { area: 'amersfoort', year: 2009, value: 12, source: 'gemeente Amersfoort; Feiten en Cijfers 2009 (boek §5.1)' },
      { area: 'randenbroek-schuilenburg', year: 2004, value: 20, source: ggd },
    ]);
    expect(series.filter((row) => row.year === 2004).every((row) => row.note?.startsWith('Omschrijving in het boek: ‘bewoners ouder dan 65 jaar’'))).toBe(true);
    // The merged text has no indicator of its own; a different measure keeps its own.
    expect(await count(db.dataSource, `SELECT 1 FROM indicator WHERE code LIKE '%ouder-dan-65%'`)).toBe(0);
    expect(await count(db.dataSource, `SELECT 1 FROM indicator WHERE code = 'inwoners-van-niet-nederlandse-afkomst'`)).toBe(1);
  });

  it('loads the social map: organisations, locations, services', async () => {
    expect(await count(db.dataSource, `SELECT 1 FROM organisation`)).toBe(data.organisations.length);
    expect(data.organisations).toHaveLength(91);
    expect(await count(db.dataSource, `SELECT 1 FROM location`)).toBe(data.facilities.length);
    expect(data.facilities).toHaveLength(24);
    expect(await count(db.dataSource, `SELECT 1 FROM service`)).toBe(data.projects.length);
    expect(data.projects).toHaveLength(39);

    const parent: Array<{ parent: string }> = await db.dataSource.query(
      `SELECT p.slug AS parent FROM organisation o JOIN organisation p ON p.id = o.parent_id WHERE o.slug = 'kenniscentrum-sociale-innovatie'`,
    );
    expect(parent).toEqual([{ parent: 'hogeschool-utrecht' }]);

    const sensor: Array<{ provider: string; intervention: string; area: string }> = await db.dataSource.query(
      `SELECT o.slug AS provider, it.code AS intervention, a.slug AS area
         FROM service s
         JOIN organisation o ON o.id = s.organisation_id
         JOIN service_intervention_type sit ON sit.service_id = s.id
         JOIN intervention_type it ON it.id = sit.intervention_type_id
         JOIN service_area sa ON sa.service_id = s.id
         JOIN area a ON a.id = sa.area_id
        WHERE s.slug = 'sensor'`,
    );
    expect(sensor).toEqual([{ provider: 'ravelijn', intervention: 'activerende-huisbezoeken', area: 'randenbroek-schuilenburg' }]);

    const website: Array<{ status: string }> = await db.dataSource.query(
      `SELECT status FROM service WHERE slug = 'website-schakelteam-schothorst'`,
    );
    expect(website).toEqual([{ status: 'DEFUNCT' }]);
  });

  it('loads 19 networks with all their members', async () => {
    expect(data.networks).toHaveLength(19);
    expect(await count(db.dataSource, `SELECT 1 FROM network`)).toBe(data.networks.length);
    const members = data.networks.reduce((sum, network) => sum + (network.members ?? []).length, 0);
    expect(await count(db.dataSource, `SELECT 1 FROM network_member`)).toBe(members);
    // CHK_network_member_who: every member names an organisation, a key person or a name.
    expect(
      await count(
        db.dataSource,
        `SELECT 1 FROM network_member WHERE organisation_id IS NULL AND key_person_id IS NULL AND organisation_name IS NULL`,
      ),
    ).toBe(0);
    const oggz: Array<{ organisation_id: string | null; organisation_name: string }> = await db.dataSource.query(
      `SELECT m.organisation_id, m.organisation_name FROM network_member m JOIN network n ON n.id = m.network_id
        WHERE n.slug = 'schakelteam-kruiskamp-koppel' AND m.organisation_name = 'OGGZ team'`,
    );
    expect(oggz).toEqual([{ organisation_id: null, organisation_name: 'OGGZ team' }]);
  });

  it('has Buurtnetwerk 55+ as a signalling network in Randenbroek-Schuilenburg with core and shell members', async () => {
    const [network]: Array<{ id: string; kind: string; meeting_interval_weeks: number; coordinator: string }> =
      await db.dataSource.query(
        `SELECT n.id, n.kind, n.meeting_interval_weeks, o.slug AS coordinator
           FROM network n LEFT JOIN organisation o ON o.id = n.coordinator_organisation_id
          WHERE n.slug = 'buurtnetwerk-55plus'`,
      );
    expect(network).toEqual(
      expect.objectContaining({ kind: 'SIGNALLING_NETWORK', meeting_interval_weeks: 6, coordinator: 'swa' }),
    );
    const tiers: Array<{ tier: string }> = await db.dataSource.query(
      `SELECT DISTINCT tier FROM network_member WHERE network_id = $1 ORDER BY tier`,
      [network.id],
    );
    expect(tiers.map((row) => row.tier)).toEqual(['CORE', 'SHELL']);
    const areas: Array<{ slug: string }> = await db.dataSource.query(
      `SELECT a.slug FROM network_area na JOIN area a ON a.id = na.area_id WHERE na.network_id = $1`,
      [network.id],
    );
    expect(areas).toEqual([{ slug: 'randenbroek-schuilenburg' }]);
  });

  it('loads the catalogues: basic functions, intervention types, target groups, key person roles', async () => {
    expect(await count(db.dataSource, `SELECT 1 FROM basic_function`)).toBe(data.meta.basicFunctionsOfSwitchTeam.functions.length);
    expect(data.meta.basicFunctionsOfSwitchTeam.functions).toHaveLength(10);
    expect(data.interventionTypes).toHaveLength(63);
    expect(await count(db.dataSource, `SELECT 1 FROM intervention_type`)).toBe(data.interventionTypes.length);
    expect(await count(db.dataSource, `SELECT 1 FROM intervention_type WHERE basic_function_id IS NULL`)).toBe(0);
    expect(data.targetGroups).toHaveLength(21);
    expect(await count(db.dataSource, `SELECT 1 FROM target_group`)).toBe(data.targetGroups.length);
    expect(data.keyPersonRoles).toHaveLength(53);
    expect(await count(db.dataSource, `SELECT 1 FROM key_person_role`)).toBe(data.keyPersonRoles.length);

    const elderly: Array<{ code: string }> = await db.dataSource.query(
      `SELECT i.code FROM target_group t JOIN indicator i ON i.id = t.need_indicator_id WHERE t.code = 'kwetsbare-ouderen-sociaal-isolement'`,
    );
    expect(elderly).toEqual([{ code: 'pct_age_65_plus' }]);
  });

  it('inserts nothing on a second run', async () => {
    const before = await tableCounts(db.dataSource);
    const second = await db.dataSource.transaction((manager) => seedAmersfoort(manager));
    expect(second.loaded).toBe(false);
    expect(Object.values(second.counts).every((n) => n === 0)).toBe(true);
    expect(await tableCounts(db.dataSource)).toEqual(before);
  });
});

describe('CHECK constraints on seeded data', () => {
  let db: TestDatabase;
  let consoleError: jest.SpyInstance;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  // The SQL logger reports every failed query on console.error; these failures are the point.
  beforeEach(() => {
    consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    consoleError.mockRestore();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('the template database is migrated and seeded', async () => {
    expect(await count(db.dataSource, `SELECT 1 FROM organisation`)).toBe(data.organisations.length);
  });

  it('rejects a percentage above 100', async () => {
    await expect(
      db.dataSource.query(
        `INSERT INTO key_figure (area_id, indicator_id, indicator_unit, year, value, source)
         SELECT a.id, i.id, i.unit, 2010, 120, 'test'
           FROM area a, indicator i WHERE a.slug = 'kruiskamp' AND i.code = 'pct_age_65_plus'`,
      ),
    ).rejects.toThrow(/CHK_key_figure_percent/);
  });

  it('rejects a key figure that claims another unit than its indicator', async () => {
    await expect(
      db.dataSource.query(
        `INSERT INTO key_figure (area_id, indicator_id, indicator_unit, year, value, source)
         SELECT a.id, i.id, 'COUNT', 2010, 120, 'test'
           FROM area a, indicator i WHERE a.slug = 'kruiskamp' AND i.code = 'pct_age_65_plus'`,
      ),
    ).rejects.toThrow(/FK_key_figure_indicator/);
  });

  it('rejects a network member with negative fte', async () => {
    await expect(
      db.dataSource.query(
        `INSERT INTO network_member (network_id, organisation_name, fte)
         SELECT id, 'test', -1 FROM network WHERE slug = 'buurtnetwerk-55plus'`,
      ),
    ).rejects.toThrow(/CHK_network_member_fte/);
  });
});
