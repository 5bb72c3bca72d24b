import type { EntityManager } from 'typeorm';
import { currentNetworkMemberSql } from '../network';
import { ReferralEventType } from '../referral/referral-event.entity';
import { ConsentScope, type Referral, type ReferralStatus } from '../referral/referral.entity';

/**
 * The transactional outbox: `recordReferralChange` calls this in the transaction that appends
 * the event, so a committed change always has its deliveries queued and a rolled-back one
 * never has. One statement, whatever the number of webhooks.
 *
 * Who receives an event is the referral's read rule at the moment of the event (see
 * `viewOf`): the referring and the receiving organisation get every event type; the member
 * organisations of its network get every event type when the person consented with scope
 * NETWORK, and otherwise only the events that move the status (what they can read anyway:
 * dossier number and status). "Member" is `currentNetworkMemberSql` (network-membership.rules),
 * the same rule the reads use: a member whose start date is still ahead gets nothing. Nobody
 * else. The payload carries ids, the dossier number, the status, sequence and time — never
 * case content: receivers fetch details through the API, where reads are checked and logged.
 */

/** Events that carry nothing but a status move (and so reach network members without NETWORK consent). */
export const STATUS_EVENTS: readonly ReferralEventType[] = [
  ReferralEventType.CREATED,
  ReferralEventType.ACCEPTED,
  ReferralEventType.DECLINED,
  ReferralEventType.STATUS_CHANGED,
  ReferralEventType.CLOSED,
];

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

export async function enqueueWebhookDeliveries(tx: EntityManager, referral: Referral, event: OutboxEvent): Promise<void> {
  const parties = [referral.referringOrganisationId, referral.receivingOrganisationId].filter((id): id is string => id !== null);
  const networkConsent = referral.consentGiven && referral.consentScope === ConsentScope.NETWORK;
  await tx.query(
    `INSERT INTO webhook_delivery (webhook_id, referral_event_id, event_type, payload)
     SELECT w.id, $1::uuid, $2::varchar, $3::jsonb FROM webhook w
      WHERE w.disabled_at IS NULL AND $2::text = ANY (w.events)
        AND (w.organisation_id = ANY ($4::uuid[])
             OR ($5::uuid IS NOT NULL AND ($6::boolean OR $7::boolean) AND w.organisation_id IN (
                   SELECT nm.organisation_id FROM network_member nm
                    WHERE nm.network_id = $5::uuid AND nm.organisation_id IS NOT NULL AND ${currentNetworkMemberSql('nm')}
                   UNION
                   SELECT n.coordinator_organisation_id FROM network n WHERE n.id = $5::uuid AND n.coordinator_organisation_id IS NOT NULL)))`,
    [event.id, event.type, JSON.stringify(webhookPayload(referral, event)), parties, referral.networkId, networkConsent, STATUS_EVENTS.includes(event.type)],
  );
}
