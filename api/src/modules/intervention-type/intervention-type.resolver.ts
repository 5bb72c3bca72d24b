import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { BadUserInputError } from '../../common/errors';
import { ConnectionType } from '../../common/connection';
import type { RequestContext } from '../../context';
import { Allow, PublicMap, Rule } from '../../auth/auth.rules';
import { VersionedIdArgs } from '../curation';
import { BasicFunction } from './basic-function.entity';
import { InterventionType } from './intervention-type.entity';
import { CreateInterventionTypeArgs, InterventionTypesArgs, UpdateInterventionTypeArgs } from './intervention-type.inputs';
import {
  createInterventionType,
  getInterventionType,
  listBasicFunctions,
  listInterventionTypes,
  setInterventionTypeArchived,
  updateInterventionType,
} from './intervention-type.service';

export const InterventionTypeConnection = ConnectionType(InterventionType, 'InterventionType');

@PublicMap()
@Resolver(() => InterventionType)
export class InterventionTypeResolver {
  @Query(() => InterventionTypeConnection, { description: 'The intervention type catalogue, ordered by code.' })
  interventionTypes(@Args() args: InterventionTypesArgs, @Ctx() ctx: RequestContext) {
    return listInterventionTypes(ctx, args);
  }

  @Query(() => InterventionType, { nullable: true, description: 'One intervention type by id or code.' })
  interventionType(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { nullable: true }) id?: string | null,
    @Arg('code', () => String, { nullable: true }) code?: string | null,
  ) {
    if ((id ? 1 : 0) + (code ? 1 : 0) !== 1) throw new BadUserInputError('id', 'Give exactly one of "id" or "code"');
    return getInterventionType(ctx, id, code);
  }

  @Allow(Rule.ADMIN)
  @Mutation(() => InterventionType, { description: 'Add an intervention type to the catalogue. Admins.' })
  createInterventionType(@Args() { input }: CreateInterventionTypeArgs, @Ctx() ctx: RequestContext) {
    return createInterventionType(ctx, input);
  }

  @Allow(Rule.ADMIN)
  @Mutation(() => InterventionType, { description: 'Change an intervention type (basic functions and parent by code; no cycles). Admins.' })
  updateInterventionType(@Args() { id, version, input }: UpdateInterventionTypeArgs, @Ctx() ctx: RequestContext) {
    return updateInterventionType(ctx, id, version, input);
  }

  @Allow(Rule.ADMIN)
  @Mutation(() => InterventionType, { description: 'Archive an intervention type: it leaves lists, its history stays. Admins.' })
  archiveInterventionType(@Args() { id, version }: VersionedIdArgs, @Ctx() ctx: RequestContext) {
    return setInterventionTypeArchived(ctx, id, version, true);
  }

  @Allow(Rule.ADMIN)
  @Mutation(() => InterventionType, { description: 'Bring an archived intervention type back. Admins.' })
  restoreInterventionType(@Args() { id, version }: VersionedIdArgs, @Ctx() ctx: RequestContext) {
    return setInterventionTypeArchived(ctx, id, version, false);
  }

  @FieldResolver(() => BasicFunction, { nullable: true })
  basicFunction(@Root() it: InterventionType, @Ctx() ctx: RequestContext) {
    return it.basicFunctionId ? ctx.loaders.basicFunctionById.load(it.basicFunctionId) : null;
  }

  @FieldResolver(() => BasicFunction, { nullable: true })
  secondaryBasicFunction(@Root() it: InterventionType, @Ctx() ctx: RequestContext) {
    return it.secondaryBasicFunctionId ? ctx.loaders.basicFunctionById.load(it.secondaryBasicFunctionId) : null;
  }

  @FieldResolver(() => InterventionType, { nullable: true })
  parent(@Root() it: InterventionType, @Ctx() ctx: RequestContext) {
    return it.parentId ? ctx.loaders.interventionTypeById.load(it.parentId) : null;
  }

  @FieldResolver(() => [InterventionType])
  children(@Root() it: InterventionType, @Ctx() ctx: RequestContext) {
    return ctx.loaders.interventionTypeChildren.load(it.id);
  }
}

@PublicMap()
@Resolver(() => BasicFunction)
export class BasicFunctionResolver {
  @Query(() => [BasicFunction], { description: 'The ten basic functions of a switch team (book §6.1).' })
  basicFunctions(@Ctx() ctx: RequestContext) {
    return listBasicFunctions(ctx);
  }

  @FieldResolver(() => [InterventionType], { description: 'Intervention types whose primary basic function this is.' })
  interventionTypes(@Root() bf: BasicFunction, @Ctx() ctx: RequestContext) {
    return ctx.loaders.interventionTypesByBasicFunction.load(bf.id);
  }
}
