import { BadUserInputError } from './errors';

/*
 * The age range of a service and of a target group ("for whom", Schakels in de Buurt): whole
 * years from 0 to 130, the lower bound at most the upper. One rule for a form (GraphQL), the
 * CSV import and the HSDS import; PostgreSQL checks the same as a backstop (CHK_service_ages,
 * CHK_target_group_ages).
 */

export const AGE_LIMITS = { min: 0, max: 130 } as const;

export interface AgeRange {
  minAge: number | null;
  maxAge: number | null;
}

/** A whole number of years the range may hold. */
export function isAge(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= AGE_LIMITS.min && value <= AGE_LIMITS.max;
}

/** Both bounds known and the lower above the upper. */
export function agesOutOfOrder(range: AgeRange): boolean {
  return range.minAge !== null && range.maxAge !== null && range.minAge > range.maxAge;
}

/**
 * What is wrong with the range as the record will hold it, each problem naming the input field
 * (`input.minAge`, `input.maxAge`). A range out of order names the bound the change gave — so a
 * change of one bound is checked against the other, and the error points at the one changed.
 */
export function ageRangeProblems(range: AgeRange, given: { minAge?: unknown; maxAge?: unknown }): BadUserInputError[] {
  const problems: BadUserInputError[] = [];
  for (const field of ['minAge', 'maxAge'] as const) {
    const value = range[field];
    if (value !== null && value !== undefined && !isAge(value)) {
      problems.push(new BadUserInputError(`input.${field}`, `${field} must be a whole number from ${AGE_LIMITS.min} to ${AGE_LIMITS.max}`, { rule: 'ageRange', params: { min: AGE_LIMITS.min, max: AGE_LIMITS.max } }));
    }
  }
  if (problems.length === 0 && agesOutOfOrder(range)) {
    const field = given.maxAge !== undefined ? 'input.maxAge' : 'input.minAge';
    problems.push(new BadUserInputError(field, `minAge (${range.minAge}) must not be above maxAge (${range.maxAge})`, { rule: 'ageOrder', params: { minAge: range.minAge, maxAge: range.maxAge } }));
  }
  return problems;
}
