// @ts-check
/**
 * The duplicates warning end to end, in Debian's Chromium, against the real API and database with
 * the Amersfoort demo data: a new service named like an existing one, and an organisation renamed
 * to another's name, are warned under the name field with links to the close records (the API's
 * pg_trgm similarity); an unchanged name is not. An exact duplicate under the same organisation —
 * a service with the name of one of its services, a location at the address of one of its
 * locations — is refused on save, with the existing record linked under the field. axe-core with
 * the warning and the refusal shown.
 *
 * Without /usr/bin/chromium the tests are skipped, unless REQUIRE_BROWSER_TESTS=1.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, browser, describeInChromium, expectAccessible, graphql, logIn, openPage, pickOption, screenshot } from './harness.mjs';

describeInChromium('the duplicates warning in Chromium', () => {
  test('admin: a new service and a renamed organisation are warned of close names, with links', { timeout: 150_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ADMIN);
      const { service } = await graphql(page.request, '{ service(slug: "schakels-in-de-buurt") { id name } }');

      await page.goto('/diensten/nieuw');
      await page.getByRole('heading', { level: 1, name: 'Nieuwe dienst of activiteit' }).waitFor();
      const warning = page.locator('#svc-name-similar');
      await page.getByLabel('Naam (verplicht)').fill(service.name.replace(/^Schakels/, 'Schakel'));
      await warning.getByText('Er is al een dienst of activiteit met een naam die hierop lijkt:').waitFor();
      const link = warning.getByRole('link', { name: new RegExp(`^${service.name}`) });
      await link.waitFor();
      await screenshot(page, 'service-form-similar-names');
      await expectAccessible(page, 'new service form with the duplicates warning');
      // Something unlike any name: the warning goes.
      await page.getByLabel('Naam (verplicht)').fill('Zwemles voor volwassenen op zaterdagochtend');
      await warning.getByRole('link').first().waitFor({ state: 'detached' });
      await page.getByLabel('Naam (verplicht)').fill(service.name);
      await warning.getByText('(dezelfde naam)').waitFor();
      await warning.getByRole('link', { name: new RegExp(`^${service.name}`) }).click();
      await page.waitForURL(new RegExp(`/diensten/${service.id}$`));

      // An organisation renamed to another's name; its own unchanged name warns of nothing.
      const { organisation: swa } = await graphql(page.request, '{ organisation(slug: "swa") { id name } }');
      const { organisation: riagg } = await graphql(page.request, '{ organisation(slug: "riagg-amersfoort") { id name } }');
      await page.goto(`/organisaties/${riagg.id}`);
      await page.getByRole('heading', { level: 1, name: `${riagg.name} bewerken` }).waitFor();
      const orgWarning = page.locator('#org-name-similar');
      // Give the (debounced) check time to have run on the unchanged name: nothing is shown.
      await page.waitForTimeout(800);
      assert.equal(await orgWarning.getByRole('link').count(), 0);
      await page.getByLabel('Naam (verplicht)').fill(swa.name.toLowerCase());
      await orgWarning.getByText(/organisaties? met een naam die hierop lijk(t|en):/).waitFor();
      await orgWarning.getByRole('listitem').filter({ hasText: swa.name }).getByText('(dezelfde naam)').waitFor();
      assert.equal(await orgWarning.getByRole('link', { name: riagg.name, exact: true }).count(), 0, 'not its own duplicate');
      await expectAccessible(page, 'organisation form with the duplicates warning');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('admin: an exact duplicate service or location of the same organisation is refused, linking the existing record', { timeout: 150_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ADMIN);
      const { organisation: swa } = await graphql(page.request, '{ organisation(slug: "swa") { id name services { id name } } }');
      const [existing] = swa.services;
      assert.ok(existing, 'the demo data gives Stichting Welzijn Amersfoort a service');

      // A new service of the same provider with the same name, written in other case and spacing.
      await page.goto('/diensten/nieuw');
      await page.getByRole('heading', { level: 1, name: 'Nieuwe dienst of activiteit' }).waitFor();
      await page.getByLabel('Naam (verplicht)').fill(`  ${existing.name.toUpperCase()} `);
      await pickOption(page, 'Aanbieder', 'welzijn amersf', swa.name);
      await page.getByRole('button', { name: 'Dienst toevoegen' }).click();
      const serviceRefusal = page.locator('#service-name-duplicate');
      await serviceRefusal.getByText('Deze organisatie heeft al een dienst of activiteit met deze naam:').waitFor();
      await expectAccessible(page, 'new service form refused as a duplicate');
      await screenshot(page, 'service-form-exact-duplicate');
      assert.equal(page.url().endsWith('/diensten/nieuw'), true, 'nothing was created');
      await serviceRefusal.getByRole('link', { name: existing.name, exact: true }).click();
      await page.waitForURL(new RegExp(`/diensten/${existing.id}$`));

      // A location at the address of another location of the same organisation (postcode spaced otherwise).
      const { createLocation: first } = await graphql(
        page.request,
        'mutation ($input: CreateLocationInput!) { createLocation(input: $input) { id name } }',
        { input: { name: 'Wijkpost Koppelplein', organisationId: swa.id, address: 'Koppelplein 12', postcode: '3812 AB', city: 'Amersfoort' } },
      );
      await page.goto('/locaties/nieuw');
      await page.getByLabel('Naam (verplicht)').fill('Ontmoetingsruimte De Koppel');
      await pickOption(page, 'Organisatie', 'welzijn amersf', swa.name);
      await page.getByLabel('Straat en huisnummer').fill('koppelplein 12');
      await page.getByLabel('Postcode').fill('3812ab');
      await page.getByRole('button', { name: 'Locatie toevoegen' }).click();
      const locationRefusal = page.locator('#location-address-duplicate');
      await locationRefusal.getByText('Deze organisatie heeft al een locatie met deze naam of op dit adres:').waitFor();
      assert.equal(await page.locator('#location-name-duplicate').count(), 0, 'the name is not the problem');
      await expectAccessible(page, 'new location form refused as a duplicate address');
      const { locations } = await graphql(page.request, '{ locations(first: 100, search: "Ontmoetingsruimte") { edges { node { name } } } }');
      assert.equal(locations.edges.filter((e) => e.node.name === 'Ontmoetingsruimte De Koppel').length, 0, 'nothing was created');
      await locationRefusal.getByRole('link', { name: first.name, exact: true }).click();
      await page.waitForURL(new RegExp(`/locaties/${first.id}$`));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
