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
  const row = await manager.getRepository(entity).createQueryBuilder('e').select('e.id', 'id').where('e.code = :code', { code }).getRawOne<{ id: string }>();
  if (!row) throw new BadUserInputError(field, `Unknown ${label} code "${code}"`, { rule: 'unknownReference', params: { kind: label, value: code } });
  return row.id;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id argument must be a UUID; anything else is bad input rather than a database error. */
export function assertUuid(value: string, field: string): string {
  if (!UUID_PATTERN.test(value)) throw new BadUserInputError(field, `"${field}" must be a UUID`);
  return value.toLowerCase();
}
