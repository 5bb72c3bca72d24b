import { ApiKeyScope, UserRole } from './roles';
import type { Viewer } from './viewer';

/**
 * Which organisation the caller acts for (docs/security.md, "What each caller can see and do").
 * Two questions with two answers, kept apart on purpose:
 *
 * - `actingOrganisationId`: the organisation the caller may work for in a matter: ORGANISATION
 *   users for their own, API keys for the key's organisation only when they carry the scope the
 *   matter needs (WRITE_OWN_ORGANISATION for curating, REFERRALS for referrals and webhooks).
 *   Admins and municipality users act for none, even when an organisation is set on them.
 * - `recordedOrganisationId`: the organisation written on what the caller did (change history,
 *   referral events, access log): a user's or key's organisation, whatever the role or scopes.
 */

/** API key scope a matter needs; `null`: API keys never act in it (managing API keys). */
export type ActingScope = ApiKeyScope.WRITE_OWN_ORGANISATION | ApiKeyScope.REFERRALS | null;

/** The organisation the caller acts for in a matter needing `scope`, or null (acts for none). */
export function actingOrganisationId(viewer: Viewer, scope: ActingScope): string | null {
  if (viewer.kind === 'user') return viewer.role === UserRole.ORGANISATION ? viewer.organisationId : null;
  if (viewer.kind === 'apiKey') return scope !== null && viewer.scopes.includes(scope) ? viewer.organisationId : null;
  return null;
}

/** The organisation recorded on what the caller does: a user's or key's own, or null. */
export function recordedOrganisationId(viewer: Viewer): string | null {
  return viewer.kind === 'user' || viewer.kind === 'apiKey' ? viewer.organisationId : null;
}
