// @ts-check
/**
 * The dashboard's map shows the area (issue 18): the district's neighbourhoods as polygons
 * coloured by a key figure chosen in a select, a legend and a table that say the same, and the
 * locations without a position counted with a link to each one's form to place it. The tile
 * server is played by the test (a grey PNG), and then made unreachable: the plain background.
 *
 * Without /usr/bin/chromium the tests are skipped, unless REQUIRE_BROWSER_TESTS=1.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, browser, describeInChromium, expectAccessible, graphql, logIn, openPage, screenshot } from './harness.mjs';

const TILES = /^https:\/\/([a-z]\.)?tile\.openstreetmap\.org\//;
const TILE_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGO4BwAA0ADPOK8xWgAAAABJRU5ErkJggg==', 'base64');
/** The legend's colours, light to dark (figureMap.ts), and the grey of an area without a value. */
const CLASS_COLOURS = ['#deebf7', '#9ecae1', '#4292c6', '#08519c'];

/** A rectangle as a GeoJSON Polygon (WGS 84), west to east and south to north. */
const rectangle = (/** @type {number} */ west, /** @type {number} */ south, /** @type {number} */ east, /** @type {number} */ north) => ({
  type: 'Polygon',
  coordinates: [
    [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ],
  ],
});
/** Randenbroek west of Schuilenburg, side by side (roughly where they lie in Amersfoort). */
const BOUNDARIES = { randenbroek: rectangle(5.392, 52.15, 5.402, 52.162), schuilenburg: rectangle(5.402, 52.15, 5.412, 52.162) };

describeInChromium('the dashboard map: neighbourhoods coloured by a key figure, locations to place', () => {
  test('a district’s neighbourhoods by a chosen key figure, the legend and table alike, and links to place the unplaced locations', { timeout: 150_000 }, async () => {
    const admin = await openPage(browser, api);
    const { context, page, errors } = await openPage(browser, api, {});
    try {
      // Set-up as an admin through the API: the two neighbourhoods' boundaries.
      await logIn(admin.page, api.accounts.ADMIN);
      for (const [slug, boundary] of Object.entries(BOUNDARIES)) {
        const { area } = await graphql(admin.page.request, 'query ($slug: String!) { area(slug: $slug) { id version } }', { slug });
        await graphql(admin.page.request, 'mutation ($id: ID!, $version: Int!, $input: UpdateAreaInput!) { updateArea(id: $id, version: $version, input: $input) { id } }', {
          id: area.id,
          version: area.version,
          input: { boundary },
        });
      }
      const ranked = await graphql(
        admin.page.request,
        '{ rankAreas(municipality: "randenbroek-schuilenburg", by: INDICATOR, indicator: "population", level: NEIGHBOURHOOD) { items { value area { slug } } } }',
      );
      const population = Object.fromEntries(ranked.rankAreas.items.map((/** @type {any} */ item) => [item.area.slug, item.value]));
      assert.ok(population.randenbroek > 0 && population.schuilenburg > 0 && population.randenbroek !== population.schuilenburg, JSON.stringify(population));
      await page.route(TILES, (route) => route.fulfill({ status: 200, contentType: 'image/png', body: TILE_PNG }));
      // A municipality user sees how many have no position, and their names (not theirs to place).
      await logIn(page, api.accounts.MUNICIPALITY);
      await page.goto('/wijken/randenbroek-schuilenburg');
      const readOnly = page.locator('section[aria-labelledby="locations"] details');
      await readOnly.locator('summary').click();
      assert.ok((await readOnly.getByRole('listitem').count()) > 0);
      assert.equal(await readOnly.getByRole('link').count(), 0);
      await admin.context.close();

      // The admin, who curates every record, gets a link to each one's form.
      await page.context().clearCookies();
      await logIn(page, api.accounts.ADMIN);
      await page.goto('/wijken/randenbroek-schuilenburg');
      await page.getByRole('heading', { level: 1, name: 'Wijkdashboard Randenbroek-Schuilenburg' }).waitFor();
      const section = page.locator('section[aria-labelledby="locations"]');
      await section.scrollIntoViewIfNeeded();

      // The select of key figures; the first is chosen, the map has a polygon per neighbourhood.
      const select = section.getByLabel('Kleur de buurten naar');
      await select.waitFor();
      await select.selectOption('population');
      const polygons = section.locator('.leaflet-overlay-pane path');
      await section.locator('.leaflet-tile-loaded').first().waitFor();
      await section.getByRole('region', { name: 'Kaart met de grens van Randenbroek-Schuilenburg' }).waitFor();
      assert.equal(await polygons.count(), 2, 'one polygon per neighbourhood');
      const fills = await polygons.evaluateAll((paths) => paths.map((p) => p.getAttribute('fill')));
      // The lower population light, the higher dark; two classes of the legend's colours.
      const [low, high] = population.randenbroek < population.schuilenburg ? [fills[0], fills[1]] : [fills[1], fills[0]];
      assert.equal(low, CLASS_COLOURS[0], `fills ${fills}`);
      assert.equal(high, CLASS_COLOURS[3], `fills ${fills}`);

      // The legend says the same classes in words, the table the same values.
      const legend = section.getByRole('list', { name: /^Legenda: / });
      const legendItems = (await legend.getByRole('listitem').allInnerTexts()).map((text) => text.trim());
      assert.equal(legendItems.length, 2, legendItems.join(' | '));
      for (const item of legendItems) assert.match(item, /^[\d.]+ tot [\d.]+$/);
      const swatches = await legend.locator('.app-map-legend__swatch').evaluateAll((spans) => spans.map((s) => getComputedStyle(s).backgroundColor));
      assert.deepEqual(swatches, ['rgb(222, 235, 247)', 'rgb(8, 81, 156)']);
      const table = section.getByRole('table', { name: /per buurt$/ });
      const rows = (await table.locator('tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
      assert.deepEqual(rows.map((r) => r.split(' ')[0]).sort(), ['Randenbroek', 'Schuilenburg']);
      assert.ok(rows.some((r) => r.includes(new Intl.NumberFormat('nl-NL').format(population.randenbroek))), rows.join(' | '));

      // Another key figure recolours the map and retitles legend and table.
      const options = await select.locator('option').evaluateAll((os) => os.map((o) => /** @type {HTMLOptionElement} */ (o).value));
      assert.ok(options.length > 3, `key figures to choose: ${options}`);
      const other = options.find((code) => code !== 'population' && code.startsWith('pct'))
        ?? options.find((code) => code !== 'population');
      assert.ok(other);
      const otherName = (await select.locator(`option[value="${other}"]`).innerText()).trim();
      await select.selectOption(other);
      await section.getByRole('list', { name: `Legenda: ${otherName}` }).waitFor();
      await section.getByRole('table', { name: `${otherName} per buurt` }).waitFor();
      assert.equal(await section.locator('.leaflet-overlay-pane path').count(), 2);

      // Locations without a position: counted, each linked to its form to place it.
      const unplaced = section.locator('details summary');
      assert.match(await unplaced.innerText(), /^\d+ locaties hebben geen coördinaten: plaats ze op de kaart$/);
      await unplaced.click();
      const placeLinks = section.locator('details').getByRole('link', { name: /^Coördinaten invullen voor / });
      const count = Number((await unplaced.innerText()).split(' ')[0]);
      assert.equal(await placeLinks.count(), count);
      await select.selectOption('population');
      await expectAccessible(page, 'dashboard with the key-figure map');
      await screenshot(section, 'dashboard-figure-map');

      // A link opens the location's form, where its position is entered.
      const first = placeLinks.first();
      const name = (await first.innerText()).replace('Coördinaten invullen voor ', '');
      assert.match(String(await first.getAttribute('href')), /^\/locaties\/[0-9a-f-]{36}$/);
      await first.click();
      await page.getByRole('heading', { level: 1, name: new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).waitFor();

      // Tile server unreachable: the notice, the coloured neighbourhoods on a plain background.
      await page.unroute(TILES);
      await page.route(TILES, (route) => route.abort('internetdisconnected'));
      await page.goto('/wijken/randenbroek-schuilenburg');
      const again = page.locator('section[aria-labelledby="locations"]');
      await again.scrollIntoViewIfNeeded();
      await again.getByText('De kaartachtergrond kon niet worden geladen.').waitFor({ timeout: 20_000 });
      assert.equal(await again.locator('.leaflet-overlay-pane path').count(), 2);
      assert.deepEqual(errors.filter((e) => !/Failed to load resource: net::ERR_INTERNET_DISCONNECTED/.test(e)), []);
    } finally {
      await context.close();
    }
  });
});
