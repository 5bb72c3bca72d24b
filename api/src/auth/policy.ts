import type { RequestContext } from '../context';
import { ApiKeyScope, UserRole } from './roles';
import { actingOrganisationId } from './acting-organisation';
import { forbidden, unauthenticated } from './auth.rules';

/**
 * Who may change what (docs/security.md, "What each caller can see and do"):
 * - admins curate everything;
 * - organisation users, and API keys with WRITE_OWN_ORGANISATION, change their own
 *   organisation's records (the organisation, its locations, the services it provides, its key
 *   persons, the networks it coordinates);
 * - municipality users change only the key figures of their areas (and sub-areas): that rule needs the
 *   area tree, so it lives with the key figures (modules/key-figure/key-figure.policy.ts).
 */
export function isAdmin(ctx: RequestContext): boolean {
  return ctx.viewer.kind === 'user' && ctx.viewer.role === UserRole.ADMIN;
}

export function assertAdmin(ctx: RequestContext, what = 'Only admins curate this'): void {
  if (ctx.viewer.kind === 'anonymous') throw unauthenticated();
  if (!isAdmin(ctx)) throw forbidden(what);
}

/** The organisation the caller may curate records of, or null (admins: all; others: none). */
export function ownOrganisationId(ctx: RequestContext): string | null {
  return actingOrganisationId(ctx.viewer, ApiKeyScope.WRITE_OWN_ORGANISATION);
}

/** Records owned by `organisationId` (null: owned by no organisation, so admins only). */
export function assertMayCurateOrganisationRecord(ctx: RequestContext, organisationId: string | null): void {
  if (ctx.viewer.kind === 'anonymous') throw unauthenticated();
  if (isAdmin(ctx)) return;
  const own = ownOrganisationId(ctx);
  if (own && organisationId && own === organisationId) return;
  throw forbidden("Only an admin or the organisation's own users may change this record");
}
