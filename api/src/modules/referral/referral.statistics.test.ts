import { TEST_PASSWORD, type As, type TestApp, createTestUsers, dataOf, errorCodes, startTestApp } from '../../test/app';
import { createContext } from '../../test/context';
import { purgeClosedReferrals } from './referral.retention';

/**
 * Aggregates for municipality users and admins (small counts suppressed, also against
 * subtraction from the total), and the retention purge (deletion records keep the aggregates).
 */
const STATISTICS = `{ referralStatistics {
  threshold total { count suppressed }
  byStatus { status count suppressed }
  byArea { area { slug } count suppressed }
  byTargetGroup { targetGroup { code } count suppressed }
  byMonth { month count suppressed }
  medianDaysToClose { value suppressed }
  overdueActions { count suppressed }
  areas { slug }
} }`;

type Cell = { count: number | null; suppressed: boolean };
type Statistics = {
  threshold: number;
  total: Cell;
  byStatus: Array<Cell & { status: string }>;
  byArea: Array<Cell & { area: { slug: string } | null }>;
  byTargetGroup: Array<Cell & { targetGroup: { code: string } }>;
  byMonth: Array<Cell & { month: string }>;
  medianDaysToClose: { value: number | null; suppressed: boolean };
  overdueActions: Cell;
  areas: Array<{ slug: string }> | null;
};

/** Midday today in Amsterdam (local time), so whole-day offsets never cross midnight or a DST change into another date. */
const NOON = `(date_trunc('day', now() AT TIME ZONE 'Europe/Amsterdam') + interval '12 hours')`;

/** No published count below 5, and no breakdown of the total with a single suppressed cell. */
function assertSafe(s: Statistics): void {
  const all = [s.total, ...s.byStatus, ...s.byArea, ...s.byTargetGroup, ...s.byMonth, s.overdueActions];
  for (const c of all) {
    if (c.suppressed) expect(c.count).toBeNull();
    else expect(c.count).toBeGreaterThanOrEqual(5);
  }
  if (!s.total.suppressed) {
    for (const breakdown of [s.byStatus, s.byArea, s.byMonth]) {
      expect(breakdown.filter((c) => c.suppressed).length).not.toBe(1);
      // Published cells never exceed the total, and what is left is spread over ≥ 2 suppressed cells (or none).
      const published = breakdown.filter((c) => !c.suppressed).reduce((n, c) => n + c.count!, 0);
      expect(published).toBeLessThanOrEqual(s.total.count!);
    }
  }
}

describe('referral statistics and retention', () => {
  let t: TestApp;
  const as: Record<string, As> = {};
  const org: Record<string, string> = {};
  const db = (sql: string, params: unknown[] = []) => t.db.dataSource.query(sql, params);

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    for (const row of await db(`SELECT slug, id FROM organisation`)) org[row.slug] = row.id;
    as.swa = { cookie: await t.login('swa@test.local', TEST_PASSWORD) };
    as.riagg = { cookie: await t.login('riagg@test.local', TEST_PASSWORD) };
    as.admin = { cookie: await t.login('admin@test.local', TEST_PASSWORD) };
    as.municipality = { cookie: await t.login('gemeente@test.local', TEST_PASSWORD) };
  });
  afterAll(() => t.close());

  async function create(area: string | null, targetGroups: string[] = []): Promise<string> {
    const res = dataOf(await t.gql(`mutation($input: CreateReferralInput!) { createReferral(input: $input) { id } }`, { input: { receivingOrganisationId: org.swa, area, targetGroups, summary: 'Casus' } }, as.riagg));
    return res.createReferral.id;
  }

  /** Put a referral straight into a status, opened `openedDaysAgo` days ago and (when ended) closed `closedDaysAgo` ago. */
  async function set(id: string, status: string, openedDaysAgo: number, closedDaysAgo: number | null = null): Promise<void> {
    await db(
      `UPDATE referral SET status = $2::varchar, opened_at = (${NOON} - make_interval(days => $3)) AT TIME ZONE 'Europe/Amsterdam',
              closed_at = CASE WHEN $4::int IS NULL THEN NULL ELSE (${NOON} - make_interval(days => $4::int)) AT TIME ZONE 'Europe/Amsterdam' END,
              outcome = CASE WHEN $2::varchar = 'CLOSED' THEN 'Opgelost' END,
              problem_owner_organisation_id = CASE WHEN $2::varchar = 'CLOSED' THEN $5::uuid END
        WHERE id = $1`,
      [id, status, openedDaysAgo, closedDaysAgo, org.swa],
    );
  }

  /** Last month, on the Dutch calendar. */
  async function openLastMonth(id: string): Promise<void> {
    await db(`UPDATE referral SET opened_at = (date_trunc('month', now() AT TIME ZONE 'Europe/Amsterdam') - interval '10 days') AT TIME ZONE 'Europe/Amsterdam' WHERE id = $1`, [id]);
  }

  const statistics = async (who: As): Promise<Statistics> => dataOf(await t.gql(STATISTICS, {}, who)).referralStatistics as Statistics;

  it('is for municipality users and admins only', async () => {
    for (const who of [as.swa, as.riagg]) expect(errorCodes(await t.gql(STATISTICS, {}, who))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql(STATISTICS, {}, {}))).toEqual(['UNAUTHENTICATED']);
  });

  it('suppresses everything while fewer than 5 referrals are in scope', async () => {
    for (let i = 0; i < 3; i++) await create('schuilenburg', ['jongeren']);
    const s = await statistics(as.municipality);
    expect(s.threshold).toBe(5);
    expect(s.total).toEqual({ count: null, suppressed: true });
    expect([...s.byStatus, ...s.byArea, ...s.byMonth, ...s.byTargetGroup].every((c) => c.suppressed)).toBe(true);
    expect(s.medianDaysToClose).toEqual({ value: null, suppressed: true });
    assertSafe(s);
  });

  it('publishes counts of 5 and more, suppresses smaller ones and a second cell where one could be derived from the total', async () => {
    // In the municipality user's district (Randenbroek-Schuilenburg and below): 3 already, 5 more; 2 of them opened last month.
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await create(i < 2 ? 'randenbroek-schuilenburg' : 'schuilenburg', ['kwetsbare-ouderen-sociaal-isolement']));
    await openLastMonth(ids[0]);
    await openLastMonth(ids[1]);
    // Elsewhere (Kruiskamp): not in the municipality user's scope.
    for (let i = 0; i < 6; i++) await create('kruiskamp-koppel');
    const s = await statistics(as.municipality);
    assertSafe(s);
    expect(s.total).toEqual({ count: 8, suppressed: false });
    expect(s.areas!.map((a) => a.slug)).toContain('schuilenburg');
    expect(s.areas!.map((a) => a.slug)).not.toContain('kruiskamp-koppel');
    expect(s.byStatus.find((c) => c.status === 'SIGNALLED')).toEqual({ status: 'SIGNALLED', count: 8, suppressed: false });
    expect(s.byStatus.filter((c) => c.status !== 'SIGNALLED').every((c) => c.suppressed)).toBe(true);
    // 3 + 3 in Schuilenburg → 6 published; 2 in the district itself → suppressed, with zeros beside it.
    expect(s.byArea.find((c) => c.area?.slug === 'schuilenburg')).toMatchObject({ count: 6, suppressed: false });
    expect(s.byArea.find((c) => c.area?.slug === 'randenbroek-schuilenburg')).toMatchObject({ count: null, suppressed: true });
    expect(s.byTargetGroup.find((c) => c.targetGroup.code === 'kwetsbare-ouderen-sociaal-isolement')).toMatchObject({ count: 5, suppressed: false });
    expect(s.byTargetGroup.find((c) => c.targetGroup.code === 'jongeren')).toMatchObject({ count: null, suppressed: true });
    // Months: last month 2 (suppressed) and this month 6 — which would be total minus 2, so it is suppressed as well.
    expect(s.byMonth).toHaveLength(2);
    expect(s.byMonth.map((c) => c.suppressed)).toEqual([true, true]);
    // Admins see the whole municipality, including referrals without an area.
    await create(null);
    const all = await statistics(as.admin);
    assertSafe(all);
    expect(all.total.count).toBe(15);
    expect(all.areas).toBeNull();
    expect(all.byArea.find((c) => c.area?.slug === 'kruiskamp-koppel')).toMatchObject({ count: 6, suppressed: false });
    expect(all.byArea.some((c) => c.area === null)).toBe(true);
  });

  it('computes the median days to close from 5 closed referrals on, and counts overdue actions', async () => {
    const closed: string[] = [];
    for (let i = 0; i < 5; i++) closed.push(await create('schuilenburg'));
    const durations = [10, 20, 30, 40, 50];
    for (const [i, id] of closed.slice(0, 4).entries()) await set(id, 'CLOSED', 100, 100 - durations[i]);
    let s = await statistics(as.municipality);
    expect(s.medianDaysToClose).toEqual({ value: null, suppressed: true });
    await set(closed[4], 'CLOSED', 100, 100 - durations[4]);
    s = await statistics(as.municipality);
    expect(s.medianDaysToClose).toEqual({ value: 30, suppressed: false });
    assertSafe(s);
    // Overdue actions on open referrals in scope.
    const open = await create('schuilenburg');
    await set(open, 'IN_PROGRESS', 30);
    for (let i = 0; i < 5; i++) {
      await db(`INSERT INTO referral_action (referral_id, description, assigned_organisation_id, due_on) VALUES ($1, 'Te laat', $2, current_date - 1 - $3::int)`, [open, org.swa, i]);
    }
    expect((await statistics(as.municipality)).overdueActions).toEqual({ count: 5, suppressed: false });
    await db(`UPDATE referral_action SET completed_at = now(), result = 'Gedaan' WHERE id = (SELECT id FROM referral_action WHERE referral_id = $1 LIMIT 1)`, [open]);
    expect((await statistics(as.municipality)).overdueActions).toEqual({ count: null, suppressed: true });
  });

  it('purges referrals that ended more than the retention period ago, leaving deletion records, a PURGE log row and the aggregates', async () => {
    // Two that ended 6 years ago (one closed, one declined), one closed a year ago, one open since long ago.
    const oldClosed = await create('schuilenburg', ['jongeren']);
    const oldDeclined = await create('schuilenburg');
    const recent = await create('schuilenburg');
    const open = await create('schuilenburg');
    await set(oldClosed, 'CLOSED', 6 * 366 + 40, 6 * 366);
    await set(oldDeclined, 'DECLINED', 6 * 366 + 5, 6 * 366);
    await set(recent, 'CLOSED', 400, 365);
    await set(open, 'ON_HOLD', 9 * 366);
    await db(`INSERT INTO referral_action (referral_id, description, assigned_organisation_id, due_on) VALUES ($1, 'Oud', $2, current_date)`, [oldClosed, org.swa]);
    const dossiers: Record<string, string> = {};
    for (const row of await db(`SELECT id, dossier_number FROM referral WHERE id = ANY($1)`, [[oldClosed, oldDeclined, recent, open]])) dossiers[row.id] = row.dossier_number;
    const before = await statistics(as.admin);

    // Not an organisation's or the municipality's to run.
    for (const who of [as.swa, as.municipality]) expect(errorCodes(await t.gql(`mutation { purgeClosedReferrals { purged } }`, {}, who))).toEqual(['FORBIDDEN']);
    // Seven years: nothing is that old yet.
    expect(dataOf(await t.gql(`mutation { purgeClosedReferrals(olderThanYears: 7) { purged } }`, {}, as.admin)).purgeClosedReferrals.purged).toBe(0);
    const result = dataOf(await t.gql(`mutation { purgeClosedReferrals { purged dossierNumbers endedBefore } }`, {}, as.admin)).purgeClosedReferrals;
    expect(result.purged).toBe(2);
    expect(result.dossierNumbers.sort()).toEqual([dossiers[oldClosed], dossiers[oldDeclined]].sort());

    const left = await db(`SELECT id FROM referral WHERE id = ANY($1)`, [[oldClosed, oldDeclined, recent, open]]);
    expect(left.map((r: { id: string }) => r.id).sort()).toEqual([recent, open].sort());
    for (const table of ['referral_event', 'referral_action', 'referral_target_group']) {
      const [{ n }] = await db(`SELECT count(*)::int AS n FROM ${table} WHERE referral_id = ANY($1)`, [[oldClosed, oldDeclined]]);
      expect([table, n]).toEqual([table, 0]);
    }
    const deletions = await db(`SELECT d.*, a.slug AS area FROM referral_deletion d JOIN area a ON a.id = d.area_id ORDER BY dossier_number`);
    expect(deletions).toHaveLength(2);
    const closedRecord = deletions.find((d: { dossier_number: string }) => d.dossier_number === dossiers[oldClosed]);
    expect(closedRecord).toMatchObject({ status: 'CLOSED', area: 'schuilenburg', days_to_close: expect.any(Number) });
    expect(closedRecord.target_group_ids).toHaveLength(1);
    expect(Object.keys(closedRecord).sort()).toEqual(['area', 'area_id', 'closed_month', 'days_to_close', 'dossier_number', 'id', 'opened_month', 'purged_at', 'status', 'target_group_ids']);
    const purgeRows = await db(`SELECT dossier_number, role, operation, details FROM access_log WHERE event_type = 'PURGE' ORDER BY dossier_number`);
    expect(purgeRows).toHaveLength(2);
    expect(purgeRows[0]).toMatchObject({ role: 'ADMIN', operation: 'purgeClosedReferrals', details: { retentionYears: 5 } });
    // The access log of a purged dossier is kept.
    const [{ n: logRows }] = await db(`SELECT count(*)::int AS n FROM access_log WHERE dossier_number = $1`, [dossiers[oldClosed]]);
    expect(logRows).toBeGreaterThan(1);

    // The aggregates do not change: purged referrals still count, from their deletion records.
    const after = await statistics(as.admin);
    expect(after.total).toEqual(before.total);
    expect(after.byStatus).toEqual(before.byStatus);
    expect(after.byArea).toEqual(before.byArea);
    expect(after.byMonth).toEqual(before.byMonth);
    expect(after.byTargetGroup).toEqual(before.byTargetGroup);
    expect(after.medianDaysToClose).toEqual(before.medianDaysToClose);

    // The service the CLI script runs: the retention period from REFERRAL_RETENTION_YEARS, logged as SYSTEM.
    await set(recent, 'CLOSED', 800, 2 * 366);
    process.env.REFERRAL_RETENTION_YEARS = '1';
    try {
      const cli = await purgeClosedReferrals(createContext(t.db.dataSource.manager, { client: { ip: null, userAgent: 'purge-referrals (CLI)' } }), { operation: 'cli:purge-referrals' });
      expect(cli.dossierNumbers).toEqual([dossiers[recent]]);
    } finally {
      delete process.env.REFERRAL_RETENTION_YEARS;
    }
    const [cliRow] = await db(`SELECT role, user_id, operation, user_agent, details FROM access_log WHERE event_type = 'PURGE' AND dossier_number = $1`, [dossiers[recent]]);
    expect(cliRow).toEqual({ role: 'SYSTEM', user_id: null, operation: 'cli:purge-referrals', user_agent: 'purge-referrals (CLI)', details: { status: 'CLOSED', retentionYears: 1 } });
    expect((await db(`SELECT id FROM referral WHERE id = $1`, [open])).length).toBe(1);
  });
});
