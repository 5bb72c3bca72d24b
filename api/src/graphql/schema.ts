import 'reflect-metadata';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { AreaResolver } from '../modules/area/area.resolver';
import { assertEveryOperationHasARule, authChecker } from '../auth/auth.rules';
import { ChangeHistoryResolver, FreshnessResolver } from '../modules/curation/curation.resolver';
import { BasicFunctionResolver, InterventionTypeResolver } from '../modules/intervention-type/intervention-type.resolver';
import { KeyFigureResolver } from '../modules/key-figure/key-figure.resolver';
import {
  AreaKeyPersonsResolver,
  KeyPersonResolver,
  KeyPersonRoleResolver,
  NetworkMemberKeyPersonResolver,
  OrganisationKeyPersonsResolver,
} from '../modules/key-person/key-person.resolver';
import { KeyPersonPrivacyResolver } from '../modules/key-person/key-person.privacy.resolver';
import { LocationResolver } from '../modules/location/location.resolver';
import { neighbourhoodResolvers } from '../modules/neighbourhood/neighbourhood.resolver';
import { NetworkMemberResolver, NetworkResolver } from '../modules/network/network.resolver';
import { OrganisationResolver } from '../modules/organisation/organisation.resolver';
import {
  AccessLogResolver,
  ConsentResolver,
  NetworkAgendaResolver,
  ReferralActionResolver,
  ReferralAreaCountResolver,
  ReferralEventResolver,
  ReferralResolver,
  ReferralStatisticsResolver,
  ReferralTargetGroupCountResolver,
} from '../modules/referral/referral.resolver';
import { ServiceResolver } from '../modules/service/service.resolver';
import { TargetGroupResolver } from '../modules/target-group/target-group.resolver';
import { ApiKeyResolver, UserResolver, ViewerResolver } from '../modules/user/user.resolver';
import { WebhookResolver } from '../modules/webhook/webhook.resolver';

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
  KeyPersonResolver,
  KeyPersonRoleResolver,
  AreaKeyPersonsResolver,
  OrganisationKeyPersonsResolver,
  NetworkMemberKeyPersonResolver,
  KeyPersonPrivacyResolver,
  ViewerResolver,
  UserResolver,
  ApiKeyResolver,
  ChangeHistoryResolver,
  FreshnessResolver,
  // referrals
  ReferralResolver,
  ConsentResolver,
  ReferralEventResolver,
  ReferralActionResolver,
  NetworkAgendaResolver,
  ReferralStatisticsResolver,
  ReferralAreaCountResolver,
  ReferralTargetGroupCountResolver,
  AccessLogResolver,
  // neighbourhood view
  ...neighbourhoodResolvers,
  // partner integration
  WebhookResolver,
] as const;

let schema: GraphQLSchema | undefined;

/** The executable schema (built once per process). Arguments are validated with class-validator. */
export function getSchema(): GraphQLSchema {
  if (!schema) {
    schema = buildSchemaSync({
      resolvers: [...resolvers],
      validate: { forbidUnknownValues: false },
      authChecker,
      authMode: 'error',
      emitSchemaFile: false,
    });
    assertEveryOperationHasARule();
  }
  return schema;
}

/** The SDL committed as `api/schema.graphql`, sorted so diffs stay readable. */
export function printSchemaSdl(): string {
  return `${printSchema(lexicographicSortSchema(getSchema()))}\n`;
}
