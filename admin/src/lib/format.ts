import type { IndicatorUnit } from '../gql/graphql';

function locale(language: string): string {
  return language.startsWith('en') ? 'en-GB' : 'nl-NL';
}

/** A key figure's value in the user's language, in its unit. */
export function formatValue(value: number, unit: IndicatorUnit, language: string): string {
  const loc = locale(language);
  switch (unit) {
    case 'PERCENT':
      return new Intl.NumberFormat(loc, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
    case 'EUR':
      return new Intl.NumberFormat(loc, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(value);
    case 'RATING_10':
      return new Intl.NumberFormat(loc, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
    case 'COUNT':
      return new Intl.NumberFormat(loc, { maximumFractionDigits: 0 }).format(value);
    default:
      return new Intl.NumberFormat(loc, { maximumFractionDigits: 2 }).format(value);
  }
}

/** Counts depend on the size of the area, so they are not compared with the city. */
export function isComparable(unit: IndicatorUnit): boolean {
  return unit !== 'COUNT';
}

/**
 * The signed difference between two values of one unit: percentage points for percentages,
 * euros for amounts, plain numbers otherwise. The caller adds the unit word for percentages.
 */
export function formatDifference(difference: number, unit: IndicatorUnit, language: string): string {
  const loc = locale(language);
  const rounded = Math.round(difference * 100) / 100;
  if (unit === 'EUR') {
    return new Intl.NumberFormat(loc, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(rounded);
  }
  const digits = unit === 'RATING_10' ? 1 : unit === 'PERCENT' ? 1 : 2;
  return new Intl.NumberFormat(loc, { maximumFractionDigits: digits, signDisplay: 'exceptZero' }).format(rounded);
}

export function formatDate(iso: string, language: string): string {
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'medium' }).format(new Date(iso));
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(locale(language)).format(value);
}

/** Date and time of a moment in the user's language, e.g. "28 nov 2026 15:04". */
export function formatDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** A calendar day (YYYY-MM-DD, no time zone) in the user's language. */
export function formatDay(day: string, language: string): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'medium' }).format(new Date(y, m - 1, d));
}

/** Today as YYYY-MM-DD in the browser's time zone (for date fields). */
export function todayIso(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** A file size in kB or MB. */
export function formatBytes(bytes: number, language: string): string {
  const loc = locale(language);
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${new Intl.NumberFormat(loc, { maximumFractionDigits: 0 }).format(bytes / 1024)} kB`;
  return `${new Intl.NumberFormat(loc, { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`;
}
