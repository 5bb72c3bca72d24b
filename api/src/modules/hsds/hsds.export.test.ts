import fs from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { type TestApp, TEST_PASSWORD, createTestUsers, startTestApp } from '../../test/app';
import type { ImportReport } from './hsds.import';
import { TABLES } from './hsds.export';

/*
 * The bulk publication (hsds.export.ts): the Amersfoort demo data plus the official examples,
 * exported as one JSON document, as the CSV data package and as its zip; every record valid
 * against the official schemas, the tables in the official layout, and each form read back in
 * by the import unchanged (import → export → import).
 */

const FIXTURES = path.join(__dirname, 'fixtures', 'hsds-3.0');
const SCHEMA_BASE = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/';
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));

function validators() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const name of ['compiled/organization', 'compiled/service', 'compiled/service_at_location', 'taxonomy', 'taxonomy_term', 'metadata']) {
    ajv.addSchema(readJson(`schema/${name}.json`), `${SCHEMA_BASE}${name}.json`);
  }
  const item = (name: string) => ajv.getSchema(`${SCHEMA_BASE}${name}.json`)!;
  return { organizations: item('compiled/organization'), services: item('compiled/service'), service_at_locations: item('compiled/service_at_location'), taxonomies: item('taxonomy'), taxonomy_terms: item('taxonomy_term') };
}

/** The files of a zip archive, read from its local headers. */
function unzip(archive: Buffer): Record<string, string> {
  const files: Record<string, string> = {};
  for (let at = 0; archive.readUInt32LE(at) === 0x04034b50; ) {
    const size = archive.readUInt32LE(at + 18);
    const nameLength = archive.readUInt16LE(at + 26);
    const start = at + 30 + nameLength + archive.readUInt16LE(at + 28);
    files[archive.subarray(at + 30, at + 30 + nameLength).toString('utf8')] = inflateRawSync(archive.subarray(start, start + size)).toString('utf8');
    at = start + size;
  }
  return files;
}

/**
 * The app runs in this process: long synchronous work here (validating every record) holds its
 * event loop too, and a kept-alive socket it closes meanwhile would meet the next request
 * (ECONNRESET). A moment idle lets the close land first, so the next request opens a new socket.
 */
const idle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe('HSDS bulk publication export', () => {
  let t: TestApp;
  let admin: string;
  const post = async (endpoint: string, body: unknown): Promise<ImportReport> => {
    const response = await fetch(`${t.url}/hsds${endpoint}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: admin }, body: JSON.stringify(body) });
    const report = (await response.json()) as ImportReport;
    if (response.status !== 200) throw new Error(`${endpoint}: HTTP ${response.status} ${JSON.stringify(report)}`);
    return report;
  };
  const expectUnchanged = (report: ImportReport, label: string) => {
    const changed = report.records.filter((record) => record.outcome !== 'unchanged');
    if (changed.length > 0) throw new Error(`${label}: ${JSON.stringify(changed.slice(0, 5), null, 1)}`);
    expect(report.totals.records).toBeGreaterThan(100);
  };

  beforeAll(async () => {
    t = await startTestApp();
    const users = await createTestUsers(t.db);
    admin = await t.login(users.admin, TEST_PASSWORD);
    // The official examples bring schedules, phones and a service area's worth of fields along.
    for (const file of ['organization_full.json', 'service_full.json']) expect((await post('/import', readJson(`examples/${file}`))).totals.rejected).toBe(0);
  });
  afterAll(() => t?.close());

  it('exports the whole publication as one JSON document, every record valid, read back in unchanged', async () => {
    const totals: Record<string, number> = {};
    for (const [list, endpoint] of [
      ['organizations', '/organizations'],
      ['services', '/services'],
      ['service_at_locations', '/service_at_locations'],
    ]) {
      totals[list] = ((await (await fetch(`${t.url}/hsds${endpoint}?per_page=1`)).json()) as any).total_items;
    }
    const response = await fetch(`${t.url}/hsds/export.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const publication: any = await response.json();
    const v: Record<string, ValidateFunction> = validators();
    for (const list of ['organizations', 'services', 'service_at_locations', 'taxonomies', 'taxonomy_terms']) {
      expect(publication[list].length).toBeGreaterThan(0);
      for (const item of publication[list]) if (!v[list](item)) throw new Error(`${list} ${item.id}: ${JSON.stringify(v[list].errors?.slice(0, 3))}`);
    }
    // Complete: as many as the list endpoints count.
    for (const list of Object.keys(totals)) expect([list, publication[list].length]).toEqual([list, totals[list]]);
    const service = publication.services.find((item: any) => item.id === 'ac148810-d857-441c-9679-408f346de14b');
    expect(service.schedules).toHaveLength(1);
    expect(service.phones).toHaveLength(1);
    await idle();
    expectUnchanged(await post('/import', publication), 'JSON export read back');
  });

  it('exports the CSV data package in the official layout, as JSON and as a zip, read back in unchanged', async () => {
    const response = await fetch(`${t.url}/hsds/export/csv`);
    expect(response.status).toBe(200);
    const files = (await response.json()) as Record<string, any>;
    // Each table has the columns of the specification's own examples/csv file, in that order.
    for (const table of Object.keys(TABLES)) {
      const official = fs.readFileSync(path.join(FIXTURES, 'examples', 'csv', table), 'utf8').split(/\r?\n/)[0];
      expect([table, files[table].split('\n')[0]]).toEqual([table, official]);
    }
    expect(files['datapackage.json'].resources.map((resource: any) => resource.path)).toEqual(Object.keys(TABLES));
    expect(files['schedules.csv'].split('\n').filter(Boolean).length).toBeGreaterThan(1);
    expect(files['services.csv'].split('\n').filter(Boolean).length).toBeGreaterThan(10);

    await idle();
    const report = await post('/import/csv', files);
    expect(report.warnings).toEqual([]);
    expectUnchanged(report, 'CSV package read back');

    await idle();
    const zipped = await fetch(`${t.url}/hsds/export.zip`);
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get('content-type')).toBe('application/zip');
    const archive = unzip(Buffer.from(await zipped.arrayBuffer()));
    expect(Object.keys(archive).sort()).toEqual(Object.keys(files).sort());
    for (const table of Object.keys(TABLES)) expect(archive[table]).toBe(files[table]);
    expect(JSON.parse(archive['datapackage.json'])).toEqual(files['datapackage.json']);
    expectUnchanged(await post('/import/csv', archive), 'zip read back');
  });
});
