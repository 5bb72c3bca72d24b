import { type Connection, instantSortKey, pageRequest, toConnection } from '../../common/connection';
import { assertUuid } from '../../common/references';
import type { RequestContext } from '../../context';
import { unauthenticated } from '../../auth/auth.rules';
import { VerifiableEntityType } from '../curation';
import { EmailMode, Notification, NotificationSetting } from './notification.entity';
import type { MarkNotificationsReadArgs, NotificationsArgs } from './notification.inputs';

/**
 * The signed-in user's notifications. Everything here is about the caller's own rows
 * (`user_id = viewer`): nobody reads or marks another person's notifications, admins included,
 * so there is nothing else to authorise.
 */

function viewerUserId(ctx: RequestContext): string {
  if (ctx.viewer.kind !== 'user') throw unauthenticated('Notifications are for signed-in users');
  return ctx.viewer.userId;
}

interface NotificationRow {
  id: string;
  user_id: string;
  organisation_id: string | null;
  kind: Notification['kind'];
  referral_id: string | null;
  referral_event_id: string | null;
  action_id: string | null;
  to_status: string | null;
  action_due_on: string | null;
  look_again_on: string | null;
  record_type: Notification['recordType'];
  record_id: string | null;
  stale_since: Date | null;
  proposal_id: string | null;
  created_at: Date;
  read_at: Date | null;
}

function toNotification(row: NotificationRow): Notification {
  const n = new Notification();
  Object.assign(n, {
    id: row.id,
    userId: row.user_id,
    organisationId: row.organisation_id,
    kind: row.kind,
    referralId: row.referral_id,
    referralEventId: row.referral_event_id,
    actionId: row.action_id,
    toStatus: row.to_status,
    actionDueOn: row.action_due_on,
    lookAgainOn: row.look_again_on,
    recordType: row.record_type,
    recordId: row.record_id,
    staleSince: row.stale_since,
    proposalId: row.proposal_id,
    createdAt: row.created_at,
    readAt: row.read_at,
  });
  return n;
}

/** Newest first; keyset pages on (created_at to the millisecond, id). */
export async function listNotifications(ctx: RequestContext, args: NotificationsArgs): Promise<Connection<Notification>> {
  const userId = viewerUserId(ctx);
  const page = pageRequest(args);
  const unreadOnly = args.unreadOnly === true;
  const params: unknown[] = [userId, unreadOnly];
  let after = '';
  if (page.after) {
    params.push(instantSortKey(page.after), page.after.id);
    after = `AND (date_trunc('milliseconds', n.created_at), n.id) < (CAST($3 AS timestamptz), CAST($4 AS uuid))`;
  }
  params.push(page.limit + 1);
  const rows: NotificationRow[] = await ctx.manager.query(
    `SELECT n.id, n.user_id, n.organisation_id, n.kind, n.referral_id, n.referral_event_id, n.action_id, n.to_status, n.action_due_on::text AS action_due_on, n.look_again_on::text AS look_again_on, n.record_type, n.record_id, n.stale_since, n.proposal_id, n.created_at, n.read_at
       FROM notification n
      WHERE n.user_id = $1 AND (NOT $2::boolean OR n.read_at IS NULL) ${after}
      ORDER BY date_trunc('milliseconds', n.created_at) DESC, n.id DESC
      LIMIT $${params.length}`,
    params,
  );
  return toConnection(
    rows.map(toNotification),
    page,
    (n) => n.createdAt.toISOString(),
    async () => {
      const [{ count }] = await ctx.manager.query(`SELECT count(*)::int AS count FROM notification WHERE user_id = $1 AND (NOT $2::boolean OR read_at IS NULL)`, [userId, unreadOnly]);
      return count;
    },
  );
}

/** The name of a STALE_RECORD notice's record, through the per-request loaders (one statement per kind of record); erased key persons have none. */
export async function notificationRecordName(ctx: RequestContext, notification: Notification): Promise<string | null> {
  if (!notification.recordId) return null;
  switch (notification.recordType) {
    case VerifiableEntityType.ORGANISATION:
      return (await ctx.loaders.organisationById.load(notification.recordId))?.name ?? null;
    case VerifiableEntityType.SERVICE:
      return (await ctx.loaders.serviceById.load(notification.recordId))?.name ?? null;
    case VerifiableEntityType.LOCATION:
      return (await ctx.loaders.locationById.load(notification.recordId))?.name ?? null;
    case VerifiableEntityType.KEY_PERSON: {
      const person = await ctx.loaders.keyPersonById.load(notification.recordId);
      return person && !person.erasedAt ? person.name : null;
    }
    default:
      return null;
  }
}

export async function unreadNotificationCount(ctx: RequestContext): Promise<number> {
  const userId = viewerUserId(ctx);
  const [{ count }] = await ctx.manager.query(`SELECT count(*)::int AS count FROM notification WHERE user_id = $1 AND read_at IS NULL`, [userId]);
  return count;
}

/**
 * Marks the caller's notifications `ids` read (all of them when `ids` is left out); ids of
 * someone else's notifications, or unknown ones, change nothing. Answers the unread count after.
 * One statement each; read ones keep their first read time.
 */
export async function markNotificationsRead(ctx: RequestContext, args: MarkNotificationsReadArgs): Promise<number> {
  const userId = viewerUserId(ctx);
  const ids = args.ids ? args.ids.map((id, index) => assertUuid(id, `ids.${index}`)) : null;
  await ctx.manager.query(`UPDATE notification SET read_at = now() WHERE user_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY ($2::uuid[]))`, [userId, ids]);
  return unreadNotificationCount(ctx);
}

export interface NotificationSettingsView {
  emailMode: EmailMode;
  /** Whether this installation sends e-mail at all (SMTP_URL). */
  emailConfigured: boolean;
}

export async function notificationSettings(ctx: RequestContext, emailConfigured: boolean): Promise<NotificationSettingsView> {
  const userId = viewerUserId(ctx);
  const setting = await ctx.manager.getRepository(NotificationSetting).findOne({ where: { userId } });
  return { emailMode: setting?.emailMode ?? EmailMode.IMMEDIATE, emailConfigured };
}

/** One upsert; a digest user who switches keeps the time of their last digest. */
export async function setNotificationEmailMode(ctx: RequestContext, emailMode: EmailMode, emailConfigured: boolean): Promise<NotificationSettingsView> {
  const userId = viewerUserId(ctx);
  await ctx.manager.query(
    `INSERT INTO notification_setting (user_id, email_mode) VALUES ($1, $2)
     ON CONFLICT (user_id) DO UPDATE SET email_mode = EXCLUDED.email_mode, updated_at = now()`,
    [userId, emailMode],
  );
  return { emailMode, emailConfigured };
}
