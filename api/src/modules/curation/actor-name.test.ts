import { formatActorName } from './actor-name';

describe('formatActorName', () => {
  const key = { name: 'Regas koppeling', prefix: 'ab12cd34' };
  it('names a user by display name, in either format', () => {
    expect(formatActorName({ user: { displayName: 'swa@test.local' }, apiKey: null }, { withKeyPrefix: true })).toBe('swa@test.local');
    expect(formatActorName({ user: { displayName: '[erased]' }, apiKey: null }, { withKeyPrefix: false })).toBe('[erased]');
  });
  it('names an API key with its prefix in the change history, without it elsewhere', () => {
    expect(formatActorName({ user: null, apiKey: key }, { withKeyPrefix: true })).toBe('API key Regas koppeling (ab12cd34)');
    expect(formatActorName({ user: null, apiKey: key }, { withKeyPrefix: false })).toBe('API key Regas koppeling');
  });
  it('is null without a known actor', () => {
    expect(formatActorName({ user: null, apiKey: null }, { withKeyPrefix: true })).toBeNull();
  });
});
