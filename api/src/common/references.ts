import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { BadUserInputError } from './errors';

/** Looks up the id of a catalogue record by its code; an unknown code is bad input naming `field`. */
export async function idByCode<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  code: string,
  field: string,
  label: string,
): Promise<string> {
  const [text, values] = manager.connection.driver.escapeQueryWithParameters(`SELECT ${idByCodeSql(manager.connection.getMetadata(entity).tableName, 'code')} AS id`, { code }, {});
  const [row] = (await manager.query(text, values)) as Array<{ id: string | null }>;
  if (!row.id) throw unknownCodeError(field, label, code);
  return row.id;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id argument must be a UUID; anything else is bad input rather than a database error. */
export function assertUuid(value: string, field: string): string {
  if (!UUID_PATTERN.test(value)) throw new BadUserInputError(field, `"${field}" must be a UUID`);
  return value.toLowerCase();
}

/** The error of an unknown catalogue code: BAD_USER_INPUT naming `field`, worded by the admin from its rule. */
export function unknownCodeError(field: string, label: string, code: string): BadUserInputError {
  return new BadUserInputError(field, `Unknown ${label} code "${code}"`, { rule: 'unknownReference', params: { kind: label, value: code } });
}

/** `idByCode` as SQL: the id of the record of `table` whose code is the named parameter (a scalar subquery, NULL when none). */
export function idByCodeSql(table: string, param: string): string {
  return `(SELECT id FROM ${table} WHERE code = :${param})`;
}

/**
 * A record a list's conditions name by code or slug, which must exist: an SQL boolean over the
 * conditions' named parameters and the error when it is false. The compiled path checks them in
 * its page statement (common/compiled-read.ts), the resolver path in one statement before paging
 * (`assertReferenceChecks`); both throw the first failing one's error, in the checks' order.
 */
export interface ReferenceCheck {
  sql: string;
  error: () => Error;
}

/** The check that `idByCodeSql(table, param)` finds a record. */
export function codeCheck(table: string, param: string, error: () => Error): ReferenceCheck {
  return { sql: `EXISTS (SELECT 1 FROM ${table} WHERE code = :${param})`, error };
}

/** Throws the error of the first check whose result is not true. */
export function throwFailedCheck(checks: readonly ReferenceCheck[], results: readonly unknown[] | null): void {
  const failed = checks.findIndex((_, i) => results?.[i] !== true);
  if (failed >= 0) throw checks[failed].error();
}

/** The checks' SQL as one JSON array of booleans (`'[]'` when there are none). */
export function checksSql(checks: readonly ReferenceCheck[]): string {
  return checks.length === 0 ? `'[]'::json` : `json_build_array(${checks.map((check) => `(${check.sql})`).join(', ')})`;
}

/** The resolver path's check of `checks` (named parameters in `params`): one statement, none when there are no checks. */
export async function assertReferenceChecks(manager: EntityManager, checks: readonly ReferenceCheck[], params: Record<string, unknown>): Promise<void> {
  if (checks.length === 0) return;
  const [text, values] = manager.connection.driver.escapeQueryWithParameters(`SELECT ${checksSql(checks)} AS checks`, params, {});
  const [row] = (await manager.query(text, values)) as Array<{ checks: boolean[] }>;
  throwFailedCheck(checks, row.checks);
}
