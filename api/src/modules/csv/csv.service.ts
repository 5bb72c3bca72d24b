import { type ValidationError, validate } from 'class-validator';
import { CsvError, parse } from 'csv-parse/sync';
import { GraphQLError } from 'graphql';
import type { EntityManager, ObjectLiteral } from 'typeorm';
import { BadUserInputError, ErrorCode } from '../../common/errors';
import type { RequestContext } from '../../context';
import { HttpError } from '../../http/routes';
import { areaReferenceKey, findAreasByReferences, resolveAreaArgument } from '../area/area.service';
import { ChangeAction } from '../curation/change-record.entity';
import { applyFields, assertNoCycle, linkedIds, replaceLinks } from '../curation/curation.helpers';
import { type CurationSpec, diff, inTransaction, recordChange, snapshot, translateDatabaseError } from '../curation/curation.service';
import { Indicator } from '../indicator/indicator.entity';
import { type KeyFigureRow, upsertKeyFigureRows } from '../key-figure/key-figure.service';
import { Organisation, OrganisationScope, OrganisationStatus, Sector } from '../organisation/organisation.entity';
import { CreateOrganisationInput, UpdateOrganisationInput } from '../organisation/organisation.inputs';
import { organisationCuration } from '../organisation/organisation.service';
import { Service, ServiceStatus } from '../service/service.entity';
import { CreateServiceInput, UpdateServiceInput } from '../service/service.inputs';
import { resolveReferences, serviceCuration } from '../service/service.service';
import { type Separator, restoreFormulaCell, toCsv } from './csv.cells';

/**
 * CSV import and export of key figures (long format), organisations and services.
 *
 * Reading: UTF-8 (a BOM is fine), a header row, comma or semicolon separated (the separator is
 * the one the header uses most; Dutch Excel writes semicolons and decimal commas, so with `;`
 * a value may be `12,5`). Rows are numbered as in a spreadsheet: the header is row 1.
 *
 * Importing: an upsert by natural key (key figures: area, indicator, year, source;
 * organisations and services: slug) in ONE transaction. Every row is checked; any problem
 * means nothing is written, and the answer lists each as `{ row, column, message }`. A dry
 * run checks everything the same way and writes nothing. Each change gets a history entry
 * with `via: 'csv-import'`. Optimistic locking does not apply: an import is "make it so".
 */

export type { Separator } from './csv.cells';

export interface CsvRowError {
  /** Row in the file (header = 1); null when the problem is not one row's. */
  row: number | null;
  /** The column concerned, as named in the header; null for the whole row. */
  column: string | null;
  message: string;
}

export interface CsvImportBody {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  errors: CsvRowError[];
  /** Errors beyond the first MAX_REPORTED_ERRORS, not listed. */
  moreErrors?: number;
  /** Dry runs: which rows would create or update a record. */
  changes?: Array<{ row: number; action: 'create' | 'update' }>;
  /** A refusal of the whole request (e.g. rows of areas the caller may not change). */
  error?: { code: string; message: string };
}

export interface CsvImportResponse {
  status: number;
  body: CsvImportBody;
}

/** A request-level failure with its HTTP status: `{ error: { code, message } }` (answered by the kernel's restErrorHandler). */
export class CsvHttpError extends HttpError {
  constructor(status: number, code: string, message: string) {
    super(status, code, message);
  }
}

const MAX_REPORTED_ERRORS = 1000;

// ---------------------------------------------------------------------------------------------
// Reading

export interface CsvTable {
  separator: Separator;
  columns: string[];
  rows: Array<{ row: number; cells: Map<string, string> }>;
}

/** Counts `char` outside double quotes. */
function countOutsideQuotes(line: string, char: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === char && !quoted) n += 1;
  }
  return n;
}

/**
 * Parses a CSV document with a header. Unknown, duplicate and missing required columns are
 * errors of row 1; a row with a different number of fields is an error of that row. Blank
 * rows are skipped (they keep their number).
 */
export function readCsv(text: string, spec: { required: string[]; optional: string[] }): { table: CsvTable | null; errors: CsvRowError[] } {
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0) {
    const row = text.slice(0, bad).split('\n').length;
    return { table: null, errors: [{ row, column: null, message: 'The file is not UTF-8 text; save it as "CSV UTF-8" and try again' }] };
  }
  // PostgreSQL cannot store U+0000 in text: refused here, as a row error, instead of failing the import's SQL.
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const row = text.slice(0, nul).split('\n').length;
    return { table: null, errors: [{ row, column: null, message: 'The file contains a NUL character (U+0000), which cannot be stored; remove it and try again' }] };
  }
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const separator: Separator = countOutsideQuotes(firstLine, ';') > countOutsideQuotes(firstLine, ',') ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter: separator, bom: true, relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === 'number' ? error.lines : null;
    return { table: null, errors: [{ row: line, column: null, message: `The file is not valid CSV: ${error.message}` }] };
  }
  const isBlank = (record: string[]) => record.every((cell) => cell.trim() === '');
  if (records.length === 0 || isBlank(records[0])) {
    return { table: null, errors: [{ row: 1, column: null, message: `A header row is required: ${[...spec.required, ...spec.optional].join(',')}` }] };
  }
  const columns = records[0].map((name) => name.trim().toLowerCase());
  const known = new Set([...spec.required, ...spec.optional]);
  const errors: CsvRowError[] = [];
  const seen = new Set<string>();
  for (const column of columns) {
    if (!known.has(column)) errors.push({ row: 1, column, message: `Unknown column "${column}"; the columns are ${[...known].join(', ')}` });
    else if (seen.has(column)) errors.push({ row: 1, column, message: `Column "${column}" appears twice` });
    seen.add(column);
  }
  for (const column of spec.required) if (!seen.has(column)) errors.push({ row: 1, column, message: `Column "${column}" is missing` });
  if (errors.length > 0) return { table: null, errors };

  const rows: CsvTable['rows'] = [];
  for (let i = 1; i < records.length; i += 1) {
    const record = records[i];
    if (isBlank(record)) continue;
    if (record.length !== columns.length) {
      errors.push({ row: i + 1, column: null, message: `Expected ${columns.length} fields like the header, found ${record.length}` });
      continue;
    }
    // Cells the export neutralised against formula injection get their value back (csv.cells.ts).
    rows.push({ row: i + 1, cells: new Map(columns.map((column, c) => [column, restoreFormulaCell(record[c].trim())])) });
  }
  return { table: { separator, columns, rows }, errors };
}

/** Reads typed cells of one row, collecting problems by column. */
class RowReader {
  readonly errors: CsvRowError[] = [];

  constructor(
    readonly row: number,
    private readonly cells: Map<string, string>,
    private readonly separator: Separator,
  ) {}

  has(column: string): boolean {
    return this.cells.has(column);
  }

  fail(column: string | null, message: string): void {
    this.errors.push({ row: this.row, column, message });
  }

  /** undefined: no such column (leave the field as it is); null: empty cell. */
  text(column: string): string | null | undefined {
    if (!this.cells.has(column)) return undefined;
    return this.cells.get(column) || null;
  }

  int(column: string): number | null | undefined {
    const raw = this.text(column);
    if (raw === undefined || raw === null) return raw;
    if (!/^[+-]?\d{1,9}$/.test(raw)) {
      this.fail(column, `"${raw}" is not a whole number`);
      return undefined;
    }
    return Number(raw);
  }

  /**
   * A decimal number. With `;` as separator the decimal comma is accepted (`12,5`, and
   * `1.234,5` with thousands points); a lone `1.234` is refused there as ambiguous.
   */
  decimal(column: string): number | null | undefined {
    const raw = this.text(column);
    if (raw === undefined || raw === null) return raw;
    let normal: string | null = null;
    if (/^[+-]?\d+(\.\d+)?$/.test(raw)) {
      if (this.separator === ';' && /^[+-]?\d{1,3}(\.\d{3})+$/.test(raw)) {
        this.fail(column, `"${raw}" is ambiguous in a semicolon file (decimal point or thousands?); write ${raw.replace(/\./g, '')} or ${raw.replace('.', ',')}`);
        return undefined;
      }
      normal = raw;
    } else if (this.separator === ';' && /^[+-]?\d+,\d+$/.test(raw)) {
      normal = raw.replace(',', '.');
    } else if (this.separator === ';' && /^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(raw)) {
      normal = raw.replace(/\./g, '').replace(',', '.');
    }
    if (normal === null) {
      this.fail(column, this.separator === ',' && /^[+-]?\d+,\d+$/.test(raw) ? `"${raw}": use a decimal point in a comma-separated file` : `"${raw}" is not a number`);
      return undefined;
    }
    return Number(normal);
  }

  bool(column: string): boolean | null | undefined {
    const raw = this.text(column);
    if (raw === undefined || raw === null) return raw;
    const value = raw.toLowerCase();
    if (['true', 'ja', 'yes', 'waar', '1'].includes(value)) return true;
    if (['false', 'nee', 'no', 'onwaar', '0'].includes(value)) return false;
    this.fail(column, `"${raw}" is not true or false`);
    return undefined;
  }

  enumeration<T extends string>(column: string, values: Record<string, T>): T | null | undefined {
    const raw = this.text(column);
    if (raw === undefined || raw === null) return raw;
    const value = raw.toUpperCase() as T;
    if (!Object.values(values).includes(value)) {
      this.fail(column, `"${raw}" is not one of ${Object.values(values).join(', ')}`);
      return undefined;
    }
    return value;
  }

  /** `a|b|c`; an empty cell is an empty list. */
  list(column: string): string[] | undefined {
    const raw = this.text(column);
    if (raw === undefined) return undefined;
    return [...new Set((raw ?? '').split('|').map((item) => item.trim()).filter(Boolean))];
  }
}

function capped(errors: CsvRowError[]): Pick<CsvImportBody, 'errors' | 'moreErrors'> {
  const sorted = [...errors].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return sorted.length > MAX_REPORTED_ERRORS ? { errors: sorted.slice(0, MAX_REPORTED_ERRORS), moreErrors: sorted.length - MAX_REPORTED_ERRORS } : { errors: sorted };
}

function refused(dryRun: boolean, errors: CsvRowError[]): CsvImportResponse {
  return { status: 422, body: { dryRun, created: 0, updated: 0, unchanged: 0, ...capped(errors) } };
}

// ---------------------------------------------------------------------------------------------
// Key figures

export const KEY_FIGURE_COLUMNS = ['area_code', 'indicator_code', 'year', 'value', 'source', 'note'];
const KEY_FIGURE_FIELD_COLUMN: Record<keyof KeyFigureRow, string> = {
  area: 'area_code',
  indicator: 'indicator_code',
  year: 'year',
  value: 'value',
  source: 'source',
  note: 'note',
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
    const value = reader.decimal('value');
    if (value === null) reader.fail('value', 'value is required');
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

// ---------------------------------------------------------------------------------------------
// Organisations and services: one row per record, upserted by slug

interface ColumnSpec {
  column: string;
  /** Input property (errors on `input.<property>` are this column's). */
  property: string;
  read: (reader: RowReader) => unknown;
}

const text = (column: string, property: string): ColumnSpec => ({ column, property, read: (r) => r.text(column) });
const int = (column: string, property: string): ColumnSpec => ({ column, property, read: (r) => r.int(column) });
const bool = (column: string, property: string): ColumnSpec => ({ column, property, read: (r) => r.bool(column) });
const list = (column: string, property: string): ColumnSpec => ({ column, property, read: (r) => r.list(column) });
const enumeration = (column: string, property: string, values: Record<string, string>): ColumnSpec => ({ column, property, read: (r) => r.enumeration(column, values) });

interface RecordImport<T extends ObjectLiteral & { id: string; version: number; slug: string }> {
  spec: CurationSpec<T>;
  columns: ColumnSpec[];
  required: string[];
  /** Columns not mapped onto the input directly (references by slug). */
  referenceColumns: Record<string, string>;
  inputClass: (creating: boolean) => object;
  /** Applies the validated input (and the reference columns) to the record; throws BadUserInputError naming `input.<property>`. */
  apply: (tx: EntityManager, ctx: RequestContext, record: T, input: Record<string, unknown>, reader: RowReader) => Promise<void>;
  /** The link lists the row sets, as sorted ids (compared with the history's link state). */
  links: (tx: EntityManager, ctx: RequestContext, record: T, input: Record<string, unknown>, reader: RowReader) => Promise<Record<string, string[]>>;
  /** Writes the link lists. */
  writeLinks: (tx: EntityManager, id: string, links: Record<string, string[]>) => Promise<void>;
  create: (tx: EntityManager, slug: string) => T;
}

/** Thrown to roll the import's transaction back (errors, or a dry run). */
class Rollback extends Error {}

type ColumnMap = Pick<RecordImport<never>, 'columns' | 'referenceColumns'>;

/** `input.areas.2` → the column of `areas`. */
function columnOfField(field: string, importer: ColumnMap): string | null {
  const property = field.replace(/^input\./, '').split('.')[0];
  if (property === 'slug') return 'slug';
  const byProperty = importer.columns.find((c) => c.property === property);
  if (byProperty) return byProperty.column;
  const reference = Object.entries(importer.referenceColumns).find(([, p]) => p === property);
  return reference ? reference[0] : null;
}

function validationMessages(errors: ValidationError[], importer: ColumnMap, row: number): CsvRowError[] {
  const result: CsvRowError[] = [];
  for (const error of errors) {
    const messages = Object.values(error.constraints ?? {});
    const nested = error.children?.length ? `${error.property}.${error.children[0].property}` : error.property;
    result.push({ row, column: columnOfField(`input.${nested}`, importer), message: messages.length > 0 ? messages.join('; ') : `${error.property} is not valid` });
  }
  return result;
}

async function recordState<T extends ObjectLiteral & { id: string; version: number }>(tx: EntityManager, spec: CurationSpec<T>, record: T): Promise<Record<string, unknown>> {
  return { ...snapshot(tx, spec.target, record), ...(spec.links ? await spec.links(tx, record.id) : {}) };
}

/**
 * Imports organisation or service rows in one transaction, each row in a savepoint so that a
 * problem the database finds is reported for its row and the other rows are still checked.
 * Any problem, or a dry run, rolls everything back.
 */
async function importRecords<T extends ObjectLiteral & { id: string; version: number; slug: string }>(
  ctx: RequestContext,
  importer: RecordImport<T>,
  csv: string,
  dryRun: boolean,
): Promise<CsvImportResponse> {
  const known = [...importer.columns.map((c) => c.column), ...Object.keys(importer.referenceColumns)];
  const { table, errors } = readCsv(csv, { required: importer.required, optional: known.filter((c) => !importer.required.includes(c)) });
  if (!table) return refused(dryRun, errors);
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const changes: NonNullable<CsvImportBody['changes']> = [];
  const erased: ColumnMap = importer;
  try {
    await inTransaction(ctx, async (tx) => {
      const slugRows = new Map<string, number>();
      for (const { row, cells } of table.rows) {
        const reader = new RowReader(row, cells, table.separator);
        const slug = reader.text('slug');
        if (!slug) {
          errors.push({ row, column: 'slug', message: 'slug is required' });
          continue;
        }
        const earlier = slugRows.get(slug);
        if (earlier !== undefined) {
          errors.push({ row, column: 'slug', message: `Same slug as row ${earlier}` });
          continue;
        }
        slugRows.set(slug, row);
        try {
          // A savepoint per row: the database's own checks fail only this row.
          await tx.transaction(async (rowTx) => {
            const existing = await rowTx.getRepository(importer.spec.target).createQueryBuilder('r').setLock('pessimistic_write').where('r.slug = :slug', { slug }).getOne();
            const input = importer.inputClass(!existing) as Record<string, unknown>;
            for (const spec of importer.columns) {
              const value = spec.read(reader);
              if (value !== undefined) input[spec.property] = value;
            }
            input.slug = slug;
            if (reader.errors.length > 0) throw new Rollback();
            const invalid = await validate(input, { forbidUnknownValues: false });
            if (invalid.length > 0) {
              reader.errors.push(...validationMessages(invalid, erased, row));
              throw new Rollback();
            }
            const record = existing ?? importer.create(rowTx, slug);
            const before = existing ? await recordState(rowTx, importer.spec, existing) : null;
            await importer.apply(rowTx, ctx, record, input, reader);
            const links = await importer.links(rowTx, ctx, record, input, reader);
            if (reader.errors.length > 0) throw new Rollback();
            if (existing && before) {
              const linkState = Object.fromEntries(Object.keys(links).map((key) => [key, [...links[key]].sort()]));
              const planned = { ...before, ...snapshot(rowTx, importer.spec.target, record), ...linkState };
              if (Object.keys(diff(before, planned)).length === 0) {
                counts.unchanged += 1;
                return;
              }
              // Bump the version even when only links change.
              (record as ObjectLiteral).updatedAt = new Date();
            }
            const saved = await rowTx.getRepository(importer.spec.target).save(record);
            await importer.writeLinks(rowTx, saved.id, links);
            await recordChange(rowTx, ctx, {
              entityType: importer.spec.entityType,
              entityId: saved.id,
              action: existing ? ChangeAction.UPDATE : ChangeAction.CREATE,
              before,
              after: await recordState(rowTx, importer.spec, saved),
              via: 'csv-import',
            });
            if (existing) counts.updated += 1;
            else counts.created += 1;
            changes.push({ row, action: existing ? 'update' : 'create' });
          });
        } catch (error) {
          if (error instanceof Rollback) {
            errors.push(...reader.errors);
            continue;
          }
          const translated = translateDatabaseError(error);
          if (translated instanceof GraphQLError && typeof translated.extensions.field === 'string') {
            errors.push({ row, column: columnOfField(translated.extensions.field, erased), message: translated.message });
            continue;
          }
          throw translated;
        }
      }
      if (errors.length > 0 || dryRun) throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  if (errors.length > 0) return refused(dryRun, errors);
  return { status: 200, body: { dryRun, ...counts, errors: [], ...(dryRun ? { changes } : {}) } };
}

/** A reference column (`parent_slug`, `organisation_slug`) naming a record by slug. */
async function idBySlug(tx: EntityManager, table: 'organisation', slug: string, current: string | null, reader: RowReader, column: string): Promise<string | null | undefined> {
  const [row]: { id: string; archived_at: Date | null }[] = await tx.query(`SELECT id, archived_at FROM "${table}" WHERE slug = $1`, [slug]);
  if (!row) {
    reader.fail(column, `Unknown ${table} "${slug}"`);
    return undefined;
  }
  if (row.archived_at && row.id !== current) {
    reader.fail(column, `The ${table} "${slug}" is archived`);
    return undefined;
  }
  return row.id;
}

/** Area references of a list column, as ids; unknown ones fail the column. */
async function areaIdsOf(tx: EntityManager, refs: string[], current: string[], reader: RowReader, column: string): Promise<string[]> {
  const areas = await findAreasByReferences(tx, refs);
  const ids: string[] = [];
  for (const ref of refs) {
    const key = areaReferenceKey(ref);
    const area = areas.get(`${key.by}:${key.value}`);
    if (!area) reader.fail(column, `Unknown area "${ref}" (expected a CBS code, slug or id)`);
    else if (area.archivedAt && !current.includes(area.id)) reader.fail(column, `Area "${ref}" is archived`);
    else ids.push(area.id);
  }
  return [...new Set(ids)];
}

/** Code references of a list column via the services' `resolveReferences`; an error fails the column. */
async function idsByCode(tx: EntityManager, table: string, label: string, codes: string[], current: string[], reader: RowReader, column: string): Promise<string[]> {
  try {
    return await resolveReferences(tx, { table, by: 'code', values: codes, field: () => column, label, linked: current });
  } catch (error) {
    if (!(error instanceof BadUserInputError)) throw error;
    reader.fail(column, error.message);
    return [];
  }
}

async function organisationIdsBySlug(tx: EntityManager, slugs: string[], current: string[], reader: RowReader, column: string): Promise<string[]> {
  const rows: { id: string; slug: string; archived_at: Date | null }[] = await tx.query(`SELECT id, slug, archived_at FROM organisation WHERE slug = ANY($1)`, [slugs]);
  const bySlug = new Map(rows.map((row) => [row.slug, row]));
  const ids: string[] = [];
  for (const slug of slugs) {
    const row = bySlug.get(slug);
    if (!row) reader.fail(column, `Unknown organisation "${slug}"`);
    else if (row.archived_at && !current.includes(row.id)) reader.fail(column, `The organisation "${slug}" is archived`);
    else ids.push(row.id);
  }
  return [...new Set(ids)];
}

// Organisations --------------------------------------------------------------------------------

const ORGANISATION_COLUMNS: ColumnSpec[] = [
  text('name', 'name'),
  enumeration('sector', 'sector', Sector),
  text('description', 'description'),
  text('website', 'website'),
  text('email', 'email'),
  text('phone', 'phone'),
  text('abbreviation', 'abbreviation'),
  list('aliases', 'aliases'),
  enumeration('secondary_sector', 'secondarySector', Sector),
  text('subsector', 'subsector'),
  list('funding_streams', 'fundingStreams'),
  enumeration('scope', 'scope', OrganisationScope),
  bool('works_without_indication', 'worksWithoutIndication'),
  bool('generic', 'generic'),
  enumeration('status', 'status', OrganisationStatus),
  list('areas', 'areas'),
];

/** Export and import columns of organisations, in order. */
export const ORGANISATION_CSV_COLUMNS = ['slug', ...ORGANISATION_COLUMNS.slice(0, -2).map((c) => c.column), 'parent_slug', 'status', 'areas'];

const ORGANISATION_FIELDS = [
  'name', 'abbreviation', 'description', 'sector', 'secondarySector', 'subsector', 'scope', 'worksWithoutIndication', 'website', 'email', 'phone', 'status',
] as const;

const organisationImport: RecordImport<Organisation> = {
  spec: organisationCuration,
  columns: ORGANISATION_COLUMNS,
  required: ['slug', 'name', 'sector'],
  referenceColumns: { parent_slug: 'parentId' },
  inputClass: (creating) => (creating ? new CreateOrganisationInput() : new UpdateOrganisationInput()),
  create: (tx, slug) => tx.getRepository(Organisation).create({ slug, aliases: [], fundingStreams: [], generic: false, status: OrganisationStatus.ACTIVE, parentId: null }),
  // The same rules as `updateOrganisation` (organisation.service.ts).
  async apply(tx, _ctx, record, input, reader) {
    if (input.name === null) reader.fail('name', 'name cannot be empty');
    if (input.sector === null) reader.fail('sector', 'sector cannot be empty');
    applyFields(record, input, ORGANISATION_FIELDS);
    if (input.aliases !== undefined) record.aliases = (input.aliases as string[]).map((a) => a.trim()).filter(Boolean);
    if (input.fundingStreams !== undefined) record.fundingStreams = (input.fundingStreams as string[]).map((a) => a.trim()).filter(Boolean);
    if (input.generic !== undefined) record.generic = (input.generic as boolean | null) ?? false;
    if (input.status === null) record.status = OrganisationStatus.ACTIVE;
    if (typeof input.email === 'string') record.email = input.email.trim().toLowerCase();
    const parentSlug = reader.text('parent_slug');
    if (parentSlug !== undefined) {
      const parentId = parentSlug ? await idBySlug(tx, 'organisation', parentSlug, record.parentId, reader, 'parent_slug') : null;
      if (parentId !== undefined) {
        if (record.id) {
          try {
            await assertNoCycle(tx, 'organisation', record.id, parentId, 'input.parentId');
          } catch (error) {
            if (!(error instanceof BadUserInputError)) throw error;
            reader.fail('parent_slug', error.message);
          }
        }
        record.parentId = parentId;
      }
    }
  },
  async links(tx, _ctx, record, input, reader): Promise<Record<string, string[]>> {
    if (input.areas === undefined) return {};
    const current = record.id ? await linkedIds(tx, 'organisation_area', 'organisation_id', record.id, 'area_id') : [];
    return { areaIds: await areaIdsOf(tx, input.areas as string[], current, reader, 'areas') };
  },
  async writeLinks(tx, id, links) {
    if (links.areaIds) await replaceLinks(tx, 'organisation_area', 'organisation_id', id, 'area_id', links.areaIds);
  },
};

/** Current organisations (with `includeArchived` also archived ones), by slug. Public data only. */
export async function exportOrganisations(ctx: RequestContext, options: { includeArchived?: boolean; separator?: Separator } = {}): Promise<string> {
  const rows: Array<Record<string, unknown>> = await ctx.manager.query(
    `SELECT o.slug, o.name, o.sector, o.description, o.website, o.email, o.phone, o.abbreviation, o.aliases, o.secondary_sector, o.subsector,
            o.funding_streams, o.scope, o.works_without_indication, o.generic, p.slug AS parent_slug, o.status,
            ARRAY(SELECT coalesce(a.code, a.slug) FROM organisation_area oa JOIN area a ON a.id = oa.area_id WHERE oa.organisation_id = o.id ORDER BY 1) AS areas
       FROM organisation o LEFT JOIN organisation p ON p.id = o.parent_id
      ${options.includeArchived ? '' : 'WHERE o.archived_at IS NULL'}
      ORDER BY o.slug`,
  );
  return toCsv({ columns: ORGANISATION_CSV_COLUMNS, numberColumns: [] }, rows, options.separator ?? ',');
}

/** Admins only (checked by the router). */
export function importOrganisations(ctx: RequestContext, csv: string, dryRun: boolean): Promise<CsvImportResponse> {
  return importRecords(ctx, organisationImport, csv, dryRun);
}

// Services ---------------------------------------------------------------------------------------

const SERVICE_COLUMNS: ColumnSpec[] = [
  text('name', 'name'),
  text('description', 'description'),
  enumeration('status', 'status', ServiceStatus),
  int('min_age', 'minAge'),
  int('max_age', 'maxAge'),
  list('target_groups', 'targetGroups'),
  list('areas', 'areas'),
  text('abbreviation', 'abbreviation'),
  list('aliases', 'aliases'),
  text('eligibility', 'eligibility'),
  bool('requires_indication', 'requiresIndication'),
  bool('works_without_indication', 'worksWithoutIndication'),
  text('cost', 'cost'),
  list('languages', 'languages'),
  text('valid_from', 'validFrom'),
  text('valid_to', 'validTo'),
  text('period_description', 'periodDescription'),
  text('funding', 'funding'),
  text('frequency', 'frequency'),
  list('intervention_types', 'interventionTypes'),
];

/** Export and import columns of services, in order. */
export const SERVICE_CSV_COLUMNS = ['slug', 'name', 'organisation_slug', ...SERVICE_COLUMNS.slice(1).map((c) => c.column), 'partners'];

const SERVICE_FIELDS = [
  'name', 'abbreviation', 'description', 'eligibility', 'minAge', 'maxAge', 'requiresIndication', 'worksWithoutIndication',
  'cost', 'status', 'validFrom', 'validTo', 'periodDescription', 'funding', 'frequency',
] as const;

const serviceImport: RecordImport<Service> = {
  spec: serviceCuration,
  columns: SERVICE_COLUMNS,
  required: ['slug', 'name'],
  referenceColumns: { organisation_slug: 'organisationId', partners: 'partnerIds' },
  inputClass: (creating) => (creating ? new CreateServiceInput() : new UpdateServiceInput()),
  create: (tx, slug) => tx.getRepository(Service).create({ slug, organisationId: null, aliases: [], languages: [], results: [], status: ServiceStatus.ACTIVE }),
  // The same rules as `updateService` (service.service.ts).
  async apply(tx, _ctx, record, input, reader) {
    if (input.name === null) reader.fail('name', 'name cannot be empty');
    applyFields(record, input, SERVICE_FIELDS);
    if (input.status === null) record.status = ServiceStatus.ACTIVE;
    if (input.aliases !== undefined) record.aliases = input.aliases as string[];
    if (input.languages !== undefined) record.languages = input.languages as string[];
    if (record.minAge != null && record.maxAge != null && record.minAge > record.maxAge) {
      reader.fail(input.maxAge !== undefined ? 'max_age' : 'min_age', `min_age (${record.minAge}) must not be above max_age (${record.maxAge})`);
    }
    if (record.validFrom != null && record.validTo != null && record.validFrom > record.validTo) {
      reader.fail(input.validTo !== undefined ? 'valid_to' : 'valid_from', `valid_from (${record.validFrom}) must not be after valid_to (${record.validTo})`);
    }
    const organisationSlug = reader.text('organisation_slug');
    if (organisationSlug !== undefined) {
      const organisationId = organisationSlug ? await idBySlug(tx, 'organisation', organisationSlug, record.organisationId, reader, 'organisation_slug') : null;
      if (organisationId !== undefined) record.organisationId = organisationId;
    }
  },
  async links(tx, _ctx, record, input, reader) {
    const current = (table: string, column: string) => (record.id ? linkedIds(tx, table, 'service_id', record.id, column) : Promise.resolve([]));
    const links: Record<string, string[]> = {};
    if (input.targetGroups !== undefined) {
      links.targetGroupIds = await idsByCode(tx, 'target_group', 'target group', input.targetGroups as string[], await current('service_target_group', 'target_group_id'), reader, 'target_groups');
    }
    if (input.interventionTypes !== undefined) {
      links.interventionTypeIds = await idsByCode(
        tx, 'intervention_type', 'intervention type', input.interventionTypes as string[], await current('service_intervention_type', 'intervention_type_id'), reader, 'intervention_types',
      );
    }
    if (input.areas !== undefined) links.areaIds = await areaIdsOf(tx, input.areas as string[], await current('service_area', 'area_id'), reader, 'areas');
    const partners = reader.list('partners');
    if (partners !== undefined) links.partnerIds = await organisationIdsBySlug(tx, partners, await current('service_partner', 'organisation_id'), reader, 'partners');
    return links;
  },
  async writeLinks(tx, id, links) {
    if (links.targetGroupIds) await replaceLinks(tx, 'service_target_group', 'service_id', id, 'target_group_id', links.targetGroupIds);
    if (links.interventionTypeIds) await replaceLinks(tx, 'service_intervention_type', 'service_id', id, 'intervention_type_id', links.interventionTypeIds);
    if (links.areaIds) await replaceLinks(tx, 'service_area', 'service_id', id, 'area_id', links.areaIds);
    if (links.partnerIds) await replaceLinks(tx, 'service_partner', 'service_id', id, 'organisation_id', links.partnerIds);
  },
};

/** Current services (with `includeArchived` also archived ones), by slug. */
export async function exportServices(ctx: RequestContext, options: { includeArchived?: boolean; separator?: Separator } = {}): Promise<string> {
  const rows: Array<Record<string, unknown>> = await ctx.manager.query(
    `SELECT s.slug, s.name, o.slug AS organisation_slug, s.description, s.status, s.min_age, s.max_age,
            ARRAY(SELECT tg.code FROM service_target_group x JOIN target_group tg ON tg.id = x.target_group_id WHERE x.service_id = s.id ORDER BY 1) AS target_groups,
            ARRAY(SELECT coalesce(a.code, a.slug) FROM service_area x JOIN area a ON a.id = x.area_id WHERE x.service_id = s.id ORDER BY 1) AS areas,
            s.abbreviation, s.aliases, s.eligibility, s.requires_indication, s.works_without_indication, s.cost, s.languages,
            s.valid_from::text AS valid_from, s.valid_to::text AS valid_to, s.period_description, s.funding, s.frequency,
            ARRAY(SELECT it.code FROM service_intervention_type x JOIN intervention_type it ON it.id = x.intervention_type_id WHERE x.service_id = s.id ORDER BY 1) AS intervention_types,
            ARRAY(SELECT p.slug FROM service_partner x JOIN organisation p ON p.id = x.organisation_id WHERE x.service_id = s.id ORDER BY 1) AS partners
       FROM service s LEFT JOIN organisation o ON o.id = s.organisation_id
      ${options.includeArchived ? '' : 'WHERE s.archived_at IS NULL'}
      ORDER BY s.slug`,
  );
  return toCsv({ columns: SERVICE_CSV_COLUMNS, numberColumns: ['min_age', 'max_age'] }, rows, options.separator ?? ',');
}

/** Admins only (checked by the router). */
export function importServices(ctx: RequestContext, csv: string, dryRun: boolean): Promise<CsvImportResponse> {
  return importRecords(ctx, serviceImport, csv, dryRun);
}
