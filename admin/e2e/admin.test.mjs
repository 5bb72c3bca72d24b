// @ts-check
/**
 * The admin app end to end, in Debian's Chromium, against the real API and database with the
 * Amersfoort demo data: each role's sign-in and navigation, the Randenbroek-Schuilenburg
 * dashboard, organisation curation (search, paging, field errors, save, conflict), keyboard
 * use, the language switch, sign-out; axe-core on every page; screenshots for docs/.
 *
 * Without /usr/bin/chromium the tests are skipped, unless REQUIRE_BROWSER_TESTS=1.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, browser, describeInChromium, expectAccessible, failOnceAfterHold, graphql, logIn, navLabels, openPage, screenshot } from './harness.mjs';

describeInChromium('admin app in Chromium', () => {
  test('anonymous visitors are sent to the login page; a wrong password is an accessible error', { timeout: 60_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await page.goto('/organisaties');
      await page.waitForURL(/\/inloggen\?terug=%2Forganisaties$/);
      await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'nl');
      assert.equal(await page.locator('html').getAttribute('class'), 'utrecht-theme');
      assert.equal(await page.title(), 'Inloggen — Schakel');
      await expectAccessible(page, 'login page');
      await screenshot(page, 'login');

      await page.getByLabel('E-mailadres').fill(api.accounts.ADMIN.email);
      await page.getByLabel('Wachtwoord').fill('not-the-password');
      await page.getByRole('button', { name: 'Inloggen' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      assert.match(await alert.innerText(), /e-mailadres of het wachtwoord klopt niet/);
      await expectAccessible(page, 'login page with an error');

      // An empty e-mail address: the message is under the field, which is marked invalid.
      await page.getByLabel('E-mailadres').fill('');
      await page.getByRole('button', { name: 'Inloggen' }).click();
      const email = page.getByLabel('E-mailadres');
      await page.locator('#login-email-error').waitFor();
      assert.equal(await email.getAttribute('aria-invalid'), 'true');
      assert.equal(await email.getAttribute('aria-describedby'), 'login-email-error');
      assert.equal(await page.locator('#login-email-error').innerText(), 'Vul uw e-mailadres in.');
      assert.deepEqual(errors.filter((e) => !/status of 40[01]/.test(e)), []);
    } finally {
      await context.close();
    }
  });

  test('admin: navigation, users, and the organisations table with search and paging', { timeout: 90_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await page.goto('/inloggen?terug=%2Forganisaties');
      await page.getByLabel('E-mailadres').fill(api.accounts.ADMIN.email);
      await page.getByLabel('Wachtwoord').fill(api.accounts.ADMIN.password);
      await page.getByRole('button', { name: 'Inloggen' }).click();
      // Back where the login started.
      await page.getByRole('heading', { level: 1, name: 'Organisaties' }).waitFor();
      assert.match(page.url(), /\/organisaties$/);
      assert.deepEqual(await navLabels(page), ['Wijkdashboard', 'Organisaties', 'Diensten', 'Locaties', 'Sleutelpersonen', 'Netwerken', 'Interventies', 'Doelgroepen', 'Indicatoren', 'Zoeksynoniemen', 'Gebieden', 'Gebruikers', 'Vergelijken', 'Controleren', 'Voorstellen', 'Importeren en exporteren', 'Toegangslog']);
      assert.match(await page.getByRole('banner').innerText(), /Ingelogd als Informatiebeheerder \(beheerder\)/);

      const table = page.getByRole('table');
      await table.getByRole('caption').filter({ hasText: '91 organisaties' }).waitFor();
      assert.equal(await table.locator('tbody tr').count(), 25);
      await expectAccessible(page, 'organisations');
      await screenshot(page, 'organisations');

      // Cursor paging: the next page has other organisations; previous comes back.
      const firstPage = await table.locator('tbody th').allTextContents();
      await page.getByRole('button', { name: 'Volgende pagina' }).click();
      await page.getByText('Pagina 2 van 4').waitFor();
      await page.waitForFunction((first) => document.querySelector('tbody th')?.textContent !== first, firstPage[0]);
      const secondPage = await table.locator('tbody th').allTextContents();
      assert.equal(secondPage.filter((name) => firstPage.includes(name)).length, 0);
      await page.getByRole('button', { name: 'Vorige pagina' }).click();
      await page.getByText('Pagina 1 van 4').waitFor();

      // Dutch full-text search, kept in the address.
      await page.getByRole('searchbox', { name: 'Zoeken' }).fill('welzijn');
      await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
      await page.waitForURL(/zoek=welzijn/);
      await table.getByRole('caption').filter({ hasText: /organisaties? gevonden/ }).waitFor();
      assert.ok((await table.locator('tbody th').allTextContents()).some((name) => /Welzijn Amersfoort/.test(name)));

      // Nothing found: says so.
      await page.getByRole('searchbox', { name: 'Zoeken' }).fill('xyzzyquux');
      await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
      await page.getByText('Geen organisaties gevonden.').waitFor();
      await expectAccessible(page, 'organisations, nothing found');

      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Gebruikers' }).click();
      await page.getByRole('heading', { level: 1, name: 'Gebruikers' }).waitFor();
      await page.getByRole('table').getByRole('caption').filter({ hasText: '4 gebruikers' }).waitFor();
      await expectAccessible(page, 'users');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('municipality: navigation and the Randenbroek-Schuilenburg dashboard', { timeout: 90_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.MUNICIPALITY);
      // The start page of a municipality user is their own area.
      await page.getByRole('heading', { level: 1, name: 'Wijkdashboard Randenbroek-Schuilenburg' }).waitFor();
      assert.match(page.url(), /\/wijken\/randenbroek-schuilenburg$/);
      assert.deepEqual(await navLabels(page), ['Wijkdashboard', 'Mijn gebied: Randenbroek-Schuilenburg', 'Vergelijken', 'Importeren en exporteren']);
      assert.equal(await page.title(), 'Wijkdashboard Randenbroek-Schuilenburg — Schakel');

      // Key figures against the city (neighbourhoodView), under clean Dutch names: the district's share of residents
      // of 65 and over is 19.2 % in 2009, derived from its neighbourhoods, against the city's 12 %; the GGD's 20 % of
      // 2004 (§4.2) is the same indicator's previous year.
      const figures = page.getByRole('table', { name: 'Kerncijfers van Randenbroek-Schuilenburg vergeleken met Amersfoort' });
      const cells = async (name) => (await figures.getByRole('row', { name }).getByRole('cell').allInnerTexts()).map((text) => text.trim());
      assert.deepEqual(await cells(/^Inwoners van 65 jaar en ouder \(%\)/), ['2009', '19,2%', '12%', '+7,2 procentpunt', 'berekend uit de buurten']);
      assert.equal(await figures.getByRole('row', { name: /bewoners ouder dan 65 jaar|in procenten/ }).count(), 0);
      assert.deepEqual((await cells(/^Aantal inwoners/)).slice(2), ['143.211', 'n.v.t.', 'berekend uit de buurten']);
      await expectAccessible(page, 'dashboard Randenbroek-Schuilenburg');
      await screenshot(page, 'dashboard-randenbroek-schuilenburg');

      // The coverage matrix as a heat map, with drill-down to the services of a cell (a side-panel dialog).
      const matrix = page.getByRole('table', { name: 'Actieve diensten voor Randenbroek-Schuilenburg per doelgroep en basisfunctie' });
      const isolated = matrix.getByRole('row', { name: /^kwetsbare ouderen in sociaal isolement/ });
      const total = isolated.getByRole('button', { name: /^\d+ \(Totaal: gedekt:/ });
      const count = Number((await total.innerText()).match(/\d+/)?.[0]);
      assert.ok(count >= 2, `covered means at least 2 services, got ${count}`);
      await total.click();
      assert.equal(await total.getAttribute('aria-expanded'), 'true');
      const drilldown = page.getByRole('dialog', { name: 'Diensten voor kwetsbare ouderen in sociaal isolement: Totaal' });
      assert.equal(await drilldown.getByRole('listitem').count(), count);
      await expectAccessible(page, 'dashboard with the coverage drill-down open');
      await page.keyboard.press('Escape');
      await drilldown.waitFor({ state: 'hidden' });
      const coverageSection = page.locator('section[aria-labelledby="coverage"]');
      await coverageSection.locator('.app-table-wrapper').evaluate((el) => el.scrollTo(0, 0));
      await screenshot(coverageSection, 'dashboard-coverage');

      // Gaps ranked by need, and the book's team norms for the switch team.
      const gaps = page.getByRole('region', { name: 'Hiaten' }).getByRole('listitem');
      assert.ok((await gaps.count()) > 0);
      const norms = page.getByRole('table', { name: 'Teamnormen van Schakelteam Randenbroek-Schuilenburg / projectgroep ASIS' });
      assert.match(await norms.getByRole('row', { name: /^5 tot 10 leden/ }).innerText(), /voldoet niet/);
      const members = page.getByRole('table', { name: /deelnemers van Schakelteam Randenbroek-Schuilenburg/ });
      assert.ok((await members.locator('tbody tr').count()) > 0);
      await screenshot(page.locator('section[aria-labelledby="networks"] section').first(), 'dashboard-team-norms');

      // Organisations and services serving the district (cursor-paged lists).
      await page.getByRole('table', { name: /organisaties actief in Randenbroek-Schuilenburg/ }).waitFor();
      await page.getByRole('table', { name: /diensten en activiteiten voor Randenbroek-Schuilenburg/ }).waitFor();

      // The area picker: a neighbourhood below it.
      await page.getByLabel('Gebied', { exact: true }).selectOption('schuilenburg');
      await page.getByRole('button', { name: 'Dashboard tonen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Wijkdashboard Schuilenburg' }).waitFor();
      // A neighbourhood is compared with its district and with the city.
      const schuilenburg = page.getByRole('table', { name: 'Kerncijfers van Schuilenburg vergeleken met Amersfoort' });
      assert.deepEqual(await schuilenburg.getByRole('columnheader').allInnerTexts(), ['Kerncijfer', 'Jaar', 'Schuilenburg', 'Randenbroek-Schuilenburg', 'Amersfoort', 'Verschil', 'Bron']);
      await schuilenburg.getByRole('row', { name: /^Aantal inwoners/ }).getByText('n.v.t.').waitFor();
      await expectAccessible(page, 'dashboard Schuilenburg');

      // On a phone-sized screen (WCAG 1.4.10 reflow) wide tables scroll in a focusable region.
      await page.setViewportSize({ width: 360, height: 800 });
      const scroller = page.getByRole('region', { name: /^Kerncijfers van Schuilenburg/ });
      await scroller.waitFor();
      assert.equal(await scroller.getAttribute('tabindex'), '0');
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'the page itself does not scroll sideways');
      await expectAccessible(page, 'dashboard Schuilenburg on a narrow screen');
      await page.setViewportSize({ width: 1280, height: 900 });

      // Curation of organisations is not for municipality users.
      await page.goto('/organisaties');
      await page.getByRole('heading', { level: 1, name: 'Geen toegang' }).waitFor();
      await page.goto('/gebruikers');
      await page.getByRole('heading', { level: 1, name: 'Geen toegang' }).waitFor();
      await expectAccessible(page, 'no access');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('organisation user: edit the own organisation — field error, valid save, conflict and reload', { timeout: 90_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    const admin = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ORGANISATION);
      assert.deepEqual(await navLabels(page), ['Wijkdashboard', 'Mijn organisatie', 'Diensten', 'Locaties', 'Sleutelpersonen', 'Netwerken', 'Verwijzingen', 'Netwerkoverleg', 'API-sleutels', 'Webhooks', 'Vergelijken', 'Controleren', 'Voorstellen']);
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn organisatie' }).click();
      await page.getByRole('heading', { level: 1, name: /bewerken$/ }).waitFor();
      const organisationId = page.url().split('/').pop();
      await expectAccessible(page, 'organisation form');
      await screenshot(page, 'organisation-edit');

      // A bad e-mail address: the API's field error (input.email) under the field.
      const email = page.getByLabel('E-mailadres');
      await email.fill('info@@swa');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      const message = page.locator('#org-email-error');
      await message.waitFor();
      assert.equal(await message.innerText(), 'Vul een geldig e-mailadres in, zoals info@voorbeeld.nl.');
      assert.equal(await email.getAttribute('aria-invalid'), 'true');
      assert.equal(await email.getAttribute('aria-describedby'), 'org-email-error');
      // The summary above the form has focus and links to the field.
      const summary = page.locator('.app-error-summary');
      assert.ok(await summary.evaluate((el) => el === document.activeElement));
      await summary.getByRole('link', { name: /E-mailadres/ }).click();
      assert.ok(await email.evaluate((el) => el === document.activeElement));
      await expectAccessible(page, 'organisation form with a field error');
      await screenshot(page, 'organisation-edit-validation-error', { fullPage: true });

      // A valid address saves.
      await email.fill('info@welzijnamersfoort.example');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByText('De wijzigingen zijn opgeslagen.').waitFor();
      assert.equal(await page.locator('#org-email-error').count(), 0);
      assert.equal(await page.getByLabel('E-mailadres').getAttribute('aria-invalid'), null);
      const saved = await graphql(page.request, 'query ($id: ID!) { organisation(id: $id) { email version } }', { id: organisationId });
      assert.equal(saved.organisation.email, 'info@welzijnamersfoort.example');

      // Someone else (an admin) saves in between: CONFLICT, explained, with a reload button.
      await logIn(admin.page, api.accounts.ADMIN);
      await graphql(admin.page.request, 'mutation ($id: ID!, $version: Int!) { updateOrganisation(id: $id, version: $version, input: { phone: "033 465 00 00" }) { version } }', {
        id: organisationId,
        version: saved.organisation.version,
      });
      await page.getByLabel('Subsector').fill('wijkwerk');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      const conflict = page.getByRole('heading', { name: 'Iemand anders heeft deze organisatie intussen gewijzigd' });
      await conflict.waitFor();
      assert.match(await page.locator('.utrecht-alert--warning').innerText(), /Subsector: wijkwerk/);
      await expectAccessible(page, 'organisation form with a conflict');
      await page.getByRole('button', { name: 'Nieuwste gegevens laden' }).click();
      await page.getByText('De nieuwste gegevens zijn geladen.').waitFor();
      assert.equal(await page.getByLabel('Telefoonnummer').inputValue(), '033 465 00 00');
      assert.equal(await page.getByLabel('Subsector').inputValue(), '');

      // Another organisation is not theirs to edit.
      const other = await graphql(page.request, '{ organisation(slug: "riagg-amersfoort") { id } }');
      await page.goto(`/organisaties/${other.organisation.id}`);
      await page.getByRole('heading', { level: 1, name: 'Geen toegang' }).waitFor();
      assert.equal(await page.title(), 'Geen toegang — Schakel');
      assert.deepEqual(errors, []);
    } finally {
      await admin.context.close();
      await context.close();
    }
  });

  test('lists show loading, error (with retry) and empty states', { timeout: 60_000 }, async () => {
    const { context, page } = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ADMIN);
      // Hold the services list back, then fail it once: loading, then an error with a retry button.
      const release = await failOnceAfterHold(page, 'AreaServices');
      await page.goto('/wijken/schuilenburg');
      await page.getByRole('status').filter({ hasText: 'Aanbod laden…' }).waitFor();
      release();
      const services = page.getByRole('region', { name: 'Aanbod' });
      await services.getByText('Aanbod kon niet worden geladen.').waitFor();
      await expectAccessible(page, 'dashboard with a failed list');
      await services.getByRole('button', { name: 'Opnieuw proberen' }).click();
      // The retried list itself (the region can also hold the coverage drill-down table).
      await services.getByRole('table', { name: /diensten en activiteiten/ }).waitFor();

      // A list without rows says so.
      await page.goto('/organisaties?zoek=xyzzyquux');
      await page.getByText('Geen organisaties gevonden.').waitFor();
    } finally {
      await context.close();
    }
  });

  test('keyboard: the skip link comes first and jumps to the content; focus is visible', { timeout: 60_000 }, async () => {
    const { context, page } = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ADMIN);
      await page.goto('/wijken');
      await page.getByRole('heading', { level: 1, name: 'Wijkdashboard' }).waitFor();
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: 'Direct naar de inhoud' });
      assert.ok(await skip.evaluate((el) => el === document.activeElement));
      assert.ok(await skip.isVisible());
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
      // The next Tab lands inside the content, with a visible focus indicator.
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = /** @type {HTMLElement} */ (document.activeElement);
        const style = getComputedStyle(el);
        return { inMain: Boolean(el.closest('main')), outline: style.outlineStyle, width: style.outlineWidth };
      });
      assert.ok(focused.inMain);
      assert.notEqual(focused.outline, 'none');
      assert.notEqual(focused.width, '0px');
      await expectAccessible(page, 'dashboard index');
      await screenshot(page, 'dashboard-index');
    } finally {
      await context.close();
    }
  });

  test('language switch: English everywhere, remembered; back to Dutch', { timeout: 60_000 }, async () => {
    const { context, page } = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.MUNICIPALITY);
      await page.getByRole('heading', { level: 1, name: 'Wijkdashboard Randenbroek-Schuilenburg' }).waitFor();
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Neighbourhood dashboard Randenbroek-Schuilenburg' }).waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      assert.deepEqual(await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link').allTextContents(), [
        'Neighbourhood dashboard',
        'My area: Randenbroek-Schuilenburg',
        'Compare',
        'Import and export',
      ]);
      await page.getByRole('table', { name: 'Key figures of Randenbroek-Schuilenburg compared with Amersfoort' }).waitFor();
      await page.getByRole('cell', { name: '+7.2 percentage points' }).waitFor();
      await expectAccessible(page, 'dashboard in English');
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Neighbourhood dashboard Randenbroek-Schuilenburg' }).waitFor();
      await page.getByRole('button', { name: 'Nederlands' }).click();
      await page.getByRole('heading', { level: 1, name: 'Wijkdashboard Randenbroek-Schuilenburg' }).waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'nl');
    } finally {
      await context.close();
    }
  });

  test('logout ends the session at once', { timeout: 60_000 }, async () => {
    const { context, page } = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ADMIN);
      await page.getByRole('button', { name: 'Uitloggen' }).click();
      await page.getByText('U bent uitgelogd.').waitFor();
      assert.match(page.url(), /\/inloggen\?uitgelogd=1$/);
      await expectAccessible(page, 'logged out');
      const viewer = await graphql(page.request, '{ viewer { kind } }');
      assert.equal(viewer.viewer.kind, 'ANONYMOUS');
      await page.goto('/gebruikers');
      await page.waitForURL(/\/inloggen\?terug=%2Fgebruikers$/);
    } finally {
      await context.close();
    }
  });
});
