import { BadUserInputError } from '../../common/errors';
import { loadAll } from '../../common/loaders';
import type { RequestContext } from '../../context';
import { AreaLevel } from '../area/area.entity';
import { areaReferenceKey, findAreasByReferences, resolveAreaArgument } from '../area';
import { type IndicatorRef, compareFigure } from './neighbourhood.rules.figures';
import { indicatorOrder, openViews, viewFigures, viewKeyFigures } from './neighbourhood.service';
import { viewCoverage, viewGaps } from './neighbourhood.service.coverage';
import {
  AreaComparison,
  AreaRank,
  AreaRanking,
  AreaRankingCriterion,
  CoverageComparisonRow,
  IndicatorComparisonRow,
} from './neighbourhood.types';

/**
 * Areas side by side (compareAreas: the book prints each neighbourhood beside the city, §3.1,
 * §4.1, §5.1) and ranked within a municipality by an indicator or by their gaps
 * (docs/neighbourhood-view.md). The views of a comparison or a ranking are opened as one group,
 * so each part is loaded once for all of them.
 */

/** At most this many areas side by side. */
export const MAX_COMPARED_AREAS = 20;

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
