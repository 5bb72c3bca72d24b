import { type BadUserInputError, ConflictError, type FieldProblem, fieldProblemOf } from '../../common/errors';
import { inputProblems } from '../csv';
import type { ImportStore } from './hsds.import.store';
import type { Item } from './hsds.import.types';

/*
 * The same validation on every channel: before a mapped record is written, the values the
 * publication would store are checked as the record's GraphQL mutation and the CSV import check
 * them — the record type's input class (CreateOrganisationInput, UpdateLocationInput, … through
 * csv's inputProblems) and the feature's own rule function (organisationProblems,
 * applyLocationInput, serviceProblems). Every problem is reported on the record (`problems`: the
 * input field as the mutation names it, the message, the rule and its parameters), and what it
 * refuses is never stored:
 * - a value the record can do without (an e-mail address, a website, coordinates, ages, an
 *   address) is left out — with the values that belong with it (latitude with longitude, the
 *   address with its postcode and city, the two ages) — and the record is imported without it,
 *   keeping what it had (HSDS publications from elsewhere often carry a value we cannot take;
 *   the official location example has latitude 100);
 * - a value it cannot do without (its name) rejects the record, and nothing of it is written.
 */

type Problem = BadUserInputError | FieldProblem;

export interface RuleCheck<T extends object> {
  /** A fresh input object of the mutation: createX for a new record, updateX for an existing one. */
  input: () => object;
  existing: T | null;
  /** The record as the publication has it (left-out values are set back here). */
  next: T;
  /** The fields the mapping sets, by their names in the GraphQL input (the same as the entity's). */
  fields: readonly (keyof T & string)[];
  /** Fields the record cannot do without: a problem on one rejects the record. */
  required: readonly (keyof T & string)[];
  /** Fields that are left out together. */
  together?: ReadonlyArray<ReadonlyArray<keyof T & string>>;
  /** The feature's own rule function, on the input (and the record as it will be). */
  rules: (input: Record<string, unknown>) => Promise<readonly Problem[]> | readonly Problem[];
}

/**
 * The input the mutation would get for this write: a new record's fields that are set (as
 * createX), or an existing record's fields the publication changes (as updateX).
 */
function inputOfWrite<T extends object>(input: object, existing: T | null, next: T, fields: readonly (keyof T & string)[]): Record<string, unknown> {
  const target = input as Record<string, unknown>;
  for (const field of fields) {
    const value = next[field];
    if (existing ? JSON.stringify(value) === JSON.stringify(existing[field]) : value === null || value === undefined) continue;
    target[field] = value;
  }
  return target;
}

const propertyOf = (problem: FieldProblem) => problem.field.replace(/^input\./, '').split('.')[0];

/**
 * Checks the record's write by the rules; leaves out what the record can do without, or rejects
 * the record (settled 'rejected'). Answers whether it was rejected.
 */
export async function refusedByRules<T extends object>(store: ImportStore, item: Item, check: RuleCheck<T>): Promise<boolean> {
  const refused: FieldProblem[] = [];
  const leftOut = new Set<string>();
  // Each round leaves out the values the previous one refused; a record-level rule may need a second look.
  for (let round = 0; round < 3; round++) {
    const input = inputOfWrite(check.input(), check.existing, check.next, check.fields);
    const found = [...(await inputProblems(input)), ...(await check.rules(input)).map((problem) => ('extensions' in problem ? fieldProblemOf(problem) : problem))];
    // One entry per field and rule (a feature rule may repeat what the input class found).
    const problems = found.filter((problem, index) => found.findIndex((other) => other.field === problem.field && other.rule === problem.rule) === index);
    if (problems.length === 0) break;
    refused.push(...problems);
    const properties = problems.map(propertyOf) as Array<keyof T & string>;
    if (round === 2 || properties.some((property) => check.required.includes(property) || !check.fields.includes(property))) {
      item.problems = refused;
      store.settle(item, 'rejected', `Refused by the rules of the CSV import and the GraphQL API: ${refused.map((problem) => `${problem.field}: ${problem.message}`).join('; ')}`);
      return true;
    }
    for (const property of properties) {
      for (const field of check.together?.find((group) => group.includes(property)) ?? [property]) {
        leftOut.add(field);
        const kept = check.existing ? check.existing[field] : Array.isArray(check.next[field]) ? [] : null;
        check.next[field] = (Array.isArray(kept) ? [...kept] : kept) as T[keyof T & string];
      }
    }
  }
  if (refused.length > 0) {
    item.problems = refused;
    item.notes.push(`Not kept, refused by the rules of the CSV import and the GraphQL API (see problems): ${[...leftOut].join(', ')}`);
  }
  return false;
}

/**
 * Runs a record's write; an exact duplicate of another record (curation/duplicate.service.ts,
 * CONFLICT with rule `duplicate`, refused before anything is written) rejects only this record —
 * as the CSV import reports it on its row — instead of rolling the whole import back.
 * Answers undefined when it did.
 */
export async function unlessDuplicate<R>(store: ImportStore, item: Item, write: () => Promise<R>): Promise<R | undefined> {
  try {
    return await write();
  } catch (error) {
    const extensions = error instanceof ConflictError ? (error.extensions as { field?: unknown; rule?: unknown; params?: unknown }) : undefined;
    if (extensions?.rule !== 'duplicate') throw error;
    const field = typeof extensions.field === 'string' ? extensions.field : 'input.name';
    item.problems = [...(item.problems ?? []), { field, message: (error as Error).message, rule: 'duplicate', ...(extensions.params ? { params: extensions.params as Record<string, unknown> } : {}) }];
    store.settle(item, 'rejected', `Refused by the rules of the CSV import and the GraphQL API: ${field}: ${(error as Error).message}`);
    return undefined;
  }
}
