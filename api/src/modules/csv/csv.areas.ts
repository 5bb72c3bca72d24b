import type { RequestContext } from '../../context';
import { Area, AreaLevel } from '../area/area.entity';
import { CreateAreaInput, UpdateAreaInput, applyAreaInput, areaCuration } from '../area';
import { type Separator, toCsv } from './csv.cells';
import { type ColumnSpec, type RecordImport, enumeration, failOnColumnsOf, importRecords, int, list, text } from './csv.records';
import type { CsvImportResponse } from './csv.report';

/*
 * Areas as CSV rows, by slug (docs/api-guide.md, "CSV: key figures,
 * organisations and services", "Locations, key persons and areas"): gemeente, wijk and buurt with their CBS code, name, level, parent (its CBS code or
 * slug) and the years the area is in the CBS division. A row is checked by the area feature's
 * own rule function (`applyAreaInput`, the one `createArea`/`updateArea` apply): the level fits
 * the parent's, the code has the level's format and continues the parent's code
 * (area.rules.ts: WK030701 lies in GM0307, not in Utrecht's GM0344), the validity years are in
 * order. Rows are applied in file order, so a parent comes before its children. Admins only,
 * as the area mutations. Boundaries are not spreadsheet cells: they come from the PDOK
 * wijk- en buurtkaart import (docs/adopting.md).
 */

const AREA_COLUMNS: ColumnSpec[] = [
  text('name', 'name'),
  enumeration('level', 'level', AreaLevel),
  text('code', 'code'),
  text('parent', 'parent'),
  int('valid_from_year', 'validFromYear'),
  int('valid_to_year', 'validToYear'),
  list('alternative_names', 'alternativeNames'),
  text('description', 'description'),
  text('source', 'source'),
];

/** Export and import columns of areas, in order. */
export const AREA_CSV_COLUMNS = ['slug', ...AREA_COLUMNS.map((c) => c.column)];

const areaImport: RecordImport<Area> = {
  spec: areaCuration,
  columns: AREA_COLUMNS,
  required: ['slug'],
  referenceColumns: {},
  inputClass: (creating) => (creating ? new CreateAreaInput() : new UpdateAreaInput()),
  // As createArea's draft.
  create: (tx, slug) =>
    tx.getRepository(Area).create({ slug, alternativeNames: [], code: null, parentId: null, description: null, history: null, futurePlans: null, boundary: null, source: null, validFromYear: null, validToYear: null }),
  authorize: (ctx, record) => areaCuration.authorize?.(ctx, record),
  async apply(tx, ctx, record, input, reader) {
    await failOnColumnsOf(reader, areaImport, () => applyAreaInput(ctx, tx, record, input as UpdateAreaInput));
  },
  links: async () => ({}),
  writeLinks: async () => {},
};

/**
 * Current areas (with `includeArchived` also archived ones): public data. Parents before their
 * children (municipalities, districts, neighbourhoods), so the file imports again as it is.
 */
export async function exportAreas(ctx: RequestContext, options: { includeArchived?: boolean; separator?: Separator } = {}): Promise<string> {
  const rows: Array<Record<string, unknown>> = await ctx.manager.query(
    `WITH RECURSIVE tree AS (
       SELECT id, 0 AS depth FROM area WHERE parent_id IS NULL
       UNION ALL SELECT a.id, t.depth + 1 FROM area a JOIN tree t ON a.parent_id = t.id
     )
     SELECT a.slug, a.name, a.level, a.code, coalesce(p.code, p.slug) AS parent, a.valid_from_year, a.valid_to_year,
            a.alternative_names, a.description, a.source
       FROM area a JOIN tree t ON t.id = a.id LEFT JOIN area p ON p.id = a.parent_id
      ${options.includeArchived ? '' : 'WHERE a.archived_at IS NULL'}
      ORDER BY t.depth, coalesce(a.code, ''), a.slug`,
  );
  return toCsv({ columns: AREA_CSV_COLUMNS, numberColumns: ['valid_from_year', 'valid_to_year'] }, rows, options.separator ?? ',');
}

/** Admins only (checked by the router, and per row by the areas' own authorisation). */
export function importAreas(ctx: RequestContext, csv: string, dryRun: boolean): Promise<CsvImportResponse> {
  return importRecords(ctx, areaImport, csv, dryRun);
}
