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
import { CreateApiKeyArgs, CreateUserArgs, InviteUserArgs, SetUserStatusArgs, UpdateUserArgs, UsersArgs } from './user.inputs';
import { createApiKey, createUser, findUser, inviteUser, listApiKeys, listUsers, resetUserPassword, revokeApiKey, setUserStatus, updateUser, viewerInfo } from './user.service';
import { CreatedApiKey, UserCredentials, ViewerInfo } from './user.types';
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

  @Query(() => User, { nullable: true, description: 'One user account by id; null when there is none. Admins only.' })
  user(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return findUser(ctx, id);
  }

  @Mutation(() => UserCredentials, { description: 'Invite a person: an account with a generated password, mailed to them when SMTP is configured, else shown once in the answer. Admins only.' })
  inviteUser(@Args() { input }: InviteUserArgs, @Ctx() ctx: RequestContext) {
    return inviteUser(ctx, input);
  }

  @Mutation(() => User, { description: "Change an account's name, role, organisation or areas, at the version read. Admins only, not their own role." })
  updateUser(@Args() { input }: UpdateUserArgs, @Ctx() ctx: RequestContext) {
    return updateUser(ctx, input);
  }

  @Mutation(() => User, { description: 'Deactivate (no sign-in, every session revoked) or reactivate an account, at the version read. Admins only, not their own account; never an erased one.' })
  setUserStatus(@Args() { id, version, status }: SetUserStatusArgs, @Ctx() ctx: RequestContext) {
    return setUserStatus(ctx, id, version, status);
  }

  @Mutation(() => UserCredentials, { description: 'Give an account a new generated password: the old one stops working, every session is revoked; mailed when SMTP is configured, else shown once. Admins only.' })
  resetUserPassword(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return resetUserPassword(ctx, id);
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

  @FieldResolver(() => [Area], { description: 'The areas a MUNICIPALITY user works for (empty for other roles).' })
  async areas(@Root() user: User, @Ctx() ctx: RequestContext) {
    return loadAll(ctx.loaders.areaById, await ctx.loaders.areaIdsByUser.load(user.id));
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
