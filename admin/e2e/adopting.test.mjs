// @ts-check
/**
 * docs/adopting.md in the admin app, in Debian's Chromium against the real API: the admin
 * imports CBS's Kerncijfers wijken en buurten (the StatLine CSV of 2023, then the OData pair of
 * 2024) on the import page — a dry run with its report per row, then the import — and PDOK's
 * wijk- en buurtkaart (RD New) through the REST endpoint; the neighbourhood dashboard of the
 * imported buurt then shows its figures against its own municipality and the country, both
 * years, and its boundary on the map. The fixtures are api/src/modules/cbs-import/fixtures/ (published layouts).
 *
 * Without /usr/bin/chromium the tests are skipped, unless REQUIRE_BROWSER_TESTS=1.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { api, browser, describeInChromium, expectAccessible, graphql, logIn, openPage, repoRoot, screenshot } from './harness.mjs';

const FIXTURES = path.join(repoRoot, 'api', 'src', 'modules', 'cbs-import', 'fixtures');
const fixture = (name) => path.join(FIXTURES, name);
/** No internet here: every map tile is a 1×1 grey PNG. */
const TILES = /^https:\/\/([a-z]\.)?tile\.openstreetmap\.org\//;
const TILE_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGO4BwAA0ADPOK8xWgAAAABJRU5ErkJggg==', 'base64');

describeInChromium('adopting a municipality from CBS and PDOK files (docs/adopting.md)', () => {
  test('admin: CBS file dry run and import on the import page, the kaart, then the buurt’s dashboard with its boundary', { timeout: 180_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await page.route(TILES, (route) => route.fulfill({ status: 200, contentType: 'image/png', body: TILE_PNG }));
      await logIn(page, api.accounts.ADMIN);
      await page.goto('/importeren');
      await page.getByRole('heading', { level: 2, name: 'Kerncijfers en gebieden van het CBS' }).waitFor();
      const form = page.getByRole('form', { name: 'CBS-kerncijfers importeren' });

      // The 2023 StatLine CSV carries no year: without one the API says which parameter is missing.
      await form.getByLabel('CBS-bestand(en)').setInputFiles(fixture('kwb-2023-statline.csv'));
      await form.getByRole('button', { name: 'Proefimport (controleren)' }).click();
      const result = page.locator('#cbs-import').locator('..').locator('.app-import-result');
      await result.getByText(/Het bestand kon niet worden gelezen: The file carries no year/).waitFor();

      await form.getByLabel('Jaar').fill('2023');
      await form.getByRole('button', { name: 'Proefimport (controleren)' }).click();
      await result.getByRole('heading', { name: 'Uitkomst van de proefimport' }).waitFor();
      assert.match(await result.innerText(), /Jaar 2023: 8 rijen gecontroleerd, 7 te importeren, 0 overgeslagen\. Bij importeren: 7 gebieden nieuw/);
      assert.match(await result.innerText(), /Zonder waarde gepubliceerd: 3 onbekend \(\.\), 3 geheim \(x\), 1 nihil \(-\)\./);
      const rows = result.getByRole('table', { name: '8 rijen' });
      const vogelwijk = (await rows.getByRole('row', { name: /Vogelwijk/ }).locator('th, td').allInnerTexts()).map((s) => s.trim());
      assert.deepEqual(vogelwijk.slice(0, 5), ['9', 'Vogelwijk (BU99010202)', 'nieuw', '19', '1']);
      const before = await graphql(page.request, `{ area(code: "BU99010101") { id } }`);
      assert.equal(before.area, null, 'a dry run writes nothing');
      await expectAccessible(page, 'CBS dry run');
      await screenshot(page.locator('#cbs-import').locator('..'), 'import-cbs-dry-run');

      await form.getByRole('button', { name: 'Importeren', exact: true }).click();
      await result.getByRole('heading', { name: 'Uitkomst van de import' }).waitFor();
      await result.getByText('De gebieden en kerncijfers zijn opgeslagen.').waitFor();

      // The next year as the OData pair: the year comes from its DataProperties.
      await form.getByLabel('Jaar').fill('');
      await form.getByLabel('CBS-bestand(en)').setInputFiles([fixture('kwb-2024-TypedDataSet.json'), fixture('kwb-2024-DataProperties.json')]);
      await form.getByRole('button', { name: 'Proefimport (controleren)' }).click();
      await result.getByText(/Jaar 2024: 8 rijen gecontroleerd, 7 te importeren/).waitFor();
      await form.getByRole('button', { name: 'Importeren', exact: true }).click();
      await result.getByRole('heading', { name: 'Uitkomst van de import' }).waitFor();

      // The kaart through the REST endpoint, as the admin (docs/adopting.md, "The same over HTTP").
      const kaart = await page.request.post('/imports/boundaries', { data: fs.readFileSync(fixture('wijkenbuurten-2023-rd.geojson')), headers: { 'content-type': 'application/geo+json' } });
      assert.equal(kaart.status(), 200);
      assert.equal((await kaart.json()).updated, 7);

      // The buurt's dashboard: its figures against Schakeldam, the previous year, and its boundary.
      await page.goto('/wijken/binnenstad');
      await page.getByRole('heading', { level: 1, name: 'Wijkdashboard Binnenstad' }).waitFor();
      const figures = page.getByRole('table').filter({ hasText: 'Aantal inwoners' }).first();
      const population = (await figures.getByRole('row', { name: /^Aantal inwoners/ }).locator('th, td').allInnerTexts()).map((s) => s.trim());
      assert.deepEqual(population.slice(0, 5), ['Aantal inwoners', '2024', '2.365', '3.867', '9.667']);
      // Beside them the country's value of the same year, from the file's NL00 row.
      const headers = (await figures.locator('thead th').allInnerTexts()).map((s) => s.trim());
      assert.equal(population[headers.indexOf('Nederland')], '17.942.942');
      await page.locator('.leaflet-overlay-pane path').first().waitFor();
      // The buurt is drawn among the buurten of its wijk (two in the fixture), itself with the heavier outline.
      const strokes = await page.locator('.leaflet-overlay-pane path').evaluateAll((paths) => paths.map((p) => p.getAttribute('stroke-width')));
      assert.deepEqual(strokes.sort(), ['1', '3'], 'the buurt’s boundary and its neighbour’s are drawn on the map');
      await expectAccessible(page, 'dashboard of an imported buurt');
      const map = page.locator('.app-map-wrapper').first();
      await map.scrollIntoViewIfNeeded();
      await screenshot(map, 'adopted-neighbourhood-boundary');
      // The one refused request is the dry run without a year (HTTP 400, which the browser logs).
      assert.deepEqual(errors, ['console error: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
    } finally {
      await context.close();
    }
  });
});
