import 'reflect-metadata';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { assertEveryOperationHasARule, authChecker } from '../auth/auth.rules';
import { type FeatureModule, type ResolverClass, resolversOf } from '../common/feature';

const schemas = new WeakMap<readonly FeatureModule[], GraphQLSchema>();

/**
 * The executable schema of an app made of `features` (their resolvers; built once per list, so
 * once per process). Arguments are validated with class-validator.
 */
export function getSchema(features: readonly FeatureModule[]): GraphQLSchema {
  let schema = schemas.get(features);
  if (!schema) {
    const resolvers = resolversOf(features);
    if (resolvers.length === 0) throw new Error('No feature declares a resolver: a GraphQL schema needs at least one');
    schema = buildSchemaSync({
      resolvers: resolvers as [ResolverClass, ...ResolverClass[]],
      validate: { forbidUnknownValues: false },
      authChecker,
      authMode: 'error',
      emitSchemaFile: false,
    });
    assertEveryOperationHasARule();
    schemas.set(features, schema);
  }
  return schema;
}

/** The SDL committed as `api/schema.graphql`, sorted so diffs stay readable. */
export function printSchemaSdl(features: readonly FeatureModule[]): string {
  return `${printSchema(lexicographicSortSchema(getSchema(features)))}\n`;
}
