import { Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { Allow, Rule } from '../../auth/auth.rules';
import { VersionedIdArgs } from '../curation';
import { SearchSynonym } from './search-synonym.entity';
import { CreateSearchSynonymArgs, UpdateSearchSynonymArgs } from './search.inputs';
import { createSearchSynonym, deleteSearchSynonym, listSearchSynonyms, updateSearchSynonym } from './search.service';

@Allow(Rule.ADMIN)
@Resolver(() => SearchSynonym)
export class SearchSynonymResolver {
  @Query(() => [SearchSynonym], { description: 'The search synonym groups, by their first term (Dutch order). Admins.' })
  searchSynonyms(@Ctx() ctx: RequestContext) {
    return listSearchSynonyms(ctx);
  }

  @Mutation(() => SearchSynonym, { description: 'Add a synonym group. A term another group has is CONFLICT. Admins.' })
  createSearchSynonym(@Args() { input }: CreateSearchSynonymArgs, @Ctx() ctx: RequestContext) {
    return createSearchSynonym(ctx, input);
  }

  @Mutation(() => SearchSynonym, { description: "Replace a synonym group's terms. Admins." })
  updateSearchSynonym(@Args() { id, version, input }: UpdateSearchSynonymArgs, @Ctx() ctx: RequestContext) {
    return updateSearchSynonym(ctx, id, version, input);
  }

  @Mutation(() => Boolean, { description: 'Delete a synonym group: search no longer treats its terms as one. Admins.' })
  deleteSearchSynonym(@Args() { id, version }: VersionedIdArgs, @Ctx() ctx: RequestContext) {
    return deleteSearchSynonym(ctx, id, version);
  }

  @FieldResolver(() => [String], { description: 'The equivalent terms, in the order the curator gave them.' })
  async terms(@Root() synonym: SearchSynonym, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.searchSynonymTerms.load(synonym.id)).map((row) => row.term);
  }
}
