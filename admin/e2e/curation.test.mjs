// @ts-check
/**
 * The comparison, curation and audit parts of the admin app end to end, in Debian's Chromium,
 * against the real API and database with the Amersfoort demo data: CSV and HSDS imports with
 * a dry run first, the dashboard's charts and locations map (with and without reachable map
 * tiles) and its wijkkaart link, comparing areas, verifying stale records, the change history,
 * and the NEN 7513 access log; axe-core on every page; screenshots for docs/.
 *
 * Without /usr/bin/chromium the tests are skipped, unless REQUIRE_BROWSER_TESTS=1.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, browser, describeInChromium, expectAccessible, graphql, logIn, navLabels, openPage, screenshot } from './harness.mjs';

/** Map tiles come from OpenStreetMap; this machine (and CI) has no internet, so the tests decide what the tile server does. */
const TILES = /^https:\/\/([a-z]\.)?tile\.openstreetmap\.org\//;
/** A 1×1 grey PNG, served as every tile when the tests play a reachable tile server. */
const TILE_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGO4BwAA0ADPOK8xWgAAAABJRU5ErkJggg==', 'base64');

const HEADER = 'area_code,indicator_code,year,value,source,note';
/** Row 3 names an indicator that does not exist, row 4 a year that is no number. */
const BAD_KEY_FIGURES = [HEADER, 'kruiskamp,pct_non_western_migrants,2010,39,Schakel e2e 2010,', 'kruiskamp,no_such_indicator,2010,5,Schakel e2e 2010,', 'kruiskamp,population,20x,4900,Schakel e2e 2010,', ''].join('\n');
/** A second year for the district's and the city's share of residents over 65 (the book's 2004 figures): a trend line. */
const GOOD_KEY_FIGURES = [HEADER, 'randenbroek-schuilenburg,pct_age_65_plus,2012,21.5,Schakel e2e 2012,', 'amersfoort,pct_age_65_plus,2012,12.1,Schakel e2e 2012,', ''].join('\n');

/** Locations of Randenbroek-Schuilenburg that get coordinates (the book gives none). */
const PLACES = [
  { name: 'wijkcentrum (Randenbroek-Schuilenburg)', latitude: 52.1583, longitude: 5.4011 },
  { name: 'verzorgingshuis (Randenbroek-Schuilenburg)', latitude: 52.1562, longitude: 5.4072 },
  { name: 'Wijkinformatiepunt', latitude: 52.1601, longitude: 5.3987 },
];

describeInChromium('comparison, curation and audit in Chromium', () => {
  /** A CSV file for the file field. */
  const csvFile = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

  /** Key figures of an area for one year, straight from the API. */
  async function keyFigures(request, area, year) {
    const data = await graphql(request, 'query ($area: String!, $year: Int) { keyFigures(area: $area, year: $year, first: 100) { totalCount edges { node { value indicator { code } } } } }', { area, year });
    return data.keyFigures;
  }

  test('admin: a key-figures CSV in a dry run — row errors with their row numbers, nothing written — then a clean dry run and the import', { timeout: 120_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ADMIN);
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Importeren en exporteren' }).click();
      await page.getByRole('heading', { level: 1, name: 'Importeren en exporteren' }).waitFor();
      assert.equal(await page.title(), 'Importeren en exporteren — Schakel');
      await expectAccessible(page, 'import and export');

      // Nothing chosen: the field says so.
      await page.getByRole('button', { name: 'Proefimport (controleren)' }).first().click();
      await page.locator('#csv-file-error').waitFor();
      assert.equal(await page.locator('#csv-file-error').innerText(), 'Kies eerst een CSV-bestand.');
      assert.ok(await page.getByRole('button', { name: 'Importeren', exact: true }).first().isDisabled());

      // Hold the upload's answer back a moment: the progress is shown and announced meanwhile.
      /** @type {(value?: unknown) => void} */
      let release = () => undefined;
      const held = new Promise((resolve) => (release = resolve));
      const dryRunUrl = /\/csv\/key-figures\?dryRun=true$/;
      await page.route(dryRunUrl, async (route) => {
        await held;
        await route.fallback();
      });
      const csvForm = page.getByRole('form', { name: 'CSV-bestand importeren' });
      await csvForm.getByLabel('CSV-bestand').setInputFiles(csvFile('kerncijfers-fout.csv', BAD_KEY_FIGURES));
      await csvForm.getByRole('button', { name: 'Proefimport (controleren)' }).click();
      await page.getByRole('status').filter({ hasText: /de server controleert het|Bestand versturen/ }).waitFor();
      assert.equal(await page.locator('.app-upload-progress progress').count(), 1);
      release();

      // The report: every error with its row number (row 1 is the header); nothing was written.
      const result = page.locator('.app-import-result').first();
      await result.getByRole('heading', { name: 'Uitkomst van de proefimport' }).waitFor();
      assert.match(await result.innerText(), /De proefimport vond 2 fouten/);
      assert.match(await result.innerText(), /Er is niets opgeslagen\./);
      const report = result.getByRole('table', { name: '2 fouten, per rij (rij 1 is de kopregel)' });
      const row3 = (await report.getByRole('row', { name: /^3 / }).locator('th, td').allInnerTexts()).map((s) => s.trim());
      assert.deepEqual(row3, ['3', 'indicator_code', 'Unknown indicator code "no_such_indicator"']);
      const row4 = (await report.getByRole('row', { name: /^4 / }).locator('th, td').allInnerTexts()).map((s) => s.trim());
      assert.deepEqual(row4.slice(0, 2), ['4', 'year']);
      assert.ok(await page.getByRole('button', { name: 'Importeren', exact: true }).first().isDisabled(), 'no import after a dry run with errors');
      // Focus moved to the report, so a screen reader reads it next.
      assert.ok(await result.evaluate((el) => el === document.activeElement));
      assert.equal((await keyFigures(page.request, 'kruiskamp', 2010)).totalCount, 0, 'a dry run writes nothing, not even the good row');
      await expectAccessible(page, 'CSV dry run with row errors');
      await screenshot(page.locator('#csv-import').locator('..'), 'import-key-figures-dry-run-errors');
      await page.unroute(dryRunUrl);

      // A clean file: the dry run says what would happen, still nothing is written …
      await csvForm.getByLabel('CSV-bestand').setInputFiles(csvFile('kerncijfers-2012.csv', GOOD_KEY_FIGURES));
      assert.equal(await page.locator('.app-import-result').count(), 0, 'a new file clears the old report');
      await csvForm.getByRole('button', { name: 'Proefimport (controleren)' }).click();
      await result.getByText('Geen fouten gevonden. Bij importeren: 2 nieuw, 0 bijgewerkt, 0 ongewijzigd.').waitFor();
      await result.getByRole('table', { name: '2 rijen zouden iets wijzigen' }).waitFor();
      assert.equal((await keyFigures(page.request, 'randenbroek-schuilenburg', 2012)).totalCount, 0);
      await expectAccessible(page, 'CSV dry run without errors');
      await screenshot(page.locator('#csv-import').locator('..'), 'import-key-figures-dry-run');

      // … and now the import itself.
      const importButton = csvForm.getByRole('button', { name: 'Importeren', exact: true });
      assert.ok(await importButton.isEnabled());
      await importButton.click();
      await result.getByRole('heading', { name: 'Uitkomst van de import' }).waitFor();
      await result.getByText('Geïmporteerd: 2 nieuw, 0 bijgewerkt, 0 ongewijzigd.').waitFor();
      const stored = await keyFigures(page.request, 'randenbroek-schuilenburg', 2012);
      assert.deepEqual(stored.edges.map((/** @type {any} */ e) => [e.node.indicator.code, e.node.value]), [['pct_age_65_plus', 21.5]]);
      assert.ok(await importButton.isDisabled(), 'the same file is not imported twice by accident');
      assert.deepEqual(errors.filter((e) => !/status of 422/.test(e)), []);
    } finally {
      await context.close();
    }
  });

  test('admin: an HSDS publication in a dry run lists each rejected record with its schema errors', { timeout: 90_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ADMIN);
      await page.goto('/importeren');
      const publication = {
        organizations: [
          { id: '0f7c1a52-6a0e-4c1e-9d3b-1d2f3a4b5c6d', name: 'Buurthuis De Schakel (e2e)', description: 'Ontmoeting en informatie in de wijk.' },
          { id: '6b1e2d3c-4a5b-4c6d-8e7f-9a0b1c2d3e4f', description: 'Een organisatie zonder naam' },
        ],
      };
      const hsdsForm = page.getByRole('form', { name: 'HSDS-publicatie importeren' });
      await hsdsForm.getByLabel('HSDS-bestand(en)').setInputFiles({ name: 'publicatie.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(publication)) });
      await hsdsForm.getByRole('button', { name: 'Proefimport (controleren)' }).click();
      const result = page.locator('#hsds-import').locator('..').locator('.app-import-result');
      await result.getByText(/2 gegevens gecontroleerd\. Bij importeren: 1 nieuw, 0 bijgewerkt, 0 ongewijzigd, 1 afgewezen, 0 overgeslagen\./).waitFor();
      const records = result.getByRole('table', { name: '1 gegeven' });
      const rejected = records.getByRole('row', { name: /afgewezen/ });
      assert.match(await rejected.innerText(), /\/organizations\/1/);
      assert.match(await rejected.innerText(), /must have required property 'name'/);
      const created = await graphql(page.request, '{ organisations(search: "Schakel e2e", first: 5) { totalCount } }');
      assert.equal(created.organisations.totalCount, 0, 'the dry run wrote nothing');
      await expectAccessible(page, 'HSDS dry run');
      await screenshot(page.locator('#hsds-import').locator('..'), 'import-hsds-dry-run');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('dashboard: key figures as charts with a trend line, the locations map with and without map tiles, and the wijkkaart', { timeout: 120_000 }, async () => {
    const admin = await openPage(browser, api);
    const { context, page, errors } = await openPage(browser, api);
    try {
      // Set-up through the API as an admin: a second year of figures, and coordinates for three locations.
      await logIn(admin.page, api.accounts.ADMIN);
      const imported = await admin.page.request.post('/csv/key-figures', { data: GOOD_KEY_FIGURES, headers: { 'content-type': 'text/csv' } });
      assert.equal(imported.status(), 200, await imported.text());
      const found = await graphql(admin.page.request, '{ locations(area: "randenbroek-schuilenburg", first: 100) { edges { node { id name version } } } }');
      for (const place of PLACES) {
        const location = found.locations.edges.find((/** @type {any} */ e) => e.node.name === place.name)?.node;
        assert.ok(location, `location ${place.name}`);
        await graphql(admin.page.request, 'mutation ($id: ID!, $version: Int!, $input: UpdateLocationInput!) { updateLocation(id: $id, version: $version, input: $input) { id } }', {
          id: location.id,
          version: location.version,
          input: { latitude: place.latitude, longitude: place.longitude },
        });
      }

      // No internet here: the tile server is unreachable.
      await page.route(TILES, (route) => route.abort('internetdisconnected'));
      await logIn(page, api.accounts.MUNICIPALITY);
      await page.getByRole('heading', { level: 1, name: 'Wijkdashboard Randenbroek-Schuilenburg' }).waitFor();

      // Charts next to the key figures table: area against the city, each an image with a name and a text alternative.
      const figures = page.locator('section[aria-labelledby="key-figures"]');
      const percentages = figures.getByRole('figure', { name: 'Percentages: Randenbroek-Schuilenburg tegenover Amersfoort' });
      await percentages.getByRole('img', { name: 'Percentages: Randenbroek-Schuilenburg tegenover Amersfoort' }).waitFor();
      assert.ok((await percentages.locator('.recharts-bar-rectangle').count()) >= 4, 'bars for the area and the city');
      assert.match(await percentages.locator('svg[role="img"] > desc').textContent() ?? '', /Dezelfde cijfers staan in de tabel met kerncijfers/);
      // Values are printed on the bars (colour is not the only cue): the district's 20 % over 65 of 2004 … now 21,5 % in 2012.
      assert.ok((await percentages.locator('.recharts-label-list').allTextContents()).join(' ').includes('21,5%'));
      // The second year makes a trend: a line chart and, as its alternative, a table.
      const trend = figures.getByRole('figure', { name: 'Inwoners van 65 jaar en ouder (%) in Randenbroek-Schuilenburg door de jaren heen' });
      await trend.getByRole('img', { name: 'Inwoners van 65 jaar en ouder (%) in Randenbroek-Schuilenburg door de jaren heen' }).waitFor();
      assert.equal(await trend.locator('.recharts-line').count(), 2, 'a line for the district and one for the city');
      const trendTable = trend.getByRole('table', { name: 'Inwoners van 65 jaar en ouder (%) per jaar' });
      assert.deepEqual(
        (await trendTable.getByRole('row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim()),
        ['Jaar Randenbroek-Schuilenburg Amersfoort', '2004 20% 11,4%', '2009 onbekend 12%', '2012 21,5% 12,1%'],
      );
      await figures.scrollIntoViewIfNeeded();
      await screenshot(figures.locator('.app-charts'), 'dashboard-key-figure-charts');

      // The map: tiles unreachable, so a notice; the locations still on a plain background and in the table.
      const map = page.locator('section[aria-labelledby="locations"]');
      await map.scrollIntoViewIfNeeded();
      await map.getByText('De kaartachtergrond kon niet worden geladen.').waitFor();
      assert.equal(await map.locator('.leaflet-tile-loaded').count(), 0);
      await map.getByRole('region', { name: 'Kaart met de locaties in Randenbroek-Schuilenburg' }).waitFor();
      assert.equal(await map.locator('path.leaflet-interactive').count(), PLACES.length, 'a marker per location with coordinates');
      for (const place of PLACES) await map.locator('.leaflet-tooltip').filter({ hasText: place.name }).waitFor();
      const list = map.getByRole('table', { name: '3 locaties met coördinaten in Randenbroek-Schuilenburg' });
      assert.deepEqual((await list.locator('tbody th').allInnerTexts()).sort(), PLACES.map((p) => p.name).sort());
      await map.getByText(/andere locaties hebben geen coördinaten/).waitFor();
      // The map is reachable by keyboard and pans with the arrow keys.
      const container = map.locator('.leaflet-container');
      await container.focus();
      const before = await container.locator('.leaflet-map-pane').getAttribute('style');
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction((style) => document.querySelector('.leaflet-map-pane')?.getAttribute('style') !== style, before);
      // Each location is a button in the tab order; Enter opens its details.
      const marker = map.getByRole('button', { name: PLACES[0].name });
      await marker.focus();
      await page.keyboard.press('Enter');
      await map.locator('.leaflet-popup').filter({ hasText: PLACES[0].name }).waitFor();
      await page.keyboard.press('Tab');
      assert.notEqual(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), PLACES[0].name, 'Tab moves on from the marker');
      // axe once for the whole dashboard: the charts and the map without tiles (it takes a while on a page this size).
      await expectAccessible(page, 'dashboard with charts and the map without tiles');
      await screenshot(map, 'dashboard-locations-map');

      // The printable wijkkaart of the area, served by the API.
      const wijkkaart = page.getByRole('link', { name: 'Wijkkaart van Randenbroek-Schuilenburg (afdrukbare pagina)' });
      assert.equal(await wijkkaart.getAttribute('href'), '/reports/wijkkaart/randenbroek-schuilenburg');
      const report = await page.request.get('/reports/wijkkaart/randenbroek-schuilenburg');
      assert.equal(report.status(), 200);
      assert.match(report.headers()['content-type'], /text\/html/);
      assert.deepEqual(errors.filter((e) => !/Failed to load resource: net::ERR_INTERNET_DISCONNECTED/.test(e)), []);

      // With a reachable tile server the tiles load and there is no notice.
      await page.unroute(TILES);
      await page.route(TILES, (route) => route.fulfill({ status: 200, contentType: 'image/png', body: TILE_PNG }));
      await page.reload();
      const reloaded = page.locator('section[aria-labelledby="locations"]');
      await reloaded.scrollIntoViewIfNeeded();
      await reloaded.locator('.leaflet-tile-loaded').first().waitFor();
      assert.equal(await reloaded.getByText('De kaartachtergrond kon niet worden geladen.').count(), 0);
      assert.equal(await reloaded.locator('path.leaflet-interactive').count(), PLACES.length);
    } finally {
      await admin.context.close();
      await context.close();
    }
  });

  test('compare: two areas side by side in a table and a chart', { timeout: 90_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.MUNICIPALITY);
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Vergelijken' }).click();
      await page.getByRole('heading', { level: 1, name: 'Gebieden vergelijken' }).waitFor();
      await expectAccessible(page, 'compare, nothing chosen');

      // One area is not a comparison: the error is on the group and focus goes to it.
      await page.getByLabel('Kruiskamp (buurt)').check();
      await page.getByRole('button', { name: 'Vergelijken', exact: true }).click();
      await page.getByText('Kies ten minste 2 gebieden.').waitFor();
      assert.ok(await page.getByLabel('Kruiskamp (buurt)').evaluate((el) => el.closest('fieldset')?.contains(document.activeElement)));

      await page.getByLabel('Schuilenburg (buurt)').check();
      await page.getByRole('button', { name: 'Vergelijken', exact: true }).click();
      await page.waitForURL(/\/vergelijken\?gebieden=kruiskamp%2Cschuilenburg|\/vergelijken\?gebieden=schuilenburg%2Ckruiskamp/);
      const heading = page.getByRole('heading', { level: 2, name: /^Vergelijking: / });
      await heading.waitFor();
      const table = page.getByRole('table', { name: 'Kerncijfers per gebied (laatst bekende jaar)' });
      const columns = await table.getByRole('columnheader').allInnerTexts();
      assert.deepEqual(columns.slice(2).sort(), ['Amersfoort', 'Kruiskamp', 'Schuilenburg']);
      // §3.1 and §4.1: 38 % and 37 % non-western migrants against the city's 14 %.
      const migrants = (await table.getByRole('row', { name: /niet-westers/i }).getByRole('cell').allInnerTexts()).map((s) => s.trim());
      assert.deepEqual(migrants.slice(1).sort(), ['14%', '37%', '38%']);
      assert.equal(migrants[0], '2009');

      // The chart of one indicator per area, with the city as a reference line.
      const chart = page.getByRole('figure', { name: /per gebied$/ });
      await chart.getByRole('img', { name: /per gebied$/ }).waitFor();
      assert.equal(await chart.locator('.recharts-bar-rectangle').count(), 2);
      await page.getByLabel('Kerncijfer in de grafiek').selectOption({ label: await page.getByRole('row', { name: /niet-westers/i }).getByRole('rowheader').innerText() });
      await page.getByRole('figure', { name: /niet-westers.* per gebied$/i }).waitFor();
      assert.match((await chart.locator('.recharts-label-list').allTextContents()).join(' '), /38%.*37%|37%.*38%/);
      await page.getByRole('table', { name: 'Actieve diensten per doelgroep en gebied' }).waitFor();
      await expectAccessible(page, 'compare two areas');
      await screenshot(page, 'compare-areas', { fullPage: true });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('stale records: an admin marks one verified; an organisation user sees only their own', { timeout: 90_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    const org = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ADMIN);
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Controleren' }).click();
      await page.getByRole('heading', { level: 1, name: 'Te controleren gegevens' }).waitFor();
      await page.getByLabel('Soort').selectOption('ORGANISATION');
      await page.getByRole('button', { name: 'Tonen', exact: true }).click();
      await page.waitForURL(/soort=ORGANISATION/);
      const table = page.getByRole('table', { name: /^\d+ gegevens om te controleren$/ });
      await table.waitFor();
      const count = Number((await table.getByRole('caption').innerText()).match(/\d+/)?.[0]);
      assert.ok(count > 1);
      await expectAccessible(page, 'stale records');
      await screenshot(page, 'stale-records');

      const name = (await table.locator('tbody th').first().innerText()).trim();
      await table.getByRole('button', { name: `Markeren als gecontroleerd: ${name}` }).click();
      const notice = page.getByText(`${name} is gemarkeerd als gecontroleerd (vandaag).`);
      await notice.waitFor();
      await table.getByRole('caption').filter({ hasText: `${count - 1} gegevens om te controleren` }).waitFor();
      assert.equal(await table.locator('tbody th').filter({ hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).count(), 0);
      const verified = await graphql(page.request, '{ organisations(first: 100) { edges { node { name lastVerifiedAt } } } }');
      const record = verified.organisations.edges.find((/** @type {any} */ e) => e.node.name === name)?.node;
      assert.ok(record?.lastVerifiedAt, `${name} has a verification date`);
      await expectAccessible(page, 'stale records after marking one verified');
      assert.deepEqual(errors, []);

      // An organisation user: their own records only, and no access log in the menu.
      await logIn(org.page, api.accounts.ORGANISATION);
      const labels = await navLabels(org.page);
      assert.ok(labels.includes('Controleren'));
      assert.ok(!labels.includes('Toegangslog') && !labels.includes('Importeren en exporteren'));
      await org.page.goto('/controleren');
      const own = org.page.getByRole('table', { name: /gegevens? om te controleren$/ });
      await own.waitFor();
      const organisations = new Set((await own.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.querySelectorAll('td')[2]?.textContent?.trim()))));
      assert.deepEqual([...organisations], ['Stichting Welzijn Amersfoort']);
      await expectAccessible(org.page, 'stale records of an organisation');
      assert.deepEqual(org.errors, []);
    } finally {
      await org.context.close();
      await context.close();
    }
  });

  test('change history: an edit made in the form, with who, when and the field before and after', { timeout: 90_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ADMIN);
      const { organisation } = await graphql(page.request, '{ organisation(slug: "riagg-amersfoort") { id name phone } }');
      await page.goto(`/organisaties/${organisation.id}`);
      await page.getByRole('heading', { level: 1, name: `${organisation.name} bewerken` }).waitFor();
      await page.getByLabel('Telefoonnummer').fill('033 460 12 34');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByText('De wijzigingen zijn opgeslagen.').waitFor();

      await page.getByRole('link', { name: `Wijzigingsgeschiedenis van ${organisation.name}` }).click();
      await page.getByRole('heading', { level: 1, name: `Geschiedenis van ${organisation.name}` }).waitFor();
      assert.equal(await page.title(), `Geschiedenis van ${organisation.name} — Schakel`);
      const entries = page.locator('.app-history__entry');
      await entries.last().waitFor();
      const last = entries.last();
      assert.match(await last.getByRole('heading', { level: 2 }).innerText(), /: gewijzigd$/);
      assert.match(await last.innerText(), /Door Informatiebeheerder via de beheerapp of de API\./);
      const change = (await last.getByRole('row', { name: /^Telefoonnummer/ }).locator('th, td').allInnerTexts()).map((s) => s.trim());
      assert.deepEqual(change, ['Telefoonnummer', organisation.phone ?? '(leeg)', '033 460 12 34']);
      await expectAccessible(page, 'change history');
      await screenshot(page, 'change-history', { fullPage: true });

      // The stale-records list links to the history of each record as well.
      await page.goto('/controleren?soort=SERVICE');
      const table = page.getByRole('table', { name: /gegevens om te controleren$/ });
      const first = (await table.locator('tbody th').first().innerText()).trim();
      await table.getByRole('link', { name: `Geschiedenis van ${first}` }).click();
      await page.getByRole('heading', { level: 1, name: `Geschiedenis van ${first}` }).waitFor();
      await page.getByText(/wijziging(en)?\.$|Er zijn nog geen wijzigingen vastgelegd\./).first().waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('access log: an admin reads who opened a dossier; organisation users cannot open the page', { timeout: 90_000 }, async () => {
    const org = await openPage(browser, api);
    const { context, page, errors } = await openPage(browser, api);
    try {
      // An organisation signals a case and reads it: two lines in the access log.
      await logIn(org.page, api.accounts.ORGANISATION);
      const { organisation: receiver } = await graphql(org.page.request, '{ organisation(slug: "riagg-amersfoort") { id } }');
      const created = await graphql(org.page.request, 'mutation ($input: CreateReferralInput!) { createReferral(input: $input) { dossierNumber } }', {
        input: { receivingOrganisationId: receiver.id, area: 'schuilenburg', summary: 'Alleenwonende oudere komt de deur niet meer uit.', consent: { given: true, scope: 'RECEIVER' } },
      });
      const dossier = created.createReferral.dossierNumber;
      await graphql(org.page.request, 'query ($d: String!) { referral(dossierNumber: $d) { id summary } }', { d: dossier });

      await logIn(page, api.accounts.ADMIN);
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Toegangslog' }).click();
      await page.getByRole('heading', { level: 1, name: 'Toegangslog' }).waitFor();
      await expectAccessible(page, 'access log, empty form');
      // A malformed dossier number is refused at the field.
      await page.getByLabel('Dossiernummer').fill('42');
      await page.getByRole('button', { name: 'Toegangslog tonen' }).click();
      await page.locator('#access-log-dossier-error').waitFor();
      assert.equal(await page.getByLabel('Dossiernummer').getAttribute('aria-invalid'), 'true');

      await page.getByLabel('Dossiernummer').fill(dossier);
      await page.getByRole('button', { name: 'Toegangslog tonen' }).click();
      await page.waitForURL(new RegExp(`dossier=${dossier}`));
      const table = page.getByRole('table', { name: '2 regels in het toegangslog, de oudste eerst' });
      await table.waitFor();
      const rows = await table.locator('tbody tr').allInnerTexts();
      assert.match(rows[0], /aangemaakt[\s\S]*Welzijn Amersfoort[\s\S]*organisatie[\s\S]*Stichting Welzijn Amersfoort[\s\S]*createReferral/);
      assert.match(rows[1], /gelezen[\s\S]*Welzijn Amersfoort[\s\S]*referral/);
      await expectAccessible(page, 'access log of a dossier');
      await screenshot(page, 'access-log');
      assert.deepEqual(errors, []);

      // Not for organisation users: not in their menu, and the page says "no access".
      assert.ok(!(await navLabels(org.page)).includes('Toegangslog'));
      await org.page.goto('/toegangslog');
      await org.page.getByRole('heading', { level: 1, name: 'Geen toegang' }).waitFor();
      await expectAccessible(org.page, 'access log as an organisation user');
    } finally {
      await org.context.close();
      await context.close();
    }
  });

  test('municipality: imports key figures of its own areas only; organisation and HSDS imports are for admins', { timeout: 90_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.MUNICIPALITY);
      const labels = await navLabels(page);
      assert.ok(labels.includes('Importeren en exporteren') && labels.includes('Vergelijken'));
      assert.ok(!labels.includes('Toegangslog') && !labels.includes('Controleren'));
      await page.goto('/importeren');
      await page.getByRole('heading', { level: 2, name: 'Kerncijfers importeren (CSV)' }).waitFor();
      assert.equal(await page.getByLabel('Wat importeert u?').count(), 0, 'only key figures');
      assert.equal(await page.getByRole('heading', { name: 'HSDS importeren (Open Referral)' }).count(), 0);
      await page.getByRole('link', { name: 'Kerncijfers van Randenbroek-Schuilenburg (CSV)' }).waitFor();

      // Kruiskamp is not one of this user's areas: the dry run is refused for that row.
      await page.getByLabel('CSV-bestand met kerncijfers').setInputFiles(csvFile('kruiskamp.csv', [HEADER, 'kruiskamp,pct_rented,2012,60,Schakel e2e 2012,', ''].join('\n')));
      await page.getByRole('button', { name: 'Proefimport (controleren)' }).click();
      const result = page.locator('.app-import-result');
      await result.getByText(/U mag dit niet importeren/).waitFor();
      await result.getByRole('row', { name: /^2 / }).waitFor();
      await expectAccessible(page, 'municipality import refused');
      assert.deepEqual(errors.filter((e) => !/status of 403/.test(e)), []);
    } finally {
      await context.close();
    }
  });
});
