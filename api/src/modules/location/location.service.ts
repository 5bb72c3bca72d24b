import { clearedRequiredFields } from '../../common/required-fields.rules';
import type { EntityManager } from 'typeorm';
import { type Connection, pageRequest } from '../../common/connection';
import { BadUserInputError, collectProblems, throwIfProblems } from '../../common/errors';
import { paginate } from '../../common/paging';
import { assertUuid } from '../../common/references';
import type { RequestContext } from '../../context';
import { areaIdsWithin, escapeLike, resolveAreaArgument } from '../area';
import { assertMayCurateOrganisationRecord } from '../../auth/policy';
import { CuratedEntityType } from '../curation/change-record.entity';
import { SimilarRecordKind, assertNoExactDuplicate, applyFields, createCurated, type CurationSpec, registerConstraintFields, setArchived, updateCurated } from '../curation';
import { type PlannedDetails, detailsHistory, planDetails, writeDetails } from '../hsds';
import { areaReference, authoriseOwnedRecordChange, blankToNull, cleanList, freeSlug, organisationOfNewRecord } from '../service';
import { Location, LocationStatus } from './location.entity';
import type { CreateLocationInput, LocationsArgs, UpdateLocationInput } from './location.inputs';

export async function listLocations(ctx: RequestContext, args: LocationsArgs): Promise<Connection<Location>> {
  const page = pageRequest(args);
  const qb = ctx.manager.getRepository(Location).createQueryBuilder('l');
  if (!args.includeArchived) qb.andWhere('l.archivedAt IS NULL');
  if (args.area) {
    const area = await resolveAreaArgument(ctx, args.area, 'area');
    qb.andWhere('l.areaId = ANY(:areaIds)', { areaIds: await areaIdsWithin(ctx, area) });
  }
  if (args.organisation) qb.andWhere('l.organisationId = :organisationId', { organisationId: assertUuid(args.organisation, 'organisation') });
  if (args.kind) qb.andWhere('l.kind = :kind', { kind: args.kind });
  if (args.status) qb.andWhere('l.status = :status', { status: args.status });
  if (args.search) qb.andWhere('l.name ILIKE :search', { search: `%${escapeLike(args.search)}%` });
  return paginate(qb, page, 'name');
}

export async function getLocation(ctx: RequestContext, id: string | null | undefined, slug: string | null | undefined): Promise<Location | null> {
  if (id) return ctx.loaders.locationById.load(assertUuid(id, 'id'));
  if (slug) return ctx.manager.getRepository(Location).findOneBy({ slug });
  return null;
}

export const locationCuration: CurationSpec<Location> = {
  target: Location,
  entityType: CuratedEntityType.LOCATION,
  label: 'Location',
  links: (tx, id) => detailsHistory(tx, 'location', id),
  authorize: (ctx, record) => assertMayCurateOrganisationRecord(ctx, record.organisationId),
  duplicates: (tx, record) => assertNoExactDuplicate(tx, SimilarRecordKind.LOCATION, record),
};

registerConstraintFields({
  UQ_location_slug: 'input.slug',
  UQ_location_live_name: 'input.name',
  UQ_location_live_address: 'input.address',
  FK_location_organisation: 'input.organisationId',
  FK_location_area: 'input.area',
  CHK_location_status: 'input.status',
  CHK_location_postcode: 'input.postcode',
  CHK_location_latitude: 'input.latitude',
  CHK_location_longitude: 'input.longitude',
  CHK_location_coordinates_pair: 'input.latitude',
});

const LOCATION_FIELDS = ['name', 'slug', 'kind', 'description', 'address', 'city', 'latitude', 'longitude', 'accessibility', 'locationDescription', 'status'] as const;
const LOCATION_OPTIONAL_TEXT = ['kind', 'description', 'address', 'city', 'accessibility', 'locationDescription'] as const;

/** `3811ab`, `3811 AB ` → `3811 AB`. */
export function normalisePostcode(postcode: string): string {
  const compact = postcode.replace(/\s+/g, '').toUpperCase();
  return `${compact.slice(0, 4)} ${compact.slice(4)}`;
}

/**
 * Applies the input to the record and refuses it with every problem at once: a cleared required
 * field, an unknown area, a position with only one of latitude and longitude, each bad opening
 * time or phone number. Answers the opening hours and phones to write (`writeDetails`).
 */
export async function applyLocationInput(ctx: RequestContext, record: Location, input: CreateLocationInput | UpdateLocationInput): Promise<PlannedDetails> {
  const problems: BadUserInputError[] = [...clearedRequiredFields(input, ['name', 'slug'])];
  applyFields(record, input, LOCATION_FIELDS);
  if (input.status === null) record.status = LocationStatus.ACTIVE;
  if (input.aliases !== undefined) record.aliases = cleanList(input.aliases);
  if (input.postcode !== undefined) record.postcode = input.postcode ? normalisePostcode(input.postcode) : null;
  if (input.area !== undefined) {
    const area = input.area ? await collectProblems(problems, () => areaReference(ctx, input.area!, 'input.area')) : null;
    record.areaId = area?.id ?? null;
  }
  blankToNull(record, LOCATION_OPTIONAL_TEXT);
  if (!record.name && !problems.some((problem) => problem.extensions.field === 'input.name')) {
    problems.push(new BadUserInputError('input.name', 'name cannot be empty', { rule: 'required' }));
  }
  // Both or neither, checked on the record as it will be: clearing one clears nothing else.
  const hasLatitude = record.latitude != null;
  if (hasLatitude !== (record.longitude != null)) {
    problems.push(new BadUserInputError(hasLatitude ? 'input.longitude' : 'input.latitude', 'Give latitude and longitude together, or clear both', { rule: 'coordinatesPair' }));
  }
  const details = planDetails(input, problems);
  throwIfProblems(problems);
  return details;
}

/** Admins; an organisation's users and API keys (WRITE_OWN_ORGANISATION) for their own organisation. */
export function createLocation(ctx: RequestContext, input: CreateLocationInput): Promise<Location> {
  let details: PlannedDetails = {};
  return createCurated(
    ctx,
    locationCuration,
    async (tx: EntityManager, ctx) => {
      const organisationId = await organisationOfNewRecord(ctx, tx, input.organisationId);
      const draft = tx.getRepository(Location).create({ organisationId, aliases: [], status: LocationStatus.ACTIVE });
      details = await applyLocationInput(ctx, draft, input);
      draft.slug = input.slug ?? (await freeSlug(tx, 'location', draft.name, 'locatie'));
      return draft;
    },
    (saved, tx) => writeDetails(tx, 'location', saved.id, details),
  );
}

/** Admins, and the operating organisation's own users and API keys; only admins change the organisation. */
export function updateLocation(ctx: RequestContext, id: string, version: number, input: UpdateLocationInput): Promise<Location> {
  return updateCurated(ctx, locationCuration, id, version, async (record, tx, ctx) => {
    await authoriseOwnedRecordChange(ctx, tx, record, input.organisationId);
    await writeDetails(tx, 'location', record.id, await applyLocationInput(ctx, record, input));
  });
}

/** Archive or restore: the same callers as `updateLocation`. */
export function setLocationArchived(ctx: RequestContext, id: string, version: number, archived: boolean): Promise<Location> {
  return setArchived(ctx, locationCuration, id, version, archived, (record, ctx) => assertMayCurateOrganisationRecord(ctx, record.organisationId));
}
