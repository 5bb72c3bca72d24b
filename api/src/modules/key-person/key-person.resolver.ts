import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType } from '../../common/connection';
import { loadAll } from '../../common/loaders';
import { assertUuid } from '../../common/references';
import type { RequestContext } from '../../context';
import { Area } from '../area/area.entity';
import { Allow, LoggedIn, PublicMap, Rule } from '../../auth/auth.rules';
import { VersionedIdArgs } from '../curation';
import { NetworkMember } from '../network/network-member.entity';
import { Organisation } from '../organisation/organisation.entity';
import { KeyPerson, KeyPersonRole } from './key-person.entity';
import { CreateKeyPersonArgs, KeyPersonsArgs, UpdateKeyPersonArgs } from './key-person.inputs';
import {
  createKeyPerson,
  keyPersonsOfArea,
  listKeyPersonRoles,
  listKeyPersons,
  setKeyPersonArchived,
  updateKeyPerson,
} from './key-person.service';

export const KeyPersonConnection = ConnectionType(KeyPerson, 'KeyPerson');

/** Key persons are personal data: every way to them — root queries and edges — is for logged-in users. */
@LoggedIn()
@Resolver(() => KeyPerson)
export class KeyPersonResolver {
  @Query(() => KeyPersonConnection, { description: 'Key persons (sleutelpersonen), ordered by name. Logged-in users only.' })
  keyPersons(@Args() args: KeyPersonsArgs, @Ctx() ctx: RequestContext) {
    return listKeyPersons(ctx, args);
  }

  @Query(() => KeyPerson, { nullable: true, description: 'One key person. Logged-in users only.' })
  keyPerson(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.loaders.keyPersonById.load(assertUuid(id, 'id'));
  }

  // Curating key persons: admins and organisation users (their own organisation's people).
  // Deliberately no API keys, not even with WRITE_OWN_ORGANISATION: key persons are personal
  // data for logged-in people only (see assertMayCurateKeyPersons).

  @Allow(Rule.ADMIN, Rule.ORGANISATION)
  @Mutation(() => KeyPerson, { description: "Add a key person. Admins, and an organisation's own users (for their own organisation, the default); not API keys." })
  createKeyPerson(@Args() { input }: CreateKeyPersonArgs, @Ctx() ctx: RequestContext) {
    return createKeyPerson(ctx, input);
  }

  @Allow(Rule.ADMIN, Rule.ORGANISATION)
  @Mutation(() => KeyPerson, { description: "Change a key person. Admins, and the organisation's own users; not API keys." })
  updateKeyPerson(@Args() { id, version, input }: UpdateKeyPersonArgs, @Ctx() ctx: RequestContext) {
    return updateKeyPerson(ctx, id, version, input);
  }

  @Allow(Rule.ADMIN, Rule.ORGANISATION)
  @Mutation(() => KeyPerson, { description: "Archive a key person: they leave lists, the history stays. Admins, and the organisation's own users; not API keys." })
  archiveKeyPerson(@Args() { id, version }: VersionedIdArgs, @Ctx() ctx: RequestContext) {
    return setKeyPersonArchived(ctx, id, version, true);
  }

  @Allow(Rule.ADMIN, Rule.ORGANISATION)
  @Mutation(() => KeyPerson, { description: "Bring an archived key person back. Admins, and the organisation's own users; not API keys." })
  restoreKeyPerson(@Args() { id, version }: VersionedIdArgs, @Ctx() ctx: RequestContext) {
    return setKeyPersonArchived(ctx, id, version, false);
  }

  @FieldResolver(() => KeyPersonRole, { nullable: true })
  role(@Root() person: KeyPerson, @Ctx() ctx: RequestContext) {
    return person.roleId ? ctx.loaders.keyPersonRoleById.load(person.roleId) : null;
  }

  @FieldResolver(() => Organisation, { nullable: true })
  organisation(@Root() person: KeyPerson, @Ctx() ctx: RequestContext) {
    return person.organisationId ? ctx.loaders.organisationById.load(person.organisationId) : null;
  }

  @FieldResolver(() => [Area])
  async areas(@Root() person: KeyPerson, @Ctx() ctx: RequestContext) {
    return loadAll(ctx.loaders.areaById, await ctx.loaders.areaIdsByKeyPerson.load(person.id));
  }
}

@LoggedIn()
@Resolver(() => Area)
export class AreaKeyPersonsResolver {
  @FieldResolver(() => [KeyPerson], { description: 'Key persons known in this area. Logged-in users only.' })
  keyPersons(@Root() area: Area, @Ctx() ctx: RequestContext) {
    return keyPersonsOfArea(ctx, area.id);
  }
}

@LoggedIn()
@Resolver(() => Organisation)
export class OrganisationKeyPersonsResolver {
  @FieldResolver(() => [KeyPerson], { description: 'Key persons working for this organisation. Logged-in users only.' })
  keyPersons(@Root() organisation: Organisation, @Ctx() ctx: RequestContext) {
    return ctx.loaders.keyPersonsByOrganisation.load(organisation.id);
  }
}

@LoggedIn()
@Resolver(() => NetworkMember)
export class NetworkMemberKeyPersonResolver {
  @FieldResolver(() => KeyPerson, { nullable: true, description: 'The person representing the member. Logged-in users only.' })
  keyPerson(@Root() member: NetworkMember, @Ctx() ctx: RequestContext) {
    return member.keyPersonId ? ctx.loaders.keyPersonById.load(member.keyPersonId) : null;
  }
}

@PublicMap()
@Resolver(() => KeyPersonRole)
export class KeyPersonRoleResolver {
  @Query(() => [KeyPersonRole], { description: 'The kinds of key person the social map knows (not persons).' })
  keyPersonRoles(@Ctx() ctx: RequestContext) {
    return listKeyPersonRoles(ctx);
  }

  @FieldResolver(() => [Organisation], { description: 'Organisations where people in this role typically work.' })
  async organisations(@Root() role: KeyPersonRole, @Ctx() ctx: RequestContext) {
    return loadAll(ctx.loaders.organisationById, await ctx.loaders.organisationIdsByKeyPersonRole.load(role.id));
  }
}
