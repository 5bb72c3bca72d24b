import { BadUserInputError, throwIfProblems } from './errors';

/*
 * A required field may be left out of an update (`undefined`: the stored value stays) but not
 * cleared (`null`). Every curated record has such fields (a name, a slug, a code); the forms and the
 * imports ask this one rule, so clearing one answers the same BAD_USER_INPUT everywhere.
 */

/** One problem per required field the change clears, in the order given. */
export function clearedRequiredFields<C extends object>(change: C, fields: readonly (keyof C & string)[]): BadUserInputError[] {
  return fields.filter((field) => change[field] === null).map((field) => new BadUserInputError(`input.${field}`, `${field} cannot be empty`, { rule: 'required' }));
}

/** Throws every problem at once (one BAD_USER_INPUT listing each field in `errors`). */
export function assertRequiredKept<C extends object>(change: C, fields: readonly (keyof C & string)[]): void {
  throwIfProblems(clearedRequiredFields(change, fields));
}
