// @ts-check
/**
 * The access log (NEN 7513) filtered and exported, end to end in Debian's Chromium against the
 * real API: an organisation user reads a case, the admin narrows the log to that user and a
 * period, sees only their lines with the events in Dutch, downloads exactly those lines as CSV,
 * and finds the download itself in the log. axe-core on the page; a screenshot for docs/.
 *
 * Without /usr/bin/chromium the tests are skipped, unless REQUIRE_BROWSER_TESTS=1.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { api, browser, describeInChromium, expectAccessible, graphql, logIn, openPage, pickOption, screenshot } from './harness.mjs';

/** Today in Europe/Amsterdam, YYYY-MM-DD (the log's days). */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

describeInChromium('the access log filtered and exported in Chromium', () => {
  test('an admin narrows the log to one user and a period and downloads exactly those lines', { timeout: 120_000 }, async () => {
    const org = await openPage(browser, api);
    const { context, page, errors } = await openPage(browser, api);
    try {
      // The organisation user signals a case and reads it: a CREATE and a READ line of theirs.
      await logIn(org.page, api.accounts.ORGANISATION);
      const { organisation: receiver } = await graphql(org.page.request, '{ organisation(slug: "riagg-amersfoort") { id } }');
      const created = await graphql(org.page.request, 'mutation ($input: CreateReferralInput!) { createReferral(input: $input) { dossierNumber } }', {
        input: { receivingOrganisationId: receiver.id, area: 'schuilenburg', summary: 'Oudere weduwnaar eet slecht en komt weinig buiten.', consent: { given: true, scope: 'RECEIVER' } },
      });
      const dossier = created.createReferral.dossierNumber;
      await graphql(org.page.request, 'query ($d: String!) { referral(dossierNumber: $d) { id } }', { d: dossier });

      await logIn(page, api.accounts.ADMIN);
      const users = await graphql(page.request, '{ users(first: 100) { edges { node { id email displayName } } } }');
      const actor = users.users.edges.map((/** @type {any} */ e) => e.node).find((/** @type {any} */ u) => u.email === api.accounts.ORGANISATION.email);
      assert.ok(actor, 'the organisation account is a user');
      // The admin's own export lines must not show up under that user.
      const mine = await page.request.get('/csv/access-log');
      assert.equal(mine.status(), 200);

      await page.goto('/toegangslog');
      await page.getByRole('heading', { level: 1, name: 'Toegangslog' }).waitFor();
      await pickOption(page, 'Gebruiker', actor.displayName.slice(0, 6), actor.displayName);
      // A period in the past first: nothing.
      await page.getByLabel('Vanaf datum').fill('2020-01-01');
      await page.getByLabel('Tot en met datum').fill('2020-12-31');
      await page.getByRole('button', { name: 'Toegangslog tonen' }).click();
      await page.getByText('Er staan geen regels in het toegangslog die bij deze zoekopdracht passen.').waitFor();
      // A period that ends before it starts is refused at the field.
      await page.getByLabel('Vanaf datum').fill(today());
      await page.getByLabel('Tot en met datum').fill('2020-12-31');
      await page.getByRole('button', { name: 'Toegangslog tonen' }).click();
      await page.getByText('De einddatum ligt voor de begindatum.').waitFor();
      assert.equal(await page.getByLabel('Tot en met datum').getAttribute('aria-invalid'), 'true');

      await page.getByLabel('Tot en met datum').fill(today());
      await page.getByRole('button', { name: 'Toegangslog tonen' }).click();
      await page.waitForURL((url) => url.searchParams.get('user') === actor.id && url.searchParams.get('from') === today() && url.searchParams.get('to') === today());
      const table = page.getByRole('table', { name: /regels? in het toegangslog, de oudste eerst$/ });
      await table.waitFor();
      const caption = await table.locator('caption').innerText();
      const count = Number(/^(\d+)/.exec(caption)?.[1]);
      const rows = await table.locator('tbody tr').allInnerTexts();
      assert.ok(count >= 2 && rows.length === Math.min(count, 25), `${caption}: ${rows.length} rows`);
      for (const row of rows) assert.ok(row.includes(actor.displayName), `only the chosen user's lines: ${row}`);
      assert.ok(rows.some((row) => /aangemaakt/.test(row) && row.includes(dossier)));
      assert.ok(rows.some((row) => /gelezen/.test(row) && row.includes(dossier)));
      // No raw event codes in the Dutch page.
      const text = await table.locator('tbody').innerText();
      assert.doesNotMatch(text, /\b(READ|READ_DENIED|CREATE|UPDATE|PURGE|EXPORT)\b/);
      await expectAccessible(page, 'access log filtered by a user and a period');
      await screenshot(page, 'access-log-filtered');

      // The download: exactly the lines on the screen, with the columns the screen shows.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: `Deze ${count} regels downloaden (CSV)` }).click()]);
      assert.equal(download.suggestedFilename(), 'access-log.csv');
      const file = fs.readFileSync(/** @type {string} */ (await download.path()), 'utf8');
      const lines = file.trimEnd().split('\r\n');
      assert.equal(lines[0], 'occurred_at,event_type,dossier_number,actor,role,organisation,operation,details,ip_address,user_agent');
      assert.equal(lines.length - 1, count);
      for (const line of lines.slice(1)) assert.ok(line.includes(actor.displayName) && !line.includes(actor.id), line);
      assert.ok(lines.some((line) => line.includes(`,CREATE,${dossier},`)));

      // The download is itself a line of the log, the admin's, with the filter it carried.
      await page.getByRole('button', { name: 'Alles tonen' }).click();
      await page.waitForURL((url) => url.search === '');
      const log = await graphql(page.request, 'query ($from: String) { accessLog(from: $from, first: 100) { edges { node { eventType operation role details } } } }', { from: today() });
      const exports = log.accessLog.edges.map((/** @type {any} */ e) => e.node).filter((/** @type {any} */ n) => n.eventType === 'EXPORT' && n.operation === 'csv/access-log');
      assert.ok(exports.some((/** @type {any} */ n) => n.details.filter.userId === actor.id && n.details.entries === count && n.role === 'ADMIN'));
      assert.deepEqual(errors, []);
    } finally {
      await org.context.close();
      await context.close();
    }
  });
});
