/**
 * Dates on the Dutch calendar. "Today", due dates, dossier years and HSDS `assured_date` are
 * dates in Europe/Amsterdam, never the server's or the database session's time zone (as for
 * network membership, docs/security.md).
 */

export const DUTCH_TIME_ZONE = 'Europe/Amsterdam';

// en-CA formats as YYYY-MM-DD.
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: DUTCH_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** `YYYY-MM-DD` of an instant (default: now) on the Dutch calendar. */
export function dutchDate(instant: Date = new Date()): string {
  return dayFormat.format(instant);
}

const longDutchFormat = new Intl.DateTimeFormat('nl-NL', { timeZone: DUTCH_TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' });

/** A date as Dutch readers write it ("7 december 2026"), on the Dutch calendar, for printed pages. */
export function longDutchDate(instant: Date = new Date()): string {
  return longDutchFormat.format(instant);
}

/** `YYYY-MM-DD` plus a number of days (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
