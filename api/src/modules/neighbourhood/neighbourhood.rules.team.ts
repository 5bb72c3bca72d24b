import type { NeighbourhoodThresholds } from '../../config';
import { isCurrentNetworkMember } from '../network';
import type { KnowledgeArea } from '../network/network.entity';
import { type CheckStatus, KNOWLEDGE_AREAS, formatNumber, knowledgeAreaLabel, round } from './neighbourhood.rules';

/**
 * Rule 2 of the neighbourhood view (neighbourhood.rules.ts): a switch team against the book's
 * norms (§9.7 Beleid 4, §6.3 "Omvang" and "Schaalgrootte", §9.7 Praktijk 2), each check PASS,
 * FAIL or UNKNOWN — UNKNOWN whenever the data lack what the check needs, never a guess.
 */

export type TeamNorm = 'MEMBERS_PER_10000_INHABITANTS' | 'MEMBER_MIN_FTE' | 'TEAM_SIZE' | 'TEAM_TOTAL_FTE' | 'KNOWLEDGE_AREAS';

export interface TeamMemberFacts {
  id: string;
  tier: 'CORE' | 'SHELL' | null;
  fte: number | null;
  knowledgeAreas: KnowledgeArea[] | null;
  joinedOn: string | null;
  leftOn: string | null;
}

export interface TeamFacts {
  /** Inhabitants of the areas the team covers; null when unknown. */
  population: number | null;
  populationYear: number | null;
  members: TeamMemberFacts[];
  /** Knowledge stated for the team as a whole (network.knowledge_areas); null: not recorded. */
  teamKnowledge: KnowledgeArea[] | null;
}

export interface NormCheck {
  norm: TeamNorm;
  status: CheckStatus;
  /** The measured value (members per 10,000, lowest fte, members, total fte, knowledge areas present); null when unknown. */
  value: number | null;
  minimum: number | null;
  maximum: number | null;
  /** The norm in words, e.g. "at least 5 members per 10,000 inhabitants"; and in Dutch. */
  normText: string;
  normTextNl: string;
  explanation: string;
  explanationNl: string;
  /** Where the norm comes from in the book. */
  source: string;
}

export interface TeamAssessment {
  /** The members the norms count: current (joined, not left on `today`) and not in the shell (§6.3 "kernteam … tweede schil"). */
  teamMemberIds: string[];
  checks: NormCheck[];
  knowledgePresent: KnowledgeArea[];
  knowledgeMissing: KnowledgeArea[];
  overall: CheckStatus;
}

/** A member counts on `today` (YYYY-MM-DD) when it has joined and not left: the one rule of network-membership.rules. */
export function isCurrentMember(member: Pick<TeamMemberFacts, 'joinedOn' | 'leftOn'>, today: string): boolean {
  return isCurrentNetworkMember(member, today);
}

/** The team: current members outside the shell; a member with no tier recorded counts. */
export function teamMembers(members: TeamMemberFacts[], today: string): TeamMemberFacts[] {
  return members.filter((member) => member.tier !== 'SHELL' && isCurrentMember(member, today));
}

function overallStatus(statuses: CheckStatus[]): CheckStatus {
  if (statuses.includes('FAIL')) return 'FAIL';
  if (statuses.includes('UNKNOWN')) return 'UNKNOWN';
  return 'PASS';
}

const en = (value: number) => formatNumber(value, 'en');
const nl = (value: number) => formatNumber(value, 'nl');
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** The five checks of a switch team against the book's norms (thresholds from config). */
export function assessTeam(facts: TeamFacts, thresholds: NeighbourhoodThresholds, today: string): TeamAssessment {
  const team = teamMembers(facts.members, today);
  const size = team.length;
  const checks: NormCheck[] = [];

  // Members per 10,000 inhabitants (§9.7 Beleid 4; §6.3 "Schaalgrootte").
  const per10000 = facts.population && facts.population > 0 ? round((size * 10000) / facts.population, 2) : null;
  const yearText = facts.populationYear ? ` (${facts.populationYear})` : '';
  checks.push({
    norm: 'MEMBERS_PER_10000_INHABITANTS',
    status: per10000 === null ? 'UNKNOWN' : per10000 >= thresholds.membersPer10000 ? 'PASS' : 'FAIL',
    value: per10000,
    minimum: thresholds.membersPer10000,
    maximum: null,
    normText: `at least ${en(thresholds.membersPer10000)} members per 10,000 inhabitants`,
    normTextNl: `minimaal ${nl(thresholds.membersPer10000)} leden per 10.000 inwoners`,
    explanation:
      per10000 === null
        ? 'Unknown: no population is recorded for the areas the team covers.'
        : `${size} ${plural(size, 'member', 'members')} for ${en(facts.population!)} inhabitants${yearText}: ${en(per10000)} per 10,000.`,
    explanationNl:
      per10000 === null
        ? 'Onbekend: geen inwonertal vastgelegd voor de gebieden van het team.'
        : `${size} ${plural(size, 'lid', 'leden')} voor ${nl(facts.population!)} inwoners${yearText}: ${nl(per10000)} per 10.000.`,
    source: '§9.7 Beleid 4; §6.3 Schaalgrootte',
  });

  // Each member at least 0.4 fte (§9.7 Beleid 4).
  const known = team.filter((member) => member.fte !== null);
  const below = known.filter((member) => member.fte! < thresholds.memberMinFte);
  const unknownFte = size - known.length;
  const lowest = known.length > 0 ? Math.min(...known.map((member) => member.fte!)) : null;
  const fteStatus: CheckStatus = size === 0 ? 'UNKNOWN' : below.length > 0 ? 'FAIL' : unknownFte > 0 ? 'UNKNOWN' : 'PASS';
  checks.push({
    norm: 'MEMBER_MIN_FTE',
    status: fteStatus,
    value: lowest,
    minimum: thresholds.memberMinFte,
    maximum: null,
    normText: `each member at least ${en(thresholds.memberMinFte)} fte in the team`,
    normTextNl: `ieder lid minimaal ${nl(thresholds.memberMinFte)} fte in het team`,
    explanation:
      size === 0
        ? 'Unknown: the team has no current members.'
        : below.length > 0
          ? `${below.length} of ${size} members work less than ${en(thresholds.memberMinFte)} fte in the team.`
          : unknownFte > 0
            ? `Unknown: no fte recorded for ${unknownFte} of ${size} members.`
            : `All ${size} members work at least ${en(thresholds.memberMinFte)} fte.`,
    explanationNl:
      size === 0
        ? 'Onbekend: het team heeft geen huidige leden.'
        : below.length > 0
          ? `${below.length} van ${size} leden werken minder dan ${nl(thresholds.memberMinFte)} fte in het team.`
          : unknownFte > 0
            ? `Onbekend: geen fte vastgelegd voor ${unknownFte} van ${size} leden.`
            : `Alle ${size} leden werken minimaal ${nl(thresholds.memberMinFte)} fte.`,
    source: '§9.7 Beleid 4',
  });

  // 5–10 members (§6.3 "Omvang"; §9.4: absolute minimum three, recommended five).
  const tooFew = size < thresholds.teamMinMembers;
  const tooMany = size > thresholds.teamMaxMembers;
  checks.push({
    norm: 'TEAM_SIZE',
    status: !tooFew && !tooMany ? 'PASS' : 'FAIL',
    value: size,
    minimum: thresholds.teamMinMembers,
    maximum: thresholds.teamMaxMembers,
    normText: `${thresholds.teamMinMembers} to ${thresholds.teamMaxMembers} members`,
    normTextNl: `${thresholds.teamMinMembers} tot ${thresholds.teamMaxMembers} leden`,
    explanation: `${size} current ${plural(size, 'member', 'members')} outside the shell${tooFew ? `: fewer than ${thresholds.teamMinMembers}` : tooMany ? `: more than ${thresholds.teamMaxMembers} (the book suggests a core team with a second shell)` : ''}.`,
    explanationNl: `${size} huidige ${plural(size, 'lid', 'leden')} buiten de schil${tooFew ? `: minder dan ${thresholds.teamMinMembers}` : tooMany ? `: meer dan ${thresholds.teamMaxMembers} (het boek raadt dan een kernteam met een tweede schil aan)` : ''}.`,
    source: '§6.3 Omvang; §9.4',
  });

  // At least 2 fte in total (§6.3 "Omvang"). Known fte already reaching the norm passes: fte is never negative.
  const knownTotal = round(known.reduce((sum, member) => sum + member.fte!, 0), 2);
  const totalStatus: CheckStatus = knownTotal >= thresholds.teamMinTotalFte ? 'PASS' : unknownFte > 0 ? 'UNKNOWN' : 'FAIL';
  checks.push({
    norm: 'TEAM_TOTAL_FTE',
    status: totalStatus,
    value: unknownFte > 0 && totalStatus !== 'PASS' ? null : knownTotal,
    minimum: thresholds.teamMinTotalFte,
    maximum: null,
    normText: `at least ${en(thresholds.teamMinTotalFte)} fte in total`,
    normTextNl: `in totaal minimaal ${nl(thresholds.teamMinTotalFte)} fte`,
    explanation:
      totalStatus === 'PASS'
        ? `${en(knownTotal)} fte recorded${unknownFte > 0 ? ` (and ${unknownFte} members without fte)` : ''}.`
        : unknownFte > 0
          ? `Unknown: no fte recorded for ${unknownFte} of ${size} members${known.length > 0 ? ` (the others: ${en(knownTotal)} fte)` : ''}.`
          : `${en(knownTotal)} fte in total.`,
    explanationNl:
      totalStatus === 'PASS'
        ? `${nl(knownTotal)} fte vastgelegd${unknownFte > 0 ? ` (en ${unknownFte} leden zonder fte)` : ''}.`
        : unknownFte > 0
          ? `Onbekend: geen fte vastgelegd voor ${unknownFte} van ${size} leden${known.length > 0 ? ` (de anderen: ${nl(knownTotal)} fte)` : ''}.`
          : `${nl(knownTotal)} fte in totaal.`,
    source: '§6.3 Omvang',
  });

  // Knowledge areas (§9.7 Praktijk 2): the members' and the team's stated knowledge together.
  const present = new Set<KnowledgeArea>(facts.teamKnowledge ?? []);
  for (const member of team) for (const area of member.knowledgeAreas ?? []) present.add(area);
  const knowledgePresent = KNOWLEDGE_AREAS.map((area) => area.code).filter((code) => present.has(code));
  const knowledgeMissing = KNOWLEDGE_AREAS.map((area) => area.code).filter((code) => !present.has(code));
  const unrecorded = team.filter((member) => member.knowledgeAreas === null).length;
  // Complete when the source describes the team's knowledge as a whole, or every member's.
  const complete = facts.teamKnowledge !== null || (size > 0 && unrecorded === 0);
  const nothingRecorded = facts.teamKnowledge === null && team.every((member) => member.knowledgeAreas === null);
  const knowledgeStatus: CheckStatus = knowledgeMissing.length === 0 ? 'PASS' : complete ? 'FAIL' : 'UNKNOWN';
  const missingEn = knowledgeMissing.map((code) => knowledgeAreaLabel(code, 'en')).join(', ');
  const missingNl = knowledgeMissing.map((code) => knowledgeAreaLabel(code, 'nl')).join(', ');
  checks.push({
    norm: 'KNOWLEDGE_AREAS',
    status: knowledgeStatus,
    value: nothingRecorded ? null : knowledgePresent.length,
    minimum: KNOWLEDGE_AREAS.length,
    maximum: null,
    normText: `knowledge of all ${KNOWLEDGE_AREAS.length}: ${KNOWLEDGE_AREAS.map((area) => area.en).join(', ')}`,
    normTextNl: `kennis van alle ${KNOWLEDGE_AREAS.length}: ${KNOWLEDGE_AREAS.map((area) => area.nl).join(', ')}`,
    explanation:
      knowledgeStatus === 'PASS'
        ? 'All eight knowledge areas are present.'
        : nothingRecorded
          ? 'Unknown: no knowledge areas are recorded for the team or its members.'
          : knowledgeStatus === 'FAIL'
            ? `Missing: ${missingEn}.`
            : `Not recorded as present: ${missingEn}; unknown because ${unrecorded} of ${size} members have no knowledge areas recorded.`,
    explanationNl:
      knowledgeStatus === 'PASS'
        ? 'Alle acht kennisgebieden zijn aanwezig.'
        : nothingRecorded
          ? 'Onbekend: voor het team en zijn leden zijn geen kennisgebieden vastgelegd.'
          : knowledgeStatus === 'FAIL'
            ? `Ontbreekt: ${missingNl}.`
            : `Niet als aanwezig vastgelegd: ${missingNl}; onbekend omdat voor ${unrecorded} van ${size} leden geen kennisgebieden zijn vastgelegd.`,
    source: '§9.7 Praktijk 2',
  });

  return {
    teamMemberIds: team.map((member) => member.id),
    checks,
    knowledgePresent,
    knowledgeMissing,
    overall: overallStatus(checks.map((check) => check.status)),
  };
}
