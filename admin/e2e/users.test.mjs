// @ts-check
/**
 * User accounts end to end, in Debian's Chromium, against the real API and database: an admin
 * invites a person (every field error at once, the organisation asked for the role, the password
 * the API made shown once), the person signs in with it; the admin changes the account's role and
 * areas through a version conflict (areas of two municipalities refused), blocks the account (the person's session ends at once),
 * allows it again and makes a new password. axe-core on every page. No SMTP_URL in this run, so
 * passwords are shown, not mailed (the API test covers the mail).
 *
 * Without /usr/bin/chromium the tests are skipped, unless REQUIRE_BROWSER_TESTS=1.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, browser, describeInChromium, expectAccessible, graphql, logIn, openPage, pickOption, screenshot } from './harness.mjs';

/** The password SecretOnce shows. */
async function shownPassword(page) {
  const value = (await page.locator('.app-secret__value').innerText()).trim();
  assert.match(value, /^[A-Za-z0-9_-]{24}$/);
  return value;
}

const UPDATE = 'mutation ($input: UpdateUserInput!) { updateUser(input: $input) { id version } }';

describeInChromium('user accounts in Chromium', () => {
  test('admin: invites a person, changes the account through a conflict, blocks and allows it, makes a new password', { timeout: 240_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    const person = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ADMIN);
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Gebruikers' }).click();
      await page.getByRole('heading', { level: 1, name: 'Gebruikers' }).waitFor();
      await page.getByRole('table', { name: /^\d+ gebruikers$/ }).waitFor();
      await expectAccessible(page, 'users list');

      await page.getByRole('link', { name: 'Iemand uitnodigen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Iemand uitnodigen' }).waitFor();
      await expectAccessible(page, 'invitation form');

      // A bad address and no name: both named at once, under their fields and in the summary.
      await page.getByLabel('E-mailadres (verplicht)').fill('geen-adres');
      await page.getByRole('button', { name: 'Uitnodigen' }).click();
      const summary = page.locator('.app-error-summary');
      await summary.getByText(/Het account is niet aangemaakt\./).waitFor();
      const listed = await summary.getByRole('listitem').allInnerTexts();
      assert.deepEqual(listed.sort(), ['E-mailadres: Vul een geldig e-mailadres in, zoals info@voorbeeld.nl.', 'Naam: Vul dit veld in, met hooguit 200 tekens.'].sort());
      assert.ok(await summary.evaluate((el) => el === document.activeElement), 'the summary is focused');
      await expectAccessible(page, 'invitation form with field errors');

      // An organisation user without an organisation: the API names the field the role needs.
      const email = `e2e.uitgenodigd.${Date.now()}@example.nl`;
      await page.getByLabel('E-mailadres (verplicht)').fill(email);
      await page.getByLabel('Naam (verplicht)').fill('Els Uitgenodigd');
      await page.getByRole('button', { name: 'Uitnodigen' }).click();
      await summary.getByRole('listitem').filter({ hasText: 'Organisatie: Vul dit veld in.' }).waitFor();
      await page.locator('#usr-organisationId-error').getByText('Vul dit veld in.').waitFor();
      await screenshot(page, 'user-invite-errors');

      const { organisation: swa } = await graphql(page.request, '{ organisation(slug: "swa") { id name } }');
      await pickOption(page, 'Organisatie (verplicht)', 'welzijn amersf', swa.name);
      await page.getByRole('button', { name: 'Uitnodigen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Account van Els Uitgenodigd' }).waitFor();
      await page.getByRole('region', { name: `Account aangemaakt voor ${email}` }).waitFor();
      const password = await shownPassword(page);
      await screenshot(page, 'user-invited-password');
      await expectAccessible(page, 'account page with the password shown once');
      await page.getByRole('button', { name: 'Ik heb het bewaard, verbergen' }).click();
      assert.equal(await page.locator('.app-secret__value').count(), 0);

      // The person signs in with it.
      await logIn(person.page, { email, password });
      const userId = new URL(page.url()).pathname.split('/').pop();

      // Role and areas, while someone else renames the account: the conflict, the newest version, the change again.
      const { user } = await graphql(page.request, 'query ($id: ID!) { user(id: $id) { version } }', { id: userId });
      await graphql(page.request, UPDATE, { input: { id: userId, version: user.version, displayName: 'Els Uitgenodigd-de Vries' } });
      await page.getByLabel('Rol').selectOption('MUNICIPALITY');
      await pickOption(page, 'Wijken en buurten (verplicht)', 'schuilenb', 'Schuilenburg');
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByRole('heading', { name: 'Iemand anders heeft dit gegeven intussen gewijzigd' }).waitFor();
      await expectAccessible(page, 'account form with a version conflict');
      await page.getByRole('button', { name: 'Nieuwste gegevens laden' }).click();
      await page.getByRole('heading', { level: 1, name: 'Account van Els Uitgenodigd-de Vries' }).waitFor();
      await page.getByLabel('Rol').selectOption('MUNICIPALITY');
      await pickOption(page, 'Wijken en buurten (verplicht)', 'schuilenb', 'Schuilenburg');
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByText('De wijzigingen zijn opgeslagen.').waitFor();
      const saved = await graphql(page.request, 'query ($id: ID!) { user(id: $id) { role organisation { id } areas { name } } }', { id: userId });
      assert.deepEqual(saved.user, { role: 'MUNICIPALITY', organisation: null, areas: [{ name: 'Schuilenburg' }] });

      // A municipality user works for one municipality: an area of a second one is refused under the field.
      const CREATE_AREA = 'mutation ($input: CreateAreaInput!) { createArea(input: $input) { id } }';
      await graphql(page.request, CREATE_AREA, { input: { code: 'GM9902', name: 'Tweestad', level: 'MUNICIPALITY' } });
      await graphql(page.request, CREATE_AREA, { input: { code: 'WK990201', name: 'Havenwijk', level: 'DISTRICT', parent: 'GM9902' } });
      // A new visit loads the area tree with them (by way of the list: a reload would keep the invitation in the history state).
      await page.goto('/gebruikers');
      await page.getByRole('table', { name: /^\d+ gebruikers$/ }).waitFor();
      await page.goto(`/gebruikers/${userId}`);
      await page.getByRole('heading', { level: 1, name: 'Account van Els Uitgenodigd-de Vries' }).waitFor();
      await pickOption(page, 'Wijken en buurten (verplicht)', 'havenw', 'Havenwijk');
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.locator('#usr-areas-error').getByText('Kies gebieden in één gemeente: een gemeentegebruiker werkt voor één gemeente (nu 2).').waitFor();
      await expectAccessible(page, 'account form with areas of two municipalities');
      const kept = await graphql(page.request, 'query ($id: ID!) { user(id: $id) { areas { name } } }', { id: userId });
      assert.deepEqual(kept.user.areas, [{ name: 'Schuilenburg' }]);
      await page.getByRole('button', { name: 'Havenwijk verwijderen' }).click();

      // Block: asked first; the person's session ends at once.
      await page.getByRole('button', { name: 'Account blokkeren' }).click();
      await page.getByRole('group', { name: `Het account ${email} blokkeren?` }).waitFor();
      await expectAccessible(page, 'block question');
      await page.getByRole('group', { name: `Het account ${email} blokkeren?` }).getByRole('button', { name: 'Account blokkeren' }).click();
      await page.getByText('Dit account is geblokkeerd: het kan niet inloggen.').waitFor();
      const viewer = await person.page.request.post('/graphql', { data: { query: '{ viewer { kind } }' }, headers: { 'content-type': 'application/json' } });
      assert.deepEqual((await viewer.json()).data, { viewer: { kind: 'ANONYMOUS' } });
      await page.getByRole('button', { name: 'Account weer toelaten' }).click();
      await page.getByRole('group', { name: `Het account ${email} weer toelaten?` }).getByRole('button', { name: 'Account weer toelaten' }).click();
      await page.getByText('Dit account kan inloggen.').waitFor();

      // A new password: shown once; the old one no longer signs in, the new one does.
      await page.getByRole('button', { name: 'Nieuw wachtwoord maken' }).click();
      await page.getByRole('group', { name: `Een nieuw wachtwoord maken voor ${email}?` }).getByRole('button', { name: 'Nieuw wachtwoord maken' }).click();
      await page.getByRole('region', { name: `Nieuw wachtwoord voor ${email}` }).waitFor();
      const second = await shownPassword(page);
      assert.notEqual(second, password);
      await screenshot(page, 'user-account');
      await expectAccessible(page, 'account page after a new password');
      const old = await person.page.request.post('/auth/login', { data: { email, password }, headers: { 'content-type': 'application/json' } });
      assert.equal(old.status(), 401);
      await logIn(person.page, { email, password: second });

      // The admin's own account: no role to change, no block button.
      const { viewer: me } = await graphql(page.request, '{ viewer { user { id } } }');
      await page.goto(`/gebruikers/${me.user.id}`);
      await page.getByText('Uw eigen account blokkeert u niet hier; een andere beheerder kan dat.').waitFor();
      assert.equal(await page.getByLabel('Rol').count(), 0);
      assert.equal(await page.getByRole('button', { name: 'Account blokkeren' }).count(), 0);
      await expectAccessible(page, 'own account page');
      assert.deepEqual(errors, []);
    } finally {
      await person.context.close();
      await context.close();
    }
  });
});
