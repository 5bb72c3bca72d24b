import type { NeighbourhoodDashboardQuery } from '../../gql/graphql';

type View = NeighbourhoodDashboardQuery['neighbourhoodView'];
type Figure = View['keyFigures'][number];

/** The key figure that counts the people living in an area. */
export const POPULATION = 'population';

/**
 * The key figures that differ most from the municipality: comparable units only (not counts),
 * by the relative difference |value − municipality| / |municipality|, largest first.
 */
export function headlineFigures(figures: readonly Figure[], count: number): Figure[] {
  return figures
    .filter((f) => f.indicator && f.indicator.unit !== 'COUNT' && f.municipalityValue !== null && f.municipalityValue !== 0 && f.differenceFromMunicipality !== null)
    .map((f) => ({ f, relative: Math.abs(f.differenceFromMunicipality! / f.municipalityValue!) }))
    .sort((a, b) => b.relative - a.relative || a.f.indicatorCode.localeCompare(b.f.indicatorCode))
    .slice(0, count)
    .map(({ f }) => f);
}

export interface Summary {
  population: { value: number; year: number | null } | null;
  rows: number;
  coveredRows: number;
  /** coveredRows / rows (null without target groups). */
  coveredShare: number | null;
  gaps: number;
  gapsAboveNeed: number;
  teams: { total: number; pass: number; fail: number; unknown: number };
}

/** The headline numbers of the summary, from the view the page already has. */
export function summaryOf(view: View): Summary {
  const population = view.keyFigures.find((f) => f.indicatorCode === POPULATION);
  // Target groups of the matrix (the row of services without a target group is not one).
  const rows = view.coverage.rows.filter((row) => row.targetGroup);
  const coveredRows = rows.filter((row) => row.total.status === 'COVERED').length;
  const teams = view.networks.filter((n) => n.normsApply);
  return {
    population: population ? { value: population.value, year: population.year ?? null } : null,
    rows: rows.length,
    coveredRows,
    coveredShare: rows.length === 0 ? null : coveredRows / rows.length,
    gaps: view.allGaps.length,
    gapsAboveNeed: view.allGaps.filter((gap) => gap.need.status === 'ABOVE_MUNICIPALITY').length,
    teams: {
      total: teams.length,
      pass: teams.filter((n) => n.overall === 'PASS').length,
      fail: teams.filter((n) => n.overall === 'FAIL').length,
      unknown: teams.filter((n) => n.overall !== 'PASS' && n.overall !== 'FAIL').length,
    },
  };
}
