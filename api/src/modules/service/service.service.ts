import { clearedRequiredFields } from '../../common/required-fields.rules';
import type { EntityManager } from 'typeorm';
import { type Connection, pageRequest } from '../../common/connection';
import { BadUserInputError, collectProblems, throwIfProblems } from '../../common/errors';
import { currentSql } from '../../common/loaders';
import { paginate } from '../../common/paging';
import { type ReferenceCheck, assertReferenceChecks, assertUuid, codeCheck, idByCodeSql, unknownCodeError } from '../../common/references';
import type { RequestContext } from '../../context';
import { areaIdsServingSql, areaReferenceSql, resolveAreaArgument } from '../area';
import { forbidden, unauthenticated } from '../../auth/auth.rules';
import { assertMayCurateOrganisationRecord, isAdmin, ownOrganisationId } from '../../auth/policy';
import { CuratedEntityType } from '../curation/change-record.entity';
import { SimilarRecordKind, assertNoExactDuplicate, applyFields, createCurated, type CurationSpec, linkedIds, registerConstraintFields, replaceLinks, setArchived, slugify, updateCurated } from '../curation';
import { type PlannedDetails, detailsHistory, planDetails, writeDetails } from '../hsds';
import { BasicFunction } from '../intervention-type/basic-function.entity';
import { InterventionType } from '../intervention-type/intervention-type.entity';
import { TargetGroup } from '../target-group/target-group.entity';
import { Service, ServiceStatus } from './service.entity';
import type { CreateServiceInput, ServiceCriteriaArgs, ServicesArgs, UpdateServiceInput } from './service.inputs';
import { serviceProblems } from './service.rules';
import { searchCondition } from '../search';

/**
 * SQL conditions on a `service` row aliased `s`, with their named parameters, and the records
 * they name by code that must exist (`ReferenceCheck`, common/references.ts): whoever pages with
 * the conditions runs the checks too, so an unknown code is BAD_USER_INPUT, not an empty page.
 */
export interface SqlConditions {
  where: string[];
  params: Record<string, unknown>;
  checks: ReferenceCheck[];
}

/**
 * The criteria's codes and area as conditions (each unknown one is BAD_USER_INPUT naming its
 * argument, in this order, through `checks`) on services aliased `s`. The codes and the area's
 * tree are subqueries of the conditions, not lookups before them: the compiled path answers a
 * filtered page in one statement.
 */
export function serviceCriteria(args: ServiceCriteriaArgs): SqlConditions {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const checks: ReferenceCheck[] = [];
  if (args.area) {
    const area = areaReferenceSql(args.area, 'area', 'servingArea');
    Object.assign(params, area.params);
    checks.push(area.check);
    // The area's services as an array the page looks up by id: as a semi-join, the generic plan of
    // the prepared page (which cannot see how few services an area has) walked all services in name order.
    where.push(`s.id = ANY(ARRAY(SELECT sa.service_id FROM service_area sa WHERE sa.area_id = ANY(${areaIdsServingSql(area.idSql)})))`);
  }
  const code = (arg: keyof ServiceCriteriaArgs, table: string, label: string, param: string) => {
    const value = args[arg] as string;
    params[param] = value;
    checks.push(codeCheck(table, param, () => unknownCodeError(arg, label, value)));
    return idByCodeSql(table, param);
  };
  if (args.targetGroup) {
    where.push(`s.id IN (SELECT stg.service_id FROM service_target_group stg WHERE stg.target_group_id = ${code('targetGroup', 'target_group', 'target group', 'targetGroupCode')})`);
  }
  if (args.interventionType) {
    where.push(
      `s.id IN (SELECT sit.service_id FROM service_intervention_type sit WHERE sit.intervention_type_id = ${code('interventionType', 'intervention_type', 'intervention type', 'interventionTypeCode')})`,
    );
  }
  if (args.basicFunction) {
    const basicFunctionId = code('basicFunction', 'basic_function', 'basic function', 'basicFunctionCode');
    where.push(
      `s.id IN (SELECT sit.service_id FROM service_intervention_type sit JOIN intervention_type it ON it.id = sit.intervention_type_id
                WHERE it.basic_function_id = ${basicFunctionId} OR it.secondary_basic_function_id = ${basicFunctionId})`,
    );
  }
  return { where, params, checks };
}

/**
 * The conditions of a `services(…)` list on alias `s` (named parameters), with the expansion its
 * search needs: the resolver path pages with them (`listServices`), the compiled path builds its
 * statement from them (service.compiled.ts).
 */
export async function serviceListConditions(ctx: RequestContext, args: ServicesArgs): Promise<SqlConditions> {
  const criteria = serviceCriteria(args);
  const where = [...(args.includeArchived ? [] : [currentSql('s')]), ...criteria.where];
  const params: Record<string, unknown> = { ...criteria.params };
  if (args.search) {
    const search = await searchCondition(ctx.manager, 'service', 's', args.search);
    where.push(search.where);
    Object.assign(params, search.params);
  }
  if (args.status) {
    where.push('s.status = :status');
    params.status = args.status;
  }
  if (args.sector) {
    where.push('s.organisation_id IN (SELECT o.id FROM organisation o WHERE o.sector = :sector)');
    params.sector = args.sector;
  }
  if (args.organisation) {
    where.push('(s.organisation_id = :organisationId OR s.id IN (SELECT sp.service_id FROM service_partner sp WHERE sp.organisation_id = :organisationId))');
    params.organisationId = assertUuid(args.organisation, 'organisation');
  }
  return { where, params, checks: criteria.checks };
}

export async function listServices(ctx: RequestContext, args: ServicesArgs): Promise<Connection<Service>> {
  const page = pageRequest(args);
  const conditions = await serviceListConditions(ctx, args);
  await assertReferenceChecks(ctx.manager, conditions.checks, conditions.params);
  const qb = ctx.manager.getRepository(Service).createQueryBuilder('s');
  for (const condition of conditions.where) qb.andWhere(condition);
  qb.setParameters(conditions.params);
  return paginate(qb, page, 'name');
}

export async function getService(ctx: RequestContext, id: string | null | undefined, slug: string | null | undefined): Promise<Service | null> {
  if (id) return ctx.loaders.serviceById.load(assertUuid(id, 'id'));
  if (slug) return ctx.manager.getRepository(Service).findOneBy({ slug });
  return null;
}

// ---------------------------------------------------------------------------------------------
// Records an organisation owns: locations, services and key persons share these rules.
// (They would sit well in auth/policy.ts and curation/curation.helpers.ts.)
// ---------------------------------------------------------------------------------------------

/**
 * The organisation a new location, service or key person belongs to. Admins choose one, or
 * none (records without an organisation are curated by admins only). An organisation's users
 * and its API keys with WRITE_OWN_ORGANISATION get their own organisation when they leave it
 * out (or send null), and may not name another one.
 */
export async function organisationOfNewRecord(ctx: RequestContext, tx: EntityManager, requested: string | null | undefined): Promise<string | null> {
  if (ctx.viewer.kind === 'anonymous') throw unauthenticated();
  if (isAdmin(ctx)) {
    if (!requested) return null;
    const [id] = await resolveReferences(tx, { table: 'organisation', by: 'id', values: [requested], field: () => 'input.organisationId', label: 'organisation' });
    return id;
  }
  const own = ownOrganisationId(ctx);
  if (!own) throw forbidden("Only an admin or an organisation's own users may add this record");
  if (requested && requested.toLowerCase() !== own) throw forbidden('You may only add records of your own organisation');
  return own;
}

/**
 * Before changing an organisation's record: the caller may curate it (admins, or the owning
 * organisation), and only admins move it to another organisation or to none. Applies the new
 * owner to the record.
 */
export async function authoriseOwnedRecordChange(
  ctx: RequestContext,
  tx: EntityManager,
  record: { organisationId: string | null },
  requested: string | null | undefined,
): Promise<void> {
  assertMayCurateOrganisationRecord(ctx, record.organisationId);
  if (requested === undefined) return;
  const target = requested ? requested.toLowerCase() : null;
  if (target === record.organisationId) return;
  if (!isAdmin(ctx)) throw forbidden('Only an admin may move a record to another organisation');
  if (target) await resolveReferences(tx, { table: 'organisation', by: 'id', values: [target], field: () => 'input.organisationId', label: 'organisation' });
  record.organisationId = target;
}

export interface References {
  table: string;
  /** Look the values up by id (UUIDs) or by code. */
  by: 'id' | 'code';
  values: string[];
  /** The input field naming the i-th value, e.g. `input.targetGroups.2`. */
  field: (index: number) => string;
  label: string;
  /** Ids linked already: these may stay even when archived since. */
  linked?: string[];
  /** The table has `archived_at` (default true): archived records cannot be newly referenced. */
  archivable?: boolean;
}

/**
 * Resolves an input's references to ids, in order and without duplicates. Each unknown one —
 * or archived one that is not linked already — is a problem naming its field, all of them in
 * one BAD_USER_INPUT (`unknownReference` / `archivedReference`, with the kind and the value).
 */
export async function resolveReferences(tx: EntityManager, ref: References): Promise<string[]> {
  const problems: BadUserInputError[] = [];
  const values = ref.values.map((value, i) => {
    if (ref.by === 'code') return value.trim();
    try {
      return assertUuid(value, ref.field(i));
    } catch (error) {
      if (!(error instanceof BadUserInputError)) throw error;
      problems.push(new BadUserInputError(ref.field(i), error.message, { rule: 'unknownReference', params: { kind: ref.label, value } }));
      return null;
    }
  });
  const wellFormed = values.filter((value): value is string => value !== null);
  if (wellFormed.length === 0) {
    throwIfProblems(problems);
    return [];
  }
  const archived = ref.archivable === false ? 'false' : 'archived_at IS NOT NULL';
  const rows: Array<{ id: string; key: string; archived: boolean }> = await tx.query(
    `SELECT id, "${ref.by}"::text AS key, ${archived} AS archived FROM "${ref.table}" WHERE "${ref.by}" = ANY($1::${ref.by === 'id' ? 'uuid' : 'text'}[])`,
    [[...new Set(wellFormed)]],
  );
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const linked = new Set(ref.linked ?? []);
  const ids: string[] = [];
  for (const [i, value] of values.entries()) {
    if (value === null) continue;
    const row = byKey.get(value);
    const params = { kind: ref.label, value };
    if (!row) problems.push(new BadUserInputError(ref.field(i), `Unknown ${ref.label} ${ref.by === 'code' ? `code "${value}"` : value}`, { rule: 'unknownReference', params }));
    else if (row.archived && !linked.has(row.id)) problems.push(new BadUserInputError(ref.field(i), `The ${ref.label} ${value} is archived`, { rule: 'archivedReference', params }));
    else if (!ids.includes(row.id)) ids.push(row.id);
  }
  throwIfProblems(problems);
  return ids;
}

/**
 * The area an input names (CBS code, slug or id), or the bad input naming its field with the
 * rule a client words (`unknownReference`, kind `area`): services' areas served, a location's area.
 */
export async function areaReference(ctx: RequestContext, ref: string, field: string): Promise<{ id: string }> {
  try {
    return await resolveAreaArgument(ctx, ref, field);
  } catch (error) {
    if (!(error instanceof BadUserInputError)) throw error;
    throw new BadUserInputError(field, error.message, { rule: 'unknownReference', params: { kind: 'area', value: ref } });
  }
}

/** A free slug for a new record: the name's, or the name's with `-2`, `-3`, … when it is taken. */
export async function freeSlug(tx: EntityManager, table: string, name: string, fallback: string): Promise<string> {
  const base = slugify(name) || fallback;
  const rows: Array<{ slug: string }> = await tx.query(`SELECT slug FROM "${table}" WHERE slug = $1 OR slug ~ ('^' || $1 || '-[0-9]+$')`, [base]);
  if (!rows.some((row) => row.slug === base)) return base;
  const taken = new Set(rows.map((row) => row.slug));
  let n = 2;
  while (taken.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}


/** Trimmed, without blanks and duplicates; null clears. */
export function cleanList(values: string[] | null | undefined): string[] {
  return [...new Set((values ?? []).map((value) => value.trim()).filter(Boolean))];
}

/** Optional text that is blank after trimming is stored as null. */
export function blankToNull<T extends object>(record: T, fields: readonly (keyof T & string)[]): void {
  for (const field of fields) if (record[field] === ('' as unknown)) (record as Record<string, unknown>)[field] = null;
}

// ---------------------------------------------------------------------------------------------
// Curating services
// ---------------------------------------------------------------------------------------------

export const serviceCuration: CurationSpec<Service> = {
  target: Service,
  entityType: CuratedEntityType.SERVICE,
  label: 'Service',
  links: async (tx, id) => ({
    partnerIds: await linkedIds(tx, 'service_partner', 'service_id', id, 'organisation_id'),
    targetGroupIds: await linkedIds(tx, 'service_target_group', 'service_id', id, 'target_group_id'),
    interventionTypeIds: await linkedIds(tx, 'service_intervention_type', 'service_id', id, 'intervention_type_id'),
    areaIds: await linkedIds(tx, 'service_area', 'service_id', id, 'area_id'),
    locationIds: await linkedIds(tx, 'service_location', 'service_id', id, 'location_id'),
    ...(await detailsHistory(tx, 'service', id)),
  }),
  authorize: (ctx, record) => assertMayCurateOrganisationRecord(ctx, record.organisationId),
  duplicates: (tx, record) => assertNoExactDuplicate(tx, SimilarRecordKind.SERVICE, record),
};

registerConstraintFields({
  UQ_service_slug: 'input.slug',
  UQ_service_live_name: 'input.name',
  FK_service_organisation: 'input.organisationId',
  CHK_service_status: 'input.status',
  CHK_service_ages: 'input.minAge',
  CHK_service_validity: 'input.validFrom',
  FK_service_partner_organisation: 'input.partnerIds',
  FK_service_target_group_target_group: 'input.targetGroups',
  FK_service_intervention_type_intervention_type: 'input.interventionTypes',
  FK_service_area_area: 'input.areas',
  FK_service_location_location: 'input.locationIds',
});

const SERVICE_FIELDS = [
  'name', 'slug', 'abbreviation', 'description', 'eligibility', 'minAge', 'maxAge', 'requiresIndication', 'worksWithoutIndication',
  'cost', 'status', 'validFrom', 'validTo', 'periodDescription', 'funding', 'frequency', 'url', 'email',
] as const;
const SERVICE_OPTIONAL_TEXT = ['abbreviation', 'description', 'eligibility', 'cost', 'periodDescription', 'funding', 'frequency', 'url', 'email'] as const;

/** Link table, its value column, and how the input refers to the linked records. */
const SERVICE_LINKS = [
  { input: 'partnerIds', table: 'service_partner', column: 'organisation_id', target: 'organisation', by: 'id', label: 'organisation' },
  { input: 'targetGroups', table: 'service_target_group', column: 'target_group_id', target: 'target_group', by: 'code', label: 'target group' },
  { input: 'interventionTypes', table: 'service_intervention_type', column: 'intervention_type_id', target: 'intervention_type', by: 'code', label: 'intervention type' },
  { input: 'areas', table: 'service_area', column: 'area_id', target: 'area', by: 'area', label: 'area' },
  { input: 'locationIds', table: 'service_location', column: 'location_id', target: 'location', by: 'id', label: 'location' },
] as const;

type ServiceLinkIds = Partial<Record<(typeof SERVICE_LINKS)[number]['input'], string[]>>;

/**
 * Resolves the link lists the input gives (null: clear). Every unknown or archived reference of
 * every list is a problem naming its index (`input.targetGroups.2`), added to `problems`.
 */
async function resolveServiceLinks(ctx: RequestContext, tx: EntityManager, serviceId: string | null, input: UpdateServiceInput, problems: BadUserInputError[]): Promise<ServiceLinkIds> {
  const resolved: ServiceLinkIds = {};
  for (const link of SERVICE_LINKS) {
    const values = input[link.input];
    if (values === undefined) continue;
    const field = `input.${link.input}`;
    if (link.by === 'area') {
      const ids: string[] = [];
      for (const [i, ref] of (values ?? []).entries()) {
        const area = await collectProblems(problems, () => areaReference(ctx, ref, `${field}.${i}`));
        if (area && !ids.includes(area.id)) ids.push(area.id);
      }
      resolved[link.input] = ids;
      continue;
    }
    const linked = serviceId ? await linkedIds(tx, link.table, 'service_id', serviceId, link.column) : [];
    resolved[link.input] = await collectProblems(problems, () =>
      resolveReferences(tx, { table: link.target, by: link.by, values: values ?? [], field: (i) => `${field}.${i}`, label: link.label, linked }),
    );
  }
  return resolved;
}

async function replaceServiceLinks(tx: EntityManager, serviceId: string, links: ServiceLinkIds): Promise<void> {
  for (const link of SERVICE_LINKS) {
    const ids = links[link.input];
    if (ids) await replaceLinks(tx, link.table, 'service_id', serviceId, link.column, ids);
  }
}

/**
 * Applies the input's fields to the record and adds what is wrong with the record as it will be
 * to `problems`: a cleared required field, the age range, the validity dates.
 */
function applyServiceInput(record: Service, input: CreateServiceInput | UpdateServiceInput, problems: BadUserInputError[]): void {
  const cleared = clearedRequiredFields(input, ['name', 'slug']);
  problems.push(...cleared);
  applyFields(record, input, SERVICE_FIELDS);
  if (input.status === null) record.status = ServiceStatus.ACTIVE;
  if (input.aliases !== undefined) record.aliases = cleanList(input.aliases);
  if (input.languages !== undefined) record.languages = cleanList(input.languages);
  if (input.results !== undefined) record.results = cleanList(input.results);
  blankToNull(record, SERVICE_OPTIONAL_TEXT);
  // Checked on the record as it will be, so a change of one bound is checked against the other.
  // A field the required rule named already is not named twice.
  problems.push(...serviceProblems(record, input).filter((problem) => !cleared.some((c) => c.extensions.field === problem.extensions.field)));
}

/** Admins; an organisation's users and API keys (WRITE_OWN_ORGANISATION) for their own organisation. */
export async function createService(ctx: RequestContext, input: CreateServiceInput): Promise<Service> {
  let links: ServiceLinkIds = {};
  let details: PlannedDetails = {};
  return createCurated(
    ctx,
    serviceCuration,
    async (tx, ctx) => {
      const organisationId = await organisationOfNewRecord(ctx, tx, input.organisationId);
      const draft = tx.getRepository(Service).create({ organisationId, aliases: [], languages: [], results: [], status: ServiceStatus.ACTIVE });
      const problems: BadUserInputError[] = [];
      applyServiceInput(draft, input, problems);
      links = await resolveServiceLinks(ctx, tx, null, input, problems);
      details = planDetails(input, problems);
      throwIfProblems(problems);
      draft.slug = input.slug ?? (await freeSlug(tx, 'service', draft.name, 'dienst'));
      return draft;
    },
    async (saved, tx) => {
      await replaceServiceLinks(tx, saved.id, links);
      await writeDetails(tx, 'service', saved.id, details);
    },
  );
}

/** Admins, and the providing organisation's own users and API keys; only admins change the provider. */
export function updateService(ctx: RequestContext, id: string, version: number, input: UpdateServiceInput): Promise<Service> {
  return updateCurated(ctx, serviceCuration, id, version, async (record, tx, ctx) => {
    await authoriseOwnedRecordChange(ctx, tx, record, input.organisationId);
    const problems: BadUserInputError[] = [];
    applyServiceInput(record, input, problems);
    const links = await resolveServiceLinks(ctx, tx, record.id, input, problems);
    const details = planDetails(input, problems);
    throwIfProblems(problems);
    await replaceServiceLinks(tx, record.id, links);
    await writeDetails(tx, 'service', record.id, details);
  });
}

/** Archive or restore: the same callers as `updateService`. */
export function setServiceArchived(ctx: RequestContext, id: string, version: number, archived: boolean): Promise<Service> {
  return setArchived(ctx, serviceCuration, id, version, archived, (record, ctx) => assertMayCurateOrganisationRecord(ctx, record.organisationId));
}
