import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ValidationRule } from 'graphql';
import type { AppConfig } from '../config';

/**
 * Document limits (graphql-armor): depth, aliases, tokens, directives and a cost estimate, all
 * checked while parsing and validating, before any resolver or SQL runs. Defaults are generous
 * enough for the admin app's largest queries; every one is configurable (docs/security.md).
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
  return { plugins, validationRules };
}
