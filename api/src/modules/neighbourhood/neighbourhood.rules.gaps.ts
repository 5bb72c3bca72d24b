import type { NeighbourhoodThresholds } from '../../config';
import { formatValue, round } from './neighbourhood.rules';
import type { CoverageData, CoverageStatus } from './neighbourhood.rules.coverage';
import { type AreaFigures, type IndicatorRef, compareFigure } from './neighbourhood.rules.figures';

/**
 * Rule 4 of the neighbourhood view (neighbourhood.rules.ts): a target group's need and the gaps
 * in its coverage, grouped under one need statement per need indicator and ranked by need
 * (§6.3: "een inschatting maken van specifieke behoeften in de wijk … mede gezien de
 * demografische samenstelling"; §9.7 Beleid 5), with the statement and each gap in words.
 */

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

export interface GapOrder {
  targetGroup: (id: string) => string;
  basicFunction: (id: string) => number;
  /** The need indicator's name, to order statements that rank equal. */
  indicator: (id: string) => string;
}

/** One need statement (one need indicator, or none) with the gaps of the target groups it concerns. */
export interface NeedGapGroupData {
  /** The need indicator the statement is about; null for target groups without one. */
  indicatorId: string | null;
  /** The area's need on that indicator (the same for every gap of the group). */
  need: NeedData;
  /** Distinct target groups with a gap under this statement. */
  targetGroupCount: number;
  /** Weighted: 1 per target group with no active service, ½ per group served too thinly (or with only function cells empty or thin). */
  uncoveredTargetGroups: number;
  /** (value / municipality value − 1) × uncoveredTargetGroups; null unless the need is above the municipality's and the municipality's value is above 0. */
  score: number | null;
  /** Ranked within the group: whole rows before cells, empty before thin, then target group and basic function order. */
  gaps: GapData[];
}

/**
 * Empty and thin cells. A target group without any (or with too few) active services is one
 * gap for the whole row (its function cells are then not listed again); otherwise each EMPTY or
 * THIN function cell is a gap (UNKNOWN cells are not: the data cannot tell). Ranked as their
 * need statements are (groupGaps), each group's gaps in turn.
 */
export function findGaps(coverage: CoverageData, needs: Map<string, NeedData>, order: GapOrder): GapData[] {
  return groupGaps(coverage, needs, order).flatMap((group) => group.gaps);
}

/**
 * The gaps grouped under one need statement per need indicator (target groups without one
 * share a statement that their need cannot be weighed), and the groups ranked:
 * 1. need above the municipality's first, then need unknown or without indicator, then need not
 *    above (§6.3: "een inschatting maken van specifieke behoeften in de wijk … mede gezien de
 *    demografische samenstelling"; §9.7 Beleid 5);
 * 2. among those above: the highest score first — how far the area's figure lies above the
 *    municipality's, relatively (19.2 % against 12 % → 0.6), times how many target groups are
 *    uncovered (a group without any active service 1, a thinly served one ½). A municipality
 *    value of 0 (any value above it is infinitely higher) ranks before every score;
 * 3. then more uncovered target groups first, then the larger difference, then the
 *    indicator's name (statements without an indicator after those with one).
 * The weights are Schakel's, not the book's: the book asks to weigh need by the area's make-up
 * but gives no formula; ½ for a thin group follows the coverage rule (a thin group has some
 * service, fewer than `COVERAGE_THIN_BELOW`).
 */
export function groupGaps(coverage: CoverageData, needs: Map<string, NeedData>, order: GapOrder): NeedGapGroupData[] {
  const byIndicator = new Map<string, NeedGapGroupData>();
  for (const row of coverage.rows) {
    const need = needs.get(row.targetGroupId) ?? { status: 'NO_INDICATOR', indicatorId: null, year: null, value: null, municipalityValue: null, difference: null, ratio: null, derived: false };
    const rowGaps: GapData[] = [];
    if (row.total.status === 'EMPTY' || row.total.status === 'THIN') {
      rowGaps.push({ targetGroupId: row.targetGroupId, basicFunctionId: null, level: 'TARGET_GROUP', status: row.total.status, serviceCount: row.total.serviceIds.length, need });
    } else {
      for (const cell of row.cells) {
        if (cell.status === 'EMPTY' || cell.status === 'THIN') {
          rowGaps.push({ targetGroupId: row.targetGroupId, basicFunctionId: cell.basicFunctionId, level: 'BASIC_FUNCTION', status: cell.status, serviceCount: cell.serviceIds.length, need });
        }
      }
    }
    if (rowGaps.length === 0) continue;
    const key = need.indicatorId ?? '';
    let group = byIndicator.get(key);
    if (!group) {
      group = { indicatorId: need.indicatorId, need, targetGroupCount: 0, uncoveredTargetGroups: 0, score: null, gaps: [] };
      byIndicator.set(key, group);
    }
    group.targetGroupCount += 1;
    group.uncoveredTargetGroups += row.total.status === 'EMPTY' ? 1 : 0.5;
    group.gaps.push(...rowGaps);
  }
  const groups = [...byIndicator.values()];
  for (const group of groups) {
    group.score = needScore(group.need, group.uncoveredTargetGroups);
    group.gaps.sort(
      (a, b) =>
        severity(a) - severity(b) ||
        order.targetGroup(a.targetGroupId).localeCompare(order.targetGroup(b.targetGroupId)) ||
        (a.basicFunctionId ? order.basicFunction(a.basicFunctionId) : 0) - (b.basicFunctionId ? order.basicFunction(b.basicFunctionId) : 0),
    );
  }
  const infinite = (group: NeedGapGroupData) => (group.need.status === 'ABOVE_MUNICIPALITY' && group.score === null ? 1 : 0);
  return groups.sort(
    (a, b) =>
      NEED_ORDER[a.need.status] - NEED_ORDER[b.need.status] ||
      infinite(b) - infinite(a) ||
      (b.score ?? 0) - (a.score ?? 0) ||
      b.uncoveredTargetGroups - a.uncoveredTargetGroups ||
      (b.need.difference ?? 0) - (a.need.difference ?? 0) ||
      (a.indicatorId === null ? 1 : 0) - (b.indicatorId === null ? 1 : 0) ||
      (a.indicatorId && b.indicatorId ? order.indicator(a.indicatorId).localeCompare(order.indicator(b.indicatorId)) : 0),
  );
}

/** A need statement's score (groupGaps, rule 2): relative excess over the municipality × uncovered target groups. */
export function needScore(need: NeedData, uncoveredTargetGroups: number): number | null {
  if (need.status !== 'ABOVE_MUNICIPALITY' || need.ratio === null) return null;
  return round((need.ratio - 1) * uncoveredTargetGroups, 4);
}

export interface GapWords {
  areaName: string;
  municipalityName: string | null;
  targetGroup: { nl: string; en: string | null };
  basicFunction: { number: number; nl: string; en: string } | null;
  indicator: IndicatorWords | null;
  thinBelow: number;
  /** Networks covering the area that name the target group. */
  networks: string[];
}

export interface IndicatorWords {
  nl: string;
  en: string;
  unit: string;
}

/** "Migrant families" → "migrant families" mid-sentence; acronyms ("GGZ") stay. */
function lowerFirst(text: string): string {
  return text.length > 1 && text[1] === text[1].toLowerCase() ? text[0].toLowerCase() + text.slice(1) : text;
}

function groupNames(targetGroup: GapWords['targetGroup']): { en: string; nl: string } {
  return { en: targetGroup.en ? `${lowerFirst(targetGroup.en)} (${targetGroup.nl})` : targetGroup.nl, nl: targetGroup.nl };
}

/** "Only 1 active service …" / "Slechts 1 actieve dienst …": the count of a thin gap, in both languages. */
function thinCount(n: number, thinBelow: number): { en: string; nl: string } {
  return {
    en: `only ${n} active service${n === 1 ? '' : 's'} (thin: fewer than ${thinBelow})`,
    nl: `slechts ${n} actieve dienst${n === 1 ? '' : 'en'} (dun: minder dan ${thinBelow})`,
  };
}

/** "19.2% against 12% (2009; 65 and older, computed from its neighbourhoods)": a need's figures. */
/**
 * An indicator's name beside its formatted figure: without the unit the name ends in ("(%)",
 * "(EUR)"), which the figure already shows — "inwoners van 65 jaar en ouder: 19,2%", not
 * "inwoners van 65 jaar en ouder (%): 19,2%".
 */
export function nameBesideFigure(name: string): string {
  return name.replace(/\s*\((?:%|EUR|€)\)\s*$/u, '');
}

function needFigures(need: NeedData, indicator: IndicatorWords | null): { en: string; nl: string } {
  const unit = indicator?.unit ?? 'NUMBER';
  const year = need.year !== null ? `${need.year}; ` : '';
  const en = `${formatValue(need.value!, unit, 'en')} against ${formatValue(need.municipalityValue!, unit, 'en')} (${year}${indicator ? nameBesideFigure(indicator.en) : 'need indicator'}${need.derived ? ', computed from its neighbourhoods' : ''})`;
  const nl = `${formatValue(need.value!, unit, 'nl')} tegen ${formatValue(need.municipalityValue!, unit, 'nl')} (${year}${indicator ? nameBesideFigure(indicator.nl) : 'behoefte-indicator'}${need.derived ? ', berekend uit de buurten' : ''})`;
  return { en, nl };
}

function networksSentence(networks: string[]): { en: string; nl: string } {
  if (networks.length === 0) return { en: '', nl: '' };
  return { en: ` Networks covering the area that name this group: ${networks.join(', ')}.`, nl: ` Netwerken in het gebied voor deze doelgroep: ${networks.join(', ')}.` };
}

/** The reason for a gap in words, English and Dutch: its coverage, its need and the networks naming the group. */
export function gapReason(gap: GapData, words: GapWords): { en: string; nl: string } {
  const group = groupNames(words.targetGroup);
  const fnEn = words.basicFunction ? ` for basic function ${words.basicFunction.number} (${words.basicFunction.en})` : '';
  const fnNl = words.basicFunction ? ` voor basisfunctie ${words.basicFunction.number} (${words.basicFunction.nl})` : '';
  const n = gap.serviceCount;
  const coverageEn =
    gap.status === 'EMPTY'
      ? `No active service for ${group.en} serves ${words.areaName}${fnEn}`
      : `Only ${n} active service${n === 1 ? '' : 's'} for ${group.en} serve${n === 1 ? 's' : ''} ${words.areaName}${fnEn} (thin: fewer than ${words.thinBelow})`;
  const coverageNl =
    gap.status === 'EMPTY'
      ? `Geen actieve dienst voor ${group.nl} in ${words.areaName}${fnNl}`
      : `Slechts ${n} actieve dienst${n === 1 ? '' : 'en'} voor ${group.nl} in ${words.areaName}${fnNl} (dun: minder dan ${words.thinBelow})`;
  const need = gap.need;
  const municipality = words.municipalityName ?? 'the municipality';
  const municipalityNl = words.municipalityName ?? 'de gemeente';
  let needEn: string;
  let needNl: string;
  switch (need.status) {
    case 'ABOVE_MUNICIPALITY': {
      const figures = needFigures(need, words.indicator);
      needEn = `, while the group's need indicator is higher there than in ${municipality}: ${figures.en}.`;
      needNl = `, terwijl de behoefte-indicator van de doelgroep daar hoger ligt dan in ${municipalityNl}: ${figures.nl}.`;
      break;
    }
    case 'NOT_ABOVE': {
      const figures = needFigures(need, words.indicator);
      needEn = `; the group's need indicator is not higher there than in ${municipality}: ${figures.en}.`;
      needNl = `; de behoefte-indicator van de doelgroep ligt daar niet hoger dan in ${municipalityNl}: ${figures.nl}.`;
      break;
    }
    case 'UNKNOWN':
      needEn = `; the need cannot be weighed: no figure of the group's need indicator (${words.indicator?.en ?? 'need indicator'}) for ${need.value === null ? words.areaName : municipality}.`;
      needNl = `; de behoefte is niet te wegen: geen cijfer van de behoefte-indicator (${words.indicator?.nl ?? 'behoefte-indicator'}) voor ${need.value === null ? words.areaName : municipalityNl}.`;
      break;
    default:
      needEn = '; the target group has no need indicator, so the need cannot be weighed.';
      needNl = '; de doelgroep heeft geen behoefte-indicator, dus de behoefte is niet te wegen.';
  }
  const networks = networksSentence(words.networks);
  return { en: `${coverageEn}${needEn}${networks.en}`, nl: `${coverageNl}${needNl}${networks.nl}` };
}

/**
 * A gap in words under its need statement (groupGaps): the target group (and basic function)
 * not covered, its count and the networks naming the group — not the need, which the
 * statement says once for all its gaps.
 */
export function gapLine(gap: GapData, words: Omit<GapWords, 'indicator' | 'areaName' | 'municipalityName'>): { en: string; nl: string } {
  const group = groupNames(words.targetGroup);
  const fnEn = words.basicFunction ? `, basic function ${words.basicFunction.number} (${words.basicFunction.en})` : '';
  const fnNl = words.basicFunction ? `, basisfunctie ${words.basicFunction.number} (${words.basicFunction.nl})` : '';
  const count = gap.status === 'EMPTY' ? { en: 'no active service', nl: 'geen actieve dienst' } : thinCount(gap.serviceCount, words.thinBelow);
  const networks = networksSentence(words.networks);
  return { en: `${group.en}${fnEn}: ${count.en}.${networks.en}`, nl: `${group.nl}${fnNl}: ${count.nl}.${networks.nl}` };
}

/**
 * A need statement in words, once for all the gaps under it (groupGaps): the need indicator's
 * figure in the area against the municipality's, or why the need cannot be weighed.
 */
export function needStatement(
  group: Pick<NeedGapGroupData, 'need'>,
  words: { areaName: string; municipalityName: string | null; indicator: IndicatorWords | null },
): { en: string; nl: string } {
  const need = group.need;
  const municipality = words.municipalityName ?? 'the municipality';
  const municipalityNl = words.municipalityName ?? 'de gemeente';
  const indicatorEn = words.indicator?.en ?? 'need indicator';
  const indicatorNl = words.indicator?.nl ?? 'behoefte-indicator';
  switch (need.status) {
    case 'ABOVE_MUNICIPALITY':
    case 'NOT_ABOVE': {
      const unit = words.indicator?.unit ?? 'NUMBER';
      const above = need.status === 'ABOVE_MUNICIPALITY';
      const when = [need.year !== null ? String(need.year) : null, need.derived ? 'computed from its neighbourhoods' : null].filter(Boolean).join(', ');
      const whenNl = [need.year !== null ? String(need.year) : null, need.derived ? 'berekend uit de buurten' : null].filter(Boolean).join(', ');
      return {
        en: `${above ? 'Higher need' : 'No higher need'} — ${lowerFirst(nameBesideFigure(indicatorEn))}: ${formatValue(need.value!, unit, 'en')} in ${words.areaName} against ${formatValue(need.municipalityValue!, unit, 'en')} in ${municipality}${when ? ` (${when})` : ''}.`,
        nl: `${above ? 'Hogere behoefte' : 'Geen hogere behoefte'} — ${lowerFirst(nameBesideFigure(indicatorNl))}: ${formatValue(need.value!, unit, 'nl')} in ${words.areaName} tegen ${formatValue(need.municipalityValue!, unit, 'nl')} in ${municipalityNl}${whenNl ? ` (${whenNl})` : ''}.`,
      };
    }
    case 'UNKNOWN':
      return {
        en: `The need cannot be weighed: no figure of ${indicatorEn} for ${need.value === null ? words.areaName : municipality}.`,
        nl: `De behoefte is niet te wegen: geen cijfer van ${indicatorNl} voor ${need.value === null ? words.areaName : municipalityNl}.`,
      };
    default:
      return {
        en: 'The need cannot be weighed: these target groups have no need indicator.',
        nl: 'De behoefte is niet te wegen: deze doelgroepen hebben geen behoefte-indicator.',
      };
  }
}
