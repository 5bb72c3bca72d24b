// @ts-check
/**
 * The curated search synonyms, end to end in Debian's Chromium against the real API and database
 * with the Amersfoort demo data and the migrations' starting list: an admin reads the groups from
 * the menu, is refused a group with a term another group has (in Dutch, naming the term), adds a
 * group, sees search follow it — aanschuiftafel finds the Eetclub — and deletes it after
 * a confirmation, after which search no longer does. axe-core on every page.
 *
 * Without /usr/bin/chromium the tests are skipped, unless REQUIRE_BROWSER_TESTS=1.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, browser, describeInChromium, expectAccessible, graphql, logIn, openPage, screenshot } from './harness.mjs';

/** Names of the services a search finds. */
async function found(page, search) {
  const { services } = await graphql(page.request, 'query ($search: String!) { services(search: $search, first: 100) { edges { node { name } } } }', { search });
  return services.edges.map((/** @type {{ node: { name: string } }} */ e) => e.node.name).sort();
}

describeInChromium('curating search synonyms in Chromium', () => {
  test('admin: reads, adds (after a term taken by another group), follows in search and deletes a synonym group', { timeout: 150_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ADMIN);
      const eetclub = await found(page, 'eetclub');
      assert.ok(eetclub.length > 0, 'the demo data has the Eetclub');
      assert.deepEqual(await found(page, 'aanschuiftafel'), [], 'nothing says aanschuiftafel');

      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Zoeksynoniemen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Zoeksynoniemen' }).waitFor();
      await page.getByRole('link', { name: 'ouderen ~ senioren ~ 65-plussers' }).waitFor();
      await expectAccessible(page, 'search synonyms list');
      await screenshot(page, 'search-synonyms');

      await page.getByRole('link', { name: 'Synoniemen toevoegen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Synoniemen toevoegen' }).waitFor();
      const terms = page.getByLabel('Termen (verplicht)');
      await terms.fill('eetclub\naanschuiftafel\nsenioren');
      await page.getByRole('button', { name: 'Synoniemen toevoegen' }).click();
      await page.getByText('„senioren” staat al in een andere groep synoniemen; een term staat in hooguit één groep.').first().waitFor();
      await expectAccessible(page, 'new synonym group refused');
      await terms.fill('eetclub\naanschuiftafel');
      await page.getByRole('button', { name: 'Synoniemen toevoegen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Synoniemen eetclub ~ aanschuiftafel bewerken' }).waitFor();
      await expectAccessible(page, 'synonym group edit page');
      // Search follows the group at once: the phrase finds what says "eetclub".
      assert.deepEqual(await found(page, 'aanschuiftafel'), eetclub);

      await page.getByRole('button', { name: 'Groep verwijderen…' }).click();
      const question = page.getByRole('group', { name: 'De groep eetclub ~ aanschuiftafel verwijderen?' });
      await question.waitFor();
      await expectAccessible(page, 'deleting a synonym group, the confirmation');
      await question.getByRole('button', { name: 'Verwijderen', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Zoeksynoniemen' }).waitFor();
      await page.getByText('De groep eetclub ~ aanschuiftafel is verwijderd.').waitFor();
      assert.equal(await page.getByRole('link', { name: 'eetclub ~ aanschuiftafel' }).count(), 0);
      assert.deepEqual(await found(page, 'aanschuiftafel'), []);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
