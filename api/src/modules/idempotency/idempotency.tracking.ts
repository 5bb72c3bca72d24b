import { type RequestContext, rootContextOf } from '../../context';

/**
 * Referrals changed inside an idempotent request. `recordReferralChange` notes each one; the
 * idempotency plugin stores them with the response, and a replay logs a read of each (the
 * replayed answer shows them again). Kept per request: a transaction's context notes into the
 * request's own (`rootContextOf`).
 */
const changedReferrals = new WeakMap<RequestContext, Map<string, string>>();

/** Called by the plugin when the request runs under an Idempotency-Key. */
export function trackReferralChanges(ctx: RequestContext): void {
  changedReferrals.set(rootContextOf(ctx), new Map());
}

export function noteReferralChanged(ctx: RequestContext, referral: { id: string; dossierNumber: string }): void {
  changedReferrals.get(rootContextOf(ctx))?.set(referral.id, referral.dossierNumber);
}

export function referralsChangedIn(ctx: RequestContext): Array<{ id: string; dossierNumber: string }> {
  return [...(changedReferrals.get(rootContextOf(ctx)) ?? new Map<string, string>())].map(([id, dossierNumber]) => ({ id, dossierNumber }));
}
