import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { type TestApp, TEST_PASSWORD, createTestUsers, startTestApp } from '../../test/app';
import type { ImportReport } from './hsds.import';

/*
 * Opening hours, phones, url and e-mail of a service (hsds.details.ts): what a publication gives
 * is kept as far as the columns allow, the rest is named in the record's notes; the same list
 * again is unchanged, a changed one is an update with its history; the export validates.
 */

const FIXTURES = path.join(__dirname, 'fixtures', 'hsds-3.0');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));
const SCHEMA_BASE = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/';

describe('HSDS import: schedules, phones, url and e-mail', () => {
  let t: TestApp;
  let admin: string;
  const sql = <T = any>(query: string, params: unknown[] = []): Promise<T[]> => t.db.dataSource.query(query, params);
  const importJson = async (document: unknown): Promise<ImportReport> => {
    const response = await fetch(`${t.url}/hsds/import`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: admin }, body: JSON.stringify(document) });
    const body = (await response.json()) as ImportReport;
    if (response.status !== 200) throw new Error(`import: HTTP ${response.status} ${JSON.stringify(body)}`);
    return body;
  };
  const recordOf = (report: ImportReport, id: string) => report.records.find((record) => record.type === 'service' && record.id === id)!;

  beforeAll(async () => {
    t = await startTestApp();
    const users = await createTestUsers(t.db);
    admin = await t.login(users.admin, TEST_PASSWORD);
  });
  afterAll(() => t?.close());

  it('keeps what the columns can hold, notes the rest, and reads the same list back as unchanged', async () => {
    const id = randomUUID();
    const service = {
      id,
      name: 'Inloopspreekuur Schakel',
      status: 'active',
      url: 'https://example.nl/inloop',
      email: 'Inloop@Example.nl',
      schedules: [
        { id: randomUUID(), freq: 'WEEKLY', byday: 'MO,WE', opens_at: '09:30', closes_at: '12:00:00', valid_from: '2026-02-30', description: 'Maandag en woensdag' },
        { id: randomUUID(), description: 'Op afspraak', opens_at: '25:00' },
      ],
      phones: [{ id: randomUUID(), number: '033 123 45 67', extension: 1.5, type: 'voice' }, { id: randomUUID(), number: '' }],
    };
    const report = await importJson({ services: [service] });
    const record = recordOf(report, id);
    expect(record.outcome).toBe('created');
    const notes = record.notes!.join('\n');
    expect(notes).toContain('valid_from is no date (YYYY-MM-DD): not kept');
    expect(notes).toContain('opens_at is no time of day (HH:MM or HH:MM:SS): not kept');
    expect(notes).toContain('phone extension is no whole number: not kept');
    expect(notes).toContain('a phone without a number: not kept');

    expect(await sql(`SELECT url, email FROM service WHERE id = $1`, [id])).toEqual([{ url: 'https://example.nl/inloop', email: 'inloop@example.nl' }]);
    const schedules = await sql(`SELECT position, freq, byday, opens_at, closes_at, valid_from, description FROM schedule WHERE service_id = $1 ORDER BY position`, [id]);
    expect(schedules).toEqual([
      { position: 0, freq: 'WEEKLY', byday: 'MO,WE', opens_at: '09:30:00', closes_at: '12:00:00', valid_from: null, description: 'Maandag en woensdag' },
      { position: 1, freq: null, byday: null, opens_at: null, closes_at: null, valid_from: null, description: 'Op afspraak' },
    ]);
    expect(await sql(`SELECT number, extension, type FROM phone WHERE service_id = $1`, [id])).toEqual([{ number: '033 123 45 67', extension: null, type: 'voice' }]);

    // The export: valid against the official schema, and read back in it changes nothing.
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(readJson('schema/compiled/service.json'), `${SCHEMA_BASE}compiled/service.json`);
    const exported: any = await (await fetch(`${t.url}/hsds/services/${id}`)).json();
    const validate = ajv.getSchema(`${SCHEMA_BASE}compiled/service.json`)!;
    expect(validate(exported) ? [] : validate.errors).toEqual([]);
    expect(exported.schedules.map((schedule: any) => schedule.opens_at)).toEqual(['09:30:00', undefined]);
    expect(exported.phones.map((phone: any) => phone.number)).toEqual(['033 123 45 67']);
    expect(exported.email).toBe('inloop@example.nl');
    expect(recordOf(await importJson({ services: [exported] }), id).outcome).toBe('unchanged');
    expect(recordOf(await importJson({ services: [service] }), id).outcome).toBe('unchanged');

    // A changed opening time is an update of the service, in its history; an empty list removes them.
    const changed = { ...exported, schedules: [{ ...exported.schedules[0], closes_at: '13:00' }, exported.schedules[1]] };
    expect(recordOf(await importJson({ services: [changed] }), id).outcome).toBe('updated');
    expect(await sql(`SELECT closes_at FROM schedule WHERE service_id = $1 ORDER BY position`, [id])).toEqual([{ closes_at: '13:00:00' }, { closes_at: null }]);
    const history = await sql(`SELECT action, via, changes FROM change_record WHERE entity_id = $1 ORDER BY occurred_at`, [id]);
    expect(history.map((row) => [row.action, row.via])).toEqual([
      ['CREATE', 'hsds-import'],
      ['UPDATE', 'hsds-import'],
    ]);
    expect(JSON.stringify(history[1].changes)).toContain('13:00:00');
    expect(recordOf(await importJson({ services: [{ ...changed, schedules: [], phones: [] }] }), id).outcome).toBe('updated');
    expect(await sql(`SELECT count(*)::int AS n FROM schedule WHERE service_id = $1 UNION ALL SELECT count(*)::int FROM phone WHERE service_id = $1`, [id])).toEqual([{ n: 0 }, { n: 0 }]);
  });
});
