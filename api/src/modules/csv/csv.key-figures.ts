import { BadUserInputError, ErrorCode } from '../../common/errors';
import type { RequestContext } from '../../context';
import { resolveAreaArgument } from '../area';
import { Indicator } from '../indicator/indicator.entity';
import { type KeyFigureRow, upsertKeyFigureRows } from '../key-figure';
import { type Separator, toCsv } from './csv.cells';
import { RowReader, readCsv } from './csv.read';
import { type CsvImportBody, type CsvImportResponse, capped, refused } from './csv.report';

/*
 * Key figures in long format (docs/api-guide.md, "CSV: key figures, organisations and services"):
 * one row per figure, upserted by its natural key (area, indicator, year, source) through the
 * key-figure module's bulk upsert, which checks each row by the key-figure rules.
 */

export const KEY_FIGURE_COLUMNS = ['area_code', 'indicator_code', 'year', 'value', 'source', 'note'];
const KEY_FIGURE_FIELD_COLUMN: Record<keyof KeyFigureRow, string> = {
  area: 'area_code',
  indicator: 'indicator_code',
  year: 'year',
  value: 'value',
  source: 'source',
  note: 'note',
  // Never named by a problem: the CSV has no such column, so its rows are never derived.
  derived: 'derived',
};

export interface KeyFigureExportFilters {
  area?: string;
  indicator?: string;
  year?: number;
  separator?: Separator;
}

/**
 * Key figures in long format, ordered by area, indicator, year and source; `area_code` is the
 * CBS code or, for areas without one, the slug. Figures of archived areas and indicators are
 * left out (they cannot be imported). With `;` values get a decimal comma.
 */
export async function exportKeyFigures(ctx: RequestContext, filters: KeyFigureExportFilters): Promise<string> {
  const params: unknown[] = [];
  const where = ['a.archived_at IS NULL', 'i.archived_at IS NULL'];
  if (filters.area) {
    const area = await resolveAreaArgument(ctx, filters.area, 'area');
    params.push(area.id);
    where.push(`kf.area_id = $${params.length}`);
  }
  if (filters.indicator) {
    const indicator = await ctx.manager.getRepository(Indicator).findOneBy({ code: filters.indicator });
    if (!indicator) throw new BadUserInputError('indicator', `Unknown indicator code "${filters.indicator}"`);
    params.push(indicator.id);
    where.push(`kf.indicator_id = $${params.length}`);
  }
  if (filters.year !== undefined) {
    params.push(filters.year);
    where.push(`kf.year = $${params.length}`);
  }
  const rows: Array<{ area_code: string; indicator_code: string; year: number | null; value: string; source: string; note: string | null }> = await ctx.manager.query(
    `SELECT coalesce(a.code, a.slug) AS area_code, i.code AS indicator_code, kf.year, kf.value, kf.source, kf.note
       FROM key_figure kf JOIN area a ON a.id = kf.area_id JOIN indicator i ON i.id = kf.indicator_id
      WHERE ${where.join(' AND ')}
      ORDER BY coalesce(a.code, a.slug), i.code, kf.year NULLS FIRST, kf.source`,
    params,
  );
  const separator = filters.separator ?? ',';
  return toCsv(
    { columns: KEY_FIGURE_COLUMNS, numberColumns: ['year', 'value'] },
    rows.map((row) => {
      const value = String(Number(row.value));
      return { ...row, value: separator === ';' ? value.replace('.', ',') : value };
    }),
    separator,
  );
}

/**
 * Imports key figures (see the module comment). Admins; municipality users for their areas
 * and the areas below them, checked per row: rows outside them answer 403 listing those rows.
 */
export async function importKeyFigures(ctx: RequestContext, text: string, dryRun: boolean): Promise<CsvImportResponse> {
  const { table, errors } = readCsv(text, { required: KEY_FIGURE_COLUMNS.filter((c) => c !== 'note'), optional: ['note'] });
  if (!table) return refused(dryRun, errors);
  const rows: KeyFigureRow[] = [];
  const rowNumbers: number[] = [];
  for (const { row, cells } of table.rows) {
    const reader = new RowReader(row, cells, table.separator);
    const year = reader.int('year');
    // An empty value cell goes on as null: the key-figure rules (key-figure.rules.ts) say it is required, as they do for GraphQL.
    const value = reader.decimal('value');
    if (reader.errors.length > 0) {
      errors.push(...reader.errors);
      continue;
    }
    rows.push({
      area: reader.text('area_code') ?? '',
      indicator: reader.text('indicator_code') ?? '',
      year: year ?? null,
      value: value as number,
      source: reader.text('source') ?? '',
      note: reader.text('note') ?? null,
    });
    rowNumbers.push(row);
  }
  // Rows that read well are checked too, so one answer lists every problem; with problems nothing is written.
  const { problems, outcome } = await upsertKeyFigureRows(ctx, rows, {
    dryRun: dryRun || errors.length > 0,
    via: 'csv-import',
    rowLabel: (index) => `row ${rowNumbers[index]}`,
  });
  const asError = (problem: (typeof problems)[number]) => ({ row: rowNumbers[problem.index], column: KEY_FIGURE_FIELD_COLUMN[problem.field], message: problem.message });
  const forbidden = problems.filter((problem) => problem.forbidden);
  errors.push(...problems.map(asError));
  if (forbidden.length > 0) {
    return {
      status: 403,
      body: {
        error: { code: ErrorCode.FORBIDDEN, message: `You may not change the key figures of ${forbidden.length} row${forbidden.length === 1 ? '' : 's'}; nothing was imported` },
        dryRun,
        created: 0,
        updated: 0,
        unchanged: 0,
        ...capped(forbidden.map(asError)),
      },
    };
  }
  if (errors.length > 0 || !outcome) return refused(dryRun, errors);
  const body: CsvImportBody = { dryRun, created: outcome.created, updated: outcome.updated, unchanged: outcome.unchanged, errors: [] };
  if (dryRun) {
    body.changes = outcome.actions.flatMap((action, index) => (action === 'unchanged' ? [] : [{ row: rowNumbers[index], action }]));
  }
  return { status: 200, body };
}
