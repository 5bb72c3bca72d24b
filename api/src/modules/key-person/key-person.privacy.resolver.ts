import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { Allow, Rule } from '../../auth/auth.rules';
import { DataSubjectErasure } from '../user/erasure.entity';
import { eraseKeyPerson, exportKeyPersonData } from './key-person.erasure';

/** A key person's rights (GDPR art. 15, 17): admins act on the person's request (docs/security.md). */
@Allow(Rule.ADMIN)
@Resolver()
export class KeyPersonPrivacyResolver {
  @Mutation(() => DataSubjectErasure, {
    description:
      'Erase a key person\'s personal data (GDPR art. 17) from the record and its whole history; the record stays as an archived tombstone that cannot be restored. Idempotent. Admins only.',
  })
  eraseKeyPerson(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { description: 'Why (e.g. the reference of the request); not the personal data itself. At most 2000 characters.' }) reason: string,
    @Ctx() ctx: RequestContext,
  ) {
    return eraseKeyPerson(ctx, id, reason);
  }

  @Query(() => GraphQLJSONObject, {
    description: 'Everything held about one key person (GDPR art. 15) as JSON: the record, its history, erasures and where else it appears. Logged in the access log. Admins only.',
  })
  keyPersonDataExport(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return exportKeyPersonData(ctx, id);
  }
}
