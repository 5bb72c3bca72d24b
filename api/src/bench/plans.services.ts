import { slugify } from '../modules/curation';
import { type Random, cumulative, zipfWeights } from './random';
import { type Layout, daysBefore, distinct, isoDate, sometimes, targetGroupWeights } from './plans.shared';
import { TOPICS, serviceDescription, serviceName } from './vocabulary';
import type { Municipality, World } from './world';

/** The plans of services (plans.ts). */

const TOPIC_CUMULATIVE = cumulative(zipfWeights(TOPICS.length, 0.9));

export interface ServicePlan {
  id: string;
  organisation: number;
  name: string;
  slug: string;
  description: string;
  eligibility: string | null;
  minAge: number | null;
  maxAge: number | null;
  requiresIndication: boolean | null;
  worksWithoutIndication: boolean | null;
  cost: string | null;
  languages: string[];
  status: string;
  validFrom: string | null;
  validTo: string | null;
  lastVerifiedAt: Date | null;
  archivedAt: Date | null;
  areas: number[];
  /** Positions in the catalogue's target groups and intervention types. */
  targetGroups: number[];
  interventionTypes: number[];
  locations: number[];
  partners: number[];
}

/** The provider: the first choice of a service's random stream (planLayout asks for it alone). */
export function serviceProvider(world: World, index: number, rng: Random): number {
  const municipality = world.municipalities[world.serviceMunicipality[index]];
  return world.organisationOf(municipality, rng, municipality.weights.provider);
}

const SERVICE_STATUS = cumulative([88, 5, 3, 4]);

export function planService(world: World, layout: Layout, index: number): ServicePlan {
  const rng = world.random('service', index);
  const organisation = serviceProvider(world, index, rng);
  const municipality = world.municipalities[world.serviceMunicipality[index]];
  const topics = distinct(rng.int(1, 3), () => rng.weightedIndex(TOPIC_CUMULATIVE)).map((t) => TOPICS[t]);
  const areas = serviceAreas(world, municipality, rng);
  const place = world.areas[areas[0]].name;
  const name = serviceName(rng, topics[0], place);
  const catalogue = world.catalogue;
  const minAge = sometimes(rng, 0.2, () => rng.pick([0, 4, 12, 18, 55, 65]));
  const validFrom = sometimes(rng, 0.3, () => isoDate(daysBefore(rng.between(30, 2000))));
  const ownLocations = layout.locationStart[organisation + 1] - layout.locationStart[organisation];
  return {
    id: world.id('service', index),
    organisation,
    name,
    slug: `${slugify(name).slice(0, 100)}-${index + 1}`,
    description: serviceDescription(rng, topics, place),
    eligibility: sometimes(rng, 0.5, () => `Voor bewoners met vragen over ${topics.join(' of ')}.`),
    minAge,
    maxAge: minAge !== null && minAge < 18 && rng.chance(0.5) ? minAge + rng.int(4, 20) : null,
    requiresIndication: rng.chance(0.5) ? null : rng.chance(0.2),
    worksWithoutIndication: rng.chance(0.4) ? null : rng.chance(0.8),
    cost: sometimes(rng, 0.4, () => rng.pick(['gratis', 'eigen bijdrage', '€ 2,50 per keer', 'vergoed via de Wmo'])),
    languages: rng.chance(0.2) ? ['nl', 'en'] : ['nl'],
    status: rng.pickWeighted(['ACTIVE', 'INACTIVE', 'TEMPORARILY_CLOSED', 'DEFUNCT'], SERVICE_STATUS),
    validFrom,
    validTo: validFrom !== null && rng.chance(0.15) ? isoDate(daysBefore(rng.between(-700, 20))) : null,
    lastVerifiedAt: sometimes(rng, 0.75, () => daysBefore(rng.between(0, 900))),
    archivedAt: rng.chance(0.02) ? daysBefore(rng.between(0, 300)) : null,
    areas,
    targetGroups: rng.chance(0.05) ? [] : distinct(rng.int(1, 3), () => rng.weightedIndex(targetGroupWeights(catalogue.targetGroups.length))),
    interventionTypes: distinct(rng.pickWeighted([0, 1, 2], INTERVENTION_COUNT), () => rng.int(0, catalogue.interventionTypes.length - 1)),
    locations: ownLocations === 0 ? [] : distinct(rng.chance(0.5) ? 1 : rng.chance(0.3) ? 2 : 0, () => layout.locationStart[organisation] + rng.int(0, ownLocations - 1)),
    partners: rng.chance(0.25) ? distinct(rng.int(1, 2), () => world.organisationOf(municipality, rng, municipality.weights.provider), organisation) : [],
  };
}

const INTERVENTION_COUNT = cumulative([10, 60, 30]);

/** A quarter city-wide, four in ten for one or two districts, the rest for a few neighbourhoods of one district. */
function serviceAreas(world: World, municipality: Municipality, rng: Random): number[] {
  const r = rng.float();
  if (r < 0.25) return [municipality.area];
  if (r < 0.65) return distinct(rng.chance(0.2) ? 2 : 1, () => rng.pick(municipality.districts));
  const district = rng.pick(municipality.districts);
  const neighbourhoods = world.childrenOf(district);
  return distinct(rng.int(1, 3), () => rng.pick(neighbourhoods));
}
