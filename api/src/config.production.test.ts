import { loadConfig, missingProductionSettings } from './config';

describe('production settings', () => {
  const complete = {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://schakel:x@db/schakel',
    WEBHOOK_SECRET_KEY: 'k'.repeat(32),
    METRICS_TOKEN: 't'.repeat(16),
  };

  it('names every missing secret at once in production', () => {
    expect(missingProductionSettings({ NODE_ENV: 'production' }).map((m) => m.split(' ')[0])).toEqual(['DATABASE_URL', 'WEBHOOK_SECRET_KEY', 'METRICS_TOKEN']);
    expect(missingProductionSettings(complete)).toEqual([]);
    // Metrics switched off need no token.
    expect(missingProductionSettings({ ...complete, METRICS_TOKEN: '', METRICS_ENABLED: 'false' })).toEqual([]);
    // Outside production nothing is required (the embedded PostgreSQL, no secrets).
    expect(missingProductionSettings({})).toEqual([]);
  });

  it('takes the app role URL only next to the owner URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://owner@db/x', DATABASE_APP_URL: 'postgres://app@db/x' }).databaseAppUrl).toBe('postgres://app@db/x');
    expect(loadConfig({ DATABASE_URL: 'postgres://owner@db/x' }).databaseAppUrl).toBeNull();
    expect(() => loadConfig({ DATABASE_APP_URL: 'postgres://app@db/x' })).toThrow(/DATABASE_APP_URL is set without DATABASE_URL/);
  });
});
