import type { Viewer } from './viewer';

/**
 * Who may open the referral and integration pages, as the API allows it (docs/security.md):
 * referrals, the network agenda, API keys and webhooks are the work of an organisation's own
 * users. Admins manage keys and webhooks through the API; municipality users get aggregates.
 */
export const organisationAccess = {
  /** referrals, networkAgenda and the referral mutations: ORGANISATION users (the API checks each referral). */
  workWithReferrals: (viewer: Viewer | null) => viewer?.role === 'ORGANISATION' && Boolean(viewer.organisation),
  /** apiKeys / webhooks of the own organisation. */
  manageIntegrations: (viewer: Viewer | null) => viewer?.role === 'ORGANISATION' && Boolean(viewer.organisation),
};
