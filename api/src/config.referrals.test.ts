import { DEFAULT_REFERRAL_SETTINGS, loadConfig, referralSettingsFromEnv } from './config';

describe('referral settings', () => {
  it('defaults to 6 weeks and 5 years, and is part of the loaded config', () => {
    expect(referralSettingsFromEnv({})).toEqual(DEFAULT_REFERRAL_SETTINGS);
    expect(loadConfig({ REFERRAL_DEFAULT_ACTION_WEEKS: '3', REFERRAL_RETENTION_YEARS: '1' }).referrals).toEqual({ defaultActionWeeks: 3, retentionYears: 1 });
  });
  it('refuses values out of range', () => {
    expect(() => referralSettingsFromEnv({ REFERRAL_DEFAULT_ACTION_WEEKS: '0' })).toThrow('REFERRAL_DEFAULT_ACTION_WEEKS must be a whole number from 1 to 104, got "0"');
    expect(() => referralSettingsFromEnv({ REFERRAL_RETENTION_YEARS: '101' })).toThrow('from 1 to 100');
    expect(() => referralSettingsFromEnv({ REFERRAL_RETENTION_YEARS: '2.5' })).toThrow('REFERRAL_RETENTION_YEARS');
  });
});
