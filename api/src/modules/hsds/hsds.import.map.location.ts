import { Location, LocationStatus } from '../location/location.entity';
import { type BadUserInputError, collectProblems } from '../../common/errors';
import { CreateLocationInput, UpdateLocationInput, applyLocationInput, locationCuration } from '../location';
import { clone, noteNotKept } from './hsds.import.map';
import { plannedDetails, plannedSnapshot, writeDetails } from './hsds.import.map.details';
import { refusedByRules, unlessDuplicate } from './hsds.import.rules';
import type { ImportStore } from './hsds.import.store';
import { type Item, type Json, SOURCE, isObject, normalizeId, text } from './hsds.import.types';
import { toLocationFull } from './hsds.mapping';

/*
 * location → location. Schakel maps places: a virtual location is rejected, and an address goes
 * into the address fields only when it is Dutch (else into location_description).
 */

/** "1234ab", "1234 AB" → "1234 AB"; anything else is not a Dutch postcode. */
function dutchPostcode(value: unknown): string | undefined {
  const match = /^\s*([1-9][0-9]{3})\s?([a-zA-Z]{2})\s*$/.exec(typeof value === 'string' ? value : '');
  return match ? `${match[1]} ${match[2].toUpperCase()}` : undefined;
}

function dutchCountry(value: unknown): boolean {
  const country = text(value);
  return !country || /^(nl|nld|nederland|the netherlands|netherlands)$/i.test(country);
}

/** The location's fields the mapping sets, by their names in the GraphQL input (the same as the entity's). */
const LOCATION_INPUT_FIELDS = ['name', 'aliases', 'description', 'organisationId', 'address', 'postcode', 'city', 'latitude', 'longitude', 'accessibility', 'locationDescription'] as const;

export async function importLocation(store: ImportStore, item: Item): Promise<void> {
  const d = item.data;
  if (d.location_type === 'virtual') {
    return store.settle(item, 'rejected', 'A virtual location is no place on the map: Schakel keeps physical locations only');
  }
  const existing = store.locations.get(item.id) ?? null;
  const current = existing ? toLocationFull(existing) : null;
  const addresses = Array.isArray(d.addresses) ? d.addresses.filter(isObject) : undefined;
  const address = addresses?.find((candidate) => candidate.address_type === 'physical') ?? addresses?.find((candidate) => candidate.address_type !== 'virtual');
  const name = text(d.name) ?? (existing ? undefined : (text(d.alternate_name) ?? text(address?.address_1)));
  if (!existing && !name) return store.settle(item, 'rejected', 'A location needs a name (or an alternate name or address to name it by)');
  const next = existing
    ? clone(store.tx, Location, existing)
    : store.tx.getRepository(Location).create({
        id: item.id,
        slug: '',
        name: name!,
        aliases: [],
        kind: null,
        description: null,
        organisationId: null,
        address: null,
        postcode: null,
        city: null,
        latitude: null,
        longitude: null,
        areaId: null,
        accessibility: null,
        locationDescription: null,
        status: LocationStatus.ACTIVE,
        lastVerifiedAt: null,
        source: SOURCE,
        note: null,
        archivedAt: null,
      });
  if (name && d.name !== current?.name) next.name = name;
  if (!text(d.name) && !existing) item.notes.push(`No name given: named "${name}"`);
  if (d.location_type === 'postal') item.notes.push('A postal location: kept as a place');

  const alternate = text(d.alternate_name);
  if (alternate !== undefined && d.alternate_name !== current?.alternate_name) next.aliases = [alternate, ...next.aliases.filter((alias) => alias !== alternate)];
  const description = text(d.description);
  if (description !== undefined && d.description !== current?.description) next.description = description;

  const organisationId = normalizeId(d.organization_id) ?? item.context.organizationId;
  if (organisationId !== undefined && organisationId !== current?.organization_id) {
    const available = store.availability('organization', store.organisations, organisationId);
    if (available === 'ok') next.organisationId = organisationId;
    else item.notes.push(`Organization ${organisationId} ${available === 'rejected' ? 'was rejected' : 'is neither in the publication nor in the database'}: the location is kept without it`);
  }

  // Coordinates as given: out of range, or one without the other, the location's rules refuse below.
  if (d.latitude !== undefined) next.latitude = typeof d.latitude === 'number' ? d.latitude : null;
  if (d.longitude !== undefined) next.longitude = typeof d.longitude === 'number' ? d.longitude : null;

  if (addresses !== undefined) applyAddress(item, next, current?.addresses ?? [], address);

  if (Array.isArray(d.accessibility)) {
    const descriptions = d.accessibility
      .filter(isObject)
      .map((entry) => [text(entry.description), text(entry.details)].filter(Boolean).join(' — '))
      .filter((entry) => entry.length > 0);
    const accessibility = descriptions.length > 0 ? descriptions.join('\n') : null;
    if (accessibility !== (current?.accessibility?.[0]?.description ?? null)) next.accessibility = accessibility;
  }
  // The rules of the CSV import and of createLocation/updateLocation (hsds.import.rules.ts), on a copy.
  const rules = {
    input: () => (existing ? new UpdateLocationInput() : new CreateLocationInput()),
    existing,
    next,
    fields: LOCATION_INPUT_FIELDS,
    required: ['name'] as const,
    together: [['latitude', 'longitude'], ['address', 'postcode', 'city']] as const,
    rules: async (input: Record<string, unknown>) => {
      const problems: BadUserInputError[] = [];
      await collectProblems(problems, () => applyLocationInput(store.ctx, clone(store.tx, Location, next), input as UpdateLocationInput));
      return problems;
    },
  };
  if (await refusedByRules(store, item, rules)) return;
  if (!existing) next.slug = store.uniqueSlug('location', next.name, 'locatie');
  if (existing?.archivedAt) item.notes.push('Archived: it stays archived');
  noteNotKept(item);
  const details = plannedDetails(item);
  const outcome = await unlessDuplicate(store, item, () =>
    store.persist(locationCuration, existing, next, {
      owner: 'location',
      planned: details ? plannedSnapshot(store, 'location', item.id, details) : undefined,
      writeDetails: details ? (id) => writeDetails(store, 'location', id, details) : undefined,
    }),
  );
  if (!outcome) return;
  store.settle(item, outcome);
  store.locations.set(next.id, next);
}

/** The physical address: into address/postcode/city when Dutch, else into location_description. */
function applyAddress(item: Item, next: Location, exported: Array<{ address_1: string; postal_code: string; city: string }>, address: Json | undefined): void {
  if (!address) {
    // The publication says the location has no (usable) address.
    if (exported.length > 0) {
      next.address = null;
      next.postcode = null;
      next.city = null;
    }
    return;
  }
  const street = [text(address.address_1), text(address.address_2)].filter(Boolean).join(', ');
  const city = text(address.city);
  const postcode = dutchPostcode(address.postal_code);
  if (!postcode && text(address.postal_code) && dutchCountry(address.country) && street && city) {
    // A Dutch address whose postcode is none: the location's postcode rule refuses it (as the CSV import does).
    next.postcode = text(address.postal_code)!;
    return;
  }
  const already = exported[0];
  if (already && address.address_1 === already.address_1 && address.postal_code === already.postal_code && address.city === already.city && !text(address.address_2)) {
    return;
  }
  if (postcode && city && street && dutchCountry(address.country) && street.length <= 300 && city.length <= 100) {
    next.address = street;
    next.postcode = postcode;
    next.city = city;
    return;
  }
  const whole = [street, [text(address.postal_code), city].filter(Boolean).join(' '), text(address.region), text(address.state_province), text(address.country)]
    .filter((part) => part)
    .join(', ');
  if (whole) next.locationDescription = whole;
  // The publication's address replaces ours: no Dutch address fields left behind.
  if (exported.length > 0) {
    next.address = null;
    next.postcode = null;
    next.city = null;
  }
  const reason = !dutchCountry(address.country)
    ? `An address in ${text(address.country)}`
    : postcode
      ? 'The address is incomplete or too long for the address fields'
      : `"${text(address.postal_code) ?? ''}" is no Dutch postcode`;
  item.notes.push(`${reason}: the address is kept in location_description`);
}
