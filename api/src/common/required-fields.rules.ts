import { BadUserInputError } from './errors';

/*
 * A required field may be left out of an update (`undefined`: the stored value stays) but not
 * cleared (`null`). Every curated record has such fields (a name, a slug, a code); the forms and the
 * imports ask this one rule, so clearing one answers the same BAD_USER_INPUT everywhere.
 */

/** One problem per required field the change clears, in the order given. */
export function clearedRequiredFields<C extends object>(change: C, fields: readonly (keyof C & string)[]): BadUserInputError[] {
  return fields.filter((field) => change[field] === null).map((field) => new BadUserInputError(`input.${field}`, `${field} cannot be empty`));
}

/** Throws the first problem (GraphQL answers one error per mutation). */
export function assertRequiredKept<C extends object>(change: C, fields: readonly (keyof C & string)[]): void {
  const [first] = clearedRequiredFields(change, fields);
  if (first) throw first;
}
