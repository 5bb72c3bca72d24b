// @ts-check
/**
 * The curator's taxonomy mapping in the admin app (issue 15): on the import page the admin adds a
 * mapping of another publication's term to one of our target groups, checks it (nothing saved),
 * sees a bad row refused under its field, saves, and the next HSDS import links the service that
 * carries the term to that target group.
 *
 * Without /usr/bin/chromium the tests are skipped, unless REQUIRE_BROWSER_TESTS=1.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { api, browser, describeInChromium, expectAccessible, graphql, logIn, openPage, pickOption, repoRoot } from './harness.mjs';

const example = JSON.parse(fs.readFileSync(path.join(repoRoot, 'api/src/modules/hsds/fixtures/hsds-3.0/examples/service_full.json'), 'utf8'));
const SERVICE = example.id;
const term = example.attributes[0].taxonomy_term;

describeInChromium('the taxonomy mapping, kept by the admin', () => {
  test('admin: adds a mapping, checks it, a bad row is refused, saves; the import links the mapped target group', { timeout: 120_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ADMIN);
      const groups = await graphql(page.request, `{ targetGroups(first: 1) { edges { node { code nameNl } } } }`);
      const group = groups.targetGroups.edges[0].node;

      await page.goto('/importeren');
      const section = page.getByRole('form', { name: 'Koppeling van taxonomieën' });
      await section.getByText('Er zijn nog geen koppelingen.').waitFor();
      await section.getByRole('button', { name: 'Koppeling toevoegen' }).click();
      await section.getByRole('textbox', { name: 'Taxonomie' }).fill(term.taxonomy_detail.id);
      await section.getByRole('textbox', { name: 'Term', exact: true }).fill(term.code);
      await pickOption(page, 'Doelgroep', group.nameNl.slice(0, 5), group.nameNl);
      assert.equal(await section.getByRole('combobox', { name: 'Doelgroep', exact: true }).inputValue(), group.nameNl);

      // A second row without a term: refused by the API, shown under that row's field, nothing saved.
      await section.getByRole('button', { name: 'Koppeling toevoegen' }).click();
      await section.getByRole('group', { name: 'Koppeling 2' }).getByRole('textbox', { name: 'Taxonomie' }).fill('Open Eligibility');
      await section.getByRole('button', { name: 'Controleren' }).click();
      const refusal = page.locator('#taxonomy-mapping-outcome');
      await refusal.getByText(/^Koppeling 2: /).waitFor().catch(async (error) => {
        throw new Error(`${error.message}\nstatus: ${await refusal.innerText()}`);
      });
      await expectAccessible(page, 'taxonomy mapping refused');
      await section.getByRole('button', { name: 'Koppeling 2 verwijderen' }).click();

      await section.getByRole('button', { name: 'Controleren' }).click();
      await section.getByText('Alle 1 koppelingen zijn in orde; er is nog niets opgeslagen.').waitFor();
      const stored = await page.request.get('/hsds/taxonomy_mappings');
      assert.deepEqual(await stored.json(), []);
      await section.getByRole('button', { name: 'Koppelingen opslaan' }).click();
      await section.getByText('1 koppelingen opgeslagen.').waitFor();
      const saved = await (await page.request.get('/hsds/taxonomy_mappings')).json();
      assert.deepEqual(saved, [{ taxonomy: String(term.taxonomy_detail.id).toLowerCase(), term: String(term.code).toLowerCase(), targetGroup: group.code }]);

      // The mapping is there after a reload, and the import uses it.
      await page.reload();
      assert.equal(await section.getByRole('textbox', { name: 'Term', exact: true }).inputValue(), String(term.code).toLowerCase());
      const imported = await page.request.post('/hsds/import', { headers: { 'content-type': 'application/json' }, data: example });
      assert.equal(imported.status(), 200, await imported.text());
      const service = await graphql(page.request, `query($id: ID!) { service(id: $id) { targetGroups { code } } }`, { id: SERVICE });
      assert.deepEqual(service.service.targetGroups, [{ code: group.code }]);
      // The one refused check (400) is the only failed request.
      assert.deepEqual(errors, ['console error: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
    } finally {
      await context.close();
    }
  });
});
