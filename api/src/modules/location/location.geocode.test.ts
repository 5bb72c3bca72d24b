import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TEST_PASSWORD, type TestApp, createTestUsers, dataOf, errorCodes, startTestApp } from '../../test/app';
import { houseNumberOf, readGeocodeAnswer, readGeocodeQuery } from './location.geocode';

/*
 * Geocoding through a PDOK-Locatieserver-compatible endpoint: a local stub this test starts
 * answers like the Locatieserver's `free` search (never the real network). Over REST for admins
 * (`/imports/geocode`) and over GraphQL for the location form (`geocodeAddress`).
 */

const GEOCODE = `query($postcode: String!, $houseNumber: Int, $addition: String, $address: String) {
  geocodeAddress(postcode: $postcode, houseNumber: $houseNumber, addition: $addition, address: $address) { address addition postcode latitude longitude neighbourhoodCode areaId }
}`;

const STADHUIS = {
  response: {
    numFound: 2,
    docs: [
      { weergavenaam: 'Stadhuisplein 1A, 3811LM Amersfoort', straatnaam: 'Stadhuisplein', huisnummer: 1, huisletter: 'A', postcode: '3811LM', woonplaatsnaam: 'Amersfoort', centroide_ll: 'POINT(5.38653 52.15593)', buurtcode: 'BU03070100', wijkcode: 'WK030701', gemeentecode: '0307', score: 11.2 },
      { weergavenaam: 'Stadhuisplein 1, 3811LM Amersfoort', straatnaam: 'Stadhuisplein', huisnummer: 1, postcode: '3811LM', woonplaatsnaam: 'Amersfoort', centroide_ll: 'POINT(5.38642 52.15581)', buurtcode: 'BU03070100', wijkcode: 'WK030701', gemeentecode: '0307', score: 12.5 },
    ],
  },
};

describe('geocoding Dutch addresses', () => {
  let stub: Server;
  const asked: URL[] = [];
  let t: TestApp;
  let admin: string;
  let swa: string;
  let municipality: string;
  const savedEnv = { GEOCODER_URL: process.env.GEOCODER_URL, GEOCODER_TIMEOUT_MS: process.env.GEOCODER_TIMEOUT_MS };
  const geocode = (variables: Record<string, unknown>, cookie?: string) => t.gql<any>(GEOCODE, variables, cookie ? { cookie } : {});
  const get = async (path: string, cookie?: string) => {
    const res = await fetch(`${t.url}${path}`, { headers: cookie ? { cookie } : {} });
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    stub = createServer((req: IncomingMessage, res) => {
      const url = new URL(req.url ?? '/', 'http://stub');
      asked.push(url);
      const q = url.searchParams.get('q') ?? '';
      if (q.includes('postcode:3811LM')) return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(STADHUIS));
      if (q.includes('postcode:9999ZZ')) return void res.writeHead(500).end('boom');
      if (q.includes('postcode:1000AA')) return; // never answers
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ response: { numFound: 0, docs: [] } }));
    });
    await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
    const { port } = stub.address() as AddressInfo;
    const env = { GEOCODER_URL: `http://127.0.0.1:${port}/bzk/locatieserver/search/v3_1/free`, GEOCODER_TIMEOUT_MS: '300' };
    // The GraphQL lookup reads the geocoder from the environment when the request context carries none.
    Object.assign(process.env, env);
    t = await startTestApp({ env });
    await createTestUsers(t.db);
    admin = await t.login('admin@test.local', TEST_PASSWORD);
    swa = await t.login('swa@test.local', TEST_PASSWORD);
    municipality = await t.login('gemeente@test.local', TEST_PASSWORD);
  });
  afterAll(async () => {
    await t?.close();
    stub.closeAllConnections();
    await new Promise((resolve) => stub.close(resolve));
    for (const [name, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('reads queries, house numbers and the Locatieserver answer (pure)', () => {
    expect(readGeocodeQuery({ postcode: '3811 lm', houseNumber: '1', addition: 'a' })).toEqual({ query: { postcode: '3811LM', houseNumber: 1, addition: 'a' } });
    expect(readGeocodeQuery({ postcode: '0811LM', houseNumber: '0' })).toEqual({
      problems: [
        { field: 'postcode', message: 'postcode must be a Dutch postcode such as 3811 AB' },
        { field: 'houseNumber', message: 'houseNumber must be a whole number from 1 to 99999' },
      ],
    });
    expect(houseNumberOf('Neptunusplein 1a')).toEqual({ houseNumber: 1, addition: 'a' });
    expect(houseNumberOf('Stadhuisplein 12-3')).toEqual({ houseNumber: 12, addition: '3' });
    expect(houseNumberOf('Kruiskamp')).toBeNull();
    // Without an addition the plain number comes first; a WKT point is longitude first.
    const [first, second] = readGeocodeAnswer(STADHUIS, { postcode: '3811LM', houseNumber: 1, addition: null });
    expect(first).toMatchObject({ address: 'Stadhuisplein 1, 3811LM Amersfoort', addition: null, latitude: 52.15581, longitude: 5.38642, neighbourhoodCode: 'BU03070100' });
    expect(second.addition).toBe('A');
    expect(readGeocodeAnswer(STADHUIS, { postcode: '3811LM', houseNumber: 1, addition: 'a' })[0].addition).toBe('A');
  });

  it('asks the configured endpoint for one address and answers its candidates for confirmation', async () => {
    const res = await get('/imports/geocode?postcode=3811%20LM&houseNumber=1', swa);
    expect(res.status).toBe(200);
    expect(res.body.query).toEqual({ postcode: '3811LM', houseNumber: 1, addition: null });
    expect(res.body.candidates.map((c: any) => [c.address, c.latitude, c.longitude])).toEqual([
      ['Stadhuisplein 1, 3811LM Amersfoort', 52.15581, 5.38642],
      ['Stadhuisplein 1A, 3811LM Amersfoort', 52.15593, 5.38653],
    ]);
    const request = asked[asked.length - 1];
    expect(request.pathname).toBe('/bzk/locatieserver/search/v3_1/free');
    expect(request.searchParams.get('q')).toBe('postcode:3811LM and huisnummer:1');
    expect(request.searchParams.get('fq')).toBe('type:adres');
  });

  it('refuses bad input and anonymous callers, and answers 503 when the geocoder fails or is too slow', async () => {
    expect((await get('/imports/geocode?postcode=3811LM&houseNumber=1')).status).toBe(401);
    const bad = await get('/imports/geocode?postcode=3811&houseNumber=x', admin);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'postcode' });
    const failing = await get('/imports/geocode?postcode=9999ZZ&houseNumber=1', admin);
    expect(failing).toEqual({ status: 503, body: { error: { code: 'SERVICE_UNAVAILABLE', message: 'The geocoder answered HTTP 500' } } });
    const slow = await get('/imports/geocode?postcode=1000AA&houseNumber=1', admin);
    expect(slow).toEqual({ status: 503, body: { error: { code: 'SERVICE_UNAVAILABLE', message: 'The geocoder did not answer: no answer within 300 ms' } } });
  });

  it('proposes positions for the locations without one (admins), writing nothing', async () => {
    const [location] = await t.db.dataSource.query(`SELECT id FROM location WHERE archived_at IS NULL AND latitude IS NULL ORDER BY name LIMIT 1`);
    await t.db.dataSource.query(`UPDATE location SET address = 'Stadhuisplein 1', postcode = '3811 LM' WHERE id = $1`, [location.id]);
    expect((await get('/imports/geocode/locations', swa)).status).toBe(403);
    const res = await get('/imports/geocode/locations?first=100', admin);
    expect(res.status).toBe(200);
    const proposed = res.body.locations.find((l: any) => l.id === location.id);
    expect(proposed.candidates[0]).toMatchObject({ address: 'Stadhuisplein 1, 3811LM Amersfoort', latitude: 52.15581, longitude: 5.38642 });
    const [after] = await t.db.dataSource.query(`SELECT latitude FROM location WHERE id = $1`, [location.id]);
    expect(after.latitude).toBeNull();
  });

  describe('geocodeAddress (GraphQL, the location form)', () => {
    it("gives an organisation's user the candidates, the asked addition first, with the area of their buurt", async () => {
      // The seed's areas carry no CBS codes: give one neighbourhood the stub's buurt code.
      const [[area]] = await t.db.dataSource.query(`UPDATE area SET code = 'BU03070100' WHERE id = (SELECT id FROM area WHERE level = 'NEIGHBOURHOOD' ORDER BY name LIMIT 1) RETURNING id`);
      const candidates = dataOf(await geocode({ postcode: '3811 lm', houseNumber: 1, addition: 'A' }, swa)).geocodeAddress;
      expect(candidates).toEqual([
        { address: 'Stadhuisplein 1A, 3811LM Amersfoort', addition: 'A', postcode: '3811LM', latitude: 52.15593, longitude: 5.38653, neighbourhoodCode: 'BU03070100', areaId: area.id },
        expect.objectContaining({ address: 'Stadhuisplein 1, 3811LM Amersfoort', addition: null, areaId: area.id }),
      ]);
      expect(dataOf(await geocode({ postcode: '3811LM', houseNumber: 1 }, admin)).geocodeAddress[0].addition).toBeNull();
      // The form's address line: the house number and addition at its end.
      expect(dataOf(await geocode({ postcode: '3811LM', address: 'Stadhuisplein 1a' }, swa)).geocodeAddress[0].addition).toBe('A');
      expect(dataOf(await geocode({ postcode: '3811LM', address: 'Stadhuisplein 1' }, swa)).geocodeAddress[0].addition).toBeNull();
      expect(dataOf(await geocode({ postcode: '1234AB', houseNumber: 5 }, admin)).geocodeAddress).toEqual([]);
    });

    it('is for those who may edit locations: anonymous is UNAUTHENTICATED, a municipality viewer FORBIDDEN', async () => {
      expect(errorCodes(await geocode({ postcode: '3811LM', houseNumber: 1 }))).toEqual(['UNAUTHENTICATED']);
      expect(errorCodes(await geocode({ postcode: '3811LM', houseNumber: 1 }, municipality))).toEqual(['FORBIDDEN']);
    });

    it('refuses a bad address with each field, and answers SERVICE_UNAVAILABLE when the geocoder fails', async () => {
      const bad = await geocode({ postcode: '0811LM', houseNumber: 0, addition: 'toolong!' }, swa);
      expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
      expect((bad.body.errors![0].extensions!.errors as any[]).map((p) => [p.field, p.rule])).toEqual([
        ['postcode', 'matches'],
        ['houseNumber', 'houseNumber'],
        ['addition', 'maxLength'],
      ]);
      const noNumber = await geocode({ postcode: '3811LM', address: 'Stadhuisplein' }, swa);
      expect((noNumber.body.errors![0].extensions!.errors as any[]).map((p) => p.field)).toEqual(['houseNumber']);
      const down = await geocode({ postcode: '9999ZZ', houseNumber: 1 }, swa);
      expect(errorCodes(down)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(down.body.errors![0].extensions).toMatchObject({ reason: 'geocoder' });
    });
  });
});
