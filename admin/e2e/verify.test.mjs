// @ts-check
/**
 * Records to verify end to end, in Debian's Chromium, against the real API and database with the
 * Amersfoort demo data: an admin filters the work list by area and organisation with the
 * searchable pickers (kept in the address), opens a row's form from its link, chooses a few rows
 * and marks them verified at once; an organisation user verifies a selection of their own.
 * axe-core on every page.
 *
 * Without /usr/bin/chromium the tests are skipped, unless REQUIRE_BROWSER_TESTS=1.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, browser, describeInChromium, expectAccessible, graphql, logIn, openPage, pickOption, screenshot } from './harness.mjs';

const STALE = 'query ($organisation: ID, $area: ID) { staleRecords(organisation: $organisation, area: $area, first: 100) { totalCount edges { node { id entityType name organisation { id name } } } } }';

describeInChromium('records to verify in Chromium', () => {
  test('admin: filters by area and organisation, opens a record, verifies a selection at once', { timeout: 180_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ADMIN);
      await page.goto('/controleren');
      await page.getByRole('heading', { level: 1, name: 'Te controleren gegevens' }).waitFor();
      const table = page.getByRole('table', { name: /gegevens? om te controleren$/ });
      await table.waitFor();
      const all = Number((await table.getByRole('caption').innerText()).match(/\d+/)?.[0]);

      // The area filter, then the organisation too: the address keeps both, the list is the API's.
      const { area } = await graphql(page.request, '{ area(slug: "randenbroek-schuilenburg") { id name } }');
      await pickOption(page, 'Wijk of buurt', 'randenbroek', area.name);
      await page.getByRole('button', { name: 'Tonen', exact: true }).click();
      await page.waitForURL(new RegExp(`gebied=${area.id}`));
      const inArea = (await graphql(page.request, STALE, { area: area.id })).staleRecords;
      assert.ok(inArea.totalCount > 2 && inArea.totalCount < all, `the area keeps some of the ${all} records (${inArea.totalCount})`);
      await table.getByRole('caption').filter({ hasText: new RegExp(`^${inArea.totalCount} gegevens om te controleren$`) }).waitFor();
      await expectAccessible(page, 'stale records filtered by area');

      // The organisation with the most records to verify in the area.
      /** @type {Map<string, { id: string; name: string; count: number }>} */
      const byOrganisation = new Map();
      for (const { node } of inArea.edges) {
        if (!node.organisation) continue;
        const entry = byOrganisation.get(node.organisation.id) ?? { ...node.organisation, count: 0 };
        entry.count++;
        byOrganisation.set(entry.id, entry);
      }
      const busiest = [...byOrganisation.values()].sort((a, b) => b.count - a.count)[0];
      await pickOption(page, 'Organisatie', busiest.name.slice(0, 10), busiest.name);
      await page.getByRole('button', { name: 'Tonen', exact: true }).click();
      await page.waitForURL(new RegExp(`organisatie=${busiest.id}`));
      const both = (await graphql(page.request, STALE, { area: area.id, organisation: busiest.id })).staleRecords;
      assert.ok(both.totalCount >= 2, `${busiest.name} has records to verify in ${area.name}`);
      await table.getByRole('caption').filter({ hasText: new RegExp(`^${both.totalCount} gegevens? om te controleren$`) }).waitFor();
      assert.match(await page.getByRole('combobox', { name: 'Organisatie', exact: true }).inputValue(), new RegExp(`^${busiest.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));

      // A row's name opens its form.
      const first = both.edges[0].node;
      await table.getByRole('link', { name: `${first.name} bekijken en bijwerken` }).click();
      await page.getByRole('heading', { level: 1, name: new RegExp(first.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).waitFor();
      await page.goBack();
      await table.waitFor();

      // Choose two rows; the button says how many; both are verified in one go.
      const chosen = both.edges.slice(0, 2).map((/** @type {any} */ e) => e.node);
      for (const record of chosen) await table.getByRole('checkbox', { name: `Kiezen: ${record.name}` }).check();
      const button = page.getByRole('button', { name: '2 gekozen gegevens markeren als gecontroleerd' });
      await screenshot(page, 'stale-records-selection');
      await expectAccessible(page, 'stale records with a selection');
      await button.click();
      await page.getByText('2 gegevens zijn gemarkeerd als gecontroleerd (vandaag).').waitFor();
      await table.getByRole('caption').filter({ hasText: new RegExp(`^${both.totalCount - 2} gegevens? om te controleren$`) }).waitFor();
      const after = (await graphql(page.request, STALE, { area: area.id, organisation: busiest.id })).staleRecords;
      for (const record of chosen) assert.ok(!after.edges.some((/** @type {any} */ e) => e.node.id === record.id), `${record.name} is off the list`);
      const history = await graphql(page.request, 'query ($type: CuratedEntityType!, $id: ID!) { changeHistory(entityType: $type, entityId: $id, first: 5) { edges { node { action } } } }', {
        type: chosen[0].entityType,
        id: chosen[0].id,
      });
      assert.equal(history.changeHistory.edges[0].node.action, 'VERIFY');
      assert.equal(await page.getByRole('button', { name: /gekozen gegevens? markeren als gecontroleerd$/ }).isDisabled(), true);
      await expectAccessible(page, 'stale records after a bulk verification');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('organisation user: chooses all of their own on the page and verifies them', { timeout: 120_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ORGANISATION);
      await page.goto('/controleren?soort=SERVICE');
      const table = page.getByRole('table', { name: /gegevens? om te controleren$/ });
      await table.waitFor();
      assert.equal(await page.getByRole('combobox', { name: 'Organisatie', exact: true }).count(), 0, 'an organisation user has no organisation filter');
      const count = Number((await table.getByRole('caption').innerText()).match(/\d+/)?.[0]);
      assert.ok(count > 0);
      await page.getByRole('checkbox', { name: 'Alle gegevens op deze pagina kiezen' }).check();
      const onPage = await table.locator('tbody tr').count();
      await page.getByRole('button', { name: new RegExp(`^${onPage} gekozen gegevens? markeren als gecontroleerd$`) }).click();
      await page.getByText(new RegExp(`^${onPage} gegevens? (zijn|is) gemarkeerd als gecontroleerd \\(vandaag\\)\\.$`)).waitFor();
      if (count === onPage) await page.getByText('Alles is recent gecontroleerd: er zijn geen gegevens om te controleren.').waitFor();
      else await table.getByRole('caption').filter({ hasText: new RegExp(`^${count - onPage} gegevens? om te controleren$`) }).waitFor();
      await expectAccessible(page, 'own stale records after a bulk verification');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
