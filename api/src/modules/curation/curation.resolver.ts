import { Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, pageRequest } from '../../common/connection';
import { paginateByInstant } from '../../common/paging';
import { assertUuid } from '../../common/references';
import type { RequestContext } from '../../context';
import { Allow, LoggedIn, Rule } from '../../auth/auth.rules';
import { Organisation } from '../organisation/organisation.entity';
import { actorName } from './actor-name';
import { ChangeRecord } from './change-record.entity';
import { ChangeHistoryArgs, MarkRecordsVerifiedArgs, MarkVerifiedArgs, SimilarRecordsArgs, StaleRecordsArgs } from './curation.inputs';
import { similarRecords } from './similar.service';
import { SimilarRecord, VerificationStatus } from './curation.types';
import { listStaleRecords, markRecordsVerified, markVerified } from './freshness.service';

export const ChangeRecordConnection = ConnectionType(ChangeRecord, 'ChangeRecord');
export const VerificationStatusConnection = ConnectionType(VerificationStatus, 'VerificationStatus');

/** The history of a record, oldest change first. Logged-in users (it can hold key person details). */
@LoggedIn()
@Resolver(() => ChangeRecord)
export class ChangeHistoryResolver {
  @Query(() => ChangeRecordConnection, { description: 'Change history of one curated record, oldest first.' })
  changeHistory(@Args() args: ChangeHistoryArgs, @Ctx() ctx: RequestContext) {
    const qb = ctx.manager
      .getRepository(ChangeRecord)
      .createQueryBuilder('c')
      .where('c.entityType = :entityType AND c.entityId = :entityId', { entityType: args.entityType, entityId: assertUuid(args.entityId, 'entityId') });
    return paginateByInstant(qb, pageRequest(args), 'occurred_at', (change) => change.occurredAt);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Who made the change: the user\'s name or the API key\'s name.' })
  async actorName(@Root() change: ChangeRecord, @Ctx() ctx: RequestContext) {
    return actorName(ctx, { userId: change.actorUserId, apiKeyId: change.actorApiKeyId }, { withKeyPrefix: true });
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'Organisation on whose behalf the change was made.' })
  organisation(@Root() change: ChangeRecord, @Ctx() ctx: RequestContext) {
    return change.organisationId ? ctx.loaders.organisationById.load(change.organisationId) : null;
  }
}

/** Freshness: admins see every stale record; organisations (users, keys with WRITE_OWN_ORGANISATION) their own. */
@Allow(Rule.ADMIN, Rule.ORGANISATION, Rule.SCOPE_WRITE_OWN_ORGANISATION)
@Resolver(() => VerificationStatus)
export class FreshnessResolver {
  @Query(() => VerificationStatusConnection, { description: 'Records not verified for a while (default 12 months), never-verified and oldest first.' })
  staleRecords(@Args() args: StaleRecordsArgs, @Ctx() ctx: RequestContext) {
    return listStaleRecords(ctx, args);
  }

  @Mutation(() => VerificationStatus, { description: 'Mark a record as checked and correct today.' })
  markVerified(@Args() args: MarkVerifiedArgs, @Ctx() ctx: RequestContext) {
    return markVerified(ctx, args);
  }

  @Mutation(() => [VerificationStatus], { description: 'Mark a selection of records as checked and correct today, in one transaction: all of them or, when one may not be verified, none.' })
  markRecordsVerified(@Args() args: MarkRecordsVerifiedArgs, @Ctx() ctx: RequestContext) {
    return markRecordsVerified(ctx, args);
  }

  @FieldResolver(() => Organisation, { nullable: true })
  organisation(@Root() status: VerificationStatus, @Ctx() ctx: RequestContext) {
    return status.organisationId ? ctx.loaders.organisationById.load(status.organisationId) : null;
  }
}

/** The duplicates warning of the curation forms: for those who create and rename records. */
@Allow(Rule.ADMIN, Rule.ORGANISATION)
@Resolver(() => SimilarRecord)
export class SimilarRecordResolver {
  @Query(() => [SimilarRecord], { description: 'Current organisations, services or locations whose name is close to `name` (pg_trgm similarity ≥ 0.4), closest first, at most 5: possible duplicates to look at before saving.' })
  similarRecords(@Args() args: SimilarRecordsArgs, @Ctx() ctx: RequestContext) {
    return similarRecords(ctx, args);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation a service or location belongs to.' })
  organisation(@Root() record: SimilarRecord, @Ctx() ctx: RequestContext) {
    return record.organisationId ? ctx.loaders.organisationById.load(record.organisationId) : null;
  }
}
