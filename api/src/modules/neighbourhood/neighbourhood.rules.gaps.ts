import type { NeighbourhoodThresholds } from '../../config';
import { formatValue, round } from './neighbourhood.rules';
import type { CoverageData, CoverageStatus } from './neighbourhood.rules.coverage';
import { type AreaFigures, type IndicatorRef, compareFigure } from './neighbourhood.rules.figures';

/**
 * Rule 4 of the neighbourhood view (neighbourhood.rules.ts): a target group's need and the gaps
 * in its coverage, ranked by need (§6.3: "een inschatting maken van specifieke behoeften in de
 * wijk … mede gezien de demografische samenstelling"; §9.7 Beleid 5), with the reason in words.
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
