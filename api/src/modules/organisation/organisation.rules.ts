import { type BadUserInputError, throwIfProblems } from '../../common/errors';
import { clearedRequiredFields } from '../../common/required-fields.rules';

/*
 * The rules of an organisation record, whichever way it is written: the GraphQL mutations
 * (organisation.service.ts) and the CSV import (csv/csv.organisations.ts) both ask
 * `organisationProblems` and both store the values through `normalisedOrganisationValues`, so a form and an
 * import give the same message for the same bad value and store the same text for the same good
 * one. Problems name the GraphQL input field (`input.sector`); an import maps it onto its column.
 */

/** The fields the rules read, as the change gives them (`null` clears, `undefined` keeps). */
export interface OrganisationRuleChange {
  name?: unknown;
  sector?: unknown;
  slug?: unknown;
}

/** The required fields may not be cleared: an organisation on the map has a name, a sector and a slug. */
export function organisationProblems(change: OrganisationRuleChange): BadUserInputError[] {
  return clearedRequiredFields(change, ['name', 'sector', 'slug']);
}

/** Throws every problem at once (one BAD_USER_INPUT listing each field in `errors`). */
export function assertOrganisationRules(change: OrganisationRuleChange): void {
  throwIfProblems(organisationProblems(change));
}

/** What a change stores for the free-form lists and the e-mail address: trimmed, no empty entries, e-mail in lower case. */
export function normalisedOrganisationValues(change: { aliases?: unknown; fundingStreams?: unknown; email?: unknown }): {
  aliases?: string[];
  fundingStreams?: string[];
  email?: string;
} {
  const list = (values: unknown): string[] => (Array.isArray(values) ? values : []).map((value) => String(value).trim()).filter(Boolean);
  const result: { aliases?: string[]; fundingStreams?: string[]; email?: string } = {};
  if (change.aliases !== undefined) result.aliases = list(change.aliases);
  if (change.fundingStreams !== undefined) result.fundingStreams = list(change.fundingStreams);
  // E-mail addresses are compared case-insensitively everywhere (login, duplicates): store one spelling.
  if (typeof change.email === 'string' && change.email) result.email = change.email.trim().toLowerCase();
  return result;
}
