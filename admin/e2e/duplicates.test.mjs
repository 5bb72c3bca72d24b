// @ts-check
/**
 * The duplicates warning end to end, in Debian's Chromium, against the real API and database with
 * the Amersfoort demo data: a new service named like an existing one, and an organisation renamed
 * to another's name, are warned under the name field with links to the close records (the API's
 * pg_trgm similarity); an unchanged name is not. axe-core with the warning shown.
 *
 * Without /usr/bin/chromium the tests are skipped, unless REQUIRE_BROWSER_TESTS=1.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, browser, describeInChromium, expectAccessible, graphql, logIn, openPage, screenshot } from './harness.mjs';

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
});
