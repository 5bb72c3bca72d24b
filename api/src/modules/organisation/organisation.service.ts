import { assertOrganisationRules, normalisedOrganisationValues } from './organisation.rules';
import { type Connection, pageRequest } from '../../common/connection';
import { paginate } from '../../common/paging';
import { assertReferenceChecks, assertUuid } from '../../common/references';
import type { RequestContext } from '../../context';
import { areaIdsWithin, resolveAreaArgument, resolveAreaIds } from '../area';
import { serviceCriteria } from '../service';
import { searchCondition } from '../search';
import { Organisation, OrganisationStatus } from './organisation.entity';
import type { EntityManager } from 'typeorm';
import { assertAdmin, assertMayCurateOrganisationRecord } from '../../auth/policy';
import { CuratedEntityType } from '../curation/change-record.entity';
import { SimilarRecordKind, assertNoExactDuplicate, applyFields, assertIdsExist, assertNoCycle, createCurated, type CurationSpec, linkedIds, registerConstraintFields, replaceLinks, setArchived, slugify, updateCurated } from '../curation';
import type { CreateOrganisationInput, OrganisationsArgs, UpdateOrganisationInput } from './organisation.inputs';

export async function listOrganisations(ctx: RequestContext, args: OrganisationsArgs): Promise<Connection<Organisation>> {
  const page = pageRequest(args);
  const qb = ctx.manager.getRepository(Organisation).createQueryBuilder('o');
  if (!args.includeArchived) qb.andWhere('o.archivedAt IS NULL');

  // Service-based criteria: the organisation provides or partners a matching service.
  const criteria = serviceCriteria({ ...args, area: null });
  await assertReferenceChecks(ctx.manager, criteria.checks, criteria.params);
  if (criteria.where.length > 0) {
    const matching = `SELECT s.id FROM service s WHERE ${criteria.where.join(' AND ')}`;
    qb.andWhere(
      `(o.id IN (SELECT s.organisation_id FROM service s WHERE s.id IN (${matching}))
        OR o.id IN (SELECT sp.organisation_id FROM service_partner sp WHERE sp.service_id IN (${matching})))`,
      criteria.params,
    );
  }
  if (args.area) {
    const area = await resolveAreaArgument(ctx, args.area, 'area');
    const [ancestors, within] = await Promise.all([ctx.loaders.areaAncestorIds.load(area.id), areaIdsWithin(ctx, area)]);
    qb.andWhere(
      `(o.id IN (SELECT oa.organisation_id FROM organisation_area oa WHERE oa.area_id = ANY(:servingAreaIds))
        OR o.id IN (SELECT l.organisation_id FROM location l WHERE l.area_id = ANY(:withinAreaIds))
        OR o.id IN (SELECT s.organisation_id FROM service s JOIN service_area sa ON sa.service_id = s.id WHERE sa.area_id = ANY(:servingAreaIds))
        OR o.id IN (SELECT sp.organisation_id FROM service_partner sp JOIN service_area sa ON sa.service_id = sp.service_id WHERE sa.area_id = ANY(:servingAreaIds)))`,
      { servingAreaIds: [...within, ...ancestors], withinAreaIds: within },
    );
  }
  if (args.search) {
    const search = await searchCondition(ctx.manager, 'organisation', 'o', args.search);
    qb.andWhere(search.where, search.params);
  }
  if (args.sector) qb.andWhere('o.sector = :sector', { sector: args.sector });
  if (args.status) qb.andWhere('o.status = :status', { status: args.status });
  return paginate(qb, page, 'name');
}

export async function getOrganisation(ctx: RequestContext, id: string | null | undefined, slug: string | null | undefined): Promise<Organisation | null> {
  if (id) return ctx.loaders.organisationById.load(assertUuid(id, 'id'));
  if (slug) return ctx.manager.getRepository(Organisation).findOneBy({ slug });
  return null;
}

export const organisationCuration: CurationSpec<Organisation> = {
  target: Organisation,
  entityType: CuratedEntityType.ORGANISATION,
  label: 'Organisation',
  links: async (tx, id) => ({ areaIds: await linkedIds(tx, 'organisation_area', 'organisation_id', id, 'area_id') }),
  authorize: (ctx, record) => assertMayCurateOrganisationRecord(ctx, record.id),
  duplicates: (tx, record) => assertNoExactDuplicate(tx, SimilarRecordKind.ORGANISATION, record),
};

registerConstraintFields({
  UQ_organisation_slug: 'input.slug',
  FK_organisation_parent: 'input.parentId',
  CHK_organisation_not_own_parent: 'input.parentId',
  UQ_organisation_live_name: 'input.name',
});

const ORGANISATION_FIELDS = [
  'name', 'slug', 'abbreviation', 'description', 'sector', 'secondarySector', 'subsector', 'scope', 'worksWithoutIndication',
  'website', 'email', 'phone', 'parentId', 'status',
] as const;

async function applyOrganisationInput(ctx: RequestContext, tx: EntityManager, record: Organisation, input: CreateOrganisationInput | UpdateOrganisationInput): Promise<void> {
  assertOrganisationRules(input);
  if (input.parentId !== undefined) {
    if (input.parentId) await assertIdsExist(tx, 'organisation', [input.parentId], 'input.parentId', 'organisation');
    if (record.id) await assertNoCycle(tx, 'organisation', record.id, input.parentId ?? null, 'input.parentId');
  }
  applyFields(record, input, ORGANISATION_FIELDS);
  Object.assign(record, normalisedOrganisationValues(input));
  if (input.generic !== undefined) record.generic = input.generic ?? false;
  if (input.status === null) record.status = OrganisationStatus.ACTIVE;
}

/** New organisations are added by curators (admins). */
export async function createOrganisation(ctx: RequestContext, input: CreateOrganisationInput): Promise<Organisation> {
  assertAdmin(ctx, 'Only admins add organisations to the map');
  const areaIds = input.areas ? await resolveAreaIds(ctx, input.areas, 'input.areas') : [];
  return createCurated(
    ctx,
    organisationCuration,
    async (tx, ctx) => {
      const draft = tx.getRepository(Organisation).create({ aliases: [], fundingStreams: [], generic: false, status: OrganisationStatus.ACTIVE });
      await applyOrganisationInput(ctx, tx, draft, input);
      draft.slug = input.slug ?? slugify(input.name);
      return draft;
    },
    async (saved, tx) => {
      if (areaIds.length > 0) await replaceLinks(tx, 'organisation_area', 'organisation_id', saved.id, 'area_id', areaIds);
    },
  );
}

/** Admins, and the organisation's own users and API keys (WRITE_OWN_ORGANISATION). */
export async function updateOrganisation(ctx: RequestContext, id: string, version: number, input: UpdateOrganisationInput): Promise<Organisation> {
  const areaIds = input.areas ? await resolveAreaIds(ctx, input.areas, 'input.areas') : null;
  return updateCurated(ctx, organisationCuration, id, version, async (record, tx, ctx) => {
    await applyOrganisationInput(ctx, tx, record, input);
    if (input.areas !== undefined) await replaceLinks(tx, 'organisation_area', 'organisation_id', record.id, 'area_id', areaIds ?? []);
  });
}

export function setOrganisationArchived(ctx: RequestContext, id: string, version: number, archived: boolean): Promise<Organisation> {
  return setArchived(ctx, organisationCuration, id, version, archived, (_record, ctx) => assertAdmin(ctx, 'Only admins archive organisations'));
}
