import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { type TestApp, TEST_PASSWORD, createTestUsers, startTestApp } from '../../test/app';
import type { ImportReport } from './hsds.import';

/*
 * HSDS service areas → Schakel's areas (hsds.import.map.areas.ts): by the row id of our own
 * export, by CBS code, by a name only one area has; the rest noted and not kept. An imported
 * service then serves its areas, so the neighbourhood's service list shows it.
 */

const FIXTURES = path.join(__dirname, 'fixtures', 'hsds-3.0');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));

describe('HSDS import: service areas matched to areas', () => {
  let t: TestApp;
  let admin: string;
  const sql = <T = any>(query: string, params: unknown[] = []): Promise<T[]> => t.db.dataSource.query(query, params);
  const ids: Record<string, string> = {};

  const importJson = async (document: unknown, dryRun = false): Promise<ImportReport> => {
    const response = await fetch(`${t.url}/hsds/import?dryRun=${dryRun}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify(document),
    });
    const body = (await response.json()) as ImportReport;
    if (response.status !== 200) throw new Error(`import: HTTP ${response.status} ${JSON.stringify(body)}`);
    return body;
  };
  const areasOf = async (serviceId: string) =>
    (await sql<{ ref: string }>(`SELECT coalesce(a.code, a.slug) AS ref FROM service_area sa JOIN area a ON a.id = sa.area_id WHERE sa.service_id = $1 ORDER BY 1`, [serviceId])).map(
      (row) => row.ref,
    );
  const serviceOf = (id: string, serviceAreas: unknown[]) => {
    const document = readJson('examples/service_full.json');
    return { ...document, id, name: `Buurtdienst ${id.slice(0, 8)}`, service_areas: serviceAreas };
  };
  const noteOf = (report: ImportReport, id: string) => report.records.find((record) => record.type === 'service' && record.id === id)?.notes ?? [];

  beforeAll(async () => {
    t = await startTestApp();
    const users = await createTestUsers(t.db);
    admin = await t.login(users.admin, TEST_PASSWORD);
    // A second municipality with a neighbourhood whose name Amersfoort has too (Randenbroek), and one of its own.
    const [gm] = await sql(`INSERT INTO area (code, slug, name, level) VALUES ('GM9901', 'gm-ander', 'Anderdam', 'MUNICIPALITY') RETURNING id`);
    const [wk] = await sql(`INSERT INTO area (code, slug, name, level, parent_id) VALUES ('WK990101', 'wk-ander', 'Anderdam-Noord', 'DISTRICT', $1) RETURNING id`, [gm.id]);
    await sql(`INSERT INTO area (code, slug, name, level, parent_id) VALUES ('BU99010101', 'bu-ander-randenbroek', 'Randenbroek', 'NEIGHBOURHOOD', $1)`, [wk.id]);
    await sql(`INSERT INTO area (code, slug, name, level, parent_id, alternative_names) VALUES ('BU99010102', 'bu-ander-haven', 'Oude Haven', 'NEIGHBOURHOOD', $1, '{De Haven}')`, [wk.id]);
    for (const row of await sql(`SELECT id, slug FROM area`)) ids[row.slug] = row.id;
  });
  afterAll(() => t?.close());

  it('matches by CBS code, by a unique name or alternative name, and notes what it cannot match', async () => {
    const serviceId = randomUUID();
    const document = serviceOf(serviceId, [
      { id: randomUUID(), service_id: serviceId, name: 'BU99010101' }, // the code as name
      { id: randomUUID(), service_id: serviceId, name: 'Noord', description: 'Heel de wijk (CBS WK990101)' }, // the code in the description
      { id: randomUUID(), service_id: serviceId, name: '  de   haven ' }, // an alternative name, case and spacing aside
      { id: randomUUID(), service_id: serviceId, name: 'Randenbroek' }, // two areas have this name: no match
      { id: randomUUID(), service_id: serviceId, name: 'MyCity' }, // no area
    ]);
    delete document.service_at_locations;

    const dry = await importJson({ services: [document] }, true);
    expect(dry.totals).toMatchObject({ created: expect.any(Number), rejected: 0 });
    expect(await areasOf(serviceId)).toEqual([]);

    const report = await importJson({ services: [document] });
    expect(report.totals.rejected).toBe(0);
    expect(await areasOf(serviceId)).toEqual(['BU99010101', 'BU99010102', 'WK990101']);
    const notes = noteOf(report, serviceId).join('\n');
    expect(notes).toContain('"Randenbroek" is the name of 2 areas');
    expect(notes).toContain('"MyCity" matches no area');

    // The link rows keep the publication's ids; the service now serves the neighbourhood (and the district's).
    const rows = await sql(`SELECT id FROM service_area WHERE service_id = $1 ORDER BY id`, [serviceId]);
    expect(rows.map((row) => row.id).sort()).toEqual([document.service_areas[0].id, document.service_areas[1].id, document.service_areas[2].id].sort());
    const served = await t.gql<{ services: { edges: Array<{ node: { id: string } }> } }>(`{ services(area: "BU99010101", first: 100) { edges { node { id } } } }`);
    expect(served.body.errors).toBeUndefined();
    expect(served.body.data!.services.edges.map((edge) => edge.node.id)).toContain(serviceId);

    // Its history records the areas with the service (one entry, via hsds-import).
    const history = await sql(`SELECT action, via, changes FROM change_record WHERE entity_id = $1`, [serviceId]);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: 'CREATE', via: 'hsds-import' });
    expect(JSON.stringify(history[0].changes)).toContain(ids['bu-ander-haven']);

    // The same publication again changes nothing.
    const again = await importJson({ services: [document] });
    expect(again.records.find((record) => record.id === serviceId)?.outcome).toBe('unchanged');

    // Our own export reads back in unchanged (matched by row id), and a changed list replaces the set.
    const exported: any = await (await fetch(`${t.url}/hsds/services/${serviceId}`)).json();
    expect(exported.service_areas.map((area: any) => area.name).sort()).toEqual(['Anderdam-Noord', 'Oude Haven', 'Randenbroek']);
    expect((await importJson({ services: [exported] })).records.find((record) => record.id === serviceId)?.outcome).toBe('unchanged');
    const fewer = { ...exported, service_areas: exported.service_areas.filter((area: any) => area.name === 'Oude Haven') };
    expect((await importJson({ services: [fewer] })).records.find((record) => record.id === serviceId)?.outcome).toBe('updated');
    expect(await areasOf(serviceId)).toEqual(['BU99010102']);
  });

  it('keeps a service\'s areas when none of the listed ones match, and drops them for an empty list', async () => {
    const serviceId = randomUUID();
    await importJson({ services: [{ ...serviceOf(serviceId, [{ id: randomUUID(), service_id: serviceId, name: 'GM9901' }]), service_at_locations: [] }] });
    expect(await areasOf(serviceId)).toEqual(['GM9901']);

    const foreign = await importJson({ services: [{ ...serviceOf(serviceId, [{ id: randomUUID(), service_id: serviceId, name: 'MyRegion' }]), service_at_locations: [] }] });
    expect(noteOf(foreign, serviceId).join('\n')).toContain('the service keeps the areas it has');
    expect(await areasOf(serviceId)).toEqual(['GM9901']);

    await importJson({ services: [{ ...serviceOf(serviceId, []), service_at_locations: [] }] });
    expect(await areasOf(serviceId)).toEqual([]);
  });

  it('does not match an archived area', async () => {
    await sql(`UPDATE area SET archived_at = now() WHERE code = 'BU99010102'`);
    const serviceId = randomUUID();
    const report = await importJson({ services: [{ ...serviceOf(serviceId, [{ id: randomUUID(), service_id: serviceId, name: 'Oude Haven' }]), service_at_locations: [] }] });
    expect(noteOf(report, serviceId).join('\n')).toContain('"Oude Haven" matches no area');
    expect(await areasOf(serviceId)).toEqual([]);
    await sql(`UPDATE area SET archived_at = NULL WHERE code = 'BU99010102'`);
  });
});
