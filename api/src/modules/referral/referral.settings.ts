/** Referral settings, from the environment (defaults from design §3 and the issue). */
export interface ReferralSettings {
  /** Actions are due this many weeks ahead when the referral's network has no meeting interval. */
  defaultActionWeeks: number;
  /** Ended referrals (CLOSED, DECLINED, WITHDRAWN) are purged this many years after they ended. */
  retentionYears: number;
}

export const DEFAULT_REFERRAL_SETTINGS: ReferralSettings = { defaultActionWeeks: 6, retentionYears: 5 };

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`${name} must be a whole number from 1 to ${max}, got "${raw}"`);
  return value;
}

/** `REFERRAL_DEFAULT_ACTION_WEEKS` (6) and `REFERRAL_RETENTION_YEARS` (5). */
export function referralSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ReferralSettings {
  return {
    defaultActionWeeks: positiveInt(env, 'REFERRAL_DEFAULT_ACTION_WEEKS', DEFAULT_REFERRAL_SETTINGS.defaultActionWeeks, 104),
    retentionYears: positiveInt(env, 'REFERRAL_RETENTION_YEARS', DEFAULT_REFERRAL_SETTINGS.retentionYears, 100),
  };
}

const TIME_ZONE = 'Europe/Amsterdam';
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** `YYYY-MM-DD` of an instant on the Dutch calendar. */
export function dutchDate(instant: Date = new Date()): string {
  return dayFormat.format(instant);
}

/** `YYYY-MM-DD` plus a number of days (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
