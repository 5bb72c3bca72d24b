import { ReferralEventType } from '../modules/referral/referral-event.entity';
import { ReferralStatus } from '../modules/referral/referral.entity';
import { ReferralParty, findTransition, isTerminal } from '../modules/referral/referral.transitions';
import { slugify } from '../modules/curation/curation.helpers';
import { REFERENCE_DATE } from './presets';
import { type Random, cumulative, zipfWeights } from './random';
import {
  ACTION_DESCRIPTIONS,
  CASE_SUMMARIES,
  LOCATION_KINDS,
  NETWORK_ROLES,
  OUTCOMES,
  SECTORS,
  SECTOR_WEIGHTS,
  type SectorCode,
  TOPICS,
  organisationDescription,
  organisationName,
  postcode,
  serviceDescription,
  serviceName,
  streetAddress,
} from './vocabulary';
import type { Municipality, World } from './world';

/**
 * What one generated entity looks like: a pure function of (world, number), so every table
 * that needs the entity (the service itself, its target groups, its areas, …) plans it again
 * and gets the same answer.
 */

const DAY_MS = 86_400_000;
const SECTOR_CUMULATIVE = cumulative(SECTOR_WEIGHTS);
const TOPIC_CUMULATIVE = cumulative(zipfWeights(TOPICS.length, 0.9));
const KNOWLEDGE_AREAS = ['COMMUNITY_BUILDING', 'SOCIAL_CULTURAL_WORK', 'SOCIAL_WORK', 'SOCIAL_LEGAL_SERVICES', 'SOCIAL_HOUSING', 'HEALTH_CARE', 'ELDERLY_CARE', 'DISABILITY_CARE'];
const LIFE_DOMAINS = [
  'HOUSING', 'FINANCES', 'WORK_AND_DAYTIME_ACTIVITIES', 'PHYSICAL_HEALTH', 'MENTAL_HEALTH', 'ADDICTION', 'SOCIAL_NETWORK', 'SELF_CARE', 'FAMILY_AND_PARENTING',
  'SAFETY', 'JUSTICE', 'LANGUAGE_AND_PARTICIPATION',
];

export function daysBefore(days: number, from: Date = REFERENCE_DATE): Date {
  return new Date(from.getTime() - days * DAY_MS);
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function sometimes<T>(rng: Random, probability: number, value: () => T): T | null {
  return rng.chance(probability) ? value() : null;
}

/** Distinct draws of `draw()` (at most `count`, giving up after a few repeats). */
function distinct(count: number, draw: () => number, exclude = -1): number[] {
  const chosen = new Set<number>();
  for (let attempt = 0; chosen.size < count && attempt < count * 4; attempt += 1) {
    const value = draw();
    if (value !== exclude) chosen.add(value);
  }
  return [...chosen];
}

// ---------------------------------------------------------------------------------------------
// Layout: what later entities need to know about earlier ones

/** Where every location, service and network coordinator is, computed once before emitting rows. */
export interface Layout {
  /** Locations of organisation o are numbers locationStart[o] … locationStart[o+1]-1. */
  locationStart: Int32Array;
  locationOrganisation: Int32Array;
  /** The providing organisation of every service. */
  serviceOrganisation: Int32Array;
  /** Services of organisation o: organisationServices[organisationServiceStart[o] …]. */
  organisationServiceStart: Int32Array;
  organisationServices: Int32Array;
  networkCoordinator: Int32Array;
}

export function planLayout(world: World): Layout {
  const organisations = world.organisationMunicipality.length;
  const locationStart = new Int32Array(organisations + 1);
  for (let o = 0; o < organisations; o += 1) locationStart[o + 1] = locationStart[o] + locationCount(world, o);
  const locationOrganisation = new Int32Array(locationStart[organisations]);
  for (let o = 0; o < organisations; o += 1) locationOrganisation.fill(o, locationStart[o], locationStart[o + 1]);

  const serviceOrganisation = new Int32Array(world.serviceMunicipality.length);
  const perOrganisation = new Int32Array(organisations + 1);
  for (let s = 0; s < serviceOrganisation.length; s += 1) {
    serviceOrganisation[s] = serviceProvider(world, s, world.random('service', s));
    perOrganisation[serviceOrganisation[s] + 1] += 1;
  }
  const organisationServiceStart = new Int32Array(organisations + 1);
  for (let o = 0; o < organisations; o += 1) organisationServiceStart[o + 1] = organisationServiceStart[o] + perOrganisation[o + 1];
  const organisationServices = new Int32Array(serviceOrganisation.length);
  const fill = organisationServiceStart.slice(0, organisations);
  serviceOrganisation.forEach((o, s) => {
    organisationServices[fill[o]] = s;
    fill[o] += 1;
  });

  const networkCoordinator = new Int32Array(world.networkCount);
  for (let n = 0; n < world.networkCount; n += 1) networkCoordinator[n] = planNetwork(world, n).coordinator;
  return { locationStart, locationOrganisation, serviceOrganisation, organisationServiceStart, organisationServices, networkCoordinator };
}

// ---------------------------------------------------------------------------------------------
// Organisations and locations

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

function locationCount(world: World, organisation: number): number {
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

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

// ---------------------------------------------------------------------------------------------
// Services

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
function serviceProvider(world: World, index: number, rng: Random): number {
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
const targetGroupCumulative = new Map<number, Float64Array>();

function targetGroupWeights(count: number): Float64Array {
  let weights = targetGroupCumulative.get(count);
  if (!weights) {
    weights = cumulative(zipfWeights(count, 0.7));
    targetGroupCumulative.set(count, weights);
  }
  return weights;
}

/** A quarter city-wide, four in ten for one or two districts, the rest for a few neighbourhoods of one district. */
function serviceAreas(world: World, municipality: Municipality, rng: Random): number[] {
  const r = rng.float();
  if (r < 0.25) return [municipality.area];
  if (r < 0.65) return distinct(rng.chance(0.2) ? 2 : 1, () => rng.pick(municipality.districts));
  const district = rng.pick(municipality.districts);
  const neighbourhoods = world.childrenOf(district);
  return distinct(rng.int(1, 3), () => rng.pick(neighbourhoods));
}

// ---------------------------------------------------------------------------------------------
// Networks

export interface MemberPlan {
  organisation: number;
  organisationName: string | null;
  role: string;
  tier: string | null;
  contribution: string | null;
  fte: number | null;
  hoursPerWeek: number | null;
  joinedOn: string | null;
  leftOn: string | null;
  knowledgeAreas: string[] | null;
}

export interface NetworkPlan {
  id: string;
  name: string;
  slug: string;
  kind: string;
  switchModel: string | null;
  purpose: string;
  meetingIntervalWeeks: number | null;
  coordinator: number;
  area: number;
  knowledgeAreas: string[] | null;
  targetGroups: number[];
  members: MemberPlan[];
}

const OTHER_NETWORK_KINDS = [
  { kind: 'SIGNALLING_NETWORK', label: 'Signaleringsnetwerk' },
  { kind: 'BROAD_NETWORK', label: 'Breed netwerk' },
  { kind: 'CASE_CONSULTATION', label: 'Casusoverleg' },
];

export function planNetwork(world: World, index: number): NetworkPlan {
  const rng = world.random('network', index);
  const municipality = world.municipalities[world.networkMunicipality[index]];
  const position = index - municipality.networks.start;
  const switchTeam = position < municipality.districts.length;
  const area = switchTeam ? municipality.districts[position] : municipality.area;
  const other = OTHER_NETWORK_KINDS[Math.min(position - municipality.districts.length, OTHER_NETWORK_KINDS.length - 1)];
  const name = switchTeam ? `Schakelteam ${world.areas[area].name}` : `${other.label} ${municipality.name}${position >= municipality.districts.length + 2 ? ` ${position}` : ''}`;
  const hubs = municipality.organisations.start;
  const coordinator = rng.chance(0.5) ? hubs + 1 : world.organisationOf(municipality, rng, municipality.weights.referrer);
  const memberCount = switchTeam ? rng.int(5, 12) : rng.int(8, 20);
  const organisations = [coordinator, ...distinct(memberCount - 1, () => world.organisationOf(municipality, rng, municipality.weights.referrer), coordinator)];
  const members = organisations.map((organisation) => planMember(rng, organisation));
  if (rng.chance(0.3)) members.push({ ...planMember(rng, -1), organisationName: 'Bewonersvertegenwoordiging' });
  return {
    id: world.id('network', index),
    name,
    slug: `${slugify(name).slice(0, 100)}-n${index + 1}`,
    kind: switchTeam ? 'SWITCH_TEAM' : other.kind,
    switchModel: switchTeam ? rng.pick(['FRONTLINE', 'SECOND_LINE']) : null,
    purpose: `Vroegsignalering en samenwerking in ${world.areas[area].name}.`,
    meetingIntervalWeeks: switchTeam ? rng.int(2, 6) : sometimes(rng, 0.5, () => rng.int(4, 12)),
    coordinator,
    area,
    knowledgeAreas: sometimes(rng, 0.3, () => rng.sample(KNOWLEDGE_AREAS, rng.int(2, 5))),
    targetGroups: distinct(rng.int(1, 3), () => rng.int(0, world.catalogue.targetGroups.length - 1)),
    members,
  };
}

function planMember(rng: Random, organisation: number): MemberPlan {
  const joined = daysBefore(rng.between(60, 2500));
  return {
    organisation,
    organisationName: null,
    role: rng.pick(NETWORK_ROLES),
    tier: rng.pickWeighted(['CORE', 'SHELL', null], TIER),
    contribution: rng.pick(['SIGNALLING', 'HELPING', 'BOTH', null]),
    fte: rng.chance(0.8) ? rng.int(1, 10) / 10 : null,
    hoursPerWeek: sometimes(rng, 0.5, () => rng.int(2, 36)),
    joinedOn: isoDate(joined),
    leftOn: rng.chance(0.05) ? isoDate(daysBefore(rng.between(1, 50))) : null,
    knowledgeAreas: rng.chance(0.7) ? rng.sample(KNOWLEDGE_AREAS, rng.int(1, 2)) : null,
  };
}

const TIER = cumulative([70, 20, 10]);

// ---------------------------------------------------------------------------------------------
// Referrals

type Status = ReferralStatus;
const S = ReferralStatus;

/** How a referral goes on from each status (null: it stays there); every move is in the transition table. */
const MOVES: Record<Status, Array<{ to: Status | null; weight: number }>> = {
  [S.SIGNALLED]: moves([null, 12], [S.EXPLORING, 75], [S.DECLINED, 8], [S.WITHDRAWN, 5]),
  [S.EXPLORING]: moves([null, 15], [S.ACTION_AGREED, 50], [S.ON_HOLD, 8], [S.CLOSED, 17], [S.WITHDRAWN, 10]),
  [S.ACTION_AGREED]: moves([null, 15], [S.IN_PROGRESS, 65], [S.ON_HOLD, 5], [S.CLOSED, 10], [S.WITHDRAWN, 5]),
  [S.IN_PROGRESS]: moves([null, 25], [S.CLOSED, 65], [S.ON_HOLD, 7], [S.WITHDRAWN, 3]),
  [S.ON_HOLD]: moves([null, 35], [S.EXPLORING, 25], [S.ACTION_AGREED, 15], [S.IN_PROGRESS, 15], [S.CLOSED, 10]),
  [S.CLOSED]: [],
  [S.DECLINED]: [],
  [S.WITHDRAWN]: [],
};

function moves(...entries: Array<[Status | null, number]>): Array<{ to: Status | null; weight: number }> {
  return entries.map(([to, weight]) => ({ to, weight }));
}

for (const [from, options] of Object.entries(MOVES) as Array<[Status, Array<{ to: Status | null }>]>) {
  for (const { to } of options) {
    if (to !== null && !findTransition(from, to)) throw new Error(`The generator moves referrals from ${from} to ${to}, which the transition table does not allow`);
  }
}

const MOVE_WEIGHTS = new Map(Object.entries(MOVES).map(([from, options]) => [from, cumulative(options.map((o) => o.weight))]));

export interface EventPlan {
  sequence: number;
  type: ReferralEventType;
  from: Status | null;
  to: Status | null;
  organisation: number;
  at: Date;
  note: string | null;
  /** The action an ACTION_ADDED or ACTION_COMPLETED event is about. */
  actionKey: number | null;
}

export interface ActionPlan {
  /** 0, 1, …: the action's number within its referral. */
  key: number;
  description: string;
  assigned: number;
  dueOn: string;
  createdAt: Date;
  completedAt: Date | null;
  result: string | null;
}

export interface ReferralPlan {
  id: string;
  area: number;
  referrer: number;
  receiver: number;
  network: number;
  service: number;
  lifeDomains: string[];
  summary: string;
  consentGiven: boolean;
  consentScope: string | null;
  status: Status;
  openedAt: Date;
  closedAt: Date | null;
  updatedAt: Date;
  problemOwner: number;
  outcome: string | null;
  declineReason: string | null;
  targetGroups: number[];
  interventionTypes: number[];
  events: EventPlan[];
  actions: ActionPlan[];
}

/** The most actions a generated referral gets (ids are numbered referral × 8 + action). */
export const MAX_ACTIONS = 4;
/** Events are numbered referral × 64 + sequence. */
export const EVENT_SLOTS = 64;
const MAX_MOVES = 10;
const FOUR_YEARS_DAYS = 4 * 365;

export function planReferral(world: World, layout: Layout, index: number): ReferralPlan {
  const rng = world.random('referral', index);
  const municipality = world.municipalities[world.referralMunicipality[index]];
  const area = rng.pick(municipality.neighbourhoods);
  const switchTeam = world.switchTeamOfArea[world.areas[area].parent];
  const referrer = world.organisationOf(municipality, rng, municipality.weights.referrer);
  let network = rng.chance(0.3) ? switchTeam : -1;
  let receiver = network >= 0 && rng.chance(0.2) ? -1 : world.organisationOf(municipality, rng, municipality.weights.receiver);
  if (receiver === referrer) {
    const { start, count } = municipality.organisations;
    receiver = count > 1 ? start + ((referrer - start + 1) % count) : -1;
  }
  // A referral goes to an organisation, a network or both.
  if (receiver === -1) network = switchTeam;
  const receivingSide = receiver >= 0 ? receiver : layout.networkCoordinator[network];
  const consentGiven = rng.chance(0.75);
  const openedAt = daysBefore(rng.between(0, FOUR_YEARS_DAYS));
  const plan: ReferralPlan = {
    id: world.id('referral', index),
    area,
    referrer,
    receiver,
    network,
    service: receiver >= 0 && rng.chance(0.4) ? serviceOf(layout, receiver, rng) : -1,
    lifeDomains: rng.sample(LIFE_DOMAINS, rng.int(1, 3)),
    summary: rng.pick(CASE_SUMMARIES),
    consentGiven,
    consentScope: consentGiven ? (network >= 0 && rng.chance(0.5) ? 'NETWORK' : 'RECEIVER') : null,
    status: S.SIGNALLED,
    openedAt,
    closedAt: null,
    updatedAt: openedAt,
    problemOwner: -1,
    outcome: null,
    declineReason: null,
    targetGroups: rng.chance(0.75) ? distinct(rng.int(1, 2), () => rng.weightedIndex(targetGroupWeights(world.catalogue.targetGroups.length))) : [],
    interventionTypes: rng.chance(0.3) ? [rng.int(0, world.catalogue.interventionTypes.length - 1)] : [],
    events: [],
    actions: [],
  };
  simulateLifecycle(plan, rng, receivingSide);
  return plan;
}

function serviceOf(layout: Layout, organisation: number, rng: Random): number {
  const start = layout.organisationServiceStart[organisation];
  const count = layout.organisationServiceStart[organisation + 1] - start;
  return count === 0 ? -1 : layout.organisationServices[start + rng.int(0, count - 1)];
}

/** Walks the referral through the transition table from SIGNALLED, appending an event for every change. */
function simulateLifecycle(plan: ReferralPlan, rng: Random, receivingSide: number): void {
  const latest = REFERENCE_DATE.getTime() - 3_600_000;
  let at = plan.openedAt;
  const append: Append = (event) => {
    plan.events.push({ actionKey: null, ...event, sequence: plan.events.length + 1, at });
    plan.updatedAt = at;
  };
  append({ type: ReferralEventType.CREATED, from: null, to: S.SIGNALLED, organisation: plan.referrer, note: null });

  for (let step = 0; step < MAX_MOVES && !isTerminal(plan.status); step += 1) {
    const to = MOVES[plan.status][rng.weightedIndex(MOVE_WEIGHTS.get(plan.status)!)].to;
    if (to === null) break;
    const next = at.getTime() + rng.between(1, 21) * DAY_MS;
    if (next > latest) break;
    at = new Date(next);
    if (rng.chance(0.15)) append({ type: ReferralEventType.NOTE_ADDED, from: null, to: null, organisation: rng.chance(0.5) ? plan.referrer : receivingSide, note: 'Voortgang besproken.' });
    if (to === S.CLOSED) completeActions(plan, rng, at, append);
    move(plan, rng, to, receivingSide, append);
    if (to === S.ACTION_AGREED) addActions(plan, rng, receivingSide, at, append);
  }
}

type Append = (event: Omit<EventPlan, 'sequence' | 'at' | 'actionKey'> & { actionKey?: number }) => void;

function move(plan: ReferralPlan, rng: Random, to: Status, receivingSide: number, append: Append): void {
  const from = plan.status;
  const transition = findTransition(from, to)!;
  const actor = transition.by === ReferralParty.REFERRER ? plan.referrer : transition.by === ReferralParty.RECEIVER ? receivingSide : rng.chance(0.7) ? receivingSide : plan.referrer;
  let note: string | null = null;
  if (to === S.DECLINED) {
    plan.declineReason = 'Valt buiten onze doelgroep; advies gegeven over een passende organisatie.';
    note = plan.declineReason;
  }
  if (to === S.CLOSED) {
    plan.problemOwner = receivingSide;
    plan.outcome = rng.pick(OUTCOMES);
    note = plan.outcome;
  }
  plan.status = to;
  append({ type: transition.event, from, to, organisation: actor, note });
  if (isTerminal(to)) plan.closedAt = plan.updatedAt;
}

function addActions(plan: ReferralPlan, rng: Random, receivingSide: number, at: Date, append: Append): void {
  const count = Math.min(rng.int(1, 2), MAX_ACTIONS - plan.actions.length);
  for (let i = 0; i < count; i += 1) {
    const action: ActionPlan = {
      key: plan.actions.length,
      description: rng.pick(ACTION_DESCRIPTIONS),
      assigned: rng.chance(0.7) ? receivingSide : plan.referrer,
      dueOn: isoDate(new Date(at.getTime() + rng.int(14, 42) * DAY_MS)),
      createdAt: at,
      completedAt: null,
      result: null,
    };
    plan.actions.push(action);
    append({ type: ReferralEventType.ACTION_ADDED, from: null, to: null, organisation: receivingSide, note: action.description, actionKey: action.key });
  }
}

function completeActions(plan: ReferralPlan, rng: Random, at: Date, append: Append): void {
  for (const action of plan.actions) {
    if (action.completedAt || !rng.chance(0.8)) continue;
    action.completedAt = at;
    action.result = 'Afgerond en teruggekoppeld.';
    append({ type: ReferralEventType.ACTION_COMPLETED, from: null, to: null, organisation: action.assigned, note: action.result, actionKey: action.key });
  }
}
