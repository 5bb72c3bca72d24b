import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { type Connection, instantSortKey, pageRequest, toConnection } from '../../common/connection';
import { BadUserInputError, NotFoundError } from '../../common/errors';
import { assertUuid } from '../../common/references';
import { type WebhookSettings, webhookSettingsFromEnv } from '../../config';
import type { RequestContext } from '../../context';
import { actingOrganisationId } from '../../auth/acting-organisation';
import { forbidden, unauthenticated } from '../../auth/auth.rules';
import { isAdmin } from '../../auth/policy';
import { assertVersion, inTransaction, lockForChange } from '../curation';
import { ReferralEventType } from '../referral/referral-event.entity';
import type { ReferralStatus } from '../referral/referral.entity';
import { ApiKeyScope } from '../user/api-key.entity';
import { Webhook, WebhookDeliveryStatus } from './webhook.entity';
import type { CreateWebhookInput, UpdateWebhookInput, WebhookDeliveriesArgs } from './webhook.inputs';
import { encryptSecret, generateWebhookSecret } from './webhook.secrets';
import { targetPolicy, webhookTargetRefusal } from './webhook.target';
import { CreatedWebhook, WebhookDeliveryAttemptNode, WebhookDeliveryNode } from './webhook.types';

/**
 * Webhooks of an organisation (docs/api-guide.md "Webhooks", docs/security.md). Managed by the
 * organisation's users, by its API keys with the REFERRALS scope (the partner system registers
 * its own endpoint), and by admins; nobody else sees them. Which events reach a webhook is
 * decided when the event happens (webhook.outbox.ts), by the referral's read rule.
 */

export const MAX_WEBHOOKS_PER_ORGANISATION = 20;

export function webhookSettings(ctx: RequestContext): WebhookSettings {
  return ctx.settings.webhooks ?? webhookSettingsFromEnv();
}

function assertMayManageWebhooksOf(ctx: RequestContext, organisationId: string): void {
  if (ctx.viewer.kind === 'anonymous') throw unauthenticated();
  if (isAdmin(ctx)) return;
  if (actingOrganisationId(ctx.viewer, ApiKeyScope.REFERRALS) === organisationId) return;
  throw forbidden("Only the organisation's own users, its API keys with the REFERRALS scope, or an admin manage its webhooks");
}

/** The organisation named, or the caller's own; checks the caller may manage its webhooks. */
function organisationFor(ctx: RequestContext, given: string | null | undefined, field: string): string {
  const organisationId = given ? assertUuid(given, field) : actingOrganisationId(ctx.viewer, ApiKeyScope.REFERRALS);
  if (!organisationId) {
    if (ctx.viewer.kind === 'anonymous') throw unauthenticated();
    if (isAdmin(ctx)) throw new BadUserInputError(field, 'Say which organisation');
    throw forbidden("Only the organisation's own users, its API keys with the REFERRALS scope, or an admin manage its webhooks");
  }
  assertMayManageWebhooksOf(ctx, organisationId);
  return organisationId;
}

// URLs --------------------------------------------------------------------------------------------

/**
 * https to a public host (webhook.target.ts); http and loopback only with WEBHOOK_ALLOW_LOOPBACK
 * outside production (tests, development). Judged as written: address literals in any notation,
 * IPv6 transition forms and `localhost` names are refused here; what a name resolves to is
 * checked before each delivery, which is the authority (docs/security.md "Webhook targets").
 */
export function checkWebhookUrl(raw: string, settings: WebhookSettings, field: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new BadUserInputError(field, 'Not a URL');
  }
  if (url.username || url.password) throw new BadUserInputError(field, 'Leave credentials out of the URL: requests are signed');
  const refusal = webhookTargetRefusal(url, targetPolicy(settings));
  if (refusal) throw new BadUserInputError(field, refusal.message);
  url.hash = '';
  return url.toString();
}

function uniqueEvents(events: ReferralEventType[]): ReferralEventType[] {
  return Object.values(ReferralEventType).filter((type) => events.includes(type));
}

function cleanDescription(value: string | null | undefined): string | null {
  const text = value?.trim() ?? '';
  return text ? text : null;
}

/** A new secret for `webhook`, encrypted for storage; refused in production without WEBHOOK_SECRET_KEY. */
function newSecretFor(settings: WebhookSettings, webhookId: string): { secret: string; hint: string; stored: string } {
  if (settings.production && !settings.secretKey) {
    // A server configuration error, not the caller's: masked as INTERNAL_SERVER_ERROR, logged for the operator.
    throw new Error('Webhooks need WEBHOOK_SECRET_KEY in production (their secrets are encrypted with it)');
  }
  const { secret, hint } = generateWebhookSecret();
  return { secret, hint, stored: encryptSecret(secret, webhookId, settings.secretKey) };
}

// Queries and mutations ---------------------------------------------------------------------------

export async function listWebhooks(ctx: RequestContext, organisationId: string | null | undefined): Promise<Webhook[]> {
  const id = organisationFor(ctx, organisationId, 'organisationId');
  return ctx.manager.getRepository(Webhook).find({ where: { organisationId: id }, order: { createdAt: 'ASC', id: 'ASC' } });
}

export async function createWebhook(ctx: RequestContext, input: CreateWebhookInput): Promise<CreatedWebhook> {
  const settings = webhookSettings(ctx);
  const organisationId = organisationFor(ctx, input.organisationId, 'input.organisationId');
  const url = checkWebhookUrl(input.url, settings, 'input.url');
  const id = randomUUID();
  const { secret, hint, stored } = newSecretFor(settings, id);
  const webhook = await inTransaction(ctx, async (tx) => {
    const [org]: { archived: boolean }[] = await tx.query(`SELECT archived_at IS NOT NULL AS archived FROM organisation WHERE id = $1 FOR SHARE`, [organisationId]);
    if (!org) throw new BadUserInputError('input.organisationId', `Unknown organisation ${organisationId}`);
    if (org.archived) throw new BadUserInputError('input.organisationId', 'The organisation is archived');
    const [{ count }]: { count: number }[] = await tx.query(`SELECT count(*)::int AS count FROM webhook WHERE organisation_id = $1`, [organisationId]);
    if (count >= MAX_WEBHOOKS_PER_ORGANISATION) throw new BadUserInputError('input.organisationId', `An organisation has at most ${MAX_WEBHOOKS_PER_ORGANISATION} webhooks`);
    const repo = tx.getRepository(Webhook);
    return repo.save(
      repo.create({
        id,
        organisationId,
        url,
        events: uniqueEvents(input.events),
        description: cleanDescription(input.description),
        secretCiphertext: stored,
        secretHint: hint,
        disabledAt: null,
        createdById: ctx.viewer.kind === 'user' ? ctx.viewer.userId : null,
      }),
    );
  });
  return Object.assign(new CreatedWebhook(), { webhook, secret });
}

/** Locks the webhook, checks who may change it (before the version, so others learn nothing) and the version. */
async function changeWebhook<T>(ctx: RequestContext, id: string, version: number, change: (webhook: Webhook, tx: EntityManager) => Promise<T> | T): Promise<T> {
  return inTransaction(ctx, async (tx) => {
    const webhook = await lockForChange(tx, Webhook, 'Webhook', id, null);
    assertMayManageWebhooksOf(ctx, webhook.organisationId);
    assertVersion('Webhook', webhook, version);
    return change(webhook, tx);
  });
}

export function updateWebhook(ctx: RequestContext, id: string, version: number, input: UpdateWebhookInput): Promise<Webhook> {
  const settings = webhookSettings(ctx);
  return changeWebhook(ctx, id, version, async (webhook, tx) => {
    if (input.url != null) webhook.url = checkWebhookUrl(input.url, settings, 'input.url');
    if (input.events != null) webhook.events = uniqueEvents(input.events);
    if (input.description !== undefined) webhook.description = cleanDescription(input.description);
    if (input.enabled === false && !webhook.disabledAt) {
      webhook.disabledAt = new Date();
      await tx.query(
        `UPDATE webhook_delivery SET status = $2, last_error = 'webhook disabled', queued_until = NULL, next_attempt_at = now() WHERE webhook_id = $1 AND status = $3`,
        [webhook.id, WebhookDeliveryStatus.CANCELLED, WebhookDeliveryStatus.PENDING],
      );
    } else if (input.enabled === true) {
      webhook.disabledAt = null;
    }
    webhook.updatedAt = new Date();
    return tx.getRepository(Webhook).save(webhook);
  });
}

/** A new secret, effective at once for every delivery sent from now on (retries included). */
export function rotateWebhookSecret(ctx: RequestContext, id: string, version: number): Promise<CreatedWebhook> {
  const settings = webhookSettings(ctx);
  return changeWebhook(ctx, id, version, async (webhook, tx) => {
    const { secret, hint, stored } = newSecretFor(settings, webhook.id);
    webhook.secretCiphertext = stored;
    webhook.secretHint = hint;
    webhook.updatedAt = new Date();
    const saved = await tx.getRepository(Webhook).save(webhook);
    return Object.assign(new CreatedWebhook(), { webhook: saved, secret });
  });
}

/** Deletes the webhook with its delivery history; answers the webhook as it was. */
export function deleteWebhook(ctx: RequestContext, id: string, version: number): Promise<Webhook> {
  return changeWebhook(ctx, id, version, async (webhook, tx) => {
    await tx.query(`DELETE FROM webhook WHERE id = $1`, [webhook.id]);
    return webhook;
  });
}

interface DeliveryRow {
  id: string;
  event_type: ReferralEventType;
  payload: { referral?: { id?: string; dossierNumber?: string; status?: ReferralStatus }; event?: { sequence?: number } };
  status: WebhookDeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  delivered_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Date;
}

/** A webhook's deliveries, newest first, each with its attempts (two statements per page). */
export async function listWebhookDeliveries(ctx: RequestContext, args: WebhookDeliveriesArgs): Promise<Connection<WebhookDeliveryNode>> {
  const webhookId = assertUuid(args.webhookId, 'webhookId');
  const page = pageRequest(args);
  const webhook = await ctx.manager.getRepository(Webhook).findOne({ where: { id: webhookId }, select: { id: true, organisationId: true } });
  if (!webhook) throw new NotFoundError('Webhook', args.webhookId);
  assertMayManageWebhooksOf(ctx, webhook.organisationId);
  const params: unknown[] = [webhookId, args.status ?? null];
  let after = '';
  if (page.after) {
    params.push(instantSortKey(page.after), page.after.id);
    after = `AND (date_trunc('milliseconds', d.created_at), d.id) < (CAST($3 AS timestamptz), CAST($4 AS uuid))`;
  }
  params.push(page.limit + 1);
  const rows: DeliveryRow[] = await ctx.manager.query(
    `SELECT d.id, d.event_type, d.payload, d.status, d.attempts, d.next_attempt_at, d.delivered_at, d.last_status_code, d.last_error, d.created_at
       FROM webhook_delivery d
      WHERE d.webhook_id = $1 AND ($2::varchar IS NULL OR d.status = $2::varchar) ${after}
      ORDER BY date_trunc('milliseconds', d.created_at) DESC, d.id DESC
      LIMIT $${params.length}`,
    params,
  );
  const ids = rows.slice(0, page.limit).map((row) => row.id);
  const attempts: Array<{ delivery_id: string; attempt: number; status_code: number | null; error: string | null; duration_ms: number; attempted_at: Date }> =
    ids.length === 0
      ? []
      : await ctx.manager.query(
          `SELECT delivery_id, attempt, status_code, error, duration_ms, attempted_at FROM webhook_delivery_attempt WHERE delivery_id = ANY($1) ORDER BY delivery_id, attempt`,
          [ids],
        );
  const nodes = rows.map((row) => {
    const node = new WebhookDeliveryNode();
    Object.assign(node, {
      id: row.id,
      eventType: row.event_type,
      referralId: row.payload.referral?.id ?? '',
      dossierNumber: row.payload.referral?.dossierNumber ?? '',
      sequence: row.payload.event?.sequence ?? 0,
      referralStatus: row.payload.referral?.status ?? null,
      status: row.status,
      attempts: row.attempts,
      nextAttemptAt: row.status === WebhookDeliveryStatus.PENDING ? row.next_attempt_at : null,
      deliveredAt: row.delivered_at,
      lastStatusCode: row.last_status_code,
      lastError: row.last_error,
      createdAt: row.created_at,
      attemptHistory: attempts
        .filter((a) => a.delivery_id === row.id)
        .map((a) => Object.assign(new WebhookDeliveryAttemptNode(), { attempt: a.attempt, statusCode: a.status_code, error: a.error, durationMs: a.duration_ms, attemptedAt: a.attempted_at })),
    });
    return node;
  });
  return toConnection(nodes, page, (node) => node.createdAt.toISOString(), async () => {
    const [{ count }]: { count: number }[] = await ctx.manager.query(
      `SELECT count(*)::int AS count FROM webhook_delivery WHERE webhook_id = $1 AND ($2::varchar IS NULL OR status = $2::varchar)`,
      [webhookId, args.status ?? null],
    );
    return count;
  });
}
