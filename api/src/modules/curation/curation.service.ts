import { type EntityManager, type EntityTarget, type ObjectLiteral, QueryFailedError } from 'typeorm';
import { BadUserInputError, ConflictError, NotFoundError, StaleVersionError } from '../../common/errors';
import { assertUuid } from '../../common/references';
import { withTransaction } from '../../common/transaction';
import type { RequestContext } from '../../context';
import { recordedOrganisationId } from '../../auth/acting-organisation';
import { ChangeAction, ChangeRecord, CuratedEntityType } from './change-record.entity';

/** Columns that change on every write and say nothing about the record. */
const BOOKKEEPING = new Set(['createdAt', 'updatedAt', 'version']);

type Snapshot = Record<string, unknown>;

/** The record's column values as JSON-ready data. */
export function snapshot(manager: EntityManager, target: EntityTarget<ObjectLiteral>, record: ObjectLiteral): Snapshot {
  const result: Snapshot = {};
  for (const column of manager.connection.getMetadata(target).columns) {
    // Skip the implicit column of a relation property; explicit foreign-key columns (organisationId) count.
    if ((column.relationMetadata && column.propertyName === column.relationMetadata.propertyName) || BOOKKEEPING.has(column.propertyName)) continue;
    const value = record[column.propertyName];
    result[column.propertyName] = value instanceof Date ? value.toISOString() : (value ?? null);
  }
  return result;
}

export function diff(before: Snapshot | null, after: Snapshot | null): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    const a = before?.[key] ?? null;
    const b = after?.[key] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[key] = { before: a, after: b };
  }
  return changes;
}

/** Appends one change to the history, in the caller's transaction. */
export async function recordChange(
  manager: EntityManager,
  ctx: RequestContext,
  change: { entityType: CuratedEntityType; entityId: string; action: ChangeAction; before: Snapshot | null; after: Snapshot | null; via?: string },
): Promise<void> {
  const v = ctx.viewer;
  const repo = manager.getRepository(ChangeRecord);
  await repo.save(repo.create({
    entityType: change.entityType,
    entityId: change.entityId,
    action: change.action,
    actorUserId: v.kind === 'user' ? v.userId : null,
    actorApiKeyId: v.kind === 'apiKey' ? v.apiKeyId : null,
    organisationId: recordedOrganisationId(v),
    via: change.via ?? 'graphql',
    changes: diff(change.before, change.after),
  }));
}

/**
 * Erases personal fields from the history of one record (GDPR art. 17): in every change of it,
 * each of `keys` that held a value before or after now holds `marker` instead (a null stays
 * null), so the rows — who changed what when — remain and say that something was there, not
 * what. Returns the keys that held data and the distinct values found, read before the scrub,
 * so the caller can look for copies elsewhere. In the caller's transaction.
 */
export async function eraseFromHistory(
  manager: EntityManager,
  entityType: CuratedEntityType,
  entityId: string,
  keys: readonly string[],
  marker: string,
): Promise<{ fields: string[]; values: string[] }> {
  const found: Array<{ key: string; value: string }> = await manager.query(
    `SELECT DISTINCT e.key, v.value #>> '{}' AS value
       FROM change_record c
      CROSS JOIN LATERAL jsonb_each(c.changes) e
      CROSS JOIN LATERAL (VALUES (e.value -> 'before'), (e.value -> 'after')) AS v(value)
      WHERE c.entity_type = $1 AND c.entity_id = $2 AND e.key = ANY($3::text[])
        AND v.value IS NOT NULL AND v.value <> 'null'::jsonb AND v.value <> to_jsonb($4::text)`,
    [entityType, entityId, [...keys], marker],
  );
  await manager.query(
    `UPDATE change_record c
        SET changes = (
          SELECT jsonb_object_agg(e.key, CASE WHEN e.key = ANY($3::text[]) THEN jsonb_build_object(
                   'before', CASE WHEN coalesce(e.value -> 'before', 'null'::jsonb) = 'null'::jsonb THEN 'null'::jsonb ELSE to_jsonb($4::text) END,
                   'after', CASE WHEN coalesce(e.value -> 'after', 'null'::jsonb) = 'null'::jsonb THEN 'null'::jsonb ELSE to_jsonb($4::text) END)
                 ELSE e.value END)
            FROM jsonb_each(c.changes) e)
      WHERE c.entity_type = $1 AND c.entity_id = $2 AND c.changes ?| $3::text[]`,
    [entityType, entityId, [...keys], marker],
  );
  return { fields: [...new Set(found.map((row) => row.key))].sort(), values: [...new Set(found.map((row) => row.value))] };
}

/** Locks a record for a change and checks the version the client read (optimistic locking). */
export async function lockForChange<T extends ObjectLiteral & { id: string; version: number }>(
  manager: EntityManager,
  target: EntityTarget<T>,
  label: string,
  id: string,
  expectedVersion: number | null,
): Promise<T> {
  const record = await manager
    .getRepository(target)
    .createQueryBuilder('r')
    .setLock('pessimistic_write')
    .where('r.id = :id', { id: assertUuid(id, 'id') })
    .getOne();
  if (!record) throw new NotFoundError(label, id);
  if (expectedVersion !== null) assertVersion(label, record, expectedVersion);
  return record;
}

export function assertVersion(label: string, record: { id: string; version: number }, expectedVersion: number): void {
  if (record.version !== expectedVersion) {
    throw new StaleVersionError(label, record.id, record.version, expectedVersion);
  }
}

export interface CurationSpec<T extends ObjectLiteral & { id: string; version: number }> {
  target: EntityTarget<T>;
  entityType: CuratedEntityType;
  /** Human label for messages ("Organisation"). */
  label: string;
  /** Link-table state that belongs in the history too (e.g. `{ areaIds: [...] }`). */
  links?: (tx: EntityManager, id: string) => Promise<Record<string, unknown>>;
  /**
   * Who may change an existing record. Runs before the version check, so a caller without
   * the right learns nothing about the record (FORBIDDEN, not CONFLICT with its version).
   * Gets the transaction's context.
   */
  authorize?: (ctx: RequestContext, record: T) => void | Promise<void>;
}

async function fullSnapshot<T extends ObjectLiteral & { id: string; version: number }>(tx: EntityManager, spec: CurationSpec<T>, record: T): Promise<Snapshot> {
  return { ...snapshot(tx, spec.target, record), ...(spec.links ? await spec.links(tx, record.id) : {}) };
}

/**
 * Runs `change` in one transaction: lock and version-check the record, let the caller
 * authorise and apply the change, save (the version increments) and append the history entry.
 * Database constraint violations become coded errors, and nothing is written. `change` and
 * `authorize` get the transaction's context (`tx` is its manager): pass that one on.
 */
export async function updateCurated<T extends ObjectLiteral & { id: string; version: number }>(
  ctx: RequestContext,
  spec: CurationSpec<T>,
  id: string,
  version: number,
  change: (record: T, tx: EntityManager, txCtx: RequestContext) => Promise<void> | void,
  action: ChangeAction = ChangeAction.UPDATE,
  authorize: ((record: T, txCtx: RequestContext) => void | Promise<void>) | undefined = spec.authorize && ((record: T, txCtx: RequestContext) => spec.authorize!(txCtx, record)),
): Promise<T> {
  return inTransaction(ctx, async (tx, txCtx) => {
    const record = await lockForChange(tx, spec.target, spec.label, id, null);
    await authorize?.(record, txCtx);
    // An erased record (GDPR art. 17) is final: no update, archive or restore brings data back.
    if ((record as { erasedAt?: Date | null }).erasedAt) {
      throw new ConflictError(`${spec.label} was erased and cannot be changed`, 'id');
    }
    assertVersion(spec.label, record, version);
    const before = await fullSnapshot(tx, spec, record);
    await change(record, tx, txCtx);
    // Bump the version even when only links changed, so concurrent editors see the conflict.
    (record as ObjectLiteral).updatedAt = new Date();
    const saved = await tx.getRepository(spec.target).save(record);
    await recordChange(tx, txCtx, { entityType: spec.entityType, entityId: saved.id, action, before, after: await fullSnapshot(tx, spec, saved) });
    return saved;
  });
}

/**
 * Creates a record in one transaction: `build` prepares it (validating as it goes), then the
 * history entry. `build` and `afterInsert` get the transaction's context (`tx` is its manager).
 */
export async function createCurated<T extends ObjectLiteral & { id: string; version: number }>(
  ctx: RequestContext,
  spec: CurationSpec<T>,
  build: (tx: EntityManager, txCtx: RequestContext) => Promise<T> | T,
  afterInsert?: (record: T, tx: EntityManager, txCtx: RequestContext) => Promise<void>,
): Promise<T> {
  return inTransaction(ctx, async (tx, txCtx) => {
    const saved = await tx.getRepository(spec.target).save(await build(tx, txCtx));
    await afterInsert?.(saved, tx, txCtx);
    await recordChange(tx, txCtx, { entityType: spec.entityType, entityId: saved.id, action: ChangeAction.CREATE, before: null, after: await fullSnapshot(tx, spec, saved) });
    return saved;
  });
}

/** Archive (or restore) instead of delete: the record leaves lists but keeps its history. */
export function setArchived<T extends ObjectLiteral & { id: string; version: number; archivedAt: Date | null }>(
  ctx: RequestContext,
  spec: CurationSpec<T>,
  id: string,
  version: number,
  archived: boolean,
  authorize: (record: T, txCtx: RequestContext) => void | Promise<void>,
): Promise<T> {
  return updateCurated(
    ctx,
    spec,
    id,
    version,
    async (record) => {
      if (archived && record.archivedAt) throw new ConflictError(`${spec.label} is already archived`, 'id');
      if (!archived && !record.archivedAt) throw new ConflictError(`${spec.label} is not archived`, 'id');
      (record as { archivedAt: Date | null }).archivedAt = archived ? new Date() : null;
    },
    archived ? ChangeAction.ARCHIVE : ChangeAction.RESTORE,
    authorize,
  );
}

/**
 * Constraint names → the input field they guard, so a violation PostgreSQL catches (a race on
 * a unique slug, a value only the database can check) still answers with the offending field.
 */
const CONSTRAINT_FIELDS: Record<string, string> = {};

export function registerConstraintFields(fields: Record<string, string>): void {
  Object.assign(CONSTRAINT_FIELDS, fields);
}

/**
 * Runs `work` in one transaction (`withTransaction`) and turns constraint violations into coded
 * client errors. `work` gets the transaction's manager and its context; `ctx` itself throws
 * until the transaction ends, so every read in `work` goes through `txCtx` (or `tx`).
 */
export async function inTransaction<T>(ctx: RequestContext, work: (tx: EntityManager, txCtx: RequestContext) => Promise<T>): Promise<T> {
  try {
    return await withTransaction(ctx, (txCtx) => work(txCtx.manager, txCtx));
  } catch (error) {
    throw translateDatabaseError(error);
  }
}

export function translateDatabaseError(error: unknown): unknown {
  if (!(error instanceof QueryFailedError)) return error;
  const driverError = error.driverError as { code?: string; constraint?: string; detail?: string };
  const field = (driverError.constraint && CONSTRAINT_FIELDS[driverError.constraint]) || 'input';
  switch (driverError.code) {
    case '23505':
      return new ConflictError(`A record with this ${field.replace(/^input\./, '')} already exists`, field);
    case '23503':
      // The constraint's name is schema detail and stays out of the message; the field says where.
      return new BadUserInputError(field, 'Refers to a record that does not exist, or the record is still referred to');
    case '23514':
    case '22003':
    case '22001':
    case '22P02':
    case '22007':
    case '22008':
      return new BadUserInputError(field, 'Value not allowed');
    default:
      return error;
  }
}
