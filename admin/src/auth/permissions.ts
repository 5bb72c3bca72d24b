import type { Viewer } from './viewer';

/**
 * Who may see which page, menu item and button — every role decision of the admin app, in one
 * place. The API is the authority (docs/security.md, docs/api-guide.md) and checks each request
 * again; the app only hides what the API would refuse, so nobody is offered a page or a button
 * that can only end in "no access".
 *
 * Each predicate takes the signed-in person (null: nobody signed in) and answers for them.
 */
export const permissions = {
  // The map and its insights ----------------------------------------------------------------
  /** compareAreas is part of the public map: every signed-in person. */
  compareAreas: (viewer: Viewer | null) => viewer !== null,
  /** changeHistory: every signed-in person. */
  readHistory: (viewer: Viewer | null) => viewer !== null,

  // Curation ----------------------------------------------------------------------------------
  /** The list of all organisations: admins curate the whole map. */
  curateAllOrganisations: (viewer: Viewer | null) => viewer?.role === 'ADMIN',
  /** updateOrganisation: admins any organisation; an organisation's own users only their own. */
  editOrganisation: (viewer: Viewer | null, organisationId: string) =>
    viewer?.role === 'ADMIN' || (viewer?.role === 'ORGANISATION' && viewer.organisation?.id === organisationId),
  /**
   * The services, locations and networks lists, createService / createLocation / createNetwork: admins (the whole map),
   * an organisation's own users (their own organisation's records; the API makes a new record
   * theirs).
   */
  curateRecords: (viewer: Viewer | null) => viewer?.role === 'ADMIN' || (viewer?.role === 'ORGANISATION' && Boolean(viewer.organisation)),
  /**
   * updateService / updateLocation and their archive and restore: admins any record; an
   * organisation's own users only records of their own organisation (the API checks the
   * record's organisation, not who made it). The same rule for a network, its members and its
   * archive and restore, with the network's coordinating organisation as the owner.
   */
  editOwnedRecord: (viewer: Viewer | null, organisationId: string | null | undefined) =>
    viewer?.role === 'ADMIN' || (viewer?.role === 'ORGANISATION' && Boolean(organisationId) && viewer.organisation?.id === organisationId),
  /** archiveOrganisation / restoreOrganisation: admins only (an organisation does not take itself off the map). */
  archiveOrganisations: (viewer: Viewer | null) => viewer?.role === 'ADMIN',
  /** mergeOrganisations: admins. */
  mergeOrganisations: (viewer: Viewer | null) => viewer?.role === 'ADMIN',
  /** eraseKeyPerson (GDPR art. 17): admins only. */
  eraseKeyPersons: (viewer: Viewer | null) => viewer?.role === 'ADMIN',
  /** The taxonomies (intervention types under the basic functions, target groups), indicators and areas: create/update/archive/restore for admins. */
  curateTaxonomies: (viewer: Viewer | null) => viewer?.role === 'ADMIN',
  /** Choosing (or changing) the organisation a service or location belongs to: admins only. */
  chooseRecordOrganisation: (viewer: Viewer | null) => viewer?.role === 'ADMIN',
  /** proposals: admins (the curators) every proposal, an organisation's users their own organisation's. */
  readProposals: (viewer: Viewer | null) => viewer?.role === 'ADMIN' || (viewer?.role === 'ORGANISATION' && Boolean(viewer.organisation)),
  /** propose…: an organisation's users propose changes to records they may not change themselves, and new records. */
  proposeChanges: (viewer: Viewer | null) => viewer?.role === 'ORGANISATION' && Boolean(viewer.organisation),
  /** acceptProposal / rejectProposal: admins, the curators. */
  decideProposals: (viewer: Viewer | null) => viewer?.role === 'ADMIN',
  /** staleRecords / markVerified: admins everything, organisation users their own records. */
  verifyRecords: (viewer: Viewer | null) => viewer?.role === 'ADMIN' || viewer?.role === 'ORGANISATION',
  /** CSV import of key figures: admins, and municipality users for their own areas. */
  importData: (viewer: Viewer | null) => viewer?.role === 'ADMIN' || viewer?.role === 'MUNICIPALITY',
  /** CSV import of organisations and services, and the HSDS import: admins. */
  importAll: (viewer: Viewer | null) => viewer?.role === 'ADMIN',

  // Administration ----------------------------------------------------------------------------
  manageUsers: (viewer: Viewer | null) => viewer?.role === 'ADMIN',
  /** The neighbourhood view's referral flow in aggregate (small counts suppressed): admins, and municipality users for their areas. */
  readReferralFlow: (viewer: Viewer | null) => viewer?.role === 'ADMIN' || viewer?.role === 'MUNICIPALITY',
  /** The NEN 7513 access log: admins. */
  readAccessLog: (viewer: Viewer | null) => viewer?.role === 'ADMIN',

  // An organisation's own work ----------------------------------------------------------------
  /**
   * referrals, networkAgenda and the referral mutations: an organisation's own users (the API
   * checks each referral). Municipality users see aggregates only; admins no case content.
   */
  workWithReferrals: (viewer: Viewer | null) => viewer?.role === 'ORGANISATION' && Boolean(viewer.organisation),
  /** apiKeys / webhooks of the own organisation (admins manage them through the API). */
  manageIntegrations: (viewer: Viewer | null) => viewer?.role === 'ORGANISATION' && Boolean(viewer.organisation),
  /**
   * recordConsent: the referring and the receiving organisation, not the other members of a
   * network (the caller adds that the referral is still open).
   */
  recordConsent: (viewer: Viewer | null, referral: ReferralParties) => referralRoles(viewer, referral).length > 0,
};

/** The organisations of a referral, as far as the permissions need them. */
export interface ReferralParties {
  referringOrganisation?: { id: string } | null;
  receivingOrganisation?: { id: string } | null;
}

/** The signed-in person's part in a referral: referrer, receiver, both or neither (a network member). */
export function referralRoles(viewer: Viewer | null, referral: ReferralParties): Array<'REFERRER' | 'RECEIVER'> {
  const own = viewer?.organisation?.id;
  if (!own) return [];
  const roles: Array<'REFERRER' | 'RECEIVER'> = [];
  if (referral.referringOrganisation?.id === own) roles.push('REFERRER');
  if (referral.receivingOrganisation?.id === own) roles.push('RECEIVER');
  return roles;
}

/** The organisation the person works for, when they edit it as their own (organisation users). */
export function ownOrganisation(viewer: Viewer | null): Viewer['organisation'] {
  return viewer?.role === 'ORGANISATION' ? viewer.organisation : null;
}

/** The areas a municipality user works for (their dashboards, their key-figure exports); none for others. */
export function ownAreas(viewer: Viewer | null): Viewer['areas'] {
  return viewer?.role === 'MUNICIPALITY' ? viewer.areas : [];
}

/** Where the app opens: a municipality user's own area, everyone else the area picker. */
export function homePath(viewer: Viewer | null): string {
  const area = ownAreas(viewer)[0];
  return area ? `/wijken/${area.slug}` : '/wijken';
}
