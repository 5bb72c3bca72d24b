import { Organisation, OrganisationStatus, Sector } from '../organisation/organisation.entity';
import { CreateOrganisationInput, UpdateOrganisationInput, organisationCuration, organisationProblems } from '../organisation';
import { applyAlternateName, clone, noteNotKept } from './hsds.import.map';
import { refusedByRules, unlessDuplicate } from './hsds.import.rules';
import type { ImportStore } from './hsds.import.store';
import { type Item, SOURCE, isObject, normalizeId, sameList, text, uniqueTexts } from './hsds.import.types';
import { toOrganizationWithOwnDetails } from './hsds.mapping';

/* organization → organisation. HSDS has no sector: an attribute whose term code is a Sector sets it. */

const SECTORS = new Set<string>(Object.values(Sector));

function sectorOf(code: unknown): Sector | undefined {
  const normalized = text(code)?.toUpperCase().replace(/[\s-]+/g, '_');
  return normalized && SECTORS.has(normalized) ? (normalized as Sector) : undefined;
}

function organisationCycle(store: ImportStore, id: string, parentId: string): boolean {
  const seen = new Set<string>();
  for (let current: string | null | undefined = parentId; current; current = store.organisationParents.get(current)) {
    if (current === id || seen.has(current)) return true;
    seen.add(current);
  }
  return false;
}

/** The organisation's fields the mapping sets, by their names in the GraphQL input (the same as the entity's). */
const ORGANISATION_INPUT_FIELDS = ['name', 'abbreviation', 'aliases', 'description', 'sector', 'email', 'website', 'phone', 'parentId', 'fundingStreams'] as const;

export async function importOrganisation(store: ImportStore, item: Item): Promise<void> {
  const d = item.data;
  const existing = store.organisations.get(item.id) ?? null;
  const name = text(d.name);
  if (!name) return store.settle(item, 'rejected', 'An organisation needs a name');
  const current = existing ? toOrganizationWithOwnDetails(existing) : null;
  const next = existing
    ? clone(store.tx, Organisation, existing)
    : store.tx.getRepository(Organisation).create({
        id: item.id,
        slug: '',
        name,
        abbreviation: null,
        aliases: [],
        description: null,
        sector: Sector.OTHER,
        secondarySector: null,
        subsector: null,
        fundingStreams: [],
        scope: null,
        worksWithoutIndication: null,
        generic: false,
        website: null,
        email: null,
        phone: null,
        parentId: null,
        status: OrganisationStatus.ACTIVE,
        lastVerifiedAt: null,
        source: SOURCE,
        note: null,
        archivedAt: null,
      });
  if (d.name !== current?.name) next.name = name;

  const alternate = text(d.alternate_name);
  if (alternate !== undefined && d.alternate_name !== current?.alternate_name) applyAlternateName(next, alternate);
  const description = text(d.description);
  if (description !== undefined && d.description !== current?.description) next.description = description;
  const email = text(d.email);
  if (email !== undefined && d.email !== current?.email) next.email = email.toLowerCase();
  const website = text(d.website);
  if (website !== undefined && d.website !== current?.website) next.website = website;

  const parentId = normalizeId(d.parent_organization_id);
  if (parentId !== undefined && parentId !== current?.parent_organization_id) {
    const available = parentId === item.id ? 'self' : store.availability('organization', store.organisations, parentId);
    if (available === 'self') item.notes.push('An organisation cannot be its own parent: parent_organization_id not kept');
    else if (available === 'missing') item.notes.push(`Parent organization ${parentId} is neither in the publication nor in the database: not kept`);
    else if (available === 'rejected') item.notes.push(`Parent organization ${parentId} was rejected: not kept`);
    else if (organisationCycle(store, item.id, parentId)) item.notes.push(`Parent organization ${parentId} would make a cycle: not kept`);
    else next.parentId = parentId;
  }

  if (Array.isArray(d.phones)) {
    const numbers = uniqueTexts(d.phones.map((phone) => (isObject(phone) ? phone.number : undefined)));
    const first = numbers[0] ?? null;
    if (first !== (current?.phones?.[0]?.number ?? null)) next.phone = first;
    if (numbers.length > 1) item.notes.push(`Only the first phone number is kept (${numbers.length - 1} more given)`);
  }
  if (Array.isArray(d.funding)) {
    const sources = uniqueTexts(d.funding.map((funding) => (isObject(funding) ? funding.source : undefined)));
    if (!sameList(sources, current?.funding?.map((funding) => funding.source) ?? [])) next.fundingStreams = sources;
  }
  if (Array.isArray(d.attributes)) {
    for (const attribute of d.attributes) {
      if (!isObject(attribute)) continue;
      const termId = normalizeId(attribute.taxonomy_term_id);
      const term = isObject(attribute.taxonomy_term) ? attribute.taxonomy_term : termId ? store.byKey.get(`taxonomy_term:${termId}`)?.data : undefined;
      const sector = sectorOf(term?.code);
      if (sector) {
        next.sector = sector;
        item.notes.push(`Sector ${sector} from the taxonomy term "${text(term?.name) ?? sector}"`);
        break;
      }
    }
  }
  if (!existing) {
    next.slug = store.uniqueSlug('organisation', name, 'organisatie');
    if (next.sector === Sector.OTHER) item.notes.push('Sector OTHER: HSDS has no sector (an attribute whose term code is a sector sets it)');
  }
  // The rules of the CSV import and of createOrganisation/updateOrganisation (hsds.import.rules.ts).
  const rules = {
    input: () => (existing ? new UpdateOrganisationInput() : new CreateOrganisationInput()),
    existing,
    next,
    fields: ORGANISATION_INPUT_FIELDS,
    required: ['name'] as const,
    rules: organisationProblems,
  };
  if (await refusedByRules(store, item, rules)) return;
  if (existing?.archivedAt) item.notes.push('Archived: it stays archived');
  noteNotKept(item);
  const outcome = await unlessDuplicate(store, item, () => store.persist(organisationCuration, existing, next));
  if (!outcome) return;
  store.settle(item, outcome);
  store.organisations.set(next.id, next);
  store.organisationParents.set(next.id, next.parentId);
}
