import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_PASSWORD, type TestApp, createTestUsers, startTestApp } from '../../test/app';

/**
 * docs/adopting.md, step 8 "Your social map from spreadsheets": after the CBS import of
 * Schakeldam (GM9901), its locations, positions and key persons come from spreadsheets as the
 * step shows them, with the answers the step prints.
 */
const LOCATIONS = [
  'slug;name;kind;address;postcode;city;area',
  'wijkcentrum-binnenstad;Wijkcentrum De Schakel;wijkcentrum;Marktplein 1;9901 AA;Schakeldam;BU99010101',
  'bibliotheek-noord;Bibliotheek Noord;bibliotheek;Merelstraat 12;9902 BB;Schakeldam;BU99010201',
].join('\r\n');
const POSITIONS = ['slug;latitude;longitude', 'wijkcentrum-binnenstad;52,0912;5,1215', 'bibliotheek-noord;52,1003;5,1187'].join('\r\n');
const KEY_PERSONS = [
  'id;name;role;phone;email;areas',
  ';Fatima Yilmaz;opbouwwerker;0990 123 456;f.yilmaz@welzijn-schakeldam.nl;BU99010101|BU99010102',
  ';Henk de Vries;wijkagent;;;WK990102',
].join('\r\n');

describe('docs/adopting.md: the social map from spreadsheets', () => {
  let t: TestApp;
  let admin: string;
  const post = async (path: string, body: string, type = 'text/csv') => {
    const res = await fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': type, cookie: admin }, body });
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    admin = await t.login('admin@test.local', TEST_PASSWORD);
    const cbs = readFileSync(join(__dirname, '../cbs-import/fixtures/kwb-2023-statline.csv'), 'utf8');
    expect((await post('/imports/cbs-kerncijfers?year=2023', cbs)).status).toBe(200);
  });
  afterAll(() => t.close());

  it('checks, imports, positions and re-imports as the step shows', async () => {
    const dry = await post('/csv/locations?dryRun=true', LOCATIONS);
    expect(dry).toEqual({ status: 200, body: { dryRun: true, created: 2, updated: 0, unchanged: 0, errors: [], changes: [{ row: 2, action: 'create' }, { row: 3, action: 'create' }] } });
    expect(await post('/csv/locations', LOCATIONS)).toEqual({ status: 200, body: { dryRun: false, created: 2, updated: 0, unchanged: 0, errors: [] } });
    expect(await post('/csv/locations', POSITIONS)).toEqual({ status: 200, body: { dryRun: false, created: 0, updated: 2, unchanged: 0, errors: [] } });
    expect(await post('/csv/locations', POSITIONS)).toEqual({ status: 200, body: { dryRun: false, created: 0, updated: 0, unchanged: 2, errors: [] } });
    const bad = await post('/csv/key-persons', `${KEY_PERSONS}\r\n;Els Bakker;buurtfee;;els@;BU99019999`);
    expect(bad).toEqual({
      status: 422,
      body: { dryRun: false, created: 0, updated: 0, unchanged: 0, errors: [{ row: 4, column: 'email', message: 'must be an e-mail address', rule: 'isEmail' }] },
    });
    expect(await post('/csv/key-persons', KEY_PERSONS)).toEqual({ status: 200, body: { dryRun: false, created: 2, updated: 0, unchanged: 0, errors: [] } });
    const [place] = await t.db.dataSource.query(`SELECT l.latitude, l.longitude, a.name AS area FROM location l JOIN area a ON a.id = l.area_id WHERE l.slug = 'wijkcentrum-binnenstad'`);
    expect(place).toEqual({ latitude: 52.0912, longitude: 5.1215, area: 'Binnenstad' });
  });
});
