import { round } from './neighbourhood.rules';

/**
 * Rule 1 of the neighbourhood view (neighbourhood.rules.ts): key figures. The book prints each
 * neighbourhood's figures beside the city's (§3.1, §4.1, §5.1); an area shows, per indicator,
 * the requested year or else its latest, beside its parent, its municipality and its own
 * previous year, with a value derived from its child areas only where the arithmetic is exact.
 */

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

/** A figure of the whole country (CBS's NL00 row). */
export interface CountryValue {
  year: number;
  value: number;
  source: string;
}

/**
 * The country's value beside an area's figure: the same year (a national figure of another year
 * is no comparison), from the figure's own source when the country has several; null when none.
 */
export function countryValueFor(country: readonly CountryValue[], year: number | null, source: string | null): number | null {
  if (year === null) return null;
  const sameYear = country.filter((c) => c.year === year);
  return (sameYear.find((c) => c.source === source) ?? sameYear[0])?.value ?? null;
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
