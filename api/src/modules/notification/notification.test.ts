import { Writable } from 'node:stream';
import { notificationSettingsFromEnv } from '../../config';
import { createLogger } from '../../logging';
import { type As, type TestApp, TEST_PASSWORD, createTestUsers, dataOf, errorCodes, startTestApp } from '../../test/app';
import { LocalSmtp } from '../../test/local-smtp';
import { NotificationKind } from './notification.entity';
import { notificationKindOf, notifiedOrganisations } from './notification.rules';
import { type NotificationWorker, startNotificationWorker } from './notification.worker';

/**
 * Notifications end to end: a referral event creates them in its own transaction (the trigger),
 * the receiver's unread count goes up, the worker sends one e-mail to a local SMTP server this
 * test starts on 127.0.0.1 (never a real one) and nothing of the case is in it; due and overdue
 * actions, the daily digest, no e-mail, and several workers at once.
 */

const CREATE = `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id dossierNumber version } }`;
const ACCEPT = `mutation($id: ID!, $version: Int!) { acceptReferral(id: $id, version: $version) { version } }`;
const NOTE = `mutation($id: ID!, $version: Int!, $text: String!) { addReferralNote(id: $id, version: $version, input: { text: $text }) { version } }`;
const HAND_OVER = `mutation($id: ID!, $version: Int!, $to: ID!) { handOverReferral(id: $id, version: $version, input: { organisationId: $to }) { version } }`;
const ACTION = `mutation($id: ID!, $version: Int!, $input: AddReferralActionInput!) { addReferralAction(id: $id, version: $version, input: $input) { version actions { id } } }`;
const COUNT = `{ unreadNotificationCount }`;
const LIST = `query($unreadOnly: Boolean, $first: Int, $after: String) { notifications(unreadOnly: $unreadOnly, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id kind referralId dossierNumber toStatus actionId actionDueOn createdAt readAt } } } }`;
const MARK = `mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }`;
const SET_MODE = `mutation($mode: NotificationEmailMode!) { setNotificationEmailMode(emailMode: $mode) { emailMode emailConfigured } }`;

const silent = createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });

describe('notifications', () => {
  let t: TestApp;
  let smtp: LocalSmtp;
  let worker: NotificationWorker;
  const as: Record<string, As> = {};
  const org: Record<string, string> = {};
  const db = (sql: string, params: unknown[] = []) => t.db.dataSource.query(sql, params);
  const count = async (who: As) => dataOf<{ unreadNotificationCount: number }>(await t.gql(COUNT, {}, who)).unreadNotificationCount;
  const list = async (who: As, variables: Record<string, unknown> = {}) => dataOf<{ notifications: any }>(await t.gql(LIST, variables, who)).notifications;
  let settings: ReturnType<typeof notificationSettingsFromEnv>;

  beforeAll(async () => {
    smtp = new LocalSmtp();
    await smtp.start();
    const env = { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SMTP_FROM: 'Schakel <no-reply@test.local>', APP_URL: 'https://schakel.test.local', NOTIFICATION_DIGEST_HOUR: '0' };
    Object.assign(process.env, env);
    settings = notificationSettingsFromEnv(env);
    t = await startTestApp({ env });
    await createTestUsers(t.db);
    for (const row of await db(`SELECT slug, id FROM organisation`)) org[row.slug] = row.id;
    as.swa = { cookie: await t.login('swa@test.local', TEST_PASSWORD) };
    as.riagg = { cookie: await t.login('riagg@test.local', TEST_PASSWORD) };
    as.admin = { cookie: await t.login('admin@test.local', TEST_PASSWORD) };
    worker = await startNotificationWorker({ dataSource: t.db.dataSource, settings: { ...settings, intervalMs: 3_600_000 }, logger: silent });
  });

  afterAll(async () => {
    await worker?.stop();
    await t?.close();
    await smtp?.close();
  });

  it("raises the receiver's unread count on a new referral and sends one e-mail with nothing of the case", async () => {
    expect(await count(as.swa)).toBe(0);
    const summary = 'Oudere bewoner komt de deur niet meer uit, de buren maken zich zorgen';
    const created = dataOf<any>(await t.gql(CREATE, { input: { receivingOrganisationId: org.swa, summary } }, as.riagg)).createReferral;

    // The receiver is told, the referrer (who made the change) is not.
    expect(await count(as.swa)).toBe(1);
    expect(await count(as.riagg)).toBe(0);
    const page = await list(as.swa);
    expect(page.totalCount).toBe(1);
    expect(page.edges[0].node).toMatchObject({ kind: 'REFERRAL_RECEIVED', referralId: created.id, dossierNumber: created.dossierNumber, toStatus: 'SIGNALLED', readAt: null });

    expect(await worker.runNow()).toEqual({ notices: 0, emails: 1 });
    const mails = smtp.to('swa@test.local');
    expect(mails).toHaveLength(1);
    expect(smtp.mails).toHaveLength(1);
    const mail = mails[0];
    expect(mail.from).toBe('no-reply@test.local');
    expect(mail.raw).toMatch(/Subject: Schakel: 1 nieuwe melding/);
    expect(mail.raw).toContain('1 nieuwe verwijzing');
    expect(mail.raw).toContain('https://schakel.test.local/meldingen');
    // Nothing of the case: not the summary or a word of it, not even the dossier number or an id.
    for (const secret of [summary, 'deur', 'buren', created.dossierNumber, created.id]) expect(mail.raw).not.toContain(secret);

    // A second pass sends nothing more.
    expect(await worker.runNow()).toEqual({ notices: 0, emails: 0 });
    expect(smtp.mails).toHaveLength(1);
    const [state] = await db(`SELECT email_state, emailed_at FROM notification WHERE referral_id = $1`, [created.id]);
    expect(state.email_state).toBe('SENT');
    expect(state.emailed_at).not.toBeNull();
  });

  it('tells the other party of a status change, not of notes, and follows the rule in notification.rules.ts', async () => {
    const created = dataOf<any>(await t.gql(CREATE, { input: { receivingOrganisationId: org.swa } }, as.riagg)).createReferral;
    const before = { swa: await count(as.swa), riagg: await count(as.riagg) };
    const { version } = dataOf<any>(await t.gql(ACCEPT, { id: created.id, version: created.version }, as.swa)).acceptReferral;
    const noted = dataOf<any>(await t.gql(NOTE, { id: created.id, version, text: 'Eerste huisbezoek gedaan' }, as.swa)).addReferralNote;
    expect(await count(as.swa)).toBe(before.swa);
    expect(await count(as.riagg)).toBe(before.riagg + 1);
    const [latest] = (await list(as.riagg)).edges;
    expect(latest.node).toMatchObject({ kind: 'STATUS_CHANGED', referralId: created.id, toStatus: 'EXPLORING' });

    // The trigger and the pure rule agree on every event of this referral, each checked while the
    // referral's parties are still those of its moment.
    let checked = 0;
    const agree = async (expectedTypes: string[]) => {
      const events = await db(
        `SELECT e.id, e.type, e.from_status, e.to_status, e.organisation_id, r.referring_organisation_id, r.receiving_organisation_id
           FROM referral_event e JOIN referral r ON r.id = e.referral_id WHERE e.referral_id = $1 ORDER BY e.sequence`,
        [created.id],
      );
      expect(events.map((e: { type: string }) => e.type)).toEqual(expectedTypes);
      for (const e of events.slice(checked)) {
        const kind = notificationKindOf({ type: e.type, fromStatus: e.from_status, toStatus: e.to_status });
        const parties = { referringOrganisationId: e.referring_organisation_id, receivingOrganisationId: e.receiving_organisation_id };
        const expected = kind ? notifiedOrganisations(kind, parties, e.organisation_id) : [];
        const got = await db(`SELECT DISTINCT organisation_id, kind FROM notification WHERE referral_event_id = $1`, [e.id]);
        expect(got.map((g: { organisation_id: string }) => g.organisation_id).sort()).toEqual([...expected].sort());
        for (const g of got) expect(g.kind).toBe(kind);
      }
      checked = events.length;
    };
    // Checked after each change, while the referral's parties are still those of the event.
    await agree(['CREATED', 'ACCEPTED', 'NOTE_ADDED']);

    // SWA hands the case over to Riagg, its receiver from then on: Riagg is told it received a referral.
    dataOf(await t.gql(HAND_OVER, { id: created.id, version: noted.version, to: org['riagg-amersfoort'] }, as.swa));
    expect(await count(as.riagg)).toBe(before.riagg + 2);
    expect((await list(as.riagg)).edges[0].node).toMatchObject({ kind: 'REFERRAL_RECEIVED', referralId: created.id });
    expect(await count(as.swa)).toBe(before.swa);
    await agree(['CREATED', 'ACCEPTED', 'NOTE_ADDED', 'HANDED_OVER']);
  });

  it('is written in the transaction of the event: a rolled-back event leaves no notification', async () => {
    const [referral] = await db(`SELECT id FROM referral ORDER BY created_at LIMIT 1`);
    const runner = t.db.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      const [event] = await runner.query(
        `INSERT INTO referral_event (referral_id, sequence, type, from_status, to_status, organisation_id)
         SELECT $1, max(sequence) + 1, 'STATUS_CHANGED', 'EXPLORING', 'ON_HOLD', NULL FROM referral_event WHERE referral_id = $1 RETURNING id`,
        [referral.id],
      );
      const [{ inside }] = await runner.query(`SELECT count(*)::int AS inside FROM notification WHERE referral_event_id = $1`, [event.id]);
      expect(inside).toBeGreaterThan(0);
      await runner.rollbackTransaction();
      const [{ after }] = await db(`SELECT count(*)::int AS after FROM notification WHERE referral_event_id = $1`, [event.id]);
      expect(after).toBe(0);
    } finally {
      await runner.release();
    }
  });

  it('marks read by id or all, only the caller’s own, and pages newest first', async () => {
    const mine = await list(as.riagg, { unreadOnly: true });
    expect(mine.totalCount).toBeGreaterThan(0);
    const theirs = (await list(as.swa, { unreadOnly: true })).edges.map((e: { node: { id: string } }) => e.node.id);
    // Someone else's ids change nothing.
    expect(dataOf<any>(await t.gql(MARK, { ids: [mine.edges[0].node.id, ...theirs] }, as.riagg)).markNotificationsRead).toBe(mine.totalCount - 1);
    expect((await list(as.swa, { unreadOnly: true })).totalCount).toBe(theirs.length);
    expect(dataOf<any>(await t.gql(MARK, {}, as.swa)).markNotificationsRead).toBe(0);
    expect(await count(as.swa)).toBe(0);
    expect((await list(as.swa)).edges.every((e: { node: { readAt: string | null } }) => e.node.readAt !== null)).toBe(true);

    const first = await list(as.swa, { first: 1 });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await list(as.swa, { first: 1, after: first.pageInfo.endCursor });
    expect(second.edges[0].node.id).not.toBe(first.edges[0].node.id);
    expect(new Date(second.edges[0].node.createdAt).getTime()).toBeLessThanOrEqual(new Date(first.edges[0].node.createdAt).getTime());

    expect(errorCodes(await t.gql(MARK, { ids: ['not-a-uuid'] }, as.swa))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await t.gql(COUNT, {}, {}))).toEqual(['UNAUTHENTICATED']);
  });

  it('adds one due and one overdue notice per action and user, however many passes and workers run', async () => {
    const created = dataOf<any>(await t.gql(CREATE, { input: { receivingOrganisationId: org.swa } }, as.riagg)).createReferral;
    const { version } = dataOf<any>(await t.gql(ACCEPT, { id: created.id, version: created.version }, as.swa)).acceptReferral;
    const today = (await db(`SELECT (now() AT TIME ZONE 'Europe/Amsterdam')::date::text AS d`))[0].d as string;
    const added = dataOf<any>(await t.gql(ACTION, { id: created.id, version, input: { description: 'Huisbezoek plannen', assignedOrganisationId: org['riagg-amersfoort'], dueOn: today } }, as.swa))
      .addReferralAction;
    const actionId = added.actions[0].id as string;
    await t.gql(MARK, {}, as.riagg);

    const second = await startNotificationWorker({ dataSource: t.db.dataSource, settings: { ...settings, intervalMs: 3_600_000 }, logger: silent });
    try {
      const mailsBefore = smtp.to('riagg@test.local').length;
      await Promise.all([worker.runNow(), second.runNow(), worker.runNow()]);
      const notices = await db(`SELECT kind FROM notification WHERE action_id = $1`, [actionId]);
      expect(notices.map((n: { kind: string }) => n.kind)).toEqual([NotificationKind.ACTION_DUE]);
      expect(await count(as.riagg)).toBe(1);
      // Three passes in two workers at once: one e-mail.
      expect(smtp.to('riagg@test.local').length).toBe(mailsBefore + 1);

      // The date passes: one overdue notice more.
      await db(`UPDATE referral_action SET due_on = due_on - 3 WHERE id = $1`, [actionId]);
      await Promise.all([worker.runNow(), second.runNow()]);
      const after = await db(`SELECT kind FROM notification WHERE action_id = $1 ORDER BY created_at`, [actionId]);
      expect(after.map((n: { kind: string }) => n.kind)).toEqual([NotificationKind.ACTION_DUE, NotificationKind.ACTION_OVERDUE]);
      expect((await list(as.riagg)).edges[0].node).toMatchObject({ kind: 'ACTION_OVERDUE', actionId });
      expect(smtp.to('riagg@test.local').length).toBe(mailsBefore + 2);
      expect(smtp.to('riagg@test.local').at(-1)!.raw).not.toContain('Huisbezoek');

      // Done: no more notices.
      await db(`UPDATE referral_action SET completed_at = now(), due_on = due_on - 30 WHERE id = $1`, [actionId]);
      expect((await worker.runNow()).notices).toBe(0);
    } finally {
      await second.stop();
    }
  });

  it('sends a daily digest of what is unread, or no e-mail at all, as the user chose', async () => {
    expect(dataOf<any>(await t.gql(SET_MODE, { mode: 'DIGEST' }, as.swa)).setNotificationEmailMode).toEqual({ emailMode: 'DIGEST', emailConfigured: true });
    expect(dataOf<any>(await t.gql(`{ notificationSettings { emailMode } }`, {}, as.swa)).notificationSettings.emailMode).toBe('DIGEST');
    const mailsBefore = smtp.to('swa@test.local').length;
    await t.gql(CREATE, { input: { receivingOrganisationId: org.swa } }, as.riagg);
    await t.gql(CREATE, { input: { receivingOrganisationId: org.swa } }, as.riagg);
    const third = dataOf<any>(await t.gql(CREATE, { input: { receivingOrganisationId: org.swa } }, as.riagg)).createReferral;
    // One read in the app before the digest: the digest lists the two others.
    const readOne = (await db(`SELECT id FROM notification WHERE referral_id = $1`, [third.id]))[0].id;
    await t.gql(MARK, { ids: [readOne] }, as.swa);

    // NOTIFICATION_DIGEST_HOUR=0: today's digest is due.
    await worker.runNow();
    const digests = smtp.to('swa@test.local').slice(mailsBefore);
    expect(digests).toHaveLength(1);
    expect(digests[0].raw).toMatch(/Subject: Schakel: overzicht van vandaag, 2 ongelezen meldingen/);
    expect(digests[0].raw).toContain('2 nieuwe verwijzingen');
    // Once a day: a new notification waits for tomorrow's digest.
    await t.gql(CREATE, { input: { receivingOrganisationId: org.swa } }, as.riagg);
    await worker.runNow();
    expect(smtp.to('swa@test.local').length).toBe(mailsBefore + 1);

    // OFF: nothing is mailed, the pending ones are skipped; the list in the app still fills.
    dataOf(await t.gql(SET_MODE, { mode: 'OFF' }, as.swa));
    const unread = await count(as.swa);
    await t.gql(CREATE, { input: { receivingOrganisationId: org.swa } }, as.riagg);
    await worker.runNow();
    expect(smtp.to('swa@test.local').length).toBe(mailsBefore + 1);
    expect(await count(as.swa)).toBe(unread + 1);
    const [{ pending }] = await db(`SELECT count(*)::int AS pending FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.email = 'swa@test.local' AND email_state = 'PENDING'`);
    expect(pending).toBe(0);
  });

  it('mails nothing without SMTP_URL and leaves no backlog for later', async () => {
    const offline = await startNotificationWorker({ dataSource: t.db.dataSource, settings: { ...settings, smtpUrl: null, intervalMs: 3_600_000 }, logger: silent });
    try {
      dataOf(await t.gql(SET_MODE, { mode: 'IMMEDIATE' }, as.swa));
      const mails = smtp.mails.length;
      await t.gql(CREATE, { input: { receivingOrganisationId: org.swa } }, as.riagg);
      expect(await offline.runNow()).toEqual({ notices: 0, emails: 0 });
      expect(await worker.runNow()).toEqual({ notices: 0, emails: 0 });
      expect(smtp.mails.length).toBe(mails);
    } finally {
      await offline.stop();
    }
  });
});
