// @ts-check
/**
 * Curating services and locations end to end, in Debian's Chromium, against the real API and
 * database with the Amersfoort demo data: an admin creates a service and a location through the
 * forms (the API's every field error at once, under each field and in the summary), edits them
 * (a version conflict with someone else's save, and the newest version loaded), archives and
 * restores them and reads their history; the pickers are searchable comboboxes; an organisation
 * user edits its own service and is refused another organisation's. axe-core on every page.
 *
 * Without /usr/bin/chromium the tests are skipped, unless REQUIRE_BROWSER_TESTS=1.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, browser, describeInChromium, expectAccessible, graphql, logIn, navLabels, openPage, screenshot } from './harness.mjs';

/** Picks an option in a combobox: types `query`, waits for the option whose name starts with `option`, and chooses it. */
async function pick(page, comboboxName, query, option) {
  const box = page.getByRole('combobox', { name: comboboxName, exact: true });
  await box.click();
  await box.fill(query);
  const choice = page.getByRole('option', { name: new RegExp(`^${option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).first();
  await choice.waitFor();
  await choice.click();
}

/** The error message under a field (fields.tsx: `<id>-error`). */
function errorOf(page, id) {
  return page.locator(`#${id}-error`);
}

const SERVICE = 'mutation ($id: ID!, $version: Int!, $input: UpdateServiceInput!) { updateService(id: $id, version: $version, input: $input) { id version frequency } }';
const LOCATION = 'mutation ($id: ID!, $version: Int!, $input: UpdateLocationInput!) { updateLocation(id: $id, version: $version, input: $input) { id version kind } }';

describeInChromium('curating services and locations in Chromium', () => {
  test('admin: creates a service with pickers, sees every field error at once, edits it through a version conflict, archives and restores it', { timeout: 180_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ADMIN);
      const { organisation: swa } = await graphql(page.request, '{ organisation(slug: "swa") { id name abbreviation } }');
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Diensten' }).click();
      await page.getByRole('heading', { level: 1, name: 'Diensten en activiteiten' }).waitFor();
      await page.getByRole('table', { name: /^\d+ diensten$/ }).waitFor();
      await expectAccessible(page, 'services list');

      await page.getByRole('link', { name: 'Nieuwe dienst of activiteit toevoegen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Nieuwe dienst of activiteit' }).waitFor();
      assert.equal(await page.title(), 'Nieuwe dienst of activiteit — Schakel');

      // The pickers: type to filter, arrow keys and Enter, or click; Dutch order in the list.
      await pick(page, 'Aanbieder', 'welzijn amersf', swa.name);
      assert.equal(await page.getByRole('combobox', { name: 'Aanbieder', exact: true }).inputValue(), swa.abbreviation && swa.abbreviation !== swa.name ? `${swa.name} (${swa.abbreviation})` : swa.name);
      const types = page.getByRole('combobox', { name: 'Soorten interventie', exact: true });
      await types.click();
      await page.getByRole('listbox', { name: 'Soorten interventie' }).getByRole('option').first().waitFor();
      const listed = await page.getByRole('listbox', { name: 'Soorten interventie' }).getByRole('option').locator('span:first-child').allInnerTexts();
      assert.deepEqual(listed, [...listed].sort(new Intl.Collator('nl', { sensitivity: 'base', numeric: true }).compare), 'options in Dutch order');
      await types.press('ArrowDown');
      const active = await types.getAttribute('aria-activedescendant');
      assert.ok(active, 'the active option is announced through aria-activedescendant');
      const firstType = (await page.locator(`#${active} span`).first().innerText()).trim();
      await types.press('Enter');
      await page.getByRole('list', { name: 'Gekozen bij Soorten interventie' }).getByText(firstType).waitFor();
      await page.keyboard.press('Escape');
      await pick(page, 'Werkgebied', 'schuilenb', 'Schuilenburg');
      await expectAccessible(page, 'new service form with a picker filled in');

      // No name, the ages the wrong way round, the dates too.
      await page.getByLabel('Minimumleeftijd').fill('90');
      await page.getByLabel('Maximumleeftijd').fill('80');
      await page.getByLabel('Begindatum').fill('2027-01-01');
      await page.getByLabel('Einddatum').fill('2026-12-31');
      await page.getByRole('button', { name: 'Dienst toevoegen' }).click();
      // The input's own limits come first: the name is required.
      const summary = page.locator('.app-error-summary');
      await summary.getByText('De dienst is niet toegevoegd. Verbeter het volgende:').waitFor();
      assert.deepEqual(await summary.getByRole('listitem').allInnerTexts(), ['Naam: Vul dit veld in, met hooguit 300 tekens.']);
      assert.ok(await summary.evaluate((el) => el === document.activeElement), 'the summary is focused');
      await screenshot(page, 'service-form-errors');
      await expectAccessible(page, 'new service form with field errors');

      // With a name, the record's rules speak: the ages and the dates together.
      await page.getByLabel('Naam (verplicht)').fill('Samen koken in Schuilenburg (e2e)');
      await page.getByRole('button', { name: 'Dienst toevoegen' }).click();
      await summary.getByText('De dienst is niet toegevoegd. Verbeter de volgende 2 punten:').waitFor();
      assert.deepEqual(await summary.getByRole('listitem').allInnerTexts(), [
        'Maximumleeftijd: De minimumleeftijd (90) mag niet hoger zijn dan de maximumleeftijd (80).',
        'Einddatum: De begindatum mag niet na de einddatum liggen.',
      ]);
      assert.equal(await errorOf(page, 'svc-maxAge').innerText(), 'De minimumleeftijd (90) mag niet hoger zijn dan de maximumleeftijd (80).');
      assert.equal(await errorOf(page, 'svc-validTo').innerText(), 'De begindatum mag niet na de einddatum liggen.');
      assert.equal(await page.getByLabel('Maximumleeftijd').getAttribute('aria-invalid'), 'true');
      // A link in the summary takes the keyboard to its field.
      await summary.getByRole('link', { name: /^Einddatum:/ }).click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'svc-validTo');
      await expectAccessible(page, 'new service form with rule errors');

      await page.getByLabel('Minimumleeftijd').fill('55');
      await page.getByLabel('Maximumleeftijd').fill('');
      await page.getByLabel('Einddatum').fill('2027-12-31');
      await page.getByRole('button', { name: 'Dienst toevoegen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Samen koken in Schuilenburg (e2e) bewerken' }).waitFor();
      await page.getByText('Het gegeven is toegevoegd. U kunt het hieronder verder aanvullen.').waitFor();
      const serviceId = page.url().split('/').pop();
      const created = await graphql(page.request, 'query ($id: ID!) { service(id: $id) { name minAge maxAge validFrom organisation { slug } interventionTypes { nameNl } areasServed { slug } version } }', { id: serviceId });
      assert.deepEqual(
        { ...created.service, version: undefined },
        { name: 'Samen koken in Schuilenburg (e2e)', minAge: 55, maxAge: null, validFrom: '2027-01-01', organisation: { slug: 'swa' }, interventionTypes: [{ nameNl: firstType }], areasServed: [{ slug: 'schuilenburg' }], version: undefined },
      );
      await expectAccessible(page, 'service edit form');
      await screenshot(page, 'service-form', { fullPage: true });

      // Edit: only what changed is sent.
      await page.getByLabel('Hoe vaak').fill('wekelijks op dinsdag');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByText('De wijzigingen zijn opgeslagen.').waitFor();

      // Someone else saves meanwhile: this form's save is refused, nothing is overwritten, the newest version loads.
      const { service: current } = await graphql(page.request, 'query ($id: ID!) { service(id: $id) { version } }', { id: serviceId });
      await graphql(page.request, SERVICE, { id: serviceId, version: current.version, input: { frequency: 'elke donderdag' } });
      await page.getByLabel('Kosten').fill('gratis');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      const conflict = page.getByRole('heading', { name: 'Iemand anders heeft deze dienst intussen gewijzigd' });
      await conflict.waitFor();
      await page.getByText('Kosten: gratis').waitFor();
      await expectAccessible(page, 'service form after a version conflict');
      await page.getByRole('button', { name: 'Nieuwste gegevens laden' }).click();
      await page.getByText('De nieuwste gegevens zijn geladen. Voer uw wijzigingen opnieuw in en sla ze op.').waitFor();
      assert.equal(await page.getByLabel('Hoe vaak').inputValue(), 'elke donderdag');
      assert.equal(await page.getByLabel('Kosten').inputValue(), '');
      await page.getByLabel('Kosten').fill('gratis');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByText('De wijzigingen zijn opgeslagen.').waitFor();

      // Archive and restore.
      await page.getByRole('button', { name: 'Archiveren' }).click();
      await page.getByText('Het gegeven is gearchiveerd.').waitFor();
      await page.getByRole('button', { name: 'Terugzetten' }).waitFor();
      assert.ok((await graphql(page.request, 'query ($id: ID!) { service(id: $id) { archivedAt } }', { id: serviceId })).service.archivedAt);
      await expectAccessible(page, 'archived service');
      await page.getByRole('button', { name: 'Terugzetten' }).click();
      await page.getByText('Het gegeven is teruggezet.').waitFor();
      assert.equal((await graphql(page.request, 'query ($id: ID!) { service(id: $id) { archivedAt } }', { id: serviceId })).service.archivedAt, null);

      // The history shows each step.
      await page.getByRole('link', { name: 'Wijzigingsgeschiedenis van Samen koken in Schuilenburg (e2e)' }).click();
      // The history page and its two queries load on first use: allow a busy machine its time.
      await page.getByRole('heading', { level: 1, name: 'Geschiedenis van Samen koken in Schuilenburg (e2e)' }).waitFor({ timeout: 30_000 });
      await page.getByText('6 wijzigingen.').waitFor({ timeout: 30_000 });
      const headings = await page.locator('.app-history__entry').getByRole('heading', { level: 2 }).allInnerTexts();
      assert.equal(headings.length, 6, headings.join(' | '));
      assert.match(headings[0], /aangemaakt$/);
      assert.match(headings[4], /gearchiveerd$/);
      assert.match(headings[5], /teruggezet$/);
      await expectAccessible(page, 'service history');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('admin: creates a location with its position typed as latitude and longitude, three field errors at once, a conflict, archive and restore', { timeout: 150_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ADMIN);
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Locaties' }).click();
      await page.getByRole('heading', { level: 1, name: 'Locaties' }).waitFor();
      await expectAccessible(page, 'locations list');
      await page.getByRole('link', { name: 'Nieuwe locatie toevoegen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Nieuwe locatie' }).waitFor();

      // No name, a postcode that is none, a latitude off the globe: the API names all three together.
      await page.getByLabel('Postcode').fill('38 11');
      await page.getByLabel('Breedtegraad').fill('91');
      await page.getByLabel('Lengtegraad').fill('5,4011');
      await page.getByRole('button', { name: 'Locatie toevoegen' }).click();
      const summary = page.locator('.app-error-summary');
      await summary.getByText('De locatie is niet toegevoegd. Verbeter de volgende 3 punten:').waitFor();
      assert.deepEqual(await summary.getByRole('listitem').allInnerTexts(), [
        'Naam: Vul dit veld in, met hooguit 300 tekens.',
        'Postcode: Vul een Nederlandse postcode in, zoals 3811 AB.',
        'Breedtegraad: Vul een getal in van hooguit 90.',
      ]);
      for (const id of ['loc-name', 'loc-postcode', 'loc-latitude']) assert.ok(await errorOf(page, id).isVisible(), `${id} has its message`);
      await expectAccessible(page, 'new location form with three field errors');
      await screenshot(page, 'location-form-errors');

      await page.getByLabel('Naam (verplicht)').fill('Buurtkamer Schuilenburg (e2e)');
      await page.getByLabel('Postcode').fill('3813 ab');
      await page.getByLabel('Breedtegraad').fill('52,1571');
      await pick(page, 'Buurt of wijk', 'schuil', 'Schuilenburg');
      await page.getByRole('button', { name: 'Locatie toevoegen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Buurtkamer Schuilenburg (e2e) bewerken' }).waitFor();
      const locationId = page.url().split('/').pop();
      const { location } = await graphql(page.request, 'query ($id: ID!) { location(id: $id) { postcode latitude longitude area { slug } version } }', { id: locationId });
      assert.deepEqual(location, { postcode: '3813 AB', latitude: 52.1571, longitude: 5.4011, area: { slug: 'schuilenburg' }, version: 1 });
      await expectAccessible(page, 'location edit form');

      // Only one coordinate: the rule asks for both.
      await page.getByLabel('Lengtegraad').fill('');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await errorOf(page, 'loc-longitude').getByText('Vul breedtegraad en lengtegraad allebei in, of maak ze allebei leeg.').waitFor();
      await page.getByLabel('Lengtegraad').fill('5,4020');

      // A conflict: someone else changed the kind meanwhile.
      await graphql(page.request, LOCATION, { id: locationId, version: 1, input: { kind: 'buurtkamer' } });
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByRole('heading', { name: 'Iemand anders heeft deze locatie intussen gewijzigd' }).waitFor();
      await page.getByRole('button', { name: 'Nieuwste gegevens laden' }).click();
      await page.getByText('De nieuwste gegevens zijn geladen. Voer uw wijzigingen opnieuw in en sla ze op.').waitFor();
      assert.equal(await page.getByLabel('Soort locatie').inputValue(), 'buurtkamer');
      await page.getByLabel('Lengtegraad').fill('5,4020');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByText('De wijzigingen zijn opgeslagen.').waitFor();
      assert.equal((await graphql(page.request, 'query ($id: ID!) { location(id: $id) { longitude } }', { id: locationId })).location.longitude, 5.402);

      await page.getByRole('button', { name: 'Archiveren' }).click();
      await page.getByText('Het gegeven is gearchiveerd.').waitFor();
      await page.getByRole('button', { name: 'Terugzetten' }).click();
      await page.getByText('Het gegeven is teruggezet.').waitFor();
      await expectAccessible(page, 'restored location');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test("organisation user: edits its own service, is refused another organisation's; records to verify link to their forms", { timeout: 120_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ORGANISATION);
      assert.ok((await navLabels(page)).includes('Diensten'));
      const { services: own } = await graphql(page.request, '{ services(first: 100) { edges { node { id name organisation { slug } } } } }');
      const mine = own.edges.map((/** @type {any} */ e) => e.node).find((/** @type {any} */ s) => s.organisation?.slug === 'swa');
      const theirs = own.edges.map((/** @type {any} */ e) => e.node).find((/** @type {any} */ s) => s.organisation && s.organisation.slug !== 'swa');
      assert.ok(mine && theirs, 'a service of SWA and one of another organisation');

      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Diensten' }).click();
      await page.getByRole('heading', { level: 1, name: 'Diensten en activiteiten' }).waitFor();
      await expectAccessible(page, 'services of an organisation');
      await page.goto(`/diensten/${mine.id}`);
      await page.getByRole('heading', { level: 1, name: `${mine.name} bewerken` }).waitFor();
      // The provider is theirs, and not theirs to change.
      assert.equal(await page.getByRole('combobox', { name: 'Aanbieder', exact: true }).count(), 0);
      await page.getByLabel('Hoe vaak').fill('elke woensdag');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByText('De wijzigingen zijn opgeslagen.').waitFor();
      await expectAccessible(page, 'own service saved by an organisation user');

      // Another organisation's service: no edit form — the page offers to propose a change to the
      // curators instead (proposals.test.mjs) — and the API refuses the change itself.
      await page.goto(`/diensten/${theirs.id}`);
      await page.getByRole('heading', { level: 1, name: `Wijziging voorstellen: ${theirs.name}` }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Opslaan' }).count(), 0);
      await page.getByRole('button', { name: 'Voorstel indienen' }).waitFor();
      await expectAccessible(page, "another organisation's service");
      const { service: other } = await graphql(page.request, 'query ($id: ID!) { service(id: $id) { version } }', { id: theirs.id });
      const refused = await page.request.post('/graphql', { data: { query: SERVICE, variables: { id: theirs.id, version: other.version, input: { frequency: 'nooit' } } } });
      assert.equal((await refused.json()).errors?.[0]?.extensions?.code, 'FORBIDDEN');

      // Records to verify: each row links to its form.
      await page.goto('/controleren?soort=SERVICE');
      const table = page.getByRole('table', { name: /gegevens? om te controleren$/ });
      await table.waitFor();
      const first = (await table.locator('tbody th').first().innerText()).trim();
      await table.getByRole('link', { name: `${first} bekijken en bijwerken` }).click();
      await page.getByRole('heading', { level: 1, name: `${first} bewerken` }).waitFor();
      assert.deepEqual(errors.filter((e) => !/status of 403/.test(e)), []);
    } finally {
      await context.close();
    }
  });

  test('admin: the intervention types as a tree under the basic functions; a new one with a field error, then archived and restored', { timeout: 120_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ADMIN);
      const { basicFunctions } = await graphql(page.request, '{ basicFunctions { code number nameNl } }');
      assert.equal(basicFunctions.length, 10);
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Interventies' }).click();
      await page.getByRole('heading', { level: 1, name: 'Soorten interventie' }).waitFor();
      const first = [...basicFunctions].sort((a, b) => a.number - b.number)[0];
      await page.getByRole('heading', { level: 2, name: `${first.number}. ${first.nameNl}` }).waitFor();
      assert.equal(await page.getByRole('heading', { level: 2 }).filter({ hasText: /^\d+\. / }).count(), 10, 'a section per basic function');
      await expectAccessible(page, 'intervention type tree');

      await page.getByRole('link', { name: 'Nieuwe soort interventie' }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Nieuwe soort interventie' }).waitFor();
      await page.getByLabel('Basisfunctie', { exact: true }).selectOption({ label: `${first.number}. ${first.nameNl}` });
      await page.getByRole('button', { name: 'Soort interventie toevoegen' }).click();
      await page.locator('.app-error-summary').getByRole('link', { name: /^Naam: / }).waitFor();
      assert.equal(await page.getByLabel('Naam (verplicht)').getAttribute('aria-invalid'), 'true');
      await expectAccessible(page, 'new intervention type with a field error');
      await page.getByLabel('Naam (verplicht)').fill('Buurtbabbel (e2e)');
      await page.getByRole('button', { name: 'Soort interventie toevoegen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Buurtbabbel (e2e) bewerken' }).waitFor();
      const id = page.url().split('/').pop();
      const created = await graphql(page.request, 'query ($id: ID!) { interventionType(id: $id) { basicFunction { code } } }', { id });
      assert.equal(created.interventionType.basicFunction.code, first.code);
      await page.getByRole('button', { name: 'Archiveren' }).click();
      await page.getByText('Het gegeven is gearchiveerd.').waitFor();
      await page.getByRole('button', { name: 'Terugzetten' }).click();
      await page.getByText('Het gegeven is teruggezet.').waitFor();
      await page.getByRole('link', { name: 'Terug naar de soorten interventie' }).click();
      await page.locator(`section[aria-labelledby="bf-${first.code}"]`).getByRole('link', { name: 'Buurtbabbel (e2e)' }).waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('organisation user: adds a key person of its own with a role from the picker, after two field errors at once; archives and restores them', { timeout: 120_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ORGANISATION);
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Sleutelpersonen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sleutelpersonen' }).waitFor();
      await expectAccessible(page, 'key persons of an organisation');
      await page.getByRole('link', { name: 'Nieuwe sleutelpersoon' }).click();
      await page.getByRole('heading', { level: 1, name: 'Nieuwe sleutelpersoon' }).waitFor();
      await page.getByLabel('Naam (verplicht)').fill('Fatima Yilmaz (e2e)');
      await page.getByLabel('E-mailadres').fill('fatima@');
      await page.getByLabel('Telefoonnummer').fill('bel me');
      await page.getByRole('button', { name: 'Sleutelpersoon toevoegen' }).click();
      const summary = page.locator('.app-error-summary');
      await summary.getByText('De sleutelpersoon is niet toegevoegd. Verbeter de volgende 2 punten:').waitFor();
      assert.deepEqual((await summary.getByRole('listitem').allInnerTexts()).sort(), [
        'E-mailadres: Vul een geldig e-mailadres in, zoals info@voorbeeld.nl.',
        'Telefoonnummer: Vul een geldig telefoonnummer in, zoals 033 123 45 67.',
      ]);
      await expectAccessible(page, 'new key person with field errors');
      await page.getByLabel('E-mailadres').fill('fatima@example.org');
      await page.getByLabel('Telefoonnummer').fill('033 123 45 67');
      const { keyPersonRoles } = await graphql(page.request, '{ keyPersonRoles { nameNl } }');
      const role = keyPersonRoles[0].nameNl;
      await pick(page, 'Rol', role.slice(0, 4), role);
      await page.getByRole('button', { name: 'Sleutelpersoon toevoegen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Fatima Yilmaz (e2e) bewerken' }).waitFor();
      const id = page.url().split('/').pop();
      const { keyPerson } = await graphql(page.request, 'query ($id: ID!) { keyPerson(id: $id) { email role { nameNl } organisation { slug } } }', { id });
      assert.deepEqual(keyPerson, { email: 'fatima@example.org', role: { nameNl: role }, organisation: { slug: 'swa' } });
      await page.getByRole('button', { name: 'Archiveren' }).click();
      await page.getByText('Het gegeven is gearchiveerd.').waitFor();
      await page.getByRole('button', { name: 'Terugzetten' }).click();
      await page.getByText('Het gegeven is teruggezet.').waitFor();
      await expectAccessible(page, 'key person restored');
      assert.deepEqual(errors, []);

      // An admin erases their personal data on request: a reason first, then a confirmation.
      const admin = await openPage(browser, api);
      try {
        await logIn(admin.page, api.accounts.ADMIN);
        await admin.page.goto(`/sleutelpersonen/${id}`);
        await admin.page.getByRole('heading', { level: 2, name: 'Persoonsgegevens wissen' }).waitFor();
        await admin.page.getByRole('button', { name: 'Persoonsgegevens wissen…' }).click();
        await admin.page.locator('#kp-erase-reason-error').getByText('Vul dit veld in.').waitFor();
        await admin.page.getByLabel('Reden').fill('Verzoek AVG-2026-017');
        await admin.page.getByRole('button', { name: 'Persoonsgegevens wissen…' }).click();
        await admin.page.getByRole('group', { name: 'De persoonsgegevens van Fatima Yilmaz (e2e) definitief wissen?' }).waitFor();
        await expectAccessible(admin.page, 'erasing a key person, the confirmation');
        await admin.page.getByRole('button', { name: 'Definitief wissen' }).click();
        await admin.page.getByRole('heading', { level: 1, name: 'Gewiste sleutelpersoon' }).waitFor();
        const erased = await graphql(admin.page.request, 'query ($id: ID!) { keyPerson(id: $id) { erasedAt email archivedAt } }', { id });
        assert.ok(erased.keyPerson.erasedAt && erased.keyPerson.archivedAt);
        assert.notEqual(erased.keyPerson.email, 'fatima@example.org');
        assert.deepEqual(admin.errors, []);
      } finally {
        await admin.context.close();
      }
    } finally {
      await context.close();
    }
  });

  test('admin: a new indicator with every required field empty gets all three errors at once; then created, edited and archived', { timeout: 90_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ADMIN);
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Indicatoren' }).click();
      await page.getByRole('heading', { level: 1, name: 'Indicatoren' }).waitFor();
      await expectAccessible(page, 'indicators');
      await page.getByRole('link', { name: 'Nieuwe indicator' }).click();
      await page.getByRole('button', { name: 'Indicator toevoegen' }).click();
      const summary = page.locator('.app-error-summary');
      await summary.getByText('De indicator is niet toegevoegd. Verbeter de volgende 3 punten:').waitFor();
      assert.deepEqual(await summary.getByRole('listitem').allInnerTexts(), [
        'Code: Gebruik alleen kleine letters en cijfers, met - of _ ertussen (bijvoorbeeld bewoners-ouder-dan-65-jaar).',
        'Naam: Vul dit veld in, met hooguit 300 tekens.',
        'Naam in het Engels: Vul dit veld in, met hooguit 300 tekens.',
      ]);
      await expectAccessible(page, 'new indicator with three field errors');
      await page.getByLabel('Naam (verplicht)').fill('Mantelzorgers (e2e)');
      await page.getByLabel('Naam in het Engels (verplicht)').fill('Informal carers (e2e)');
      await page.getByLabel('Code (verplicht)').fill('mantelzorgers-e2e');
      await page.getByRole('button', { name: 'Indicator toevoegen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mantelzorgers (e2e) bewerken' }).waitFor();
      await page.getByLabel('Eenheid').selectOption('COUNT');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByText('De wijzigingen zijn opgeslagen.').waitFor();
      await page.getByLabel('Omschrijving').fill('Bewoners die mantelzorg geven.');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByText('De wijzigingen zijn opgeslagen.').waitFor();
      await page.getByRole('button', { name: 'Archiveren' }).click();
      await page.getByText('Het gegeven is gearchiveerd.').waitFor();
      const { indicators } = await graphql(page.request, '{ indicators(first: 100, includeArchived: true) { edges { node { code unit description archivedAt version } } } }');
      const stored = indicators.edges.map((/** @type {any} */ e) => e.node).find((/** @type {any} */ i) => i.code === 'mantelzorgers-e2e');
      assert.equal(stored.unit, 'COUNT');
      assert.equal(stored.description, 'Bewoners die mantelzorg geven.');
      assert.ok(stored.archivedAt);
      assert.equal(stored.version, 4);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('admin: archives an organisation from its form and restores it; an organisation user is offered neither', { timeout: 90_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    const org = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ADMIN);
      const { organisation } = await graphql(page.request, '{ organisation(slug: "riagg-amersfoort") { id name } }');
      await page.goto(`/organisaties/${organisation.id}`);
      await page.getByRole('heading', { level: 1, name: `${organisation.name} bewerken` }).waitFor();
      await page.getByRole('button', { name: 'Archiveren' }).click();
      await page.getByText('De organisatie is gearchiveerd.').waitFor();
      assert.ok((await graphql(page.request, 'query ($id: ID!) { organisation(id: $id) { archivedAt } }', { id: organisation.id })).organisation.archivedAt);
      await expectAccessible(page, 'archived organisation');
      await page.getByRole('button', { name: 'Terugzetten' }).click();
      await page.getByText('De organisatie is teruggezet.').waitFor();
      assert.equal((await graphql(page.request, 'query ($id: ID!) { organisation(id: $id) { archivedAt } }', { id: organisation.id })).organisation.archivedAt, null);
      assert.deepEqual(errors, []);

      await logIn(org.page, api.accounts.ORGANISATION);
      await org.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn organisatie' }).click();
      await org.page.getByRole('heading', { level: 1, name: /bewerken$/ }).waitFor();
      assert.equal(await org.page.getByRole('button', { name: 'Archiveren' }).count(), 0);
    } finally {
      await org.context.close();
      await context.close();
    }
  });
});
