import { randomUUID } from 'node:crypto';
import { dutchDate } from '../../common/dates';
import { Service, ServiceStatus } from '../service/service.entity';
import { applyAlternateName, clone, noteNotKept } from './hsds.import.map';
import { refusedByRules, unlessDuplicate } from './hsds.import.rules';
import { replaceServiceAreas, wantedServiceAreas } from './hsds.import.map.areas';
import { detailsSnapshot } from './hsds.details';
import { mappingKey } from './hsds.taxonomy-mapping';
import { plannedDetails, plannedSnapshot, writeDetails } from './hsds.import.map.details';
import type { ImportStore, ServiceLocationRow, TermLinkTable } from './hsds.import.store';
import { type Item, SOURCE, isObject, normalizeId, sameList, text, uniqueTexts } from './hsds.import.types';
import { serviceOwnDetails, toServiceBasic } from './hsds.mapping';
import { CreateServiceInput, UpdateServiceInput, serviceProblems } from '../service';

/*
 * service → service, its attributes → service_target_group / service_intervention_type, and
 * service_at_location → service_location. A service's links are part of its history: they are
 * recorded on the service (ImportStore.touchService), in one entry with its own fields, by the
 * same write path ImportStore.persist uses.
 */

const STATUS: Record<string, ServiceStatus> = {
  active: ServiceStatus.ACTIVE,
  inactive: ServiceStatus.INACTIVE,
  defunct: ServiceStatus.DEFUNCT,
  'temporarily closed': ServiceStatus.TEMPORARILY_CLOSED,
};

const REQUIRES_INDICATION = 'Alleen toegankelijk met een indicatie.';
const WITHOUT_INDICATION = 'Toegankelijk zonder indicatie.';

/** An age the age rule takes (common/age-range.rules.ts), undefined when not given, null when unusable. */
function age(value: unknown): number | null | undefined {
  if (value === undefined) return undefined;
  // Whole numbers go on to the service's rules (0–130, min ≤ max), which refuse the record as the CSV import does.
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

interface HsdsTextFields {
  description?: string;
  eligibility_description?: string;
  fees_description?: string;
}

/** The service's fields the mapping sets, by their names in the GraphQL input (the same as the entity's). */
const SERVICE_INPUT_FIELDS = [
  'name', 'abbreviation', 'aliases', 'description', 'eligibility', 'cost', 'url', 'email', 'minAge', 'maxAge', 'requiresIndication', 'languages', 'funding', 'organisationId',
] as const;

export async function importService(store: ImportStore, item: Item): Promise<void> {
  const d = item.data;
  const existing = store.services.get(item.id) ?? null;
  const name = text(d.name);
  if (!name) return store.settle(item, 'rejected', 'A service needs a name');

  const providerId = normalizeId(d.organization_id) ?? item.nested.organizationId ?? item.context.organizationId;
  if (providerId !== undefined) {
    const available = store.availability('organization', store.organisations, providerId);
    if (available === 'rejected') return store.settle(item, 'rejected', `Its organization ${providerId} was rejected`);
    if (available === 'missing') return store.settle(item, 'rejected', `Its organization ${providerId} is neither in the publication nor in the database`);
  } else if (!existing) {
    item.notes.push('No organization: imported without a provider');
  }

  const current = existing ? { ...toServiceBasic(existing), ...serviceOwnDetails(existing) } : null;
  const next = existing
    ? clone(store.tx, Service, existing)
    : store.tx.getRepository(Service).create({
        id: item.id,
        slug: '',
        organisationId: null,
        name,
        abbreviation: null,
        aliases: [],
        description: null,
        eligibility: null,
        minAge: null,
        maxAge: null,
        requiresIndication: null,
        worksWithoutIndication: null,
        cost: null,
        languages: [],
        url: null,
        email: null,
        status: ServiceStatus.ACTIVE,
        validFrom: null,
        validTo: null,
        periodDescription: null,
        funding: null,
        frequency: null,
        results: [],
        lastVerifiedAt: null,
        source: SOURCE,
        note: null,
        archivedAt: null,
      });
  if (providerId !== undefined) next.organisationId = providerId;
  if (d.name !== current?.name) next.name = name;
  if (typeof d.status === 'string' && STATUS[d.status]) next.status = STATUS[d.status];

  const alternate = text(d.alternate_name);
  if (alternate !== undefined && d.alternate_name !== current?.alternate_name) applyAlternateName(next, alternate);
  const fields: Array<[keyof HsdsTextFields, 'description' | 'eligibility' | 'cost']> = [
    ['description', 'description'],
    ['eligibility_description', 'eligibility'],
    ['fees_description', 'cost'],
  ];
  for (const [hsds, column] of fields) {
    const value = text(d[hsds]);
    if (value !== undefined && value !== current?.[hsds]) next[column] = value;
  }

  const url = text(d.url);
  if (url !== undefined && d.url !== current?.url) next.url = url;
  const email = text(d.email);
  if (email !== undefined && d.email !== current?.email) next.email = email.toLowerCase();

  const minAge = age(d.minimum_age);
  const maxAge = age(d.maximum_age);
  if (minAge === null || maxAge === null) item.notes.push('Ages must be whole years: not kept');
  if (typeof minAge === 'number') next.minAge = minAge;
  if (typeof maxAge === 'number') next.maxAge = maxAge;

  const application = text(d.application_process);
  if (application !== undefined && application !== current?.application_process) {
    if (application === REQUIRES_INDICATION) next.requiresIndication = true;
    else if (application === WITHOUT_INDICATION) next.requiresIndication = false;
    else item.notes.push('application_process not kept (Schakel records only whether an indication is needed)');
  }

  if (d.assured_date !== undefined && d.assured_date !== current?.assured_date) {
    const date = typeof d.assured_date === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(d.assured_date.trim()) : null;
    const instant = date ? new Date(`${date[0]}T12:00:00Z`) : null;
    if (instant && !Number.isNaN(instant.getTime()) && dutchDate(instant) === date![0]) next.lastVerifiedAt = instant;
    else item.notes.push('assured_date is no date (YYYY-MM-DD): not kept');
  }

  if (Array.isArray(d.languages)) {
    const languages = uniqueTexts(d.languages.map((language) => (isObject(language) ? (text(language.name) ?? language.code) : undefined)));
    if (!sameList(languages, current?.languages?.map((language) => language.name) ?? [])) next.languages = languages;
  }
  if (Array.isArray(d.funding)) {
    const sources = uniqueTexts(d.funding.map((funding) => (isObject(funding) ? funding.source : undefined)));
    const funding = sources.length > 0 ? sources.join('; ') : null;
    if (funding !== (current?.funding?.[0]?.source ?? null)) next.funding = funding;
  }
  // The rules of the CSV import and of createService/updateService (hsds.import.rules.ts): e.g. a minimum age above the maximum is not kept.
  const rules = {
    input: () => (existing ? new UpdateServiceInput() : new CreateServiceInput()),
    existing,
    next,
    fields: SERVICE_INPUT_FIELDS,
    required: ['name', 'organisationId'] as const,
    together: [['minAge', 'maxAge']] as const,
    rules: (input: Record<string, unknown>) => serviceProblems(next, input),
  };
  if (await refusedByRules(store, item, rules)) return;
  if (!existing) next.slug = store.uniqueSlug('service', name, 'dienst');
  if (existing?.archivedAt) item.notes.push('Archived: it stays archived');
  noteNotKept(item);

  // Attributes: the whole set of target groups and intervention types, when given.
  const wanted = Array.isArray(d.attributes) ? wantedTerms(store, item, d.attributes) : null;
  // Service areas: matched to our areas by row id, CBS code or name (hsds.import.map.areas.ts).
  const areas = Array.isArray(d.service_areas) ? wantedServiceAreas(store, item, d.service_areas) : null;
  // Opening hours and phone numbers (hsds.import.map.details.ts).
  const details = plannedDetails(item);
  const write = await store.touchService(item.id, !existing);
  // The links count in the write path's "did anything change" (as the store's link state shows them), and are written after the row.
  const saved = await unlessDuplicate(store, item, () => write.save(next, {
    links: {
      ...(wanted ? { targetGroupIds: [...wanted.service_target_group.keys()].sort(), interventionTypeIds: [...wanted.service_intervention_type.keys()].sort() } : {}),
      ...(areas ? { areaIds: [...areas.keys()].sort() } : {}),
      ...(details ? plannedSnapshot(store, 'service', item.id, details) : {}),
    },
    writeLinks: async (id) => {
      if (wanted) {
        await replaceTermLinks(store, 'service_target_group', 'target_group_id', id, wanted.service_target_group);
        await replaceTermLinks(store, 'service_intervention_type', 'intervention_type_id', id, wanted.service_intervention_type);
      }
      if (areas) await replaceServiceAreas(store, id, areas);
      if (details) await writeDetails(store, 'service', id, details);
    },
  }));
  if (!saved) return;
  const { outcome } = saved;
  store.services.set(next.id, next);
  store.settle(item, outcome);
}

/** Term id → preferred link row id (the attribute's), per link table. */
function wantedTerms(store: ImportStore, item: Item, attributes: unknown[]): Record<TermLinkTable, Map<string, string | undefined>> {
  const wanted: Record<TermLinkTable, Map<string, string | undefined>> = { service_target_group: new Map(), service_intervention_type: new Map() };
  let foreign = 0;
  let viaMapping = 0;
  const basic: string[] = [];
  for (const attribute of attributes) {
    if (!isObject(attribute)) continue;
    const rawTermId = normalizeId(attribute.taxonomy_term_id) ?? (isObject(attribute.taxonomy_term) ? normalizeId(attribute.taxonomy_term.id) : undefined);
    if (!rawTermId) continue;
    const termId = store.resolveTerm(rawTermId);
    const linkId = normalizeId(attribute.id);
    if (store.targetGroups.has(termId)) wanted.service_target_group.set(termId, linkId);
    else if (store.interventionTypes.has(termId)) wanted.service_intervention_type.set(termId, linkId);
    else if (store.basicFunctions.has(termId)) basic.push(store.basicFunctions.get(termId)!.nameNl);
    else {
      const mapped = mappedTerm(store, attribute, rawTermId);
      if (mapped?.targetGroupId) wanted.service_target_group.set(mapped.targetGroupId, linkId);
      else if (mapped?.interventionTypeId) wanted.service_intervention_type.set(mapped.interventionTypeId, linkId);
      else foreign++;
      if (mapped) viaMapping++;
    }
  }
  if (viaMapping > 0) item.notes.push(`${viaMapping} attribute(s) of other taxonomies linked through the taxonomy mapping`);
  if (foreign > 0) item.notes.push(`${foreign} attribute(s) with terms of other taxonomies (or unknown terms) not imported (not in the taxonomy mapping)`);
  if (basic.length > 0) item.notes.push(`Services are linked to intervention types, not to basic functions (${basic.join(', ')}): not linked`);
  return wanted;
}

/**
 * A foreign term in the curator's mapping: its taxonomy by name or id, the term by code or id,
 * from the attribute's nested term or the term record of the publication.
 */
function mappedTerm(store: ImportStore, attribute: Record<string, unknown>, termId: string) {
  if (store.termMappings.size === 0) return undefined;
  const term = isObject(attribute.taxonomy_term) ? attribute.taxonomy_term : store.byKey.get(`taxonomy_term:${termId}`)?.data;
  if (!term) return undefined;
  const detail = isObject(term.taxonomy_detail) ? term.taxonomy_detail : undefined;
  const taxonomyId = normalizeId(term.taxonomy_id) ?? normalizeId(detail?.id);
  const taxonomyRecord = taxonomyId ? store.byKey.get(`taxonomy:${taxonomyId}`)?.data : undefined;
  const taxonomies = uniqueTexts([term.taxonomy, detail?.name, taxonomyRecord?.name, taxonomyId]).map(mappingKey);
  const terms = uniqueTexts([term.code, termId]).map(mappingKey);
  for (const taxonomy of taxonomies) {
    for (const code of terms) {
      const mapped = store.termMappings.get(`${taxonomy}\u0000${code}`);
      if (mapped) return mapped;
    }
  }
  return undefined;
}

async function replaceTermLinks(store: ImportStore, table: TermLinkTable, column: string, serviceId: string, wanted: Map<string, string | undefined>): Promise<void> {
  const have = store.linksOf(table, serviceId);
  const remove = [...have.keys()].filter((termId) => !wanted.has(termId));
  if (remove.length > 0) {
    await store.tx.query(`DELETE FROM "${table}" WHERE service_id = $1 AND "${column}" = ANY($2::uuid[])`, [serviceId, remove]);
    for (const termId of remove) have.delete(termId);
  }
  for (const [termId, preferred] of wanted) {
    if (have.has(termId)) continue;
    const id = preferred && !store.linkIds[table].has(preferred) ? preferred : randomUUID();
    await store.tx.query(`INSERT INTO "${table}" (id, service_id, "${column}") VALUES ($1, $2, $3)`, [id, serviceId, termId]);
    store.linkIds[table].add(id);
    have.set(termId, id);
  }
}

export async function importServiceAtLocation(store: ImportStore, item: Item): Promise<void> {
  const d = item.data;
  const serviceId = normalizeId(d.service_id) ?? item.context.serviceId ?? item.nested.serviceId;
  const locationId = normalizeId(d.location_id) ?? item.nested.locationId;
  if (!serviceId) return store.settle(item, 'rejected', 'No service: service_id is missing and it is not nested in a service');
  if (!locationId) return store.settle(item, 'rejected', 'No location: location_id is missing and no location is nested');
  const service = store.availability('service', store.services, serviceId);
  if (service !== 'ok') return store.settle(item, 'rejected', `Its service ${serviceId} ${service === 'rejected' ? 'was rejected' : 'is neither in the publication nor in the database'}`);
  const location = store.availability('location', store.locations, locationId);
  if (location !== 'ok') return store.settle(item, 'rejected', `Its location ${locationId} ${location === 'rejected' ? 'was rejected' : 'is neither in the publication nor in the database'}`);

  const description = text(d.description);
  const details = plannedDetails(item);
  const byId = store.serviceLocations.get(item.id);
  const pair = [...store.serviceLocations.values()].find((row) => row.serviceId === serviceId && row.locationId === locationId && row.id !== item.id);
  noteNotKept(item);
  if (byId && pair) {
    return store.settle(item, 'rejected', `Service ${serviceId} is already at location ${locationId} as service_at_location ${pair.id}`);
  }
  if (!byId && !pair) {
    await store.touchService(serviceId);
    await store.tx.query(`INSERT INTO service_location (id, service_id, location_id, description) VALUES ($1, $2, $3, $4)`, [
      item.id,
      serviceId,
      locationId,
      description ?? null,
    ]);
    store.serviceLocations.set(item.id, { id: item.id, serviceId, locationId, description: description ?? null });
    if (details) await writeDetails(store, 'service_at_location', item.id, details);
    return store.settle(item, 'created');
  }
  const row = byId ?? pair!;
  if (pair) item.notes.push(`The service is already at this location as service_at_location ${pair.id}: that link is used`);
  const next: ServiceLocationRow = {
    ...row,
    serviceId,
    locationId,
    description: description !== undefined && description !== text(row.description) ? description : row.description,
  };
  const fieldsSame = next.serviceId === row.serviceId && next.locationId === row.locationId && next.description === row.description;
  const detailsSame = !details || JSON.stringify(plannedSnapshot(store, 'service_at_location', row.id, details)) === JSON.stringify(detailsSnapshot(store.detailsOf('service_at_location', row.id)));
  if (fieldsSame && detailsSame) return store.settle(item, 'unchanged');
  await store.touchService(row.serviceId);
  await store.touchService(serviceId);
  if (!fieldsSame) {
    await store.tx.query(`UPDATE service_location SET service_id = $2, location_id = $3, description = $4, updated_at = now() WHERE id = $1`, [
      row.id,
      next.serviceId,
      next.locationId,
      next.description,
    ]);
  } else {
    await store.tx.query(`UPDATE service_location SET updated_at = now() WHERE id = $1`, [row.id]);
  }
  store.serviceLocations.set(row.id, next);
  if (details) await writeDetails(store, 'service_at_location', row.id, details);
  store.settle(item, 'updated');
}
