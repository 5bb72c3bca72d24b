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
  /**
   * Refuses the record as it is about to be saved when it would be an exact duplicate of
   * another live one (duplicate.service.ts); runs on every write, creates, edits, restores
   * and imports alike.
   */
  duplicates?: (tx: EntityManager, record: T) => Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// The one write path of curated records
//
// A GraphQL mutation (updateCurated, createCurated, setArchived below), the CSV import
// (csv/csv.records.ts) and the HSDS import (hsds/hsds.import.store.ts) all change curated records
// through `CuratedWrite`, so an edit and an import leave the same history (docs/api-guide.md,
// "History"): the same before and after with the link state, the same version bump, the same
// refusal of an erased record. What differs is said in the options, not in a copy of the steps.

/** The channel a change came through, as its history entry records it (docs/data-model.md, `change_record`). */
export type ChangeVia = 'graphql' | 'csv-import' | 'hsds-import' | 'cbs-import';

type Curated = ObjectLiteral & { id: string; version: number };

export interface CuratedWriteOptions<T extends Curated> {
  /** Default `graphql`. */
  via?: ChangeVia;
  /** The version the client read (GraphQL); left out by imports, which are "make it so". */
  expectedVersion?: number;
  /**
   * Who may change the existing record. Runs before the erasure and version checks, so a
   * caller without the right learns nothing about the record (FORBIDDEN, not CONFLICT).
   */
  authorize?: (record: T) => void | Promise<void>;
  /**
   * `save` (GraphQL): an edit that changes nothing still saves and is recorded, so its version
   * moves on as the client expects. `skip` (imports): an unchanged record is neither saved nor
   * recorded, so importing the same file twice adds nothing to the history.
   */
  whenUnchanged?: 'save' | 'skip';
  /** Default CREATE for a new record, else UPDATE. */
  action?: ChangeAction;
  /** The link state the history shows, when the caller keeps it (the HSDS import); default `spec.links`. */
  links?: (id: string) => Snapshot | Promise<Snapshot>;
  /** The history entry is written by `recordHistory` later, once links written afterwards are in (the HSDS import's services). */
  historyLater?: boolean;
}

export interface CuratedSavePlan {
  /**
   * The link lists the change will set, as the history shows them (sorted ids), for callers that
   * write links only after the record is saved: they count in the "did anything change" check.
   */
  links?: Snapshot;
  /** Writes those links once the record is saved (its id is known then). */
  writeLinks?: (id: string) => Promise<void>;
}

export type CuratedWriteOutcome = 'created' | 'updated' | 'unchanged';

/**
 * One change of one curated record, in the caller's transaction (`tx` and `txCtx` are its
 * manager and context). `begin` takes a record already locked in this transaction — by
 * `lockForChange` or `lockCuratedBy`, or by an import that locks the rows it will touch in bulk —
 * or null to create one; `save` writes it; the history entry follows (see `historyLater`).
 */
export class CuratedWrite<T extends Curated> {
  private beforeState: Snapshot | null = null;

  private constructor(
    private readonly tx: EntityManager,
    private readonly txCtx: RequestContext,
    private readonly spec: CurationSpec<T>,
    private readonly options: CuratedWriteOptions<T>,
  ) {}

  static async begin<T extends Curated>(
    tx: EntityManager,
    txCtx: RequestContext,
    spec: CurationSpec<T>,
    existing: T | null,
    options: CuratedWriteOptions<T> = {},
  ): Promise<CuratedWrite<T>> {
    const write = new CuratedWrite(tx, txCtx, spec, options);
    if (existing) {
      await options.authorize?.(existing);
      // An erased record (GDPR art. 17) is final: no update, archive, restore or import brings data back.
      if ((existing as { erasedAt?: Date | null }).erasedAt) throw new ConflictError(`${spec.label} was erased and cannot be changed`, 'id', { rule: 'erased' });
      if (options.expectedVersion !== undefined) assertVersion(spec.label, existing, options.expectedVersion);
      write.beforeState = await write.state(existing);
    }
    return write;
  }

  /** The record's state before the change, links included; null for a new record. */
  get before(): Snapshot | null {
    return this.beforeState;
  }

  /** Column values and link state, as the history shows them. */
  async state(record: T): Promise<Snapshot> {
    const links = this.options.links ?? this.spec.links?.bind(null, this.tx);
    return { ...snapshot(this.tx, this.spec.target, record), ...(links ? await links(record.id) : {}) };
  }

  /**
   * Saves `record` (the begun one, changed, or a copy of it with the changes) and the links of
   * `plan`; the version increments, also when only links changed, so a concurrent editor sees
   * the conflict. With `whenUnchanged: 'skip'` a record that would not change is left alone.
   */
  async save(record: T, plan: CuratedSavePlan = {}): Promise<{ record: T; outcome: CuratedWriteOutcome }> {
    if (this.beforeState && this.options.whenUnchanged === 'skip') {
      const planned = { ...this.beforeState, ...snapshot(this.tx, this.spec.target, record), ...plan.links };
      if (Object.keys(diff(this.beforeState, planned)).length === 0) return { record, outcome: 'unchanged' };
    }
    await this.spec.duplicates?.(this.tx, record);
    if (this.before) (record as ObjectLiteral).updatedAt = new Date();
    const saved = await this.tx.getRepository(this.spec.target).save(record);
    await plan.writeLinks?.(saved.id);
    if (!this.options.historyLater) await this.recordHistory(saved);
    return { record: saved, outcome: this.before ? 'updated' : 'created' };
  }

  /**
   * The history entry from `before` to the record's state now. Under `whenUnchanged: 'skip'` a
   * record that ends as it began gets none (also when `save` left it alone and, with
   * `historyLater`, nothing changed its links since).
   */
  async recordHistory(record: T): Promise<void> {
    const after = await this.state(record);
    if (this.before && this.options.whenUnchanged === 'skip' && Object.keys(diff(this.before, after)).length === 0) return;
    await recordChange(this.tx, this.txCtx, {
      entityType: this.spec.entityType,
      entityId: record.id,
      action: this.options.action ?? (this.before ? ChangeAction.UPDATE : ChangeAction.CREATE),
      before: this.before,
      after,
      via: this.options.via,
    });
  }
}

/** Locks the record with this key (`slug`, `code`, or `id`) for a change, or answers null when there is none. */
export function lockCuratedBy<T extends Curated>(tx: EntityManager, spec: CurationSpec<T>, column: 'slug' | 'code' | 'id', value: string): Promise<T | null> {
  return tx.getRepository(spec.target).createQueryBuilder('r').setLock('pessimistic_write').where(`r.${column} = :value`, { value }).getOne();
}

/**
 * Runs `change` in one transaction: lock the record, let the caller authorise, check it is not
 * erased and that the client read this version, apply the change, save (the version
 * increments) and append the history entry. Database constraint violations become coded
 * errors, and nothing is written. `change` and `authorize` get the transaction's context
 * (`tx` is its manager): pass that one on.
 */
export async function updateCurated<T extends Curated>(
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
    const write = await CuratedWrite.begin(tx, txCtx, spec, record, {
      expectedVersion: version,
      action,
      authorize: authorize && ((locked) => authorize(locked, txCtx)),
    });
    await change(record, tx, txCtx);
    return (await write.save(record)).record;
  });
}

/**
 * Creates a record in one transaction: `build` prepares it (validating as it goes), then the
 * history entry. `build` and `afterInsert` get the transaction's context (`tx` is its manager).
 */
export async function createCurated<T extends Curated>(
  ctx: RequestContext,
  spec: CurationSpec<T>,
  build: (tx: EntityManager, txCtx: RequestContext) => Promise<T> | T,
  afterInsert?: (record: T, tx: EntityManager, txCtx: RequestContext) => Promise<void>,
): Promise<T> {
  return inTransaction(ctx, async (tx, txCtx) => {
    const write = await CuratedWrite.begin(tx, txCtx, spec, null);
    const draft = await build(tx, txCtx);
    return (await write.save(draft, { writeLinks: afterInsert && (() => afterInsert(draft, tx, txCtx)) })).record;
  });
}

/** Archive (or restore) instead of delete: the record leaves lists but keeps its history. */
export function setArchived<T extends Curated & { archivedAt: Date | null }>(
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
      if (archived && record.archivedAt) throw new ConflictError(`${spec.label} is already archived`, 'id', { rule: 'alreadyArchived' });
      if (!archived && !record.archivedAt) throw new ConflictError(`${spec.label} is not archived`, 'id', { rule: 'notArchived' });
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
      return new ConflictError(`A record with this ${field.replace(/^input\./, '')} already exists`, field, { rule: 'duplicate' });
    case '23503':
      // The constraint's name is schema detail and stays out of the message; the field says where.
      return new BadUserInputError(field, 'Refers to a record that does not exist, or the record is still referred to', { rule: 'missingReference' });
    case '23514':
    case '22003':
    case '22001':
    case '22P02':
    case '22007':
    case '22008':
      return new BadUserInputError(field, 'Value not allowed', { rule: 'notAllowed' });
    default:
      return error;
  }
}
