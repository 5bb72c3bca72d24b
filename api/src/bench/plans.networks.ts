import { slugify } from '../modules/curation';
import { type Random, cumulative } from './random';
import { daysBefore, distinct, isoDate, sometimes } from './plans.shared';
import { NETWORK_ROLES } from './vocabulary';
import type { World } from './world';

/** The plans of networks and their members (plans.ts). */

const KNOWLEDGE_AREAS = ['COMMUNITY_BUILDING', 'SOCIAL_CULTURAL_WORK', 'SOCIAL_WORK', 'SOCIAL_LEGAL_SERVICES', 'SOCIAL_HOUSING', 'HEALTH_CARE', 'ELDERLY_CARE', 'DISABILITY_CARE'];

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
