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
