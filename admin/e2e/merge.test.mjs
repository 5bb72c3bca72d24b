// @ts-check
/**
 * Exact duplicates and merging two organisations end to end, in Debian's Chromium, against the
 * real API and database with the Amersfoort demo data: an organisation renamed to another's exact
 * name is refused under the name field with a link to that one; an admin merges one organisation
 * into another from its edit page (the searchable combobox, a confirmation that counts what moves)
 * and lands on the target, which now provides the source's service. axe-core on every step.
 *
 * Without /usr/bin/chromium the tests are skipped, unless REQUIRE_BROWSER_TESTS=1.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, browser, describeInChromium, expectAccessible, graphql, logIn, openPage, pickOption, screenshot } from './harness.mjs';

describeInChromium('exact duplicates and merging organisations in Chromium', () => {
  test('admin: a rename to a taken name is refused with a link; two organisations are merged', { timeout: 180_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ADMIN);
      const create = 'mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id name version } }';
      const { createOrganisation: source } = await graphql(page.request, create, { input: { name: 'Buurtwerk Oud-Schuilenburg', sector: 'WELFARE' } });
      const { createOrganisation: target } = await graphql(page.request, create, { input: { name: 'Buurtwerk Schuilenburg', sector: 'WELFARE' } });
      const { createService: service } = await graphql(page.request, 'mutation ($input: CreateServiceInput!) { createService(input: $input) { id name } }', {
        input: { name: 'Maatjes voor ouderen in Schuilenburg', organisationId: source.id },
      });

      // A rename to the target's exact name (other case and spacing): refused, with a link to the target.
      await page.goto(`/organisaties/${source.id}`);
      await page.getByRole('heading', { level: 1, name: `${source.name} bewerken` }).waitFor();
      await page.getByLabel('Naam (verplicht)').fill('  buurtwerk   SCHUILENBURG ');
      await page.getByRole('button', { name: 'Opslaan' }).first().click();
      const duplicate = page.locator('#org-name-duplicate');
      await duplicate.getByText('Er is al een organisatie met deze naam:').waitFor();
      const link = duplicate.getByRole('link', { name: target.name, exact: true });
      await link.waitFor();
      assert.equal(await link.getAttribute('href'), `/organisaties/${target.id}`);
      await screenshot(page, 'organisation-form-duplicate-name');
      await expectAccessible(page, 'organisation form with the duplicate refused');
      assert.equal((await graphql(page.request, 'query ($id: ID!) { organisation(id: $id) { name version } }', { id: source.id })).organisation.name, source.name);

      // Merge it into the target instead.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: `${source.name} bewerken` }).waitFor();
      const panel = page.getByRole('region', { name: 'Samenvoegen' });
      await panel.waitFor();
      await pickOption(page, 'Samenvoegen met', 'Buurtwerk Schuil', target.name);
      await panel.getByRole('button', { name: 'Bekijk wat er verhuist' }).click();
      await panel.getByText(`${source.name} samenvoegen met ${target.name}`).waitFor();
      await panel.getByRole('listitem').filter({ hasText: '1 dienst of activiteit' }).waitFor();
      await panel.getByRole('button', { name: `Samenvoegen met ${target.name}` }).scrollIntoViewIfNeeded();
      await screenshot(page, 'organisation-merge-confirm');
      await expectAccessible(page, 'the merge confirmation');
      await panel.getByRole('button', { name: `Samenvoegen met ${target.name}` }).click();
      await page.waitForURL(new RegExp(`/organisaties/${target.id}$`));
      await page.getByRole('heading', { level: 1, name: `${target.name} bewerken` }).waitFor();
      await expectAccessible(page, 'the target after the merge');

      const { organisation: merged } = await graphql(page.request, 'query ($id: ID!) { organisation(id: $id) { services { id name } } }', { id: target.id });
      assert.deepEqual(merged.services, [{ id: service.id, name: service.name }]);
      const { organisation: gone } = await graphql(page.request, 'query ($id: ID!) { organisation(id: $id) { archivedAt mergedIntoId } }', { id: source.id });
      assert.equal(gone.mergedIntoId, target.id);
      assert.ok(gone.archivedAt);
      // The service's page names the target as its provider now.
      await page.goto(`/diensten/${service.id}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForFunction((name) => /** @type {HTMLInputElement | null} */ (document.querySelector('#svc-organisationId'))?.value.startsWith(name), target.name);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
