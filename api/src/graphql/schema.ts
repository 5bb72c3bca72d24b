import 'reflect-metadata';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { AreaResolver } from '../modules/area/area.resolver';
import { BasicFunctionResolver, InterventionTypeResolver } from '../modules/intervention-type/intervention-type.resolver';
import { KeyFigureResolver } from '../modules/key-figure/key-figure.resolver';
import { LocationResolver } from '../modules/location/location.resolver';
import { NetworkMemberResolver, NetworkResolver } from '../modules/network/network.resolver';
import { OrganisationResolver } from '../modules/organisation/organisation.resolver';
import { ServiceResolver } from '../modules/service/service.resolver';
import { TargetGroupResolver } from '../modules/target-group/target-group.resolver';

export const resolvers = [
  AreaResolver,
  KeyFigureResolver,
  InterventionTypeResolver,
  BasicFunctionResolver,
  TargetGroupResolver,
  OrganisationResolver,
  LocationResolver,
  ServiceResolver,
  NetworkResolver,
  NetworkMemberResolver,
] as const;

let schema: GraphQLSchema | undefined;

/** The executable schema (built once per process). Arguments are validated with class-validator. */
export function getSchema(): GraphQLSchema {
  schema ??= buildSchemaSync({
    resolvers: [...resolvers],
    validate: { forbidUnknownValues: false },
    emitSchemaFile: false,
  });
  return schema;
}

/** The SDL committed as `api/schema.graphql`, sorted so diffs stay readable. */
export function printSchemaSdl(): string {
  return `${printSchema(lexicographicSortSchema(getSchema()))}\n`;
}
