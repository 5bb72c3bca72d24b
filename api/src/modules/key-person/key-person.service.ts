import { assertRequiredKept } from '../../common/required-fields.rules';
import type { EntityManager } from 'typeorm';
import { type Connection, pageRequest } from '../../common/connection';
import { BadUserInputError } from '../../common/errors';
import { current, loadAll } from '../../common/loaders';
import { paginate } from '../../common/paging';
import { assertUuid, idByCode } from '../../common/references';
import type { RequestContext } from '../../context';
import { areaIdsWithin, escapeLike, resolveAreaArgument, resolveAreaIds } from '../area';
import { forbidden, unauthenticated } from '../../auth/auth.rules';
import { assertMayCurateOrganisationRecord } from '../../auth/policy';
import { CuratedEntityType } from '../curation/change-record.entity';
import { applyFields, createCurated, type CurationSpec, linkedIds, registerConstraintFields, replaceLinks, setArchived, updateCurated } from '../curation';
import { authoriseOwnedRecordChange, blankToNull, organisationOfNewRecord, resolveReferences } from '../service';
import { KeyPerson, KeyPersonRole } from './key-person.entity';
import type { CreateKeyPersonInput, KeyPersonsArgs, UpdateKeyPersonInput } from './key-person.inputs';

export async function listKeyPersons(ctx: RequestContext, args: KeyPersonsArgs): Promise<Connection<KeyPerson>> {
  const page = pageRequest(args);
  const qb = ctx.manager.getRepository(KeyPerson).createQueryBuilder('kp');
  if (!args.includeArchived) qb.andWhere('kp.archivedAt IS NULL');
  // Erased key persons (key-person.erasure.ts) are tombstones, not people: never listed.
  qb.andWhere('kp.erasedAt IS NULL');
  if (args.area) {
    const area = await resolveAreaArgument(ctx, args.area, 'area');
    qb.andWhere('kp.id IN (SELECT kpa.key_person_id FROM key_person_area kpa WHERE kpa.area_id = ANY(:areaIds))', { areaIds: await areaIdsWithin(ctx, area) });
  }
  if (args.organisation) qb.andWhere('kp.organisationId = :organisationId', { organisationId: assertUuid(args.organisation, 'organisation') });
  if (args.role) qb.andWhere('kp.roleId = :roleId', { roleId: await idByCode(ctx.manager, KeyPersonRole, args.role, 'role', 'key person role') });
  if (args.search) qb.andWhere('kp.name ILIKE :search', { search: `%${escapeLike(args.search)}%` });
  return paginate(qb, page, 'name');
}

/** Current key persons known in an area (directly). */
export async function keyPersonsOfArea(ctx: RequestContext, areaId: string): Promise<KeyPerson[]> {
  const people = await loadAll(ctx.loaders.keyPersonById, await ctx.loaders.keyPersonIdsByArea.load(areaId));
  return current(people).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

export function listKeyPersonRoles(ctx: RequestContext): Promise<KeyPersonRole[]> {
  return ctx.manager.getRepository(KeyPersonRole).find({ order: { nameNl: 'ASC' } });
}

export const keyPersonCuration: CurationSpec<KeyPerson> = {
  target: KeyPerson,
  entityType: CuratedEntityType.KEY_PERSON,
  label: 'Key person',
  links: async (tx, id) => ({
    areaIds: await linkedIds(tx, 'key_person_area', 'key_person_id', id, 'area_id'),
  }),
  authorize: (ctx, record) => assertMayCurateOrganisationRecord(ctx, record.organisationId),
};

registerConstraintFields({
  CHK_key_person_email: 'input.email',
  FK_key_person_role: 'input.role',
  FK_key_person_organisation: 'input.organisationId',
  FK_key_person_area_area: 'input.areas',
});

/**
 * Key persons are personal data (names, phone numbers, e-mail addresses) and are for people:
 * no API key can read them (docs/security.md), so none curates them either, not even one with
 * WRITE_OWN_ORGANISATION — a key could not read back what it wrote, and a leaked key must not
 * be able to plant or alter contact details of real people. Admins curate every key person, an
 * organisation's users those of their own organisation. The resolver's rule already leaves API
 * keys out; this repeats it where the data is changed.
 */
function assertMayCurateKeyPersons(ctx: RequestContext): void {
  if (ctx.viewer.kind === 'anonymous') throw unauthenticated();
  if (ctx.viewer.kind === 'apiKey') throw forbidden('Key persons are personal data: only logged-in people curate them, not API keys');
}

const KEY_PERSON_FIELDS = ['name', 'roleDescription', 'phone', 'email', 'notes'] as const;
const KEY_PERSON_OPTIONAL_TEXT = ['roleDescription', 'phone', 'email', 'notes'] as const;

export async function applyKeyPersonInput(tx: EntityManager, record: KeyPerson, input: CreateKeyPersonInput | UpdateKeyPersonInput): Promise<void> {
  assertRequiredKept(input, ['name']);
  applyFields(record, input, KEY_PERSON_FIELDS);
  if (input.email) record.email = input.email.trim().toLowerCase();
  if (input.role !== undefined) {
    record.roleId = input.role
      ? (await resolveReferences(tx, { table: 'key_person_role', by: 'code', values: [input.role], field: () => 'input.role', label: 'key person role', archivable: false }))[0]
      : null;
  }
  blankToNull(record, KEY_PERSON_OPTIONAL_TEXT);
  if (!record.name) throw new BadUserInputError('input.name', 'name cannot be empty');
}

/** Admins, and an organisation's users for their own organisation (the default). Not API keys. */
export async function createKeyPerson(ctx: RequestContext, input: CreateKeyPersonInput): Promise<KeyPerson> {
  assertMayCurateKeyPersons(ctx);
  let areaIds: string[] = [];
  return createCurated(
    ctx,
    keyPersonCuration,
    async (tx, ctx) => {
      const organisationId = await organisationOfNewRecord(ctx, tx, input.organisationId);
      const draft = tx.getRepository(KeyPerson).create({ organisationId });
      await applyKeyPersonInput(tx, draft, input);
      if (input.areas) areaIds = [...new Set(await resolveAreaIds(ctx, input.areas, 'input.areas'))];
      return draft;
    },
    async (saved, tx) => {
      if (areaIds.length > 0) await replaceLinks(tx, 'key_person_area', 'key_person_id', saved.id, 'area_id', areaIds);
    },
  );
}

/** Admins, and the organisation's own users; only admins move a person to another organisation. Not API keys. */
export function updateKeyPerson(ctx: RequestContext, id: string, version: number, input: UpdateKeyPersonInput): Promise<KeyPerson> {
  assertMayCurateKeyPersons(ctx);
  return updateCurated(ctx, keyPersonCuration, id, version, async (record, tx, ctx) => {
    await authoriseOwnedRecordChange(ctx, tx, record, input.organisationId);
    await applyKeyPersonInput(tx, record, input);
    if (input.areas !== undefined) {
      await replaceLinks(tx, 'key_person_area', 'key_person_id', record.id, 'area_id', await resolveAreaIds(ctx, input.areas ?? [], 'input.areas'));
    }
  });
}

/** Archive or restore: the same callers as `updateKeyPerson`. */
export function setKeyPersonArchived(ctx: RequestContext, id: string, version: number, archived: boolean): Promise<KeyPerson> {
  assertMayCurateKeyPersons(ctx);
  return setArchived(ctx, keyPersonCuration, id, version, archived, (record, ctx) => assertMayCurateOrganisationRecord(ctx, record.organisationId));
}
