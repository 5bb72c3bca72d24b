import fs from 'node:fs';
import path from 'node:path';
import { TEST_PASSWORD, type As, type TestApp, createTestUsers, dataOf, errorCodes, startTestApp } from '../../test/app';
import { hashPassword } from '../auth/auth.service';
import { User, UserRole } from '../user/user.entity';
import { addDays, dutchDate } from '../../common/dates';

/**
 * The book's two example cases (the Kruiskamp-Koppel case of §3.5, worked with the
 * signaleringsinstrument of §3.7, and §4.5's case of Buurtnetwerk 55+), read from the data set and
 * replayed end to end through the API as past cases with the book's dates — signal, accept,
 * explore, agree actions, report back at the next meeting, close with step 5's questions — by the
 * organisations of the book, each as its own user, with the switch models of §6.2 on the teams.
 */
interface ExampleCase {
  slug: string;
  title: string;
  district: string;
  network?: string;
  broughtInBy: { organisation: string | null; note?: string };
  problemDomains: string[];
  context?: string;
  problemAsPrinted?: string;
  consent?: boolean;
  organisationsInvolved?: Array<{ organisation: string | null; name: string }>;
  agreedActions: string[];
  actionsByOrganisation: Array<{ organisation: string; actions: string[] }>;
  actionsTaken?: string;
  result: string;
  closure?: string;
}

const data = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../db/data/amersfoort-2009.json'), 'utf8'));
const cases: ExampleCase[] = data.exampleCases.cases;

/** The book's problem domains ("gezondheid (lichamelijk en psychisch)") as life domains. */
const LIFE_DOMAINS: Array<[RegExp, string[]]> = [
  [/^sociaal/, ['SOCIAL_NETWORK']],
  [/^taal/, ['LANGUAGE_AND_PARTICIPATION']],
  [/^gezondheid/, ['PHYSICAL_HEALTH', 'MENTAL_HEALTH']],
  [/^lichamelijk/, ['PHYSICAL_HEALTH']],
  [/^financieel/, ['FINANCES']],
  [/^opvoeding/, ['FAMILY_AND_PARENTING']],
  [/^wachttijd/, ['SELF_CARE']],
  [/^zorgmijding/, ['SELF_CARE']],
];

/** What the book implies but does not print as data, stated once (the data set has no field for it). */
const BOOK: Record<string, { targetGroups: string[]; problemOwner: string; interventionTypes: string[] }> = {
  // "De vrouw valt onder de begeleiding van het Riagg"; the contact is continued the same way.
  'casus-congolese-vrouw': { targetGroups: ['allochtone-gezinnen', 'mensen-met-psychiatrische-beperking'], problemOwner: 'riagg-amersfoort', interventionTypes: ['schakelen-tussen-teamleden', 'huisbezoeken-achter-de-voordeur'] },
  // "Met medewerking van de thuiszorg wordt de vinger aan de pols gehouden."
  'casus-buurtnetwerk-55plus-2008': { targetGroups: ['kwetsbare-ouderen-sociaal-isolement', 'zorgmijders'], problemOwner: 'thuiszorgorganisaties', interventionTypes: ['contact-huisarts-meegaan'] },
};

/**
 * The book's dates. §4.5 prints "Looptijd van de casus: Mei 2008 - 2 juli 2008" (the day in May
 * is not printed: the first is used) and a meeting every six weeks; "met medewerking van de
 * thuiszorg wordt de vinger aan de pols gehouden" is step 5's stay alert, looked at again at the
 * next meeting. The Kruiskamp case has no date of its own in the book; it falls in the period in
 * which the book records the team's switching, "januari-augustus 2009" (§3.5), so it starts on
 * the first and closes on the last day of that period.
 */
const DATES: Record<string, { start: string; close: string; stayAlert: boolean; lookAgainWeeks?: number }> = {
  'casus-buurtnetwerk-55plus-2008': { start: '2008-05-01', close: '2008-07-02', stayAlert: true, lookAgainWeeks: 6 },
  'casus-congolese-vrouw': { start: '2009-01-01', close: '2009-08-31', stayAlert: false },
};

/**
 * §6.2: Randenbroek-Schuilenburg's team is coordinators in the second line (§4.5 A), as the data set
 * records. The book ties Kruiskamp-Koppel's team to neither model (it has features of both, the data
 * set's note on §6.2); the replay puts it in the front line, the stricter model for bringing a case
 * in (only its own core members may), to show that the Kruiskamp case still passes it.
 */
const SWITCH_MODELS: Record<string, string> = { 'schakelteam-randenbroek-schuilenburg': 'SECOND_LINE', 'schakelteam-kruiskamp-koppel': 'FRONTLINE' };

const IDENTITY = 'Naam, adres en telefoon van de bewoner (niet in het boek)';

const FULL = `id dossierNumber status version contentVisible summary outcome closedAt openedAt lifeDomains recordedAfterwards stayAlert lookAgainOn holderOrganisation { slug }
  referringOrganisation { slug } receivingOrganisation { slug } network { slug } area { slug } problemOwnerOrganisation { slug }
  targetGroups { code } interventionTypes { code } consent { given scope }
  events { sequence type fromStatus toStatus note happenedOn organisation { slug } }
  actions { id version description dueOn completedAt result assignedOrganisation { slug } }`;

describe("the book's example cases, replayed through the API", () => {
  let t: TestApp;
  const org: Record<string, string> = {};
  const as: Record<string, As> = {};

  async function userOf(slug: string): Promise<As> {
    if (!as[slug]) {
      const users = t.db.dataSource.getRepository(User);
      await users.save(users.create({ email: `${slug}@test.local`, displayName: `Medewerker ${slug}`, role: UserRole.ORGANISATION, organisationId: org[slug], passwordHash: await hashPassword(TEST_PASSWORD) }));
      as[slug] = { cookie: await t.login(`${slug}@test.local`, TEST_PASSWORD) };
    }
    return as[slug];
  }

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    for (const row of await t.db.dataSource.query(`SELECT slug, id FROM organisation`)) org[row.slug] = row.id;
    as.swa = { cookie: await t.login('swa@test.local', TEST_PASSWORD) };
    as['riagg-amersfoort'] = { cookie: await t.login('riagg@test.local', TEST_PASSWORD) };
    for (const [slug, model] of Object.entries(SWITCH_MODELS)) await t.db.dataSource.query(`UPDATE network SET kind = 'SWITCH_TEAM', switch_model = $2 WHERE slug = $1`, [slug, model]);
  });
  afterAll(() => t.close());

  const gql = async (query: string, variables: Record<string, unknown>, who: As) => dataOf(await t.gql(query, variables, who));

  it('has the two cases of the data set', () => {
    expect(cases.map((c) => c.slug)).toEqual(['casus-congolese-vrouw', 'casus-buurtnetwerk-55plus-2008']);
  });

  it.each(cases.map((c) => [c.slug, c] as const))('%s: from signal to CLOSED with its outcome', async (_slug, example) => {
    const district = data.districts.find((d: { slug: string }) => d.slug === example.district);
    // The network: the case's own, else the district's switch team (the book's schakelteam).
    const networkSlug = example.network ?? district.switchTeam.networkSlug;
    const [{ id: networkId, meeting_interval_weeks: interval }] = await t.db.dataSource.query(`SELECT id, meeting_interval_weeks FROM network WHERE slug = $1`, [networkSlug]);
    const referrer = example.broughtInBy.organisation ?? example.organisationsInvolved!.find((o) => o.organisation)!.organisation!;
    // Brought into a network with consent: the network takes it up. Otherwise the organisation that acts first receives it.
    const receiver = example.consent ? null : example.actionsByOrganisation.map((a) => a.organisation).find((o) => o !== referrer)!;
    const lifeDomains = [...new Set(example.problemDomains.flatMap((domain) => LIFE_DOMAINS.find(([re]) => re.test(domain))?.[1] ?? []))];
    const book = BOOK[example.slug];
    const dates = DATES[example.slug];
    // The meeting at which the actions are reported back: the next one after the start.
    const feedbackOn = addDays(dates.start, 7 * (interval ?? 6));

    // Step 1, signaalbespreking: the referrer signals the case (anonymous: no name, no birth date).
    let referral = (
      await gql(
        `mutation($input: CreateReferralInput!) { createReferral(input: $input) { ${FULL} } }`,
        {
          input: {
            receivingOrganisationId: receiver ? org[receiver] : null,
            networkId,
            area: example.district,
            targetGroups: book.targetGroups,
            lifeDomains,
            interventionTypes: book.interventionTypes,
            summary: `${example.title}. Leefgebieden: ${example.problemDomains.join('; ')}.`,
            consent: example.consent ? { given: true, scope: 'NETWORK' } : null,
            // The book prints no identity (its cases are anonymous); the replay records that there is one, in its own layer.
            identifyingDetails: IDENTITY,
            startedOn: dates.start,
          },
        },
        await userOf(referrer),
      )
    ).createReferral;
    expect(referral).toMatchObject({ status: 'SIGNALLED', referringOrganisation: { slug: referrer }, network: { slug: networkSlug }, area: { slug: example.district }, recordedAfterwards: true });
    expect(dutchDate(new Date(referral.openedAt))).toBe(dates.start);
    expect(referral.dossierNumber).toMatch(/^\d{4}-\d{5}$/);

    // The receiving side takes it up: the receiver, or the network's coordinator (SWA for Buurtnetwerk 55+).
    const [{ coordinator }] = await t.db.dataSource.query(`SELECT o.slug AS coordinator FROM network n JOIN organisation o ON o.id = n.coordinator_organisation_id WHERE n.id = $1`, [networkId]);
    const taker = await userOf(receiver ?? coordinator);
    referral = (await gql(`mutation($id: ID!, $v: Int!, $on: String) { acceptReferral(id: $id, version: $v, input: { happenedOn: $on }) { ${FULL} } }`, { id: referral.id, v: referral.version, on: dates.start }, taker))
      .acceptReferral;
    expect(referral.status).toBe('EXPLORING');
    // Who took it: the holder until it is handed over.
    expect(referral.holderOrganisation).toEqual({ slug: receiver ?? coordinator });

    // Step 2, verdieping: what we know (the involved organisations' view).
    const caseWorker = receiver ? taker : await userOf(referrer);
    const note = (text: string, on: string) =>
      gql(`mutation($id: ID!, $v: Int!, $text: String!, $on: String) { addReferralNote(id: $id, version: $v, input: { text: $text, happenedOn: $on }) { ${FULL} } }`, { id: referral.id, v: referral.version, text, on }, caseWorker);
    referral = (await note(example.context ?? example.problemAsPrinted!, dates.start)).addReferralNote;

    // Step 3, actiefase: the agreed actions, each with its organisation; due by the next meeting.
    for (const { organisation, actions } of example.actionsByOrganisation) {
      for (const description of actions) {
        referral = (
          await gql(
            `mutation($id: ID!, $v: Int!, $input: AddReferralActionInput!) { addReferralAction(id: $id, version: $v, input: $input) { ${FULL} } }`,
            { id: referral.id, v: referral.version, input: { description, assignedOrganisationId: org[organisation], happenedOn: dates.start } },
            caseWorker,
          )
        ).addReferralAction;
      }
    }
    const actionCount = example.actionsByOrganisation.reduce((n, a) => n + a.actions.length, 0);
    expect(referral.actions).toHaveLength(actionCount);
    // Due at the next meeting after the one that agreed them (the "stok achter de deur", §4.5).
    for (const action of referral.actions) expect(action.dueOn).toBe(feedbackOn);
    referral = (
      await gql(
        `mutation($id: ID!, $v: Int!, $note: String, $on: String) { changeReferralStatus(id: $id, version: $v, input: { to: ACTION_AGREED, note: $note, happenedOn: $on }) { ${FULL} } }`,
        { id: referral.id, v: referral.version, note: example.agreedActions.join(' '), on: dates.start },
        caseWorker,
      )
    ).changeReferralStatus;
    referral = (
      await gql(`mutation($id: ID!, $v: Int!, $on: String) { changeReferralStatus(id: $id, version: $v, input: { to: IN_PROGRESS, happenedOn: $on }) { ${FULL} } }`, { id: referral.id, v: referral.version, on: dates.start }, caseWorker)
    ).changeReferralStatus;

    // Step 4, voortgang: each action reported back — by its own organisation when it may read the case, else by the case worker.
    for (const action of referral.actions) {
      const assignee = await userOf(action.assignedOrganisation.slug);
      const canRead = (await t.gql(`query($id: ID!) { referral(id: $id) { contentVisible } }`, { id: referral.id }, assignee)).body.data?.referral?.contentVisible === true;
      const res = await gql(
        `mutation($id: ID!, $v: Int!, $result: String!, $on: String) { completeReferralAction(id: $id, version: $v, input: { result: $result, happenedOn: $on }) { ${FULL} } }`,
        { id: action.id, v: action.version, result: example.actionsTaken ?? `Gedaan: ${action.description}`, on: feedbackOn },
        canRead ? assignee : caseWorker,
      );
      referral = res.completeReferralAction;
    }
    expect(referral.actions.every((a: { completedAt: string | null }) => a.completedAt !== null)).toBe(true);
    referral = (await note(example.result, feedbackOn)).addReferralNote;

    // Step 5, afsluiting: the outcome, the problem owner, stay alert (and when to look again), on the book's closing day.
    const outcome = [example.result, example.closure].filter(Boolean).join(' ');
    const lookAgainOn = dates.lookAgainWeeks ? addDays(dates.close, 7 * dates.lookAgainWeeks) : null;
    referral = (
      await gql(
        `mutation($id: ID!, $v: Int!, $input: CloseReferralInput!) { closeReferral(id: $id, version: $v, input: $input) { ${FULL} } }`,
        { id: referral.id, v: referral.version, input: { outcome, problemOwnerOrganisationId: org[book.problemOwner], stayAlert: dates.stayAlert, lookAgainOn, happenedOn: dates.close } },
        caseWorker,
      )
    ).closeReferral;
    expect(referral).toMatchObject({ status: 'CLOSED', outcome, problemOwnerOrganisation: { slug: book.problemOwner }, lifeDomains, stayAlert: dates.stayAlert, lookAgainOn });
    expect(dutchDate(new Date(referral.closedAt))).toBe(dates.close);
    expect(referral.outcome).toContain(example.result);
    expect(referral.closedAt).not.toBeNull();
    expect(referral.targetGroups.map((g: { code: string }) => g.code).sort()).toEqual([...book.targetGroups].sort());

    // The history: one event per change, numbered without gaps, through the book's five steps.
    const events = referral.events as Array<{ sequence: number; type: string; toStatus: string | null }>;
    expect(events.map((e) => e.sequence)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.toStatus).map((e) => e.toStatus)).toEqual(['SIGNALLED', 'EXPLORING', 'ACTION_AGREED', 'IN_PROGRESS', 'CLOSED']);
    expect(events.filter((e) => e.type === 'ACTION_ADDED')).toHaveLength(actionCount);
    expect(events.filter((e) => e.type === 'ACTION_COMPLETED')).toHaveLength(actionCount);
    // Every step carries the day it happened in the book's period, in order.
    const days = (referral.events as Array<{ happenedOn: string }>).map((e) => e.happenedOn);
    expect(days).toEqual([...days].sort());
    expect([days[0], days[days.length - 1]]).toEqual([dates.start, dates.close]);
    // The network's agenda of the meeting after the closure puts a case to stay alert on to look at again.
    if (lookAgainOn) {
      const agenda = dataOf(await t.gql(`query($n: ID!, $since: String) { networkAgenda(networkId: $n, since: $since) { toLookAgain { dossierNumber lookAgainOn } } }`, { n: networkId, since: dates.close }, caseWorker)).networkAgenda;
      expect(agenda.toLookAgain).toContainEqual({ dossierNumber: referral.dossierNumber, lookAgainOn });
    }

    // Closed stays closed.
    const after = await t.gql(`mutation($id: ID!, $v: Int!) { addReferralNote(id: $id, version: $v, input: { text: "nog iets" }) { version } }`, { id: referral.id, v: referral.version }, caseWorker);
    expect(errorCodes(after)).toEqual(['INVALID_TRANSITION']);

    // Who could read it: with NETWORK consent the network's members; without, only referrer and receiver.
    if (example.consent) {
      expect(dataOf(await t.gql(`query($d: String!) { referral(dossierNumber: $d) { contentVisible outcome } }`, { d: referral.dossierNumber }, await userOf('grijs-genoegen'))).referral).toEqual({ contentVisible: true, outcome });
    } else {
      // Jeugdzorg had an action but is outside the switch team and the consent: it reads nothing.
      expect(errorCodes(await t.gql(`query($d: String!) { referral(dossierNumber: $d) { outcome } }`, { d: referral.dossierNumber }, await userOf('bureau-jeugdzorg')))).toEqual(['FORBIDDEN']);
    }
    // The two layers with the book's own case (§4.5: "Tenzij er toestemming is … wordt alle casuïstiek anoniem behandeld"):
    // another core member of the team thinks along on the anonymous case; who the person is only with the network's consent;
    // a shell partner nobody consulted reads nothing.
    const layers = `query($d: String!) { referral(dossierNumber: $d) { contentVisible identityVisible identifyingDetails summary } }`;
    const [other] = await t.db.dataSource.query(
      `SELECT o.slug FROM network_member nm JOIN organisation o ON o.id = nm.organisation_id
        WHERE nm.network_id = $1 AND nm.tier = 'CORE' AND nm.left_on IS NULL AND o.slug <> ALL($2) ORDER BY o.slug LIMIT 1`,
      [networkId, [referrer, receiver ?? coordinator]],
    );
    expect(other).toBeDefined();
    expect(dataOf(await t.gql(layers, { d: referral.dossierNumber }, await userOf(other.slug))).referral).toEqual({
      contentVisible: true,
      identityVisible: Boolean(example.consent),
      identifyingDetails: example.consent ? IDENTITY : null,
      summary: referral.summary,
    });
    const [shell] = await t.db.dataSource.query(
      `SELECT o.slug FROM network_member nm JOIN organisation o ON o.id = nm.organisation_id
        WHERE nm.network_id = $1 AND nm.tier = 'SHELL' AND nm.left_on IS NULL AND o.slug <> ALL($2)
          AND NOT EXISTS (SELECT 1 FROM network_member core WHERE core.network_id = nm.network_id AND core.organisation_id = nm.organisation_id AND core.tier = 'CORE')
        ORDER BY o.slug LIMIT 1`,
      [networkId, [referrer, receiver ?? coordinator, ...example.actionsByOrganisation.map((a) => a.organisation)]],
    );
    expect(shell).toBeDefined();
    expect(errorCodes(await t.gql(layers, { d: referral.dossierNumber }, await userOf(shell.slug)))).toEqual(['FORBIDDEN']);
    const [{ n }] = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM access_log WHERE referral_id = $1 AND event_type IN ('CREATE', 'UPDATE')`, [referral.id]);
    expect(n).toBe(events.length);
  });
});
