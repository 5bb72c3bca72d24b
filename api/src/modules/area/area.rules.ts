import { AreaLevel } from './area.entity';

/*
 * The rules of CBS area codes and their years (CBS, "Toelichting Wijk- en Buurtkaart"): a gemeente
 * is GM + its four-digit municipality number, a wijk WK + those four digits + two of its own, a
 * buurt BU + the wijk's six digits + two of its own. So a code names the areas above it, and an
 * area's code must continue its parent's: WK030701 lies in GM0307, never in GM0344. Every write of
 * an area asks these rules (createArea, updateArea, the CBS import); pure, no database.
 */

/** The code pattern and an example per level. */
export const AREA_CODE_FORMAT: Readonly<Record<AreaLevel, { pattern: RegExp; example: string; prefix: string; digits: number }>> = {
  [AreaLevel.MUNICIPALITY]: { pattern: /^GM\d{4}$/, example: 'GM + 4 digits (GM0307)', prefix: 'GM', digits: 4 },
  [AreaLevel.DISTRICT]: { pattern: /^WK\d{6}$/, example: 'WK + 6 digits (WK030701)', prefix: 'WK', digits: 6 },
  [AreaLevel.NEIGHBOURHOOD]: { pattern: /^BU\d{8}$/, example: 'BU + 8 digits (BU03070101)', prefix: 'BU', digits: 8 },
};

/** The level a CBS code names, or null when it is no CBS area code. */
export function levelOfCode(code: string): AreaLevel | null {
  for (const level of Object.values(AreaLevel)) if (AREA_CODE_FORMAT[level].pattern.test(code)) return level;
  return null;
}

/** The digits of a code after its prefix (`WK030701` → `030701`). */
function digitsOf(code: string): string {
  return code.slice(2);
}

/**
 * The code of the area above `code` at `level` (`BU03070101` at DISTRICT → `WK030701`, at
 * MUNICIPALITY → `GM0307`), or null when `level` is not above it.
 */
export function ancestorCode(code: string, level: AreaLevel): string | null {
  const own = levelOfCode(code);
  if (!own) return null;
  const ownDigits = AREA_CODE_FORMAT[own].digits;
  const { prefix, digits } = AREA_CODE_FORMAT[level];
  if (digits >= ownDigits) return null;
  return `${prefix}${digitsOf(code).slice(0, digits)}`;
}

/**
 * Why an area with `code` cannot lie in a parent with `parentCode`, or null when it can (or when
 * either has no code: areas without CBS codes are kept as they are).
 */
export function codeParentProblem(code: string | null, parentCode: string | null): string | null {
  if (!code || !parentCode) return null;
  const parentLevel = levelOfCode(parentCode);
  if (!parentLevel) return null;
  const expected = ancestorCode(code, parentLevel);
  if (expected === null) return null;
  if (expected === parentCode) return null;
  return `The CBS code ${code} lies in ${expected}, not in ${parentCode}`;
}

/** The years an area is in CBS's division; null ends are open. */
export interface AreaValidity {
  validFromYear: number | null;
  validToYear: number | null;
}

export const AREA_YEARS = { min: 1800, max: 2200 } as const;

/** Why these years cannot be an area's validity, or null. */
export function areaValidityProblem(validity: AreaValidity): { field: 'validFromYear' | 'validToYear'; message: string } | null {
  for (const field of ['validFromYear', 'validToYear'] as const) {
    const year = validity[field];
    if (year !== null && (!Number.isInteger(year) || year < AREA_YEARS.min || year > AREA_YEARS.max)) {
      return { field, message: `${field} must be a whole number from ${AREA_YEARS.min} to ${AREA_YEARS.max}` };
    }
  }
  if (validity.validFromYear !== null && validity.validToYear !== null && validity.validFromYear > validity.validToYear) {
    return { field: 'validToYear', message: `validToYear (${validity.validToYear}) cannot be before validFromYear (${validity.validFromYear})` };
  }
  return null;
}

/** Whether the area is in the division in `year` (a figure without a year fits any area). */
export function areaValidIn(validity: AreaValidity, year: number | null): boolean {
  if (year === null) return true;
  return (validity.validFromYear === null || validity.validFromYear <= year) && (validity.validToYear === null || year <= validity.validToYear);
}

/** "valid from 2019 to 2022", "valid from 2019", "valid until 2022". */
export function describeValidity(validity: AreaValidity): string {
  const { validFromYear: from, validToYear: to } = validity;
  if (from !== null && to !== null) return from === to ? `valid in ${from} only` : `valid from ${from} to ${to}`;
  if (from !== null) return `valid from ${from}`;
  if (to !== null) return `valid until ${to}`;
  return 'valid in every year';
}

/**
 * An existing area's validity after a file of `year` for its municipality was imported (an area
 * the file creates is valid from `year`): the file lists it (`present`) or does not. Listed: a
 * known first year moves back to `year` if earlier (an unknown one stays unknown: the file shows
 * the area existed in `year`, not that it began then); an area that had ended before `year` is
 * current again. Not listed while valid in `year`: it ended the year before (CBS re-divided the
 * municipality). An area whose first year is `year` or later is left as it is.
 */
export function validityAfterFile(current: AreaValidity, year: number, present: boolean): AreaValidity {
  if (present) {
    return {
      validFromYear: current.validFromYear !== null && year < current.validFromYear ? year : current.validFromYear,
      validToYear: current.validToYear !== null && current.validToYear < year ? null : current.validToYear,
    };
  }
  if (!areaValidIn(current, year)) return current;
  if (current.validFromYear !== null && current.validFromYear >= year) return current;
  return { validFromYear: current.validFromYear, validToYear: year - 1 };
}
