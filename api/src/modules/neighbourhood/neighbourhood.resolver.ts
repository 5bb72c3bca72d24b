import { Arg, Args, Ctx, FieldResolver, Float, Int, Query, Resolver, Root } from 'type-graphql';
import { BadUserInputError } from '../../common/errors';
import { loadAll } from '../../common/loaders';
import type { RequestContext } from '../../context';
import { Area } from '../area/area.entity';
import { Allow, LoggedIn, PublicMap, Rule } from '../../auth/auth.rules';
import { Indicator } from '../indicator/indicator.entity';
import { BasicFunction } from '../intervention-type/basic-function.entity';
import { KeyPerson } from '../key-person/key-person.entity';
import { Location } from '../location/location.entity';
import { NetworkMember } from '../network/network-member.entity';
import { Network } from '../network/network.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Service } from '../service/service.entity';
import { TargetGroup } from '../target-group/target-group.entity';
import { CompareAreasArgs, NeighbourhoodViewArgs, RankAreasArgs } from './neighbourhood.inputs';
import { countryValueOf, differenceFromCountryOf, openView, thresholdsNode, viewBySector, viewFreshness, viewKeyFigures, viewKeyPersons, viewReferralFlow } from './neighbourhood.service';
import { compareAreas, comparisonCoverage, comparisonIndicators, rankAreas } from './neighbourhood.service.comparison';
import { coverageRowNetworks, viewCoverage, viewGapGroups, viewGaps } from './neighbourhood.service.coverage';
import { viewNetworks } from './neighbourhood.service.networks';
import {
  AreaComparison,
  AreaRank,
  AreaRanking,
  CoverageCell,
  CoverageComparisonRow,
  CoverageGap,
  CoverageMatrix,
  CoverageRow,
  Freshness,
  IndicatorComparisonRow,
  KeyFigureComparison,
  NeedAssessment,
  NeedGapGroup,
  NeighbourhoodReferralFlow,
  NeighbourhoodView,
  NetworkCoverage,
  SectorGroup,
  ServingLocation,
  ServingOrganisation,
  ServingService,
  ThresholdsNode,
} from './neighbourhood.types';

/**
 * The neighbourhood view (docs/neighbourhood-view.md): public map data for everyone; key persons for logged-in
 * users and referral aggregates for admins and municipality users, by field-level rules.
 */
@PublicMap()
@Resolver(() => NeighbourhoodView)
export class NeighbourhoodViewResolver {
  @Query(() => NeighbourhoodView, {
    description:
      'How an area is covered: key figures against its parent and municipality, organisations, services and locations by sector, networks with team norm checks, the coverage matrix, gaps ranked by need, freshness.',
  })
  neighbourhoodView(@Args() { area, year }: NeighbourhoodViewArgs, @Ctx() ctx: RequestContext) {
    return openView(ctx, area, year ?? null);
  }

  @Query(() => AreaComparison, { description: 'The same figures and coverage for several areas side by side.' })
  compareAreas(@Args() { areas, year }: CompareAreasArgs, @Ctx() ctx: RequestContext) {
    return compareAreas(ctx, areas, year ?? null);
  }

  @Query(() => AreaRanking, { description: 'The neighbourhoods (or districts) of a municipality ranked by an indicator or by their gaps.' })
  rankAreas(@Args() args: RankAreasArgs, @Ctx() ctx: RequestContext) {
    return rankAreas(ctx, args);
  }

  @FieldResolver(() => Area)
  area(@Root() view: NeighbourhoodView) {
    return view.area;
  }

  @FieldResolver(() => Area, { nullable: true, description: 'The area it lies in.' })
  parentArea(@Root() view: NeighbourhoodView) {
    return view.parent;
  }

  @FieldResolver(() => Area, { nullable: true, description: 'The municipality it lies in (itself for a municipality).' })
  municipality(@Root() view: NeighbourhoodView) {
    return view.municipality;
  }

  @FieldResolver(() => [KeyFigureComparison], { description: 'Key figures of the requested or latest year, beside the parent area, the municipality and the previous year.' })
  keyFigures(@Root() view: NeighbourhoodView, @Ctx() ctx: RequestContext) {
    return viewKeyFigures(ctx, view);
  }

  @FieldResolver(() => [SectorGroup], { description: 'Organisations, active services and locations serving the area (directly, through an area above or below it), by sector.' })
  bySector(@Root() view: NeighbourhoodView, @Ctx() ctx: RequestContext) {
    return viewBySector(ctx, view);
  }

  @FieldResolver(() => [NetworkCoverage], { description: 'Active networks covering the area, switch teams first, with members and team norm checks.' })
  async networks(@Root() view: NeighbourhoodView, @Ctx() ctx: RequestContext) {
    return (await viewNetworks(ctx, view)).coverage;
  }

  @FieldResolver(() => CoverageMatrix, { description: 'Target groups × the ten basic functions (§6.1): active services serving the area.' })
  async coverage(@Root() view: NeighbourhoodView, @Ctx() ctx: RequestContext) {
    return (await viewCoverage(ctx, view)).matrix;
  }

  @FieldResolver(() => [CoverageGap], { description: 'Empty or thin cells, ranked by need (need indicator above the municipality first), with the reason in words.' })
  async gaps(
    @Root() view: NeighbourhoodView,
    @Ctx() ctx: RequestContext,
    @Arg('needAboveMunicipalityOnly', () => Boolean, { nullable: true, description: "Only gaps of target groups whose need indicator is above the municipality's." })
    needAboveMunicipalityOnly?: boolean | null,
    @Arg('first', () => Int, { nullable: true, description: 'At most this many (1–1000).' }) first?: number | null,
  ) {
    if (first !== undefined && first !== null && (first < 1 || first > 1000)) throw new BadUserInputError('first', 'first must be 1–1000');
    const gaps = (await viewGaps(ctx, view)).filter((gap) => !needAboveMunicipalityOnly || gap.need.status === 'ABOVE_MUNICIPALITY');
    return first ? gaps.slice(0, first) : gaps;
  }

  @FieldResolver(() => [NeedGapGroup], {
    description:
      'The gaps grouped under one need statement per need indicator (the statement written once, each gap under it naming the target group or basic function not covered), ranked: need above the municipality first, by how far above times the target groups uncovered. The gaps, read group after group, are `gaps` in its order.',
  })
  async gapGroups(
    @Root() view: NeighbourhoodView,
    @Ctx() ctx: RequestContext,
    @Arg('needAboveMunicipalityOnly', () => Boolean, { nullable: true, description: "Only the statements whose need is above the municipality's." })
    needAboveMunicipalityOnly?: boolean | null,
    @Arg('first', () => Int, { nullable: true, description: 'At most this many statements (1–1000).' }) first?: number | null,
  ) {
    if (first !== undefined && first !== null && (first < 1 || first > 1000)) throw new BadUserInputError('first', 'first must be 1–1000');
    const groups = (await viewGapGroups(ctx, view)).filter((group) => !needAboveMunicipalityOnly || group.need.status === 'ABOVE_MUNICIPALITY');
    return first ? groups.slice(0, first) : groups;
  }

  @FieldResolver(() => Freshness, { description: 'Share of the organisations, services and locations serving the area verified in the last STALE_AFTER_MONTHS months.' })
  freshness(@Root() view: NeighbourhoodView, @Ctx() ctx: RequestContext) {
    return viewFreshness(ctx, view);
  }

  @FieldResolver(() => ThresholdsNode, { description: 'The thresholds the rules applied.' })
  thresholds(@Ctx() ctx: RequestContext) {
    return thresholdsNode(ctx);
  }

  @LoggedIn()
  @FieldResolver(() => [KeyPerson], { nullable: true, description: 'Key persons of the area and the areas above and below it. Logged-in users only (others get an error on this field alone).' })
  keyPersons(@Root() view: NeighbourhoodView, @Ctx() ctx: RequestContext) {
    return viewKeyPersons(ctx, view);
  }

  @Allow(Rule.ADMIN, Rule.MUNICIPALITY)
  @FieldResolver(() => NeighbourhoodReferralFlow, {
    nullable: true,
    description: 'Referral flow in aggregate, small counts suppressed. Admins and municipality users (their areas); others get an error on this field alone.',
  })
  referralFlow(@Root() view: NeighbourhoodView, @Ctx() ctx: RequestContext) {
    return viewReferralFlow(ctx, view);
  }
}

@PublicMap()
@Resolver(() => KeyFigureComparison)
export class KeyFigureComparisonResolver {
  @FieldResolver(() => Indicator, { nullable: true })
  indicator(@Root() figure: KeyFigureComparison, @Ctx() ctx: RequestContext) {
    return ctx.loaders.indicatorById.load(figure.indicatorId);
  }

  @FieldResolver(() => [Area], { description: 'The areas a derived value was computed from; empty for a stored figure.' })
  derivedFrom(@Root() figure: KeyFigureComparison, @Ctx() ctx: RequestContext) {
    return loadAll(ctx.loaders.areaById, figure.derivedFromIds);
  }

  @FieldResolver(() => Float, { nullable: true, description: "The Netherlands' value the same year (CBS's NL00 row, kept by the CBS import); null when none was imported." })
  countryValue(@Root() figure: KeyFigureComparison, @Ctx() ctx: RequestContext) {
    return countryValueOf(ctx, figure);
  }

  @FieldResolver(() => Float, { nullable: true, description: 'value − countryValue.' })
  differenceFromCountry(@Root() figure: KeyFigureComparison, @Ctx() ctx: RequestContext) {
    return differenceFromCountryOf(ctx, figure);
  }
}

@PublicMap()
@Resolver(() => ServingOrganisation)
export class ServingOrganisationResolver {
  @FieldResolver(() => Organisation, { nullable: true })
  organisation(@Root() row: ServingOrganisation, @Ctx() ctx: RequestContext) {
    return ctx.loaders.organisationById.load(row.organisationId);
  }
}

@PublicMap()
@Resolver(() => ServingService)
export class ServingServiceResolver {
  @FieldResolver(() => Service, { nullable: true })
  service(@Root() row: ServingService, @Ctx() ctx: RequestContext) {
    return ctx.loaders.serviceById.load(row.serviceId);
  }
}

@PublicMap()
@Resolver(() => ServingLocation)
export class ServingLocationResolver {
  @FieldResolver(() => Location, { nullable: true })
  location(@Root() row: ServingLocation, @Ctx() ctx: RequestContext) {
    return ctx.loaders.locationById.load(row.locationId);
  }
}

@PublicMap()
@Resolver(() => NetworkCoverage)
export class NetworkCoverageResolver {
  @FieldResolver(() => Network, { nullable: true })
  network(@Root() coverage: NetworkCoverage, @Ctx() ctx: RequestContext) {
    return ctx.loaders.networkById.load(coverage.networkId);
  }

  @FieldResolver(() => [NetworkMember], { description: 'Current members (joined, not left).' })
  async members(@Root() coverage: NetworkCoverage, @Ctx() ctx: RequestContext) {
    const ids = new Set(coverage.memberIds);
    return (await ctx.loaders.membersByNetwork.load(coverage.networkId)).filter((member) => ids.has(member.id));
  }

  @FieldResolver(() => [NetworkMember], { description: 'The members the norms count: current and not in the shell (tier SHELL); empty when the norms do not apply.' })
  async teamMembers(@Root() coverage: NetworkCoverage, @Ctx() ctx: RequestContext) {
    const ids = new Set(coverage.teamMemberIds);
    return (await ctx.loaders.membersByNetwork.load(coverage.networkId)).filter((member) => ids.has(member.id));
  }
}

@PublicMap()
@Resolver(() => CoverageMatrix)
export class CoverageMatrixResolver {
  @FieldResolver(() => [BasicFunction], { description: 'The columns: the ten basic functions of a switch team (§6.1), by number.' })
  basicFunctions(@Root() matrix: CoverageMatrix, @Ctx() ctx: RequestContext) {
    return loadAll(ctx.loaders.basicFunctionById, matrix.basicFunctionIds);
  }
}

@PublicMap()
@Resolver(() => CoverageRow)
export class CoverageRowResolver {
  @FieldResolver(() => TargetGroup, { nullable: true })
  targetGroup(@Root() row: CoverageRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.targetGroupById.load(row.targetGroupId);
  }

  @FieldResolver(() => [Network], { description: 'Networks covering the area that name this target group.' })
  networks(@Root() row: CoverageRow, @Ctx() ctx: RequestContext) {
    return coverageRowNetworks(ctx, row);
  }
}

@PublicMap()
@Resolver(() => CoverageCell)
export class CoverageCellResolver {
  @FieldResolver(() => BasicFunction, { nullable: true, description: 'null for the total and unclassified cells.' })
  basicFunction(@Root() cell: CoverageCell, @Ctx() ctx: RequestContext) {
    return cell.basicFunctionId ? ctx.loaders.basicFunctionById.load(cell.basicFunctionId) : null;
  }

  @FieldResolver(() => [Service], { description: 'The active services in the cell.' })
  services(@Root() cell: CoverageCell, @Ctx() ctx: RequestContext) {
    return loadAll(ctx.loaders.serviceById, cell.serviceIds);
  }
}

@PublicMap()
@Resolver(() => CoverageGap)
export class CoverageGapResolver {
  @FieldResolver(() => TargetGroup, { nullable: true })
  targetGroup(@Root() gap: CoverageGap, @Ctx() ctx: RequestContext) {
    return ctx.loaders.targetGroupById.load(gap.targetGroupId);
  }

  @FieldResolver(() => BasicFunction, { nullable: true, description: 'null when the whole target group is the gap.' })
  basicFunction(@Root() gap: CoverageGap, @Ctx() ctx: RequestContext) {
    return gap.basicFunctionId ? ctx.loaders.basicFunctionById.load(gap.basicFunctionId) : null;
  }
}

@PublicMap()
@Resolver(() => NeedAssessment)
export class NeedAssessmentResolver {
  @FieldResolver(() => Indicator, { nullable: true, description: "The target group's need indicator." })
  indicator(@Root() need: NeedAssessment, @Ctx() ctx: RequestContext) {
    return need.indicatorId ? ctx.loaders.indicatorById.load(need.indicatorId) : null;
  }
}

@PublicMap()
@Resolver(() => AreaComparison)
export class AreaComparisonResolver {
  @FieldResolver(() => [Area], { description: 'The areas, in the order asked.' })
  areas(@Root() comparison: AreaComparison) {
    return comparison.views.map((view) => view.area);
  }

  @FieldResolver(() => [IndicatorComparisonRow], { description: 'Every indicator any of the areas has, the values side by side.' })
  indicators(@Root() comparison: AreaComparison, @Ctx() ctx: RequestContext) {
    return comparisonIndicators(ctx, comparison);
  }

  @FieldResolver(() => [CoverageComparisonRow], { description: 'Active services per target group, side by side.' })
  coverage(@Root() comparison: AreaComparison, @Ctx() ctx: RequestContext) {
    return comparisonCoverage(ctx, comparison);
  }
}

@PublicMap()
@Resolver(() => IndicatorComparisonRow)
export class IndicatorComparisonRowResolver {
  @FieldResolver(() => Indicator, { nullable: true })
  indicator(@Root() row: IndicatorComparisonRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.indicatorById.load(row.indicatorId);
  }
}

@PublicMap()
@Resolver(() => CoverageComparisonRow)
export class CoverageComparisonRowResolver {
  @FieldResolver(() => TargetGroup, { nullable: true })
  targetGroup(@Root() row: CoverageComparisonRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.targetGroupById.load(row.targetGroupId);
  }
}

@PublicMap()
@Resolver(() => AreaRanking)
export class AreaRankingResolver {
  @FieldResolver(() => Area, { nullable: true })
  municipality(@Root() ranking: AreaRanking, @Ctx() ctx: RequestContext) {
    return ctx.loaders.areaById.load(ranking.municipalityId);
  }

  @FieldResolver(() => Indicator, { nullable: true })
  indicator(@Root() ranking: AreaRanking, @Ctx() ctx: RequestContext) {
    return ranking.indicatorId ? ctx.loaders.indicatorById.load(ranking.indicatorId) : null;
  }

  @FieldResolver(() => TargetGroup, { nullable: true })
  targetGroup(@Root() ranking: AreaRanking, @Ctx() ctx: RequestContext) {
    return ranking.targetGroupId ? ctx.loaders.targetGroupById.load(ranking.targetGroupId) : null;
  }
}

@PublicMap()
@Resolver(() => AreaRank)
export class AreaRankResolver {
  @FieldResolver(() => Area, { nullable: true })
  area(@Root() rank: AreaRank, @Ctx() ctx: RequestContext) {
    return ctx.loaders.areaById.load(rank.areaId);
  }
}

/** Every resolver class of the neighbourhood view, for the schema. */
export const neighbourhoodResolvers = [
  NeighbourhoodViewResolver,
  KeyFigureComparisonResolver,
  ServingOrganisationResolver,
  ServingServiceResolver,
  ServingLocationResolver,
  NetworkCoverageResolver,
  CoverageMatrixResolver,
  CoverageRowResolver,
  CoverageCellResolver,
  CoverageGapResolver,
  NeedAssessmentResolver,
  AreaComparisonResolver,
  IndicatorComparisonRowResolver,
  CoverageComparisonRowResolver,
  AreaRankingResolver,
  AreaRankResolver,
] as const;
