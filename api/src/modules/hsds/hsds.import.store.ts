import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { RequestContext } from '../../context';
import { CuratedWrite, type CuratedWriteOutcome, type CurationSpec, slugify } from '../curation';
import { BasicFunction } from '../intervention-type/basic-function.entity';
import { InterventionType } from '../intervention-type/intervention-type.entity';
import { Location } from '../location/location.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Service } from '../service/service.entity';
import { serviceCuration } from '../service';
import { TargetGroup } from '../target-group/target-group.entity';
import { type DetailOwnerType, type OwnerDetails, detailsSnapshot, emptyDetails, loadDetails, ownerKey } from './hsds.details';
import { loadTaxonomyMappings } from './hsds.taxonomy-mapping';
import { type AreaCandidate, type ServiceAreaRow, serviceAreaReferences } from './hsds.import.area-names';
import { type HsdsRecordType, IMPORT_VIA, type ImportOutcome, type Item, isObject, normalizeId } from './hsds.import.types';

/*
 * What one import run knows and how it writes: the rows the publication touches, loaded (and
 * locked) up front; the slugs and codes already taken; and the write path — every create and
 * update goes through the curation module's CuratedWrite, with via 'hsds-import', so an import
 * leaves the same history as an edit in the GraphQL API and an unchanged record is left alone.
 * The mapping of each record type (hsds.import.map.*.ts) reads and writes through this store.
 */

export interface ServiceLocationRow {
  id: string;
  serviceId: string;
  locationId: string;
  description: string | null;
}

type Snapshot = Record<string, unknown>;
type Availability = 'ok' | 'rejected' | 'missing';
export type TermLinkTable = 'service_target_group' | 'service_intervention_type';

export class ImportStore {
  readonly byKey: Map<string, Item>;
  readonly organisations = new Map<string, Organisation>();
  /** Every organisation's parent (database and this import), for cycle checks. */
  readonly organisationParents = new Map<string, string | null>();
  readonly locations = new Map<string, Location>();
  readonly services = new Map<string, Service>();
  readonly targetGroups = new Map<string, TargetGroup>();
  readonly interventionTypes = new Map<string, InterventionType>();
  readonly basicFunctions = new Map<string, BasicFunction>();
  /** Term ids of the publication → ours, for terms matched by code. */
  readonly termAlias = new Map<string, string>();
  readonly slugs: Record<'organisation' | 'location' | 'service', Set<string>> = { organisation: new Set(), location: new Set(), service: new Set() };
  /** service → term → link row id. */
  readonly termLinks: Record<TermLinkTable, Map<string, Map<string, string>>> = { service_target_group: new Map(), service_intervention_type: new Map() };
  readonly linkIds: Record<TermLinkTable, Set<string>> = { service_target_group: new Set(), service_intervention_type: new Set() };
  readonly serviceLocations = new Map<string, ServiceLocationRow>();
  /** service_area rows of the services loaded (and rows whose ids the publication uses), by row id. */
  readonly serviceAreaRows = new Map<string, ServiceAreaRow>();
  /** Schedules and phones of the services, locations and service_at_locations loaded, by owner key (hsds.details.ts). */
  readonly details = new Map<string, OwnerDetails>();
  /** Ids taken in the schedule and phone tables (of the owners loaded and the ids the publication uses). */
  readonly detailIds: Record<'schedule' | 'phone', Set<string>> = { schedule: new Set(), phone: new Set() };
  /** The curator's taxonomy mapping ("taxonomy\0term" → ours, hsds.taxonomy-mapping.ts). */
  termMappings = new Map<string, { targetGroupId: string | null; interventionTypeId: string | null }>();
  /** The areas the publication's service areas name (by CBS code or name), by id. */
  readonly areaCandidates = new Map<string, AreaCandidate>();
  /** Services this import touches → their write, begun at the first touch, for one history entry each. */
  private readonly serviceWrites = new Map<string, CuratedWrite<Service>>();

  constructor(
    readonly tx: EntityManager,
    readonly ctx: RequestContext,
    readonly items: Item[],
  ) {
    this.byKey = new Map(items.map((item) => [item.key, item]));
  }

  /** The records of a type still to be imported (not rejected by validation or settled). */
  ofType(type: HsdsRecordType): Item[] {
    return this.items.filter((item) => item.type === type && item.outcome === undefined);
  }

  settle(item: Item, outcome: ImportOutcome, reason?: string): void {
    item.outcome = outcome;
    if (reason) item.reason = reason;
  }

  availability(type: HsdsRecordType, rows: Map<string, unknown>, id: string): Availability {
    if (rows.has(id)) return 'ok';
    return this.byKey.get(`${type}:${id}`)?.outcome === 'rejected' ? 'rejected' : 'missing';
  }

  // -- Loading what exists --------------------------------------------------------------------

  async load(): Promise<void> {
    const ids = (type: HsdsRecordType) => this.items.filter((item) => item.type === type && item.outcome === undefined).map((item) => item.id);
    const referenced = (type: HsdsRecordType, pick: (item: Item) => Array<string | undefined>) =>
      this.items.filter((item) => item.type === type).flatMap(pick);
    const uuids = (values: Array<string | undefined>) => [...new Set(values.filter((value): value is string => value !== undefined))];

    const organisationIds = uuids([
      ...ids('organization'),
      ...referenced('organization', (item) => [normalizeId(item.data.parent_organization_id)]),
      ...referenced('service', (item) => [normalizeId(item.data.organization_id), item.nested.organizationId, item.context.organizationId]),
      ...referenced('location', (item) => [normalizeId(item.data.organization_id), item.context.organizationId]),
    ]);
    const locationIds = uuids([...ids('location'), ...referenced('service_at_location', (item) => [normalizeId(item.data.location_id), item.nested.locationId])]);
    const serviceIds = uuids([
      ...ids('service'),
      ...referenced('service_at_location', (item) => [normalizeId(item.data.service_id), item.context.serviceId, item.nested.serviceId]),
    ]);
    const atLocationIds = uuids(ids('service_at_location'));
    const attributeIds = uuids(
      referenced('service', (item) => (Array.isArray(item.data.attributes) ? item.data.attributes.map((attribute) => (isObject(attribute) ? normalizeId(attribute.id) : undefined)) : [])),
    );

    // Lock the rows this import may change, so that a concurrent edit waits rather than being overwritten.
    const lockedByIds = async <T extends ObjectLiteral>(target: EntityTarget<T>, list: string[]): Promise<T[]> =>
      list.length === 0 ? [] : this.tx.getRepository(target).createQueryBuilder('r').setLock('pessimistic_write').where('r.id = ANY(:ids)', { ids: list }).getMany();
    for (const row of await lockedByIds(Organisation, organisationIds)) this.organisations.set(row.id, row);
    for (const row of await lockedByIds(Location, locationIds)) this.locations.set(row.id, row);
    for (const row of await lockedByIds(Service, serviceIds)) this.services.set(row.id, row);
    for (const row of await this.tx.getRepository(TargetGroup).find()) this.targetGroups.set(row.id, row);
    for (const row of await this.tx.getRepository(InterventionType).find()) this.interventionTypes.set(row.id, row);
    for (const row of await this.tx.getRepository(BasicFunction).find()) this.basicFunctions.set(row.id, row);

    this.termMappings = await loadTaxonomyMappings(this.tx);
    const parents: Array<{ id: string; parent_id: string | null }> = await this.tx.query(`SELECT id, parent_id FROM organisation WHERE parent_id IS NOT NULL`);
    for (const row of parents) this.organisationParents.set(row.id, row.parent_id);
    for (const table of ['organisation', 'location', 'service'] as const) {
      const rows: Array<{ slug: string }> = await this.tx.query(`SELECT slug FROM "${table}"`);
      for (const row of rows) this.slugs[table].add(row.slug);
    }

    const linkedServiceIds = [...this.services.keys()];
    for (const [table, column] of [
      ['service_target_group', 'target_group_id'],
      ['service_intervention_type', 'intervention_type_id'],
    ] as const) {
      const rows: Array<{ id: string; service_id: string; term_id: string }> = await this.tx.query(
        `SELECT id, service_id, "${column}" AS term_id FROM "${table}" WHERE service_id = ANY($1::uuid[]) OR id = ANY($2::uuid[])`,
        [linkedServiceIds, attributeIds],
      );
      for (const row of rows) {
        this.linkIds[table].add(row.id);
        if (!this.services.has(row.service_id)) continue;
        this.linksOf(table, row.service_id).set(row.term_id, row.id);
      }
    }
    const atLocations: Array<{ id: string; service_id: string; location_id: string; description: string | null }> = await this.tx.query(
      `SELECT id, service_id, location_id, description FROM service_location WHERE id = ANY($1::uuid[]) OR service_id = ANY($2::uuid[])`,
      [atLocationIds, linkedServiceIds],
    );
    for (const row of atLocations) {
      this.serviceLocations.set(row.id, { id: row.id, serviceId: row.service_id, locationId: row.location_id, description: row.description });
    }

    for (const [key, entry] of await loadDetails(this.tx, {
      service: linkedServiceIds,
      location: [...this.locations.keys()],
      service_at_location: [...this.serviceLocations.keys()],
    })) {
      this.details.set(key, entry);
      for (const row of entry.schedules) this.detailIds.schedule.add(row.id);
      for (const row of entry.phones) this.detailIds.phone.add(row.id);
    }
    const detailIdsUsed = (list: string) =>
      uuids(this.items.flatMap((item) => (Array.isArray(item.data[list]) ? (item.data[list] as unknown[]).map((entry) => (isObject(entry) ? normalizeId(entry.id) : undefined)) : [])));
    const usedIds: Array<{ kind: 'schedule' | 'phone'; id: string }> = await this.tx.query(
      `SELECT 'schedule' AS kind, id FROM schedule WHERE id = ANY($1::uuid[]) UNION ALL SELECT 'phone', id FROM phone WHERE id = ANY($2::uuid[])`,
      [detailIdsUsed('schedules'), detailIdsUsed('phones')],
    );
    for (const row of usedIds) this.detailIds[row.kind].add(row.id);

    const serviceAreaIds = uuids(
      referenced('service', (item) => (Array.isArray(item.data.service_areas) ? item.data.service_areas.map((area) => (isObject(area) ? normalizeId(area.id) : undefined)) : [])),
    );
    const serviceAreas: Array<{ id: string; service_id: string; area_id: string }> = await this.tx.query(
      `SELECT id, service_id, area_id FROM service_area WHERE id = ANY($1::uuid[]) OR service_id = ANY($2::uuid[])`,
      [serviceAreaIds, linkedServiceIds],
    );
    for (const row of serviceAreas) this.serviceAreaRows.set(row.id, { id: row.id, serviceId: row.service_id, areaId: row.area_id });
    const { codes, names } = serviceAreaReferences(this.items);
    if (codes.length + names.length > 0) {
      const areas: Array<{ id: string; code: string | null; name: string; alternative_names: string[]; archived: boolean }> = await this.tx.query(
        `SELECT id, code, name, alternative_names, archived_at IS NOT NULL AS archived FROM area
          WHERE code = ANY($1::text[]) OR lower(regexp_replace(btrim(name), '\s+', ' ', 'g')) = ANY($2::text[])
             OR EXISTS (SELECT 1 FROM unnest(alternative_names) alias WHERE lower(regexp_replace(btrim(alias), '\s+', ' ', 'g')) = ANY($2::text[]))`,
        [codes, names],
      );
      for (const row of areas) this.areaCandidates.set(row.id, { id: row.id, code: row.code, name: row.name, alternativeNames: row.alternative_names, archived: row.archived });
    }
  }

  detailsOf(owner: DetailOwnerType, id: string): OwnerDetails {
    return this.details.get(ownerKey(owner, id)) ?? emptyDetails();
  }

  /** Area id → service_area row id of one service. */
  serviceAreasOf(serviceId: string): Map<string, string> {
    return new Map([...this.serviceAreaRows.values()].filter((row) => row.serviceId === serviceId).map((row) => [row.areaId, row.id]));
  }

  linksOf(table: TermLinkTable, serviceId: string): Map<string, string> {
    let links = this.termLinks[table].get(serviceId);
    if (!links) {
      links = new Map();
      this.termLinks[table].set(serviceId, links);
    }
    return links;
  }

  uniqueSlug(table: 'organisation' | 'location' | 'service', name: string, fallback: string): string {
    const base = slugify(name) || fallback;
    let slug = base;
    for (let n = 2; this.slugs[table].has(slug); n++) slug = `${base}-${n}`;
    this.slugs[table].add(slug);
    return slug;
  }

  /**
   * Writes a created or changed record through the write path, with its history entry; an
   * unchanged one is left alone. `existing` is the row `load` locked; `next` is it as the
   * publication has it (a copy, so that `existing` stays the "before").
   */
  async persist<T extends ObjectLiteral & { id: string; version: number }>(
    spec: CurationSpec<T>,
    existing: T | null,
    next: T,
    details?: { owner: DetailOwnerType; planned?: Snapshot; writeDetails?: (id: string) => Promise<unknown> },
  ): Promise<CuratedWriteOutcome> {
    // With details (a location's schedules and phones) the history's link state is the spec's links plus those.
    const links = details
      ? async (id: string) => ({ ...(spec.links ? await spec.links(this.tx, id) : {}), ...detailsSnapshot(this.detailsOf(details.owner, id)) })
      : undefined;
    const write = await CuratedWrite.begin(this.tx, this.ctx, spec, existing, { via: IMPORT_VIA, whenUnchanged: 'skip', links });
    const writeDetails = details?.writeDetails;
    return (await write.save(next, { links: details?.planned, writeLinks: writeDetails ? async (id) => void (await writeDetails(id)) : undefined })).outcome;
  }

  /** Our id of a term of the publication (another id when it was matched by its code). */
  resolveTerm(id: string): string {
    return this.termAlias.get(id) ?? id;
  }

  // -- A service's history ------------------------------------------------------------------

  private linkSnapshot(serviceId: string): Snapshot {
    const atLocations = [...this.serviceLocations.values()]
      .filter((row) => row.serviceId === serviceId)
      .sort((a, b) => a.locationId.localeCompare(b.locationId) || a.id.localeCompare(b.id));
    return {
      targetGroupIds: [...(this.termLinks.service_target_group.get(serviceId)?.keys() ?? [])].sort(),
      interventionTypeIds: [...(this.termLinks.service_intervention_type.get(serviceId)?.keys() ?? [])].sort(),
      areaIds: [...this.serviceAreasOf(serviceId).keys()].sort(),
      ...detailsSnapshot(this.detailsOf('service', serviceId)),
      locationIds: atLocations.map((row) => row.locationId),
      serviceLocations: atLocations.map((row) => ({
        id: row.id,
        locationId: row.locationId,
        description: row.description,
        ...detailsSnapshot(this.detailsOf('service_at_location', row.id)),
      })),
    };
  }

  /**
   * The write of a service, begun when this import first touches it (null record: created now).
   * Its links change after the service row — the service_at_location records come later — so
   * the history entry waits for `recordServiceHistory`: one entry per service, with its links
   * as this store keeps them.
   */
  async touchService(serviceId: string, created = false): Promise<CuratedWrite<Service>> {
    let write = this.serviceWrites.get(serviceId);
    if (!write) {
      const service = created ? null : (this.services.get(serviceId) ?? null);
      write = await CuratedWrite.begin(this.tx, this.ctx, serviceCuration, service, {
        via: IMPORT_VIA,
        whenUnchanged: 'skip',
        links: (id) => this.linkSnapshot(id),
        historyLater: true,
      });
      this.serviceWrites.set(serviceId, write);
    }
    return write;
  }

  async recordServiceHistory(): Promise<void> {
    for (const [serviceId, write] of this.serviceWrites) {
      const service = this.services.get(serviceId);
      if (service) await write.recordHistory(service);
    }
  }
}
