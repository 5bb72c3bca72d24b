import { Writable } from 'node:stream';
import { notificationSettingsFromEnv } from '../../config';
import { addDays, dutchDate } from '../../common/dates';
import { createLogger } from '../../logging';
import { type As, type TestApp, TEST_PASSWORD, createTestUsers, dataOf, startTestApp } from '../../test/app';
import { NotificationKind } from './notification.entity';
import { LOOK_AGAIN_CATCH_UP_DAYS, emailMessage, lookAgainDue } from './notification.rules';
import { type NotificationWorker, startNotificationWorker } from './notification.worker';

/**
 * Step 5's look-again date (§3.7) as a notice: a case closed to stay alert on tells its problem
 * owner's users on that day, through the worker's pass, once however many passes or processes.
 */

const CREATE = `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id version } }`;
const ACCEPT = `mutation($id: ID!, $version: Int!) { acceptReferral(id: $id, version: $version) { version } }`;
const CLOSE = `mutation($id: ID!, $version: Int!, $input: CloseReferralInput!) { closeReferral(id: $id, version: $version, input: $input) { version dossierNumber lookAgainOn } }`;
const LIST = `{ notifications(first: 50) { edges { node { kind referralId dossierNumber lookAgainOn actionDueOn } } } }`;

const silent = createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });

describe('lookAgainDue', () => {
  it('is due on the day and the catch-up days after it, not before nor long after', () => {
    expect(lookAgainDue('2026-03-07', '2026-03-07')).toBe(true);
    expect(lookAgainDue('2026-03-08', '2026-03-07')).toBe(false);
    expect(lookAgainDue(addDays('2026-03-07', -LOOK_AGAIN_CATCH_UP_DAYS), '2026-03-07')).toBe(true);
    expect(lookAgainDue(addDays('2026-03-07', -LOOK_AGAIN_CATCH_UP_DAYS - 1), '2026-03-07')).toBe(false);
    expect(lookAgainDue('2008-07-16', '2026-03-07')).toBe(false);
  });

  it('words the e-mail from the kind alone, in Dutch and English', () => {
    const m = emailMessage([NotificationKind.LOOK_AGAIN], { appUrl: null, digest: false });
    expect(m.text).toContain('- 1 afgesloten casus om opnieuw naar te kijken');
    expect(m.text).toContain('- 1 closed case to look at again');
  });
});

describe('look-again notices', () => {
  let t: TestApp;
  let workers: NotificationWorker[] = [];
  const as: Record<string, As> = {};
  const org: Record<string, string> = {};
  const db = (sql: string, params: unknown[] = []) => t.db.dataSource.query(sql, params);
  const lookAgain = async (who: As) =>
    dataOf<{ notifications: { edges: Array<{ node: { kind: string; referralId: string; dossierNumber: string; lookAgainOn: string | null } }> } }>(await t.gql(LIST, {}, who)).notifications.edges
      .map((e) => e.node)
      .filter((n) => n.kind === 'LOOK_AGAIN');

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    for (const row of await db(`SELECT slug, id FROM organisation`)) org[row.slug] = row.id;
    as.swa = { cookie: await t.login('swa@test.local', TEST_PASSWORD) };
    as.riagg = { cookie: await t.login('riagg@test.local', TEST_PASSWORD) };
    const settings = { ...notificationSettingsFromEnv({}), intervalMs: 3_600_000 };
    workers = [
      await startNotificationWorker({ dataSource: t.db.dataSource, settings, logger: silent }),
      await startNotificationWorker({ dataSource: t.db.dataSource, settings, logger: silent }),
    ];
  });
  afterAll(async () => {
    for (const w of workers) await w.stop();
    await t?.close();
  });

  it("tells the problem owner's users on the look-again day, once, and nobody else", async () => {
    const today = dutchDate();
    let r = dataOf(await t.gql(CREATE, { input: { receivingOrganisationId: org['riagg-amersfoort'], summary: 'Oudere man, vereenzaamd' } }, as.swa)).createReferral;
    r = { ...r, ...dataOf(await t.gql(ACCEPT, { id: r.id, version: r.version }, as.riagg)).acceptReferral };
    const closed = dataOf(
      await t.gql(
        CLOSE,
        { id: r.id, version: r.version, input: { outcome: 'Dagbesteding geregeld', problemOwnerOrganisationId: org['riagg-amersfoort'], stayAlert: true, lookAgainOn: addDays(today, 14) } },
        as.riagg,
      ),
    ).closeReferral;

    // Before the day: nothing.
    await workers[0].runNow();
    expect(await lookAgain(as.riagg)).toEqual([]);

    // The day has come (the date moved, as time would).
    await db(`UPDATE referral SET look_again_on = $2 WHERE id = $1`, [r.id, today]);
    const owners = (await db(`SELECT count(*)::int AS n FROM app_user WHERE organisation_id = $1 AND status = 'ACTIVE' AND erased_at IS NULL`, [org['riagg-amersfoort']]))[0].n;
    expect(owners).toBeGreaterThan(0);
    // Two processes' passes at once, and again: one notice per user.
    await Promise.all(workers.map((w) => w.runNow()));
    await workers[1].runNow();
    const rows = await db(`SELECT user_id, organisation_id, look_again_on::text AS on FROM notification WHERE referral_id = $1 AND kind = 'LOOK_AGAIN'`, [r.id]);
    expect(rows).toHaveLength(owners);
    expect(new Set(rows.map((row: { user_id: string }) => row.user_id)).size).toBe(owners);
    for (const row of rows) expect(row).toMatchObject({ organisation_id: org['riagg-amersfoort'], on: today });
    expect(await lookAgain(as.riagg)).toEqual([{ kind: 'LOOK_AGAIN', referralId: r.id, dossierNumber: closed.dossierNumber, lookAgainOn: today, actionDueOn: null }]);
    // The referrer is not the problem owner: not told.
    expect((await lookAgain(as.swa)).filter((n) => n.referralId === r.id)).toEqual([]);
  });

  it('gives no notice for a case not to stay alert on, one still open, or a date long past', async () => {
    const today = dutchDate();
    const make = async () => {
      const c = dataOf(await t.gql(CREATE, { input: { receivingOrganisationId: org['riagg-amersfoort'], summary: 'Jong gezin, schulden' } }, as.swa)).createReferral;
      return { ...c, ...dataOf(await t.gql(ACCEPT, { id: c.id, version: c.version }, as.riagg)).acceptReferral };
    };
    const noAlert = await make();
    dataOf(await t.gql(CLOSE, { id: noAlert.id, version: noAlert.version, input: { outcome: 'Klaar', problemOwnerOrganisationId: org['riagg-amersfoort'], stayAlert: false } }, as.riagg));
    const longPast = await make();
    dataOf(
      await t.gql(CLOSE, { id: longPast.id, version: longPast.version, input: { outcome: 'Klaar', problemOwnerOrganisationId: org['riagg-amersfoort'], stayAlert: true, lookAgainOn: addDays(today, 3) } }, as.riagg),
    );
    await db(`UPDATE referral SET look_again_on = $2 WHERE id = $1`, [longPast.id, addDays(today, -LOOK_AGAIN_CATCH_UP_DAYS - 1)]);
    const open = await make();
    // An open case with a look-again date cannot exist by the close rule; forced here, it still gives nothing.
    await db(`UPDATE referral SET stay_alert = true, look_again_on = $2 WHERE id = $1`, [open.id, today]);
    await workers[0].runNow();
    const ids = [noAlert.id, longPast.id, open.id];
    expect((await db(`SELECT count(*)::int AS n FROM notification WHERE kind = 'LOOK_AGAIN' AND referral_id = ANY ($1::uuid[])`, [ids]))[0].n).toBe(0);
  });
});
