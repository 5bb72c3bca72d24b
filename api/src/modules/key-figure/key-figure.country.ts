import type { RequestContext } from '../../context';
import { assertAdmin } from '../../auth/policy';

/*
 * Figures of the whole country (country-key-figure.entity.ts): written by the CBS import from its
 * `NL00 Nederland` row, read beside an area's figures in the neighbourhood view. An import writes
 * what the file says; a second import of the same file changes nothing.
 */

export interface CountryKeyFigureRow {
  indicatorId: string;
  year: number;
  value: number;
  source: string;
  derived: boolean;
}

export interface CountryKeyFigureOutcome {
  created: number;
  updated: number;
  unchanged: number;
}

/** Inserts or updates the country's figures by (indicator, year, source) in the caller's transaction. Admins. */
export async function upsertCountryKeyFigures(ctx: RequestContext, rows: CountryKeyFigureRow[]): Promise<CountryKeyFigureOutcome> {
  assertAdmin(ctx, 'Only admins import figures of the country');
  if (rows.length === 0) return { created: 0, updated: 0, unchanged: 0 };
  const written: Array<{ inserted: boolean }> = await ctx.manager.query(
    `INSERT INTO country_key_figure (indicator_id, year, value, source, derived)
     SELECT * FROM unnest($1::uuid[], $2::smallint[], $3::numeric[], $4::varchar[], $5::boolean[])
     ON CONFLICT (indicator_id, year, source) DO UPDATE SET value = EXCLUDED.value, derived = EXCLUDED.derived, updated_at = now()
      WHERE country_key_figure.value <> EXCLUDED.value OR country_key_figure.derived <> EXCLUDED.derived
     RETURNING (xmax = 0) AS inserted`,
    [rows.map((r) => r.indicatorId), rows.map((r) => r.year), rows.map((r) => r.value), rows.map((r) => r.source), rows.map((r) => r.derived)],
  );
  const created = written.filter((row) => row.inserted).length;
  return { created, updated: written.length - created, unchanged: rows.length - written.length };
}
