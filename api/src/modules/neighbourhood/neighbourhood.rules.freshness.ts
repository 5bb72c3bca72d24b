import { round } from './neighbourhood.rules';

/** Rule 5 of the neighbourhood view (neighbourhood.rules.ts): how fresh the records serving an area are. */

export interface FreshnessCounts {
  records: number;
  verified: number;
  share: number | null;
}

/** Share of records verified on or after `since` (docs/neighbourhood-view.md §7: a record not verified for 12 months is stale). */
export function freshness(lastVerified: Array<Date | null>, since: Date): FreshnessCounts {
  const verified = lastVerified.filter((date) => date !== null && date >= since).length;
  return { records: lastVerified.length, verified, share: lastVerified.length > 0 ? round(verified / lastVerified.length, 4) : null };
}
