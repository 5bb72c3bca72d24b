// @ts-check
/**
 * Positions of locations from the geocoder, confirmed in the admin app (issue 15): a local stub
 * of PDOK's Locatieserver (GEOCODER_URL) answers; the admin asks for proposals on the import
 * page, sees each location's proposal, chooses the second of two candidates for one, unticks
 * another, saves, and only the ticked locations get the chosen positions (through the CSV import
 * of locations, with its history). No real network.
 *
 * Without /usr/bin/chromium the tests are skipped, unless REQUIRE_BROWSER_TESTS=1.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, test } from 'node:test';
import { api, browser, describeInChromium, expectAccessible, graphql, logIn, openPage } from './harness.mjs';

/** @type {string[]} */
const asked = [];
const stub = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://stub');
  asked.push(url.searchParams.get('q') ?? '');
  const q = url.searchParams.get('q') ?? '';
  const docs = q.includes('3811LM')
    ? [{ weergavenaam: 'Stadhuisplein 1, 3811LM Amersfoort', straatnaam: 'Stadhuisplein', huisnummer: 1, postcode: '3811LM', woonplaatsnaam: 'Amersfoort', centroide_ll: 'POINT(5.38642 52.15581)', score: 12.5 }]
    : q.includes('3812AA')
      ? [
          { weergavenaam: 'Elders 2, 3812AA Amersfoort', straatnaam: 'Elders', huisnummer: 2, postcode: '3812AA', woonplaatsnaam: 'Amersfoort', centroide_ll: 'POINT(5.4 52.16)', score: 9 },
          { weergavenaam: 'Elders 2A, 3812AA Amersfoort', straatnaam: 'Elders', huisnummer: 2, huisletter: 'A', postcode: '3812AA', woonplaatsnaam: 'Amersfoort', centroide_ll: 'POINT(5.41 52.17)', score: 8 },
        ]
      : [{ weergavenaam: 'Buurtweg 3, 3813BB Amersfoort', straatnaam: 'Buurtweg', huisnummer: 3, postcode: '3813BB', woonplaatsnaam: 'Amersfoort', centroide_ll: 'POINT(5.42 52.18)', score: 9 }];
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ response: { numFound: docs.length, docs } }));
});
await new Promise((resolve) => stub.listen(0, '127.0.0.1', () => resolve(undefined)));
const address = stub.address();
process.env.GEOCODER_URL = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/free`;
after(() => stub.close());

describeInChromium('positions of locations from the geocoder, confirmed by the admin', () => {
  test('admin: proposals on the import page, the second candidate chosen for one, one unticked, the others saved', { timeout: 120_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ADMIN);
      // Two locations with an address but no position (the demo data's have none).
      const file = 'slug,address,postcode,latitude,longitude\r\nwijkcentrum-rs,Stadhuisplein 1,3811 LM,,\r\nbibliobus-rs,Elders 2,3812 AA,,\r\n';
      const loaded = await page.request.post('/csv/locations', { headers: { 'content-type': 'text/csv' }, data: file });
      assert.equal(loaded.status(), 200, await loaded.text());
      const third = await page.request.post('/csv/locations', { headers: { 'content-type': 'text/csv' }, data: 'slug,name,address,postcode\r\nbuurtkamer-geo,Buurtkamer Geo,Buurtweg 3,3813 BB\r\n' });
      assert.equal(third.status(), 200, await third.text());

      await page.goto('/importeren');
      await page.getByRole('heading', { level: 2, name: 'Posities van locaties' }).waitFor();
      await page.getByRole('button', { name: 'Posities voorstellen' }).click();
      const table = page.getByRole('table', { name: /Voorstellen voor locaties zonder positie/ });
      await table.waitFor();
      const row = table.getByRole('row', { name: /Stadhuisplein 1, 3811LM Amersfoort/ });
      assert.match(await row.innerText(), /52\.15581, 5\.38642/);
      assert.ok(asked.some((q) => q.includes('3811LM') && q.includes('1')), `the stub was asked for the address: ${asked.join(' | ')}`);
      await expectAccessible(page, 'geocode proposals');

      // Two candidates for Elders 2: a radio group, the first chosen; the admin takes the second.
      const elders = table.getByRole('row').filter({ hasText: 'Elders 2A, 3812AA Amersfoort' });
      const radios = elders.getByRole('radio');
      assert.equal(await radios.count(), 2, await elders.innerText());
      assert.match(await elders.innerText(), /Welk voorstel voor .*\(2 gevonden\)/);
      assert.equal(await radios.nth(0).isChecked(), true);
      await elders.getByRole('radio', { name: /Elders 2A, 3812AA Amersfoort \(52\.17, 5\.41\)/ }).check();
      await expectAccessible(page, 'geocode proposals with a choice');
      // One candidate: no choice, as before; that location is unticked.
      await table.getByRole('row', { name: /Buurtweg 3, 3813BB Amersfoort/ }).getByRole('checkbox').uncheck();
      const save = page.getByRole('button', { name: /Gekozen posities opslaan \(2\)/ });
      await save.click();
      await page.getByText(/Opgeslagen posities: 2\./).waitFor();

      const positions = await graphql(
        page.request,
        `{ a: location(slug: "wijkcentrum-rs") { latitude longitude } b: location(slug: "bibliobus-rs") { latitude longitude } c: location(slug: "buurtkamer-geo") { latitude longitude } }`,
      );
      assert.deepEqual(positions, { a: { latitude: 52.15581, longitude: 5.38642 }, b: { latitude: 52.17, longitude: 5.41 }, c: { latitude: null, longitude: null } });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
