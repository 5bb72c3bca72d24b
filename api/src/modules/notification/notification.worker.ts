import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import type { NotificationSettings } from '../../config';
import { EmailMode, EmailState, NotificationKind } from './notification.entity';
import { recordsGoneStaleSql } from '../curation';
import { actionNoticeSql, emailMessage, lookAgainDueSql, staleNoticeDueSql } from './notification.rules';

/**
 * The notification worker (started by the module's start hook, NOTIFICATION_WORKER; tests start
 * their own). Every NOTIFICATION_INTERVAL_MS one pass:
 *
 * 1. Due dates: every open action of an open referral whose due date is near (DUE) or past
 *    (OVERDUE, `actionNoticeOf`) gives each active user of its assigned organisation one
 *    notice; the partial unique index makes a second pass — or a second process — add nothing.
 *    Likewise a case closed to stay alert on gives its problem owner's active users a
 *    LOOK_AGAIN notice on its look-again date (`lookAgainDue`; UQ_notification_look_again).
 *    And a record of the map that went stale (STALE_AFTER_MONTHS unverified) gives its owning
 *    organisation's users — admins for a record without one — one STALE_RECORD notice
 *    (`addStaleRecordNotices`: one process at a time, UQ_notification_stale_record).
 * 2. E-mail, when SMTP_URL is set: each user's PENDING notifications are claimed with
 *    `FOR UPDATE SKIP LOCKED` in a transaction that sends the one e-mail and marks them SENT,
 *    so with several processes each notification is mailed by one of them. IMMEDIATE users get
 *    a mail on the next pass, DIGEST users one a day after NOTIFICATION_DIGEST_HOUR (Europe/
 *    Amsterdam) listing what is still unread, OFF users none. What was read in the app before
 *    its mail went out is not mailed. A failed send rolls back and counts an attempt; after
 *    NOTIFICATION_EMAIL_MAX_ATTEMPTS the notifications are FAILED. Without SMTP_URL nothing is
 *    mailed and pending ones are SKIPPED, so configuring SMTP later sends no backlog.
 *
 * The e-mail is `emailMessage` (notification.rules.ts): counts per kind and a link, no case
 * content. Logs name user ids, never addresses.
 */

const USERS_PER_PASS = 100;
const ZONE = 'Europe/Amsterdam';

export interface NotificationWorker {
  stop(): Promise<void>;
  /** One pass now (tests): notices added and e-mails sent. */
  runNow(): Promise<{ notices: number; emails: number }>;
}

export interface NotificationWorkerOptions {
  dataSource: DataSource;
  settings: NotificationSettings;
  logger: Logger;
  /** STALE_AFTER_MONTHS: with it, each pass also tells owners of records that went stale (`addStaleRecordNotices`); without it (tests of the other notices), not. */
  staleAfterMonths?: number;
}

async function rows<T>(tx: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  return ((await tx.queryRunner!.query(sql, params, true)) as { records: T[] }).records ?? [];
}

/** Adds the due and overdue notices of today; answers how many. */
export async function addActionNotices(manager: EntityManager, dueSoonDays: number): Promise<number> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const result = (await runner.query(
      `WITH today AS (SELECT (now() AT TIME ZONE '${ZONE}')::date AS day)
       INSERT INTO notification (user_id, organisation_id, kind, referral_id, action_id, action_due_on)
       SELECT u.id, u.organisation_id, notice.kind, a.referral_id, a.id, a.due_on
         FROM today, referral_action a
         JOIN referral r ON r.id = a.referral_id
         CROSS JOIN LATERAL (SELECT ${actionNoticeSql('a', 'today.day', '$1')} AS kind) notice
         JOIN app_user u ON u.organisation_id = a.assigned_organisation_id AND u.status = 'ACTIVE' AND u.erased_at IS NULL
        WHERE a.completed_at IS NULL AND notice.kind IS NOT NULL
          AND r.status NOT IN ('CLOSED', 'DECLINED', 'WITHDRAWN')
          AND a.due_on <= today.day + $1::int
       ON CONFLICT DO NOTHING`,
      [dueSoonDays],
      true,
    )) as { affected?: number };
    return result.affected ?? 0;
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}

/** Adds the look-again notices of today (closed cases to stay alert on, §3.7 step 5); answers how many. */
export async function addLookAgainNotices(manager: EntityManager): Promise<number> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const result = (await runner.query(
      `WITH today AS (SELECT (now() AT TIME ZONE '${ZONE}')::date AS day)
       INSERT INTO notification (user_id, organisation_id, kind, referral_id, look_again_on)
       SELECT u.id, u.organisation_id, '${NotificationKind.LOOK_AGAIN}', r.id, r.look_again_on
         FROM today, referral r
         JOIN app_user u ON u.organisation_id = r.problem_owner_organisation_id AND u.status = 'ACTIVE' AND u.erased_at IS NULL
        WHERE r.status = 'CLOSED' AND r.stay_alert AND r.look_again_on IS NOT NULL AND ${lookAgainDueSql('r', 'today.day')}
       ON CONFLICT DO NOTHING`,
      [],
      true,
    )) as { affected?: number };
    return result.affected ?? 0;
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}

/** Key of the advisory lock that lets one process at a time look for records gone stale. */
const STALE_PASS_LOCK = 0x5c4a_e118;

/**
 * Adds the stale-record notices of now; answers how many. Each current record that went stale
 * within the catch-up window (`staleNoticeDueSql`) gives each active user of its owning
 * organisation (ORGANISATION users) — or, without an owner, each active admin, who verify those —
 * one STALE_RECORD notice naming the record and the moment it went stale. Across processes it
 * runs once at a time (a transaction-scoped advisory lock; a process that does not get it skips
 * the pass) and the unique index UQ_notification_stale_record keeps every notice single, so a
 * record is announced once per time it goes stale, not again every pass or every day.
 */
export async function addStaleRecordNotices(dataSource: DataSource, staleAfterMonths: number): Promise<number> {
  return dataSource.transaction(async (tx) => {
    const [{ locked }] = await rows<{ locked: boolean }>(tx, `SELECT pg_try_advisory_xact_lock($1) AS locked`, [STALE_PASS_LOCK]);
    if (!locked) return 0;
    const result = (await tx.queryRunner!.query(
      `WITH stale AS (${recordsGoneStaleSql('$1::int')})
       INSERT INTO notification (user_id, organisation_id, kind, record_type, record_id, stale_since)
       SELECT u.id, u.organisation_id, '${NotificationKind.STALE_RECORD}', s.entity_type, s.id, s.stale_since
         FROM stale s
         JOIN app_user u ON u.status = 'ACTIVE' AND u.erased_at IS NULL
          AND CASE WHEN s.organisation_id IS NULL THEN u.role = 'ADMIN' ELSE u.role = 'ORGANISATION' AND u.organisation_id = s.organisation_id END
        WHERE ${staleNoticeDueSql('s.stale_since')}
       ON CONFLICT DO NOTHING`,
      [staleAfterMonths],
      true,
    )) as { affected?: number };
    return result.affected ?? 0;
  });
}

interface Claimed {
  id: string;
  kind: NotificationKind;
  read_at: Date | null;
}

export async function startNotificationWorker(options: NotificationWorkerOptions): Promise<NotificationWorker> {
  const { dataSource, settings } = options;
  const log = options.logger.child({ component: 'notifications' });
  const transport = settings.smtpUrl ? nodemailer.createTransport(settings.smtpUrl) : null;
  let stopping = false;

  /** Claims the user's pending notifications, mails the unread ones (if any) and marks them; in one transaction. */
  async function mailUser(userId: string, digest: boolean): Promise<boolean> {
    let claimedIds: string[] = [];
    try {
      return await dataSource.transaction(async (tx) => {
        if (digest) {
          const [due] = await rows<{ user_id: string }>(
            tx,
            `SELECT user_id FROM notification_setting
              WHERE user_id = $1 AND email_mode = '${EmailMode.DIGEST}'
                AND (last_digest_at IS NULL OR last_digest_at < (date_trunc('day', now() AT TIME ZONE '${ZONE}') + make_interval(hours => $2)) AT TIME ZONE '${ZONE}')
              FOR UPDATE SKIP LOCKED`,
            [userId, settings.digestHour],
          );
          if (!due) return false;
          await tx.query(`UPDATE notification_setting SET last_digest_at = now() WHERE user_id = $1`, [userId]);
        }
        const claimed = await rows<Claimed>(
          tx,
          `SELECT id, kind, read_at FROM notification WHERE user_id = $1 AND email_state = '${EmailState.PENDING}' ORDER BY created_at, id FOR UPDATE SKIP LOCKED`,
          [userId],
        );
        claimedIds = claimed.map((row) => row.id);
        const unread = claimed.filter((row) => row.read_at === null);
        const [user] = await rows<{ email: string }>(tx, `SELECT email FROM app_user WHERE id = $1 AND status = 'ACTIVE' AND erased_at IS NULL`, [userId]);
        let sent = false;
        if (unread.length > 0 && user && transport) {
          const message = emailMessage(
            unread.map((row) => row.kind),
            { appUrl: settings.appUrl, digest },
          );
          await transport.sendMail({ from: settings.from, to: user.email, subject: message.subject, text: message.text });
          sent = true;
        }
        if (claimedIds.length > 0) {
          await tx.query(
            `UPDATE notification SET email_state = CASE WHEN read_at IS NULL AND $2::boolean THEN '${EmailState.SENT}' ELSE '${EmailState.SKIPPED}' END,
                    emailed_at = CASE WHEN read_at IS NULL AND $2::boolean THEN now() END
              WHERE id = ANY ($1::uuid[])`,
            [claimedIds, sent],
          );
        }
        if (sent) log.info({ userId, notifications: unread.length, digest }, 'notification e-mail sent');
        return sent;
      });
    } catch (error) {
      log.warn({ userId, err: { message: (error as Error).message } }, 'notification e-mail failed, will retry');
      if (claimedIds.length > 0) {
        await dataSource.query(
          `UPDATE notification SET email_attempts = email_attempts + 1,
                  email_state = CASE WHEN email_attempts + 1 >= $2 THEN '${EmailState.FAILED}' ELSE email_state END
            WHERE id = ANY ($1::uuid[]) AND email_state = '${EmailState.PENDING}'`,
          [claimedIds, settings.maxEmailAttempts],
        );
      }
      return false;
    }
  }

  async function pass(): Promise<{ notices: number; emails: number }> {
    const notices =
      (await addActionNotices(dataSource.manager, settings.dueSoonDays)) +
      (await addLookAgainNotices(dataSource.manager)) +
      (options.staleAfterMonths ? await addStaleRecordNotices(dataSource, options.staleAfterMonths) : 0);
    let emails = 0;
    if (!transport) {
      await dataSource.query(`UPDATE notification SET email_state = '${EmailState.SKIPPED}' WHERE email_state = '${EmailState.PENDING}'`);
      return { notices, emails };
    }
    // No e-mail wanted: nothing to wait for.
    await dataSource.query(
      `UPDATE notification n SET email_state = '${EmailState.SKIPPED}' FROM notification_setting s
        WHERE s.user_id = n.user_id AND s.email_mode = '${EmailMode.OFF}' AND n.email_state = '${EmailState.PENDING}'`,
    );
    const waiting: Array<{ user_id: string; mode: EmailMode }> = await dataSource.query(
      `SELECT DISTINCT n.user_id, coalesce(s.email_mode, '${EmailMode.IMMEDIATE}') AS mode
         FROM notification n LEFT JOIN notification_setting s ON s.user_id = n.user_id
        WHERE n.email_state = '${EmailState.PENDING}'
        LIMIT ${USERS_PER_PASS}`,
    );
    for (const { user_id, mode } of waiting) {
      if (stopping) break;
      if (mode === EmailMode.DIGEST) {
        const [{ due }] = await dataSource.query(`SELECT now() >= (date_trunc('day', now() AT TIME ZONE '${ZONE}') + make_interval(hours => $1)) AT TIME ZONE '${ZONE}' AS due`, [
          settings.digestHour,
        ]);
        if (!due) continue;
      }
      if (await mailUser(user_id, mode === EmailMode.DIGEST)) emails++;
    }
    return { notices, emails };
  }

  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  const loop = () => {
    timer = setTimeout(() => {
      running = pass()
        .catch((error: Error) => log.warn({ err: { message: error.message } }, 'notification pass failed'))
        .finally(() => {
          if (!stopping) loop();
        });
    }, settings.intervalMs);
  };
  loop();
  log.info({ email: transport !== null, intervalMs: settings.intervalMs }, 'notification worker started');

  return {
    async stop() {
      if (stopping) return;
      stopping = true;
      if (timer) clearTimeout(timer);
      await running;
      transport?.close();
      log.info('notification worker stopped');
    },
    runNow() {
      const run = running.then(pass, pass);
      running = run.catch(() => undefined);
      return run;
    },
  };
}
