import { type NeighbourhoodThresholds, neighbourhoodThresholdsFromEnv } from '../../config';
import { BadUserInputError } from '../../common/errors';
import { loadAll } from '../../common/loaders';
import type { RequestContext } from '../../context';
import { Area, AreaLevel } from '../area/area.entity';
import { areaReferenceKey, findAreasByReferences, resolveAreaArgument } from '../area/area.service';
import { inMunicipalityScope, municipalityAreaIds } from '../../auth/municipality-scope';
import { UserRole } from '../user/user.entity';
import type { Indicator } from '../indicator/indicator.entity';
import type { BasicFunction } from '../intervention-type/basic-function.entity';
import type { TargetGroup } from '../target-group/target-group.entity';
import type { KeyPerson } from '../key-person/key-person.entity';
import type { NetworkMember } from '../network/network-member.entity';
import { isCurrentNetworkMember, membershipToday } from '../network/network-membership.rules';
import type { Network } from '../network/network.entity';
import { Sector } from '../organisation/organisation.entity';
import { referralStatistics } from '../referral/referral.statistics';
import type { ServingRelation, ServingRow, ServingServiceRow } from './neighbourhood.loaders';
import { type CoverageData, coverageMatrix } from './neighbourhood.rules.coverage';
import { type AreaFigures, type FigureComparison, type IndicatorRef, compareFigure, indicatorsOf, selectYear, valueOf } from './neighbourhood.rules.figures';
import { freshness } from './neighbourhood.rules.freshness';
import { type NeedData, assessNeed, findGaps, gapReason } from './neighbourhood.rules.gaps';
import { type TeamMemberFacts, assessTeam } from './neighbourhood.rules.team';
import {
  AreaComparison,
  AreaRank,
  AreaRanking,
  AreaRankingCriterion,
  CoverageCell,
  CoverageComparisonRow,
  CoverageGap,
  CoverageMatrix,
  CoverageRow,
  Freshness,
  FreshnessCount,
  IndicatorComparisonRow,
  KeyFigureComparison,
  NeedAssessment,
  NeighbourhoodReferralFlow,
  NeighbourhoodView,
  NetworkCoverage,
  SectorGroup,
  ServingLocation,
  ServingOrganisation,
  ServingService,
  TeamNormCheck,
  ThresholdsNode,
} from './neighbourhood.types';

/** At most this many areas side by side. */
export const MAX_COMPARED_AREAS = 20;

/**
 * The order the book's tables print their columns (§3.1, §4.1, §5.1); other indicators follow
 * by code.
 */
const TABLE_ORDER = [
  'population',
  'pct_age_0_to_19',
  'pct_age_20_to_64',
  'pct_age_65_plus',
  'pct_non_western_migrants',
  'dwellings',
  'pct_owner_occupied',
  'pct_rented',
  'unemployment_pct',
  'avg_disposable_income_per_household_eur',
  'social_quality_rating',
];

function indicatorOrder(a: { code: string }, b: { code: string }): number {
  const ia = TABLE_ORDER.indexOf(a.code);
  const ib = TABLE_ORDER.indexOf(b.code);
  if (ia >= 0 || ib >= 0) return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib);
  return a.code.localeCompare(b.code);
}

let thresholdsFromEnv: NeighbourhoodThresholds | undefined;

/** The thresholds in force: the app's config, or else the environment. */
export function thresholdsOf(ctx: RequestContext): NeighbourhoodThresholds {
  if (ctx.settings.neighbourhood) return ctx.settings.neighbourhood;
  thresholdsFromEnv ??= neighbourhoodThresholdsFromEnv();
  return thresholdsFromEnv;
}

export function thresholdsNode(ctx: RequestContext): ThresholdsNode {
  return Object.assign(new ThresholdsNode(), thresholdsOf(ctx), { freshnessMonths: ctx.settings.staleAfterMonths });
}

function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

async function loadMany<K, V>(loader: { loadMany(keys: readonly K[]): Promise<Array<V | Error>> }, keys: readonly K[]): Promise<V[]> {
  const values = await loader.loadMany(keys);
  for (const value of values) if (value instanceof Error) throw value;
  return values as V[];
}

/**
 * Computes a part for every view opened together (a comparison or a ranking opens them as one
 * group) in one pass of set-based loads, once: each step is one statement for all the views,
 * whatever their number, and a second field asking for the part gets the same promise.
 */
function groupPart<T>(view: NeighbourhoodView, name: string, compute: (views: NeighbourhoodView[]) => Promise<T[]>): Promise<T> {
  let promise = view.memo.get(name) as Promise<T> | undefined;
  if (!promise) {
    const all = compute(view.group);
    view.group.forEach((member, i) => {
      const mine = all.then((results) => results[i]);
      // A failure surfaces where the part is awaited; views of the group that never ask stay quiet.
      mine.catch(() => undefined);
      member.memo.set(name, mine);
    });
    promise = view.memo.get(name) as Promise<T>;
  }
  return promise;
}

// ---------------------------------------------------------------------------------------------
// Opening views

/** Views of several areas at once: their parents and municipalities in one batch. */
export async function openViews(ctx: RequestContext, areas: Area[], year: number | null): Promise<NeighbourhoodView[]> {
  const ancestorLists = await loadMany(ctx.loaders.areaAncestorIds, areas.map((area) => area.id));
  const ancestors = new Map((await loadAll(ctx.loaders.areaById, unique(ancestorLists.flat()))).map((area) => [area.id, area]));
  const views = areas.map((area, i) => {
    const above = ancestorLists[i].map((id) => ancestors.get(id)).filter((a): a is Area => a !== undefined);
    const view = new NeighbourhoodView();
    view.area = area;
    view.parent = above[0] ?? null;
    view.municipality = area.level === AreaLevel.MUNICIPALITY ? area : (above.find((a) => a.level === AreaLevel.MUNICIPALITY) ?? null);
    view.year = year;
    view.memo = new Map();
    return view;
  });
  for (const view of views) view.group = views;
  return views;
}

export async function openView(ctx: RequestContext, reference: string, year: number | null): Promise<NeighbourhoodView> {
  const area = await resolveAreaArgument(ctx, reference, 'area');
  ctx.loaders.areaById.prime(area.id, area);
  return (await openViews(ctx, [area], year))[0];
}

// ---------------------------------------------------------------------------------------------
// Key figures

interface ViewFigures {
  area: AreaFigures;
  parent?: AreaFigures;
  municipality?: AreaFigures;
}

/** The figures of each view's area, parent and municipality: one statement for all views. */
async function figuresOfViews(ctx: RequestContext, views: NeighbourhoodView[]): Promise<ViewFigures[]> {
  const ids = unique(views.flatMap((view) => [view.area.id, view.parent?.id, view.municipality?.id]).filter((id): id is string => !!id));
  const figures = new Map((await loadMany(ctx.loaders.figuresOfAreaAndChildren, ids)).map((f) => [f.areaId, f]));
  return views.map((view) => ({
    area: figures.get(view.area.id)!,
    parent: view.parent ? figures.get(view.parent.id) : undefined,
    municipality: view.municipality ? figures.get(view.municipality.id) : undefined,
  }));
}

function viewFigures(ctx: RequestContext, view: NeighbourhoodView): Promise<ViewFigures> {
  return groupPart(view, 'figures', (views) => figuresOfViews(ctx, views));
}

function toComparison(comparison: FigureComparison): KeyFigureComparison {
  return Object.assign(new KeyFigureComparison(), {
    indicatorId: comparison.indicator.id,
    indicatorCode: comparison.indicator.code,
    year: comparison.year,
    value: comparison.current.value,
    source: comparison.current.source,
    note: comparison.current.note,
    derived: comparison.current.derivedFrom.length > 0,
    derivedFromIds: comparison.current.derivedFrom,
    parentValue: comparison.parent?.value ?? null,
    parentDerived: comparison.parent ? comparison.parent.derivedFrom.length > 0 : null,
    differenceFromParent: comparison.differenceFromParent,
    municipalityValue: comparison.municipality?.value ?? null,
    municipalityDerived: comparison.municipality ? comparison.municipality.derivedFrom.length > 0 : null,
    differenceFromMunicipality: comparison.differenceFromMunicipality,
    previousYear: comparison.previous?.year ?? null,
    previousValue: comparison.previous?.value ?? null,
    changeFromPreviousYear: comparison.changeFromPrevious,
  });
}

/** Every indicator the area has (or can derive), in the book's table order. */
export async function viewKeyFigures(ctx: RequestContext, view: NeighbourhoodView): Promise<KeyFigureComparison[]> {
  return groupPart(view, 'keyFigures', async (views) => (await Promise.all(views.map((v) => viewFigures(ctx, v)))).map((figures, i) => keyFiguresOf(views[i], figures)));
}

function keyFiguresOf(view: NeighbourhoodView, figures: ViewFigures): KeyFigureComparison[] {
  return indicatorsOf(figures.area)
    .sort(indicatorOrder)
    .map((indicator) => compareFigure(indicator, view.year, figures.area, figures.parent, figures.municipality))
    .filter((comparison): comparison is FigureComparison => comparison !== null)
    .map(toComparison);
}

// ---------------------------------------------------------------------------------------------
// Organisations, services, locations

interface Serving {
  organisations: ServingRow[];
  services: ServingServiceRow[];
  locations: ServingRow[];
}

/** Each list is its own part: the coverage (and so a comparison) needs the services alone. */
function servingPart<T>(view: NeighbourhoodView, name: string, loader: { loadMany(keys: readonly string[]): Promise<Array<T | Error>> }): Promise<T> {
  return groupPart(view, name, (views) => loadMany(loader, views.map((v) => v.area.id)));
}

export function viewServingServices(ctx: RequestContext, view: NeighbourhoodView): Promise<ServingServiceRow[]> {
  return servingPart(view, 'servingServices', ctx.loaders.servicesServingArea);
}

export async function viewServing(ctx: RequestContext, view: NeighbourhoodView): Promise<Serving> {
  const [organisations, services, locations] = await Promise.all([
    servingPart(view, 'servingOrganisations', ctx.loaders.organisationsServingArea),
    viewServingServices(ctx, view),
    servingPart(view, 'servingLocations', ctx.loaders.locationsServingArea),
  ]);
  return { organisations, services, locations };
}

const SECTOR_ORDER = Object.values(Sector) as string[];

/** Grouped by the organisation's sector (services: the provider's; locations: the operator's); no organisation last. */
export async function viewBySector(ctx: RequestContext, view: NeighbourhoodView): Promise<SectorGroup[]> {
  const serving = await viewServing(ctx, view);
  const groups = new Map<string | null, SectorGroup>();
  const group = (sector: string | null) => {
    let found = groups.get(sector);
    if (!found) {
      found = Object.assign(new SectorGroup(), { sector: sector as Sector | null, organisations: [], services: [], locations: [] });
      groups.set(sector, found);
    }
    return found;
  };
  for (const row of serving.organisations) group(row.sector).organisations.push(Object.assign(new ServingOrganisation(), { organisationId: row.id, relation: row.relation }));
  for (const row of serving.services) group(row.sector).services.push(Object.assign(new ServingService(), { serviceId: row.id, relation: row.relation }));
  for (const row of serving.locations) group(row.sector).locations.push(Object.assign(new ServingLocation(), { locationId: row.id, relation: row.relation }));
  const rank = (sector: string | null) => (sector === null ? Infinity : SECTOR_ORDER.indexOf(sector));
  return [...groups.values()].sort((a, b) => rank(a.sector) - rank(b.sector));
}

export async function viewFreshness(ctx: RequestContext, view: NeighbourhoodView): Promise<Freshness> {
  const serving = await viewServing(ctx, view);
  const months = ctx.settings.staleAfterMonths;
  const since = new Date();
  since.setMonth(since.getMonth() - months);
  const count = (rows: ServingRow[]) => Object.assign(new FreshnessCount(), freshness(rows.map((row) => row.lastVerifiedAt), since));
  return Object.assign(new Freshness(), {
    months,
    since,
    total: count([...serving.organisations, ...serving.services, ...serving.locations]),
    organisations: count(serving.organisations),
    services: count(serving.services),
    locations: count(serving.locations),
  });
}

// ---------------------------------------------------------------------------------------------
// Networks and team norms

const POPULATION = 'population';

/**
 * Inhabitants of a network's areas: the sum of their populations (own or derived figures),
 * leaving out areas that lie inside another of its areas. Null when one of them has none.
 */
async function populationsOf(ctx: RequestContext, areaIdsByNetwork: Map<string, string[]>, year: number | null): Promise<Map<string, { population: number | null; year: number | null }>> {
  const areaIds = unique([...areaIdsByNetwork.values()].flat());
  const [figureList, ancestorLists] = await Promise.all([
    loadMany(ctx.loaders.figuresOfAreaAndChildren, areaIds),
    loadMany(ctx.loaders.areaAncestorIds, areaIds),
  ]);
  const figures = new Map(figureList.map((f) => [f.areaId, f]));
  const ancestors = new Map(areaIds.map((id, i) => [id, ancestorLists[i]]));
  const result = new Map<string, { population: number | null; year: number | null }>();
  for (const [networkId, ids] of areaIdsByNetwork) {
    const outermost = ids.filter((id) => !ancestors.get(id)!.some((ancestor) => ids.includes(ancestor)));
    let population: number | null = outermost.length > 0 ? 0 : null;
    let latest: number | null = null;
    for (const id of outermost) {
      const areaFigures = figures.get(id);
      const row = areaFigures?.rows.find((r) => r.code === POPULATION);
      const indicator: IndicatorRef | null = row ? { id: row.indicatorId, code: POPULATION, unit: row.unit } : null;
      const chosen = indicator ? selectYear(areaFigures, indicator, year) : undefined;
      const value = indicator && chosen !== undefined ? valueOf(areaFigures, indicator.id, POPULATION, chosen) : null;
      if (!value || population === null) {
        population = null;
        break;
      }
      population += value.value;
      if (value.year !== null && (latest === null || value.year > latest)) latest = value.year;
    }
    result.set(networkId, { population, year: population === null ? null : latest });
  }
  return result;
}

interface NetworksPart {
  coverage: NetworkCoverage[];
  networks: Network[];
}

function memberFacts(member: NetworkMember): TeamMemberFacts {
  return { id: member.id, tier: member.tier, fte: member.fte, knowledgeAreas: member.knowledgeAreas, joinedOn: member.joinedOn, leftOn: member.leftOn };
}

/** Networks covering the area, switch teams first, with the team norm checks where they apply. */
export function viewNetworks(ctx: RequestContext, view: NeighbourhoodView): Promise<NetworksPart> {
  return groupPart(view, 'networks', async (views) => {
    const thresholds = thresholdsOf(ctx);
    const coveringLists = await loadMany(ctx.loaders.networksCoveringArea, views.map((v) => v.area.id));
    const allNetworks = await loadAll(ctx.loaders.networkById, unique(coveringLists.flat().map((c) => c.id)));
    const byId = new Map(allNetworks.map((network) => [network.id, network]));
    const normed = allNetworks.filter((network) => thresholds.normNetworkKinds.includes(network.kind));
    const [memberLists, areaLists] = await Promise.all([
      loadMany(ctx.loaders.membersByNetwork, allNetworks.map((network) => network.id)),
      loadMany(ctx.loaders.areaIdsByNetwork, normed.map((network) => network.id)),
    ]);
    const members = new Map(allNetworks.map((network, i) => [network.id, memberLists[i]]));
    // Views opened together share their year.
    const populations = await populationsOf(ctx, new Map(normed.map((network, i) => [network.id, areaLists[i]])), views[0].year);
    const today = membershipToday();
    return coveringLists.map((covering) => networksOfView(covering, byId, members, populations, thresholds, today));
  });
}

function networksOfView(
  covering: Array<{ id: string; relation: ServingRelation }>,
  byId: Map<string, Network>,
  members: Map<string, NetworkMember[]>,
  populations: Map<string, { population: number | null; year: number | null }>,
  thresholds: NeighbourhoodThresholds,
  today: string,
): NetworksPart {
  const networks = covering.map((c) => byId.get(c.id)).filter((network): network is Network => network !== undefined);
  const coverage = covering
    .filter((c) => byId.has(c.id))
    .map((c) => {
      const network = byId.get(c.id)!;
      const list = members.get(network.id) ?? [];
      const current = list.filter((member) => isCurrentNetworkMember(member, today));
      const node = Object.assign(new NetworkCoverage(), {
        networkId: network.id,
        relation: c.relation,
        memberIds: current.map((member) => member.id),
        teamMemberIds: [] as string[],
        normsApply: thresholds.normNetworkKinds.includes(network.kind),
        population: null as number | null,
        populationYear: null as number | null,
        normChecks: [] as TeamNormCheck[],
        overall: null,
        knowledgeAreasPresent: [],
        knowledgeAreasMissing: [],
      });
      if (node.normsApply) {
        const population = populations.get(network.id) ?? { population: null, year: null };
        const assessment = assessTeam(
          { population: population.population, populationYear: population.year, members: list.map(memberFacts), teamKnowledge: network.knowledgeAreas },
          thresholds,
          today,
        );
        Object.assign(node, {
          population: population.population,
          populationYear: population.year,
          teamMemberIds: assessment.teamMemberIds,
          normChecks: assessment.checks.map((check) => Object.assign(new TeamNormCheck(), check)),
          overall: assessment.overall,
          knowledgeAreasPresent: assessment.knowledgePresent,
          knowledgeAreasMissing: assessment.knowledgeMissing,
        });
      }
      return node;
    });
  return { coverage, networks };
}

// ---------------------------------------------------------------------------------------------
// Coverage matrix and gaps

interface CoveragePart {
  matrix: CoverageMatrix;
  data: CoverageData;
  needs: Map<string, NeedData>;
  catalogue: Catalogue;
}

function cellNode(cell: { basicFunctionId: string | null; serviceIds: string[]; status: CoverageCell['status'] }): CoverageCell {
  return Object.assign(new CoverageCell(), { basicFunctionId: cell.basicFunctionId, count: cell.serviceIds.length, status: cell.status, serviceIds: cell.serviceIds });
}

function needNode(need: NeedData): NeedAssessment {
  return Object.assign(new NeedAssessment(), need);
}

/**
 * Target groups × basic functions, each row with the group's need. The networks naming a
 * target group and the gaps are separate parts (coverageRowNetworks, viewGaps): a comparison
 * or a matrix alone does not load the networks, their members and their populations.
 */
export function viewCoverage(ctx: RequestContext, view: NeighbourhoodView): Promise<CoveragePart> {
  return groupPart(view, 'coverage', async (views) => {
    const [serviceLists, targetGroups, basicFunctions, figureList] = await Promise.all([
      Promise.all(views.map((v) => viewServingServices(ctx, v))),
      ctx.loaders.currentTargetGroups.load('all'),
      ctx.loaders.basicFunctionsInOrder.load('all'),
      Promise.all(views.map((v) => viewFigures(ctx, v))),
    ]);
    for (const group of targetGroups) ctx.loaders.targetGroupById.prime(group.id, group);
    for (const fn of basicFunctions) ctx.loaders.basicFunctionById.prime(fn.id, fn);
    const needIndicatorIds = unique(targetGroups.map((group) => group.needIndicatorId).filter((id): id is string => !!id));
    const indicators = await loadAll(ctx.loaders.indicatorById, needIndicatorIds);
    const catalogue: Catalogue = {
      targetGroups,
      basicFunctions,
      indicatorById: new Map<string, Indicator>(indicators.map((indicator) => [indicator.id, indicator])),
    };
    return views.map((v, i) => coverageOf(ctx, v, serviceLists[i], figureList[i], catalogue));
  });
}

interface Catalogue {
  targetGroups: TargetGroup[];
  basicFunctions: BasicFunction[];
  indicatorById: Map<string, Indicator>;
}

function coverageOf(ctx: RequestContext, view: NeighbourhoodView, services: ServingServiceRow[], figures: ViewFigures, catalogue: Catalogue): CoveragePart {
  const thresholds = thresholdsOf(ctx);
  const { targetGroups, basicFunctions, indicatorById } = catalogue;

  const data = coverageMatrix(
    services,
    targetGroups.map((group) => group.id),
    basicFunctions.map((fn) => fn.id),
    thresholds.coverageThinBelow,
  );
  const needs = new Map<string, NeedData>();
  for (const group of targetGroups) {
    const indicator = group.needIndicatorId ? indicatorById.get(group.needIndicatorId) : undefined;
    const ref = indicator ? { id: indicator.id, code: indicator.code, unit: indicator.unit } : null;
    needs.set(group.id, assessNeed(ref, view.year, figures.area, figures.municipality, thresholds));
  }

  const matrix = Object.assign(new CoverageMatrix(), {
    basicFunctionIds: basicFunctions.map((fn) => fn.id),
    rows: data.rows.map((row) =>
      Object.assign(new CoverageRow(), {
        view,
        targetGroupId: row.targetGroupId,
        total: cellNode(row.total),
        cells: row.cells.map(cellNode),
        unclassified: cellNode(row.unclassified),
        need: needNode(needs.get(row.targetGroupId)!),
      }),
    ),
    serviceCount: services.length,
    withoutTargetGroup: cellNode({ basicFunctionId: null, serviceIds: data.withoutTargetGroup, status: data.withoutTargetGroup.length > 0 ? 'COVERED' : 'EMPTY' }),
    withoutBasicFunction: data.withoutBasicFunction.length,
    thinBelow: thresholds.coverageThinBelow,
  });
  return { matrix, data, needs, catalogue };
}

/** Per view: the networks covering the area (switch teams first) that name a target group. */
function viewNetworksByTargetGroup(ctx: RequestContext, view: NeighbourhoodView): Promise<(targetGroupId: string) => Network[]> {
  return groupPart(view, 'networksByTargetGroup', async (views) => {
    const parts = await Promise.all(views.map((v) => viewNetworks(ctx, v)));
    const networkIds = unique(parts.flatMap((part) => part.networks.map((network) => network.id)));
    const groupLists = await loadMany(ctx.loaders.targetGroupIdsByNetwork, networkIds);
    const groupsOf = new Map(networkIds.map((id, i) => [id, groupLists[i]]));
    return parts.map((part) => (targetGroupId: string) => part.networks.filter((network) => (groupsOf.get(network.id) ?? []).includes(targetGroupId)));
  });
}

/** Networks covering the row's area that name the row's target group. */
export async function coverageRowNetworks(ctx: RequestContext, row: CoverageRow): Promise<Network[]> {
  return (await viewNetworksByTargetGroup(ctx, row.view))(row.targetGroupId);
}

/**
 * Empty or thin cells, ranked, with their reasons in words (two languages, number formatting,
 * the networks that name the group): computed only for a query that asks for gaps.
 */
export function viewGaps(ctx: RequestContext, view: NeighbourhoodView): Promise<CoverageGap[]> {
  return groupPart(view, 'gaps', (views) =>
    Promise.all(
      views.map(async (v) => {
        const [coverage, networksOfGroup] = await Promise.all([viewCoverage(ctx, v), viewNetworksByTargetGroup(ctx, v)]);
        return gapsOf(v, coverage.data, coverage.needs, coverage.catalogue, networksOfGroup, thresholdsOf(ctx).coverageThinBelow);
      }),
    ),
  );
}

function gapsOf(
  view: NeighbourhoodView,
  data: CoverageData,
  needs: Map<string, NeedData>,
  catalogue: Catalogue,
  networksOfGroup: (groupId: string) => Network[],
  thinBelow: number,
): CoverageGap[] {
  const { targetGroups, basicFunctions, indicatorById } = catalogue;
  const groupById = new Map(targetGroups.map((group) => [group.id, group]));
  const fnById = new Map(basicFunctions.map((fn) => [fn.id, fn]));
  return findGaps(data, needs, {
    targetGroup: (id) => groupById.get(id)?.nameNl ?? '',
    basicFunction: (id) => fnById.get(id)?.number ?? 0,
  }).map((gap, i) => {
    const group = groupById.get(gap.targetGroupId)!;
    const fn = gap.basicFunctionId ? fnById.get(gap.basicFunctionId) : undefined;
    const indicator = group.needIndicatorId ? indicatorById.get(group.needIndicatorId) : undefined;
    const reason = gapReason(gap, {
      areaName: view.area.name,
      municipalityName: view.municipality?.name ?? null,
      targetGroup: { nl: group.nameNl, en: group.nameEn },
      basicFunction: fn ? { number: fn.number, nl: fn.nameNl, en: fn.nameEn } : null,
      indicator: indicator ? { nl: indicator.nameNl, en: indicator.nameEn, unit: indicator.unit } : null,
      thinBelow,
      networks: networksOfGroup(gap.targetGroupId).map((network) => network.name),
    });
    return Object.assign(new CoverageGap(), {
      rank: i + 1,
      targetGroupId: gap.targetGroupId,
      basicFunctionId: gap.basicFunctionId,
      level: gap.level,
      status: gap.status,
      serviceCount: gap.serviceCount,
      need: needNode(gap.need),
      reason: reason.en,
      reasonNl: reason.nl,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Key persons (logged-in users) and referral flow (admins, municipality users)

/** Current key persons of the area, the areas above and the areas below it, by name. */
export async function viewKeyPersons(ctx: RequestContext, view: NeighbourhoodView): Promise<KeyPerson[]> {
  const [ancestors, descendants] = await Promise.all([ctx.loaders.areaAncestorIds.load(view.area.id), ctx.loaders.areaDescendantIds.load(view.area.id)]);
  const idLists = await loadMany(ctx.loaders.keyPersonIdsByArea, [view.area.id, ...ancestors, ...descendants]);
  const persons = await loadAll(ctx.loaders.keyPersonById, unique(idLists.flat()));
  return persons.filter((person) => !person.archivedAt).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/**
 * The caller's referral statistics (referral.statistics.ts: their scope, suppression and all),
 * with the published area cells of this area and the areas below it. Nothing is recomputed
 * for the area alone: a count per area and status could be differenced against the caller's
 * total and reveal a small number.
 */
export async function viewReferralFlow(ctx: RequestContext, view: NeighbourhoodView): Promise<NeighbourhoodReferralFlow> {
  const flow = Object.assign(new NeighbourhoodReferralFlow(), { inScope: false, statistics: null, areaCounts: [] });
  const viewer = ctx.viewer;
  const ancestors = await ctx.loaders.areaAncestorIds.load(view.area.id);
  const admin = viewer.kind === 'user' && viewer.role === UserRole.ADMIN;
  const scope = municipalityAreaIds(viewer);
  const municipalityScope = scope !== null && inMunicipalityScope(scope, view.area.id, ancestors);
  if (!admin && !municipalityScope) return flow;
  const [statistics, descendants] = await Promise.all([referralStatistics(ctx), ctx.loaders.areaDescendantIds.load(view.area.id)]);
  const subtree = new Set([view.area.id, ...descendants]);
  return Object.assign(flow, {
    inScope: true,
    statistics,
    areaCounts: statistics.byArea.filter((cell) => cell.areaId !== null && subtree.has(cell.areaId)),
  });
}

// ---------------------------------------------------------------------------------------------
// Compare and rank

export async function compareAreas(ctx: RequestContext, references: string[], year: number | null): Promise<AreaComparison> {
  if (references.length === 0 || references.length > MAX_COMPARED_AREAS) {
    throw new BadUserInputError('areas', `Give 1 to ${MAX_COMPARED_AREAS} areas`);
  }
  const found = await findAreasByReferences(ctx.manager, references);
  const areas = references.map((reference, i) => {
    const key = areaReferenceKey(reference);
    const area = found.get(`${key.by}:${key.value}`);
    if (!area) throw new BadUserInputError(`areas.${i}`, `Unknown area "${reference}" (expected a CBS code, slug or id)`);
    ctx.loaders.areaById.prime(area.id, area);
    return area;
  });
  return Object.assign(new AreaComparison(), { year, views: await openViews(ctx, areas, year) });
}

/** One row per indicator any of the areas has, the values aligned with the views. */
export async function comparisonIndicators(ctx: RequestContext, comparison: AreaComparison): Promise<IndicatorComparisonRow[]> {
  const perView = await Promise.all(comparison.views.map((view) => viewKeyFigures(ctx, view)));
  const indicators = new Map<string, { id: string; code: string }>();
  for (const list of perView) for (const figure of list) indicators.set(figure.indicatorId, { id: figure.indicatorId, code: figure.indicatorCode });
  return [...indicators.values()].sort(indicatorOrder).map((indicator) =>
    Object.assign(new IndicatorComparisonRow(), {
      indicatorId: indicator.id,
      indicatorCode: indicator.code,
      values: perView.map((list) => list.find((figure) => figure.indicatorId === indicator.id) ?? null),
    }),
  );
}

/** One row per target group: service counts, statuses and needs aligned with the views. */
export async function comparisonCoverage(ctx: RequestContext, comparison: AreaComparison): Promise<CoverageComparisonRow[]> {
  const perView = await Promise.all(comparison.views.map((view) => viewCoverage(ctx, view)));
  if (perView.length === 0) return [];
  return perView[0].matrix.rows.map((row, r) =>
    Object.assign(new CoverageComparisonRow(), {
      targetGroupId: row.targetGroupId,
      serviceCounts: perView.map((coverage) => coverage.matrix.rows[r].total.count),
      statuses: perView.map((coverage) => coverage.matrix.rows[r].total.status),
      needs: perView.map((coverage) => coverage.matrix.rows[r].need),
    }),
  );
}

export interface RankAreasInput {
  municipality: string;
  by: AreaRankingCriterion;
  indicator?: string | null;
  targetGroup?: string | null;
  year?: number | null;
  level?: AreaLevel | null;
  ascending?: boolean | null;
}

/**
 * The areas of `level` (default: neighbourhoods) below `municipality`, ranked by an indicator
 * (own or derived value) or by their gaps; highest first unless `ascending`. Areas without a
 * value come last without a rank; equal values share a rank (1, 2, 2, 4).
 */
export async function rankAreas(ctx: RequestContext, input: RankAreasInput): Promise<AreaRanking> {
  const root = await resolveAreaArgument(ctx, input.municipality, 'municipality');
  const level = input.level ?? AreaLevel.NEIGHBOURHOOD;
  const year = input.year ?? null;
  const ascending = input.ascending ?? false;
  if (input.by === AreaRankingCriterion.INDICATOR && !input.indicator) throw new BadUserInputError('indicator', 'Ranking by INDICATOR needs an indicator code');
  if (input.by !== AreaRankingCriterion.INDICATOR && input.indicator) throw new BadUserInputError('indicator', 'An indicator is only used when ranking by INDICATOR');

  const descendantIds = await ctx.loaders.areaDescendantIds.load(root.id);
  const areas = (await loadAll(ctx.loaders.areaById, descendantIds)).filter((area) => area.level === level && !area.archivedAt);
  const views = await openViews(ctx, areas, year);

  let indicatorId: string | null = null;
  let targetGroupId: string | null = null;
  let items: AreaRank[];
  if (input.by === AreaRankingCriterion.INDICATOR) {
    const code = input.indicator!;
    const indicator = (await ctx.manager.query(`SELECT id, code, unit FROM indicator WHERE code = $1`, [code]))[0] as IndicatorRef | undefined;
    if (!indicator) throw new BadUserInputError('indicator', `Unknown indicator code "${code}"`);
    indicatorId = indicator.id;
    const figures = await Promise.all(views.map((view) => viewFigures(ctx, view)));
    items = views.map((view, i) => {
      const comparison = compareFigure(indicator, year, figures[i].area, undefined, figures[i].municipality);
      return Object.assign(new AreaRank(), {
        rank: null,
        areaId: view.area.id,
        value: comparison?.current.value ?? null,
        year: comparison?.year ?? null,
        derived: comparison ? comparison.current.derivedFrom.length > 0 : false,
        municipalityValue: comparison?.municipality?.value ?? null,
        gapCount: null,
        needGapCount: null,
        topGap: null,
      });
    });
  } else {
    if (input.targetGroup) {
      const groups = await ctx.loaders.currentTargetGroups.load('all');
      const group = groups.find((g) => g.code === input.targetGroup);
      if (!group) throw new BadUserInputError('targetGroup', `Unknown target group code "${input.targetGroup}"`);
      targetGroupId = group.id;
    }
    const gapLists = await Promise.all(views.map((view) => viewGaps(ctx, view)));
    items = views.map((view, i) => {
      const gaps = gapLists[i].filter((gap) => !targetGroupId || gap.targetGroupId === targetGroupId);
      const needGaps = gaps.filter((gap) => gap.need.status === 'ABOVE_MUNICIPALITY').length;
      return Object.assign(new AreaRank(), {
        rank: null,
        areaId: view.area.id,
        value: input.by === AreaRankingCriterion.GAPS ? gaps.length : needGaps,
        year,
        derived: false,
        municipalityValue: null,
        gapCount: gaps.length,
        needGapCount: needGaps,
        topGap: gaps[0] ?? null,
      });
    });
  }

  const names = new Map(areas.map((area) => [area.id, area.name]));
  items.sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === null ? (b.value === null ? 0 : 1) : -1;
    return (ascending ? a.value - b.value : b.value - a.value) || (names.get(a.areaId) ?? '').localeCompare(names.get(b.areaId) ?? '');
  });
  items.forEach((item, i) => {
    if (item.value === null) return;
    const previous = items[i - 1];
    item.rank = previous && previous.value === item.value && previous.rank !== null ? previous.rank : i + 1;
  });
  if (items.every((item) => item.value === null)) items.sort((a, b) => (names.get(a.areaId) ?? '').localeCompare(names.get(b.areaId) ?? ''));

  return Object.assign(new AreaRanking(), { municipalityId: root.id, by: input.by, indicatorId, targetGroupId, year, ascending, items });
}
