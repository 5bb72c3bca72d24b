import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { NeighbourhoodThresholds } from '../../config';
import { KnowledgeArea, SwitchModel } from '../network/network.entity';
import { Sector } from '../organisation/organisation.entity';
import { ReferralAreaCount, ReferralStatisticsNode } from '../referral';
import type { Area } from '../area/area.entity';
import { ServingRelation } from './neighbourhood.loaders';
import type { CoverageStatus as CoverageStatusCode } from './neighbourhood.rules.coverage';
import type { GapLevel as GapLevelCode, NeedStatus as NeedStatusCode } from './neighbourhood.rules.gaps';

export enum CheckStatus {
  PASS = 'PASS',
  FAIL = 'FAIL',
  UNKNOWN = 'UNKNOWN',
}

export enum TeamNorm {
  MEMBERS_PER_10000_INHABITANTS = 'MEMBERS_PER_10000_INHABITANTS',
  MEMBER_MIN_FTE = 'MEMBER_MIN_FTE',
  TEAM_SIZE = 'TEAM_SIZE',
  TEAM_TOTAL_FTE = 'TEAM_TOTAL_FTE',
  KNOWLEDGE_AREAS = 'KNOWLEDGE_AREAS',
}

export enum CoverageStatus {
  COVERED = 'COVERED',
  THIN = 'THIN',
  EMPTY = 'EMPTY',
  UNKNOWN = 'UNKNOWN',
}

export enum NeedStatus {
  ABOVE_MUNICIPALITY = 'ABOVE_MUNICIPALITY',
  NOT_ABOVE = 'NOT_ABOVE',
  UNKNOWN = 'UNKNOWN',
  NO_INDICATOR = 'NO_INDICATOR',
}

export enum GapLevel {
  TARGET_GROUP = 'TARGET_GROUP',
  BASIC_FUNCTION = 'BASIC_FUNCTION',
}

export enum AreaRankingCriterion {
  INDICATOR = 'INDICATOR',
  GAPS = 'GAPS',
  NEED_GAPS = 'NEED_GAPS',
}

registerEnumType(ServingRelation, {
  name: 'ServingRelation',
  description: 'How a record reaches the area.',
  valuesConfig: {
    THIS_AREA: { description: 'Recorded for the area itself.' },
    AREA_BELOW: { description: 'Recorded for an area inside it (e.g. a neighbourhood of the district).' },
    AREA_ABOVE: { description: 'Recorded for an area it lies in (its district or municipality).' },
  },
});
registerEnumType(CheckStatus, {
  name: 'CheckStatus',
  valuesConfig: { PASS: { description: 'Meets the norm.' }, FAIL: { description: 'Does not meet the norm.' }, UNKNOWN: { description: 'The data lack what the check needs.' } },
});
registerEnumType(TeamNorm, {
  name: 'TeamNorm',
  description: 'The team norms of the book (§9.7 Beleid 4, §6.3 Omvang, §9.7 Praktijk 2).',
  valuesConfig: {
    MEMBERS_PER_10000_INHABITANTS: { description: 'At least 5 members for about 10,000 inhabitants (§9.7 Beleid 4).' },
    MEMBER_MIN_FTE: { description: 'Each member at least 0.4 fte in the team (§9.7 Beleid 4).' },
    TEAM_SIZE: { description: '5 to 10 members (§6.3).' },
    TEAM_TOTAL_FTE: { description: 'At least 2 fte in total (§6.3).' },
    KNOWLEDGE_AREAS: { description: 'Knowledge of the eight areas of §9.7 Praktijk 2.' },
  },
});
registerEnumType(CoverageStatus, {
  name: 'CoverageStatus',
  valuesConfig: {
    COVERED: { description: 'At least COVERAGE_THIN_BELOW active services.' },
    THIN: { description: 'At least one active service, but fewer than COVERAGE_THIN_BELOW.' },
    EMPTY: { description: 'No active service.' },
    UNKNOWN: { description: 'No service recorded for this basic function, but some services of the target group have no basic function recorded.' },
  },
});
registerEnumType(NeedStatus, {
  name: 'NeedStatus',
  valuesConfig: {
    ABOVE_MUNICIPALITY: { description: "The target group's need indicator is above the municipality's value." },
    NOT_ABOVE: { description: "The need indicator is not above the municipality's value." },
    UNKNOWN: { description: 'The area or the municipality has no figure of the need indicator.' },
    NO_INDICATOR: { description: 'The target group has no need indicator.' },
  },
});
registerEnumType(GapLevel, {
  name: 'GapLevel',
  valuesConfig: {
    TARGET_GROUP: { description: 'The target group as a whole has no or too few active services.' },
    BASIC_FUNCTION: { description: 'One basic function has no or too few active services for the target group.' },
  },
});
registerEnumType(AreaRankingCriterion, {
  name: 'AreaRankingCriterion',
  valuesConfig: {
    INDICATOR: { description: "The indicator's value (own, or derived from the area's neighbourhoods)." },
    GAPS: { description: 'The number of gaps (optionally of one target group).' },
    NEED_GAPS: { description: "The number of gaps whose target group's need is above the municipality's." },
  },
});

/** The thresholds the rules applied (config: TEAM_NORM_*, COVERAGE_THIN_BELOW, GAP_NEED_MARGIN, STALE_AFTER_MONTHS). */
@ObjectType('NeighbourhoodThresholds')
export class ThresholdsNode implements NeighbourhoodThresholds {
  @Field(() => Float)
  membersPer10000: number;

  @Field(() => Float)
  memberMinFte: number;

  @Field(() => Int)
  teamMinMembers: number;

  @Field(() => Int)
  teamMaxMembers: number;

  @Field(() => Float)
  teamMinTotalFte: number;

  @Field(() => [String])
  normNetworkKinds: string[];

  @Field(() => Int)
  coverageThinBelow: number;

  @Field(() => Float)
  gapNeedMargin: number;

  @Field(() => Int, { description: 'Records verified within this many months count as fresh.' })
  freshnessMonths: number;
}

@ObjectType({ description: 'A key figure of the area beside its parent area, its municipality, the country and its own previous year.' })
export class KeyFigureComparison {
  indicatorId: string;

  @Field(() => String)
  indicatorCode: string;

  @Field(() => Int, { nullable: true, description: 'The year shown (the requested one, or the latest the area has); null: year unknown.' })
  year: number | null;

  @Field(() => Float)
  value: number;

  @Field(() => String, { nullable: true, description: 'Source of the stored figure; null when derived.' })
  source: string | null;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => Boolean, { description: 'Computed from all the areas below (sums, or shares weighted by population or dwellings).' })
  derived: boolean;

  derivedFromIds: string[];

  @Field(() => Float, { nullable: true })
  parentValue: number | null;

  @Field(() => Boolean, { nullable: true })
  parentDerived: boolean | null;

  @Field(() => Float, { nullable: true, description: 'value − parentValue.' })
  differenceFromParent: number | null;

  @Field(() => Float, { nullable: true })
  municipalityValue: number | null;

  @Field(() => Boolean, { nullable: true })
  municipalityDerived: boolean | null;

  @Field(() => Float, { nullable: true, description: 'value − municipalityValue.' })
  differenceFromMunicipality: number | null;

  @Field(() => Int, { nullable: true, description: 'The latest earlier year the area has a value for.' })
  previousYear: number | null;

  @Field(() => Float, { nullable: true })
  previousValue: number | null;

  @Field(() => Float, { nullable: true, description: 'value − previousValue.' })
  changeFromPreviousYear: number | null;
}

@ObjectType({ description: 'An organisation serving the area.' })
export class ServingOrganisation {
  organisationId: string;

  @Field(() => ServingRelation)
  relation: ServingRelation;
}

@ObjectType({ description: 'An active service serving the area.' })
export class ServingService {
  serviceId: string;

  @Field(() => ServingRelation)
  relation: ServingRelation;
}

@ObjectType({ description: 'An active location in or around the area.' })
export class ServingLocation {
  locationId: string;

  @Field(() => ServingRelation)
  relation: ServingRelation;
}

@ObjectType({ description: "Organisations, services and locations of one sector (the organisation's; services: the provider's; locations: the operator's)." })
export class SectorGroup {
  @Field(() => Sector, { nullable: true, description: 'null: no organisation recorded.' })
  sector: Sector | null;

  @Field(() => [ServingOrganisation])
  organisations: ServingOrganisation[];

  @Field(() => [ServingService])
  services: ServingService[];

  @Field(() => [ServingLocation])
  locations: ServingLocation[];
}

@ObjectType({ description: "What a switch team's model asks of it (§6.2): the basic functions (§6.1) its members' services for the area must cover." })
export class SwitchModelCheck {
  @Field(() => SwitchModel, { nullable: true, description: 'The recorded switch model; null: not recorded (UNKNOWN).' })
  model: SwitchModel | null;

  @Field(() => CheckStatus)
  status: CheckStatus;

  @Field(() => [Int], { description: 'Basic function numbers the model needs: second line 2, 3, 4, 5, 9, 10; front line 1, 4, 7.' })
  required: number[];

  @Field(() => [Int], { description: "The required ones the members' services cover." })
  covered: number[];

  @Field(() => [Int])
  missing: number[];

  @Field(() => String)
  explanation: string;

  @Field(() => String)
  explanationNl: string;

  @Field(() => String)
  source: string;
}

@ObjectType({ description: 'One team norm check: its value, its norm and the outcome.' })
export class TeamNormCheck {
  @Field(() => TeamNorm)
  norm: TeamNorm;

  @Field(() => CheckStatus)
  status: CheckStatus;

  @Field(() => Float, { nullable: true, description: 'The measured value; null when unknown.' })
  value: number | null;

  @Field(() => Float, { nullable: true })
  minimum: number | null;

  @Field(() => Float, { nullable: true })
  maximum: number | null;

  @Field(() => String, { description: 'The norm in words (English).' })
  normText: string;

  @Field(() => String, { description: 'The norm in words (Dutch).' })
  normTextNl: string;

  @Field(() => String, { description: 'Why the check came out as it did (English).' })
  explanation: string;

  @Field(() => String, { description: 'Why the check came out as it did (Dutch).' })
  explanationNl: string;

  @Field(() => String, { description: 'Where the norm is in the book.' })
  source: string;
}

@ObjectType({ description: 'A network covering the area, with its members and, for switch teams, the team norm checks.' })
export class NetworkCoverage {
  networkId: string;

  @Field(() => ServingRelation)
  relation: ServingRelation;

  memberIds: string[];

  teamMemberIds: string[];

  @Field(() => Boolean, { description: 'Whether the team norms apply to this network (its kind is in TEAM_NORM_NETWORK_KINDS).' })
  normsApply: boolean;

  @Field(() => Float, { nullable: true, description: 'Inhabitants of the areas the network covers (own or derived figures); null when unknown.' })
  population: number | null;

  @Field(() => Int, { nullable: true })
  populationYear: number | null;

  @Field(() => [TeamNormCheck], { description: 'Empty when the norms do not apply.' })
  normChecks: TeamNormCheck[];

  @Field(() => CheckStatus, { nullable: true, description: 'FAIL when any check fails, else UNKNOWN when any is unknown, else PASS; null when the norms do not apply.' })
  overall: CheckStatus | null;

  @Field(() => [KnowledgeArea], { description: 'Knowledge areas present in the team (its members and the team as a whole); empty when the norms do not apply.' })
  knowledgeAreasPresent: KnowledgeArea[];

  @Field(() => [KnowledgeArea], { description: 'Knowledge areas not recorded as present; empty when the norms do not apply.' })
  knowledgeAreasMissing: KnowledgeArea[];

  @Field(() => SwitchModelCheck, { nullable: true, description: 'For switch teams: what its switch model asks (§6.2) against what its members provide for the area; null for other networks.' })
  switchModelCheck: SwitchModelCheck | null;
}

@ObjectType({ description: "A target group's need in the area: its need indicator against the municipality's value." })
export class NeedAssessment {
  @Field(() => NeedStatus)
  status: NeedStatusCode;

  indicatorId: string | null;

  @Field(() => Int, { nullable: true })
  year: number | null;

  @Field(() => Float, { nullable: true })
  value: number | null;

  @Field(() => Float, { nullable: true })
  municipalityValue: number | null;

  @Field(() => Float, { nullable: true, description: 'value − municipalityValue.' })
  difference: number | null;

  @Field(() => Float, { nullable: true, description: 'value / municipalityValue.' })
  ratio: number | null;

  @Field(() => Boolean, { description: "The area's value is computed from its neighbourhoods." })
  derived: boolean;
}

@ObjectType({ description: 'The active services of one cell of the coverage matrix.' })
export class CoverageCell {
  basicFunctionId: string | null;

  @Field(() => Int)
  count: number;

  @Field(() => CoverageStatus)
  status: CoverageStatusCode;

  @Field(() => [ID], { description: 'The services in the cell (drill down with `services`).' })
  serviceIds: string[];
}

@ObjectType({ description: 'One target group: its services per basic function.' })
export class CoverageRow {
  targetGroupId: string;

  @Field(() => CoverageCell, { description: 'All active services for the target group.' })
  total: CoverageCell;

  @Field(() => [CoverageCell], { description: 'One cell per basic function, in the order of `CoverageMatrix.basicFunctions`.' })
  cells: CoverageCell[];

  @Field(() => CoverageCell, { description: 'Services for the target group with no basic function recorded.' })
  unclassified: CoverageCell;

  /** The view the row belongs to (its networks are looked up through it, when asked). */
  view: NeighbourhoodView;

  @Field(() => NeedAssessment)
  need: NeedAssessment;
}

@ObjectType({ description: 'Target groups × the ten basic functions (§6.1): active services serving the area.' })
export class CoverageMatrix {
  basicFunctionIds: string[];

  @Field(() => [CoverageRow])
  rows: CoverageRow[];

  @Field(() => Int, { description: 'Active services serving the area.' })
  serviceCount: number;

  @Field(() => CoverageCell, { description: 'Active services with no target group recorded (in no row).' })
  withoutTargetGroup: CoverageCell;

  @Field(() => Int, { description: 'Active services with no basic function recorded (no intervention type).' })
  withoutBasicFunction: number;

  @Field(() => Int)
  thinBelow: number;
}

@ObjectType({ description: 'An empty or thin cell, ranked by need, with the reason in words.' })
export class CoverageGap {
  @Field(() => Int)
  rank: number;

  targetGroupId: string;

  basicFunctionId: string | null;

  @Field(() => GapLevel)
  level: GapLevelCode;

  @Field(() => CoverageStatus)
  status: CoverageStatusCode;

  @Field(() => Int)
  serviceCount: number;

  @Field(() => NeedAssessment)
  need: NeedAssessment;

  @Field(() => String, { description: 'The reason in words (English).' })
  reason: string;

  @Field(() => String, { description: 'The reason in words (Dutch).' })
  reasonNl: string;

  @Field(() => String, { description: 'The gap in words under its need statement (English): the target group (and basic function) not covered, its count and the networks naming the group; the need is in the statement.' })
  line: string;

  @Field(() => String, { description: 'The gap in words under its need statement (Dutch).' })
  lineNl: string;
}

@ObjectType({
  description:
    'One need statement — a need indicator of target groups in the area against the municipality, or that the need cannot be weighed — with the gaps of the target groups it concerns. Ranked: need above the municipality first, by score; then need unknown or without indicator; then need not above.',
})
export class NeedGapGroup {
  @Field(() => Int)
  rank: number;

  @Field(() => NeedAssessment, { description: 'The need the statement is about (the same for every gap under it); its indicator is null for target groups without one.' })
  need: NeedAssessment;

  @Field(() => String, { description: 'The need statement in words (English), once for all the gaps under it.' })
  statement: string;

  @Field(() => String, { description: 'The need statement in words (Dutch).' })
  statementNl: string;

  @Field(() => Int, { description: 'Target groups with a gap under this statement.' })
  targetGroupCount: number;

  @Field(() => Float, { description: 'Target groups not covered, weighted: 1 for a group without any active service, 0.5 for one served too thinly or with only function cells empty or thin.' })
  uncoveredTargetGroups: number;

  @Field(() => Float, {
    nullable: true,
    description: '(value / municipality value − 1) × uncoveredTargetGroups: how far the need is above the municipality, times what is uncovered. Null unless the need is above the municipality (and the municipality value above 0).',
  })
  score: number | null;

  @Field(() => [CoverageGap], { description: 'The gaps under the statement: whole target groups before basic-function cells, empty before thin.' })
  gaps: CoverageGap[];
}

@ObjectType({ description: 'Verified records among those counted.' })
export class FreshnessCount {
  @Field(() => Int)
  records: number;

  @Field(() => Int)
  verified: number;

  @Field(() => Float, { nullable: true, description: 'verified / records; null when there are none.' })
  share: number | null;
}

@ObjectType({ description: 'Share of the organisations, services and locations serving the area that were verified recently (not verified for STALE_AFTER_MONTHS: stale).' })
export class Freshness {
  @Field(() => Int, { description: 'Verified within this many months (STALE_AFTER_MONTHS).' })
  months: number;

  @Field(() => Date)
  since: Date;

  @Field(() => FreshnessCount)
  total: FreshnessCount;

  @Field(() => FreshnessCount)
  organisations: FreshnessCount;

  @Field(() => FreshnessCount)
  services: FreshnessCount;

  @Field(() => FreshnessCount)
  locations: FreshnessCount;
}

/**
 * The neighbourhood view of one area. Built lazily: each part is computed (with set-based
 * loaders) when a field asks for it, and at most once per view.
 */
@ObjectType({ description: 'How an area is covered: key figures, who serves it, networks and team norms, coverage, gaps, freshness.' })
export class NeighbourhoodView {
  area: Area;

  parent: Area | null;

  municipality: Area | null;

  @Field(() => Int, { nullable: true, description: 'The requested year; null: the latest year per indicator.' })
  year: number | null;

  /** Parts already computed (promises), keyed by part name. */
  memo: Map<string, Promise<unknown>>;

  /** The views opened together with this one (itself included): parts are computed for all of them at once. */
  group: NeighbourhoodView[];
}

@ObjectType({
  description:
    "Referral flow in aggregate (admins and municipality users): the caller's `referralStatistics`, unchanged (small counts suppressed), and its published cells for this area and the areas below it.",
})
export class NeighbourhoodReferralFlow {
  @Field(() => Boolean, { description: "Whether the area lies in the caller's scope (admins: always); when not, `statistics` is null and `areaCounts` empty." })
  inScope: boolean;

  @Field(() => ReferralStatisticsNode, { nullable: true, description: "The caller's referral statistics (their whole scope), as `referralStatistics` answers." })
  statistics: ReferralStatisticsNode | null;

  @Field(() => [ReferralAreaCount], { description: 'The published cells of `statistics.byArea` for this area and the areas below it.' })
  areaCounts: ReferralAreaCount[];
}

@ObjectType({ description: 'One indicator for several areas side by side (aligned with `AreaComparison.views`).' })
export class IndicatorComparisonRow {
  indicatorId: string;

  @Field(() => String)
  indicatorCode: string;

  @Field(() => [KeyFigureComparison], { nullable: 'items', description: 'null where the area has no value.' })
  values: Array<KeyFigureComparison | null>;
}

@ObjectType({ description: 'One target group for several areas side by side (aligned with `AreaComparison.views`).' })
export class CoverageComparisonRow {
  targetGroupId: string;

  @Field(() => [Int])
  serviceCounts: number[];

  @Field(() => [CoverageStatus])
  statuses: CoverageStatusCode[];

  @Field(() => [NeedAssessment])
  needs: NeedAssessment[];
}

@ObjectType({ description: 'Several areas side by side: the same figures and coverage.' })
export class AreaComparison {
  @Field(() => Int, { nullable: true })
  year: number | null;

  @Field(() => [NeighbourhoodView], { description: 'One view per area, in the order asked.' })
  views: NeighbourhoodView[];
}

@ObjectType({ description: 'One area in a ranking.' })
export class AreaRank {
  @Field(() => Int, { nullable: true, description: '1 = first; null when the area has no value (listed last).' })
  rank: number | null;

  areaId: string;

  @Field(() => Float, { nullable: true, description: 'The value ranked on: the indicator value, or the number of gaps.' })
  value: number | null;

  @Field(() => Int, { nullable: true, description: 'Year of the indicator value.' })
  year: number | null;

  @Field(() => Boolean, { description: 'The indicator value is computed from the areas below.' })
  derived: boolean;

  @Field(() => Float, { nullable: true, description: "The municipality's value of the indicator for the same year." })
  municipalityValue: number | null;

  @Field(() => Int, { nullable: true, description: 'Gaps (of the target group, when given); null when ranking by indicator.' })
  gapCount: number | null;

  @Field(() => Int, { nullable: true, description: "Of those, gaps whose need is above the municipality's; null when ranking by indicator." })
  needGapCount: number | null;

  @Field(() => CoverageGap, { nullable: true, description: 'The highest-ranked gap; null when ranking by indicator.' })
  topGap: CoverageGap | null;
}

@ObjectType({ description: 'The areas of a municipality ranked by an indicator or by gaps.' })
export class AreaRanking {
  municipalityId: string;

  @Field(() => AreaRankingCriterion)
  by: AreaRankingCriterion;

  indicatorId: string | null;

  targetGroupId: string | null;

  @Field(() => Int, { nullable: true })
  year: number | null;

  @Field(() => Boolean)
  ascending: boolean;

  @Field(() => [AreaRank])
  items: AreaRank[];
}
