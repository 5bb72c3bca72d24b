import { ApiKeyScope, UserRole } from './roles';
import { actingOrganisationId, recordedOrganisationId } from './acting-organisation';
import { ANONYMOUS, type Viewer } from './viewer';

const user = (role: UserRole, organisationId: string | null): Viewer => ({ kind: 'user', userId: 'u', sessionId: 's', role, organisationId, areaIds: [] });
const key = (scopes: ApiKeyScope[]): Viewer => ({ kind: 'apiKey', apiKeyId: 'k', organisationId: 'org-key', scopes });

describe('actingOrganisationId', () => {
  it.each<[string, Viewer, Parameters<typeof actingOrganisationId>[1], string | null]>([
    ['an organisation user, for their own', user(UserRole.ORGANISATION, 'org'), ApiKeyScope.REFERRALS, 'org'],
    ['an organisation user without an organisation, for none', user(UserRole.ORGANISATION, null), ApiKeyScope.REFERRALS, null],
    ['an admin, for none even with an organisation set', user(UserRole.ADMIN, 'org'), ApiKeyScope.WRITE_OWN_ORGANISATION, null],
    ['a municipality user, for none', user(UserRole.MUNICIPALITY, 'org'), ApiKeyScope.REFERRALS, null],
    ['a key with the scope, for its organisation', key([ApiKeyScope.REFERRALS]), ApiKeyScope.REFERRALS, 'org-key'],
    ['a key without the scope, for none', key([ApiKeyScope.WRITE_OWN_ORGANISATION, ApiKeyScope.READ_MAP]), ApiKeyScope.REFERRALS, null],
    ['a key where keys never act, for none', key([ApiKeyScope.REFERRALS, ApiKeyScope.WRITE_OWN_ORGANISATION]), null, null],
    ['an organisation user where keys never act, for their own', user(UserRole.ORGANISATION, 'org'), null, 'org'],
    ['anonymous, for none', ANONYMOUS, ApiKeyScope.REFERRALS, null],
  ])('%s', (_, viewer, scope, expected) => {
    expect(actingOrganisationId(viewer, scope)).toBe(expected);
  });
});

describe('recordedOrganisationId', () => {
  it('records the organisation of any user or key, whatever the role or scopes', () => {
    expect(recordedOrganisationId(user(UserRole.ADMIN, 'org'))).toBe('org');
    expect(recordedOrganisationId(user(UserRole.MUNICIPALITY, null))).toBeNull();
    expect(recordedOrganisationId(key([]))).toBe('org-key');
    expect(recordedOrganisationId(ANONYMOUS)).toBeNull();
  });
});
