// @ts-check
/**
 * A stale record finds its owner, end to end in Debian's Chromium against the real API, its
 * notification worker and the real database with the Amersfoort demo data: a service of SWA last
 * verified over a year ago (STALE_AFTER_MONTHS, 12) raises the SWA user's unread count once —
 * one notice, however many passes follow — the notifications page names the record without
 * anything personal and links to its form; opening it from there marks the notice read. axe-core
 * on the notifications page.
 *
 * Without /usr/bin/chromium the tests are skipped, unless REQUIRE_BROWSER_TESTS=1.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, browser, describeInChromium, expectAccessible, graphql, logIn, openPage, screenshot, sql } from './harness.mjs';

// The worker's passes every second instead of every minute, so the notice comes while the test waits.
process.env.NOTIFICATION_INTERVAL_MS = '1000';

/** The number in the bell's label ("Meldingen, 3 ongelezen"). */
async function unread(page) {
  const label = await page.locator('.app-bell').getAttribute('aria-label');
  const count = Number(label?.match(/(\d+) ongelezen/)?.[1]);
  assert.ok(Number.isInteger(count), `the bell's label: ${label}`);
  return count;
}

describeInChromium('stale-record notices in Chromium', () => {
  test('organisation user: a service unverified for over a year raises one notice that links to its form', { timeout: 120_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ORGANISATION);
      await page.locator('.app-bell').waitFor();
      const before = await unread(page);
      const { organisation } = await graphql(page.request, '{ organisation(slug: "swa") { services { id name } } }');
      const [service] = organisation.services;
      assert.ok(service, 'SWA offers a service in the demo data');

      // A year and a day since its last verification: stale since yesterday, within the catch-up window.
      const [row] = await sql(api, `UPDATE service SET last_verified_at = now() - interval '12 months 1 day' WHERE id = $1 RETURNING id`, [service.id]);
      assert.ok(row, 'the service was set back in time');

      const deadline = Date.now() + 30_000;
      let count = before;
      while (count === before && Date.now() < deadline) {
        await page.waitForTimeout(1000);
        await page.reload();
        await page.locator('.app-bell').waitFor();
        count = await unread(page);
      }
      assert.equal(count, before + 1, 'one new notice');
      // More passes of the worker add nothing: one notice per time a record goes stale.
      await page.waitForTimeout(3000);
      await page.reload();
      await page.locator('.app-bell').waitFor();
      assert.equal(await unread(page), before + 1);

      await page.locator('.app-bell').click();
      await page.getByRole('heading', { level: 1, name: 'Meldingen' }).waitFor();
      const items = page.getByRole('list', { name: 'Meldingen, nieuwste eerst' }).getByRole('listitem').filter({ hasText: `„${service.name}”` });
      await items.first().waitFor();
      assert.equal(await items.count(), 1);
      assert.match((await items.first().textContent()) ?? '', /Uw dienst of activiteit „.+” is al lang niet gecontroleerd \(aan controle toe sinds .+\): kijk of de gegevens nog kloppen/);
      await expectAccessible(page, 'notifications page with a stale-record notice');
      await screenshot(page, 'notification-stale-record');

      await items.first().getByRole('link', { name: `dienst of activiteit „${service.name}” openen om te controleren`, exact: false }).click();
      await page.waitForURL(new RegExp(`/diensten/${service.id}$`));
      // Opening it from the notice marked it read.
      await page.waitForFunction((n) => document.querySelector('.app-bell')?.getAttribute('aria-label')?.includes(`${n} ongelezen`), before);
      const [{ count: notices }] = await sql(api, `SELECT count(*)::int AS count FROM notification WHERE kind = 'STALE_RECORD' AND record_id = $1`, [service.id]);
      assert.ok(notices >= 1, 'the notice is in the database');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
