import { randomUUID } from 'node:crypto';
import { type TestApp, TEST_PASSWORD, createTestUsers, startTestApp } from '../../test/app';
import type { ImportReport } from './hsds.import';

/*
 * The same validation on every channel (hsds.import.rules.ts): a value the CSV import refuses
 * is refused by the HSDS import with the same field and rule, in that record's report entry, and
 * never stored — the record is imported without it, or rejected when it cannot do without it
 * (its name) — while the other records of the publication are imported.
 */

interface ParityCase {
  label: string;
  /** CSV endpoint and file (header and one row). */
  csv: { path: string; file: string };
  /** The same record as HSDS (a publication with that one record). */
  hsds: (id: string) => Record<string, unknown>;
  type: 'organization' | 'location' | 'service';
  column: string;
  field: string;
  rule: string;
  /** The stored column the value would go to, when the record is imported without it; none: the record is rejected. */
  leftOut?: string;
}

const LONG_NAME = 'Buurthuis '.repeat(31);
const address = (postcode: string) => ({ id: randomUUID(), address_1: 'Kloosterstraat 3', city: 'Amersfoort', state_province: 'Utrecht', postal_code: postcode, country: 'NL', address_type: 'physical' });

const CASES: ParityCase[] = [
  {
    label: 'an organisation name longer than 300 characters',
    csv: { path: 'organisations', file: `slug,name,sector\r\nlang,${LONG_NAME},WELFARE\r\n` },
    hsds: (id) => ({ organizations: [{ id, name: LONG_NAME, description: '' }] }),
    type: 'organization',
    column: 'name',
    field: 'input.name',
    rule: 'isLength',
  },
  {
    label: 'an e-mail address without a real top-level domain',
    csv: { path: 'organisations', file: 'slug,name,sector,email\r\npost,Stichting Post,WELFARE,info@example.c\r\n' },
    hsds: (id) => ({ organizations: [{ id, name: 'Stichting Post', description: '', email: 'info@example.c' }] }),
    type: 'organization',
    column: 'email',
    field: 'input.email',
    rule: 'isEmail',
    leftOut: 'email',
  },
  {
    label: 'a website that is no http(s) URL',
    csv: { path: 'organisations', file: 'slug,name,sector,website\r\nweb,Stichting Web,WELFARE,ftp://example.nl/\r\n' },
    hsds: (id) => ({ organizations: [{ id, name: 'Stichting Web', description: '', website: 'ftp://example.nl/' }] }),
    type: 'organization',
    column: 'website',
    field: 'input.website',
    rule: 'isUrl',
    leftOut: 'website',
  },
  {
    label: 'a phone number that is none',
    csv: { path: 'organisations', file: 'slug,name,sector,phone\r\nbel,Stichting Bel,WELFARE,bel ons maar\r\n' },
    hsds: (id) => ({ organizations: [{ id, name: 'Stichting Bel', description: '', phones: [{ id: randomUUID(), number: 'bel ons maar' }] }] }),
    type: 'organization',
    column: 'phone',
    field: 'input.phone',
    rule: 'matches',
    leftOut: 'phone',
  },
  {
    label: 'a Dutch address whose postcode is none',
    csv: { path: 'locations', file: 'slug,name,address,postcode,city\r\nklooster,Het Klooster,Kloosterstraat 3,12345,Amersfoort\r\n' },
    hsds: (id) => ({ locations: [{ id, location_type: 'physical', name: 'Het Klooster', addresses: [address('12345')] }] }),
    type: 'location',
    column: 'postcode',
    field: 'input.postcode',
    rule: 'matches',
    leftOut: 'postcode',
  },
  {
    label: 'a latitude out of range',
    csv: { path: 'locations', file: 'slug,name,latitude,longitude\r\nnoordpool,Noordpool,91,5.38\r\n' },
    hsds: (id) => ({ locations: [{ id, location_type: 'physical', name: 'Noordpool', latitude: 91, longitude: 5.38 }] }),
    type: 'location',
    column: 'latitude',
    field: 'input.latitude',
    rule: 'max',
    leftOut: 'latitude',
  },
  {
    label: 'a latitude without a longitude',
    csv: { path: 'locations', file: 'slug,name,latitude\r\nhalf,Half,52.15\r\n' },
    hsds: (id) => ({ locations: [{ id, location_type: 'physical', name: 'Half', latitude: 52.15 }] }),
    type: 'location',
    column: 'longitude',
    field: 'input.longitude',
    rule: 'coordinatesPair',
    leftOut: 'latitude',
  },
  {
    label: 'a location name longer than 300 characters',
    csv: { path: 'locations', file: `slug,name\r\nlang,${LONG_NAME}\r\n` },
    hsds: (id) => ({ locations: [{ id, location_type: 'physical', name: LONG_NAME }] }),
    type: 'location',
    column: 'name',
    field: 'input.name',
    rule: 'isLength',
  },
  {
    label: 'a minimum age above the maximum age',
    csv: { path: 'services', file: 'slug,name,min_age,max_age\r\nsoep,Buurtsoep,70,60\r\n' },
    hsds: (id) => ({ services: [{ id, name: 'Buurtsoep', status: 'active', minimum_age: 70, maximum_age: 60 }] }),
    type: 'service',
    column: 'max_age',
    field: 'input.maxAge',
    rule: 'ageOrder',
    leftOut: 'min_age',
  },
  {
    label: 'a maximum age above 130',
    csv: { path: 'services', file: 'slug,name,max_age\r\noud,Heel oud,200\r\n' },
    hsds: (id) => ({ services: [{ id, name: 'Heel oud', status: 'active', maximum_age: 200 }] }),
    type: 'service',
    column: 'max_age',
    field: 'input.maxAge',
    rule: 'max',
    leftOut: 'max_age',
  },
];

describe('HSDS import: the rules of the CSV import', () => {
  let t: TestApp;
  let admin: string;

  const post = async (path: string, body: string, contentType: string) => {
    const response = await fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': contentType, cookie: admin }, body });
    return { status: response.status, body: (await response.json()) as any };
  };
  const count = async (table: string) => (await t.db.dataSource.query(`SELECT count(*)::int AS n FROM "${table}"`))[0].n as number;

  beforeAll(async () => {
    t = await startTestApp();
    const users = await createTestUsers(t.db);
    admin = await t.login(users.admin, TEST_PASSWORD);
  });
  afterAll(() => t?.close());

  it.each(CASES)('$label: the CSV import and the HSDS import refuse it with the same field and rule', async (parity) => {
    const csv = await post(`/csv/${parity.csv.path}?dryRun=true`, parity.csv.file, 'text/csv');
    expect(csv.status).toBe(422);
    expect(csv.body.errors).toContainEqual(expect.objectContaining({ row: 2, column: parity.column, rule: parity.rule }));

    const id = randomUUID();
    const tables = ['organisation', 'location', 'service'];
    const before = await Promise.all([...tables, 'change_record'].map(count));
    const answer = await post('/hsds/import', JSON.stringify(parity.hsds(id)), 'application/json');
    expect(answer.status).toBe(200);
    const report = answer.body as ImportReport;
    const record = report.records.find((entry) => entry.type === parity.type && entry.id === id)!;
    expect(record.errors).toBeUndefined();
    expect(record.problems).toContainEqual(expect.objectContaining({ field: parity.field, rule: parity.rule }));
    // The same message as the CSV import's for that column.
    const csvMessage = csv.body.errors.find((error: any) => error.column === parity.column).message as string;
    expect(record.problems!.some((problem) => problem.field === parity.field && csvMessage.includes(problem.message))).toBe(true);
    const table = { organization: 'organisation', location: 'location', service: 'service' }[parity.type];
    if (parity.leftOut) {
      // Imported without the value (and what belongs with it): never stored.
      expect(record).toMatchObject({ outcome: 'created', notes: expect.arrayContaining([expect.stringMatching(/^Not kept, refused by the rules of the CSV import and the GraphQL API/)]) });
      const [row] = await t.db.dataSource.query(`SELECT "${parity.leftOut}" AS value FROM "${table}" WHERE id = $1`, [id]);
      expect(row).toEqual({ value: null });
    } else {
      expect(record).toMatchObject({ outcome: 'rejected', reason: expect.stringMatching(/^Refused by the rules of the CSV import and the GraphQL API: /) });
      expect(await Promise.all([...tables, 'change_record'].map(count))).toEqual(before);
    }
  });

  it('rejects only the record that breaks a rule: the rest of the publication is imported', async () => {
    const good = randomUUID();
    const bad = randomUUID();
    const report = (
      await post(
        '/hsds/import',
        JSON.stringify({
          organizations: [
            { id: good, name: 'Stichting Goed', description: '', email: 'Info@Goed.example.nl' },
            { id: bad, name: LONG_NAME, description: '' },
          ],
          services: [{ id: randomUUID(), name: 'Bij de foute', status: 'active', organization_id: bad }],
        }),
        'application/json',
      )
    ).body as ImportReport;
    expect(report.totals).toMatchObject({ created: 1, rejected: 2 });
    expect(report.records.find((entry) => entry.type === 'service')).toMatchObject({ outcome: 'rejected', reason: `Its organization ${bad} was rejected` });
    const rows = await t.db.dataSource.query(`SELECT id, email FROM organisation WHERE id = ANY($1)`, [[good, bad]]);
    expect(rows).toEqual([{ id: good, email: 'info@goed.example.nl' }]);
  });

  it('an existing record keeps what it has when the publication brings a value the rules refuse', async () => {
    const id = randomUUID();
    const first = (await post('/hsds/import', JSON.stringify({ organizations: [{ id, name: 'Stichting Eerst', description: '', website: 'https://eerst.example.nl' }] }), 'application/json')).body as ImportReport;
    expect(first.totals).toMatchObject({ created: 1 });
    const again = (await post('/hsds/import', JSON.stringify({ organizations: [{ id, name: 'Stichting Eerst', description: '', website: 'ftp://eerst.example.nl' }] }), 'application/json')).body as ImportReport;
    expect(again.records[0]).toMatchObject({ outcome: 'unchanged', problems: [expect.objectContaining({ field: 'input.website', rule: 'isUrl' })] });
    expect((await t.db.dataSource.query(`SELECT website, version FROM organisation WHERE id = $1`, [id]))[0]).toEqual({ website: 'https://eerst.example.nl', version: 1 });
  });

  it('an exact duplicate rejects only that record (as the CSV import refuses its row), not the whole import', async () => {
    const first = randomUUID();
    const twin = randomUUID();
    const answer = await post(
      '/hsds/import',
      JSON.stringify({
        organizations: [
          { id: first, name: 'Stichting Dubbel', description: '' },
          { id: twin, name: 'Stichting Dubbel', description: '' },
        ],
        services: [{ id: randomUUID(), name: 'Bij de dubbele', status: 'active', organization_id: twin }],
      }),
      'application/json',
    );
    expect(answer.status).toBe(200);
    const report = answer.body as ImportReport;
    expect(report.records.find((entry) => entry.id === first)).toMatchObject({ outcome: 'created' });
    expect(report.records.find((entry) => entry.id === twin)).toMatchObject({
      outcome: 'rejected',
      problems: [expect.objectContaining({ field: 'input.name', rule: 'duplicate', params: expect.objectContaining({ id: first }) })],
    });
    expect(report.records.find((entry) => entry.type === 'service')).toMatchObject({ outcome: 'rejected', reason: `Its organization ${twin} was rejected` });
    expect(await t.db.dataSource.query(`SELECT id FROM organisation WHERE name = 'Stichting Dubbel'`)).toEqual([{ id: first }]);
    const csv = await post('/csv/organisations?dryRun=true', 'slug,name,sector\r\nstichting-dubbel-2,Stichting Dubbel,WELFARE\r\n', 'text/csv');
    expect(csv.status).toBe(422);
    expect(csv.body.errors).toContainEqual(expect.objectContaining({ row: 2, column: 'name', message: expect.stringContaining('has this name already') }));
  });
});
