import { randomUUID } from 'node:crypto';
import { type EntityManager, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { type Connection, pageRequest } from '../../common/connection';
import { BadUserInputError, ConflictError } from '../../common/errors';
import { paginate } from '../../common/paging';
import { idByCode } from '../../common/references';
import type { RequestContext } from '../../context';
import { areaReferenceKey, areaValidIn, describeValidity, findAreasByReferences, resolveAreaArgument } from '../area';
import { forbidden, unauthenticated } from '../../auth/auth.rules';
import { assertAdmin, isAdmin } from '../../auth/policy';
import { assertMayCurateKeyFiguresOf } from './key-figure.policy';
import { inMunicipalityScope, municipalityAreaIds } from '../../auth/municipality-scope';
import { recordedOrganisationId } from '../../auth/acting-organisation';
import { ChangeAction, ChangeRecord, CuratedEntityType } from '../curation/change-record.entity';
import { applyFields, assertVersion, type ChangeVia, createCurated, CuratedWrite, type CurationSpec, diff, inTransaction, lockForChange, recordChange, registerConstraintFields, setArchived, snapshot, updateCurated } from '../curation';
import { Indicator, IndicatorUnit } from '../indicator/indicator.entity';
import { Area } from '../area/area.entity';
import { KeyFigure } from './key-figure.entity';
import {
  UNIT_RANGE,
  keyFigureNote,
  keyFigureSource,
  keyFigureValueMissing,
  keyFigureValueProblem,
  keyFigureYearProblem,
  roundKeyFigureValue,
} from './key-figure.rules';
import type { CreateIndicatorInput, IndicatorsArgs, KeyFigureInput, KeyFiguresArgs, UpdateIndicatorInput, UpdateKeyFigureInput } from './key-figure.inputs';

export function keyFiguresOfArea(ctx: RequestContext, areaId: string, year: number | null, indicatorCode: string | null): Promise<KeyFigure[]> {
  return ctx.loaders.keyFiguresByArea(year, indicatorCode).load(areaId);
}

export async function listKeyFigures(ctx: RequestContext, args: KeyFiguresArgs): Promise<Connection<KeyFigure>> {
  const page = pageRequest(args);
  const qb = ctx.manager.getRepository(KeyFigure).createQueryBuilder('kf');
  if (args.area) {
    const area = await resolveAreaArgument(ctx, args.area, 'area');
    qb.andWhere('kf.areaId = :areaId', { areaId: area.id });
  }
  if (args.indicator) {
    const indicatorId = await idByCode(ctx.manager, Indicator, args.indicator, 'indicator', 'indicator');
    qb.andWhere('kf.indicatorId = :indicatorId', { indicatorId });
  }
  if (args.year !== undefined && args.year !== null) qb.andWhere('kf.year = :year', { year: args.year });
  return paginate(qb, page, null);
}

export async function listIndicators(ctx: RequestContext, args: IndicatorsArgs): Promise<Connection<Indicator>> {
  const qb = ctx.manager.getRepository(Indicator).createQueryBuilder('indicator');
  if (!args.includeArchived) qb.andWhere('indicator.archivedAt IS NULL');
  return paginate(qb, pageRequest(args), 'code');
}

// ---------------------------------------------------------------------------------------------
// Curation: indicators (admins)

export const indicatorCuration: CurationSpec<Indicator> = {
  target: Indicator,
  entityType: CuratedEntityType.INDICATOR,
  label: 'Indicator',
  authorize: (ctx) => assertAdmin(ctx, 'Only admins change indicators'),
};

registerConstraintFields({ UQ_indicator_code: 'input.code', CHK_indicator_unit: 'input.unit' });

const INDICATOR_FIELDS = ['code', 'nameNl', 'nameEn', 'unit', 'description'] as const;

function applyIndicatorInput(record: Indicator, input: CreateIndicatorInput | UpdateIndicatorInput): void {
  for (const field of ['code', 'nameNl', 'nameEn', 'unit'] as const) {
    if (input[field] === null) throw new BadUserInputError(`input.${field}`, `${field} cannot be empty`);
  }
  applyFields(record, input, INDICATOR_FIELDS);
}

/**
 * A unit change is allowed only when every existing figure of the indicator fits the new unit's
 * range (the composite foreign key then carries the new unit into key_figure).
 */
async function assertFiguresFitUnit(tx: EntityManager, indicatorId: string, unit: IndicatorUnit): Promise<void> {
  const range = UNIT_RANGE[unit];
  const [row]: { n: string; lowest: string | null; highest: string | null }[] = await tx.query(
    `SELECT count(*) AS n, min(value) AS lowest, max(value) AS highest FROM key_figure
      WHERE indicator_id = $1 AND (($2::numeric IS NOT NULL AND value < $2::numeric) OR ($3::numeric IS NOT NULL AND value > $3::numeric))`,
    [indicatorId, range.min, range.max],
  );
  const n = Number(row.n);
  if (n > 0) {
    throw new BadUserInputError(
      'input.unit',
      `${n} key figure${n === 1 ? '' : 's'} of this indicator (values ${row.lowest} to ${row.highest}) would not be ${range.text}; correct or delete them before changing the unit to ${unit}`,
    );
  }
}

export async function createIndicator(ctx: RequestContext, input: CreateIndicatorInput): Promise<Indicator> {
  assertAdmin(ctx, 'Only admins add indicators');
  return createCurated(ctx, indicatorCuration, (tx) => {
    const draft = tx.getRepository(Indicator).create({ description: null });
    applyIndicatorInput(draft, input);
    return draft;
  });
}

/**
 * An indicator an import makes (the CBS import, on the first import of a column), in the caller's
 * transaction (`ctx` is its context), with a history entry of the import's channel. Admins.
 */
export async function importIndicator(ctx: RequestContext, input: CreateIndicatorInput, via: ChangeVia): Promise<Indicator> {
  assertAdmin(ctx, 'Only admins add indicators');
  const write = await CuratedWrite.begin(ctx.manager, ctx, indicatorCuration, null, { via });
  const draft = ctx.manager.getRepository(Indicator).create({ description: null });
  applyIndicatorInput(draft, input);
  return (await write.save(draft)).record;
}

export async function updateIndicator(ctx: RequestContext, id: string, version: number, input: UpdateIndicatorInput): Promise<Indicator> {
  assertAdmin(ctx, 'Only admins change indicators');
  return updateCurated(ctx, indicatorCuration, id, version, async (record, tx) => {
    const previousUnit = record.unit;
    applyIndicatorInput(record, input);
    if (record.unit !== previousUnit) await assertFiguresFitUnit(tx, record.id, record.unit);
  });
}

/** Archived indicators leave lists; their figures stay, but no new figures can be added. */
export function setIndicatorArchived(ctx: RequestContext, id: string, version: number, archived: boolean): Promise<Indicator> {
  return setArchived(ctx, indicatorCuration, id, version, archived, (_record, ctx) => assertAdmin(ctx, 'Only admins archive indicators'));
}

// ---------------------------------------------------------------------------------------------
// Curation: key figures (admins; municipality users for their areas and everything below)

export const keyFigureCuration: CurationSpec<KeyFigure> = {
  target: KeyFigure,
  entityType: CuratedEntityType.KEY_FIGURE,
  label: 'Key figure',
  authorize: (ctx, record) => assertMayCurateKeyFiguresOf(ctx, record.areaId),
};

registerConstraintFields({
  UQ_key_figure_area_indicator_year_source: 'input.source',
  FK_key_figure_area: 'input.area',
  FK_key_figure_indicator: 'input.indicator',
  CHK_key_figure_year: 'input.year',
  CHK_key_figure_percent: 'input.value',
  CHK_key_figure_rating: 'input.value',
  CHK_key_figure_non_negative: 'input.value',
});

async function indicatorByCode(ctx: RequestContext, code: string, field: string): Promise<Indicator> {
  const indicator = await ctx.manager.getRepository(Indicator).findOneBy({ code: code.trim() });
  if (!indicator) throw new BadUserInputError(field, `Unknown indicator code "${code}"`);
  return indicator;
}

/** A figure of a year belongs to the area (code) valid that year (area.rules.ts). */
function notValidThatYear(area: Area, year: number): BadUserInputError {
  return new BadUserInputError('input.year', `Area ${area.code ?? area.slug} is ${describeValidity(area)}, not in ${year}: its figures of ${year} belong to the area valid that year`);
}

function conflictingFigure(existingId: string): ConflictError {
  return new ConflictError(`A key figure for this area, indicator, year and source already exists (${existingId}); change that one instead`, 'input.source', { existingId });
}

async function findByNaturalKey(tx: EntityManager, figure: Pick<KeyFigure, 'areaId' | 'indicatorId' | 'year' | 'source'>): Promise<{ id: string } | undefined> {
  const [row]: { id: string }[] = await tx.query(
    `SELECT id FROM key_figure WHERE area_id = $1 AND indicator_id = $2 AND year IS NOT DISTINCT FROM $3::smallint AND source = $4`,
    [figure.areaId, figure.indicatorId, figure.year, figure.source],
  );
  return row;
}

function trimmedSource(source: string, field: string): string {
  const checked = keyFigureSource(source, 'cannot be empty');
  if ('problem' in checked) throw new BadUserInputError(field, checked.problem);
  return checked.source;
}

/** One new figure. */
export async function createKeyFigure(ctx: RequestContext, input: KeyFigureInput): Promise<KeyFigure> {
  const area = await resolveAreaArgument(ctx, input.area, 'input.area');
  await assertMayCurateKeyFiguresOf(ctx, area.id);
  if (area.archivedAt) throw new BadUserInputError('input.area', `Area "${area.slug}" is archived`);
  if (typeof input.year === 'number' && !areaValidIn(area, input.year)) throw notValidThatYear(area, input.year);
  const indicator = await indicatorByCode(ctx, input.indicator, 'input.indicator');
  if (indicator.archivedAt) throw new BadUserInputError('input.indicator', `Indicator "${indicator.code}" is archived`);
  const problem = keyFigureValueProblem(indicator.unit, input.value);
  if (problem) throw new BadUserInputError('input.value', `value ${problem}`);
  const source = trimmedSource(input.source, 'input.source');
  return createCurated(ctx, keyFigureCuration, async (tx) => {
    const draft = tx.getRepository(KeyFigure).create({
      derived: false,
      areaId: area.id,
      indicatorId: indicator.id,
      indicatorUnit: indicator.unit,
      year: input.year ?? null,
      value: roundKeyFigureValue(input.value),
      source,
      note: input.note?.trim() || null,
    });
    const existing = await findByNaturalKey(tx, draft);
    if (existing) throw conflictingFigure(existing.id);
    return draft;
  });
}

/** Change a figure; moving it to another area needs the right to both areas. */
export async function updateKeyFigure(ctx: RequestContext, id: string, version: number, input: UpdateKeyFigureInput): Promise<KeyFigure> {
  for (const field of ['area', 'indicator', 'value', 'source'] as const) {
    if (input[field] === null) throw new BadUserInputError(`input.${field}`, `${field} cannot be empty`);
  }
  const area = input.area ? await resolveAreaArgument(ctx, input.area, 'input.area') : null;
  const indicator = input.indicator ? await indicatorByCode(ctx, input.indicator, 'input.indicator') : null;
  return updateCurated(ctx, keyFigureCuration, id, version, async (record, tx, ctx) => {
    if (area && area.id !== record.areaId) {
      await assertMayCurateKeyFiguresOf(ctx, area.id);
      if (area.archivedAt) throw new BadUserInputError('input.area', `Area "${area.slug}" is archived`);
      record.areaId = area.id;
    }
    if (indicator && indicator.id !== record.indicatorId) {
      if (indicator.archivedAt) throw new BadUserInputError('input.indicator', `Indicator "${indicator.code}" is archived`);
      record.indicatorId = indicator.id;
      record.indicatorUnit = indicator.unit;
    }
    if (input.year !== undefined) record.year = input.year ?? null;
    if (input.value !== undefined && input.value !== null) record.value = roundKeyFigureValue(input.value);
    if (input.source !== undefined && input.source !== null) record.source = trimmedSource(input.source, 'input.source');
    if (input.note !== undefined) record.note = input.note?.trim() || null;
    const problem = keyFigureValueProblem(record.indicatorUnit, record.value);
    if (problem) throw new BadUserInputError(input.value !== undefined ? 'input.value' : 'input.indicator', `value ${problem}`);
    if (record.year !== null && (area || input.year !== undefined)) {
      const target = area ?? (await tx.getRepository(Area).findOneByOrFail({ id: record.areaId }));
      if (!areaValidIn(target, record.year)) throw notValidThatYear(target, record.year);
    }
    const existing = await findByNaturalKey(tx, record);
    if (existing && existing.id !== record.id) throw conflictingFigure(existing.id);
  });
}

/**
 * Key figures are referenced by nothing, so they are deleted rather than archived; the history
 * keeps a DELETE entry with every value as it was.
 */
export async function deleteKeyFigure(ctx: RequestContext, id: string, version: number): Promise<KeyFigure> {
  return inTransaction(ctx, async (tx, ctx) => {
    // Authorise before the version check: a caller without the right learns nothing about the figure.
    const record = await lockForChange(tx, KeyFigure, keyFigureCuration.label, id, null);
    await assertMayCurateKeyFiguresOf(ctx, record.areaId);
    assertVersion(keyFigureCuration.label, record, version);
    const before = snapshot(tx, KeyFigure, record);
    await tx.getRepository(KeyFigure).delete({ id: record.id });
    await recordChange(tx, ctx, { entityType: CuratedEntityType.KEY_FIGURE, entityId: record.id, action: ChangeAction.DELETE, before, after: null });
    return record;
  });
}

// ---------------------------------------------------------------------------------------------
// Bulk upsert by natural key (GraphQL upsertKeyFigures and the CSV import)

/** One figure of a bulk upsert, matched on (area, indicator, year, source). */
export interface KeyFigureRow {
  /** CBS code, slug or id. */
  area: string;
  /** Indicator code. */
  indicator: string;
  year: number | null;
  value: number;
  source: string;
  note: string | null;
  /** Computed from other published figures (a share from two counts); default false. */
  derived?: boolean;
}

export interface KeyFigureRowProblem {
  /** Position in the rows given. */
  index: number;
  field: keyof KeyFigureRow;
  message: string;
  /** The caller may not change figures of this row's area. */
  forbidden?: boolean;
}

export type KeyFigureRowAction = 'create' | 'update' | 'unchanged';

export interface KeyFigureUpsertOutcome {
  created: number;
  updated: number;
  unchanged: number;
  /** Per row: what happened (or, in a dry run, would happen). */
  actions: KeyFigureRowAction[];
  /** Per row: the figure's id (null for rows a dry run would create). */
  ids: Array<string | null>;
}

export interface KeyFigureUpsertOptions {
  /** Validate and classify, write nothing. */
  dryRun?: boolean;
  /** History channel (`graphql`, `csv-import`). */
  via?: string;
  /** Stop at the first problem (GraphQL) instead of collecting them all (CSV). */
  firstProblemOnly?: boolean;
  /** How messages name another row (`row 7`, `input.6`). */
  rowLabel?: (index: number) => string;
}

interface ResolvedRow {
  index: number;
  areaId: string;
  indicatorId: string;
  unit: IndicatorUnit;
  year: number | null;
  value: number;
  source: string;
  note: string | null;
  derived: boolean;
}

/** Statements stay far below PostgreSQL's 65,535 parameters. */
const CHUNK = 2000;

/**
 * Inserts or updates many figures by their natural key in ONE transaction: every row is
 * validated first (references, the caller's right to the area, the unit's range, duplicates
 * within the batch); when any row has a problem nothing is written and the problems are
 * returned. Otherwise new figures are inserted and changed ones updated in a few set-based
 * statements, each with a history entry; identical figures are left alone.
 */
export async function upsertKeyFigureRows(
  ctx: RequestContext,
  rows: KeyFigureRow[],
  options: KeyFigureUpsertOptions = {},
): Promise<{ problems: KeyFigureRowProblem[]; outcome: KeyFigureUpsertOutcome | null }> {
  if (ctx.viewer.kind === 'anonymous') throw unauthenticated();
  const scope = isAdmin(ctx) ? null : municipalityAreaIds(ctx.viewer);
  if (!isAdmin(ctx) && !scope) {
    throw forbidden('Only admins and municipalities (for their areas) change key figures');
  }
  const rowLabel = options.rowLabel ?? ((index: number) => `input.${index}`);

  return inTransaction(ctx, async (tx, ctx) => {
    // References, in one statement each.
    const areas = await findAreasByReferences(tx, rows.map((row) => row.area).filter((ref) => typeof ref === 'string' && ref.trim()));
    const codes = [...new Set(rows.map((row) => (typeof row.indicator === 'string' ? row.indicator.trim() : '')).filter(Boolean))];
    const indicators = new Map((await tx.getRepository(Indicator).findBy({ code: In(codes) })).map((i) => [i.code, i]));
    // Municipality users: their areas and everything below them (the ancestors of all rows' areas in one statement).
    const ancestorsOf = new Map<string, readonly string[]>();
    if (scope) {
      const ids = [...new Set([...areas.values()].map((area) => area.id))];
      const ancestors = await ctx.loaders.areaAncestorIds.loadMany(ids);
      ids.forEach((id, i) => ancestorsOf.set(id, Array.isArray(ancestors[i]) ? ancestors[i] : []));
    }

    const problems: KeyFigureRowProblem[] = [];
    const resolved: ResolvedRow[] = [];
    const seen = new Map<string, number>();
    for (const [index, row] of rows.entries()) {
      const before = problems.length;
      const problem = (field: keyof KeyFigureRow, message: string, forbidden = false) => problems.push({ index, field, message, ...(forbidden ? { forbidden } : {}) });
      const areaRef = typeof row.area === 'string' ? row.area.trim() : '';
      const key = areaRef ? areaReferenceKey(areaRef) : null;
      const area = key ? areas.get(`${key.by}:${key.value}`) : undefined;
      if (!areaRef) problem('area', 'area is required');
      else if (!area) problem('area', `Unknown area "${areaRef}" (expected a CBS code, slug or id)`);
      else if (scope && !inMunicipalityScope(scope, area.id, ancestorsOf.get(area.id) ?? [])) problem('area', `You may not change key figures of area "${area.slug}"`, true);
      else if (area.archivedAt) problem('area', `Area "${area.slug}" is archived`);
      else if (typeof row.year === 'number' && !areaValidIn(area, row.year)) {
        problem('year', `Area ${area.code ?? area.slug} is ${describeValidity(area)}, not in ${row.year}: its figures of ${row.year} belong to the area valid that year`);
      }
      const code = typeof row.indicator === 'string' ? row.indicator.trim() : '';
      const indicator = indicators.get(code);
      if (!code) problem('indicator', 'indicator is required');
      else if (!indicator) problem('indicator', `Unknown indicator code "${code}"`);
      else if (indicator.archivedAt) problem('indicator', `Indicator "${code}" is archived`);
      const yearProblem = keyFigureYearProblem(row.year);
      if (yearProblem) problem('year', yearProblem);
      // The unit's range needs the indicator; without one only a value that is no number is reported.
      const valueProblem = keyFigureValueMissing(row.value)
        ? 'is required'
        : indicator
          ? keyFigureValueProblem(indicator.unit, row.value)
          : typeof row.value !== 'number' || !Number.isFinite(row.value)
            ? 'must be a number'
            : null;
      if (valueProblem) problem('value', `value ${valueProblem}`);
      const checkedSource = keyFigureSource(row.source);
      if ('problem' in checkedSource) problem('source', checkedSource.problem);
      const checkedNote = keyFigureNote(row.note);
      if ('problem' in checkedNote) problem('note', checkedNote.problem);
      const source = 'source' in checkedSource ? checkedSource.source : '';
      const note = 'note' in checkedNote ? checkedNote.note : null;
      if (problems.length === before && area && indicator) {
        const year = row.year ?? null;
        const naturalKey = JSON.stringify([area.id, indicator.id, year, source]);
        const first = seen.get(naturalKey);
        if (first !== undefined) problem('source', `Same area, indicator, year and source as ${rowLabel(first)}`);
        else {
          seen.set(naturalKey, index);
          resolved.push({ index, areaId: area.id, indicatorId: indicator.id, unit: indicator.unit, year, value: roundKeyFigureValue(row.value), source, note, derived: row.derived === true });
        }
      }
      if (options.firstProblemOnly && problems.length > 0) break;
    }
    if (problems.length > 0) return { problems, outcome: null };

    // The figures that exist already, locked for the rest of the transaction.
    const existing = new Map<string, { id: string; value: string; note: string | null; derived: boolean; indicator_unit: IndicatorUnit; year: number | null }>();
    for (let start = 0; start < resolved.length; start += CHUNK) {
      const chunk = resolved.slice(start, start + CHUNK);
      const found: Array<{ id: string; area_id: string; indicator_id: string; indicator_unit: IndicatorUnit; year: number | null; source: string; value: string; note: string | null; derived: boolean }> =
        await tx.query(
          `SELECT kf.id, kf.area_id, kf.indicator_id, kf.indicator_unit, kf.year, kf.source, kf.value, kf.note, kf.derived
             FROM key_figure kf
             JOIN unnest($1::uuid[], $2::uuid[], $3::smallint[], $4::text[]) AS k(area_id, indicator_id, year, source)
               ON kf.area_id = k.area_id AND kf.indicator_id = k.indicator_id AND kf.year IS NOT DISTINCT FROM k.year AND kf.source = k.source
              FOR UPDATE OF kf`,
          [chunk.map((r) => r.areaId), chunk.map((r) => r.indicatorId), chunk.map((r) => r.year), chunk.map((r) => r.source)],
        );
      for (const row of found) existing.set(JSON.stringify([row.area_id, row.indicator_id, row.year, row.source]), row);
    }

    const outcome: KeyFigureUpsertOutcome = { created: 0, updated: 0, unchanged: 0, actions: [], ids: [] };
    const toInsert: Array<ResolvedRow & { id: string }> = [];
    const toUpdate: Array<{ row: ResolvedRow; id: string; before: { value: number; note: string | null; derived: boolean } }> = [];
    for (const row of resolved) {
      const current = existing.get(JSON.stringify([row.areaId, row.indicatorId, row.year, row.source]));
      if (!current) {
        const id = randomUUID();
        toInsert.push({ ...row, id });
        outcome.actions[row.index] = 'create';
        outcome.ids[row.index] = options.dryRun ? null : id;
        outcome.created += 1;
      } else if (Number(current.value) !== row.value || (current.note ?? null) !== row.note || current.derived !== row.derived) {
        toUpdate.push({ row, id: current.id, before: { value: Number(current.value), note: current.note, derived: current.derived } });
        outcome.actions[row.index] = 'update';
        outcome.ids[row.index] = current.id;
        outcome.updated += 1;
      } else {
        outcome.actions[row.index] = 'unchanged';
        outcome.ids[row.index] = current.id;
        outcome.unchanged += 1;
      }
    }
    if (options.dryRun) return { problems, outcome };

    const history: Array<{ entityId: string; action: ChangeAction; before: Record<string, unknown> | null; after: Record<string, unknown> }> = [];
    for (let start = 0; start < toInsert.length; start += CHUNK) {
      const chunk = toInsert.slice(start, start + CHUNK);
      await tx.query(
        `INSERT INTO key_figure (id, area_id, indicator_id, indicator_unit, year, value, source, note, derived)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::varchar[], $5::smallint[], $6::numeric[], $7::varchar[], $8::text[], $9::boolean[])`,
        [chunk.map((r) => r.id), chunk.map((r) => r.areaId), chunk.map((r) => r.indicatorId), chunk.map((r) => r.unit), chunk.map((r) => r.year), chunk.map((r) => r.value), chunk.map((r) => r.source), chunk.map((r) => r.note), chunk.map((r) => r.derived)],
      );
    }
    for (const row of toInsert) {
      history.push({ entityId: row.id, action: ChangeAction.CREATE, before: null, after: rowSnapshot(row.id, row, row) });
    }
    for (let start = 0; start < toUpdate.length; start += CHUNK) {
      const chunk = toUpdate.slice(start, start + CHUNK);
      await tx.query(
        `UPDATE key_figure kf SET value = u.value, note = u.note, derived = u.derived, version = kf.version + 1, updated_at = now()
           FROM unnest($1::uuid[], $2::numeric[], $3::text[], $4::boolean[]) AS u(id, value, note, derived)
          WHERE kf.id = u.id`,
        [chunk.map((u) => u.id), chunk.map((u) => u.row.value), chunk.map((u) => u.row.note), chunk.map((u) => u.row.derived)],
      );
    }
    for (const { row, id, before } of toUpdate) {
      history.push({ entityId: id, action: ChangeAction.UPDATE, before: rowSnapshot(id, row, before), after: rowSnapshot(id, row, row) });
    }
    await recordChanges(tx, ctx, CuratedEntityType.KEY_FIGURE, history, options.via);
    return { problems, outcome };
  });
}

/** The history's view of a figure of a bulk upsert (the fields `snapshot` gives). */
function rowSnapshot(id: string, row: ResolvedRow, values: { value: number; note: string | null; derived: boolean }): Record<string, unknown> {
  return { id, year: row.year, value: values.value, source: row.source, note: values.note, derived: values.derived, areaId: row.areaId, indicatorId: row.indicatorId, indicatorUnit: row.unit };
}

/**
 * Many history entries in a few statements (bulk upserts); the same entries `recordChange`
 * writes one at a time.
 */
async function recordChanges(
  tx: EntityManager,
  ctx: RequestContext,
  entityType: CuratedEntityType,
  changes: Array<{ entityId: string; action: ChangeAction; before: Record<string, unknown> | null; after: Record<string, unknown> | null }>,
  via = 'graphql',
): Promise<void> {
  const v = ctx.viewer;
  const actor = {
    actorUserId: v.kind === 'user' ? v.userId : null,
    actorApiKeyId: v.kind === 'apiKey' ? v.apiKeyId : null,
    organisationId: recordedOrganisationId(v),
  };
  const repo = tx.getRepository(ChangeRecord);
  for (let start = 0; start < changes.length; start += CHUNK) {
    const chunk = changes.slice(start, start + CHUNK);
    const records = chunk.map((c) => repo.create({ entityType, entityId: c.entityId, action: c.action, ...actor, via, changes: diff(c.before, c.after) }));
    await repo.insert(records as QueryDeepPartialEntity<ChangeRecord>[]);
  }
}

/** GraphQL `upsertKeyFigures`: the first bad row aborts everything, naming `input.<index>.<field>`. */
export async function upsertKeyFigures(ctx: RequestContext, input: KeyFigureInput[]): Promise<KeyFigureUpsertOutcome & { keyFigures: KeyFigure[] }> {
  const rows: KeyFigureRow[] = input.map((item) => ({
    area: item.area,
    indicator: item.indicator,
    year: item.year ?? null,
    value: item.value,
    source: item.source,
    note: item.note ?? null,
  }));
  const { problems, outcome } = await upsertKeyFigureRows(ctx, rows, { firstProblemOnly: true });
  const [first] = problems;
  if (first) {
    if (first.forbidden) throw forbidden(first.message);
    throw new BadUserInputError(`input.${first.index}.${first.field}`, first.message);
  }
  const result = outcome!;
  const ids = result.ids.filter((id): id is string => id !== null);
  const byId = new Map<string, KeyFigure>();
  for (let start = 0; start < ids.length; start += CHUNK) {
    const found = await ctx.manager.getRepository(KeyFigure).createQueryBuilder('kf').where('kf.id = ANY(:ids)', { ids: ids.slice(start, start + CHUNK) }).getMany();
    for (const figure of found) byId.set(figure.id, figure);
  }
  return { ...result, keyFigures: ids.map((id) => byId.get(id)!).filter(Boolean) };
}
