// @ts-check
/**
 * The organisation user's pages end to end, in Debian's Chromium, against the real API and
 * database with the Amersfoort demo data: referrals (a BSN refused, a valid referral from SWA to
 * Riagg, a consent for one more organisation picked in a combobox and withdrawn, accepted, an action agreed and reported done, a version conflict explained, closed with
 * an outcome, the history showing every step), the network meeting agenda, API keys (the key
 * shown once, used, revoked) and webhooks (the signing secret shown once, deliveries, disabled,
 * deleted); axe-core on every page; screenshots for docs/.
 *
 * Without /usr/bin/chromium the tests are skipped, unless REQUIRE_BROWSER_TESTS=1.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { api, browser, describeInChromium, expectAccessible, failOnceAfterHold, graphql, logIn, navLabels, openPage, screenshot } from './harness.mjs';

// The API runs with NODE_ENV=production, where webhook secrets must be encrypted: a key for this run only.
process.env.WEBHOOK_SECRET_KEY ??= `e2e-webhook-secret-key-${Date.now()}-0123456789abcdef`;

/** A valid BSN (it passes the elfproef): the API must refuse it in case text. */
const BSN = '111222333';

describeInChromium('organisation pages in Chromium: referrals, network agenda, API keys, webhooks', () => {
  /** @type {import('./harness.mjs').Account} */
  let riagg;
  /** The dossier number of the referral made in the referral test. */
  let dossier = '';

  before(() => {
    // The harness keeps the first account per role (swa@); the receiving organisation's user is the second.
    const match = /^\[schakel\]\s+ORGANISATION\s+(riagg@\S+)\s+(\S+)\s+\(/m.exec(api.output());
    if (!match) throw new Error(`no riagg@ demo account in the start-up log:\n${api.output()}`);
    riagg = { email: match[1], password: match[2] };
  });

  /** The move buttons offered on a referral's detail page. @param {import('playwright-core').Page} page */
  async function moveButtons(page) {
    const section = page.getByRole('region', { name: 'Volgende stap' });
    return section.locator('.app-moves .utrecht-button-group').first().getByRole('button').allTextContents();
  }

  /** The titles of the history, oldest first. @param {import('playwright-core').Page} page */
  async function historyTitles(page) {
    return page.getByRole('list', { name: 'Alle stappen, de oudste eerst' }).locator('.app-timeline__title').allTextContents();
  }

  test('only organisation users get the referral, agenda, API key and webhook pages', { timeout: 60_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ORGANISATION);
      const labels = await navLabels(page);
      for (const label of ['Verwijzingen', 'Netwerkoverleg', 'API-sleutels', 'Webhooks']) assert.ok(labels.includes(label), `menu item ${label} in ${labels.join(', ')}`);

      const admin = await openPage(browser, api);
      try {
        await logIn(admin.page, api.accounts.ADMIN);
        const adminLabels = await navLabels(admin.page);
        for (const label of ['Verwijzingen', 'Netwerkoverleg', 'API-sleutels', 'Webhooks']) assert.ok(!adminLabels.includes(label), `no ${label} for admins`);
        for (const path of ['/verwijzingen', '/verwijzingen/nieuw', '/netwerkoverleg', '/api-sleutels', '/webhooks']) {
          await admin.page.goto(path);
          await admin.page.getByRole('heading', { level: 1, name: 'Geen toegang' }).waitFor();
        }
      } finally {
        await admin.context.close();
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('referral: BSN refused, created, accepted, action agreed and done, conflict explained, closed; the history shows each step', { timeout: 180_000 }, async () => {
    const swa = await openPage(browser, api);
    const receiver = await openPage(browser, api);
    try {
      const { page } = swa;
      await logIn(page, api.accounts.ORGANISATION);
      const ids = await graphql(
        page.request,
        '{ riagg: organisation(slug: "riagg-amersfoort") { id name } swa: organisation(slug: "swa") { id name } network(slug: "wijk-en-psychiatrie-netwerk") { id name } organisations(first: 10) { edges { node { id name } } } }',
      );
      /** An organisation that is neither party, for a consent of scope ORGANISATION. */
      const third = ids.organisations.edges.map((/** @type {{ node: { id: string, name: string } }} */ e) => e.node).find((/** @type {{ id: string }} */ o) => o.id !== ids.riagg.id && o.id !== ids.swa.id);
      assert.ok(third, 'a third organisation in the demo data');

      // The inbox: loading, then an error with a retry button, then the empty state.
      const release = await failOnceAfterHold(page, 'ReferralList');
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Verwijzingen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Verwijzingen' }).waitFor();
      await page.getByRole('status').filter({ hasText: 'Verwijzingen laden…' }).waitFor();
      release();
      await page.getByText('Verwijzingen kon niet worden geladen.').waitFor();
      await expectAccessible(page, 'referral inbox with a failed list');
      await page.getByRole('button', { name: 'Opnieuw proberen' }).click();
      await page.getByText('Uw organisatie heeft geen verwijzingen ontvangen.').waitFor();
      await page.unroute('**/graphql');
      assert.equal(await page.getByRole('link', { name: 'Ontvangen' }).getAttribute('aria-current'), 'page');
      await expectAccessible(page, 'referral inbox, empty');

      // A new referral with a BSN in the summary: the API's field error under the field.
      await page.getByRole('link', { name: 'Nieuwe verwijzing' }).click();
      await page.getByRole('heading', { level: 1, name: 'Nieuwe verwijzing' }).waitFor();
      await page.getByLabel('Ontvangende organisatie').selectOption(ids.riagg.id);
      await page.getByLabel('Netwerk', { exact: true }).selectOption(ids.network.id);
      const summary = page.getByLabel('Casus (anoniem)');
      await summary.fill(`Mevrouw (BSN ${BSN}) vereenzaamt sinds het overlijden van haar man en komt de deur niet meer uit.`);
      await page.getByLabel('Toestemming: ook de kernpartners van het netwerk').check();
      await page.getByLabel('sociaal netwerk').check();
      await expectAccessible(page, 'new referral form');
      await page.getByRole('button', { name: 'Verwijzing aanmaken' }).click();
      const bsnError = page.locator('#ref-summary-error');
      await bsnError.waitFor();
      // The identity detector names what it found and where, and where it belongs.
      assert.match(await bsnError.innerText(), /Het anonieme deel van de casus bevat een burgerservicenummer \(BSN\): „111222333” \(teken 14 tot 22\)\. .*identificerende gegevens/);
      assert.equal(await summary.getAttribute('aria-invalid'), 'true');
      assert.match((await summary.getAttribute('aria-describedby')) ?? '', /ref-summary-error/);
      const errorSummary = page.locator('.app-error-summary');
      assert.ok(await errorSummary.evaluate((el) => el === document.activeElement), 'the error summary has focus');
      await errorSummary.getByRole('link', { name: /Casus \(anoniem\)/ }).click();
      assert.ok(await summary.evaluate((el) => el === document.activeElement), 'the summary link focuses the field');
      await expectAccessible(page, 'new referral form with the BSN error');
      await screenshot(page, 'referral-new-bsn-error', { fullPage: true });

      // Who she is, typed into the summary, is refused part by part; each part is moved into the identifying details with one button.
      const details = page.getByLabel('Identificerende gegevens');
      await summary.fill('Mevrouw De Wit, Schuilenburgerweg 4, oudere vrouw vereenzaamt sinds het overlijden van haar partner; weinig contacten in de buurt, komt de deur niet meer uit.');
      for (const [part, rest] of [
        ['Mevrouw De Wit', 'Schuilenburgerweg 4, oudere vrouw'],
        ['Schuilenburgerweg 4', 'oudere vrouw'],
      ]) {
        await page.getByRole('button', { name: 'Verwijzing aanmaken' }).click();
        const move = page.getByRole('button', { name: `Zet „${part}” over naar de identificerende gegevens` });
        await move.waitFor();
        assert.match(await bsnError.innerText(), new RegExp(`„${part}” \\(teken 1 tot ${part.length}\\)`));
        await move.click();
        assert.ok((await summary.inputValue()).startsWith(rest), `the summary lost "${part}"`);
        assert.ok(await details.evaluate((el) => el === document.activeElement), 'the identifying details have focus');
        await page.getByRole('status').getByText(`„${part}” staat nu bij de identificerende gegevens`).waitFor();
        assert.notEqual(await summary.getAttribute('aria-invalid'), 'true');
      }
      assert.equal(await details.inputValue(), 'Mevrouw De Wit\nSchuilenburgerweg 4');
      await expectAccessible(page, 'new referral form after moving identity to the identifying details');
      // Without anything identifying it is created: the detail page with a new dossier number.
      await page.getByRole('button', { name: 'Verwijzing aanmaken' }).click();
      const title = page.getByRole('heading', { level: 1, name: /^Verwijzing \d{4}-\d{5}$/ });
      await title.waitFor();
      dossier = (await title.innerText()).replace('Verwijzing ', '');
      assert.match(page.url(), new RegExp(`/verwijzingen/${dossier}$`));
      await page.getByText(`Verwijzing ${dossier} is aangemaakt`).waitFor();
      await page.getByText('Toestemming: ook de kernpartners van het netwerk lezen de identificerende gegevens.').waitFor();
      // The referrer reads both layers.
      await page.getByRole('region', { name: 'Gegevens' }).getByText(/Mevrouw De Wit\s+Schuilenburgerweg 4/).waitFor();
      // The referrer cannot accept its own referral: only withdrawing is offered.
      assert.deepEqual(await moveButtons(page), ['Intrekken']);
      await expectAccessible(page, 'referral detail (referrer, signalled)');

      // The resident also consents to one more organisation: picked by typing in a combobox, then withdrawn again.
      const consent = page.getByRole('region', { name: 'Toestemming' });
      await consent.getByRole('button', { name: 'Toestemming vastleggen' }).click();
      await consent.getByLabel('Eén organisatie die ik kies').check();
      // Saving without an organisation names the field.
      await consent.getByRole('button', { name: 'Toestemming opslaan' }).click();
      await page.locator('#consent-organisation-error').waitFor();
      const box = consent.getByRole('combobox', { name: 'Organisatie (verplicht)' });
      await box.click();
      await box.fill(third.name.split(/\s+/)[0]);
      await page.getByRole('option', { name: new RegExp(`^${third.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).first().click();
      await expectAccessible(page, 'consent form with the organisation picker');
      await consent.getByRole('button', { name: 'Toestemming opslaan' }).click();
      await consent.getByText('De toestemming is vastgelegd.').waitFor();
      const records = consent.getByRole('list', { name: 'Vastgelegde toestemming' });
      await records.getByText(`${third.name}: gegeven op`).waitFor();
      await consent.getByRole('button', { name: `Toestemming voor ${third.name} intrekken` }).click();
      await consent.getByText(`De toestemming voor ${third.name} is ingetrokken.`).waitFor();
      assert.match(await records.innerText(), new RegExp(`${third.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: gegeven op .* · ingetrokken op`));
      // The network's consent still stands.
      await page.getByText('Toestemming: ook de kernpartners van het netwerk lezen de identificerende gegevens.').waitFor();

      // The sent folder lists it.
      await page.goto('/verwijzingen?map=verzonden');
      const sentRow = page.getByRole('row', { name: new RegExp(dossier) });
      await sentRow.waitFor();
      assert.match(await sentRow.innerText(), /gesignaleerd/);
      assert.ok((await sentRow.innerText()).includes(ids.riagg.name));

      // SWA keeps the referral open while Riagg works on it.
      await page.goto(`/verwijzingen/${dossier}`);
      await page.getByRole('heading', { level: 1, name: `Verwijzing ${dossier}` }).waitFor();

      // The receiving organisation: its inbox, then accept (with the keyboard).
      const r = receiver.page;
      await logIn(r, riagg);
      await r.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Verwijzingen' }).click();
      const inboxRow = r.getByRole('row', { name: new RegExp(dossier) });
      await inboxRow.waitFor();
      assert.ok((await inboxRow.innerText()).includes(ids.swa.name));
      await expectAccessible(r, 'referral inbox (receiver)');
      await screenshot(r, 'referrals-inbox');
      await inboxRow.getByRole('link', { name: dossier }).click();
      await r.getByRole('heading', { level: 1, name: `Verwijzing ${dossier}` }).waitFor();
      assert.deepEqual(await moveButtons(r), ['Accepteren', 'Afwijzen']);
      await r.getByText('Werkafspraken worden gemaakt zodra de ontvanger de verwijzing heeft geaccepteerd.').waitFor();
      const accept = r.getByRole('button', { name: 'Accepteren', exact: true });
      await accept.focus();
      await r.keyboard.press('Enter');
      const moveHeading = r.getByRole('heading', { level: 3, name: 'Accepteren' });
      await moveHeading.waitFor();
      assert.ok(await moveHeading.evaluate((el) => el === document.activeElement), 'focus moves to the step form');
      await r.getByLabel('Toelichting').fill('Huisbezoek volgende week door de wijkverpleegkundige GGZ.');
      await r.getByRole('button', { name: 'Accepteren: bevestigen' }).press('Enter');
      await r.getByText('De verwijzing heeft nu de status „verdieping”.').waitFor();
      assert.deepEqual(await moveButtons(r), ['Acties afgesproken', 'In portefeuille', 'Afsluiten']);
      // Riagg took it up: it holds the case (and may hand it over); with the network's consent it reads who it is.
      const receiverFacts = r.getByRole('region', { name: 'Gegevens' });
      assert.match(await receiverFacts.innerText(), new RegExp(`Houder \\(pakte de casus op\\)\\s+${ids.riagg.name}`));
      await receiverFacts.getByText(/Mevrouw De Wit\s+Schuilenburgerweg 4/).waitFor();
      await r.getByRole('region', { name: 'Overdragen' }).waitFor();

      // SWA's page is now out of date: its note meets a version conflict, explained, with a reload.
      await page.getByLabel('Notitie (verplicht)').fill('Buurvrouw meldt dat mevrouw weer boodschappen doet.');
      await page.getByRole('button', { name: 'Notitie toevoegen' }).click();
      await page.getByRole('heading', { name: 'Iemand anders heeft deze verwijzing intussen gewijzigd' }).waitFor();
      await expectAccessible(page, 'referral detail with a version conflict');
      await page.getByRole('button', { name: 'Nieuwste gegevens laden' }).click();
      await page.getByText('verdieping', { exact: true }).first().waitFor();
      await page.getByRole('button', { name: 'Notitie toevoegen' }).click();
      await page.getByText('De notitie is toegevoegd.').waitFor();

      // Riagg agrees an action (due by default at the network's next meeting).
      await r.reload();
      await r.getByRole('heading', { level: 3, name: 'Werkafspraak toevoegen' }).waitFor();
      await r.getByLabel('Wat wordt er gedaan (verplicht)').fill('Kennismaking met het maatjesproject en de eetclub in de buurt.');
      await r.getByLabel('Door welke organisatie (verplicht)').selectOption(ids.riagg.id);
      await r.getByRole('button', { name: 'Werkafspraak toevoegen' }).click();
      await r.getByText('De werkafspraak is toegevoegd.').waitFor();
      const actions = r.getByRole('region', { name: 'Werkafspraken' });
      await actions.locator('strong', { hasText: 'Kennismaking met het maatjesproject en de eetclub in de buurt.' }).waitFor();
      assert.ok((await actions.innerText()).includes(`Door ${ids.riagg.name}, uiterlijk`));

      // A move the table does not allow (any more) is explained, with what is possible now.
      let invalidOnce = true;
      await r.route('**/graphql', async (route) => {
        if (!invalidOnce || route.request().postDataJSON()?.operationName !== 'ChangeReferralStatus') return route.fallback();
        invalidOnce = false;
        await route.fulfill({
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({
            data: null,
            errors: [
              {
                message: 'A referral cannot move from ON_HOLD to ACTION_AGREED',
                extensions: { code: 'INVALID_TRANSITION', from: 'ON_HOLD', to: 'CLOSED', allowed: ['EXPLORING', 'ACTION_AGREED', 'IN_PROGRESS', 'WITHDRAWN'] },
              },
            ],
          }),
        });
      });
      await r.getByRole('button', { name: 'Acties afgesproken', exact: true }).click();
      await r.getByRole('button', { name: 'Acties afgesproken: bevestigen' }).click();
      await r.getByText(/Deze stap kan niet \(meer\): een verwijzing met status „in portefeuille” gaat niet naar „afgesloten”/).waitFor();
      await r.getByText(/Mogelijk vanuit deze status: verdieping, acties afgesproken, in uitvoering, ingetrokken\./).waitFor();
      await expectAccessible(r, 'referral detail with an invalid move explained');
      await r.unroute('**/graphql');

      // The real move, then the action reported done.
      await r.getByRole('button', { name: 'Acties afgesproken: bevestigen' }).click();
      await r.getByText('De verwijzing heeft nu de status „acties afgesproken”.').waitFor();
      await r.getByRole('button', { name: /^Gereed melden: Kennismaking/ }).click();
      await r.getByLabel('Resultaat (verplicht)').fill('Maatje gekoppeld; mevrouw gaat elke week naar de eetclub.');
      await r.getByRole('button', { name: 'Gereed melden', exact: true }).click();
      await r.getByText('De werkafspraak is gereed gemeld.').waitFor();
      await actions.getByText(/gereed op/).waitFor();
      await expectAccessible(r, 'referral detail (receiver, actions agreed)');
      await screenshot(r, 'referral-detail', { fullPage: true });

      // Closing asks for the outcome and the problem owner.
      await r.getByRole('button', { name: 'Afsluiten', exact: true }).click();
      await r.getByRole('button', { name: 'Afsluiten: bevestigen' }).click();
      await r.locator('#move-note-error').waitFor();
      // Required (the wording may add the length the field allows).
      assert.match(await r.locator('#move-note-error').innerText(), /^Vul dit veld in[.,]/);
      await r.getByLabel('Uitkomst (verplicht)').fill('Weer sociaal actief: maatje en eetclub. Alert blijven rond de feestdagen.');
      await r.getByLabel('Probleemeigenaar (verplicht)').selectOption(ids.swa.id);
      // Step 5 asks whether to stay alert, when to look again, and what we learned.
      await r.getByLabel('Alert blijven: is het nodig de vinger aan de pols te houden?').check();
      const lookAgain = new Date(Date.now() + 14 * 86400000).toISOString().slice(0, 10);
      await r.getByLabel('Opnieuw bekijken op').fill(lookAgain);
      await r.getByLabel('Wat hebben we als professionals geleerd?').fill('Een maatje via het netwerk werkt beter dan een verwijzing op papier.');
      await r.getByRole('button', { name: 'Afsluiten: bevestigen' }).click();
      await r.getByText('De verwijzing heeft nu de status „afgesloten”.').waitFor();
      await r.getByText('De verwijzing is afgesloten: er volgen geen stappen meer.').waitFor();
      assert.equal(await r.getByRole('heading', { level: 3, name: 'Werkafspraak toevoegen' }).count(), 0);
      assert.equal(await r.getByRole('heading', { level: 3, name: 'Notitie toevoegen' }).count(), 0);

      // The history shows every step, oldest first.
      assert.deepEqual(await historyTitles(r), [
        'Gesignaleerd (verwijzing aangemaakt)',
        'Toestemming vastgelegd: één organisatie',
        'Toestemming ingetrokken',
        'Geaccepteerd',
        'Notitie toegevoegd',
        'Werkafspraak gemaakt',
        'Status gewijzigd naar „acties afgesproken”',
        'Werkafspraak gereed gemeld',
        'Afgesloten',
      ]);
      const history = r.getByRole('region', { name: 'Verloop' });
      assert.match(await history.innerText(), /van „gesignaleerd” naar „verdieping”/);
      assert.match(await history.innerText(), /Weer sociaal actief/);
      await expectAccessible(r, 'referral detail (receiver, closed)');
      await screenshot(r, 'referral-detail-closed', { fullPage: true });

      // The referrer sees the outcome and the problem owner.
      await page.reload();
      await page.getByText('De verwijzing is afgesloten: er volgen geen stappen meer.').waitFor();
      const facts = page.getByRole('region', { name: 'Gegevens' });
      assert.match(await facts.innerText(), new RegExp(`Probleemeigenaar\\s+${ids.swa.name}`));
      assert.match(await facts.innerText(), /Weer sociaal actief/);
      assert.match(await facts.innerText(), /Alert blijven\s+ja · opnieuw bekijken op/);
      assert.match(await facts.innerText(), /Een maatje via het netwerk werkt beter/);
      // The only browser error is the 503 the test itself answered for the inbox.
      assert.deepEqual(swa.errors.filter((e) => !/status of 503/.test(e)), []);
      assert.deepEqual(receiver.errors, []);
    } finally {
      await receiver.context.close();
      await swa.context.close();
    }
  });

  test('network meeting agenda: the network of the referral, with what ended since the last meeting', { timeout: 60_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ORGANISATION);
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Netwerkoverleg' }).click();
      await page.getByRole('heading', { level: 1, name: 'Netwerkoverleg' }).waitFor();
      await page.getByLabel('Netwerk', { exact: true }).selectOption('wijk-en-psychiatrie-netwerk');
      await page.getByRole('button', { name: 'Agenda tonen' }).click();
      await page.waitForURL(/netwerk=wijk-en-psychiatrie-netwerk/);
      const ended = page.getByRole('region', { name: 'Beëindigd sinds het vorige overleg' });
      await ended.getByRole('link', { name: dossier }).waitFor();
      await page.getByRole('region', { name: 'Sinds het vorige overleg' }).getByText(/Afgesloten/).first().waitFor();
      await page.getByText('Er zijn geen open casussen.').waitFor();
      // Closed with "stay alert" and a day within the next meeting: on the agenda to look at again.
      await page.getByRole('region', { name: 'Opnieuw bekijken' }).getByRole('link', { name: dossier }).waitFor();
      await expectAccessible(page, 'network meeting agenda');
      await screenshot(page, 'network-agenda', { fullPage: true });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('API keys: a field error, the key shown once and usable, then revoked after confirmation', { timeout: 90_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: api.baseUrl });
      await logIn(page, api.accounts.ORGANISATION);
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'API-sleutels' }).click();
      await page.getByRole('heading', { level: 1, name: 'API-sleutels' }).waitFor();
      await page.getByText('Uw organisatie heeft nog geen API-sleutels.').waitFor();
      await expectAccessible(page, 'API keys, empty');

      // No name: the API's field error under the field.
      await page.getByRole('button', { name: 'API-sleutel aanmaken' }).click();
      await page.locator('#key-name-error').waitFor();
      assert.match(await page.locator('#key-name-error').innerText(), /^Vul dit veld in[.,]/);

      await page.getByLabel('Naam (verplicht)').fill('Regas koppeling');
      await page.getByLabel('sociale kaart lezen').check();
      assert.ok(await page.getByLabel('verwijzingen', { exact: true }).isChecked(), 'REFERRALS is the default scope');
      await page.getByRole('button', { name: 'API-sleutel aanmaken' }).click();
      const secret = page.getByRole('region', { name: 'API-sleutel „Regas koppeling” is aangemaakt' });
      await secret.waitFor();
      assert.ok(await secret.evaluate((el) => el === document.activeElement), 'focus moves to the key');
      assert.match(await secret.innerText(), /Hij wordt maar één keer getoond/);
      const key = (await secret.locator('code').innerText()).trim();
      assert.match(key, /^skl_[A-Za-z0-9]{8}_\S+$/);
      await secret.getByRole('button', { name: 'Kopiëren' }).click();
      await secret.getByText('Gekopieerd naar het klembord.').waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), key);
      const row = page.getByRole('row', { name: /Regas koppeling/ });
      await row.waitFor();
      assert.match(await row.innerText(), new RegExp(`skl_${key.slice(4, 12)}_…`));
      assert.match(await row.innerText(), /sociale kaart lezen, verwijzingen/);
      assert.match(await row.innerText(), /verloopt niet/);
      assert.match(await row.innerText(), /actief/);
      await expectAccessible(page, 'API keys with a new key shown once');
      await screenshot(page, 'api-keys', { fullPage: true });

      // The key works for the organisation's system.
      const asKey = async () => {
        const response = await page.request.post('/graphql', {
          data: { query: '{ viewer { kind organisation { name } scopes } }' },
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        });
        return { status: response.status(), body: await response.json().catch(() => null) };
      };
      const used = await asKey();
      assert.equal(used.status, 200);
      assert.equal(used.body.data.viewer.kind, 'API_KEY');

      // Shown once: after hiding (or reloading) it is nowhere on the page.
      await secret.getByRole('button', { name: 'Ik heb het bewaard, verbergen' }).click();
      await page.reload();
      await row.waitFor();
      assert.ok(!(await page.content()).includes(key), 'the key is not shown again');
      assert.doesNotMatch(await row.innerText(), /nooit/, 'last used is filled in');

      // Revoke, after confirming.
      await row.getByRole('button', { name: 'Intrekken: Regas koppeling' }).click();
      const confirm = page.getByRole('group', { name: /API-sleutel „Regas koppeling” .* intrekken\?/ });
      await confirm.waitFor();
      assert.ok(await confirm.evaluate((el) => el === document.activeElement), 'focus moves to the question');
      await expectAccessible(page, 'API keys, confirming a revocation');
      // Escape cancels; nothing changes.
      await page.keyboard.press('Escape');
      assert.equal(await confirm.count(), 0);
      await row.getByRole('button', { name: 'Intrekken: Regas koppeling' }).click();
      await page.getByRole('button', { name: 'Ja, intrekken' }).click();
      await page.getByText('API-sleutel „Regas koppeling” is ingetrokken.').waitFor();
      await row.getByText(/ingetrokken op/).waitFor();
      assert.equal(await row.getByRole('button', { name: /Intrekken/ }).count(), 0);
      const refused = await asKey();
      assert.equal(refused.status, 401, 'a revoked key is refused');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('webhooks: a field error, the signing secret shown once, deliveries, disable and delete', { timeout: 90_000 }, async () => {
    const { context, page, errors } = await openPage(browser, api);
    try {
      await logIn(page, api.accounts.ORGANISATION);
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Webhooks' }).click();
      await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
      await page.getByText('Uw organisatie heeft nog geen webhooks.').waitFor();
      await expectAccessible(page, 'webhooks, empty');

      // Plain http is refused in production: the field error under the field.
      const url = page.getByLabel('Adres (URL) (verplicht)');
      await url.fill('http://regas.example.invalid/schakel/events');
      await page.getByRole('button', { name: 'Webhook aanmaken' }).click();
      await page.locator('#webhook-url-error').waitFor();
      assert.match(await page.locator('#webhook-url-error').innerText(), /https-adres/);
      assert.equal(await url.getAttribute('aria-invalid'), 'true');

      // A .invalid host never resolves: no event is sent anywhere (and none happens during this test).
      const address = 'https://regas.example.invalid/schakel/events';
      await url.fill(address);
      await page.getByLabel('Omschrijving').fill('Regas productie');
      await page.getByRole('button', { name: 'Webhook aanmaken' }).click();
      const secret = page.getByRole('region', { name: `Ondertekeningsgeheim voor ${address}` });
      await secret.waitFor();
      const value = (await secret.locator('code').innerText()).trim();
      assert.match(value, /^whsec_\S+$/);
      const row = page.getByRole('row', { name: new RegExp(address.replace(/[.]/g, '\\.')) });
      await row.waitFor();
      assert.match(await row.innerText(), /alle gebeurtenissen/);
      assert.match(await row.innerText(), /actief/);
      assert.ok(!(await row.innerText()).includes(value), 'the list shows only the hint');
      await expectAccessible(page, 'webhooks with a new secret shown once');
      await screenshot(page, 'webhooks', { fullPage: true });
      await secret.getByRole('button', { name: 'Ik heb het bewaard, verbergen' }).click();

      // Deliveries: none yet.
      await row.getByRole('button', { name: `Meldingen tonen: ${address}` }).click();
      await page.getByRole('heading', { level: 2, name: `Meldingen aan ${address}` }).waitFor();
      await page.getByText('Er zijn nog geen meldingen verstuurd naar deze webhook.').waitFor();

      // Disable, then delete after confirming.
      await row.getByRole('button', { name: `Uitschakelen: ${address}` }).click();
      await row.getByText(/uitgeschakeld sinds/).waitFor();
      await row.getByRole('button', { name: `Verwijderen: ${address}` }).click();
      await page.getByRole('group', { name: `Webhook naar ${address} verwijderen?` }).waitFor();
      await expectAccessible(page, 'webhooks, confirming a deletion');
      await page.getByRole('button', { name: 'Verwijderen', exact: true }).click();
      await page.getByText('Uw organisatie heeft nog geen webhooks.').waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
