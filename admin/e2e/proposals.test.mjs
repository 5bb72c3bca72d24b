// @ts-check
/**
 * Organisations propose, a curator decides, end to end in Debian's Chromium against the real API
 * and database with the Amersfoort demo data: SWA's user finds a location of Riagg's (which it
 * may not change), proposes a change through the location form in its propose mode (a missing
 * motivation refused under its field first), and a second change; an admin opens the
 * Voorstellen page, sees the proposed values beside the current ones, accepts the first, and
 * rejects the second — without a reason refused, then with one; SWA's user is told of both in
 * Meldingen and sees the outcome and the reason; the location shows the change and its history
 * names the proposal as the channel. Then SWA's user proposes the police's wijkagent as a new key
 * person, which the admin accepts: the person is the police's, and a change SWA's user then
 * proposes to that person is accepted too. An admin adds an organisation
 * (a missing sector and a bad e-mail address refused first); SWA's user proposes a new
 * organisation and a change to a service of another organisation it partners in, both accepted.
 * axe-core on every page.
 *
 * Without /usr/bin/chromium the tests are skipped, unless REQUIRE_BROWSER_TESTS=1.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, browser, describeInChromium, expectAccessible, graphql, logIn, openPage, pickOption, screenshot } from './harness.mjs';

const LOCATION = 'query ($id: ID!) { location(id: $id) { id version accessibility city } }';

describeInChromium('proposals in Chromium', () => {
  test('an organisation proposes changes to another organisation\'s location; an admin accepts one and rejects one with a reason; the proposer sees both', { timeout: 240_000 }, async () => {
    const curator = await openPage(browser, api);
    const proposer = await openPage(browser, api);
    try {
      await logIn(curator.page, api.accounts.ADMIN);
      const { organisation: riagg } = await graphql(curator.page.request, '{ organisation(slug: "riagg-amersfoort") { id name } }');
      const create = 'mutation ($input: CreateLocationInput!) { createLocation(input: $input) { id name version } }';
      const { createLocation: place } = await graphql(curator.page.request, create, { input: { name: 'Riagg inloop Schuilenburg (e2e)', organisationId: riagg.id, city: 'Amersfoort' } });

      // SWA's user: every location, Riagg's one, the propose form.
      const { page } = proposer;
      await logIn(page, api.accounts.ORGANISATION);
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Locaties' }).click();
      await page.getByRole('heading', { level: 1, name: 'Locaties' }).waitFor({ timeout: 30_000 });
      await page.getByRole('link', { name: 'Alle locaties doorzoeken (om een wijziging voor te stellen)' }).click();
      await page.waitForURL(/alle=1/);
      await page.getByLabel('Zoeken op naam').fill('Riagg inloop');
      await page.getByRole('button', { name: 'Zoeken' }).click();
      await page.getByRole('link', { name: place.name }).click();
      await page.getByRole('heading', { level: 1, name: `Wijziging voorstellen: ${place.name}` }).waitFor();
      await expectAccessible(page, 'the propose form of a location');
      await page.getByLabel('Toegankelijkheid').fill('Rolstoeltoegankelijk via de zij-ingang');
      // No motivation: refused under its field, nothing proposed.
      await page.getByRole('button', { name: 'Voorstel indienen' }).click();
      await page.locator('#loc-motivation-error').waitFor();
      await expectAccessible(page, 'the propose form with its field error');
      await page.getByLabel('Toelichting (verplicht)').fill('Wij organiseren hier elke dinsdag een inloop en zien de zij-ingang dagelijks.');
      await screenshot(page, 'proposal-form');
      await page.getByRole('button', { name: 'Voorstel indienen' }).click();
      await page.waitForURL(/\/voorstellen\/[0-9a-f-]{36}$/);
      const acceptedId = page.url().split('/').pop();
      await page.getByText('Uw voorstel is ingediend.').waitFor();
      await page.getByText('Wacht op beoordeling').waitFor();
      await expectAccessible(page, 'the proposal just made');
      // Nothing changed yet.
      assert.equal((await graphql(curator.page.request, LOCATION, { id: place.id })).location.accessibility, null);
      // A second one, to be rejected.
      const { proposeLocationChange: second } = await graphql(
        page.request,
        'mutation ($id: ID!, $version: Int!, $input: UpdateLocationInput!, $motivation: String!) { proposeLocationChange(id: $id, version: $version, input: $input, motivation: $motivation) { id } }',
        { id: place.id, version: place.version, input: { city: 'Leusden' }, motivation: 'Wij dachten dat de inloop in Leusden is' },
      );

      // The admin: Voorstellen, both pending; the first accepted.
      const admin = curator.page;
      await admin.goto('/wijken');
      await admin.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Voorstellen' }).click();
      await admin.getByRole('heading', { level: 1, name: 'Voorstellen' }).waitFor({ timeout: 30_000 });
      await admin.getByRole('table', { name: /voorstel(len)?, oudste eerst$/ }).waitFor();
      assert.equal(await admin.getByRole('link', { name: `Wijziging van ${place.name}` }).count(), 2);
      await expectAccessible(admin, 'the proposals list');
      await screenshot(admin, 'proposals-list');
      await admin.goto(`/voorstellen/${acceptedId}`);
      await admin.getByRole('heading', { level: 1, name: `Voorstel: wijziging van locatie „${place.name}”` }).waitFor();
      const fields = admin.getByRole('table', { name: 'Voorgestelde velden' });
      await fields.waitFor();
      // Only the field changed in the form, its current value beside the proposed one.
      assert.deepEqual(await fields.locator('tbody th').allInnerTexts(), ['Toegankelijkheid']);
      assert.deepEqual(await fields.locator('tbody td').allInnerTexts(), ['(leeg)', 'Rolstoeltoegankelijk via de zij-ingang']);
      await admin.getByText('Wij organiseren hier elke dinsdag').waitFor();
      await expectAccessible(admin, 'a proposal beside the current values');
      await screenshot(admin, 'proposal-review', { fullPage: true });
      await admin.getByRole('button', { name: 'Aannemen' }).click();
      await admin.getByText('Het voorstel is aangenomen en de wijziging is gedaan.').waitFor();
      await admin.locator('dd').filter({ hasText: 'Aangenomen' }).waitFor();
      await expectAccessible(admin, 'the accepted proposal');

      // The second: no reason refused, then rejected with one.
      await admin.goto(`/voorstellen/${second.id}`);
      await admin.getByRole('button', { name: 'Afwijzen' }).waitFor();
      await admin.getByRole('button', { name: 'Afwijzen' }).click();
      await admin.locator('#proposal-reason-error').waitFor();
      await expectAccessible(admin, 'a rejection without a reason');
      await admin.getByLabel('Reden').fill('De inloop is in Schuilenburg, Amersfoort.');
      await admin.getByRole('button', { name: 'Afwijzen' }).click();
      await admin.getByText('Het voorstel is afgewezen; de organisatie krijgt een melding.').waitFor();
      await admin.locator('dd').filter({ hasText: 'Afgewezen' }).waitFor();

      // The record changed by the accepted proposal only; its history names the proposal.
      const after = (await graphql(admin.request, LOCATION, { id: place.id })).location;
      assert.equal(after.accessibility, 'Rolstoeltoegankelijk via de zij-ingang');
      assert.equal(after.city, 'Amersfoort');
      await admin.goto(`/geschiedenis/location/${place.id}`);
      await admin.getByText('een voorstel van een organisatie, aangenomen door een beheerder', { exact: false }).first().waitFor({ timeout: 30_000 });
      await expectAccessible(admin, 'the history of the location');

      // SWA's user is told of both and sees the outcome.
      await page.goto('/meldingen');
      await page.getByRole('heading', { level: 1, name: 'Meldingen' }).waitFor();
      await page.getByText('Een voorstel van uw organisatie is aangenomen').waitFor();
      await page.getByText('Een voorstel van uw organisatie is afgewezen').waitFor();
      await expectAccessible(page, 'the notifications of the proposer');
      await page.goto(`/voorstellen/${second.id}`);
      await page.locator('dd').filter({ hasText: 'Afgewezen' }).waitFor();
      await page.locator('dd').filter({ hasText: 'De inloop is in Schuilenburg, Amersfoort.' }).waitFor();
      // The proposer decides nothing: no accept or reject buttons.
      assert.equal(await page.getByRole('button', { name: 'Aannemen' }).count(), 0);
      await expectAccessible(page, 'the rejected proposal, as its proposer sees it');
      // A new key person of another organisation: the police's wijkagent.
      const { organisation: police } = await graphql(admin.request, '{ organisation(slug: "politie") { id name } }');
      await page.goto('/sleutelpersonen');
      await page.getByRole('link', { name: 'Een sleutelpersoon van een andere organisatie voorstellen (zoals de wijkagent)' }).click();
      await page.getByRole('heading', { level: 1, name: 'Nieuwe sleutelpersoon voorstellen' }).waitFor();
      await page.getByLabel('Naam (verplicht)').fill('Wijkagent Schuilenburg (e2e)');
      await pickOption(page, 'Organisatie', police.name.slice(0, 7), police.name);
      await page.getByLabel('Toelichting (verplicht)').fill('De nieuwe wijkagent stelde zich voor op ons buurtoverleg.');
      await expectAccessible(page, 'the propose form of a new key person');
      await page.getByRole('button', { name: 'Voorstel indienen' }).click();
      await page.waitForURL(/\/voorstellen\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { level: 1, name: 'Voorstel: nieuwe sleutelpersoon „Wijkagent Schuilenburg (e2e)”' }).waitFor();
      const personProposal = page.url().split('/').pop();
      const { proposal: pending } = await graphql(admin.request, 'query ($id: ID!) { proposal(id: $id) { version } }', { id: personProposal });
      const { acceptProposal: made } = await graphql(admin.request, 'mutation ($id: ID!, $version: Int!) { acceptProposal(id: $id, version: $version) { resultId } }', { id: personProposal, version: pending.version });
      const { keyPerson } = await graphql(admin.request, 'query ($id: ID!) { keyPerson(id: $id) { name organisation { id } } }', { id: made.resultId });
      assert.deepEqual(keyPerson, { name: 'Wijkagent Schuilenburg (e2e)', organisation: { id: police.id } });

      // The wijkagent is the police's now: SWA's user proposes a change to the person, accepted too.
      await page.goto(`/sleutelpersonen/${made.resultId}`);
      await page.getByRole('heading', { level: 1, name: 'Wijziging voorstellen: Wijkagent Schuilenburg (e2e)' }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Opslaan' }).count(), 0);
      await page.getByLabel('Rol in eigen woorden', { exact: true }).fill('wijkagent voor Schuilenburg en Randenbroek');
      await page.getByLabel('Toelichting (verplicht)').fill('Sinds de zomer ook voor Randenbroek.');
      await expectAccessible(page, "proposing a change to another organisation's key person");
      await page.getByRole('button', { name: 'Voorstel indienen' }).click();
      await page.waitForURL(/\/voorstellen\/[0-9a-f-]{36}$/);
      const personChange = page.url().split('/').pop();
      const { proposal: changePending } = await graphql(admin.request, 'query ($id: ID!) { proposal(id: $id) { version kind targetId } }', { id: personChange });
      assert.deepEqual({ kind: changePending.kind, targetId: changePending.targetId }, { kind: 'KEY_PERSON', targetId: made.resultId });
      await graphql(admin.request, 'mutation ($id: ID!, $version: Int!) { acceptProposal(id: $id, version: $version) { status } }', { id: personChange, version: changePending.version });
      const { keyPerson: changed } = await graphql(admin.request, 'query ($id: ID!) { keyPerson(id: $id) { roleDescription } }', { id: made.resultId });
      assert.equal(changed.roleDescription, 'wijkagent voor Schuilenburg en Randenbroek');
      assert.deepEqual(curator.errors, []);
      assert.deepEqual(proposer.errors, []);
    } finally {
      await curator.context.close();
      await proposer.context.close();
    }
  });

  test('an admin adds an organisation; an organisation proposes a new one and a change to a service it partners in, both accepted', { timeout: 180_000 }, async () => {
    const curator = await openPage(browser, api);
    const proposer = await openPage(browser, api);
    try {
      // The admin: the new organisation form, refused twice, then added.
      const admin = curator.page;
      await logIn(admin, api.accounts.ADMIN);
      await admin.goto('/organisaties');
      await admin.getByRole('link', { name: 'Organisatie toevoegen' }).click();
      await admin.getByRole('heading', { level: 1, name: 'Nieuwe organisatie' }).waitFor();
      await admin.getByLabel('Naam (verplicht)').fill('Buurtsportcoach Amersfoort (e2e)');
      await admin.getByRole('button', { name: 'Organisatie toevoegen' }).click();
      await admin.locator('#org-sector-error').getByText('Vul dit veld in.').waitFor();
      await pickOption(admin, 'Sector (verplicht)', 'onderw', 'Onderwijs');
      await admin.locator('#org-email').fill('geen-adres');
      await admin.getByRole('button', { name: 'Organisatie toevoegen' }).click();
      await admin.locator('#org-email-error').getByText(/Vul een geldig e-mailadres in/).waitFor();
      await expectAccessible(admin, 'new organisation form with a field error');
      await admin.locator('#org-email').fill('info@buurtsport.example');
      await admin.getByRole('button', { name: 'Organisatie toevoegen' }).click();
      await admin.getByRole('heading', { level: 1, name: 'Buurtsportcoach Amersfoort (e2e) bewerken' }).waitFor();
      const added = admin.url().match(/\/organisaties\/([0-9a-f-]{36})$/)?.[1];
      assert.ok(added, admin.url());
      const { organisation: sport } = await graphql(admin.request, 'query ($id: ID!) { organisation(id: $id) { name sector email status } }', { id: added });
      assert.deepEqual(sport, { name: 'Buurtsportcoach Amersfoort (e2e)', sector: 'EDUCATION', email: 'info@buurtsport.example', status: 'ACTIVE' });

      // SWA's user proposes a new organisation from the Voorstellen page.
      const { page } = proposer;
      await logIn(page, api.accounts.ORGANISATION);
      await page.goto('/voorstellen');
      await page.getByRole('link', { name: 'Een nieuwe organisatie voorstellen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Nieuwe organisatie voorstellen' }).waitFor();
      await page.getByLabel('Naam (verplicht)').fill('Speeltuinvereniging De Koppel (e2e)');
      await pickOption(page, 'Sector (verplicht)', 'vrijwillig', 'Vrijwilligerswerk');
      await page.locator('#org-motivation').fill('Wij werken met hen samen in de speeltuin; ze staan nog niet op de kaart.');
      await expectAccessible(page, 'proposing a new organisation');
      await page.getByRole('button', { name: 'Voorstel indienen' }).click();
      await page.waitForURL(/\/voorstellen\/[0-9a-f-]{36}$/);
      const newOrganisationProposal = page.url().split('/').pop();

      // ... and a change to a service another organisation provides, in which SWA is a partner.
      const { services } = await graphql(page.request, '{ services(first: 100) { edges { node { id name version cost organisation { slug } partners { slug } } } } }');
      const partnered = services.edges.map((e) => e.node).find((s) => s.organisation && s.organisation.slug !== 'swa' && s.partners.some((p) => p.slug === 'swa'));
      assert.ok(partnered, 'SWA partners in a service of another organisation in the demo data');
      await page.goto(`/diensten/${partnered.id}`);
      await page.getByRole('heading', { level: 1, name: `Wijziging voorstellen: ${partnered.name}` }).waitFor();
      await page.getByLabel('Kosten', { exact: true }).fill('Gratis voor bewoners');
      await page.locator('#svc-motivation').fill('Zo staat het op de folder van dit jaar.');
      await page.getByRole('button', { name: 'Voorstel indienen' }).click();
      await page.waitForURL(/\/voorstellen\/[0-9a-f-]{36}$/);
      const serviceProposal = page.url().split('/').pop();
      await expectAccessible(page, 'a submitted service proposal');

      // The curator accepts both: the organisation is on the map, the service changed.
      for (const id of [newOrganisationProposal, serviceProposal]) {
        const { proposal } = await graphql(admin.request, 'query ($id: ID!) { proposal(id: $id) { version status } }', { id });
        assert.equal(proposal.status, 'PENDING');
        const { acceptProposal } = await graphql(admin.request, 'mutation ($id: ID!, $version: Int!) { acceptProposal(id: $id, version: $version) { status resultId } }', { id, version: proposal.version });
        assert.equal(acceptProposal.status, 'ACCEPTED');
      }
      const { organisations } = await graphql(admin.request, '{ organisations(search: "Speeltuinvereniging", first: 5) { edges { node { name sector } } } }');
      assert.deepEqual(organisations.edges.map((e) => e.node), [{ name: 'Speeltuinvereniging De Koppel (e2e)', sector: 'VOLUNTEER' }]);
      const { service } = await graphql(admin.request, 'query ($id: ID!) { service(id: $id) { cost version } }', { id: partnered.id });
      assert.deepEqual(service, { cost: 'Gratis voor bewoners', version: partnered.version + 1 });
      assert.deepEqual(curator.errors, []);
      assert.deepEqual(proposer.errors, []);
    } finally {
      await curator.context.close();
      await proposer.context.close();
    }
  });
});
