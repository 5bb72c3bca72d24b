import { Writable } from 'node:stream';
import { notificationSettingsFromEnv } from '../../config';
import { createLogger } from '../../logging';
import { type As, type TestApp, TEST_PASSWORD, createTestUsers, dataOf, startTestApp } from '../../test/app';
import { LocalSmtp } from '../../test/local-smtp';
import { STALE_NOTICE_CATCH_UP_DAYS, staleNoticeDue, staleNoticeDueSql } from './notification.rules';
import { type NotificationWorker, startNotificationWorker } from './notification.worker';

/**
 * Stale-record notices: a record not verified for STALE_AFTER_MONTHS tells its owning
 * organisation's users (a record without one: the admins) once when it goes stale — not again
 * on the next pass, nor from a second process at the same moment — and again only after it was
 * verified and went stale anew. The e-mail (to a local SMTP server this test starts) counts it
 * and names nothing.
 */

const LIST = `{ notifications(first: 20) { totalCount edges { node { kind referralId dossierNumber recordType recordId recordName staleSince readAt } } } }`;
const COUNT = `{ unreadNotificationCount }`;
const VERIFY = `mutation($type: VerifiableEntityType!, $id: ID!) { markVerified(entityType: $type, id: $id) { lastVerifiedAt } }`;
const silent = createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });

describe('stale-record notifications', () => {
  let t: TestApp;
  let smtp: LocalSmtp;
  const workers: NotificationWorker[] = [];
  const as: Record<string, As> = {};
  const db = (sql: string, params: unknown[] = []) => t.db.dataSource.query(sql, params);
  const list = async (who: As) => dataOf<{ notifications: any }>(await t.gql(LIST, {}, who)).notifications;
  const count = async (who: As) => dataOf<{ unreadNotificationCount: number }>(await t.gql(COUNT, {}, who)).unreadNotificationCount;
  let swaService: { id: string; name: string };
  let oldSwaService: string;
  let ownerless: { id: string; name: string };

  beforeAll(async () => {
    smtp = new LocalSmtp();
    await smtp.start();
    const env = { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SMTP_FROM: 'Schakel <no-reply@test.local>', APP_URL: 'https://schakel.test.local', NOTIFICATION_DIGEST_HOUR: '0' };
    t = await startTestApp({ env });
    await createTestUsers(t.db);
    for (const who of ['swa', 'riagg', 'admin']) as[who] = { cookie: await t.login(`${who}@test.local`, TEST_PASSWORD) };
    as.municipality = { cookie: await t.login('gemeente@test.local', TEST_PASSWORD) };
    const settings = { ...notificationSettingsFromEnv(env), intervalMs: 3_600_000 };
    // Two processes' workers over the same database.
    for (let i = 0; i < 2; i++) workers.push(await startNotificationWorker({ dataSource: t.db.dataSource, settings, logger: silent, staleAfterMonths: 12 }));

    const services = await db(`SELECT s.id, s.name FROM service s JOIN organisation o ON o.id = s.organisation_id WHERE o.slug = 'swa' AND s.archived_at IS NULL ORDER BY s.name LIMIT 2`);
    [swaService] = services;
    oldSwaService = services[1].id;
    [ownerless] = await db(`SELECT id, name FROM location WHERE organisation_id IS NULL AND archived_at IS NULL ORDER BY name LIMIT 1`);
    // Verified 12 months and an hour ago: stale since an hour.
    await db(`UPDATE service SET last_verified_at = now() - interval '12 months 1 hour' WHERE id = $1`, [swaService.id]);
    // Never verified, created 12 months and two days ago: stale since two days.
    await db(`UPDATE location SET created_at = now() - interval '12 months 2 days' WHERE id = $1`, [ownerless.id]);
    // Stale for a year already: on the work list, but long past telling.
    await db(`UPDATE service SET last_verified_at = now() - interval '2 years' WHERE id = $1`, [oldSwaService]);
  });

  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    await t?.close();
    await smtp?.close();
  });

  it('keeps the catch-up rule in step with its SQL twin', async () => {
    const now = new Date();
    const cases = [0, 1, 60 * 24 * STALE_NOTICE_CATCH_UP_DAYS - 1, 60 * 24 * STALE_NOTICE_CATCH_UP_DAYS + 1, -5].map((minutes) => new Date(now.getTime() - minutes * 60_000));
    const [row] = await db(`SELECT ${cases.map((_, i) => `${staleNoticeDueSql(`$${i + 1}::timestamptz`)} AS c${i}`).join(', ')}`, cases);
    expect(cases.map((_, i) => row[`c${i}`])).toEqual(cases.map((c) => staleNoticeDue(c, now)));
    expect(cases.map((c) => staleNoticeDue(c, now))).toEqual([true, true, true, false, false]);
  });

  it("tells the owner's users and, for a record without an owner, the admins — once, however many processes run the pass", async () => {
    const [a, b] = await Promise.all(workers.map((worker) => worker.runNow()));
    // One SWA user for the service, one admin for the location; the long-stale service tells nobody.
    expect(a.notices + b.notices).toBe(2);
    expect(a.emails + b.emails).toBe(2);
    expect(await Promise.all(workers.map((worker) => worker.runNow()))).toEqual([
      { notices: 0, emails: 0 },
      { notices: 0, emails: 0 },
    ]);

    const swa = await list(as.swa);
    expect(swa.totalCount).toBe(1);
    expect(swa.edges[0].node).toMatchObject({ kind: 'STALE_RECORD', referralId: null, dossierNumber: null, recordType: 'SERVICE', recordId: swaService.id, recordName: swaService.name, readAt: null });
    expect(await count(as.swa)).toBe(1);
    const admin = await list(as.admin);
    expect(admin.edges.map((e: any) => [e.node.recordType, e.node.recordId, e.node.recordName])).toEqual([['LOCATION', ownerless.id, ownerless.name]]);
    expect((await list(as.riagg)).totalCount).toBe(0);
    expect((await list(as.municipality)).totalCount).toBe(0);

    // The e-mail counts, links to the list and names nothing: no record, no organisation.
    const [mail] = smtp.to('swa@test.local');
    expect(mail.raw).toMatch(/1 gegeven van de kaart om te controleren/);
    expect(mail.raw).toMatch(/1 record of the map to verify/);
    expect(mail.raw).toContain('https://schakel.test.local/meldingen');
    for (const name of [swaService.name, ownerless.name]) expect(mail.raw).not.toContain(name);
    const [adminMail] = smtp.to('admin@test.local');
    expect(adminMail.raw).not.toContain(ownerless.name);
    expect(adminMail.raw).not.toContain(ownerless.id);
  });

  it('tells again only after the record was verified and went stale anew', async () => {
    expect(dataOf<any>(await t.gql(VERIFY, { type: 'SERVICE', id: swaService.id }, as.swa)).markVerified.lastVerifiedAt).toBeTruthy();
    expect((await workers[0].runNow()).notices).toBe(0);
    // A period later (its verification moved back a year and a few minutes): stale again, a second notice.
    await db(`UPDATE service SET last_verified_at = last_verified_at - interval '12 months 5 minutes' WHERE id = $1`, [swaService.id]);
    expect((await workers[1].runNow()).notices).toBe(1);
    expect((await workers[0].runNow()).notices).toBe(0);
    const swa = await list(as.swa);
    expect(swa.edges.map((e: any) => e.node.recordId)).toEqual([swaService.id, swaService.id]);
    expect(new Set(swa.edges.map((e: any) => e.node.staleSince)).size).toBe(2);
  });

  it('tells nobody of an archived record', async () => {
    const [other] = await db(`SELECT s.id FROM service s JOIN organisation o ON o.id = s.organisation_id WHERE o.slug = 'swa' AND s.id <> ALL($1::uuid[]) AND s.archived_at IS NULL LIMIT 1`, [[swaService.id, oldSwaService]]);
    await db(`UPDATE service SET last_verified_at = now() - interval '12 months 1 hour', archived_at = now() WHERE id = $1`, [other.id]);
    expect((await workers[0].runNow()).notices).toBe(0);
  });
});
