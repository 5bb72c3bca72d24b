import { BadUserInputError, CodedError } from '../../common/errors';
import { withTransaction } from '../../common/transaction';
import type { RequestContext } from '../../context';
import { assertAdmin } from '../../auth/policy';
import { AreaLevel } from '../area/area.entity';
import { ancestorCode, endAreasMissingFromFile, importAreaByCode, levelOfCode } from '../area';
import { inTransaction } from '../curation';
import { Indicator, IndicatorUnit } from '../indicator/indicator.entity';
import { MissingReason } from '../key-figure/key-figure-missing.entity';
import {
  type CountryKeyFigureRow,
  type FigureKey,
  type KeyFigureRow,
  type MissingKeyFigureRow,
  importIndicator,
  keyFigureValueProblem,
  syncMissingKeyFigures,
  upsertCountryKeyFigures,
  upsertKeyFigureRows,
} from '../key-figure';
import { type CbsCell, type CbsRecord, type CbsTable, cellText } from './cbs-import.read';
import { DERIVED_SHARES, DESCRIPTOR_STEMS, KNOWN_MEASURES, REGION_STEMS, deriveShare, indicatorCodeOf, levelOfRegionKind, sourceOf, unitOf, yearOfPeriod } from './cbs-import.rules';

/*
 * The import of CBS's Kerncijfers wijken en buurten (docs/adopting.md): the areas the file lists
 * (gemeente, wijk, buurt, the hierarchy from their codes, the years they are valid), the
 * indicators its columns measure (made from the metadata on first import), the figures, the
 * shares derived from counts, and the places CBS publishes a symbol instead of a value. Written
 * through the features' own write paths — areas by `importAreaByCode` (the checks of
 * createArea), indicators by `createIndicator`, figures by `upsertKeyFigureRows` (the key-figure
 * rules), each with a history entry `via: cbs-import` — in one transaction; a dry run rolls it
 * back and answers the same report. A second import of the same file changes nothing.
 */

export type BadRowPolicy = 'skip' | 'refuse';

export interface CbsImportOptions {
  /** The year of a file that carries none (a one-year KWB table has no Perioden column). */
  year?: number;
  dryRun: boolean;
  /** `refuse` (default): a bad row refuses the file; `skip`: it is reported and left out. */
  onBadRow: BadRowPolicy;
  /** Only the rows of this municipality (GM0307) — CBS's national file lists every municipality. */
  municipality?: string;
}

export interface CbsRowProblem {
  /** The column as the file names it; null for the row as a whole. */
  column: string | null;
  message: string;
}

export interface CbsRowReport {
  row: number;
  code: string | null;
  name: string | null;
  level: AreaLevel | null;
  /** What happened to the area (`skipped`: the row was left out; `country`: Nederland, not an area). */
  area: 'created' | 'updated' | 'unchanged' | 'skipped' | 'country';
  figures: { created: number; updated: number; unchanged: number; missing: number; derived: number };
  problems: CbsRowProblem[];
}

export interface CbsImportReport {
  dryRun: boolean;
  format: CbsTable['format'];
  year: number | null;
  source: string | null;
  onBadRow: BadRowPolicy;
  /** True when a bad row refused the file: nothing was written. */
  refused: boolean;
  rows: number;
  imported: number;
  skipped: number;
  areas: { created: number; updated: number; unchanged: number; ended: string[] };
  indicators: { created: string[]; used: string[] };
  keyFigures: { created: number; updated: number; unchanged: number; derived: number };
  /** Figures of the whole country (the file's NL00 row), kept for the national comparison. */
  countryFigures: { created: number; updated: number; unchanged: number };
  missing: { created: number; updated: number; unchanged: number; cleared: number; byReason: Record<MissingReason, number> };
  /** Columns that are no figure Schakel can store without metadata (a CSV without DataProperties). */
  ignoredColumns: string[];
  report: CbsRowReport[];
}

/** A figure column: its stem, the indicator it feeds and the factor into that indicator's unit. */
interface FigureColumn {
  stem: string;
  key: string;
  code: string;
  nameNl: string;
  nameEn: string;
  unit: IndicatorUnit;
  factor: number;
  cbsUnit: string | null;
}

/** A row after reading: the region and its cells. */
interface ReadRow {
  record: CbsRecord;
  report: CbsRowReport;
  code: string | null;
  parentCode: string | null;
  year: number | null;
}

class Rollback extends Error {}

const LEVEL_ORDER: Record<AreaLevel, number> = { [AreaLevel.MUNICIPALITY]: 0, [AreaLevel.DISTRICT]: 1, [AreaLevel.NEIGHBOURHOOD]: 2 };

/** The figure columns of the table, and the numeric-looking columns left out for want of metadata. */
function figureColumns(table: CbsTable): { columns: FigureColumn[]; ignored: string[] } {
  const regionStems = new Set<string>(Object.values(REGION_STEMS));
  const columns: FigureColumn[] = [];
  const ignored: string[] = [];
  for (const property of table.columns.values()) {
    if (regionStems.has(property.stem) || DESCRIPTOR_STEMS.has(property.stem)) continue;
    const known = KNOWN_MEASURES[property.stem];
    if (property.kind === 'text' || property.kind === 'dimension') continue;
    if (property.kind === null && !known) {
      // A CSV carries no metadata: a column Schakel does not know is reported, not guessed at.
      const numeric = table.records.some((r) => r.cells.get(property.stem)?.kind === 'number');
      if (numeric) ignored.push(property.key);
      continue;
    }
    const cbsUnit = property.unit ?? known?.cbsUnit ?? null;
    const { unit, factor } = unitOf(cbsUnit);
    const title = property.title ?? known?.titleNl ?? property.stem;
    const unitText = cbsUnit && unit !== IndicatorUnit.PERCENT && cbsUnit !== 'aantal' ? ` (${factor === 1 ? cbsUnit : unit === IndicatorUnit.EUR ? 'euro' : cbsUnit})` : '';
    columns.push({
      stem: property.stem,
      key: property.key,
      code: known?.code ?? indicatorCodeOf(property.stem),
      nameNl: `${title}${unitText}`.slice(0, 300),
      nameEn: `${known?.titleEn ?? title}${unitText}`.slice(0, 300),
      unit,
      factor,
      cbsUnit,
    });
  }
  return { columns, ignored };
}

function emptyFigures(): CbsRowReport['figures'] {
  return { created: 0, updated: 0, unchanged: 0, missing: 0, derived: 0 };
}

/** The region of a row, its year and the problems of reading it. */
function readRow(table: CbsTable, record: CbsRecord, columns: FigureColumn[], options: CbsImportOptions): ReadRow {
  const report: CbsRowReport = { row: record.row, code: null, name: null, level: null, area: 'skipped', figures: emptyFigures(), problems: [] };
  const problem = (column: string | null, message: string) => report.problems.push({ column, message });
  const keyOf = (stem: string) => table.columns.get(stem)?.key ?? stem;
  if (record.problem) problem(null, record.problem);
  const region = cellText(record.cells.get(REGION_STEMS.region));
  const coding = cellText(record.cells.get(REGION_STEMS.code));
  // WijkenEnBuurten holds the code (OData, CSV without labels) or the name (CSV with labels, Codering then holds the code).
  const regionIsCode = region !== null && /^(GM|WK|BU|NL)\d+$/i.test(region);
  const code = (coding ?? (regionIsCode ? region : null))?.toUpperCase() ?? null;
  const kind = levelOfRegionKind(cellText(record.cells.get(REGION_STEMS.kind)));
  const municipalityName = cellText(record.cells.get(REGION_STEMS.municipalityName));
  report.code = code;
  /** The row's year and the checks of its figures: the same for an area's row and the country's. */
  const checkPeriodAndFigures = (): number | null => {
    const period = record.cells.get(REGION_STEMS.period);
    const periodYear = period ? yearOfPeriod(cellText(period)) : null;
    if (period && periodYear === null) problem(keyOf(REGION_STEMS.period), `"${cellText(period) ?? ''}" is not a year (such as 2023JJ00)`);
    for (const column of columns) {
      const cell = record.cells.get(column.stem);
      if (!cell || cell.kind === 'empty' || cell.kind === 'missing') continue;
      if (cell.kind === 'text') {
        problem(column.key, `"${cell.value}" is no number and no CBS symbol (. x -)`);
        continue;
      }
      const valueProblem = keyFigureValueProblem(column.unit, cell.value * column.factor);
      if (valueProblem) problem(column.key, `${cell.value} ${valueProblem}`);
    }
    return periodYear ?? options.year ?? table.mapYear;
  };
  if (kind === 'country' || code?.startsWith('NL')) {
    // Nederland is no area: its figures are the country's (country_key_figure), the national comparison.
    report.area = 'country';
    report.name = region && !regionIsCode ? region : 'Nederland';
    return { record, report, code: null, parentCode: null, year: checkPeriodAndFigures() };
  }
  const level = code ? levelOfCode(code) : null;
  report.level = level;
  if (!code) problem(keyOf(table.columns.has(REGION_STEMS.code) ? REGION_STEMS.code : REGION_STEMS.region), 'The row names no region code (GM, WK or BU)');
  else if (!level) problem(keyOf(REGION_STEMS.code), `"${code}" is not a CBS area code (GM + 4, WK + 6 or BU + 8 digits)`);
  else if (kind !== null && kind !== level) problem(keyOf(REGION_STEMS.kind), `SoortRegio says ${String(kind).toLowerCase()}, the code ${code} is a ${level.toLowerCase()}`);
  report.name = (region && !regionIsCode ? region : null) ?? (code ? table.regionNames.get(code) ?? null : null) ?? (level === AreaLevel.MUNICIPALITY ? municipalityName : null);

  const year = checkPeriodAndFigures();
  const parentCode = code && level === AreaLevel.DISTRICT ? ancestorCode(code, AreaLevel.MUNICIPALITY) : code && level === AreaLevel.NEIGHBOURHOOD ? ancestorCode(code, AreaLevel.DISTRICT) : null;
  return { record, report, code, parentCode, year };
}

function numberOf(cell: CbsCell | undefined): number | null {
  return cell?.kind === 'number' ? cell.value : null;
}

/** Imports a read table (see the module comment). Admins. */
export async function importCbsTable(ctx: RequestContext, table: CbsTable, options: CbsImportOptions): Promise<CbsImportReport> {
  assertAdmin(ctx, 'Only admins import CBS files');
  if (!table.columns.has(REGION_STEMS.region) && !table.columns.has(REGION_STEMS.code)) {
    throw new BadUserInputError('file', 'The file has no WijkenEnBuurten or Codering column: it is not a Kerncijfers wijken en buurten table');
  }
  if (options.municipality !== undefined && !/^GM\d{4}$/.test(options.municipality)) throw new BadUserInputError('municipality', 'municipality must be a CBS code such as GM0307');
  if (options.year !== undefined && table.mapYear !== null && options.year !== table.mapYear) {
    throw new BadUserInputError('year', `The file is the table of ${table.mapYear} (its DataProperties' MapYear); year ${options.year} contradicts it`);
  }
  const { columns, ignored } = figureColumns(table);
  if (columns.length === 0) throw new BadUserInputError('file', 'The file has no column of figures Schakel knows; with a CSV download, give its DataProperties too (the OData JSON)');

  let rows = table.records.map((record) => readRow(table, record, columns, options));
  if (options.municipality) {
    const digits = options.municipality.slice(2);
    rows = rows.filter((row) => row.report.area === 'country' || (row.code !== null && row.code.slice(2, 6) === digits));
  }
  const years = new Set(rows.filter((r) => r.report.area !== 'country').map((r) => r.year));
  if (years.has(null)) throw new BadUserInputError('year', 'The file carries no year (a one-year Kerncijfers wijken en buurten table does not): give year=YYYY (--year on the command line)');
  if (options.year !== undefined && table.columns.has(REGION_STEMS.period)) rows = rows.filter((r) => r.year === options.year);

  const report: CbsImportReport = {
    dryRun: options.dryRun,
    format: table.format,
    year: years.size === 1 ? ([...years][0] as number) : null,
    source: years.size === 1 ? sourceOf([...years][0] as number) : null,
    onBadRow: options.onBadRow,
    refused: false,
    rows: rows.length,
    imported: 0,
    skipped: 0,
    areas: { created: 0, updated: 0, unchanged: 0, ended: [] },
    indicators: { created: [], used: [] },
    keyFigures: { created: 0, updated: 0, unchanged: 0, derived: 0 },
    countryFigures: { created: 0, updated: 0, unchanged: 0 },
    missing: { created: 0, updated: 0, unchanged: 0, cleared: 0, byReason: { [MissingReason.UNKNOWN]: 0, [MissingReason.SECRET]: 0, [MissingReason.NIL]: 0 } },
    ignoredColumns: ignored,
    report: rows.map((r) => r.report),
  };
  const finish = () => {
    report.skipped = report.report.filter((r) => r.area !== 'country' && (r.area === 'skipped' || r.problems.length > 0)).length;
    report.imported = report.report.filter((r) => r.area !== 'country' && r.area !== 'skipped' && r.problems.length === 0).length;
    return report;
  };
  const refuse = () => {
    report.refused = true;
    for (const row of report.report) if (row.area !== 'country') row.area = 'skipped';
    report.areas = { created: 0, updated: 0, unchanged: 0, ended: [] };
    report.indicators.created = [];
    report.keyFigures = { created: 0, updated: 0, unchanged: 0, derived: 0 };
    report.countryFigures = { created: 0, updated: 0, unchanged: 0 };
    report.missing = { created: 0, updated: 0, unchanged: 0, cleared: 0, byReason: { [MissingReason.UNKNOWN]: 0, [MissingReason.SECRET]: 0, [MissingReason.NIL]: 0 } };
    for (const row of report.report) row.figures = emptyFigures();
    return finish();
  };

  // Areas in the order of their hierarchy; a duplicate code is a bad row.
  const regionRows = rows.filter((r) => r.report.area !== 'country');
  regionRows.sort((a, b) => (a.report.level ? LEVEL_ORDER[a.report.level] : 3) - (b.report.level ? LEVEL_ORDER[b.report.level] : 3) || (a.code ?? '').localeCompare(b.code ?? ''));
  const firstRowOf = new Map<string, number>();
  for (const row of regionRows) {
    if (!row.code) continue;
    const key = `${row.code}|${row.year}`;
    const first = firstRowOf.get(key);
    if (first !== undefined) row.report.problems.push({ column: null, message: `The same region and year as row ${first}` });
    else firstRowOf.set(key, row.record.row);
  }
  const countryRows = rows.filter((r) => r.report.area === 'country');
  if (options.onBadRow === 'refuse' && rows.some((r) => r.report.problems.length > 0)) return refuse();

  try {
    await inTransaction(ctx, async (tx, txCtx) => {
      // The parents: in the file (and not left out) or known already.
      const known = new Set<string>(
        (await tx.query(`SELECT code FROM area WHERE code = ANY($1)`, [[...new Set(regionRows.map((r) => r.parentCode).filter((c): c is string => c !== null))]])).map((r: { code: string }) => r.code),
      );
      const good = new Set<string>();
      for (const row of regionRows) {
        if (row.report.problems.length === 0 && row.parentCode && !good.has(row.parentCode) && !known.has(row.parentCode)) {
          row.report.problems.push({ column: null, message: `${row.code} lies in ${row.parentCode}, which is neither in the file nor known` });
        }
        if (row.report.problems.length === 0 && row.code) good.add(row.code);
      }
      if (options.onBadRow === 'refuse' && regionRows.some((r) => r.report.problems.length > 0)) throw new Rollback();

      // Indicators: the columns' and the derived shares', made on first import.
      const present = new Set(columns.map((c) => c.stem));
      const shares = DERIVED_SHARES.filter((share) => present.has(share.numerator) && present.has(share.denominator));
      const wanted = [
        ...columns.map((c) => ({ code: c.code, nameNl: c.nameNl, nameEn: c.nameEn, unit: c.unit, description: `CBS StatLine, Kerncijfers wijken en buurten: ${c.key}${c.cbsUnit ? ` (${c.cbsUnit})` : ''}` })),
        ...shares.map((s) => ({ code: s.code, nameNl: s.nameNl, nameEn: s.nameEn, unit: IndicatorUnit.PERCENT, description: `Derived by Schakel from CBS's ${s.numerator} and ${s.denominator}` })),
      ];
      const existing = new Map((await tx.getRepository(Indicator).find()).map((i) => [i.code, i]));
      const indicatorIds = new Map<string, string>();
      for (const w of wanted) {
        let indicator = existing.get(w.code);
        if (indicator && indicator.unit !== w.unit) throw new BadUserInputError('file', `Indicator ${w.code} is measured in ${indicator.unit}; the file's column is ${w.unit}`);
        if (!indicator) {
          indicator = await importIndicator(txCtx, w, 'cbs-import');
          report.indicators.created.push(w.code);
        } else report.indicators.used.push(w.code);
        indicatorIds.set(w.code, indicator.id);
      }

      // Areas, each in a savepoint: a row the area rules refuse is reported on its own.
      const takenSlugs = new Set<string>();
      const areaIds = new Map<string, string>();
      for (const row of regionRows) {
        if (row.report.problems.length > 0 || !row.code) continue;
        if (row.parentCode && !areaIds.has(row.parentCode) && !known.has(row.parentCode)) {
          row.report.problems.push({ column: null, message: `${row.code} lies in ${row.parentCode}, which was left out` });
          continue;
        }
        try {
          const { outcome, area } = await withTransaction(txCtx, (rowCtx) =>
            importAreaByCode(rowCtx, { code: row.code!, name: row.report.name, parentCode: row.parentCode, year: row.year }, { via: 'cbs-import', takenSlugs }),
          );
          row.report.area = outcome;
          row.report.name = area.name;
          report.areas[outcome] += 1;
          areaIds.set(row.code, area.id);
        } catch (error) {
          if (!(error instanceof CodedError)) throw error;
          row.report.problems.push({ column: null, message: error.message });
        }
      }
      if (options.onBadRow === 'refuse' && regionRows.some((r) => r.report.problems.length > 0)) throw new Rollback();

      // A file that lists a whole municipality ends its areas the file no longer lists.
      const listed = new Set(regionRows.map((r) => r.code).filter((c): c is string => c !== null));
      for (const row of regionRows) {
        if (row.report.level === AreaLevel.MUNICIPALITY && row.code && areaIds.has(row.code) && row.year !== null) {
          const ended = await endAreasMissingFromFile(txCtx, row.code, listed, row.year, { via: 'cbs-import' });
          report.areas.ended.push(...ended.map((e) => `${e.code} (valid to ${e.validity.validToYear})`));
        }
      }

      // A row's values (the columns', then the derived shares') and its symbols: the same for an area and the country.
      const valuesOf = (row: ReadRow) => {
        const values: Array<{ indicator: string; value: number; note: string | null; derived: boolean }> = [];
        const symbols: Array<{ indicator: string; reason: MissingKeyFigureRow['reason'] }> = [];
        for (const column of columns) {
          const cell = row.record.cells.get(column.stem);
          if (cell?.kind === 'number') values.push({ indicator: column.code, value: cell.value * column.factor, note: null, derived: false });
          else if (cell?.kind === 'missing') symbols.push({ indicator: column.code, reason: cell.reason });
        }
        for (const share of shares) {
          const numerator = numberOf(row.record.cells.get(share.numerator));
          const denominator = numberOf(row.record.cells.get(share.denominator));
          const value = numerator === null || denominator === null ? null : deriveShare(numerator, denominator);
          if (value !== null) values.push({ indicator: share.code, value, note: `${share.numerator} / ${share.denominator} × 100`, derived: true });
        }
        return { values, symbols };
      };

      // Figures, derived shares and missing marks of the rows whose area was written.
      const build = (included: ReadRow[]) => {
        const figures: KeyFigureRow[] = [];
        const rowOf: ReadRow[] = [];
        const missing: Array<MissingKeyFigureRow & { row: ReadRow }> = [];
        for (const row of included) {
          const areaId = areaIds.get(row.code!)!;
          const source = sourceOf(row.year!);
          const { values, symbols } = valuesOf(row);
          for (const v of values) {
            figures.push({ area: row.code!, indicator: v.indicator, year: row.year, value: v.value, source, note: v.note, ...(v.derived ? { derived: true } : {}) });
            rowOf.push(row);
          }
          for (const m of symbols) missing.push({ areaId, indicatorId: indicatorIds.get(m.indicator)!, year: row.year!, source, reason: m.reason, row });
        }
        return { figures, rowOf, missing };
      };
      let included = regionRows.filter((r) => r.report.problems.length === 0 && r.code && areaIds.has(r.code));
      let built = build(included);
      let result = await upsertKeyFigureRows(txCtx, built.figures, { via: 'cbs-import', dryRun: true, rowLabel: (i) => `row ${built.rowOf[i].record.row}` });
      if (result.problems.length > 0) {
        for (const problem of result.problems) {
          const row = built.rowOf[problem.index];
          const figure = built.figures[problem.index];
          const column = columns.find((c) => c.code === figure.indicator)?.key ?? figure.indicator;
          row.report.problems.push({ column, message: problem.message });
        }
        if (options.onBadRow === 'refuse') throw new Rollback();
        included = included.filter((r) => r.report.problems.length === 0);
        built = build(included);
      }
      result = await upsertKeyFigureRows(txCtx, built.figures, { via: 'cbs-import', rowLabel: (i) => `row ${built.rowOf[i].record.row}` });
      if (result.problems.length > 0 || !result.outcome) throw new Error(`Key figures refused after their check: ${result.problems[0]?.message}`);
      const outcome = result.outcome;
      outcome.actions.forEach((action, i) => {
        const row = built.rowOf[i];
        const figure = built.figures[i];
        const key = action === 'create' ? 'created' : action === 'update' ? 'updated' : 'unchanged';
        row.report.figures[key] += 1;
        report.keyFigures[key] += 1;
        if (figure.derived) {
          row.report.figures.derived += 1;
          report.keyFigures.derived += 1;
        }
      });
      const valued: FigureKey[] = built.figures.map((f) => ({ areaId: areaIds.get(f.area)!, indicatorId: indicatorIds.get(f.indicator)!, year: f.year!, source: f.source }));
      const marks = await syncMissingKeyFigures(txCtx, built.missing, valued);
      report.missing = { ...marks, byReason: report.missing.byReason };
      for (const mark of built.missing) {
        mark.row.report.figures.missing += 1;
        report.missing.byReason[mark.reason] += 1;
      }
      // The country's figures (a bad NL00 row is left out, as a bad area row is): the national comparison.
      const countryFigures: CountryKeyFigureRow[] = countryRows
        .filter((row) => row.report.problems.length === 0 && row.year !== null)
        .flatMap((row) => valuesOf(row).values.map((v) => ({ indicatorId: indicatorIds.get(v.indicator)!, year: row.year!, value: v.value, source: sourceOf(row.year!), derived: v.derived })));
      report.countryFigures = await upsertCountryKeyFigures(txCtx, countryFigures);
      // A row whose figures were refused keeps its area as written (it met the area rules); its figures are left out.
      if (options.dryRun) throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
    if (options.onBadRow === 'refuse' && regionRows.some((r) => r.report.problems.length > 0)) return refuse();
  }
  return finish();
}
