// @ts-check
/**
 * Areas end to end, in Debian's Chromium, against the real API and database with the Amersfoort
 * demo data: an admin reads the areas as a tree, adds a neighbourhood under a district (the
 * required name refused first, then a code that does not fit its level), uploads its boundary as
 * a GeoJSON file, saves through a version conflict, and archives and restores it. axe-core on
 * every step.
 *
 * Without /usr/bin/chromium the tests are skipped, unless REQUIRE_BROWSER_TESTS=1.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, browser, describeInChromium, expectAccessible, graphql, logIn, openPage, pickOption, screenshot } from './harness.mjs';

/** A small square in Schuilenburg as a GeoJSON Feature, the way GIS tools export one. */
const BOUNDARY = {
  type: 'Feature',
  properties: { naam: 'Eemhavenbuurt' },
  geometry: { type: 'Polygon', coordinates: [[[5.401, 52.151], [5.405, 52.151], [5.405, 52.154], [5.401, 52.154], [5.401, 52.151]]] },
};

describeInChromium('areas in Chromium', () => {
  test('admin: the tree, a new neighbourhood with field errors, its boundary from a GeoJSON file, a conflict, archive and restore', { timeout: 180_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ADMIN);
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Gebieden' }).click();
      await page.getByRole('heading', { level: 1, name: 'Gebieden' }).waitFor();
      const { area: district } = await graphql(page.request, '{ area(slug: "randenbroek-schuilenburg") { id name level } }');
      await page.getByRole('link', { name: district.name, exact: true }).waitFor();
      await expectAccessible(page, 'areas tree');

      await page.getByRole('link', { name: 'Nieuw gebied toevoegen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Nieuw gebied' }).waitFor();
      await page.getByRole('button', { name: 'Gebied toevoegen' }).click();
      const summary = page.locator('.app-error-summary');
      await summary.getByText(/Het gebied is niet toegevoegd\./).waitFor();
      assert.ok((await summary.getByRole('listitem').allInnerTexts()).some((text) => text.startsWith('Naam:')));

      const name = `Eemhavenbuurt ${Date.now() % 100000}`;
      await page.getByLabel('Naam (verplicht)').fill(name);
      await page.getByLabel('Niveau').selectOption('NEIGHBOURHOOD');
      await pickOption(page, 'Ligt in', district.name.slice(0, 10), district.name);
      await page.getByLabel('CBS-code').fill('GM0307');
      await page.getByRole('button', { name: 'Gebied toevoegen' }).click();
      await summary.getByRole('listitem').filter({ hasText: /^CBS-code:/ }).waitFor();
      await page.locator('#area-code-error').waitFor();
      await expectAccessible(page, 'new area with a field error');
      await page.getByLabel('CBS-code').fill('');
      await page.getByRole('button', { name: 'Gebied toevoegen' }).click();
      await page.getByRole('heading', { level: 1, name: `${name} bewerken` }).waitFor();
      await page.getByText('Het gegeven is toegevoegd. U kunt het hieronder verder aanvullen.').waitFor();
      const id = new URL(page.url()).pathname.split('/').pop();
      const created = (await graphql(page.request, 'query ($id: ID!) { area(id: $id) { level parent { id } boundary version } }', { id })).area;
      assert.deepEqual({ level: created.level, parent: created.parent, boundary: created.boundary }, { level: 'NEIGHBOURHOOD', parent: { id: district.id }, boundary: null });

      // The boundary from a file; someone else changes the area meanwhile: the conflict, the newest version, again.
      await graphql(page.request, 'mutation ($id: ID!, $version: Int!) { updateArea(id: $id, version: $version, input: { description: "Aan de Eem." }) { version } }', { id, version: created.version });
      await page.getByLabel('Grens (GeoJSON-bestand)').setInputFiles({ name: 'eemhavenbuurt.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(BOUNDARY)) });
      await page.getByText('Gekozen: eemhavenbuurt.geojson; opgeslagen bij Opslaan.').waitFor();
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByRole('heading', { name: 'Iemand anders heeft dit gegeven intussen gewijzigd' }).waitFor();
      await page.getByRole('button', { name: 'Nieuwste gegevens laden' }).click();
      await page.getByText('De nieuwste gegevens zijn geladen.', { exact: false }).waitFor();
      assert.equal(await page.getByLabel('Omschrijving').inputValue(), 'Aan de Eem.');
      await page.getByLabel('Grens (GeoJSON-bestand)').setInputFiles({ name: 'eemhavenbuurt.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(BOUNDARY)) });
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByText('De wijzigingen zijn opgeslagen.').waitFor();
      const saved = (await graphql(page.request, 'query ($id: ID!) { area(id: $id) { boundary } }', { id })).area;
      assert.deepEqual(saved.boundary?.type, 'Polygon');
      await page.getByText('Er is een grens opgeslagen; een nieuw bestand vervangt die.', { exact: false }).waitFor();
      // Not GeoJSON: said under the field, nothing sent.
      await page.getByLabel('Grens (GeoJSON-bestand)').setInputFiles({ name: 'kaart.json', mimeType: 'application/json', buffer: Buffer.from('geen json') });
      await page.locator('#area-boundary-error').getByText(/geen GeoJSON/).waitFor();
      await screenshot(page, 'area-form');
      await expectAccessible(page, 'area form with a boundary');

      await page.getByRole('button', { name: 'Archiveren' }).click();
      await page.getByText('Het gegeven is gearchiveerd.').waitFor();
      assert.ok((await graphql(page.request, 'query ($id: ID!) { area(id: $id) { archivedAt } }', { id })).area.archivedAt);
      await page.getByRole('button', { name: 'Terugzetten' }).click();
      await page.getByText('Het gegeven is teruggezet.').waitFor();
      await expectAccessible(page, 'restored area');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
