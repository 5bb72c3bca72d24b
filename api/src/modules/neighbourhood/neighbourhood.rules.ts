import type { NeighbourhoodThresholds } from '../../config';
import { isCurrentNetworkMember } from '../network/network-membership.rules';
import { KnowledgeArea } from '../network/network.entity';

/**
 * The rules of the neighbourhood view, in one place (docs/neighbourhood-view.md has the same
 * rules in words, with their source in the book "Schakels in de Buurt"). Pure functions: no SQL,
 * no GraphQL; the service feeds them rows and turns their answers into the API's types.
 *
 * 1. Key figures (§3.1, §4.1, §5.1 print each neighbourhood beside Amersfoort): per indicator
 *    the given year, or else the latest year the area has; compared with the parent area and
 *    the municipality for the same indicator and year, and with the area's previous year.
 *    An area without its own figure gets one derived from ALL its child areas, only for the
 *    indicators in DERIVATIONS (sums; weighted shares to one decimal); never estimated otherwise.
 * 2. Team norms (§9.7 Beleid 4, §6.3 "Omvang", §9.7 Praktijk 2) for networks of the kinds in
 *    `normNetworkKinds` (switch teams): members per 10,000 inhabitants, fte per member, team
 *    size, total fte, knowledge areas. Each check is PASS, FAIL or UNKNOWN; UNKNOWN whenever
 *    the data lack what the check needs (no fte recorded, no population) — never a guess.
 * 3. Coverage (§6.1 the ten basic functions; §6.3 "Wat is er nodig?"): per target group and
 *    basic function the number of active services serving the area.
 * 4. Gaps: empty or thin cells, ranked by need — the target group's need indicator above the
 *    municipality's value first (§6.3: "een inschatting maken van specifieke behoeften in de
 *    wijk … mede gezien de demografische samenstelling"; §9.7 Beleid 5).
 */

// ---------------------------------------------------------------------------------------------
// Shared

export type CheckStatus = 'PASS' | 'FAIL' | 'UNKNOWN';

/** The eight knowledge areas (§9.7 Praktijk 2) with their Dutch labels, in the book's order. */
export const KNOWLEDGE_AREAS: ReadonlyArray<{ code: KnowledgeArea; nl: string; en: string }> = [
  { code: KnowledgeArea.COMMUNITY_BUILDING, nl: 'samenlevingsopbouw', en: 'community building' },
  { code: KnowledgeArea.SOCIAL_CULTURAL_WORK, nl: 'sociaal-cultureel werk', en: 'social-cultural work' },
  { code: KnowledgeArea.SOCIAL_WORK, nl: 'maatschappelijk werk', en: 'social work' },
  { code: KnowledgeArea.SOCIAL_LEGAL_SERVICES, nl: 'sociaaljuridische dienstverlening', en: 'social-legal services' },
  { code: KnowledgeArea.SOCIAL_HOUSING, nl: 'sociale huisvesting', en: 'social housing' },
  { code: KnowledgeArea.HEALTH_CARE, nl: 'gezondheidszorg', en: 'health care' },
  { code: KnowledgeArea.ELDERLY_CARE, nl: 'ouderenzorg', en: 'elderly care' },
  { code: KnowledgeArea.DISABILITY_CARE, nl: 'gehandicaptenzorg', en: 'disability care' },
];

const KNOWLEDGE_LABEL = new Map(KNOWLEDGE_AREAS.map((area) => [area.code, area]));

export function knowledgeAreaLabel(code: KnowledgeArea, language: 'nl' | 'en'): string {
  return KNOWLEDGE_LABEL.get(code)?.[language] ?? code;
}

function round(value: number, decimals = 3): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

const NUMBER_FORMATS = {
  nl: new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }),
};

/** "38", "5,4" / "5.4", "143.211" / "143,211": numbers as a reader of the book expects them. */
export function formatNumber(value: number, language: 'nl' | 'en'): string {
  // One formatter per language: building an Intl.NumberFormat per call cost more than the formatting.
  return NUMBER_FORMATS[language].format(value);
}

export function formatValue(value: number, unit: string, language: 'nl' | 'en'): string {
  const number = formatNumber(value, language);
  if (unit === 'PERCENT') return `${number}%`;
  if (unit === 'EUR') return `€ ${number}`;
  if (unit === 'RATING_10') return language === 'nl' ? `${number} (rapportcijfer)` : `${number} (out of 10)`;
  return number;
}

// ---------------------------------------------------------------------------------------------
// 1. Key figures

/** One stored key figure, as the loaders return it. */
export interface FigureRow {
  areaId: string;
  indicatorId: string;
  code: string;
  unit: string;
  year: number | null;
  value: number;
  source: string;
  note: string | null;
}

/**
 * Figures an area without its own value may take from its child areas (the book prints
 * neighbourhoods only, §3.1, §4.1, §5.1; a district's switch team needs the district's
 * population for the norm of 5 members per 10,000 inhabitants). Only where the arithmetic is
 * exact: counts add up; shares of inhabitants are weighted by population, shares of dwellings
 * by dwellings. Every child area must have the value (and its weight) for the same year.
 * Not derived: unemployment (share of 15–65-year-olds, not printed), income per household
 * (households not printed), ratings (not additive) and everything from the running text.
 */
export type Derivation = { method: 'SUM' } | { method: 'WEIGHTED'; weight: string };

export const DERIVATIONS: Record<string, Derivation> = {
  population: { method: 'SUM' },
  dwellings: { method: 'SUM' },
  pct_age_0_to_19: { method: 'WEIGHTED', weight: 'population' },
  pct_age_20_to_64: { method: 'WEIGHTED', weight: 'population' },
  pct_age_65_plus: { method: 'WEIGHTED', weight: 'population' },
  pct_non_western_migrants: { method: 'WEIGHTED', weight: 'population' },
  pct_owner_occupied: { method: 'WEIGHTED', weight: 'dwellings' },
  pct_rented: { method: 'WEIGHTED', weight: 'dwellings' },
};

/** A value of an area for one indicator and year: its own, or derived from its child areas. */
export interface AreaValue {
  value: number;
  year: number | null;
  /** The stored figure's source; null when derived. */
  source: string | null;
  note: string | null;
  /** Child areas the value was computed from; empty for a stored figure. */
  derivedFrom: string[];
}

/** Everything known about an area's figures: its own rows and its child areas' rows. */
export interface AreaFigures {
  areaId: string;
  /** Current child areas (all of them must have a value for a derivation). */
  childIds: string[];
  rows: FigureRow[];
}

/**
 * The rows of an AreaFigures by what the rules look up: the area's own figure per (indicator,
 * year), any area's figure per (area, code, year) — the first by source name where several
 * sources give one — the years per indicator, and the derived values once worked out. Built once
 * per AreaFigures (rebuilt if rows were added since): a municipality with its districts holds
 * about a thousand rows, and scanning them for every lookup made comparing ten areas cost more
 * CPU than the database's work for it.
 */
interface FigureIndex {
  rowCount: number;
  own: Map<string, FigureRow>;
  byArea: Map<string, FigureRow>;
  ownYears: Map<string, Set<number | null>>;
  childYears: Map<string, Set<number>>;
  derived: Map<string, AreaValue | null>;
}

const figureIndexes = new WeakMap<AreaFigures, FigureIndex>();

function firstBySource(map: Map<string, FigureRow>, key: string, row: FigureRow): void {
  const found = map.get(key);
  if (!found || row.source.localeCompare(found.source) < 0) map.set(key, row);
}

function figureIndex(figures: AreaFigures): FigureIndex {
  const cached = figureIndexes.get(figures);
  if (cached && cached.rowCount === figures.rows.length) return cached;
  const index: FigureIndex = { rowCount: figures.rows.length, own: new Map(), byArea: new Map(), ownYears: new Map(), childYears: new Map(), derived: new Map() };
  for (const row of figures.rows) {
    firstBySource(index.byArea, `${row.areaId}|${row.code}|${row.year}`, row);
    if (row.areaId === figures.areaId) {
      firstBySource(index.own, `${row.indicatorId}|${row.year}`, row);
      let years = index.ownYears.get(row.indicatorId);
      if (!years) index.ownYears.set(row.indicatorId, (years = new Set()));
      years.add(row.year);
    } else if (row.year !== null) {
      let years = index.childYears.get(row.code);
      if (!years) index.childYears.set(row.code, (years = new Set()));
      years.add(row.year);
    }
  }
  figureIndexes.set(figures, index);
  return index;
}

/** The area's own figure for (indicator, year): the first by source name when several sources give one. */
function ownValue(figures: AreaFigures, indicatorId: string, year: number | null): AreaValue | null {
  const row = figureIndex(figures).own.get(`${indicatorId}|${year}`);
  return row ? { value: row.value, year, source: row.source, note: row.note, derivedFrom: [] } : null;
}

function childValue(figures: AreaFigures, childId: string, code: string, year: number | null): number | null {
  return figureIndex(figures).byArea.get(`${childId}|${code}|${year}`)?.value ?? null;
}

/** The derived value (see DERIVATIONS), or null when a child area lacks what it needs. */
export function derivedValue(figures: AreaFigures, code: string, year: number | null): AreaValue | null {
  const rule = DERIVATIONS[code];
  if (!rule || figures.childIds.length === 0 || year === null) return null;
  const index = figureIndex(figures);
  const key = `${code}|${year}`;
  if (index.derived.has(key)) return index.derived.get(key)!;
  const derived = deriveValue(figures, rule, code, year);
  index.derived.set(key, derived);
  return derived;
}

function deriveValue(figures: AreaFigures, rule: Derivation, code: string, year: number): AreaValue | null {
  let total = 0;
  let weights = 0;
  for (const childId of figures.childIds) {
    const value = childValue(figures, childId, code, year);
    if (value === null) return null;
    if (rule.method === 'SUM') {
      total += value;
    } else {
      const weight = childValue(figures, childId, rule.weight, year);
      if (weight === null) return null;
      total += value * weight;
      weights += weight;
    }
  }
  if (rule.method === 'WEIGHTED' && weights <= 0) return null;
  // Shares to one decimal: already finer than the whole percentages the sources print, and no
  // 12.008 % that sits "above" a printed 12 % by rounding noise alone.
  const value = rule.method === 'SUM' ? total : round(total / weights, 1);
  return { value, year, source: null, note: null, derivedFrom: [...figures.childIds] };
}

/** Own value first, then derived. */
export function valueOf(figures: AreaFigures | undefined, indicatorId: string, code: string, year: number | null): AreaValue | null {
  if (!figures) return null;
  return ownValue(figures, indicatorId, year) ?? derivedValue(figures, code, year);
}

/** The years for which an area has (or can derive) a value of the indicator, latest first, null (year unknown) last. */
export function yearsOf(figures: AreaFigures | undefined, indicatorId: string, code: string): Array<number | null> {
  if (!figures) return [];
  const index = figureIndex(figures);
  const years = new Set<number | null>(index.ownYears.get(indicatorId));
  if (DERIVATIONS[code]) {
    for (const year of index.childYears.get(code) ?? []) {
      if (!years.has(year) && derivedValue(figures, code, year)) years.add(year);
    }
  }
  return [...years].sort((a, b) => (a === null ? 1 : b === null ? -1 : b - a));
}

export interface IndicatorRef {
  id: string;
  code: string;
  unit: string;
}

/** Indicators the area has (or can derive) figures of. */
export function indicatorsOf(figures: AreaFigures | undefined): IndicatorRef[] {
  if (!figures) return [];
  const found = new Map<string, IndicatorRef>();
  for (const row of figures.rows) {
    const own = row.areaId === figures.areaId;
    if (!own && !DERIVATIONS[row.code]) continue;
    if (!found.has(row.indicatorId)) found.set(row.indicatorId, { id: row.indicatorId, code: row.code, unit: row.unit });
  }
  return [...found.values()].filter((indicator) => yearsOf(figures, indicator.id, indicator.code).length > 0);
}

/** The year shown for an indicator: the requested one, or else the latest the area has. */
export function selectYear(figures: AreaFigures | undefined, indicator: IndicatorRef, requested: number | null): number | null | undefined {
  const years = yearsOf(figures, indicator.id, indicator.code);
  if (requested !== null) return years.includes(requested) ? requested : undefined;
  return years.length > 0 ? years[0] : undefined;
}

export interface FigureComparison {
  indicator: IndicatorRef;
  year: number | null;
  current: AreaValue;
  parent: AreaValue | null;
  municipality: AreaValue | null;
  differenceFromParent: number | null;
  differenceFromMunicipality: number | null;
  previous: AreaValue | null;
  changeFromPrevious: number | null;
}

/** One indicator of an area beside its parent, its municipality and its own previous year. */
export function compareFigure(
  indicator: IndicatorRef,
  requestedYear: number | null,
  area: AreaFigures | undefined,
  parent: AreaFigures | undefined,
  municipality: AreaFigures | undefined,
): FigureComparison | null {
  const year = selectYear(area, indicator, requestedYear);
  if (year === undefined) return null;
  const current = valueOf(area, indicator.id, indicator.code, year);
  if (!current) return null;
  const parentValue = parent ? valueOf(parent, indicator.id, indicator.code, year) : null;
  const municipalityValue = municipality ? valueOf(municipality, indicator.id, indicator.code, year) : null;
  const earlier = year === null ? [] : yearsOf(area, indicator.id, indicator.code).filter((y): y is number => y !== null && y < year);
  const previous = earlier.length > 0 ? valueOf(area, indicator.id, indicator.code, earlier[0]) : null;
  return {
    indicator,
    year,
    current,
    parent: parentValue,
    municipality: municipalityValue,
    differenceFromParent: parentValue ? round(current.value - parentValue.value) : null,
    differenceFromMunicipality: municipalityValue ? round(current.value - municipalityValue.value) : null,
    previous,
    changeFromPrevious: previous ? round(current.value - previous.value) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// 2. Team norms

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

// ---------------------------------------------------------------------------------------------
// 3. Coverage

export type CoverageStatus = 'COVERED' | 'THIN' | 'EMPTY' | 'UNKNOWN';

export interface CoverageService {
  id: string;
  targetGroupIds: string[];
  basicFunctionIds: string[];
}

export interface CoverageCellData {
  basicFunctionId: string | null;
  serviceIds: string[];
  status: CoverageStatus;
}

export interface CoverageRowData {
  targetGroupId: string;
  /** Every active service for the group, whatever its basic functions. */
  total: CoverageCellData;
  /** One cell per basic function, in the given order. */
  cells: CoverageCellData[];
  /** Services for the group with no basic function recorded (no intervention type linked). */
  unclassified: CoverageCellData;
}

export interface CoverageData {
  rows: CoverageRowData[];
  withoutTargetGroup: string[];
  withoutBasicFunction: string[];
}

export function countStatus(count: number, thinBelow: number): CoverageStatus {
  if (count === 0) return 'EMPTY';
  return count < thinBelow ? 'THIN' : 'COVERED';
}

/**
 * Target groups × basic functions. A service counts in every cell of its target groups and of
 * the basic functions of its intervention types (primary and secondary). A cell with no
 * service is EMPTY only when every service of the row has its basic functions recorded;
 * otherwise UNKNOWN: an unclassified service may well fill it.
 */
export function coverageMatrix(services: CoverageService[], targetGroupIds: string[], basicFunctionIds: string[], thinBelow: number): CoverageData {
  // One pass over the services (a district of a large city has thousands): each lands in the row of
  // every group it serves and in the cell of every function it has, in the services' order.
  const groupIndex = new Map(targetGroupIds.map((id, i) => [id, i]));
  const functionIndex = new Map(basicFunctionIds.map((id, i) => [id, i]));
  const totals = targetGroupIds.map((): string[] => []);
  const unclassified = targetGroupIds.map((): string[] => []);
  const cells = targetGroupIds.map(() => basicFunctionIds.map((): string[] => []));
  for (const service of services) {
    const functions = [...new Set(service.basicFunctionIds)].map((id) => functionIndex.get(id)).filter((f): f is number => f !== undefined);
    for (const groupId of new Set(service.targetGroupIds)) {
      const g = groupIndex.get(groupId);
      if (g === undefined) continue;
      totals[g].push(service.id);
      if (service.basicFunctionIds.length === 0) unclassified[g].push(service.id);
      for (const f of functions) cells[g][f].push(service.id);
    }
  }
  const rows = targetGroupIds.map(
    (targetGroupId, g): CoverageRowData => ({
      targetGroupId,
      total: { basicFunctionId: null, serviceIds: totals[g], status: countStatus(totals[g].length, thinBelow) },
      cells: basicFunctionIds.map((basicFunctionId, f): CoverageCellData => {
        const serviceIds = cells[g][f];
        const status = serviceIds.length === 0 && unclassified[g].length > 0 ? 'UNKNOWN' : countStatus(serviceIds.length, thinBelow);
        return { basicFunctionId, serviceIds, status };
      }),
      unclassified: { basicFunctionId: null, serviceIds: unclassified[g], status: unclassified[g].length > 0 ? 'COVERED' : 'EMPTY' },
    }),
  );
  return {
    rows,
    withoutTargetGroup: services.filter((service) => service.targetGroupIds.length === 0).map((service) => service.id),
    withoutBasicFunction: services.filter((service) => service.basicFunctionIds.length === 0).map((service) => service.id),
  };
}

// ---------------------------------------------------------------------------------------------
// 4. Need and gaps

export type NeedStatus = 'ABOVE_MUNICIPALITY' | 'NOT_ABOVE' | 'UNKNOWN' | 'NO_INDICATOR';

export interface NeedData {
  status: NeedStatus;
  indicatorId: string | null;
  year: number | null;
  value: number | null;
  municipalityValue: number | null;
  difference: number | null;
  /** value / municipality value; ranks gaps of different indicators against each other. */
  ratio: number | null;
  derived: boolean;
}

/**
 * A target group's need in the area: its need indicator (elderly → % 65+, migrant families →
 * % non-western migrants) against the municipality's value of the same indicator and year
 * (the year shown for the area: the requested one, or the latest). Above by more than
 * `gapNeedMargin` counts as ABOVE_MUNICIPALITY.
 */
export function assessNeed(
  needIndicator: IndicatorRef | null,
  requestedYear: number | null,
  area: AreaFigures | undefined,
  municipality: AreaFigures | undefined,
  thresholds: NeighbourhoodThresholds,
): NeedData {
  const none: NeedData = { status: 'NO_INDICATOR', indicatorId: null, year: null, value: null, municipalityValue: null, difference: null, ratio: null, derived: false };
  if (!needIndicator) return none;
  const comparison = compareFigure(needIndicator, requestedYear, area, undefined, municipality);
  if (!comparison) return { ...none, status: 'UNKNOWN', indicatorId: needIndicator.id };
  const value = comparison.current.value;
  const municipalityValue = comparison.municipality?.value ?? null;
  const base = {
    indicatorId: needIndicator.id,
    year: comparison.year,
    value,
    municipalityValue,
    derived: comparison.current.derivedFrom.length > 0,
  };
  if (municipalityValue === null) return { ...base, status: 'UNKNOWN', difference: null, ratio: null };
  const difference = round(value - municipalityValue);
  const ratio = municipalityValue > 0 ? round(value / municipalityValue, 4) : null;
  return { ...base, status: difference > thresholds.gapNeedMargin ? 'ABOVE_MUNICIPALITY' : 'NOT_ABOVE', difference, ratio };
}

export type GapLevel = 'TARGET_GROUP' | 'BASIC_FUNCTION';

export interface GapData {
  targetGroupId: string;
  basicFunctionId: string | null;
  level: GapLevel;
  status: CoverageStatus;
  serviceCount: number;
  need: NeedData;
}

const NEED_ORDER: Record<NeedStatus, number> = { ABOVE_MUNICIPALITY: 0, UNKNOWN: 1, NO_INDICATOR: 1, NOT_ABOVE: 2 };

function severity(gap: GapData): number {
  if (gap.level === 'TARGET_GROUP') return gap.status === 'EMPTY' ? 0 : 1;
  return gap.status === 'EMPTY' ? 2 : 3;
}

/**
 * Empty and thin cells. A target group without any (or with too few) active services is one
 * gap for the whole row (its function cells are then not listed again); otherwise each EMPTY or
 * THIN function cell is a gap (UNKNOWN cells are not: the data cannot tell). Ranked: need above
 * the municipality first (highest ratio first), then need unknown, then need not above; within
 * each, whole rows before cells and empty before thin; then by target group and basic function
 * order.
 */
export function findGaps(
  coverage: CoverageData,
  needs: Map<string, NeedData>,
  order: { targetGroup: (id: string) => string; basicFunction: (id: string) => number },
): GapData[] {
  const gaps: GapData[] = [];
  for (const row of coverage.rows) {
    const need = needs.get(row.targetGroupId) ?? { status: 'NO_INDICATOR', indicatorId: null, year: null, value: null, municipalityValue: null, difference: null, ratio: null, derived: false };
    if (row.total.status === 'EMPTY' || row.total.status === 'THIN') {
      gaps.push({ targetGroupId: row.targetGroupId, basicFunctionId: null, level: 'TARGET_GROUP', status: row.total.status, serviceCount: row.total.serviceIds.length, need });
      continue;
    }
    for (const cell of row.cells) {
      if (cell.status === 'EMPTY' || cell.status === 'THIN') {
        gaps.push({ targetGroupId: row.targetGroupId, basicFunctionId: cell.basicFunctionId, level: 'BASIC_FUNCTION', status: cell.status, serviceCount: cell.serviceIds.length, need });
      }
    }
  }
  return gaps.sort(
    (a, b) =>
      NEED_ORDER[a.need.status] - NEED_ORDER[b.need.status] ||
      (b.need.status === 'ABOVE_MUNICIPALITY' ? (b.need.ratio ?? 0) - (a.need.ratio ?? 0) : 0) ||
      severity(a) - severity(b) ||
      order.targetGroup(a.targetGroupId).localeCompare(order.targetGroup(b.targetGroupId)) ||
      (a.basicFunctionId ? order.basicFunction(a.basicFunctionId) : 0) - (b.basicFunctionId ? order.basicFunction(b.basicFunctionId) : 0),
  );
}

export interface GapWords {
  areaName: string;
  municipalityName: string | null;
  targetGroup: { nl: string; en: string | null };
  basicFunction: { number: number; nl: string; en: string } | null;
  indicator: { nl: string; en: string; unit: string } | null;
  thinBelow: number;
  /** Networks covering the area that name the target group. */
  networks: string[];
}

/** "Migrant families" → "migrant families" mid-sentence; acronyms ("GGZ") stay. */
function lowerFirst(text: string): string {
  return text.length > 1 && text[1] === text[1].toLowerCase() ? text[0].toLowerCase() + text.slice(1) : text;
}

/** The reason for a gap in words, English and Dutch. */
export function gapReason(gap: GapData, words: GapWords): { en: string; nl: string } {
  const groupEn = words.targetGroup.en ? `${lowerFirst(words.targetGroup.en)} (${words.targetGroup.nl})` : words.targetGroup.nl;
  const groupNl = words.targetGroup.nl;
  const fnEn = words.basicFunction ? ` for basic function ${words.basicFunction.number} (${words.basicFunction.en})` : '';
  const fnNl = words.basicFunction ? ` voor basisfunctie ${words.basicFunction.number} (${words.basicFunction.nl})` : '';
  const n = gap.serviceCount;
  const coverageEn =
    gap.status === 'EMPTY'
      ? `No active service for ${groupEn} serves ${words.areaName}${fnEn}`
      : `Only ${n} active service${n === 1 ? '' : 's'} for ${groupEn} serve${n === 1 ? 's' : ''} ${words.areaName}${fnEn} (thin: fewer than ${words.thinBelow})`;
  const coverageNl =
    gap.status === 'EMPTY'
      ? `Geen actieve dienst voor ${groupNl} in ${words.areaName}${fnNl}`
      : `Slechts ${n} actieve dienst${n === 1 ? '' : 'en'} voor ${groupNl} in ${words.areaName}${fnNl} (dun: minder dan ${words.thinBelow})`;
  const need = gap.need;
  const unit = words.indicator?.unit ?? 'NUMBER';
  const municipality = words.municipalityName ?? 'the municipality';
  const municipalityNl = words.municipalityName ?? 'de gemeente';
  let needEn: string;
  let needNl: string;
  const indicatorEn = words.indicator?.en ?? 'need indicator';
  const indicatorNl = words.indicator?.nl ?? 'behoefte-indicator';
  const derivedEn = need.derived ? ', computed from its neighbourhoods' : '';
  const derivedNl = need.derived ? ', berekend uit de buurten' : '';
  const yearEn = need.year !== null ? `${need.year}; ` : '';
  switch (need.status) {
    case 'ABOVE_MUNICIPALITY':
      needEn = `, while the group's need indicator is higher there than in ${municipality}: ${formatValue(need.value!, unit, 'en')} against ${formatValue(need.municipalityValue!, unit, 'en')} (${yearEn}${indicatorEn}${derivedEn}).`;
      needNl = `, terwijl de behoefte-indicator van de doelgroep daar hoger ligt dan in ${municipalityNl}: ${formatValue(need.value!, unit, 'nl')} tegen ${formatValue(need.municipalityValue!, unit, 'nl')} (${yearEn}${indicatorNl}${derivedNl}).`;
      break;
    case 'NOT_ABOVE':
      needEn = `; the group's need indicator is not higher there than in ${municipality}: ${formatValue(need.value!, unit, 'en')} against ${formatValue(need.municipalityValue!, unit, 'en')} (${yearEn}${indicatorEn}${derivedEn}).`;
      needNl = `; de behoefte-indicator van de doelgroep ligt daar niet hoger dan in ${municipalityNl}: ${formatValue(need.value!, unit, 'nl')} tegen ${formatValue(need.municipalityValue!, unit, 'nl')} (${yearEn}${indicatorNl}${derivedNl}).`;
      break;
    case 'UNKNOWN':
      needEn = `; the need cannot be weighed: no figure of the group's need indicator (${indicatorEn}) for ${need.value === null ? words.areaName : municipality}.`;
      needNl = `; de behoefte is niet te wegen: geen cijfer van de behoefte-indicator (${indicatorNl}) voor ${need.value === null ? words.areaName : municipalityNl}.`;
      break;
    default:
      needEn = '; the target group has no need indicator, so the need cannot be weighed.';
      needNl = '; de doelgroep heeft geen behoefte-indicator, dus de behoefte is niet te wegen.';
  }
  const networksEn = words.networks.length > 0 ? ` Networks covering the area that name this group: ${words.networks.join(', ')}.` : '';
  const networksNl = words.networks.length > 0 ? ` Netwerken in het gebied voor deze doelgroep: ${words.networks.join(', ')}.` : '';
  return { en: `${coverageEn}${needEn}${networksEn}`, nl: `${coverageNl}${needNl}${networksNl}` };
}

// ---------------------------------------------------------------------------------------------
// 5. Freshness

export interface FreshnessCounts {
  records: number;
  verified: number;
  share: number | null;
}

/** Share of records verified on or after `since` (docs/neighbourhood-view.md §7: a record not verified for 12 months is stale). */
export function freshness(lastVerified: Array<Date | null>, since: Date): FreshnessCounts {
  const verified = lastVerified.filter((date) => date !== null && date >= since).length;
  return { records: lastVerified.length, verified, share: lastVerified.length > 0 ? round(verified / lastVerified.length, 4) : null };
}
