import { validate } from 'class-validator';
import type { FieldProblem } from '../../common/errors';
import { validationProblems } from '../../graphql/validation-problems';

/*
 * The field rules of a curated record's GraphQL input (CreateOrganisationInput,
 * UpdateLocationInput, … with their class-validator limits), asked by every import channel:
 * the CSV import (csv.records.ts) and the HSDS import (hsds/hsds.import.rules.ts) check the
 * values they would store with the same input class the GraphQL mutation validates, and name
 * each problem as the mutation does (`input.email`, rule `isEmail`), so the same bad value is
 * refused with the same rule whichever way it comes in.
 */

/** Every problem of one input object, as BAD_USER_INPUT lists them (`input.<property>`, message, rule, params). */
export async function inputProblems(input: object): Promise<FieldProblem[]> {
  return validationProblems(await validate(input, { forbidUnknownValues: false }), ['input']);
}
