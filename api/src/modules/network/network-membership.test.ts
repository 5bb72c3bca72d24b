import { TEST_PASSWORD, type As, type TestApp, createTestUsers, dataOf, errorCodes, startTestApp } from '../../test/app';
import { hashPassword } from '../auth/auth.service';
import { addDays } from '../../common/dates';
import { User, UserRole } from '../user/user.entity';
import { MEMBERSHIP_TODAY_SQL, currentNetworkMemberSql, isCurrentNetworkMember, membershipToday } from './network-membership.rules';

/**
 * One rule for "current network member" (network-membership.rules.ts): the function and the
 * SQL fragment agree, and every path that depends on membership uses it — a member whose start
 * date is still ahead reads nothing, sees no agenda, gets no webhook and is not counted in the
 * team; a member who joined last week does all of that.
 */
describe('current network member: one rule', () => {
  let t: TestApp;
  const db = (sql: string, params: unknown[] = []) => t.db.dataSource.query(sql, params);
  const today = membershipToday();
  let network: string;
  let referral: { id: string; dossierNumber: string };
  const org: Record<'future' | 'current' | 'leftToday' | 'referrer', { id: string; slug: string; as: As; webhook: string }> = {} as never;

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    [{ id: network }] = await db(`SELECT id FROM network WHERE slug = 'buurtnetwerk-55plus'`);
    // Organisations with no tie to the network yet.
    const outsiders: { id: string; slug: string }[] = await db(
      `SELECT o.id, o.slug FROM organisation o
        WHERE o.archived_at IS NULL AND o.id NOT IN (SELECT organisation_id FROM network_member WHERE organisation_id IS NOT NULL)
          AND o.id NOT IN (SELECT coordinator_organisation_id FROM network WHERE coordinator_organisation_id IS NOT NULL)
        ORDER BY o.slug LIMIT 4`,
    );
    expect(outsiders).toHaveLength(4);
    const users = t.db.dataSource.getRepository(User);
    const passwordHash = await hashPassword(TEST_PASSWORD);
    for (const [i, role] of (['future', 'current', 'leftToday', 'referrer'] as const).entries()) {
      const { id, slug } = outsiders[i];
      await users.save(users.create({ email: `${role.toLowerCase()}@membership.test`, displayName: role, role: UserRole.ORGANISATION, organisationId: id, passwordHash }));
      const [{ id: webhook }] = await db(
        `INSERT INTO webhook (organisation_id, url, events, secret_ciphertext, secret_hint) VALUES ($1, 'https://hooks.example.org/schakel', ARRAY['CREATED','NOTE_ADDED'], 'plain:whsec_test', 'whsec_t') RETURNING id`,
        [id],
      );
      org[role] = { id, slug, as: { cookie: await t.login(`${role.toLowerCase()}@membership.test`, TEST_PASSWORD) }, webhook };
    }
    const member = (id: string, joinedOn: string | null, leftOn: string | null) =>
      db(`INSERT INTO network_member (network_id, organisation_id, role, tier, fte, joined_on, left_on) VALUES ($1, $2, 'lid', 'CORE', 0.5, $3, $4)`, [network, id, joinedOn, leftOn]);
    await member(org.future.id, addDays(today, 7), null);
    await member(org.current.id, addDays(today, -7), null);
    await member(org.leftToday.id, addDays(today, -30), today);
    // A case for the network as a whole, with consent for the network: members read it.
    referral = dataOf(
      await t.gql(
        `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id dossierNumber } }`,
        { input: { networkId: network, summary: 'buurvrouw vereenzaamt', consent: { given: true, scope: 'NETWORK' } } },
        org.referrer.as,
      ),
    ).createReferral;
  });
  afterAll(() => t.close());

  describe('the function and the SQL fragment say the same thing', () => {
    const day = '2026-03-15';
    const cases: Array<[string, string | null, string | null, boolean]> = [
      ['no dates', null, null, true],
      ['joined in the future', '2026-03-16', null, false],
      ['joined today', '2026-03-15', null, true],
      ['joined in the past', '2025-01-01', null, true],
      ['left yesterday', '2025-01-01', '2026-03-14', false],
      ['left today', '2025-01-01', '2026-03-15', false],
      ['leaves tomorrow', '2025-01-01', '2026-03-16', true],
      ['no start, left yesterday', null, '2026-03-14', false],
      ['no start, leaves tomorrow', null, '2026-03-16', true],
      ['joins tomorrow, leaves later', '2026-03-16', '2026-04-01', false],
    ];

    it.each(cases)('%s', async (_label, joinedOn, leftOn, expected) => {
      expect(isCurrentNetworkMember({ joinedOn, leftOn }, day)).toBe(expected);
      const [row] = await db(`SELECT ${currentNetworkMemberSql('nm', '$1::date')} AS current FROM (VALUES ($2::date, $3::date)) AS nm(joined_on, left_on)`, [day, joinedOn, leftOn]);
      expect(row.current).toBe(expected);
    });

    it("evaluates today in Europe/Amsterdam in both, whatever the session's time zone", async () => {
      for (const zone of ['UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
        const [row] = await t.db.dataSource.transaction(async (tx) => {
          await tx.query(`SELECT set_config('TimeZone', $1, true)`, [zone]);
          return tx.query(`SELECT now() AS now, ${MEMBERSHIP_TODAY_SQL}::text AS today`);
        });
        expect(row.today).toBe(membershipToday(row.now));
      }
    });

    it('uses that today by default: joined tomorrow is out, joined today and leaving tomorrow are in', async () => {
      const tomorrow = addDays(today, 1);
      const [row] = await db(
        `SELECT (SELECT ${currentNetworkMemberSql('nm')} FROM (VALUES ($1::date, NULL::date)) nm(joined_on, left_on)) AS future,
                (SELECT ${currentNetworkMemberSql('nm')} FROM (VALUES ($2::date, $1::date)) nm(joined_on, left_on)) AS current`,
        [tomorrow, today],
      );
      expect(row).toEqual({ future: isCurrentNetworkMember({ joinedOn: tomorrow, leftOn: null }), current: isCurrentNetworkMember({ joinedOn: today, leftOn: tomorrow }) });
      expect(row).toEqual({ future: false, current: true });
    });
  });

  const LIST = `query($status: ReferralStatus) { referrals(role: NETWORK, status: $status, first: 100) { totalCount edges { node { id contentVisible summary } } } }`;

  it('referral list, search and counts: only current members', async () => {
    for (const status of [null, 'SIGNALLED']) {
      const current = dataOf(await t.gql(LIST, { status }, org.current.as)).referrals;
      expect(current.edges.map((e: any) => e.node)).toEqual([{ id: referral.id, contentVisible: true, summary: 'buurvrouw vereenzaamt' }]);
      expect(current.totalCount).toBe(1);
      for (const who of [org.future, org.leftToday]) {
        const other = dataOf(await t.gql(LIST, { status }, who.as)).referrals;
        expect(other).toEqual({ totalCount: 0, edges: [] });
      }
    }
  });

  it('referral detail (by id and dossier number): a future member is refused', async () => {
    for (const args of [{ id: referral.id }, { dossierNumber: referral.dossierNumber }]) {
      const q = `query($id: ID, $dossierNumber: String) { referral(id: $id, dossierNumber: $dossierNumber) { id contentVisible summary } }`;
      expect(dataOf(await t.gql(q, args, org.current.as)).referral).toEqual({ id: referral.id, contentVisible: true, summary: 'buurvrouw vereenzaamt' });
      expect(errorCodes(await t.gql(q, args, org.future.as))).toEqual(['FORBIDDEN']);
    }
  });

  it('network agenda: only current members', async () => {
    const q = `query($networkId: ID!) { networkAgenda(networkId: $networkId) { openCases { id contentVisible } } }`;
    expect(dataOf(await t.gql(q, { networkId: network }, org.current.as)).networkAgenda.openCases).toContainEqual({ id: referral.id, contentVisible: true });
    expect(errorCodes(await t.gql(q, { networkId: network }, org.future.as))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql(q, { networkId: network }, org.leftToday.as))).toEqual(['FORBIDDEN']);
  });

  it("webhook outbox: a current member's webhooks get the event, a future member's do not", async () => {
    const deliveries = async (webhook: string) => (await db(`SELECT event_type FROM webhook_delivery WHERE webhook_id = $1`, [webhook])).map((r: any) => r.event_type);
    expect(await deliveries(org.current.webhook)).toEqual(['CREATED']);
    expect(await deliveries(org.future.webhook)).toEqual([]);
    expect(await deliveries(org.leftToday.webhook)).toEqual([]);
    expect(await deliveries(org.referrer.webhook)).toEqual(['CREATED']);
  });

  it('team norms: the team counts the current member, not the future one', async () => {
    // The norms apply to switch teams: the same three members join the district's team.
    const [{ id: team }] = await db(`SELECT id FROM network WHERE slug = 'schakelteam-randenbroek-schuilenburg'`);
    await db(`INSERT INTO network_member (network_id, organisation_id, role, tier, fte, joined_on, left_on) SELECT $1, organisation_id, role, tier, fte, joined_on, left_on FROM network_member WHERE network_id = $2 AND organisation_id = ANY($3)`, [
      team,
      network,
      [org.future.id, org.current.id, org.leftToday.id],
    ]);
    const q = `query { neighbourhoodView(area: "randenbroek-schuilenburg") { networks { network { slug } normsApply members { organisation { slug } } teamMembers { organisation { slug } } normChecks { norm value } } } }`;
    const view = dataOf(await t.gql(q, {}, org.current.as)).neighbourhoodView;
    const n = view.networks.find((x: any) => x.network.slug === 'schakelteam-randenbroek-schuilenburg');
    expect(n.normsApply).toBe(true);
    expect(n.normChecks.find((c: any) => c.norm === 'TEAM_SIZE').value).toBe(n.teamMembers.length);
    const slugs = (list: any[]) => list.map((m) => m.organisation?.slug);
    for (const list of [slugs(n.members), slugs(n.teamMembers)]) {
      expect(list).toContain(org.current.slug);
      expect(list).not.toContain(org.future.slug);
      expect(list).not.toContain(org.leftToday.slug);
    }
  });
});
