import { BadUserInputError, throwIfProblems } from '../../common/errors';
import { type AgeRange, ageRangeProblems } from '../../common/age-range.rules';

/*
 * The rules a service record must meet, whichever way it is written: the GraphQL mutations
 * (service.service.ts) and the CSV import (csv/csv.services.ts) both ask `serviceProblems`, so
 * a form and an import give the same message for the same bad value. Problems name the GraphQL
 * input field (`input.maxAge`); an import maps that onto its own column at its edge. The HSDS
 * import keeps what it can and notes the rest (hsds/hsds.import.map.service.ts), through the
 * same age rule.
 */

/** The fields the rules read, as the record will hold them after the change. */
export interface ServiceRuleRecord extends AgeRange {
  name: string | null;
  /** `YYYY-MM-DD`. */
  validFrom: string | null;
  validTo: string | null;
}

/** Which fields the change gave (a problem of two fields names the one that was given). */
export interface ServiceRuleChange {
  minAge?: unknown;
  maxAge?: unknown;
  validFrom?: unknown;
  validTo?: unknown;
}

/** Every problem of the record as it will be; empty when it may be saved. */
export function serviceProblems(record: ServiceRuleRecord, change: ServiceRuleChange): BadUserInputError[] {
  const problems: BadUserInputError[] = [];
  if (!record.name) problems.push(new BadUserInputError('input.name', 'name cannot be empty', { rule: 'required' }));
  problems.push(...ageRangeProblems(record, change));
  const { validFrom, validTo } = record;
  // ISO dates compare as text.
  if (validFrom != null && validTo != null && validFrom > validTo) {
    problems.push(
      new BadUserInputError(change.validTo !== undefined ? 'input.validTo' : 'input.validFrom', `validFrom (${validFrom}) must not be after validTo (${validTo})`, {
        rule: 'dateOrder',
        params: { validFrom, validTo },
      }),
    );
  }
  return problems;
}

/** Throws every problem at once (one BAD_USER_INPUT listing each field in `errors`). */
export function assertServiceRules(record: ServiceRuleRecord, change: ServiceRuleChange): void {
  throwIfProblems(serviceProblems(record, change));
}
