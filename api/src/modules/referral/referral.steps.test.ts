import { addDays, dutchDate } from '../../common/dates';
import { TEST_PASSWORD, type As, type TestApp, createTestUsers, dataOf, errorCodes, startTestApp } from '../../test/app';
import { hashPassword } from '../auth/auth.service';
import { User, UserRole } from '../user/user.entity';

/**
 * Who took it, the handover, keeping identity out of the anonymous layer, a past case with its
 * real dates, step 5 in full and the report of refused attempts — through the API, per role.
 */
const REFERRAL = `id dossierNumber status version contentVisible identityVisible summary identifyingDetails outcome stayAlert lookAgainOn lessonsLearned recordedAfterwards openedAt closedAt
  receivingOrganisation { slug } holderOrganisation { slug } holderName problemOwnerOrganisation { slug } availableTransitions
  events { sequence type fromStatus toStatus note happenedOn enteredAfterwards occurredAt }
  actions { id version description dueOn completedAt }`;
const CREATE = `mutation($input: CreateReferralInput!) { createReferral(input: $input) { ${REFERRAL} } }`;
const ACCEPT = `mutation($id: ID!, $version: Int!, $input: AcceptReferralInput) { acceptReferral(id: $id, version: $version, input: $input) { ${REFERRAL} } }`;
const CHANGE = `mutation($id: ID!, $version: Int!, $input: ChangeReferralStatusInput!) { changeReferralStatus(id: $id, version: $version, input: $input) { ${REFERRAL} } }`;
const HAND_OVER = `mutation($id: ID!, $version: Int!, $input: HandOverReferralInput!) { handOverReferral(id: $id, version: $version, input: $input) { ${REFERRAL} } }`;
const NOTE = `mutation($id: ID!, $version: Int!, $input: AddReferralNoteInput!) { addReferralNote(id: $id, version: $version, input: $input) { ${REFERRAL} } }`;
const ACTION = `mutation($id: ID!, $version: Int!, $input: AddReferralActionInput!) { addReferralAction(id: $id, version: $version, input: $input) { ${REFERRAL} } }`;
const COMPLETE = `mutation($id: ID!, $version: Int!, $input: CompleteReferralActionInput!) { completeReferralAction(id: $id, version: $version, input: $input) { ${REFERRAL} } }`;
const CLOSE = `mutation($id: ID!, $version: Int!, $input: CloseReferralInput!) { closeReferral(id: $id, version: $version, input: $input) { ${REFERRAL} } }`;
const DETAILS = `mutation($id: ID!, $version: Int!, $input: IdentifyingDetailsInput!) { setReferralIdentifyingDetails(id: $id, version: $version, input: $input) { ${REFERRAL} } }`;

describe('referral steps: who took it, handover, identity, past cases, step 5, refused attempts', () => {
  let t: TestApp;
  const as: Record<string, As> = {};
  const org: Record<string, string> = {};
  let network: string;

  async function orgUser(slug: string): Promise<As> {
    const users = t.db.dataSource.getRepository(User);
    await users.save(users.create({ email: `${slug}@steps.test`, displayName: `Medewerker ${slug}`, role: UserRole.ORGANISATION, organisationId: org[slug], passwordHash: await hashPassword(TEST_PASSWORD) }));
    return { cookie: await t.login(`${slug}@steps.test`, TEST_PASSWORD) };
  }

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    for (const row of await t.db.dataSource.query(`SELECT slug, id FROM organisation`)) org[row.slug] = row.id;
    [{ id: network }] = await t.db.dataSource.query(`SELECT id FROM network WHERE slug = 'buurtnetwerk-55plus'`);
    as.swa = { cookie: await t.login('swa@test.local', TEST_PASSWORD) };
    as.riagg = { cookie: await t.login('riagg@test.local', TEST_PASSWORD) };
    as.admin = { cookie: await t.login('admin@test.local', TEST_PASSWORD) };
    as.municipality = { cookie: await t.login('gemeente@test.local', TEST_PASSWORD) };
    as.beweging = await orgUser('beweging-3-0');
    as.grijs = await orgUser('grijs-genoegen');
    as.kwintes = await orgUser('kwintes');
  });
  afterAll(() => t.close());

  const db = (sql: string, params: unknown[] = []) => t.db.dataSource.query(sql, params);

  it('records who took a network case, lets only the holder hand it over, and the new holder move it on', async () => {
    let r = dataOf(await t.gql(CREATE, { input: { networkId: network, summary: 'Oudere man, vereenzaamd' } }, as.beweging)).createReferral;
    expect(r).toMatchObject({ receivingOrganisation: null, holderOrganisation: null, problemOwnerOrganisation: null });
    // Grijs Genoegen, a core member, takes it up: holder, problem owner and receiver, with the person who accepted.
    r = dataOf(await t.gql(ACCEPT, { id: r.id, version: r.version }, as.grijs)).acceptReferral;
    expect(r).toMatchObject({
      status: 'EXPLORING',
      receivingOrganisation: { slug: 'grijs-genoegen' },
      holderOrganisation: { slug: 'grijs-genoegen' },
      holderName: 'Medewerker grijs-genoegen',
      problemOwnerOrganisation: { slug: 'grijs-genoegen' },
    });
    // Only the holder hands over: not the referrer, not another core member.
    for (const who of [as.beweging, as.swa]) expect(errorCodes(await t.gql(HAND_OVER, { id: r.id, version: r.version, input: { organisationId: org.swa } }, who))).toEqual(['FORBIDDEN']);
    expect((await t.gql(HAND_OVER, { id: r.id, version: r.version, input: { organisationId: org['grijs-genoegen'] } }, as.grijs)).body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.organisationId',
    });
    r = dataOf(await t.gql(HAND_OVER, { id: r.id, version: r.version, input: { organisationId: org.swa, note: 'SWA heeft de contacten' } }, as.grijs)).handOverReferral;
    expect(r).toMatchObject({ status: 'EXPLORING', receivingOrganisation: { slug: 'swa' }, holderOrganisation: { slug: 'swa' }, holderName: null, problemOwnerOrganisation: { slug: 'swa' } });
    expect(r.events.at(-1)).toMatchObject({ type: 'HANDED_OVER', note: 'SWA heeft de contacten', fromStatus: null, toStatus: null });
    // The new holder moves it on and can hand it over again; the old one no longer hands it over.
    r = dataOf(await t.gql(CHANGE, { id: r.id, version: r.version, input: { to: 'ACTION_AGREED' } }, as.swa)).changeReferralStatus;
    expect(errorCodes(await t.gql(HAND_OVER, { id: r.id, version: r.version, input: { organisationId: org['beweging-3-0'] } }, as.grijs))).toEqual(['FORBIDDEN']);
    // A handover before the case is taken up is refused.
    const fresh = dataOf(await t.gql(CREATE, { input: { receivingOrganisationId: org.swa, summary: 'Nog niet opgepakt' } }, as.beweging)).createReferral;
    expect(errorCodes(await t.gql(HAND_OVER, { id: fresh.id, version: 1, input: { organisationId: org['riagg-amersfoort'] } }, as.swa))).toEqual(['INVALID_TRANSITION']);
  });

  // The walk of referral.movers.test.ts through the API: the holder of every shape of case, under every consent, can move it on; outsiders cannot.
  const HOLDERS = ['the receiver', 'a core member (network case alone)', 'an organisation it was handed over to'] as const;
  const CONSENTS = ['none', 'RECEIVER', 'NETWORK', 'ORGANISATION', 'withdrawn'] as const;
  it.each(HOLDERS.flatMap((holder) => CONSENTS.map((consent) => [holder, consent] as const)))('lets %s move an open case on, with consent %s (through the API)', async (holder, consent) => {
    const input: Record<string, unknown> = { summary: 'Oudere man, vereenzaamd', identifyingDetails: 'Meneer Loper' };
    if (holder !== 'a core member (network case alone)') input.receivingOrganisationId = org.swa;
    if (holder !== 'the receiver' || consent === 'NETWORK') input.networkId = network;
    if (consent === 'RECEIVER' || consent === 'NETWORK' || consent === 'withdrawn') input.consent = { given: true, scope: consent === 'withdrawn' ? 'RECEIVER' : consent };
    if (consent === 'ORGANISATION') input.consent = { given: true, scope: 'ORGANISATION', organisationId: org['bureau-jeugdzorg'] };
    let r = dataOf(await t.gql(CREATE, { input }, as.beweging)).createReferral;
    if (consent === 'withdrawn') {
      r = dataOf(await t.gql(`mutation($id: ID!, $version: Int!) { recordConsent(id: $id, version: $version, input: { given: false, scope: RECEIVER }) { ${REFERRAL} } }`, { id: r.id, version: r.version }, as.beweging)).recordConsent;
    }
    const taker = holder === 'a core member (network case alone)' ? as.grijs : as.swa;
    r = dataOf(await t.gql(ACCEPT, { id: r.id, version: r.version }, taker)).acceptReferral;
    let mover = taker;
    if (holder === 'an organisation it was handed over to') {
      // Kwintes is no member of the network and has no consent: holding the case is what lets it work.
      r = dataOf(await t.gql(HAND_OVER, { id: r.id, version: r.version, input: { organisationId: org.kwintes } }, as.swa)).handOverReferral;
      mover = as.kwintes;
    }
    const seen = dataOf(await t.gql(`query($id: ID!) { referral(id: $id) { contentVisible identityVisible availableTransitions holderOrganisation { slug } } }`, { id: r.id }, mover)).referral;
    expect(seen.contentVisible).toBe(true);
    expect(seen.availableTransitions).toEqual(expect.arrayContaining(['ACTION_AGREED', 'ON_HOLD', 'CLOSED']));
    // Identity only where the consent reaches: RECEIVER names whoever takes the case up (and holds it now), NETWORK the core
    // members (SWA, Grijs Genoegen; not Kwintes); a consent for another organisation, a withdrawn one or none reach no holder.
    expect(seen.identityVisible).toBe(consent === 'RECEIVER' || (consent === 'NETWORK' && holder !== 'an organisation it was handed over to'));
    r = dataOf(await t.gql(CHANGE, { id: r.id, version: r.version, input: { to: 'ACTION_AGREED' } }, mover)).changeReferralStatus;
    expect(r.status).toBe('ACTION_AGREED');
    // A shell partner nobody consulted, and an organisation with nothing to do with the case, move nothing.
    for (const who of [as.riagg, ...(mover === as.kwintes ? [] : [as.kwintes])]) {
      expect(errorCodes(await t.gql(CHANGE, { id: r.id, version: r.version, input: { to: 'ON_HOLD' } }, who))).toEqual(['FORBIDDEN']);
    }
  });

  it('refuses identity in every anonymous field with the field, the span and a Dutch message, and keeps it in the identifying details', async () => {
    const summary = 'Mevrouw Jansen, geboren 12-03-1941, Schuilenburgerweg 4';
    const refused = await t.gql(CREATE, { input: { receivingOrganisationId: org.swa, summary } }, as.beweging);
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.body.errors![0].extensions).toMatchObject({ field: 'input.summary', rule: 'anonymous', params: { kind: 'NAME', start: 0, end: 14, text: 'Mevrouw Jansen' } });
    expect(refused.body.errors![0].message).toMatch(/^Het anonieme deel van de casus bevat een naam of initialen met aanhef: "Mevrouw Jansen" \(teken 1 tot 14\)\. .*identificerende gegevens/);
    // The same words are fine where they belong; the anonymous layer says what is asked.
    let r = dataOf(await t.gql(CREATE, { input: { receivingOrganisationId: org.swa, summary: 'Oudere vrouw van 80, woont in Schuilenburg, kan slecht lopen', identifyingDetails: summary } }, as.beweging)).createReferral;
    expect(r).toMatchObject({ identityVisible: true, identifyingDetails: summary });
    r = dataOf(await t.gql(ACCEPT, { id: r.id, version: r.version }, as.swa)).acceptReferral;
    expect(r).toMatchObject({ identityVisible: false, identifyingDetails: null });
    // Every anonymous text: notes, actions and their results, status notes, outcome, lessons learned.
    const attempts: Array<[string, Record<string, unknown>, string, string]> = [
      [NOTE, { input: { text: 'Gebeld met dochter op 06-12345678' } }, 'input.text', 'PHONE'],
      [ACTION, { input: { description: 'Mail naar j.jansen@example.nl sturen', assignedOrganisationId: org.swa } }, 'input.description', 'EMAIL'],
      [CHANGE, { input: { to: 'ON_HOLD', note: 'Postcode 3813 AB klopt niet' } }, 'input.note', 'POSTCODE'],
      [CLOSE, { input: { outcome: 'Dhr. de Vries helpt nu', problemOwnerOrganisationId: org.swa } }, 'input.outcome', 'NAME'],
      [CLOSE, { input: { outcome: 'Opgelost', problemOwnerOrganisationId: org.swa, lessonsLearned: 'BSN 111222333 nooit in de tekst' } }, 'input.lessonsLearned', 'BSN'],
    ];
    for (const [mutation, variables, field, kind] of attempts) {
      const res = await t.gql(mutation, { id: r.id, version: r.version, ...variables }, as.swa);
      expect([field, errorCodes(res), res.body.errors?.[0].extensions?.field, (res.body.errors?.[0].extensions?.params as { kind?: string })?.kind]).toEqual([field, ['BAD_USER_INPUT'], field, kind]);
    }
    const [{ events }] = await db(`SELECT count(*)::int AS events FROM referral_event WHERE referral_id = $1`, [r.id]);
    expect(events).toBe(2);
    // The identifying details change only by those who may read them, and leave no text in the history.
    expect(errorCodes(await t.gql(DETAILS, { id: r.id, version: r.version, input: { identifyingDetails: 'x' } }, as.swa))).toEqual(['FORBIDDEN']);
    const changed = dataOf(await t.gql(DETAILS, { id: r.id, version: r.version, input: { identifyingDetails: 'Mevrouw Jansen, 033-4567890' } }, as.beweging)).setReferralIdentifyingDetails;
    expect(changed).toMatchObject({ identifyingDetails: 'Mevrouw Jansen, 033-4567890' });
    expect(changed.events.at(-1)).toMatchObject({ type: 'UPDATED', note: null });
    const [{ n }] = await db(`SELECT count(*)::int AS n FROM referral_event WHERE referral_id = $1 AND (note LIKE '%Jansen%' OR data::text LIKE '%Jansen%')`, [r.id]);
    expect(n).toBe(0);
  });

  it('records a past case with its real dates: never in the future, never before the area existed or the previous step; entered afterwards', async () => {
    const today = dutchDate();
    const create = (input: Record<string, unknown>) => t.gql(CREATE, { input: { receivingOrganisationId: org.swa, area: 'randenbroek-schuilenburg', summary: 'Eerder begonnen', ...input } }, as.beweging);
    expect((await create({ startedOn: addDays(today, 1) })).body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.startedOn' });
    await db(`UPDATE area SET valid_from_year = 2000 WHERE slug = 'randenbroek-schuilenburg'`);
    try {
      const before = await create({ startedOn: '1999-12-31' });
      expect(before.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.startedOn' }, message: expect.stringContaining('2000-01-01') });
      let r = dataOf(await create({ startedOn: '2008-05-01' })).createReferral;
      expect(r).toMatchObject({ recordedAfterwards: true, openedAt: new Date('2008-04-30T22:00:00.000Z').toISOString() });
      expect(r.events[0]).toMatchObject({ type: 'CREATED', happenedOn: '2008-05-01', enteredAfterwards: true });
      // A step before the start, or before the previous step, is refused; one in the future too.
      for (const happenedOn of ['2008-04-30', addDays(today, 1)]) {
        expect((await t.gql(ACCEPT, { id: r.id, version: r.version, input: { happenedOn } }, as.swa)).body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.happenedOn' });
      }
      r = dataOf(await t.gql(ACCEPT, { id: r.id, version: r.version, input: { happenedOn: '2008-05-07' } }, as.swa)).acceptReferral;
      expect((await t.gql(NOTE, { id: r.id, version: r.version, input: { text: 'Te vroeg', happenedOn: '2008-05-06' } }, as.swa)).body.errors?.[0].extensions).toMatchObject({ field: 'input.happenedOn' });
      // An action agreed in the past is due by the meeting after it, not after today.
      r = dataOf(await t.gql(ACTION, { id: r.id, version: r.version, input: { description: 'Huisbezoek', assignedOrganisationId: org.swa, happenedOn: '2008-05-07' } }, as.swa)).addReferralAction;
      expect(r.actions[0].dueOn).toBe('2008-06-18');
      r = dataOf(await t.gql(COMPLETE, { id: r.actions[0].id, version: r.actions[0].version, input: { result: 'Gedaan', happenedOn: '2008-06-10' } }, as.swa)).completeReferralAction;
      expect(r.actions[0].completedAt).toBe(new Date('2008-06-09T22:00:00.000Z').toISOString());
      r = dataOf(await t.gql(CLOSE, { id: r.id, version: r.version, input: { outcome: 'Hulp geregeld', problemOwnerOrganisationId: org.swa, happenedOn: '2008-07-02' } }, as.swa)).closeReferral;
      expect(r.closedAt).toBe(new Date('2008-07-01T22:00:00.000Z').toISOString());
      expect(r.events.map((e: { happenedOn: string | null }) => e.happenedOn)).toEqual(['2008-05-01', '2008-05-07', '2008-05-07', '2008-06-10', '2008-07-02']);
      // Recorded now, dated then: the history keeps both.
      for (const event of r.events) expect(dutchDate(new Date(event.occurredAt))).toBe(today);
    } finally {
      await db(`UPDATE area SET valid_from_year = NULL WHERE slug = 'randenbroek-schuilenburg'`);
    }
  });

  it("never starts a past case before the network it is brought into started (the network's foundedOn, set by its curators, never in the future)", async () => {
    const today = dutchDate();
    const UPDATE = `mutation($id: ID!, $version: Int!, $input: UpdateNetworkInput!) { updateNetwork(id: $id, version: $version, input: $input) { version foundedOn } }`;
    const version = async () => (await db(`SELECT version FROM network WHERE id = $1`, [network]))[0].version as number;
    for (const foundedOn of [addDays(today, 1), '2007-02-30']) {
      expect((await t.gql(UPDATE, { id: network, version: await version(), input: { foundedOn } }, as.admin)).body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.foundedOn' });
    }
    expect(dataOf(await t.gql(UPDATE, { id: network, version: await version(), input: { foundedOn: '2007-03-01' } }, as.admin)).updateNetwork.foundedOn).toBe('2007-03-01');
    try {
      expect(dataOf(await t.gql(`{ network(slug: "buurtnetwerk-55plus") { foundedOn } }`)).network.foundedOn).toBe('2007-03-01');
      const create = (startedOn: string) => t.gql(CREATE, { input: { networkId: network, summary: 'Eerder begonnen in het netwerk', startedOn } }, as.beweging);
      const before = await create('2007-02-28');
      expect(before.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.startedOn' }, message: expect.stringContaining('2007-03-01') });
      expect(before.body.errors?.[0].message).toContain('Buurtnetwerk 55+');
      expect(dataOf(await create('2007-03-01')).createReferral).toMatchObject({ recordedAfterwards: true, events: [{ happenedOn: '2007-03-01', enteredAfterwards: true }] });
      // A case sent to an organisation alone is not bound by any network's start.
      expect(dataOf(await t.gql(CREATE, { input: { receivingOrganisationId: org.swa, summary: 'Buiten het netwerk', startedOn: '2007-02-28' } }, as.beweging)).createReferral.recordedAfterwards).toBe(true);
    } finally {
      await t.gql(UPDATE, { id: network, version: await version(), input: { foundedOn: null } }, as.admin);
    }
    expect((await db(`SELECT founded_on FROM network WHERE id = $1`, [network]))[0].founded_on).toBeNull();
  });

  it('asks step 5 in full and puts a case to look at again on the network agenda', async () => {
    const today = dutchDate();
    let r = dataOf(await t.gql(CREATE, { input: { networkId: network, summary: 'Zorgmijdende oudere' } }, as.beweging)).createReferral;
    r = dataOf(await t.gql(ACCEPT, { id: r.id, version: r.version }, as.swa)).acceptReferral;
    const close = (input: Record<string, unknown>) => t.gql(CLOSE, { id: r.id, version: r.version, input: { outcome: 'Huishoudelijke hulp geregeld', problemOwnerOrganisationId: org.buurtzorg, ...input } }, as.swa);
    expect((await close({ lookAgainOn: addDays(today, 14) })).body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lookAgainOn' });
    expect((await close({ stayAlert: true, lookAgainOn: today })).body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lookAgainOn' });
    r = dataOf(await close({ stayAlert: true, lookAgainOn: addDays(today, 14), lessonsLearned: 'Vroeg de huisarts betrekken werkt' })).closeReferral;
    expect(r).toMatchObject({
      status: 'CLOSED',
      outcome: 'Huishoudelijke hulp geregeld',
      problemOwnerOrganisation: { slug: 'buurtzorg' },
      stayAlert: true,
      lookAgainOn: addDays(today, 14),
      lessonsLearned: 'Vroeg de huisarts betrekken werkt',
    });
    // The agenda (every six weeks) lists it to look at again, for the core members — not for a shell partner.
    const agenda = `query($n: ID!, $since: String) { networkAgenda(networkId: $n, since: $since) { nextMeetingOn toLookAgain { dossierNumber lookAgainOn stayAlert } } }`;
    const forGrijs = dataOf(await t.gql(agenda, { n: network }, as.grijs)).networkAgenda;
    expect(forGrijs.toLookAgain).toEqual([{ dossierNumber: r.dossierNumber, lookAgainOn: addDays(today, 14), stayAlert: true }]);
    expect(dataOf(await t.gql(agenda, { n: network }, as.riagg)).networkAgenda.toLookAgain).toEqual([]);
    // Not on an agenda whose window has passed the day.
    await db(`UPDATE referral SET look_again_on = $2 WHERE id = $1`, [r.id, addDays(today, 120)]);
    expect(dataOf(await t.gql(agenda, { n: network }, as.grijs)).networkAgenda.toLookAgain).toEqual([]);
  });

  it('reports refused attempts to read a dossier to admins: who, which dossier, which operation', async () => {
    const since = dutchDate();
    const r = dataOf(await t.gql(CREATE, { input: { receivingOrganisationId: org.swa, summary: 'Niet voor Kwintes' } }, as.beweging)).createReferral;
    expect(errorCodes(await t.gql(`query($id: ID!) { referral(id: $id) { summary } }`, { id: r.id }, as.kwintes))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql(NOTE, { id: r.id, version: r.version, input: { text: 'Ik ook' } }, as.kwintes))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql(`query($id: ID!) { referral(id: $id) { identifyingDetails } }`, { id: r.id }, as.swa))).toEqual([]);
    const REPORT = `query($since: String) { refusedAccessAttempts(since: $since, first: 100) { totalCount edges { node { eventType dossierNumber operation role organisation { slug } actorName details } } } }`;
    const report = dataOf(await t.gql(REPORT, { since }, as.admin)).refusedAccessAttempts;
    const mine = report.edges.map((e: { node: Record<string, unknown> }) => e.node).filter((n: { dossierNumber: string }) => n.dossierNumber === r.dossierNumber);
    expect(mine).toEqual([
      { eventType: 'READ_DENIED', dossierNumber: r.dossierNumber, operation: 'referral', role: 'ORGANISATION', organisation: { slug: 'kwintes' }, actorName: 'Medewerker kwintes', details: { refused: 'NO_ACCESS' } },
      { eventType: 'READ_DENIED', dossierNumber: r.dossierNumber, operation: 'addReferralNote', role: 'ORGANISATION', organisation: { slug: 'kwintes' }, actorName: 'Medewerker kwintes', details: { refused: 'NO_ACCESS' } },
      {
        eventType: 'READ_DENIED',
        dossierNumber: r.dossierNumber,
        operation: 'referral.identifyingDetails',
        role: 'ORGANISATION',
        organisation: { slug: 'swa' },
        actorName: 'swa@test.local',
        details: { refused: 'NO_CONSENT', layer: 'IDENTITY' },
      },
    ]);
    expect(report.edges.every((e: { node: { eventType: string } }) => e.node.eventType === 'READ_DENIED')).toBe(true);
    for (const who of [as.swa, as.municipality, as.kwintes]) expect(errorCodes(await t.gql(REPORT, { since }, who))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql(REPORT, { since }, {}))).toEqual(['UNAUTHENTICATED']);
  });

  it('works the switch models (§6.2): a front-line team takes cases from its own members, a second-line team from front-line workers; cases filter by model', async () => {
    const [frontline] = await db(`INSERT INTO network (slug, name, kind, switch_model) VALUES ('frontlinie-team', 'Frontlinieteam', 'SWITCH_TEAM', 'FRONTLINE') RETURNING id`);
    const [secondLine] = await db(`INSERT INTO network (slug, name, kind, switch_model) VALUES ('tweedelijns-team', 'Tweedelijnsteam', 'SWITCH_TEAM', 'SECOND_LINE') RETURNING id`);
    for (const id of [frontline.id, secondLine.id]) await db(`INSERT INTO network_member (network_id, organisation_id, tier) VALUES ($1, $2, 'CORE'), ($1, $3, 'SHELL')`, [id, org.swa, org.kwintes]);
    const bring = (networkId: string, who: As) => t.gql(CREATE, { input: { networkId, summary: 'Signaal uit de wijk' } }, who);
    // Front line: its core member brings the case in; an outsider or a shell partner refers to a member instead.
    const own = dataOf(await bring(frontline.id, as.swa)).createReferral;
    for (const who of [as.beweging, as.kwintes]) expect((await bring(frontline.id, who)).body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.networkId' });
    // Second line: cases come from front-line workers, members or not.
    const fromFrontLine = dataOf(await bring(secondLine.id, as.beweging)).createReferral;
    const byModel = async (switchModel: string) =>
      dataOf(await t.gql(`query($m: SwitchModel) { referrals(role: NETWORK, switchModel: $m, first: 100) { edges { node { dossierNumber } } } }`, { m: switchModel }, as.swa)).referrals.edges.map(
        (e: { node: { dossierNumber: string } }) => e.node.dossierNumber,
      );
    expect(await byModel('FRONTLINE')).toEqual([own.dossierNumber]);
    expect(await byModel('SECOND_LINE')).toEqual([fromFrontLine.dossierNumber]);
  });
});
