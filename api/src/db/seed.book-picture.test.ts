import fs from 'node:fs';
import path from 'node:path';
import { type TestApp, dataOf, startTestApp } from '../test/app';

/**
 * The demo data tell the book's story ("Schakels in de Buurt"): every project is classified to
 * the book's intervention types where the book says what it does (db/data/amersfoort-2009-
 * classification.json, each entry with its section), the districts carry the history the book
 * gives (§3.1, §4.1, §5.1; the wijkkaart's 1.1), and the Eetclub (§4.6) has its organisation and
 * its location, woonzorgcentrum Nijenstede.
 */
interface Classification {
  classification: Array<{ project: string; interventionTypes: string[]; source: string; basis: string }>;
  unclassified: Array<{ project: string; source: string; reason: string }>;
}
interface DataSet {
  districts: Array<{ slug: string; history?: string; historySource?: string }>;
  projects: Array<{ slug: string; neighbourhoods: string[] | null }>;
  interventionTypes: Array<{ slug: string; exampleInBook?: string | null }>;
}

const dataDir = path.join(__dirname, '../../../db/data');
const data: DataSet = JSON.parse(fs.readFileSync(path.join(dataDir, 'amersfoort-2009.json'), 'utf8'));
const classification: Classification = JSON.parse(fs.readFileSync(path.join(dataDir, 'amersfoort-2009-classification.json'), 'utf8'));

/** A section of the book, or several separated by "; " (the data set's convention). */
const SECTIONS = /^(\d+\.\d+|Afkortingen)( [A-Z])?(; (\d+\.\d+|Afkortingen)( [A-Z])?)*$/;

const MATRIX = `query($area: String!) {
  neighbourhoodView(area: $area) {
    coverage {
      serviceCount withoutBasicFunction
      basicFunctions { code }
      rows { targetGroup { code } total { services { slug } } cells { status services { slug } } unclassified { services { slug } } }
    }
  }
}`;

describe('the classification file', () => {
  const projects = new Set(data.projects.map((p) => p.slug));
  const types = new Set(data.interventionTypes.map((t) => t.slug));

  it('points every entry at an existing project and existing intervention types, with a section and a basis', () => {
    expect(classification.classification.length).toBeGreaterThan(0);
    for (const entry of classification.classification) {
      expect({ project: entry.project, known: projects.has(entry.project) }).toEqual({ project: entry.project, known: true });
      expect(entry.interventionTypes.length).toBeGreaterThan(0);
      for (const type of entry.interventionTypes) expect({ project: entry.project, type, known: types.has(type) }).toEqual({ project: entry.project, type, known: true });
      expect(entry.source).toMatch(SECTIONS);
      expect(entry.basis.trim().length).toBeGreaterThan(20);
    }
  });

  it('lists every one of the 39 projects exactly once, classified or unclassified with a reason', () => {
    const listed = [...classification.classification.map((e) => e.project), ...classification.unclassified.map((e) => e.project)];
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual([...projects].sort());
    expect(projects.size).toBe(39);
    for (const entry of classification.unclassified) {
      expect(entry.source).toMatch(SECTIONS);
      expect(entry.reason.trim().length).toBeGreaterThan(20);
    }
  });

  it("keeps the intervention types' own examples in the book (exampleInBook)", () => {
    const byProject = new Map(classification.classification.map((e) => [e.project, e.interventionTypes]));
    const examples = data.interventionTypes.filter((t) => t.exampleInBook && projects.has(t.exampleInBook));
    expect(examples.map((t) => t.slug).sort()).toEqual(['activerende-huisbezoeken', 'maatjesproject', 'vriendschapsbemiddeling']);
    for (const type of examples) expect(byProject.get(type.exampleInBook!)).toContain(type.slug);
  });
});

describe('the seeded demo data tell the book\'s story', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('links every classified project to exactly its intervention types', async () => {
    const rows: Array<{ project: string; type: string }> = await t.db.dataSource.query(
      `SELECT s.slug AS project, it.code AS type
         FROM service_intervention_type sit
         JOIN service s ON s.id = sit.service_id
         JOIN intervention_type it ON it.id = sit.intervention_type_id
        ORDER BY 1, 2`,
    );
    const expected = classification.classification
      .flatMap((e) => e.interventionTypes.map((type) => ({ project: e.project, type })))
      .sort((a, b) => a.project.localeCompare(b.project, 'en') || a.type.localeCompare(b.type, 'en'));
    expect(rows.sort((a, b) => a.project.localeCompare(b.project, 'en') || a.type.localeCompare(b.type, 'en'))).toEqual(expected);
    const unclassified: Array<{ slug: string }> = await t.db.dataSource.query(
      `SELECT s.slug FROM service s WHERE NOT EXISTS (SELECT 1 FROM service_intervention_type sit WHERE sit.service_id = s.id) ORDER BY s.slug`,
    );
    expect(unclassified.map((r) => r.slug)).toEqual(classification.unclassified.map((e) => e.project).sort());
    // The compiler's basis is kept with the service, with the section.
    const [eetclub]: Array<{ note: string }> = await t.db.dataSource.query(`SELECT note FROM service WHERE slug = 'eetclub'`);
    expect(eetclub.note).toContain('Interventietypen (indeling samensteller, boek §4.6): ‘Aanschuif-eettafel’');
  });

  it("fills Randenbroek-Schuilenburg's matrix rows for the services the book describes (§4.4–§4.6)", async () => {
    const { coverage } = dataOf(await t.gql(MATRIX, { area: 'randenbroek-schuilenburg' })).neighbourhoodView;
    const codes: string[] = coverage.basicFunctions.map((fn: { code: string }) => fn.code);
    const row = (code: string) => coverage.rows.find((r: any) => r.targetGroup.code === code);
    const cell = (group: string, fn: string) => row(group).cells[codes.indexOf(fn)].services.map((s: { slug: string }) => s.slug).sort();

    // 10 of the district's 15 services have a basic function (before the classification: Sensor and
    // Vriendschapsbemiddeling 55+); the 5 others are the project itself, two studies and the two clubs (§4.6).
    expect([coverage.serviceCount, coverage.withoutBasicFunction]).toEqual([15, 5]);

    const isolated = 'kwetsbare-ouderen-sociaal-isolement';
    expect(cell(isolated, 'signaleren')).toEqual(['asis', 'wijkinformatiepunt-activiteit']);
    expect(cell(isolated, 'informeren')).toEqual(['asis', 'wijkinformatiepunt-activiteit']);
    expect(cell(isolated, 'regisseren-coordineren')).toEqual(['wijkinformatiepunt-activiteit']);
    expect(cell(isolated, 'activeren')).toEqual(['eetclub', 'sensor', 'vriendschapsbemiddeling-55plus', 'weer-naar-school', 'wijkinformatiepunt-activiteit']);
    expect(cell(isolated, 'infrastructuur')).toEqual(['eetclub', 'pannenkoekendag-basisschool', 'vriendschapsbemiddeling-55plus']);
    expect(cell(isolated, 'kennis-verzamelen')).toEqual(['digitale-sociale-kaart-senioren']);
    expect(cell(isolated, 'analyseren')).toEqual(['asis']);
    expect(cell('laaggeletterde-senioren', 'activeren')).toEqual(['weer-naar-school']);
    expect(cell('ouderen-beginnende-psychische-problematiek', 'signaleren')).toEqual(['wel-thuis']);
    expect(cell('alleenstaande-ouderen', 'infrastructuur')).toEqual(['eetclub']);

    // What stays unclassified in the row is what the book does not describe as a service (listed with a reason).
    const unclassifiedInRow = row(isolated).unclassified.services.map((s: { slug: string }) => s.slug).sort();
    expect(unclassifiedInRow).toEqual(['gezondheidsmonitor-senioren', 'hu-studentenonderzoek-eenzaamheid', 'schakels-in-de-buurt']);
    const listed = new Set(classification.unclassified.map((e) => e.project));
    expect(unclassifiedInRow.length).toBeGreaterThan(0);
    for (const slug of unclassifiedInRow) expect({ slug, listed: listed.has(slug) }).toEqual({ slug, listed: true });
  });

  it('loads the Eetclub (§4.6) with its organisation and its location, Nijenstede', async () => {
    const [eetclub]: Array<{ provider: string; partners: string[]; locations: string[]; location_area: string; areas: string[]; groups: string[] }> =
      await t.db.dataSource.query(
        `SELECT o.slug AS provider,
                ARRAY(SELECT po.slug FROM service_partner sp JOIN organisation po ON po.id = sp.organisation_id WHERE sp.service_id = s.id ORDER BY po.slug) AS partners,
                ARRAY(SELECT l.slug FROM service_location sl JOIN location l ON l.id = sl.location_id WHERE sl.service_id = s.id) AS locations,
                (SELECT a.slug FROM service_location sl JOIN location l ON l.id = sl.location_id JOIN area a ON a.id = l.area_id WHERE sl.service_id = s.id) AS location_area,
                ARRAY(SELECT a.slug FROM service_area sa JOIN area a ON a.id = sa.area_id WHERE sa.service_id = s.id) AS areas,
                ARRAY(SELECT g.code FROM service_target_group st JOIN target_group g ON g.id = st.target_group_id WHERE st.service_id = s.id ORDER BY g.code) AS groups
           FROM service s LEFT JOIN organisation o ON o.id = s.organisation_id
          WHERE s.slug = 'eetclub'`,
      );
    expect(eetclub).toEqual({
      provider: 'beweging-3-0',
      partners: ['ravelijn', 'swa'],
      locations: ['nijenstede'],
      location_area: 'randenbroek-schuilenburg',
      areas: ['randenbroek-schuilenburg'],
      groups: ['alleenstaande-ouderen', 'kwetsbare-ouderen-sociaal-isolement'],
    });
    const [nijenstede]: Array<{ kind: string }> = await t.db.dataSource.query(`SELECT kind FROM location WHERE slug = 'nijenstede'`);
    expect(nijenstede.kind).toBe('woonzorgcentrum');
  });

  it("gives every district the history the book tells (§3.1, §4.1, §5.1), cited, and shows it as the wijkkaart's 1.1", async () => {
    const rows: Array<{ slug: string; history: string | null }> = await t.db.dataSource.query(
      `SELECT slug, history FROM area WHERE level = 'DISTRICT' ORDER BY slug`,
    );
    expect(rows.map((r) => r.slug)).toEqual(['kruiskamp-koppel', 'randenbroek-schuilenburg', 'schothorst']);
    const cited: Record<string, string> = { 'kruiskamp-koppel': '§3.1', 'randenbroek-schuilenburg': '§4.1, §4.4', schothorst: '§5.1' };
    for (const row of rows) {
      expect(row.history).toMatch(new RegExp(`\\n\\n\\(Schakels in de Buurt, ${cited[row.slug]}\\)$`));
      expect(row.history!.length).toBeGreaterThan(300);
    }
    expect(rows[0].history).toContain('Vogelaarwijken');
    expect(rows[1].history).toContain('Tweede Wereldoorlog');
    expect(rows[2].history).toContain('tussen 1970 en 1986');

    const page = await (await fetch(`${t.url}/reports/wijkkaart/randenbroek-schuilenburg`)).text();
    const section = page.slice(page.indexOf('1.1 Geschiedenis van de wijk'), page.indexOf('1.2 '));
    expect(section).toContain('de grootste uitbreiding, met flatgebouwen en eengezinswoningen, volgde vlak na de Tweede Wereldoorlog');
    expect(section).toContain('<p>(Schakels in de Buurt, §4.1, §4.4)</p>');
  });
});
