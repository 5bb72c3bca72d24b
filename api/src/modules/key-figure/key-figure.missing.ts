import type { RequestContext } from '../../context';
import { assertAdmin } from '../../auth/policy';
import { MissingReason } from './key-figure-missing.entity';

/*
 * What a source publishes instead of a value (key-figure-missing.entity.ts), kept per area,
 * indicator, year and source beside the figures: an import writes what the file says, so a place
 * that has a value again loses its missing mark, and a second import of the same file changes
 * nothing.
 */

export interface MissingKeyFigureRow {
  areaId: string;
  indicatorId: string;
  year: number;
  source: string;
  reason: MissingReason;
}

export type FigureKey = Pick<MissingKeyFigureRow, 'areaId' | 'indicatorId' | 'year' | 'source'>;

export interface MissingKeyFigureOutcome {
  created: number;
  updated: number;
  unchanged: number;
  /** Missing marks removed because the source now gives a value. */
  cleared: number;
}

const CHUNK = 2000;

/**
 * Marks `missing` as published without a value and clears the marks of `valued` (which have a
 * value now), in the caller's transaction (`ctx` is the transaction's context). Admins.
 */
export async function syncMissingKeyFigures(ctx: RequestContext, missing: MissingKeyFigureRow[], valued: FigureKey[]): Promise<MissingKeyFigureOutcome> {
  assertAdmin(ctx, 'Only admins import missing key figures');
  const tx = ctx.manager;
  const outcome: MissingKeyFigureOutcome = { created: 0, updated: 0, unchanged: 0, cleared: 0 };
  for (let start = 0; start < missing.length; start += CHUNK) {
    const chunk = missing.slice(start, start + CHUNK);
    const written: Array<{ inserted: boolean }> = await tx.query(
      `INSERT INTO key_figure_missing (area_id, indicator_id, year, source, reason)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::smallint[], $4::varchar[], $5::varchar[])
       ON CONFLICT (area_id, indicator_id, year, source) DO UPDATE SET reason = EXCLUDED.reason, updated_at = now()
        WHERE key_figure_missing.reason <> EXCLUDED.reason
       RETURNING (xmax = 0) AS inserted`,
      [chunk.map((r) => r.areaId), chunk.map((r) => r.indicatorId), chunk.map((r) => r.year), chunk.map((r) => r.source), chunk.map((r) => r.reason)],
    );
    const inserted = written.filter((row) => row.inserted).length;
    outcome.created += inserted;
    outcome.updated += written.length - inserted;
    outcome.unchanged += chunk.length - written.length;
  }
  for (let start = 0; start < valued.length; start += CHUNK) {
    const chunk = valued.slice(start, start + CHUNK);
    // TypeORM answers a DELETE with [rows, affected].
    const [, deleted]: [unknown[], number] = await tx.query(
      `DELETE FROM key_figure_missing m
        USING unnest($1::uuid[], $2::uuid[], $3::smallint[], $4::varchar[]) AS k(area_id, indicator_id, year, source)
        WHERE m.area_id = k.area_id AND m.indicator_id = k.indicator_id AND m.year = k.year AND m.source = k.source
       RETURNING m.id`,
      [chunk.map((r) => r.areaId), chunk.map((r) => r.indicatorId), chunk.map((r) => r.year), chunk.map((r) => r.source)],
    );
    outcome.cleared += deleted;
  }
  return outcome;
}
