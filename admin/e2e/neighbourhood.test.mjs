// @ts-check
/**
 * The neighbourhood at a glance and news that finds its reader (issue 18), in Debian's
 * Chromium against the real API and the Amersfoort demo data: the summary answers "how is this
 * neighbourhood covered" above the fold at 1366 × 768; the coverage matrix keeps its headers
 * while every column is scrolled into view; its drill-down moves focus into a side panel and
 * back; a new referral raises the receiving user's unread count in the header; a phone-sized
 * page starts with the menu closed; the gaps are grouped under one need statement per indicator,
 * ranked; axe-core finds nothing serious or critical on any of them.
 * Screenshots for docs/screenshots/.
 *
 * Without /usr/bin/chromium the tests are skipped, unless REQUIRE_BROWSER_TESTS=1.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { api, browser, describeInChromium, expectAccessible, graphql, logIn, openPage, screenshot } from './harness.mjs';

const AREA = 'randenbroek-schuilenburg';

describeInChromium('the neighbourhood at a glance, and notifications, in Chromium', () => {
  /** @type {import('./harness.mjs').Account} */
  let riagg;

  before(() => {
    const match = /^\[schakel\]\s+ORGANISATION\s+(riagg@\S+)\s+(\S+)\s+\(/m.exec(api.output());
    if (!match) throw new Error(`no riagg@ demo account in the start-up log:\n${api.output()}`);
    riagg = { email: match[1], password: match[2] };
  });

  /** @param {import('playwright-core').Page} page */
  async function openArea(page) {
    await page.goto(`/wijken/${AREA}`);
    await page.getByRole('heading', { level: 2, name: 'In één oogopslag' }).waitFor();
  }

  test('the summary at 1366 × 768: every headline above the fold, each a link to its section', { timeout: 90_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await page.setViewportSize({ width: 1366, height: 768 });
      await logIn(page, api.accounts.ADMIN);
      await openArea(page);
      const headlines = page.locator('.app-headline');
      // Population, target groups covered, gaps, team norms, referral flow (admins), freshness.
      assert.equal(await headlines.count(), 6);
      const labels = await page.locator('.app-headline__label').allTextContents();
      assert.deepEqual(labels, ['Inwoners', 'Doelgroepen gedekt', 'Gaten in het aanbod', 'Teamnormen', 'Verwijzingen in dit gebied', 'Actualiteit van de kaart']);
      // Real numbers, not placeholders: the population is a number, the coverage a percentage.
      const values = await page.locator('.app-headline__value').allTextContents();
      assert.match(values[0], /^\d[\d.]*$/, `population ${values[0]}`);
      assert.match(values[1], /^\d+%$/, `covered ${values[1]}`);
      assert.match(values[2], /^\d+$/, `gaps ${values[2]}`);
      // Above the fold: the whole headline list ends within the first 768 pixels.
      const box = await page.locator('.app-headlines').boundingBox();
      assert.ok(box && box.y + box.height <= 768, `headlines end at ${box && box.y + box.height} px`);
      // Each headline leads to a section that is on the page.
      for (const href of await page.locator('.app-headline__link').evaluateAll((links) => links.map((a) => a.getAttribute('href')))) {
        assert.ok(href?.startsWith('#'), href ?? '');
        assert.equal(await page.locator(href).count(), 1, `section ${href}`);
      }
      // The key figures that differ most from the municipality, with the municipality's value.
      const differ = page.locator('.app-headline-figures li');
      assert.ok((await differ.count()) >= 1);
      assert.match((await differ.first().textContent()) ?? '', /gemeente .*verschil/);
      await screenshot(page, 'neighbourhood-summary-1366x768');
      // Jumping: the gaps headline moves to the gaps section.
      await page.locator('.app-headline__link[href="#gaps"]').click();
      await page.waitForFunction(() => location.hash === '#gaps');
      const gaps = await page.locator('#gaps').boundingBox();
      assert.ok(gaps && gaps.y < 200, `gaps heading at ${gaps?.y}`);
      await expectAccessible(page, 'neighbourhood summary');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the coverage matrix at 1366 px: every column reachable with the headers kept, the drill-down moves focus there and back', { timeout: 90_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await page.setViewportSize({ width: 1366, height: 768 });
      await logIn(page, api.accounts.ADMIN);
      await openArea(page);
      const matrix = page.locator('.app-matrix');
      await matrix.scrollIntoViewIfNeeded();
      const frame = await matrix.boundingBox();
      assert.ok(frame);
      const corner = page.locator('.app-matrix__corner');
      const headers = matrix.locator('thead th');
      const lastHeader = headers.last();
      assert.equal(((await lastHeader.textContent()) ?? '').trim(), 'Totaal');
      // Scrolled to the far right and bottom: the last column is in view, and so are the column headers and the target groups.
      await matrix.evaluate((box) => box.scrollTo(box.scrollWidth, box.scrollHeight));
      await page.waitForTimeout(100);
      const last = await lastHeader.boundingBox();
      assert.ok(last && last.x + last.width <= frame.x + frame.width + 1, `the last column ends at ${last && last.x + last.width}, the box at ${frame.x + frame.width}`);
      assert.ok(last && Math.abs(last.y - frame.y) < 3, `column headers stay at the top (${last?.y} vs ${frame.y})`);
      const rowHead = await matrix.locator('tbody th').last().boundingBox();
      assert.ok(rowHead && Math.abs(rowHead.x - frame.x) < 3, `target groups stay at the left (${rowHead?.x} vs ${frame.x})`);
      const cornerBox = await corner.boundingBox();
      assert.ok(cornerBox && Math.abs(cornerBox.x - frame.x) < 3 && Math.abs(cornerBox.y - frame.y) < 3, 'the corner header stays put');
      await screenshot(matrix, 'coverage-matrix-scrolled-1366');
      await matrix.evaluate((box) => box.scrollTo(0, 0));

      // The screen reader hears the legend's own words.
      const legend = await page.getByRole('list', { name: 'Legenda' }).getByRole('listitem').allTextContents();
      const hidden = await matrix.locator('tbody td:not(.app-coverage--plain) .app-visually-hidden').allTextContents();
      assert.ok(hidden.length > 10);
      for (const text of hidden) assert.ok(legend.some((item) => text.includes(item)), `"${text}" says what the legend says`);

      // The drill-down: a side panel with the cell's services; focus moves to it and back to the cell.
      const cell = matrix.locator('.app-cell-button').first();
      await cell.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      const focused = await page.evaluate(() => document.activeElement?.closest('dialog') !== null && document.activeElement?.tagName === 'H3');
      assert.ok(focused, 'focus is on the side panel heading');
      assert.ok((await dialog.getByRole('listitem').count()) >= 1);
      await expectAccessible(page, 'coverage drill-down');
      await screenshot(page, 'coverage-drilldown-1366');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      assert.ok(await cell.evaluate((button) => document.activeElement === button), 'focus is back on the cell');
      // The close button does the same.
      await cell.click();
      await dialog.getByRole('button', { name: 'Lijst sluiten' }).click();
      assert.ok(await cell.evaluate((button) => document.activeElement === button), 'focus is back on the cell after the close button');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the gaps: one need statement per indicator, ranked, the target groups not covered under it (nl and en)', { timeout: 180_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await page.setViewportSize({ width: 1366, height: 768 });
      await logIn(page, api.accounts.ADMIN);
      await openArea(page);
      const section = page.getByRole('region', { name: 'Hiaten' });
      const statements = section.locator('.app-gap-group__statement');
      await statements.first().scrollIntoViewIfNeeded();
      const texts = (await statements.allTextContents()).map((text) => text.trim());
      // The two needs above the city the book reports for the district (§4.1), highest ranked first (65+: five elderly groups thin
      // or with thin function cells, 0.6 × 2.5; migrants: one group without service, 1.0571), then the groups without a need indicator.
      assert.match(texts[0], /^Hogere behoefte — .+: 19,2% in Randenbroek-Schuilenburg tegen 12% in Amersfoort/);
      assert.match(texts[1], /^Hogere behoefte — .+: 28,8% in Randenbroek-Schuilenburg tegen 14% in Amersfoort \(2009, berekend uit de buurten\)\.$/);
      assert.equal(texts[2], 'De behoefte is niet te wegen: deze doelgroepen hebben geen behoefte-indicator.');
      assert.equal(new Set(texts).size, texts.length, 'each statement once');
      // Each statement's target groups under it, without the figures again.
      const elderly = section.locator('.app-gap-group').nth(0);
      const elderlyLines = (await elderly.locator('ul li').allTextContents()).map((text) => text.trim());
      assert.deepEqual(elderlyLines.slice(0, 3), [
        'alleenstaande ouderen: slechts 1 actieve dienst (dun: minder dan 2).',
        'laaggeletterde senioren (55+): slechts 1 actieve dienst (dun: minder dan 2).',
        'zelfstandig wonende ouderen met (beginnende) psychische en/of psychiatrische problematiek: slechts 1 actieve dienst (dun: minder dan 2).',
      ]);
      // The services the book describes for the isolated elderly (§4.4, §4.6) fill their row; only the functions one service
      // fills are named: 2 (the digital social map), 5 (ASIS) and 8 (the wijkinformatiepunt), for them and the risk groups.
      assert.equal(elderlyLines.length, 9);
      for (const line of elderlyLines.slice(3)) assert.match(line, /^(kwetsbare ouderen in sociaal isolement|risicogroepen.*), basisfunctie [258] \(.+\): slechts 1 actieve dienst \(dun: minder dan 2\)\./);
      assert.equal(((await elderly.locator('.app-muted').textContent()) ?? '').trim(), '5 doelgroepen niet of dun gedekt');
      assert.equal(((await section.textContent()) ?? '').split('19,2%').length - 1, 1, 'the 65+ figure is written once');
      for (const line of (await section.locator('li').allTextContents()).filter((text) => /sociaal isolement|risicogroepen/.test(text))) {
        assert.match(line, /basisfunctie [258] /, 'no whole-row gap names the isolated elderly');
      }
      await expectAccessible(page, 'gaps grouped by need');
      await screenshot(section, 'neighbourhood-gaps-1366');

      await page.getByRole('button', { name: 'English' }).click();
      const english = page.getByRole('region', { name: 'Gaps' });
      await english.locator('.app-gap-group__statement').first().waitFor();
      const textsEn = (await english.locator('.app-gap-group__statement').allTextContents()).map((text) => text.trim());
      assert.match(textsEn[0], /^Higher need — .+: 19\.2% in Randenbroek-Schuilenburg against 12% in Amersfoort \(2009, computed from its neighbourhoods\)\.$/);
      assert.match(((await english.locator('.app-gap-group').nth(0).locator('ul li').first().textContent()) ?? '').trim(), /alleenstaande ouderen\)?: only 1 active service \(thin: fewer than 2\)\.$/);
      await expectAccessible(page, 'gaps grouped by need, in English');
      await page.getByRole('button', { name: 'Nederlands' }).click();
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a new referral raises the receiver’s unread count; the notifications page lists it and marks it read', { timeout: 90_000 }, async () => {
    const swa = await openPage(browser, api);
    const sender = await openPage(browser, api);
    try {
      await logIn(swa.page, api.accounts.ORGANISATION);
      const bell = swa.page.locator('.app-bell');
      await bell.waitFor();
      const before = Number((await bell.getAttribute('aria-label'))?.match(/(\d+) ongelezen/)?.[1]);
      assert.ok(Number.isInteger(before), `the bell's label: ${await bell.getAttribute('aria-label')}`);

      await logIn(sender.page, riagg);
      const { organisation } = await graphql(sender.context.request, `query { organisation(slug: "swa") { id } }`);
      assert.ok(organisation, 'SWA in the directory');
      const { createReferral } = await graphql(sender.context.request, `mutation($input: CreateReferralInput!) { createReferral(input: $input) { dossierNumber } }`, {
        input: { receivingOrganisationId: organisation.id, summary: 'Oudere bewoner komt de deur niet meer uit' },
      });

      await swa.page.reload();
      await swa.page.waitForFunction((n) => document.querySelector('.app-bell')?.getAttribute('aria-label')?.includes(`${n} ongelezen`), before + 1);
      assert.equal(((await bell.locator('.app-bell__count').textContent()) ?? '').trim(), String(before + 1));
      await screenshot(swa.page.locator('.app-header'), 'notification-bell');

      await bell.click();
      await swa.page.getByRole('heading', { level: 1, name: 'Meldingen' }).waitFor();
      const item = swa.page.getByRole('list', { name: 'Meldingen, nieuwste eerst' }).getByRole('listitem').first();
      assert.match((await item.textContent()) ?? '', new RegExp(`Nieuwe verwijzing ${createReferral.dossierNumber} voor uw organisatie`));
      // Nothing of the case text on the list either.
      assert.doesNotMatch((await swa.page.locator('main').textContent()) ?? '', /deur niet meer uit/);
      await expectAccessible(swa.page, 'notifications page');
      await screenshot(swa.page, 'notifications-page');
      await item.getByRole('button', { name: 'Gelezen' }).click();
      await swa.page.waitForFunction((n) => document.querySelector('.app-bell')?.getAttribute('aria-label')?.includes(`${n} ongelezen`), before);
      assert.deepEqual(swa.errors, []);
    } finally {
      await swa.context.close();
      await sender.context.close();
    }
  });

  test('a phone-sized page: the menu starts closed, opens and closes from its button, and the page is no wider than the phone', { timeout: 90_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await page.setViewportSize({ width: 390, height: 844 });
      await logIn(page, api.accounts.ADMIN);
      await openArea(page);
      const toggle = page.getByRole('button', { name: 'Menu' });
      assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
      const list = page.locator('.app-nav__list');
      assert.equal(await list.isVisible(), false, 'the menu is closed');
      // Nothing wider than the screen but the matrix's own scroll box.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `the page is ${overflow} px wider than the phone`);
      await expectAccessible(page, 'phone-sized neighbourhood page');
      await screenshot(page, 'phone-menu-closed');
      await toggle.click();
      assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
      await list.waitFor({ state: 'visible' });
      await screenshot(page, 'phone-menu-open');
      // Escape from inside the menu closes it (the screenshot took the focus away: back into the menu first).
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link').first().focus();
      await page.keyboard.press('Escape');
      // isVisible() does not wait: wait for the closing render instead.
      await list.waitFor({ state: 'hidden' });
      assert.ok(await toggle.evaluate((button) => document.activeElement === button), 'focus back on the menu button');
      // Choosing an item closes the menu.
      await toggle.click();
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link').first().click();
      await list.waitFor({ state: 'hidden' });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
