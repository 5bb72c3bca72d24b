import { type ValidationError, getMetadataStorage } from 'class-validator';
import type { FieldProblem } from '../common/errors';

/*
 * class-validator's answer for an argument object (type-graphql's ArgumentValidationError) as
 * the list of field problems BAD_USER_INPUT carries: every offending field of the input, not only
 * the first, each with its path (`input.name`, `input.0.year`), the English message, and the
 * rule broken with its parameters so a client words it in its own language
 * (`{ rule: 'maxLength', params: { max: 300 } }`).
 */

/** The decorator's arguments (`@Length(1, 300)` → `[1, 300]`), looked up in class-validator's metadata. */
function constraintArguments(target: object | undefined, property: string, rule: string): unknown[] {
  if (!target || typeof target !== 'object') return [];
  const metadata = getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false);
  const found = metadata.find((entry) => entry.propertyName === property && entry.name === rule);
  return Array.isArray(found?.constraints) ? found.constraints : [];
}

/** The parameters a client needs to word each rule it knows; other rules have none. */
function paramsOf(rule: string, args: unknown[]): Record<string, unknown> | undefined {
  const [a, b] = args;
  switch (rule) {
    case 'maxLength':
    case 'max':
    case 'arrayMaxSize':
      return { max: a };
    case 'minLength':
    case 'min':
    case 'arrayMinSize':
      return { min: a };
    case 'isLength':
      return { min: a, max: b };
    default:
      return undefined;
  }
}

/** Every failed constraint below `errors`, depth first in input order, each naming its full path. */
export function validationProblems(errors: readonly ValidationError[] | undefined, prefix: readonly string[] = []): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors ?? []) {
    const path = error.property ? [...prefix, error.property] : [...prefix];
    const field = path.join('.');
    for (const [rule, message] of Object.entries(error.constraints ?? {})) {
      const params = paramsOf(rule, constraintArguments(error.target, error.property, rule));
      problems.push({ field, message, rule, ...(params ? { params } : {}) });
    }
    problems.push(...validationProblems(error.children, path));
  }
  return problems;
}
