import type { EntityManager } from 'typeorm';
import { BadUserInputError, ConflictError } from '../../common/errors';
import type { RequestContext } from '../../context';
import { recordedOrganisationId } from '../../auth/acting-organisation';
import { forbidden } from '../../auth/auth.rules';
import { NETWORK_MEMBER_TIERS_SQL } from '../network';
import { ReferralEventType } from './referral-event.entity';
import { ConsentScope, type Referral } from './referral.entity';
import type { ConsentInput } from './referral.inputs';
import { anonymousText } from './referral.rules';
import { assertCurrent, changeReferralWith } from './referral.service';
import { splitTiers } from './referral.tiers';
import { ReferralParty, assertOpenFor } from './referral.transitions';
import type { ReferralNode } from './referral.types';

/**
 * Consent and consultation (§4.4–4.5), through the one write path of referral.service.ts:
 * - consent is what lifts the anonymity: each consent names whom it lets read the identifying
 *   details (RECEIVER, NETWORK or one ORGANISATION), with who recorded it, when, for which
 *   organisation; withdrawing one ends that access from then on and keeps the row as history;
 * - a core partner consults a shell partner on one case, and the shell partner reads that case's
 *   anonymous layer from then on (not its identifying details).
 */

function actor(ctx: RequestContext): { userId: string | null; apiKeyId: string | null; organisationId: string | null } {
  const v = ctx.viewer;
  return { userId: v.kind === 'user' ? v.userId : null, apiKeyId: v.kind === 'apiKey' ? v.apiKeyId : null, organisationId: recordedOrganisationId(v) };
}

/** Given with a scope (and an organisation for ORGANISATION), or withdrawn (one scope, or every standing consent). */
async function applyConsent(tx: EntityManager, ctx: RequestContext, referral: Referral, input: ConsentInput): Promise<Record<string, unknown>> {
  const who = actor(ctx);
  if (input.given) {
    if (!input.scope) throw new BadUserInputError('input.scope', 'Say whom the consent names: RECEIVER, NETWORK or ORGANISATION');
    if (input.scope === ConsentScope.NETWORK && !referral.networkId) throw new BadUserInputError('input.scope', 'Consent for a network needs a referral to a network');
    if (input.scope !== ConsentScope.ORGANISATION && input.organisationId) throw new BadUserInputError('input.organisationId', 'An organisation goes with scope ORGANISATION');
    const organisationId = input.scope === ConsentScope.ORGANISATION ? await assertCurrent(tx, 'organisation', input.organisationId ?? '', 'input.organisationId') : null;
    const inserted: unknown[] = await tx.query(
      `INSERT INTO referral_consent (referral_id, scope, organisation_id, given_at, recorded_by_user_id, recorded_by_api_key_id, recorded_for_organisation_id)
       SELECT $1::uuid, $2::varchar, $3::uuid, now(), $4::uuid, $5::uuid, $6::uuid
        WHERE NOT EXISTS (SELECT 1 FROM referral_consent c WHERE c.referral_id = $1::uuid AND c.scope = $2::varchar AND c.organisation_id IS NOT DISTINCT FROM $3::uuid AND c.withdrawn_at IS NULL)
       RETURNING id`,
      [referral.id, input.scope, organisationId, who.userId, who.apiKeyId, who.organisationId],
    );
    if (inserted.length === 0) throw new ConflictError('This consent is recorded already', 'input.scope');
    return { given: true, scope: input.scope, ...(organisationId ? { organisationId } : {}) };
  }
  if (input.organisationId && input.scope !== ConsentScope.ORGANISATION) throw new BadUserInputError('input.organisationId', 'An organisation goes with scope ORGANISATION');
  const withdrawn: { id: string }[] = await tx.query(
    `UPDATE referral_consent SET withdrawn_at = now(), updated_at = now(), withdrawn_by_user_id = $4::uuid, withdrawn_by_api_key_id = $5::uuid, withdrawn_for_organisation_id = $6::uuid
      WHERE referral_id = $1 AND withdrawn_at IS NULL AND ($2::varchar IS NULL OR scope = $2::varchar) AND ($3::uuid IS NULL OR organisation_id = $3::uuid)
      RETURNING id`,
    [referral.id, input.scope ?? null, input.organisationId ?? null, who.userId, who.apiKeyId, who.organisationId],
  );
  if (withdrawn.length === 0) throw new BadUserInputError(input.scope ? 'input.scope' : 'input.given', 'No standing consent to withdraw');
  return { given: false, scope: input.scope ?? null, withdrawn: withdrawn.length, ...(input.organisationId ? { organisationId: input.organisationId } : {}) };
}

/** Consent given or withdrawn; recorded by the referring organisation, the receiving organisation or the holder (who speak with the person). */
export function recordConsent(ctx: RequestContext, id: string, version: number, input: ConsentInput): Promise<ReferralNode> {
  return changeReferralWith(ctx, {
    operation: 'recordConsent',
    referralId: id,
    version,
    async apply(tx, referral, view, organisationId, ctx) {
      assertOpenFor(referral.status, 'recordConsent');
      if (!view.parties.has(ReferralParty.REFERRER) && !view.parties.has(ReferralParty.HOLDER) && referral.receivingOrganisationId !== organisationId) {
        throw forbidden('Only the referring organisation, the receiving organisation and the holder record consent');
      }
      const data = await applyConsent(tx, ctx, referral, input);
      return { type: ReferralEventType.CONSENT_RECORDED, data };
    },
  });
}

/** A core partner (any organisation working on the case) consults a shell partner of the case's network on it. */
export function consultOnReferral(ctx: RequestContext, id: string, version: number, input: { organisationId: string; question?: string | null }): Promise<ReferralNode> {
  const question = anonymousText(input.question, 'input.question');
  return changeReferralWith(ctx, {
    operation: 'consultOnReferral',
    referralId: id,
    version,
    async apply(tx, referral, view, organisationId, ctx) {
      assertOpenFor(referral.status, 'consultOnReferral');
      if (!view.parties.has(ReferralParty.INVOLVED)) throw forbidden('Only the organisations that work on the case consult shell partners on it');
      if (!referral.networkId) throw new BadUserInputError('input.organisationId', 'Shell partners are consulted on cases brought into a network');
      const target = await assertCurrent(tx, 'organisation', input.organisationId, 'input.organisationId');
      const { shell } = splitTiers(await tx.query(NETWORK_MEMBER_TIERS_SQL, [[referral.networkId]]));
      if (!shell.includes(target)) throw new BadUserInputError('input.organisationId', "Only a current shell partner of the case's network is consulted (core members read the case already)");
      const who = actor(ctx);
      const inserted: unknown[] = await tx.query(
        `INSERT INTO referral_consultation (referral_id, organisation_id, consulted_by_organisation_id, consulted_by_user_id, consulted_by_api_key_id, question)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT ON CONSTRAINT "UQ_referral_consultation" DO NOTHING RETURNING id`,
        [referral.id, target, organisationId, who.userId, who.apiKeyId, question],
      );
      if (inserted.length === 0) throw new ConflictError('This shell partner is consulted on the case already', 'input.organisationId');
      return { type: ReferralEventType.CONSULTED, note: question, data: { organisationId: target } };
    },
  });
}
