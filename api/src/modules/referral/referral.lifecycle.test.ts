import { hashPassword } from '../auth/auth.service';
import { User, UserRole } from '../user/user.entity';
import { TEST_PASSWORD, type As, type GraphQLResponse, type TestApp, createTestUsers, dataOf, errorCodes, startTestApp } from '../../test/app';
import { ReferralStatus } from './referral.entity';
import { ReferralParty, TRANSITIONS, findTransition, isTerminal } from './referral.transitions';
import { addDays, dutchDate } from '../../common/dates';

/**
 * The lifecycle through the API: the transition table (every status × every target status),
 * who may make which move, events, dossier numbers, actions, notes, consent, optimistic
 * locking and input checks.
 */
const S = ReferralStatus;
const STATUSES = Object.values(ReferralStatus);

const REFERRAL = `id dossierNumber status version contentVisible summary declineReason outcome closedAt
  problemOwnerOrganisation { slug } referringOrganisation { slug } receivingOrganisation { slug }
  events { sequence type fromStatus toStatus note organisation { slug } actorName }
  actions { id version description dueOn completedAt result overdue assignedOrganisation { slug } }`;

const CREATE = `mutation($input: CreateReferralInput!) { createReferral(input: $input) { ${REFERRAL} } }`;
const ACCEPT = `mutation($id: ID!, $version: Int!) { acceptReferral(id: $id, version: $version) { ${REFERRAL} } }`;
const DECLINE = `mutation($id: ID!, $version: Int!, $input: DeclineReferralInput!) { declineReferral(id: $id, version: $version, input: $input) { ${REFERRAL} } }`;
const CHANGE = `mutation($id: ID!, $version: Int!, $input: ChangeReferralStatusInput!) { changeReferralStatus(id: $id, version: $version, input: $input) { ${REFERRAL} } }`;
const CLOSE = `mutation($id: ID!, $version: Int!, $input: CloseReferralInput!) { closeReferral(id: $id, version: $version, input: $input) { ${REFERRAL} } }`;
const NOTE = `mutation($id: ID!, $version: Int!, $input: AddReferralNoteInput!) { addReferralNote(id: $id, version: $version, input: $input) { ${REFERRAL} } }`;
const ACTION = `mutation($id: ID!, $version: Int!, $input: AddReferralActionInput!) { addReferralAction(id: $id, version: $version, input: $input) { ${REFERRAL} } }`;
const COMPLETE = `mutation($id: ID!, $version: Int!, $input: CompleteReferralActionInput!) { completeReferralAction(id: $id, version: $version, input: $input) { ${REFERRAL} } }`;
const CONSENT = `mutation($id: ID!, $version: Int!, $input: ConsentInput!) { recordConsent(id: $id, version: $version, input: $input) { ${REFERRAL} consent { given scope recordedAt recordedBy } } }`;

/** The design's table, written out: the code's TRANSITIONS must say exactly this. */
const EXPECTED_TABLE: Record<ReferralStatus, Partial<Record<ReferralStatus, ReferralParty>>> = {
  SIGNALLED: { EXPLORING: ReferralParty.RECEIVER, DECLINED: ReferralParty.RECEIVER, WITHDRAWN: ReferralParty.REFERRER },
  EXPLORING: { ACTION_AGREED: ReferralParty.INVOLVED, ON_HOLD: ReferralParty.INVOLVED, CLOSED: ReferralParty.INVOLVED, WITHDRAWN: ReferralParty.REFERRER },
  ACTION_AGREED: { IN_PROGRESS: ReferralParty.INVOLVED, ON_HOLD: ReferralParty.INVOLVED, CLOSED: ReferralParty.INVOLVED, WITHDRAWN: ReferralParty.REFERRER },
  IN_PROGRESS: { ON_HOLD: ReferralParty.INVOLVED, CLOSED: ReferralParty.INVOLVED, WITHDRAWN: ReferralParty.REFERRER },
  ON_HOLD: {
    EXPLORING: ReferralParty.INVOLVED,
    ACTION_AGREED: ReferralParty.INVOLVED,
    IN_PROGRESS: ReferralParty.INVOLVED,
    CLOSED: ReferralParty.INVOLVED,
    WITHDRAWN: ReferralParty.REFERRER,
  },
  CLOSED: {},
  DECLINED: {},
  WITHDRAWN: {},
};

describe('referral lifecycle', () => {
  let t: TestApp;
  const as: Record<string, As> = {};
  const org: Record<string, string> = {};

  async function orgUser(slug: string): Promise<As> {
    const users = t.db.dataSource.getRepository(User);
    await users.save(users.create({ email: `${slug}@test.local`, displayName: `Medewerker ${slug}`, role: UserRole.ORGANISATION, organisationId: org[slug], passwordHash: await hashPassword(TEST_PASSWORD) }));
    return { cookie: await t.login(`${slug}@test.local`, TEST_PASSWORD) };
  }

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    const rows: { slug: string; id: string }[] = await t.db.dataSource.query(`SELECT slug, id FROM organisation`);
    for (const row of rows) org[row.slug] = row.id;
    org.riagg = org['riagg-amersfoort'];
    as.swa = { cookie: await t.login('swa@test.local', TEST_PASSWORD) };
    as.riagg = { cookie: await t.login('riagg@test.local', TEST_PASSWORD) };
    as.admin = { cookie: await t.login('admin@test.local', TEST_PASSWORD) };
    as.beweging = await orgUser('beweging-3-0');
  });
  afterAll(() => t.close());

  const db = (sql: string, params: unknown[] = []) => t.db.dataSource.query(sql, params);

  /** A referral from Riagg to SWA (no network), put straight into `status`. */
  async function referralIn(status: ReferralStatus): Promise<{ id: string; dossierNumber: string }> {
    const created = dataOf(await t.gql(CREATE, { input: { receivingOrganisationId: org.swa, summary: 'Testcasus' } }, as.riagg)).createReferral;
    await db(
      `UPDATE referral SET status = $2::varchar,
              closed_at = CASE WHEN $2::varchar IN ('CLOSED', 'DECLINED', 'WITHDRAWN') THEN now() END,
              outcome = CASE WHEN $2::varchar = 'CLOSED' THEN 'afgesloten' END,
              problem_owner_organisation_id = CASE WHEN $2::varchar = 'CLOSED' THEN $3::uuid END
        WHERE id = $1`,
      [created.id, status, org.swa],
    );
    return created;
  }

  async function state(id: string) {
    const [row] = await db(
      `SELECT r.status, r.version, (SELECT count(*)::int FROM referral_event e WHERE e.referral_id = r.id) AS events,
              (SELECT count(*)::int FROM access_log l WHERE l.referral_id = r.id AND l.event_type NOT IN ('READ', 'READ_DENIED')) AS writes
         FROM referral r WHERE r.id = $1`,
      [id],
    );
    return row as { status: string; version: number; events: number; writes: number };
  }

  /** Refused attempts on the referral in the access log (who, which operation). */
  async function refusals(id: string) {
    return db(`SELECT organisation_id, operation FROM access_log WHERE referral_id = $1 AND event_type = 'READ_DENIED' ORDER BY occurred_at`, [id]);
  }

  /** The mutation for a move to `to`: declining and closing have their own, accepting too. */
  function moveTo(from: ReferralStatus, to: ReferralStatus, id: string, version: number, actor: As): Promise<GraphQLResponse> {
    if (to === S.DECLINED) return t.gql(DECLINE, { id, version, input: { reason: 'Past niet bij ons aanbod' } }, actor);
    if (to === S.CLOSED) return t.gql(CLOSE, { id, version, input: { outcome: 'Opgelost', problemOwnerOrganisationId: org.swa } }, actor);
    if (to === S.EXPLORING && from === S.SIGNALLED) return t.gql(ACCEPT, { id, version }, actor);
    return t.gql(CHANGE, { id, version, input: { to, note: `naar ${to}` } }, actor);
  }

  it('has exactly the transition table of the design', () => {
    const actual: Record<string, Record<string, string>> = Object.fromEntries(STATUSES.map((s) => [s, {}]));
    for (const tr of TRANSITIONS) actual[tr.from][tr.to] = tr.by;
    expect(actual).toEqual(EXPECTED_TABLE);
    for (const status of [S.CLOSED, S.DECLINED, S.WITHDRAWN]) expect(isTerminal(status)).toBe(true);
  });

  const pairs = STATUSES.flatMap((from) => STATUSES.map((to) => [from, to] as const));
  it.each(pairs)('%s → %s: allowed exactly when the table says so', async (from, to) => {
    const { id } = await referralIn(from);
    const before = await state(id);
    const transition = findTransition(from, to);
    // Referrer moves by Riagg; receiver and involved moves (and every invalid one) by SWA.
    const actor = transition?.by === ReferralParty.REFERRER ? as.riagg : as.swa;
    const res = await moveTo(from, to, id, 1, actor);
    const after = await state(id);
    if (transition) {
      const referral = dataOf(res)[Object.keys(res.body.data!)[0]];
      expect(referral.status).toBe(to);
      expect(referral.version).toBe(2);
      const last = referral.events[referral.events.length - 1];
      expect(last).toMatchObject({ sequence: 2, type: transition.event, fromStatus: from, toStatus: to });
      expect(after).toEqual({ status: to, version: 2, events: 2, writes: before.writes + 1 });
      if (isTerminal(to)) expect(referral.closedAt).not.toBeNull();
    } else {
      expect(errorCodes(res)).toEqual(['INVALID_TRANSITION']);
      expect(res.body.errors![0].extensions).toMatchObject({ from, to });
      expect(res.body.data).toBeNull();
      expect(after).toEqual(before);
    }
  });

  it.each(TRANSITIONS.map((tr) => [tr.from, tr.to, tr.by] as const))('%s → %s by the wrong party is FORBIDDEN and writes nothing', async (from, to, by) => {
    const { id } = await referralIn(from);
    const before = await state(id);
    // Receiver moves tried by the referrer, referrer moves by the receiver, involved moves by an outsider.
    const wrong = by === ReferralParty.RECEIVER ? as.riagg : by === ReferralParty.REFERRER ? as.swa : as.beweging;
    const res = await moveTo(from, to, id, 1, wrong);
    expect(errorCodes(res)).toEqual(['FORBIDDEN']);
    expect(await state(id)).toEqual(before);
    // An outsider's attempt is a refused attempt to reach the dossier: logged with the operation.
    if (wrong === as.beweging) expect(await refusals(id)).toEqual([{ organisation_id: org['beweging-3-0'], operation: Object.keys(res.body.data ?? {})[0] ?? expect.any(String) }]);
  });

  it('routes moves to their mutation: closing and declining need their own, accepting only from SIGNALLED', async () => {
    const exploring = await referralIn(S.EXPLORING);
    const close = await t.gql(CHANGE, { id: exploring.id, version: 1, input: { to: 'CLOSED' } }, as.swa);
    expect(errorCodes(close)).toEqual(['INVALID_TRANSITION']);
    expect(close.body.errors![0].extensions).toMatchObject({ from: 'EXPLORING', to: 'CLOSED', use: 'closeReferral' });
    const onHold = await referralIn(S.ON_HOLD);
    const accept = await t.gql(ACCEPT, { id: onHold.id, version: 1 }, as.swa);
    expect(accept.body.errors![0].extensions).toMatchObject({ code: 'INVALID_TRANSITION', from: 'ON_HOLD', to: 'EXPLORING', use: 'changeReferralStatus' });
    expect((await state(onHold.id)).version).toBe(1);
  });

  it('numbers dossiers per year, creates an anonymous SIGNALLED referral with event 1 and refers from the caller’s organisation', async () => {
    const year = dutchDate().slice(0, 4);
    const a = dataOf(await t.gql(CREATE, { input: { receivingOrganisationId: org.riagg, summary: 'Eerste' } }, as.swa)).createReferral;
    const b = dataOf(await t.gql(CREATE, { input: { receivingOrganisationId: org.riagg, summary: 'Tweede' } }, as.swa)).createReferral;
    expect(a.dossierNumber).toMatch(new RegExp(`^${year}-\\d{5}$`));
    expect(Number(b.dossierNumber.slice(5))).toBe(Number(a.dossierNumber.slice(5)) + 1);
    expect(a).toMatchObject({ status: 'SIGNALLED', version: 1, contentVisible: true, referringOrganisation: { slug: 'swa' }, receivingOrganisation: { slug: 'riagg-amersfoort' } });
    expect(a.events).toEqual([{ sequence: 1, type: 'CREATED', fromStatus: null, toStatus: 'SIGNALLED', note: null, organisation: { slug: 'swa' }, actorName: 'swa@test.local' }]);
    const [counter] = await db(`SELECT last_number FROM dossier_counter WHERE year = $1`, [Number(year)]);
    expect(counter.last_number).toBe(Number(b.dossierNumber.slice(5)));
  });

  it('refuses bad input with the field, and text holding a BSN', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ summary: 'Geen ontvanger' }, 'input.receivingOrganisationId'],
      [{ receivingOrganisationId: org.swa }, 'input.receivingOrganisationId'],
      [{ receivingOrganisationId: org.riagg, targetGroups: ['jongeren', 'bestaat-niet'] }, 'input.targetGroups.1'],
      [{ receivingOrganisationId: org.riagg, interventionTypes: ['nope'] }, 'input.interventionTypes.0'],
      [{ receivingOrganisationId: org.riagg, area: 'nergens' }, 'input.area'],
      [{ receivingOrganisationId: org.riagg, consent: { given: true } }, 'input.consent.scope'],
      [{ receivingOrganisationId: org.riagg, consent: { given: true, scope: 'NETWORK' } }, 'input.consent.scope'],
      [{ receivingOrganisationId: org.riagg, summary: 'Mevrouw, BSN 1112.22.333, woont alleen' }, 'input.summary'],
      [{ receivingOrganisationId: 'not-an-id' }, 'input.receivingOrganisationId'],
      [{ receivingOrganisationId: '00000000-0000-4000-8000-000000000000' }, 'input.receivingOrganisationId'],
    ];
    const [{ n: before }] = await db(`SELECT count(*)::int AS n FROM referral`);
    for (const [input, field] of cases) {
      const res = await t.gql(CREATE, { input }, as.swa);
      expect([errorCodes(res), res.body.errors?.[0].extensions?.field]).toEqual([['BAD_USER_INPUT'], field]);
    }
    const [{ n: after }] = await db(`SELECT count(*)::int AS n FROM referral`);
    expect(after).toBe(before);
    // A nine-digit number that fails the elfproef is not a BSN.
    dataOf(await t.gql(CREATE, { input: { receivingOrganisationId: org.riagg, summary: 'Kenmerk 123456789 van de woningcorporatie' } }, as.swa));
  });

  it('answers CONFLICT for a stale version and writes nothing', async () => {
    const { id } = await referralIn(S.EXPLORING);
    dataOf(await t.gql(NOTE, { id, version: 1, input: { text: 'Eerste terugkoppeling' } }, as.swa));
    const stale = await t.gql(NOTE, { id, version: 1, input: { text: 'Tweede, op een oude versie' } }, as.riagg);
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    expect(stale.body.errors![0].extensions).toMatchObject({ field: 'version', currentVersion: 2 });
    expect(await state(id)).toMatchObject({ version: 2, events: 2 });
  });

  it('keeps notes, actions and consent to open referrals, and actions to accepted ones', async () => {
    const closed = await referralIn(S.CLOSED);
    const note = await t.gql(NOTE, { id: closed.id, version: 1, input: { text: 'Na afsluiting' } }, as.swa);
    expect(note.body.errors![0].extensions).toMatchObject({ code: 'INVALID_TRANSITION', from: 'CLOSED', operation: 'addReferralNote' });
    const signalled = await referralIn(S.SIGNALLED);
    const action = await t.gql(ACTION, { id: signalled.id, version: 1, input: { description: 'Huisbezoek', assignedOrganisationId: org.swa } }, as.swa);
    expect(action.body.errors![0].extensions).toMatchObject({ code: 'INVALID_TRANSITION', from: 'SIGNALLED' });
    expect(dataOf(await t.gql(NOTE, { id: signalled.id, version: 1, input: { text: 'Nog niet besproken' } }, as.riagg)).addReferralNote.version).toBe(2);
  });

  it('defaults an action’s due date to the network’s next meeting, else REFERRAL_DEFAULT_ACTION_WEEKS', async () => {
    const today = dutchDate();
    // No network: the default, 6 weeks, or what the environment says.
    const plain = await referralIn(S.EXPLORING);
    let res = dataOf(await t.gql(ACTION, { id: plain.id, version: 1, input: { description: 'Contact huisarts', assignedOrganisationId: org.swa } }, as.swa)).addReferralAction;
    expect(res.actions[0]).toMatchObject({ dueOn: addDays(today, 42), overdue: false, completedAt: null, assignedOrganisation: { slug: 'swa' } });
    process.env.REFERRAL_DEFAULT_ACTION_WEEKS = '3';
    try {
      res = dataOf(await t.gql(ACTION, { id: plain.id, version: 2, input: { description: 'Nog een', assignedOrganisationId: org.swa } }, as.swa)).addReferralAction;
      expect(res.actions.map((a: { dueOn: string }) => a.dueOn)).toContain(addDays(today, 21));
    } finally {
      delete process.env.REFERRAL_DEFAULT_ACTION_WEEKS;
    }
    // A network meeting every 4 weeks.
    const [network] = await db(`INSERT INTO network (slug, name, kind, meeting_interval_weeks) VALUES ('vierwekelijks', 'Vierwekelijks overleg', 'OTHER', 4) RETURNING id`);
    await db(`INSERT INTO network_member (network_id, organisation_id) VALUES ($1, $2), ($1, $3)`, [network.id, org.swa, org['riagg-amersfoort']]);
    const inNetwork = dataOf(await t.gql(CREATE, { input: { networkId: network.id, receivingOrganisationId: org.swa } }, as.riagg)).createReferral;
    dataOf(await t.gql(ACCEPT, { id: inNetwork.id, version: 1 }, as.swa));
    res = dataOf(await t.gql(ACTION, { id: inNetwork.id, version: 2, input: { description: 'Bespreken', assignedOrganisationId: org.riagg } }, as.swa)).addReferralAction;
    expect(res.actions[0].dueOn).toBe(addDays(today, 28));
    // An explicit date wins; one in the past is refused.
    res = dataOf(await t.gql(ACTION, { id: inNetwork.id, version: 3, input: { description: 'Bellen', assignedOrganisationId: org.riagg, dueOn: addDays(today, 2) } }, as.swa)).addReferralAction;
    expect(res.actions[0].dueOn).toBe(addDays(today, 2));
    const past = await t.gql(ACTION, { id: inNetwork.id, version: 4, input: { description: 'Gisteren', assignedOrganisationId: org.riagg, dueOn: addDays(today, -1) } }, as.swa);
    expect(past.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.dueOn' });
    const badDate = await t.gql(ACTION, { id: inNetwork.id, version: 4, input: { description: 'x', assignedOrganisationId: org.riagg, dueOn: '2026-02-30' } }, as.swa);
    expect(badDate.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.dueOn' });
  });

  it('completes an action once, with its own version, and shows overdue actions', async () => {
    const { id } = await referralIn(S.EXPLORING);
    const added = dataOf(await t.gql(ACTION, { id, version: 1, input: { description: 'Huisbezoek', assignedOrganisationId: org.swa } }, as.swa)).addReferralAction;
    const action = added.actions[0];
    await db(`UPDATE referral_action SET due_on = current_date - 3 WHERE id = $1`, [action.id]);
    const overdue = dataOf(await t.gql(`query($id: ID!) { referral(id: $id) { overdueActions { id overdue } } }`, { id }, as.riagg)).referral;
    expect(overdue.overdueActions).toEqual([{ id: action.id, overdue: true }]);
    const stale = await t.gql(COMPLETE, { id: action.id, version: 7, input: { result: 'Gedaan' } }, as.swa);
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    const done = dataOf(await t.gql(COMPLETE, { id: action.id, version: 1, input: { result: 'Contact gelegd' } }, as.riagg)).completeReferralAction;
    expect(done.actions[0]).toMatchObject({ result: 'Contact gelegd', overdue: false, version: 2 });
    expect(done.events.map((e: { type: string }) => e.type)).toEqual(['CREATED', 'ACTION_ADDED', 'ACTION_COMPLETED']);
    const again = await t.gql(COMPLETE, { id: action.id, version: 2, input: { result: 'Nog eens' } }, as.swa);
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    const outsider = await t.gql(COMPLETE, { id: action.id, version: 2, input: { result: 'Ik ook' } }, as.beweging);
    expect(errorCodes(outsider)).toEqual(['FORBIDDEN']);
  });

  it('records consent (given with a scope, or withdrawn) by the referring or receiving organisation only', async () => {
    const { id } = await referralIn(S.EXPLORING);
    const noNetwork = await t.gql(CONSENT, { id, version: 1, input: { given: true, scope: 'NETWORK' } }, as.riagg);
    expect(noNetwork.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.scope' });
    const given = dataOf(await t.gql(CONSENT, { id, version: 1, input: { given: true, scope: 'RECEIVER' } }, as.riagg)).recordConsent;
    expect(given.consent).toMatchObject({ given: true, scope: 'RECEIVER', recordedBy: 'riagg@test.local' });
    expect(given.events[1]).toMatchObject({ sequence: 2, type: 'CONSENT_RECORDED' });
    const noScope = await t.gql(CONSENT, { id, version: 2, input: { given: true } }, as.swa);
    expect(noScope.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.scope' });
    const withdrawn = dataOf(await t.gql(CONSENT, { id, version: 2, input: { given: false } }, as.swa)).recordConsent;
    expect(withdrawn.consent).toMatchObject({ given: false, scope: null, recordedBy: 'swa@test.local' });
    expect(errorCodes(await t.gql(CONSENT, { id, version: 3, input: { given: false } }, as.beweging))).toEqual(['FORBIDDEN']);
  });

  it('lets an API key with the REFERRALS scope act for its organisation, and records it as the actor', async () => {
    const createKey = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }`;
    const { key } = dataOf(await t.gql(createKey, { input: { organisationId: org.swa, name: 'Regas koppeling', scopes: ['REFERRALS'] } }, as.swa)).createApiKey;
    const created = dataOf(await t.gql(CREATE, { input: { receivingOrganisationId: org.riagg, summary: 'Via de koppeling' } }, { bearer: key })).createReferral;
    expect(created.referringOrganisation).toEqual({ slug: 'swa' });
    expect(created.events[0]).toMatchObject({ organisation: { slug: 'swa' }, actorName: 'API key Regas koppeling' });
    const [row] = await db(`SELECT actor_user_id, actor_api_key_id FROM referral_event WHERE referral_id = $1`, [created.id]);
    expect(row.actor_user_id).toBeNull();
    expect(row.actor_api_key_id).not.toBeNull();
    const { key: mapKey } = dataOf(await t.gql(createKey, { input: { organisationId: org.swa, name: 'Alleen kaart', scopes: ['READ_MAP'] } }, as.swa)).createApiKey;
    expect(errorCodes(await t.gql(CREATE, { input: { receivingOrganisationId: org.riagg } }, { bearer: mapKey }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql(CREATE, { input: { receivingOrganisationId: org.riagg } }, as.admin))).toEqual(['FORBIDDEN']);
  });

  it('lets a network’s core members accept a referral made to the network alone, and records who took it', async () => {
    const [network] = await db(`SELECT id FROM network WHERE slug = 'buurtnetwerk-55plus'`);
    const created = dataOf(await t.gql(CREATE, { input: { networkId: network.id, summary: 'Oudere dame, zorgmijdend' } }, as.beweging)).createReferral;
    // SWA (a core member, no consent) reads the anonymous case, accepts it and holds it from then on.
    const accepted = dataOf(await t.gql(`mutation($id: ID!, $version: Int!) { acceptReferral(id: $id, version: $version) { ${REFERRAL} identityVisible holderOrganisation { slug } holderName availableTransitions } }`, { id: created.id, version: 1 }, as.swa)).acceptReferral;
    expect(accepted).toMatchObject({
      status: 'EXPLORING',
      contentVisible: true,
      identityVisible: false,
      summary: 'Oudere dame, zorgmijdend',
      receivingOrganisation: { slug: 'swa' },
      holderOrganisation: { slug: 'swa' },
      holderName: 'swa@test.local',
      problemOwnerOrganisation: { slug: 'swa' },
    });
    // … and can move it on (before, a member that accepted without consent could not).
    expect(accepted.availableTransitions).toEqual(expect.arrayContaining(['ACTION_AGREED', 'ON_HOLD', 'CLOSED']));
    const [area] = await db(`SELECT a.slug FROM referral r JOIN area a ON a.id = r.area_id WHERE r.id = $1`, [created.id]);
    expect(area.slug).toBe('randenbroek-schuilenburg');
  });
});
