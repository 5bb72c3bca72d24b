import { type NeighbourhoodThresholds, neighbourhoodThresholdsFromEnv } from '../../config';
import { loadAll } from '../../common/loaders';
import type { RequestContext } from '../../context';
import { Area, AreaLevel } from '../area/area.entity';
import { resolveAreaArgument } from '../area';
import { inMunicipalityScope, municipalityAreaIds } from '../../auth/municipality-scope';
import { isAdmin } from '../../auth/policy';
import type { KeyPerson } from '../key-person/key-person.entity';
import { Sector } from '../organisation/organisation.entity';
import { referralStatistics } from '../referral';
import type { ServingRow, ServingServiceRow } from './neighbourhood.loaders';
import { type AreaFigures, type FigureComparison, compareFigure, countryValueFor, indicatorsOf } from './neighbourhood.rules.figures';
import { freshness } from './neighbourhood.rules.freshness';
import { round } from './neighbourhood.rules';
import {
  Freshness,
  FreshnessCount,
  KeyFigureComparison,
  NeighbourhoodReferralFlow,
  NeighbourhoodView,
  SectorGroup,
  ServingLocation,
  ServingOrganisation,
  ServingService,
  ThresholdsNode,
} from './neighbourhood.types';

/**
 * The neighbourhood view (docs/neighbourhood-view.md): opening views, and the parts drawn from
 * the loaders alone — key figures, who serves the area, freshness, key persons, referral flow.
 * The parts that combine these have their own files: the networks and team norms
 * (neighbourhood.service.networks.ts), the coverage matrix and its gaps
 * (neighbourhood.service.coverage.ts), comparing and ranking areas
 * (neighbourhood.service.comparison.ts). The rules they apply are in neighbourhood.rules.ts.
 */

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

export function indicatorOrder(a: { code: string }, b: { code: string }): number {
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

export function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

export async function loadMany<K, V>(loader: { loadMany(keys: readonly K[]): Promise<Array<V | Error>> }, keys: readonly K[]): Promise<V[]> {
  const values = await loader.loadMany(keys);
  for (const value of values) if (value instanceof Error) throw value;
  return values as V[];
}

/**
 * Computes a part for every view opened together (a comparison or a ranking opens them as one
 * group) in one pass of set-based loads, once: each step is one statement for all the views,
 * whatever their number, and a second field asking for the part gets the same promise.
 */
export function groupPart<T>(view: NeighbourhoodView, name: string, compute: (views: NeighbourhoodView[]) => Promise<T[]>): Promise<T> {
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

export interface ViewFigures {
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

export function viewFigures(ctx: RequestContext, view: NeighbourhoodView): Promise<ViewFigures> {
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

/**
 * The country's value beside a key figure (CBS's NL00 row), or null: through the per-request
 * loader, so every figure of every view asking for it is one statement, and only when asked.
 */
export async function countryValueOf(ctx: RequestContext, figure: KeyFigureComparison): Promise<number | null> {
  return countryValueFor(await ctx.loaders.countryKeyFiguresByIndicator.load(figure.indicatorId), figure.year, figure.source);
}

/** value − the country's value, or null without one. */
export async function differenceFromCountryOf(ctx: RequestContext, figure: KeyFigureComparison): Promise<number | null> {
  const country = await countryValueOf(ctx, figure);
  return country === null ? null : round(figure.value - country);
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
  const admin = isAdmin(ctx);
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
