import type { EntityManager } from 'typeorm';
import type { ReferralEventType } from '../referral/referral-event.entity';
import type { Referral, ReferralStatus } from '../referral/referral.entity';

/**
 * The transactional outbox: `recordReferralChange` calls this in the transaction that appends
 * the event, so a committed change always has its deliveries queued and a rolled-back one
 * never has. One statement, whatever the number of webhooks.
 *
 * Who receives an event is the referral's read rule at the moment of the event: the caller
 * passes the organisations that may read the anonymous case now (`caseReaders` in
 * referral.access.ts — referrer, receiver, holder, the network's current core members,
 * consulted shell partners, organisations with consent), and every subscribed webhook of those
 * organisations gets a delivery. Nobody else. The payload carries ids, the dossier number, the
 * status, sequence and time — never case content: receivers fetch details through the API,
 * where reads are checked and logged.
 */

export interface OutboxEvent {
  id: string;
  sequence: number;
  occurredAt: Date;
  type: ReferralEventType;
  fromStatus: ReferralStatus | null;
  toStatus: ReferralStatus | null;
  /** On whose behalf the change was made (receivers can skip their own changes). */
  organisationId: string | null;
  data: Record<string, unknown>;
}

/** What every subscribed webhook is sent for this event (the delivery id and webhook are added when sending). */
export function webhookPayload(referral: Referral, event: OutboxEvent): Record<string, unknown> {
  const actionId = typeof event.data.actionId === 'string' ? event.data.actionId : undefined;
  return {
    type: event.type,
    occurredAt: event.occurredAt.toISOString(),
    referral: { id: referral.id, dossierNumber: referral.dossierNumber, status: referral.status, version: referral.version },
    event: {
      id: event.id,
      sequence: event.sequence,
      type: event.type,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      organisationId: event.organisationId,
      ...(actionId ? { actionId } : {}),
    },
  };
}

export async function enqueueWebhookDeliveries(tx: EntityManager, referral: Referral, event: OutboxEvent, readerOrganisationIds: readonly string[]): Promise<void> {
  if (readerOrganisationIds.length === 0) return;
  await tx.query(
    `INSERT INTO webhook_delivery (webhook_id, referral_event_id, event_type, payload)
     SELECT w.id, $1::uuid, $2::varchar, $3::jsonb FROM webhook w
      WHERE w.disabled_at IS NULL AND $2::text = ANY (w.events) AND w.organisation_id = ANY ($4::uuid[])`,
    [event.id, event.type, JSON.stringify(webhookPayload(referral, event)), readerOrganisationIds],
  );
}
