import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType } from '../../common/connection';
import { loadAll } from '../../common/loaders';
import type { RequestContext } from '../../context';
import { Area } from '../area/area.entity';
import { Allow, Rule } from '../../auth/auth.rules';
import { Organisation } from '../organisation/organisation.entity';
import { ApiKey } from './api-key.entity';
import { DataSubjectErasure } from './erasure.entity';
import { User } from './user.entity';
import { CreateApiKeyArgs, CreateUserArgs, UsersArgs } from './user.inputs';
import { createApiKey, createUser, listApiKeys, listUsers, revokeApiKey, viewerInfo } from './user.service';
import { CreatedApiKey, ViewerInfo } from './user.types';
import { eraseUser, exportUserData } from './user.erasure';

export const UserConnection = ConnectionType(User, 'User');

@Allow(Rule.ANYONE)
@Resolver(() => ViewerInfo)
export class ViewerResolver {
  @Query(() => ViewerInfo, { description: 'Who the server takes the caller for: anonymous, a user (with role) or an API key (with scopes).' })
  viewer(@Ctx() ctx: RequestContext) {
    return viewerInfo(ctx);
  }

  @FieldResolver(() => User, { nullable: true })
  user(@Root() info: ViewerInfo, @Ctx() ctx: RequestContext) {
    return info.userId ? ctx.manager.getRepository(User).findOneBy({ id: info.userId }) : null;
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation the caller acts for.' })
  organisation(@Root() info: ViewerInfo, @Ctx() ctx: RequestContext) {
    return info.organisationId ? ctx.loaders.organisationById.load(info.organisationId) : null;
  }

  @FieldResolver(() => [Area], { description: 'Areas of a MUNICIPALITY user.' })
  areas(@Root() info: ViewerInfo, @Ctx() ctx: RequestContext) {
    return loadAll(ctx.loaders.areaById, info.areaIds);
  }
}

@Allow(Rule.ADMIN)
@Resolver(() => User)
export class UserResolver {
  @Query(() => UserConnection, { description: 'All user accounts, by e-mail. Admins only.' })
  users(@Args() args: UsersArgs, @Ctx() ctx: RequestContext) {
    return listUsers(ctx, args);
  }

  @Mutation(() => User, { description: 'Create a user account. Admins only.' })
  createUser(@Args() { input }: CreateUserArgs, @Ctx() ctx: RequestContext) {
    return createUser(ctx, input);
  }

  @Mutation(() => DataSubjectErasure, {
    description:
      'Erase a user account (GDPR art. 17): name and e-mail blanked, disabled for good, sessions and the API keys it created revoked; the history it authored stays, under its id. Idempotent. Admins only, not their own account.',
  })
  eraseUser(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { description: 'Why (e.g. the reference of the request); not the personal data itself. At most 2000 characters.' }) reason: string,
    @Ctx() ctx: RequestContext,
  ) {
    return eraseUser(ctx, id, reason);
  }

  @Query(() => GraphQLJSONObject, {
    description: 'Everything held about one user account (GDPR art. 15) as JSON, without password hash, session tokens or key secrets. Logged in the access log. Admins only.',
  })
  userDataExport(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return exportUserData(ctx, id);
  }

  @FieldResolver(() => Organisation, { nullable: true })
  organisation(@Root() user: User, @Ctx() ctx: RequestContext) {
    return user.organisationId ? ctx.loaders.organisationById.load(user.organisationId) : null;
  }
}

/** API keys: the organisation's own users or an admin (checked per organisation in the service). */
@Allow(Rule.ADMIN, Rule.ORGANISATION)
@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Query(() => [ApiKey], { description: "An organisation's API keys, newest first (never the keys themselves)." })
  apiKeys(@Arg('organisationId', () => ID) organisationId: string, @Ctx() ctx: RequestContext) {
    return listApiKeys(ctx, organisationId);
  }

  @Mutation(() => CreatedApiKey, { description: 'Create an API key; the key is in the answer and nowhere else.' })
  createApiKey(@Args() { input }: CreateApiKeyArgs, @Ctx() ctx: RequestContext) {
    return createApiKey(ctx, input);
  }

  @Mutation(() => ApiKey, { description: 'Revoke an API key at once. Revoking a revoked key changes nothing.' })
  revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return revokeApiKey(ctx, id);
  }

  @FieldResolver(() => Organisation)
  organisation(@Root() apiKey: ApiKey, @Ctx() ctx: RequestContext) {
    return ctx.loaders.organisationById.load(apiKey.organisationId);
  }
}
