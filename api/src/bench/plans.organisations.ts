import { slugify } from '../modules/curation';
import { cumulative } from './random';
import { type Layout, daysBefore, distinct, round, sometimes } from './plans.shared';
import { LOCATION_KINDS, SECTORS, SECTOR_WEIGHTS, type SectorCode, organisationDescription, organisationName, postcode, streetAddress } from './vocabulary';
import type { Municipality, World } from './world';

/** The plans of organisations and their locations (plans.ts). */

const SECTOR_CUMULATIVE = cumulative(SECTOR_WEIGHTS);

export interface OrganisationPlan {
  id: string;
  name: string;
  slug: string;
  abbreviation: string | null;
  description: string;
  sector: SectorCode;
  secondarySector: SectorCode | null;
  scope: string | null;
  worksWithoutIndication: boolean | null;
  website: string | null;
  email: string | null;
  phone: string | null;
  parent: number;
  status: string;
  lastVerifiedAt: Date | null;
  archivedAt: Date | null;
  areas: number[];
}

function municipalityOfOrganisation(world: World, organisation: number): Municipality {
  return world.municipalities[world.organisationMunicipality[organisation]];
}

export function planOrganisation(world: World, index: number): OrganisationPlan {
  const rng = world.random('organisation', index);
  const municipality = municipalityOfOrganisation(world, index);
  const rank = index - municipality.organisations.start;
  const hub = rank < 2;
  const sector: SectorCode = rank === 0 ? 'MUNICIPALITY' : rank === 1 ? 'WELFARE' : rng.pickWeighted(SECTORS, SECTOR_CUMULATIVE);
  const place = world.areas[rng.chance(0.6) ? municipality.area : rng.pick(municipality.districts)].name;
  const name = rank === 0 ? `Sociaal Wijkteam ${municipality.name}` : rank === 1 ? `Stichting Welzijn ${municipality.name}` : organisationName(rng, sector, place);
  const slugBase = slugify(name).slice(0, 100);
  const areaCount = hub ? 1 : rng.chance(0.3) ? 2 : 1;
  const areas = distinct(areaCount, () => {
    if (hub) return municipality.area;
    const r = rng.float();
    return r < 0.4 ? municipality.area : r < 0.8 ? rng.pick(municipality.districts) : rng.pick(municipality.neighbourhoods);
  });
  const status = hub ? 'ACTIVE' : rng.pickWeighted(['ACTIVE', 'INACTIVE', 'DEFUNCT'], ORGANISATION_STATUS);
  return {
    id: world.id('organisation', index),
    name,
    slug: `${slugBase}-${index + 1}`,
    abbreviation: sometimes(rng, 0.2, () => name.split(' ').map((word) => word[0]).join('').toUpperCase().slice(0, 10)),
    description: organisationDescription(rng, sector, place),
    sector,
    secondarySector: sometimes(rng, 0.15, () => rng.pickWeighted(SECTORS, SECTOR_CUMULATIVE)),
    scope: rng.pickWeighted(['LOCAL', 'REGIONAL', 'NATIONAL'], SCOPE),
    worksWithoutIndication: rng.chance(0.3) ? null : rng.chance(0.6),
    website: sometimes(rng, 0.6, () => `https://www.${slugBase.slice(0, 40)}.nl`),
    email: sometimes(rng, 0.5, () => `info@${slugBase.slice(0, 40)}.nl`),
    phone: sometimes(rng, 0.5, () => `0${rng.int(10, 99)}-${rng.int(1_000_000, 9_999_999)}`),
    parent: !hub && rank > 2 && rng.chance(0.05) ? municipality.organisations.start + rng.int(0, rank - 1) : -1,
    status,
    lastVerifiedAt: sometimes(rng, 0.7, () => daysBefore(rng.between(0, 900))),
    archivedAt: !hub && rng.chance(0.01) ? daysBefore(rng.between(0, 300)) : null,
    areas,
  };
}

const ORGANISATION_STATUS = cumulative([93, 5, 2]);
const SCOPE = cumulative([80, 15, 5]);

export function locationCount(world: World, organisation: number): number {
  const rng = world.random('location_count', organisation);
  const municipality = municipalityOfOrganisation(world, organisation);
  if (organisation - municipality.organisations.start < 2) return rng.int(2, 3);
  const r = rng.float();
  return r < 0.45 ? 0 : r < 0.85 ? 1 : r < 0.95 ? 2 : 3;
}

export interface LocationPlan {
  id: string;
  organisation: number;
  name: string;
  slug: string;
  kind: string;
  address: string;
  postcode: string | null;
  city: string;
  latitude: number | null;
  longitude: number | null;
  area: number;
  status: string;
  lastVerifiedAt: Date | null;
  archivedAt: Date | null;
}

export function planLocation(world: World, layout: Layout, index: number): LocationPlan {
  const rng = world.random('location', index);
  const organisation = layout.locationOrganisation[index];
  const municipality = municipalityOfOrganisation(world, organisation);
  const areaNumber = rng.pick(municipality.neighbourhoods);
  const area = world.areas[areaNumber];
  const kind = rng.pick(LOCATION_KINDS);
  const name = `${kind[0].toUpperCase()}${kind.slice(1)} ${area.name}`;
  const located = rng.chance(0.65);
  return {
    id: world.id('location', index),
    organisation,
    name,
    slug: `${slugify(name).slice(0, 100)}-l${index + 1}`,
    kind,
    address: streetAddress(rng),
    postcode: sometimes(rng, 0.8, () => postcode(rng)),
    city: municipality.name,
    latitude: located ? round(area.latitude + rng.normal(0, 0.004), 6) : null,
    longitude: located ? round(area.longitude + rng.normal(0, 0.006), 6) : null,
    area: areaNumber,
    status: rng.pickWeighted(['ACTIVE', 'PLANNED', 'CLOSED'], LOCATION_STATUS),
    lastVerifiedAt: sometimes(rng, 0.6, () => daysBefore(rng.between(0, 900))),
    archivedAt: rng.chance(0.01) ? daysBefore(rng.between(0, 300)) : null,
  };
}

const LOCATION_STATUS = cumulative([92, 3, 5]);
