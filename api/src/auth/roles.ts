import { registerEnumType } from 'type-graphql';

/**
 * The two vocabularies every access decision is made in (docs/security.md, "What each caller can
 * see and do"): the role of a user and the scopes of an API key. They belong to the kernel, not to
 * the user feature that stores them: the viewer, the access rules and the policy are kernel code
 * every feature uses, and the kernel imports no feature (api/.dependency-cruiser.cjs).
 * The user and API key entities store them (user.entity.ts, api-key.entity.ts).
 */
export enum UserRole {
  ADMIN = 'ADMIN',
  MUNICIPALITY = 'MUNICIPALITY',
  ORGANISATION = 'ORGANISATION',
}

export enum ApiKeyScope {
  READ_MAP = 'READ_MAP',
  WRITE_OWN_ORGANISATION = 'WRITE_OWN_ORGANISATION',
  REFERRALS = 'REFERRALS',
}

registerEnumType(UserRole, { name: 'UserRole' });
registerEnumType(ApiKeyScope, {
  name: 'ApiKeyScope',
  valuesConfig: {
    READ_MAP: { description: 'Read the social map.' },
    WRITE_OWN_ORGANISATION: { description: "Change the organisation's own records." },
    REFERRALS: { description: 'Create, follow and update referrals of the organisation.' },
  },
});
