// @ts-check
/**
 * The target-group taxonomy that coverage follows, curated end to end in Debian's Chromium against
 * the real API and database with the Amersfoort demo data: an admin gives a group its broader
 * group and the groups it also counts as, through searchable comboboxes that never offer the group
 * itself; the API stores both links; a broader group that lies below the group is refused in
 * Dutch under its field. axe-core on the form, with and without the error.
 *
 * Without /usr/bin/chromium the tests are skipped, unless REQUIRE_BROWSER_TESTS=1.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, browser, describeInChromium, expectAccessible, graphql, logIn, openPage, pickOption, screenshot } from './harness.mjs';

const GROUP = 'query ($code: String!) { targetGroup(code: $code) { id version nameNl parent { code } countsAs { code } } }';

describeInChromium('curating the target-group taxonomy in Chromium', () => {
  test('admin: sets a broader group and "counts as", never offered the group itself; a cycle is refused in Dutch', { timeout: 150_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ADMIN);
      const group = (await graphql(page.request, GROUP, { code: 'zorgmijders' })).targetGroup;
      const broader = (await graphql(page.request, GROUP, { code: 'kwetsbare-burgers' })).targetGroup;
      const also = (await graphql(page.request, GROUP, { code: 'mensen-met-psychosociaal-probleem' })).targetGroup;
      assert.equal(group.parent, null, 'the demo data gives zorgmijders no broader group');

      await page.goto(`/doelgroepen/${group.id}`);
      await page.getByRole('heading', { level: 1, name: `${group.nameNl} bewerken` }).waitFor();
      // The pickers offer every other group, not this one.
      const parentBox = page.getByRole('combobox', { name: 'Bredere doelgroep', exact: true });
      await parentBox.click();
      await parentBox.fill(group.nameNl.slice(0, 7));
      await page.getByText('Geen keuzes gevonden.').waitFor();
      await parentBox.fill('');
      await pickOption(page, 'Bredere doelgroep', broader.nameNl.slice(0, 9), broader.nameNl);
      await pickOption(page, 'Telt ook als', also.nameNl.slice(0, 12), also.nameNl);
      await page.keyboard.press('Escape'); // a multiple choice stays open for the next one
      await expectAccessible(page, 'target group form with its taxonomy links');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByText('De wijzigingen zijn opgeslagen.').waitFor();
      const saved = (await graphql(page.request, GROUP, { code: 'zorgmijders' })).targetGroup;
      assert.deepEqual({ parent: saved.parent, countsAs: saved.countsAs, version: saved.version }, { parent: { code: 'kwetsbare-burgers' }, countsAs: [{ code: 'mensen-met-psychosociaal-probleem' }], version: group.version + 1 });
      await screenshot(page, 'target-group-taxonomy-links');

      // The broader group may not get this group (which now lies below it) as its own broader group.
      await page.goto(`/doelgroepen/${broader.id}`);
      await page.getByRole('heading', { level: 1, name: `${broader.nameNl} bewerken` }).waitFor();
      await pickOption(page, 'Bredere doelgroep', group.nameNl.slice(0, 7), group.nameNl);
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.locator('#tg-parent-error').getByText('Deze keuze staat onder dit gegeven; zo ontstaat een kring. Kies een gegeven dat er niet onder valt.').waitFor();
      await expectAccessible(page, 'target group form refusing a cycle');
      assert.equal((await graphql(page.request, GROUP, { code: 'kwetsbare-burgers' })).targetGroup.parent, null, 'nothing was written');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
