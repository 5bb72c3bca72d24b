import { GraphQLError } from 'graphql';
import type { EntityManager, ObjectLiteral } from 'typeorm';
import { BadUserInputError, type FieldProblem, ForbiddenError, InvalidInputError } from '../../common/errors';
import { withTransaction } from '../../common/transaction';
import type { RequestContext } from '../../context';
import { areaReferenceKey, findAreasByReferences } from '../area';
import { CuratedWrite, type CurationSpec, inTransaction, lockCuratedBy, translateDatabaseError } from '../curation';
import { resolveReferences } from '../service';
import { RowReader, readCsv } from './csv.read';
import { type CsvImportBody, type CsvImportResponse, type CsvRowError, refused } from './csv.report';
import { inputProblems } from './csv.validation';

/*
 * Organisations and services: one row per record, upserted by slug through the curation
 * module's write path (CuratedWrite, via 'csv-import'), each row in a savepoint. What a record
 * type adds — its columns, how a row applies to a record, its link lists — is a `RecordImport`
 * (csv.organisations.ts, csv.services.ts).
 */

export interface ColumnSpec {
  column: string;
  /** Input property (errors on `input.<property>` are this column's). */
  property: string;
  read: (reader: RowReader) => unknown;
}

export const text = (column: string, property: string): ColumnSpec => ({ column, property, read: (r) => r.text(column) });
export const int = (column: string, property: string): ColumnSpec => ({ column, property, read: (r) => r.int(column) });
export const bool = (column: string, property: string): ColumnSpec => ({ column, property, read: (r) => r.bool(column) });
export const decimal = (column: string, property: string): ColumnSpec => ({ column, property, read: (r) => r.decimal(column) });
export const list = (column: string, property: string): ColumnSpec => ({ column, property, read: (r) => r.list(column) });
export const enumeration = (column: string, property: string, values: Record<string, string>): ColumnSpec => ({ column, property, read: (r) => r.enumeration(column, values) });

export interface RecordImport<T extends ObjectLiteral & { id: string; version: number }> {
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
  /**
   * The row's key: `slug` (required, the default), or `id` for records without a slug (key
   * persons): a blank id adds a record, an id updates that record and must exist.
   */
  key?: 'slug' | 'id';
  /**
   * Who may change an existing record, as its GraphQL mutation checks it (e.g. the owning
   * organisation); a refusal is that row's error. Without it the router's check is the only one.
   */
  authorize?: (ctx: RequestContext, record: T) => void | Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Thrown to roll the import's transaction back (errors, or a dry run). */
class Rollback extends Error {}

export type ColumnMap = Pick<RecordImport<never>, 'columns' | 'referenceColumns'>;

/** `input.areas.2` → the column of `areas`. */
export function columnOfField(field: string, importer: ColumnMap): string | null {
  const property = field.replace(/^input\./, '').split('.')[0];
  if (property === 'slug' || property === 'id') return property;
  const byProperty = importer.columns.find((c) => c.property === property);
  if (byProperty) return byProperty.column;
  const reference = Object.entries(importer.referenceColumns).find(([, p]) => p === property);
  return reference ? reference[0] : null;
}

/** The input's problems (csv.validation.ts), one error per column: its messages joined, the first rule broken. */
function validationMessages(problems: FieldProblem[], importer: ColumnMap, row: number): CsvRowError[] {
  const byField = new Map<string, FieldProblem[]>();
  for (const problem of problems) {
    const field = problem.field.split('.').slice(0, 2).join('.');
    byField.set(field, [...(byField.get(field) ?? []), problem]);
  }
  return [...byField].map(([field, list]) => ({
    row,
    column: columnOfField(field, importer),
    message: list.map((problem) => problem.message).join('; '),
    ...(list[0].rule ? { rule: list[0].rule } : {}),
  }));
}

/**
 * Imports organisation or service rows in one transaction, each row in a savepoint so that a
 * problem the database finds is reported for its row and the other rows are still checked.
 * Any problem, or a dry run, rolls everything back.
 */
export async function importRecords<T extends ObjectLiteral & { id: string; version: number }>(
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
  const columns: ColumnMap = importer;
  try {
    await inTransaction(ctx, async (_tx, txCtx) => {
      const slugRows = new Map<string, number>();
      for (const { row, cells } of table.rows) {
        const reader = new RowReader(row, cells, table.separator);
        const keyColumn = importer.key ?? 'slug';
        const slug = reader.text(keyColumn)?.toLowerCase() ?? null;
        if (!slug && keyColumn === 'slug') {
          errors.push({ row, column: 'slug', message: 'slug is required' });
          continue;
        }
        if (slug && keyColumn === 'id' && !UUID.test(slug)) {
          errors.push({ row, column: 'id', message: `"${slug}" is not an id; leave it empty to add a new record` });
          continue;
        }
        const earlier = slug ? slugRows.get(slug) : undefined;
        if (earlier !== undefined) {
          errors.push({ row, column: keyColumn, message: `Same ${keyColumn} as row ${earlier}` });
          continue;
        }
        if (slug) slugRows.set(slug, row);
        try {
          // A savepoint per row (withTransaction inside a transaction): the database's own checks fail only this row.
          await withTransaction(txCtx, async (rowCtx) => {
            const rowTx = rowCtx.manager;
            const existing = slug ? await lockCuratedBy(rowTx, importer.spec, keyColumn, slug) : null;
            if (slug && !existing && keyColumn === 'id') {
              reader.fail('id', `No ${importer.spec.label.toLowerCase()} has the id ${slug}; leave it empty to add a new record`);
              throw new Rollback();
            }
            const input = importer.inputClass(!existing) as Record<string, unknown>;
            for (const spec of importer.columns) {
              const value = spec.read(reader);
              if (value !== undefined) input[spec.property] = value;
            }
            if (keyColumn === 'slug') input.slug = slug;
            if (reader.errors.length > 0) throw new Rollback();
            const invalid = await inputProblems(input);
            if (invalid.length > 0) {
              reader.errors.push(...validationMessages(invalid, columns, row));
              throw new Rollback();
            }
            // An import is "make it so": no version check, and a row that changes nothing is not written.
            const write = await CuratedWrite.begin(rowTx, rowCtx, importer.spec, existing, {
              via: 'csv-import',
              whenUnchanged: 'skip',
              ...(importer.authorize ? { authorize: (record: T) => importer.authorize!(rowCtx, record) } : {}),
            });
            const record = existing ?? importer.create(rowTx, slug ?? '');
            await importer.apply(rowTx, rowCtx, record, input, reader);
            const links = await importer.links(rowTx, rowCtx, record, input, reader);
            if (reader.errors.length > 0) throw new Rollback();
            const linkState = Object.fromEntries(Object.entries(links).map(([key, ids]) => [key, [...ids].sort()]));
            const { outcome } = await write.save(record, { links: linkState, writeLinks: (id) => importer.writeLinks(rowTx, id, links) });
            counts[outcome] += 1;
            if (outcome !== 'unchanged') changes.push({ row, action: outcome === 'created' ? 'create' : 'update' });
          });
        } catch (error) {
          if (error instanceof Rollback) {
            errors.push(...reader.errors);
            continue;
          }
          // The mutation's own authorisation (the owning organisation): this row may not be changed by this caller.
          if (error instanceof ForbiddenError) {
            errors.push({ row, column: null, message: error.message });
            continue;
          }
          const translated = translateDatabaseError(error);
          if (translated instanceof GraphQLError && typeof translated.extensions.field === 'string') {
            errors.push({ row, column: columnOfField(translated.extensions.field, columns), message: translated.message });
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

const ruleOf = (rule: unknown): string | undefined => (typeof rule === 'string' ? rule : undefined);

/** Reports the problems a feature's rules found (BadUserInputError naming `input.<property>`) on their columns. */
export function failOnColumns(reader: RowReader, importer: ColumnMap, problems: readonly BadUserInputError[]): void {
  for (const problem of problems) reader.fail(columnOfField(String(problem.extensions.field), importer), problem.message, ruleOf(problem.extensions.rule));
}

/**
 * Runs a feature's own rule function (the one its GraphQL mutation applies) and reports what it
 * refuses — one BadUserInputError or several at once — on the row's columns; other errors pass.
 */
export async function failOnColumnsOf(reader: RowReader, importer: ColumnMap, step: () => Promise<unknown> | unknown): Promise<void> {
  try {
    await step();
  } catch (error) {
    if (error instanceof InvalidInputError) {
      for (const problem of error.problems) reader.fail(columnOfField(problem.field, importer), problem.message, problem.rule);
    } else if (error instanceof BadUserInputError) {
      reader.fail(columnOfField(String(error.extensions.field), importer), error.message, ruleOf(error.extensions.rule));
    } else throw error;
  }
}

/** A reference column (`parent_slug`, `organisation_slug`) naming a record by slug. */
export async function idBySlug(tx: EntityManager, table: 'organisation', slug: string, current: string | null, reader: RowReader, column: string): Promise<string | null | undefined> {
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
export async function areaIdsOf(tx: EntityManager, refs: string[], current: string[], reader: RowReader, column: string): Promise<string[]> {
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
export async function idsByCode(tx: EntityManager, table: string, label: string, codes: string[], current: string[], reader: RowReader, column: string): Promise<string[]> {
  try {
    return await resolveReferences(tx, { table, by: 'code', values: codes, field: () => column, label, linked: current });
  } catch (error) {
    if (!(error instanceof BadUserInputError)) throw error;
    reader.fail(column, error.message);
    return [];
  }
}

export async function organisationIdsBySlug(tx: EntityManager, slugs: string[], current: string[], reader: RowReader, column: string): Promise<string[]> {
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
