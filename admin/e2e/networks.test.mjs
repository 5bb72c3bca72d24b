// @ts-check
/**
 * Curating networks and their members end to end, in Debian's Chromium, against the real API and
 * database with the Amersfoort demo data: an admin finds networks by area and kind, creates one
 * through the form (the API's field errors all at once, under each field and in the summary),
 * edits it through a version conflict, adds, edits and removes a member, archives and restores
 * the network and reads its history; an organisation user edits a network its organisation
 * coordinates, is offered no other, is refused one by the API, and reads the API's FORBIDDEN in
 * Dutch when the coordination is handed away while the form is open. axe-core on every page.
 *
 * Without /usr/bin/chromium the tests are skipped, unless REQUIRE_BROWSER_TESTS=1.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, browser, describeInChromium, expectAccessible, graphql, logIn, navLabels, openPage, pickOption, screenshot } from './harness.mjs';

const UPDATE = 'mutation ($id: ID!, $version: Int!, $input: UpdateNetworkInput!) { updateNetwork(id: $id, version: $version, input: $input) { id version } }';
const NETWORK = 'query ($id: ID!) { network(id: $id) { id version name kind purpose sizeDescription meetingIntervalWeeks knowledgeAreas archivedAt coordinatorOrganisation { slug } homeBaseLocation { id } areas { slug } targetGroups { code } members { id version role tier contribution fte hoursPerWeek joinedOn leftOn organisation { slug } keyPerson { id } } } }';

/** The error message under a field (fields.tsx: `<id>-error`). */
function errorOf(page, id) {
  return page.locator(`#${id}-error`);
}

describeInChromium('curating networks and their members in Chromium', () => {
  test('admin: filters the networks, creates one after three field errors at once, edits it through a version conflict, adds, edits and removes a member, archives and restores it', { timeout: 240_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ADMIN);
      const { organisation: swa } = await graphql(page.request, '{ organisation(slug: "swa") { id name } }');
      const { organisation: member } = await graphql(page.request, '{ organisation(slug: "riagg-amersfoort") { id name } }');
      // The demo data names no persons (the book gives roles, not people): one for the member.
      const { createKeyPerson: keyPerson } = await graphql(
        page.request,
        'mutation ($input: CreateKeyPersonInput!) { createKeyPerson(input: $input) { id name } }',
        { input: { name: 'Wijkverpleegkundige Schuilenburg (e2e)', role: 'wijkverpleegkundige', organisationId: member.id } },
      );
      const { targetGroups } = await graphql(page.request, '{ targetGroups(first: 1) { edges { node { code nameNl } } } }');
      const targetGroup = targetGroups.edges[0].node;
      const { locations } = await graphql(page.request, '{ locations(first: 1) { edges { node { id name } } } }');
      const homeBase = locations.edges[0].node;

      // The list, from the menu; filtered by area (a searchable combobox) and kind.
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Netwerken' }).click();
      await page.getByRole('heading', { level: 1, name: 'Netwerken' }).waitFor({ timeout: 30_000 });
      await page.getByRole('table', { name: /^\d+ netwerken$/ }).waitFor();
      await expectAccessible(page, 'networks list');
      await pickOption(page, 'Gebied', 'schuilenb', 'Schuilenburg');
      await page.getByLabel('Soort netwerk', { exact: true }).selectOption('SWITCH_TEAM');
      await page.getByRole('button', { name: 'Filteren' }).click();
      await page.waitForURL(/gebied=.*soort=SWITCH_TEAM/);
      const expected = await graphql(page.request, '{ networks(area: "schuilenburg", kind: SWITCH_TEAM, first: 50) { totalCount edges { node { name } } } }');
      assert.ok(expected.networks.totalCount > 0, 'a switch team works in Schuilenburg');
      const filtered = page.getByRole('table', { name: expected.networks.totalCount === 1 ? '1 netwerk' : `${expected.networks.totalCount} netwerken` });
      await filtered.waitFor();
      assert.deepEqual(
        (await filtered.locator('tbody th').allInnerTexts()).map((s) => s.trim()),
        expected.networks.edges.map((/** @type {any} */ e) => e.node.name),
      );
      await expectAccessible(page, 'networks filtered by area and kind');
      await screenshot(page, 'networks-list');

      // A new network: no name, a slug that is none, an interval of four years — all three at once.
      await page.getByRole('link', { name: 'Nieuw netwerk' }).click();
      await page.getByRole('heading', { level: 1, name: 'Nieuw netwerk' }).waitFor();
      await page.getByLabel('Adresnaam (slug)', { exact: true }).fill('Geen Slug');
      await page.getByLabel('Overleg elke … weken', { exact: true }).fill('200');
      await page.getByRole('button', { name: 'Netwerk toevoegen' }).click();
      const summary = page.locator('.app-error-summary');
      await summary.getByText('Het netwerk is niet toegevoegd. Verbeter de volgende 3 punten:').waitFor();
      assert.deepEqual((await summary.getByRole('listitem').allInnerTexts()).sort(), [
        'Adresnaam (slug): Gebruik alleen kleine letters en cijfers, met koppeltekens ertussen (bijvoorbeeld samen-koken).',
        'Naam: Vul dit veld in, met hooguit 300 tekens.',
        'Overleg elke … weken: Vul een getal in van hooguit 104.',
      ]);
      assert.ok(await summary.evaluate((el) => el === document.activeElement), 'the summary is focused');
      for (const id of ['net-name', 'net-slug', 'net-meetingIntervalWeeks']) assert.ok(await errorOf(page, id).isVisible(), `${id} has its message`);
      assert.equal(await page.getByLabel('Overleg elke … weken', { exact: true }).getAttribute('aria-invalid'), 'true');
      await screenshot(page, 'network-form-errors');
      await summary.getByRole('link', { name: /^Overleg elke … weken:/ }).click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'net-meetingIntervalWeeks');
      await expectAccessible(page, 'new network form with three field errors');

      await page.getByLabel('Naam (verplicht)').fill('Buurtnetwerk Schuilenburg (e2e)');
      await page.getByLabel('Adresnaam (slug)', { exact: true }).fill('');
      await page.getByLabel('Overleg elke … weken', { exact: true }).fill('6');
      await page.getByLabel('Soort netwerk', { exact: true }).selectOption('SIGNALLING_NETWORK');
      await page.getByLabel('Doel', { exact: true }).fill('Signalen over eenzaamheid bij ouderen delen.');
      await page.getByRole('checkbox', { name: 'Samenlevingsopbouw' }).check();
      await pickOption(page, 'Gebieden', 'schuilenb', 'Schuilenburg');
      await page.keyboard.press('Escape');
      await pickOption(page, 'Doelgroepen', targetGroup.nameNl.slice(0, 5), targetGroup.nameNl);
      await page.keyboard.press('Escape');
      await pickOption(page, 'Coördinerende organisatie', 'welzijn amersf', swa.name);
      await pickOption(page, 'Thuisbasis', homeBase.name.slice(0, 6), homeBase.name);
      await expectAccessible(page, 'new network form filled in');
      await page.getByRole('button', { name: 'Netwerk toevoegen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Buurtnetwerk Schuilenburg (e2e) bewerken' }).waitFor();
      await page.getByText('Het gegeven is toegevoegd. U kunt het hieronder verder aanvullen.').waitFor();
      const networkId = page.url().split('/').pop();
      const { network: created } = await graphql(page.request, NETWORK, { id: networkId });
      assert.deepEqual(
        { ...created, id: undefined, version: undefined },
        {
          id: undefined,
          version: undefined,
          name: 'Buurtnetwerk Schuilenburg (e2e)',
          kind: 'SIGNALLING_NETWORK',
          purpose: 'Signalen over eenzaamheid bij ouderen delen.',
          sizeDescription: null,
          meetingIntervalWeeks: 6,
          knowledgeAreas: ['COMMUNITY_BUILDING'],
          archivedAt: null,
          coordinatorOrganisation: { slug: 'swa' },
          homeBaseLocation: { id: homeBase.id },
          areas: [{ slug: 'schuilenburg' }],
          targetGroups: [{ code: targetGroup.code }],
          members: [],
        },
      );
      await expectAccessible(page, 'network edit form');
      await screenshot(page, 'network-form', { fullPage: true });

      // A rule of the record, worded in Dutch: no founding day in the future.
      await page.getByLabel('Opgericht op', { exact: true }).fill('2099-01-01');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await errorOf(page, 'net-foundedOn').getByText('Kies vandaag of een eerdere datum: een netwerk wordt vastgelegd vanaf de dag dat het begon.').waitFor();
      await page.getByLabel('Opgericht op', { exact: true }).fill('2025-09-01');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByText('De wijzigingen zijn opgeslagen.').waitFor();

      // Someone else saves meanwhile: this form's save is refused, nothing is overwritten, the newest version loads.
      const { network: before } = await graphql(page.request, NETWORK, { id: networkId });
      await graphql(page.request, UPDATE, { id: networkId, version: before.version, input: { purpose: 'Signalen delen en samen oppakken.' } });
      await page.getByLabel('Omvang', { exact: true }).fill('twaalf professionals');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByRole('heading', { name: 'Iemand anders heeft dit netwerk intussen gewijzigd' }).waitFor();
      await page.getByText('Omvang: twaalf professionals').waitFor();
      await expectAccessible(page, 'network form after a version conflict');
      await page.getByRole('button', { name: 'Nieuwste gegevens laden' }).click();
      await page.getByText('De nieuwste gegevens zijn geladen. Voer uw wijzigingen opnieuw in en sla ze op.').waitFor();
      assert.equal(await page.getByLabel('Doel', { exact: true }).inputValue(), 'Signalen delen en samen oppakken.');
      assert.equal(await page.getByLabel('Omvang', { exact: true }).inputValue(), '');
      await page.getByLabel('Omvang', { exact: true }).fill('twaalf professionals');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByText('De wijzigingen zijn opgeslagen.').waitFor();
      const { network: saved } = await graphql(page.request, NETWORK, { id: networkId });
      assert.equal(saved.sizeDescription, 'twaalf professionals');
      assert.equal(saved.purpose, 'Signalen delen en samen oppakken.');

      // A member: too much time first (both limits at once), then an organisation with its part.
      const members = page.getByRole('region', { name: 'Deelnemers' });
      await members.getByText('Dit netwerk heeft nog geen deelnemers.').waitFor();
      await members.getByRole('link', { name: 'Deelnemer toevoegen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Nieuwe deelnemer van Buurtnetwerk Schuilenburg (e2e)' }).waitFor();
      await page.getByLabel('Fte', { exact: true }).fill('2');
      await page.getByLabel('Uren per week', { exact: true }).fill('200');
      await page.getByRole('button', { name: 'Deelnemer toevoegen' }).click();
      await summary.getByText('De deelnemer is niet toegevoegd. Verbeter de volgende 2 punten:').waitFor();
      assert.deepEqual((await summary.getByRole('listitem').allInnerTexts()).sort(), ['Fte: Vul een getal in van hooguit 1.5.', 'Uren per week: Vul een getal in van hooguit 168.']);
      await expectAccessible(page, 'new member with two field errors');
      await screenshot(page, 'member-form-errors');
      // Nobody named: the API asks who the member is.
      await page.getByLabel('Fte', { exact: true }).fill('0,2');
      await page.getByLabel('Uren per week', { exact: true }).fill('8');
      await page.getByRole('button', { name: 'Deelnemer toevoegen' }).click();
      await errorOf(page, 'mem-organisationId').getByText('Kies een organisatie of vul de naam in de bron in.').waitFor();
      await pickOption(page, 'Organisatie', member.name.slice(0, 6), member.name);
      await page.getByLabel('Rol in het netwerk', { exact: true }).fill('wijkverpleegkundige');
      await page.getByLabel('Kern of schil', { exact: true }).selectOption('CORE');
      await page.getByLabel('Bijdrage', { exact: true }).selectOption('SIGNALLING');
      await page.getByLabel('Begonnen op', { exact: true }).fill('2026-01-05');
      await page.getByRole('button', { name: 'Deelnemer toevoegen' }).click();
      await page.getByRole('heading', { level: 1, name: `${member.name} bewerken` }).waitFor();
      await page.getByText('Het gegeven is toegevoegd. U kunt het hieronder verder aanvullen.').waitFor();
      await expectAccessible(page, 'member edit form');

      // Edit: a leaving day before the joining day is refused in Dutch; then a shell partner who
      // left, with the key person who sat in the network for it (a searchable picker, not a list).
      await page.getByLabel('Kern of schil', { exact: true }).selectOption('SHELL');
      await pickOption(page, 'Sleutelpersoon', keyPerson.name.slice(0, 4), keyPerson.name);
      await page.getByLabel('Gestopt op', { exact: true }).fill('2025-12-01');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await errorOf(page, 'mem-leftOn').getByText('De stopdatum mag niet vóór de begindatum liggen.').waitFor();
      await page.getByLabel('Gestopt op', { exact: true }).fill('2026-06-30');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByText('De wijzigingen zijn opgeslagen.').waitFor();
      const { network: withMember } = await graphql(page.request, NETWORK, { id: networkId });
      assert.equal(withMember.members.length, 1);
      assert.deepEqual(
        { ...withMember.members[0], id: undefined, version: undefined },
        { id: undefined, version: undefined, role: 'wijkverpleegkundige', tier: 'SHELL', contribution: 'SIGNALLING', fte: 0.2, hoursPerWeek: 8, joinedOn: '2026-01-05', leftOn: '2026-06-30', organisation: { slug: 'riagg-amersfoort' }, keyPerson: { id: keyPerson.id } },
      );

      await page.getByRole('link', { name: 'Terug naar Buurtnetwerk Schuilenburg (e2e)' }).first().click();
      const table = page.getByRole('table', { name: '1 deelnemer' });
      await table.waitFor();
      assert.deepEqual((await table.locator('tbody tr').first().locator('th, td').allInnerTexts()).map((s) => s.trim()).slice(0, 4), [member.name, 'wijkverpleegkundige', 'schil', 'signaleren']);
      await expectAccessible(page, 'network with its member');
      await screenshot(page.getByRole('region', { name: 'Deelnemers' }), 'network-members');

      // Remove the member, after a confirmation in the page.
      await table.getByRole('link', { name: member.name }).click();
      await page.getByRole('heading', { level: 1, name: `${member.name} bewerken` }).waitFor();
      await page.getByRole('button', { name: 'Deelnemer verwijderen…' }).click();
      const question = page.getByRole('group', { name: `${member.name} uit het netwerk verwijderen?` });
      await question.waitFor();
      assert.ok(await question.evaluate((el) => el === document.activeElement), 'the question is focused');
      await expectAccessible(page, 'removing a member, the confirmation');
      await question.getByRole('button', { name: 'Verwijderen', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Buurtnetwerk Schuilenburg (e2e) bewerken' }).waitFor();
      await page.getByText(`${member.name} is uit het netwerk verwijderd.`).waitFor();
      await members.getByText('Dit netwerk heeft nog geen deelnemers.').waitFor();
      assert.equal((await graphql(page.request, NETWORK, { id: networkId })).network.members.length, 0);

      // Archive and restore.
      await page.getByRole('button', { name: 'Archiveren' }).click();
      await page.getByText('Het gegeven is gearchiveerd.').waitFor();
      await members.getByText('Het netwerk is gearchiveerd: zet het terug om deelnemers toe te voegen.').waitFor();
      assert.ok((await graphql(page.request, NETWORK, { id: networkId })).network.archivedAt);
      await expectAccessible(page, 'archived network');
      await page.getByRole('button', { name: 'Terugzetten' }).click();
      await page.getByText('Het gegeven is teruggezet.').waitFor();
      await members.getByRole('link', { name: 'Deelnemer toevoegen' }).waitFor();
      assert.equal((await graphql(page.request, NETWORK, { id: networkId })).network.archivedAt, null);

      // The history shows each step: created, the founding day, the other save, the size, archived, restored.
      await page.getByRole('link', { name: 'Wijzigingsgeschiedenis van Buurtnetwerk Schuilenburg (e2e)' }).click();
      await page.getByRole('heading', { level: 1, name: 'Geschiedenis van Buurtnetwerk Schuilenburg (e2e)' }).waitFor({ timeout: 30_000 });
      await page.getByText('6 wijzigingen.').waitFor({ timeout: 30_000 });
      const headings = await page.locator('.app-history__entry').getByRole('heading', { level: 2 }).allInnerTexts();
      assert.equal(headings.length, 6, headings.join(' | '));
      assert.match(headings[0], /aangemaakt$/);
      assert.match(headings[4], /gearchiveerd$/);
      assert.match(headings[5], /teruggezet$/);
      await expectAccessible(page, 'network history');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test("organisation user: edits a network its organisation coordinates, is offered no other and refused one; the API's FORBIDDEN in Dutch", { timeout: 150_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    const admin = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ORGANISATION);
      await logIn(admin.page, api.accounts.ADMIN);
      assert.ok((await navLabels(page)).includes('Netwerken'));
      const { network: mine } = await graphql(page.request, '{ network(slug: "buurtnetwerk-55plus") { id name version coordinatorOrganisation { slug } } }');
      const { network: theirs } = await graphql(page.request, '{ network(slug: "schakelteam-schothorst") { id name version coordinatorOrganisation { slug } } }');
      assert.equal(mine.coordinatorOrganisation.slug, 'swa');
      assert.notEqual(theirs.coordinatorOrganisation?.slug, 'swa');

      // The list links only the networks SWA coordinates.
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Netwerken' }).click();
      await page.getByRole('heading', { level: 1, name: 'Netwerken' }).waitFor({ timeout: 30_000 });
      const list = page.getByRole('table', { name: /^\d+ netwerken$/ });
      await list.waitFor();
      await list.getByRole('link', { name: mine.name, exact: true }).waitFor();
      assert.equal(await list.getByRole('link', { name: theirs.name, exact: true }).count(), 0);
      await list.getByRole('rowheader', { name: theirs.name, exact: true }).waitFor();
      await expectAccessible(page, 'networks of an organisation user');

      // Its own network: the coordinator is not theirs to change; the rest is.
      await list.getByRole('link', { name: mine.name, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: `${mine.name} bewerken` }).waitFor();
      assert.equal(await page.getByRole('combobox', { name: 'Coördinerende organisatie', exact: true }).count(), 0);
      await page.getByText(/^Coördinerende organisatie: .+\. Alleen een beheerder/).waitFor();
      await page.getByLabel('Hoe vaak het netwerk overlegt', { exact: true }).fill('eens per zes weken, op dinsdagochtend');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByText('De wijzigingen zijn opgeslagen.').waitFor();
      await page.getByRole('region', { name: 'Deelnemers' }).getByRole('link', { name: 'Deelnemer toevoegen' }).waitFor();
      await expectAccessible(page, 'own network saved by an organisation user');

      // Another organisation's network: no form, and the API refuses the change too.
      await page.goto(`/netwerken/${theirs.id}`);
      await page.getByRole('heading', { level: 1, name: 'Geen toegang' }).waitFor();
      await expectAccessible(page, "another organisation's network");
      const refused = await page.request.post('/graphql', { data: { query: UPDATE, variables: { id: theirs.id, version: theirs.version, input: { meetingFrequency: 'nooit' } } } });
      assert.equal((await refused.json()).errors?.[0]?.extensions?.code, 'FORBIDDEN');

      // The coordination goes to another organisation while SWA's form is open: the API's FORBIDDEN, said in Dutch.
      await page.goto(`/netwerken/${mine.id}`);
      await page.getByRole('heading', { level: 1, name: `${mine.name} bewerken` }).waitFor();
      const { network: current } = await graphql(admin.page.request, '{ network(slug: "buurtnetwerk-55plus") { version } }');
      const { organisation: other } = await graphql(admin.page.request, '{ organisation(slug: "riagg-amersfoort") { id } }');
      const { organisation: swa } = await graphql(admin.page.request, '{ organisation(slug: "swa") { id } }');
      const handed = await graphql(admin.page.request, UPDATE, { id: mine.id, version: current.version, input: { coordinatorOrganisationId: other.id } });
      try {
        await page.getByLabel('Omvang', { exact: true }).fill('tien deelnemers');
        await page.getByRole('button', { name: 'Opslaan' }).click();
        await page.getByText('De wijzigingen zijn niet opgeslagen. U hebt hiervoor geen toegang.').waitFor();
        await expectAccessible(page, 'FORBIDDEN on a network handed to another organisation');
      } finally {
        await graphql(admin.page.request, UPDATE, { id: mine.id, version: handed.updateNetwork.version, input: { coordinatorOrganisationId: swa.id } });
      }
      assert.deepEqual(errors.filter((e) => !/status of 403/.test(e)), []);
      assert.deepEqual(admin.errors, []);
    } finally {
      await admin.context.close();
      await context.close();
    }
  });
});
