import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { type DocumentNode, type FragmentDefinitionNode, GraphQLError, Kind, type SelectionSetNode, type ValidationRule } from 'graphql';
import type { AppConfig } from '../config';

/**
 * Document limits (graphql-armor): depth, aliases, tokens, directives and a cost estimate, all
 * checked while parsing and validating, before any resolver or SQL runs; and the selection count
 * (below), checked before the rest of validation. Defaults are generous enough for the admin
 * app's largest queries; every one is configurable (docs/security.md).
 * In production, "did you mean …" suggestions are removed from error messages.
 */
export function armorProtection(config: AppConfig): { plugins: ApolloServerPlugin[]; validationRules: ValidationRule[] } {
  const limits = config.graphqlLimits;
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: limits.maxAliases },
    // Tokens are limited by graphql-js's own parser option (see app.ts: parseOptions.maxTokens),
    // which answers a proper 400 parse error.
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.maxDirectives },
    costLimit: { maxCost: limits.maxCost, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5, ignoreIntrospection: true },
    blockFieldSuggestion: { enabled: config.production },
  });
  const { plugins, validationRules } = armor.protect();
  // First of the custom rules: a document over the selection limit is refused before the others see it.
  return { plugins, validationRules: [maxSelectionsRule(limits.maxSelections), ...validationRules] };
}

/**
 * The selections (fields, fragment spreads, inline fragments) validation walks in `document`:
 * every operation and every fragment definition, with a fragment's selections counted again
 * wherever it is spread (so `...F` spread 100 times counts F 100 times, as the validator and the
 * executor see it). Linear in the document's size; stops counting once past `stopAbove`.
 */
export function selectionCount(document: DocumentNode, stopAbove = Number.MAX_SAFE_INTEGER): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION && !fragments.has(definition.name.value)) fragments.set(definition.name.value, definition);
  }
  // Fragment sizes, memoised: a chain of fragments that each spread the next twice is 2^n
  // selections, counted in linear time. A fragment spread inside itself counts 1 (graphql-js
  // refuses the cycle); sizes are capped just past the limit, so they stay small numbers.
  const sizes = new Map<string, number>();
  const expanding = new Set<string>();
  const cap = (n: number) => Math.min(n, stopAbove + 1);
  const sizeOf = (selectionSet: SelectionSetNode): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      total += 1;
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (fragment && !expanding.has(name)) {
          let size = sizes.get(name);
          if (size === undefined) {
            expanding.add(name);
            size = sizeOf(fragment.selectionSet);
            expanding.delete(name);
            sizes.set(name, size);
          }
          total += size;
        }
      } else if (selection.selectionSet) {
        total += sizeOf(selection.selectionSet);
      }
      if (total > stopAbove) return cap(total);
    }
    return cap(total);
  };
  let count = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) count = cap(count + sizeOf(definition.selectionSet));
    if (count > stopAbove) break;
  }
  return count;
}

/** An empty document: what the validation rules after the selection limit see instead of a refused one. */
const NOTHING_TO_VALIDATE: DocumentNode = { kind: Kind.DOCUMENT, definitions: [] };

/**
 * Refuses a document with more than `maxSelections` selections (`selectionCount`) before the
 * rest of validation walks it. graphql-js's OverlappingFieldsCanBeMerged compares fields of the
 * same name, and fragments spread at the same level, pairwise: quadratic in the selections. A
 * 20 KB document repeating one field keeps it busy for 100 ms (graphql-js gives up at its own
 * budget of 500,000 comparisons), and every request behind it waits.
 *
 * Apollo runs its validation rules in the same pass as graphql-js's own, so reporting an error is
 * not enough: the overlap rule would still run. The rule answers the Document node (entered
 * before any selection set) with an empty one; graphql-js's parallel visitor then walks that for
 * all rules (`visitInParallel`: "if a prior visitor edits a node, no following visitors will see
 * that node"). The request's document itself is not changed; the answer is a
 * GRAPHQL_VALIDATION_FAILED 400, like graphql-armor's limits.
 */
export function maxSelectionsRule(maxSelections: number): ValidationRule {
  return (context) => ({
    Document: {
      enter(document) {
        const count = selectionCount(document, maxSelections);
        if (count <= maxSelections) return undefined;
        context.reportError(
          new GraphQLError(`The document has more than ${maxSelections} selections (fields, fragment spreads and inline fragments, a fragment counted wherever it is spread)`, {
            extensions: { limit: 'selections', maxSelections },
          }),
        );
        return NOTHING_TO_VALIDATE;
      },
    },
  });
}
