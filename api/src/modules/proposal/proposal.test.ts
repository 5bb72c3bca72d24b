import { TEST_PASSWORD, type TestApp, createTestUsers, dataOf, errorCodes, startTestApp } from '../../test/app';

const FIELDS = 'id version kind status targetId targetVersion payload motivation resultId decisionReason targetName currentValues proposerName decidedByName proposerOrganisation { slug } history { action actorName reason }';
const PROPOSE_LOCATION = `mutation($id: ID!, $version: Int!, $input: UpdateLocationInput!, $motivation: String!) { proposeLocationChange(id: $id, version: $version, input: $input, motivation: $motivation) { ${FIELDS} } }`;
const PROPOSE_KEY_PERSON = `mutation($input: CreateKeyPersonInput!, $motivation: String!) { proposeNewKeyPerson(input: $input, motivation: $motivation) { ${FIELDS} } }`;
const PROPOSE_ORGANISATION = `mutation($input: CreateOrganisationInput!, $motivation: String!) { proposeNewOrganisation(input: $input, motivation: $motivation) { ${FIELDS} } }`;
const ACCEPT = `mutation($id: ID!, $version: Int!, $reason: String) { acceptProposal(id: $id, version: $version, reason: $reason) { ${FIELDS} } }`;
const REJECT = `mutation($id: ID!, $version: Int!, $reason: String) { rejectProposal(id: $id, version: $version, reason: $reason) { ${FIELDS} } }`;
const WITHDRAW = `mutation($id: ID!, $version: Int!) { withdrawProposal(id: $id, version: $version) { ${FIELDS} } }`;
const LIST = `query($status: ProposalStatus) { proposals(status: $status, first: 100) { totalCount edges { node { id status proposerOrganisation { slug } } } } }`;
const ONE = `query($id: ID!) { proposal(id: $id) { ${FIELDS} } }`;
const UPDATE_LOCATION = `mutation($id: ID!, $version: Int!, $input: UpdateLocationInput!) { updateLocation(id: $id, version: $version, input: $input) { id version } }`;
const HISTORY = `query($type: CuratedEntityType!, $id: ID!) { changeHistory(entityType: $type, entityId: $id) { edges { node { action actorName via changes } } } }`;

describe('organisations propose, a curator decides', () => {
  let t: TestApp;
  let admin: string;
  let swa: string;
  let riagg: string;
  let municipality: string;
  let swaId: string;
  let riaggId: string;

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    admin = await t.login('admin@test.local', TEST_PASSWORD);
    swa = await t.login('swa@test.local', TEST_PASSWORD);
    riagg = await t.login('riagg@test.local', TEST_PASSWORD);
    municipality = await t.login('gemeente@test.local', TEST_PASSWORD);
    swaId = (await t.db.dataSource.query(`SELECT id FROM organisation WHERE slug = 'swa'`))[0].id;
    riaggId = (await t.db.dataSource.query(`SELECT id FROM organisation WHERE slug = 'riagg-amersfoort'`))[0].id;
  });
  afterAll(() => t.close());

  let n = 0;
  /** A fresh location of Riagg's, which SWA's users may not change themselves. */
  const riaggLocation = async () =>
    (await t.db.dataSource.query(`INSERT INTO location (slug, name, organisation_id) VALUES ($1, $2, $3) RETURNING id, version`, [`voorstel-${++n}`, `Riagg voorstel ${n}`, riaggId]))[0] as { id: string; version: number };
  const count = async (sql: string, params: unknown[] = []) => Number((await t.db.dataSource.query(sql, params))[0].n);
  const notices = (kind: string, proposalId: string) =>
    t.db.dataSource.query(`SELECT u.email, n.organisation_id, n.record_id, n.referral_id FROM notification n JOIN app_user u ON u.id = n.user_id WHERE n.kind = $1 AND n.proposal_id = $2 ORDER BY u.email`, [kind, proposalId]);
  const proposeLocation = async (location: { id: string; version: number }, input: Record<string, unknown>, as = swa) =>
    t.gql(PROPOSE_LOCATION, { id: location.id, version: location.version, input, motivation: 'Wij zitten hier elke week' }, { cookie: as });

  it("lets an organisation's user propose a change to another organisation's location, which it may not change itself; admins are told", async () => {
    const location = await riaggLocation();
    expect(errorCodes(await t.gql(UPDATE_LOCATION, { id: location.id, version: 1, input: { accessibility: 'rolstoel' } }, { cookie: swa }))).toEqual(['FORBIDDEN']);
    const historyBefore = await count(`SELECT count(*) AS n FROM change_record WHERE entity_id = $1`, [location.id]);
    const proposal = dataOf(await proposeLocation(location, { accessibility: 'Rolstoeltoegankelijk via de zij-ingang', city: 'Amersfoort' })).proposeLocationChange;
    expect(proposal).toMatchObject({
      kind: 'LOCATION', status: 'PENDING', targetId: location.id, targetVersion: 1, version: 1, resultId: null,
      payload: { accessibility: 'Rolstoeltoegankelijk via de zij-ingang', city: 'Amersfoort' },
      currentValues: { accessibility: null, city: null },
      targetName: `Riagg voorstel ${n}`, proposerName: 'swa@test.local', proposerOrganisation: { slug: 'swa' },
      history: [{ action: 'PROPOSED', actorName: 'swa@test.local', reason: null }],
    });
    // The check against the real write left nothing behind: the record, its history.
    expect((await t.db.dataSource.query(`SELECT version, accessibility FROM location WHERE id = $1`, [location.id]))[0]).toEqual({ version: 1, accessibility: null });
    expect(await count(`SELECT count(*) AS n FROM change_record WHERE entity_id = $1`, [location.id])).toBe(historyBefore);
    expect(await notices('PROPOSAL_SUBMITTED', proposal.id)).toEqual([{ email: 'admin@test.local', organisation_id: null, record_id: null, referral_id: null }]);
  });

  it('refuses a proposal with bad fields with BAD_USER_INPUT on every field, as the real write would, and stores nothing', async () => {
    const location = await riaggLocation();
    const before = await count(`SELECT count(*) AS n FROM proposal`);
    // Rules of the write itself: a cleared name and half a position.
    const rules = await proposeLocation(location, { name: null, latitude: 52.1 });
    expect(errorCodes(rules)).toEqual(['BAD_USER_INPUT']);
    expect(rules.body.errors![0].extensions!.errors.map((e: any) => [e.field, e.rule])).toEqual([['input.name', 'required'], ['input.longitude', 'coordinatesPair']]);
    // Rules of the input type: a bad postcode and a name too long.
    const typed = await proposeLocation(location, { postcode: '12', name: 'x'.repeat(301) });
    expect(errorCodes(typed)).toEqual(['BAD_USER_INPUT']);
    expect(typed.body.errors![0].extensions!.errors.map((e: any) => e.field).sort()).toEqual(['input.name', 'input.postcode']);
    // An unknown area, and a missing motivation.
    const area = await proposeLocation(location, { area: 'nergensland' });
    expect(area.body.errors![0].extensions!.errors.map((e: any) => e.field)).toEqual(['input.area']);
    const unmotivated = await t.gql(PROPOSE_LOCATION, { id: location.id, version: 1, input: { city: 'Leusden' }, motivation: '' }, { cookie: swa });
    expect(unmotivated.body.errors![0].extensions!.errors.map((e: any) => e.field)).toEqual(['motivation']);
    // A version the record has moved past, and a record that does not exist.
    expect(errorCodes(await proposeLocation({ id: location.id, version: 7 }, { city: 'Leusden' }))).toEqual(['CONFLICT']);
    expect(errorCodes(await proposeLocation({ id: '00000000-0000-4000-8000-000000000000', version: 1 }, { city: 'Leusden' }))).toEqual(['NOT_FOUND']);
    expect(await count(`SELECT count(*) AS n FROM proposal`)).toBe(before);
  });

  it('lets only organisation users propose, each organisation see its own, and only admins decide', async () => {
    const location = await riaggLocation();
    const input = { id: location.id, version: 1, input: { city: 'Leusden' }, motivation: 'verhuisd' };
    expect(errorCodes(await t.gql(PROPOSE_LOCATION, input, {}))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await t.gql(PROPOSE_LOCATION, input, { cookie: admin }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql(PROPOSE_LOCATION, input, { cookie: municipality }))).toEqual(['FORBIDDEN']);
    const proposal = dataOf(await t.gql(PROPOSE_LOCATION, input, { cookie: swa })).proposeLocationChange;
    const ids = async (as: string) => dataOf(await t.gql(LIST, {}, { cookie: as })).proposals.edges.map((e: any) => e.node.id);
    expect(await ids(admin)).toContain(proposal.id);
    expect(await ids(swa)).toContain(proposal.id);
    expect(await ids(riagg)).not.toContain(proposal.id);
    expect(errorCodes(await t.gql(LIST, {}, { cookie: municipality }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql(LIST, {}, {}))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await t.gql(ONE, { id: proposal.id }, { cookie: riagg }))).toEqual(['FORBIDDEN']);
    expect(dataOf(await t.gql(ONE, { id: proposal.id }, { cookie: swa })).proposal.id).toBe(proposal.id);
    // The proposer cannot accept (or reject) its own proposal; another organisation cannot withdraw it.
    expect(errorCodes(await t.gql(ACCEPT, { id: proposal.id, version: 1 }, { cookie: swa }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql(REJECT, { id: proposal.id, version: 1, reason: 'nee' }, { cookie: swa }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql(ACCEPT, { id: proposal.id, version: 1 }, { cookie: riagg }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql(WITHDRAW, { id: proposal.id, version: 1 }, { cookie: riagg }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql(WITHDRAW, { id: proposal.id, version: 1 }, { cookie: admin }))).toEqual(['FORBIDDEN']);
    // Its own organisation withdraws it; then nobody decides it any more.
    const withdrawn = dataOf(await t.gql(WITHDRAW, { id: proposal.id, version: 1 }, { cookie: swa })).withdrawProposal;
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', version: 2, history: [{ action: 'PROPOSED' }, { action: 'WITHDRAWN', actorName: 'swa@test.local' }] });
    const again = await t.gql(ACCEPT, { id: proposal.id, version: 2 }, { cookie: admin });
    expect(errorCodes(again)).toEqual(['INVALID_TRANSITION']);
    expect(again.body.errors![0].extensions).toMatchObject({ from: 'WITHDRAWN', to: 'ACCEPTED', rule: 'proposalDecided' });
  });

  it('rejects with a reason only, tells the proposing organisation, and keeps the record as it was', async () => {
    const location = await riaggLocation();
    const proposal = dataOf(await proposeLocation(location, { city: 'Leusden' })).proposeLocationChange;
    const noReason = await t.gql(REJECT, { id: proposal.id, version: 1, reason: '  ' }, { cookie: admin });
    expect(errorCodes(noReason)).toEqual(['BAD_USER_INPUT']);
    expect(noReason.body.errors![0].extensions).toMatchObject({ field: 'reason', rule: 'required' });
    expect(errorCodes(await t.gql(REJECT, { id: proposal.id, version: 5, reason: 'Klopt niet' }, { cookie: admin }))).toEqual(['CONFLICT']);
    const rejected = dataOf(await t.gql(REJECT, { id: proposal.id, version: 1, reason: 'De locatie ligt in Amersfoort' }, { cookie: admin })).rejectProposal;
    expect(rejected).toMatchObject({
      status: 'REJECTED', decisionReason: 'De locatie ligt in Amersfoort', decidedByName: 'admin@test.local', resultId: null,
      history: [{ action: 'PROPOSED' }, { action: 'REJECTED', actorName: 'admin@test.local', reason: 'De locatie ligt in Amersfoort' }],
    });
    expect((await notices('PROPOSAL_REJECTED', proposal.id)).map((row: any) => [row.email, row.organisation_id])).toEqual([['swa@test.local', swaId]]);
    expect((await t.db.dataSource.query(`SELECT city, version FROM location WHERE id = $1`, [location.id]))[0]).toEqual({ city: null, version: 1 });
    expect(errorCodes(await t.gql(REJECT, { id: proposal.id, version: 2, reason: 'nogmaals' }, { cookie: admin }))).toEqual(['INVALID_TRANSITION']);
    expect(errorCodes(await t.gql(ACCEPT, { id: proposal.id, version: 2 }, { cookie: admin }))).toEqual(['INVALID_TRANSITION']);
  });

  it("accepts through the real write, as the curator, recorded in the record's history as coming through a proposal", async () => {
    const location = await riaggLocation();
    const proposal = dataOf(await proposeLocation(location, { accessibility: 'Drempelvrij', postcode: '3822ab' })).proposeLocationChange;
    const accepted = dataOf(await t.gql(ACCEPT, { id: proposal.id, version: 1, reason: 'Gecontroleerd ter plaatse' }, { cookie: admin })).acceptProposal;
    expect(accepted).toMatchObject({ status: 'ACCEPTED', resultId: location.id, decisionReason: 'Gecontroleerd ter plaatse', history: [{ action: 'PROPOSED' }, { action: 'ACCEPTED', reason: 'Gecontroleerd ter plaatse' }] });
    // The write's own normalisation (postcode) applied, the version moved on.
    expect((await t.db.dataSource.query(`SELECT accessibility, postcode, version FROM location WHERE id = $1`, [location.id]))[0]).toEqual({ accessibility: 'Drempelvrij', postcode: '3822 AB', version: 2 });
    const history = dataOf(await t.gql(HISTORY, { type: 'LOCATION', id: location.id }, { cookie: admin })).changeHistory.edges.map((e: any) => e.node);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: 'UPDATE', actorName: 'admin@test.local', via: 'proposal', changes: { accessibility: { before: null, after: 'Drempelvrij' } } });
    expect((await notices('PROPOSAL_ACCEPTED', proposal.id)).map((row: any) => row.email)).toEqual(['swa@test.local']);
  });

  it('answers CONFLICT proposalOutdated when the record changed after the proposal, and leaves it pending', async () => {
    const location = await riaggLocation();
    const proposal = dataOf(await proposeLocation(location, { city: 'Hoogland' })).proposeLocationChange;
    dataOf(await t.gql(UPDATE_LOCATION, { id: location.id, version: 1, input: { kind: 'buurthuis' } }, { cookie: riagg }));
    const outdated = await t.gql(ACCEPT, { id: proposal.id, version: 1 }, { cookie: admin });
    expect(errorCodes(outdated)).toEqual(['CONFLICT']);
    expect(outdated.body.errors![0].extensions).toMatchObject({ rule: 'proposalOutdated', params: { proposedVersion: 1, currentVersion: 2 } });
    expect(dataOf(await t.gql(ONE, { id: proposal.id }, { cookie: admin })).proposal).toMatchObject({ status: 'PENDING', version: 1 });
    expect((await t.db.dataSource.query(`SELECT city FROM location WHERE id = $1`, [location.id]))[0].city).toBeNull();
    // The curator rejects it, as the rule says.
    expect(dataOf(await t.gql(REJECT, { id: proposal.id, version: 1, reason: 'Intussen gewijzigd; stel opnieuw voor' }, { cookie: admin })).rejectProposal.status).toBe('REJECTED');
  });

  it("proposes the police's wijkagent as a new key person; its private fields reach no notice, e-mail or log", async () => {
    const phone = '06-98765432';
    const proposal = dataOf(
      await t.gql(PROPOSE_KEY_PERSON, { input: { name: 'Wijkagent Voorstel', role: 'wijkagent', phone, notes: 'bereikbaar op dinsdag', areas: ['schuilenburg'], organisationId: riaggId }, motivation: 'Nieuwe wijkagent sinds maart' }, { cookie: swa }),
    ).proposeNewKeyPerson;
    expect(proposal).toMatchObject({ kind: 'KEY_PERSON', targetId: null, targetName: null, currentValues: null, payload: { phone } });
    expect(await count(`SELECT count(*) AS n FROM key_person WHERE name = 'Wijkagent Voorstel'`)).toBe(0);
    const accepted = dataOf(await t.gql(ACCEPT, { id: proposal.id, version: 1 }, { cookie: admin })).acceptProposal;
    const [person] = await t.db.dataSource.query(`SELECT id, phone, organisation_id FROM key_person WHERE name = 'Wijkagent Voorstel'`);
    expect(person).toEqual({ id: accepted.resultId, phone, organisation_id: riaggId });
    expect(await count(`SELECT count(*) AS n FROM key_person_area WHERE key_person_id = $1`, [person.id])).toBe(1);
    const notices = await t.db.dataSource.query(`SELECT to_jsonb(n) AS row FROM notification n WHERE proposal_id = $1`, [proposal.id]);
    expect(notices.length).toBeGreaterThan(0);
    expect(JSON.stringify(notices)).not.toContain(phone);
    expect(t.logLines.join('\n')).not.toContain(phone);
    // Erasing the person (GDPR art. 17) erases its details from the proposal that created it, and from a proposed change to it.
    const change = dataOf(
      await t.gql(`mutation($id: ID!, $input: UpdateKeyPersonInput!) { proposeKeyPersonChange(id: $id, version: 1, input: $input, motivation: "nieuw nummer") { id } }`, { id: person.id, input: { phone: '06-11112222', roleDescription: null } }, { cookie: swa }),
    ).proposeKeyPersonChange;
    dataOf(await t.gql(`mutation($id: ID!) { eraseKeyPerson(id: $id, reason: "Verzoek AVG-2026-099") { id } }`, { id: person.id }, { cookie: admin }));
    const payloads = await t.db.dataSource.query(`SELECT id, payload FROM proposal WHERE id = ANY($1) ORDER BY created_at`, [[proposal.id, change.id]]);
    expect(payloads.map((row: any) => row.payload)).toEqual([
      { name: '[erased]', role: 'wijkagent', phone: '[erased]', notes: '[erased]', areas: ['schuilenburg'], organisationId: riaggId },
      { phone: '[erased]', roleDescription: null },
    ]);
  });

  it('proposes a new organisation (admins alone add organisations), created on accept', async () => {
    expect(errorCodes(await t.gql(`mutation { createOrganisation(input: { name: "Buurtteam Voorstel", sector: OTHER }) { id } }`, {}, { cookie: swa }))).toEqual(['FORBIDDEN']);
    // An exact duplicate is refused at once, as the real write refuses it.
    const [{ name: swaName }] = await t.db.dataSource.query(`SELECT name FROM organisation WHERE id = $1`, [swaId]);
    const duplicate = await t.gql(PROPOSE_ORGANISATION, { input: { name: swaName, sector: 'OTHER' }, motivation: 'dubbel' }, { cookie: swa });
    expect(errorCodes(duplicate)).toEqual(['CONFLICT']);
    expect(duplicate.body.errors![0].extensions).toMatchObject({ field: 'input.name', rule: 'duplicate' });
    const proposal = dataOf(await t.gql(PROPOSE_ORGANISATION, { input: { name: 'Buurtteam Voorstel', sector: 'OTHER' }, motivation: 'Ons nieuwe buurtteam' }, { cookie: swa })).proposeNewOrganisation;
    const accepted = dataOf(await t.gql(ACCEPT, { id: proposal.id, version: 1 }, { cookie: admin })).acceptProposal;
    const [organisation] = await t.db.dataSource.query(`SELECT id, slug FROM organisation WHERE name = 'Buurtteam Voorstel'`);
    expect(organisation).toEqual({ id: accepted.resultId, slug: 'buurtteam-voorstel' });
    const history = dataOf(await t.gql(HISTORY, { type: 'ORGANISATION', id: organisation.id }, { cookie: admin })).changeHistory.edges.map((e: any) => e.node);
    expect(history).toMatchObject([{ action: 'CREATE', actorName: 'admin@test.local', via: 'proposal' }]);
  });
});
