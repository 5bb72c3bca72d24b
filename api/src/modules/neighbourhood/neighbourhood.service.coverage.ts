import { loadAll } from '../../common/loaders';
import type { RequestContext } from '../../context';
import type { Indicator } from '../indicator/indicator.entity';
import type { BasicFunction } from '../intervention-type/basic-function.entity';
import type { Network } from '../network/network.entity';
import type { TargetGroup } from '../target-group/target-group.entity';
import { countsFor } from '../target-group';
import type { ServingServiceRow } from './neighbourhood.loaders';
import { type CoverageData, coverageMatrix } from './neighbourhood.rules.coverage';
import { type GapData, type NeedData, assessNeed, gapLine, gapReason, groupGaps, needStatement } from './neighbourhood.rules.gaps';
import { type ViewFigures, groupPart, loadMany, thresholdsOf, unique, viewFigures, viewServingServices } from './neighbourhood.service';
import { viewNetworks } from './neighbourhood.service.networks';
import { CoverageCell, CoverageGap, CoverageMatrix, CoverageRow, NeedAssessment, NeedGapGroup, type NeighbourhoodView } from './neighbourhood.types';

/**
 * The coverage matrix of an area, target groups × the ten basic functions (§6.1; §6.3 "Wat is
 * er nodig?"), each row with the group's need, and the gaps in it ranked by need (the rules in
 * neighbourhood.rules.coverage.ts and neighbourhood.rules.gaps.ts).
 */

export interface CoveragePart {
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
    const [serviceLists, targetGroups, reach, basicFunctions, figureList] = await Promise.all([
      Promise.all(views.map((v) => viewServingServices(ctx, v))),
      ctx.loaders.currentTargetGroups.load('all'),
      ctx.loaders.targetGroupReach.load('all'),
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
    // A service counts for every group its own groups reach: narrower ones, and what they count as.
    const counted = serviceLists.map((services) => services.map((service) => ({ ...service, targetGroupIds: countsFor(service.targetGroupIds, reach) })));
    return views.map((v, i) => coverageOf(ctx, v, counted[i], figureList[i], catalogue));
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

interface GapsPart {
  gaps: CoverageGap[];
  groups: NeedGapGroup[];
}

/**
 * Empty or thin cells grouped under their need statements, ranked, with their reasons in words
 * (two languages, number formatting, the networks that name the group): computed only for a
 * query that asks for gaps, once for both the flat list and the groups.
 */
function viewGapsPart(ctx: RequestContext, view: NeighbourhoodView): Promise<GapsPart> {
  return groupPart(view, 'gaps', (views) =>
    Promise.all(
      views.map(async (v) => {
        const [coverage, networksOfGroup] = await Promise.all([viewCoverage(ctx, v), viewNetworksByTargetGroup(ctx, v)]);
        return gapsOf(v, coverage.data, coverage.needs, coverage.catalogue, networksOfGroup, thresholdsOf(ctx).coverageThinBelow);
      }),
    ),
  );
}

/** The gaps ranked: the need statements' gaps one after the other, in the statements' rank. */
export async function viewGaps(ctx: RequestContext, view: NeighbourhoodView): Promise<CoverageGap[]> {
  return (await viewGapsPart(ctx, view)).gaps;
}

/** The gaps under one need statement per need indicator, ranked (neighbourhood.rules.gaps.ts, groupGaps). */
export async function viewGapGroups(ctx: RequestContext, view: NeighbourhoodView): Promise<NeedGapGroup[]> {
  return (await viewGapsPart(ctx, view)).groups;
}

function gapsOf(
  view: NeighbourhoodView,
  data: CoverageData,
  needs: Map<string, NeedData>,
  catalogue: Catalogue,
  networksOfGroup: (groupId: string) => Network[],
  thinBelow: number,
): GapsPart {
  const { targetGroups, basicFunctions, indicatorById } = catalogue;
  const groupById = new Map(targetGroups.map((group) => [group.id, group]));
  const fnById = new Map(basicFunctions.map((fn) => [fn.id, fn]));
  const indicatorWords = (id: string | null) => {
    const indicator = id ? indicatorById.get(id) : undefined;
    return indicator ? { nl: indicator.nameNl, en: indicator.nameEn, unit: indicator.unit } : null;
  };
  const groups = groupGaps(data, needs, {
    targetGroup: (id) => groupById.get(id)?.nameNl ?? '',
    basicFunction: (id) => fnById.get(id)?.number ?? 0,
    indicator: (id) => indicatorById.get(id)?.nameNl ?? '',
  });
  let rank = 0;
  const gapNode = (gap: GapData): CoverageGap => {
    const group = groupById.get(gap.targetGroupId)!;
    const fn = gap.basicFunctionId ? fnById.get(gap.basicFunctionId) : undefined;
    const words = {
      targetGroup: { nl: group.nameNl, en: group.nameEn },
      basicFunction: fn ? { number: fn.number, nl: fn.nameNl, en: fn.nameEn } : null,
      thinBelow,
      networks: networksOfGroup(gap.targetGroupId).map((network) => network.name),
    };
    const reason = gapReason(gap, { ...words, areaName: view.area.name, municipalityName: view.municipality?.name ?? null, indicator: indicatorWords(group.needIndicatorId) });
    const line = gapLine(gap, words);
    rank += 1;
    return Object.assign(new CoverageGap(), {
      rank,
      targetGroupId: gap.targetGroupId,
      basicFunctionId: gap.basicFunctionId,
      level: gap.level,
      status: gap.status,
      serviceCount: gap.serviceCount,
      need: needNode(gap.need),
      reason: reason.en,
      reasonNl: reason.nl,
      line: line.en,
      lineNl: line.nl,
    });
  };
  const groupNodes = groups.map((group, i) => {
    const statement = needStatement(group, { areaName: view.area.name, municipalityName: view.municipality?.name ?? null, indicator: indicatorWords(group.indicatorId) });
    return Object.assign(new NeedGapGroup(), {
      rank: i + 1,
      need: needNode(group.need),
      statement: statement.en,
      statementNl: statement.nl,
      targetGroupCount: group.targetGroupCount,
      uncoveredTargetGroups: group.uncoveredTargetGroups,
      score: group.score,
      gaps: group.gaps.map(gapNode),
    });
  });
  return { gaps: groupNodes.flatMap((group) => group.gaps), groups: groupNodes };
}
