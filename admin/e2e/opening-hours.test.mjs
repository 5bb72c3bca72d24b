// @ts-check
/**
 * Opening hours, phone numbers and a looked-up position in the curation forms (issue 15): an
 * admin adds opening hours and a phone number to a service, is told under the field when the
 * closing time is before the opening time, saves, reloads and sees them; on a location's form
 * "Positie opzoeken" asks a local stub of PDOK's Locatieserver (GEOCODER_URL), the admin chooses
 * the candidate, saves, and the location has that position. No real network.
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
  const q = new URL(req.url ?? '/', 'http://stub').searchParams.get('q') ?? '';
  asked.push(q);
  const docs = q.includes('3811LM')
    ? [{ weergavenaam: 'Stadhuisplein 1, 3811LM Amersfoort', straatnaam: 'Stadhuisplein', huisnummer: 1, postcode: '3811LM', woonplaatsnaam: 'Amersfoort', centroide_ll: 'POINT(5.38642 52.15581)', buurtcode: 'BU03070100', score: 12.5 }]
    : [];
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ response: { numFound: docs.length, docs } }));
});
await new Promise((resolve) => stub.listen(0, '127.0.0.1', () => resolve(undefined)));
const address = stub.address();
process.env.GEOCODER_URL = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/free`;
after(() => stub.close());

describeInChromium('opening hours, phone numbers and positions in the forms', () => {
  test('admin: adds opening hours and a phone number to a service, fixes a field error, saves and sees them after a reload', { timeout: 120_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ADMIN);
      const { services } = await graphql(page.request, '{ services(first: 1) { edges { node { id name } } } }');
      const service = services.edges[0].node;
      await page.goto(`/diensten/${service.id}`);
      await page.getByRole('heading', { level: 1, name: `${service.name} bewerken` }).waitFor();

      await page.getByRole('button', { name: 'Openingstijd toevoegen' }).click();
      const hours = page.getByRole('group', { name: 'Openingstijd 1' });
      await hours.getByLabel('Dag').selectOption('TU');
      await hours.getByLabel('Open vanaf').fill('12:00');
      await hours.getByLabel('Open tot').fill('09:00');
      await page.getByRole('button', { name: 'Telefoonnummer toevoegen' }).click();
      const phone = page.getByRole('group', { name: 'Telefoonnummer 1' });
      await phone.getByLabel('Nummer').fill('033 123 45 67');
      await page.getByRole('button', { name: 'Opslaan' }).click();

      // The API refuses the row's closing time: said under the field and in the summary, which links to it.
      await hours.getByText('De sluitingstijd moet na de openingstijd liggen.').waitFor();
      await page.getByRole('link', { name: /Openingstijd 1: Open tot/ }).waitFor();
      await expectAccessible(page, 'opening hours with a field error');
      await hours.getByLabel('Open vanaf').fill('09:00');
      await hours.getByLabel('Open tot').fill('12:30');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByText('De wijzigingen zijn opgeslagen.').waitFor();

      await page.reload();
      await page.getByRole('heading', { level: 1, name: `${service.name} bewerken` }).waitFor();
      const saved = page.getByRole('group', { name: 'Openingstijd 1' });
      assert.equal(await saved.getByLabel('Dag').inputValue(), 'TU');
      assert.equal(await saved.getByLabel('Open vanaf').inputValue(), '09:00');
      assert.equal(await saved.getByLabel('Open tot').inputValue(), '12:30');
      assert.equal(await page.getByRole('group', { name: 'Telefoonnummer 1' }).getByLabel('Nummer').inputValue(), '033 123 45 67');
      await expectAccessible(page, 'service with opening hours and a phone number');

      const { service: read } = await graphql(page.request, 'query ($id: ID!) { service(id: $id) { schedules { byday opensAt closesAt } phones { number type } } }', { id: service.id });
      assert.deepEqual(read, { schedules: [{ byday: 'TU', opensAt: '09:00', closesAt: '12:30' }], phones: [{ number: '033 123 45 67', type: 'voice' }] });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test("admin: looks up a location's position from its address, chooses it and saves it", { timeout: 120_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ADMIN);
      const { locations } = await graphql(page.request, '{ locations(first: 1) { edges { node { id name } } } }');
      const location = locations.edges[0].node;
      await page.goto(`/locaties/${location.id}`);
      await page.getByRole('heading', { level: 1, name: `${location.name} bewerken` }).waitFor();

      await page.getByLabel('Straat en huisnummer').fill('Stadhuisplein 1');
      await page.getByLabel('Postcode', { exact: true }).fill('3811 LM');
      await page.getByRole('button', { name: 'Positie opzoeken' }).click();
      await page.getByRole('button', { name: 'Gebruik Stadhuisplein 1, 3811LM Amersfoort' }).click();
      await page.getByText('Positie van Stadhuisplein 1, 3811LM Amersfoort ingevuld.', { exact: false }).waitFor();
      assert.equal(await page.getByLabel('Breedtegraad').inputValue(), '52.15581');
      assert.equal(await page.getByLabel('Lengtegraad').inputValue(), '5.38642');
      assert.ok(asked.some((q) => q === 'postcode:3811LM and huisnummer:1'), `the stub was asked for the address: ${asked.join(' | ')}`);
      await expectAccessible(page, 'location with a looked-up position');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByText('De wijzigingen zijn opgeslagen.').waitFor();

      const { location: read } = await graphql(page.request, 'query ($id: ID!) { location(id: $id) { address postcode latitude longitude } }', { id: location.id });
      assert.deepEqual(read, { address: 'Stadhuisplein 1', postcode: '3811 LM', latitude: 52.15581, longitude: 5.38642 });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
