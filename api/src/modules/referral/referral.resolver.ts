import { Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType } from '../../common/connection';
import { loadAll } from '../../common/loaders';
import type { RequestContext } from '../../context';
import { actorName } from '../curation';
import { Area } from '../area/area.entity';
import { Allow, Rule } from '../../auth/auth.rules';
import { InterventionType } from '../intervention-type/intervention-type.entity';
import { Network } from '../network/network.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Service } from '../service/service.entity';
import { TargetGroup } from '../target-group/target-group.entity';
import { listAccessLog, listRefusedAccess } from './referral.access';
import { LifeDomain, ReferralStatus } from './referral.entity';
import {
  AccessLogArgs,
  AcceptReferralArgs,
  AddReferralActionArgs,
  AddReferralNoteArgs,
  ChangeReferralStatusArgs,
  CloseReferralArgs,
  CompleteReferralActionArgs,
  ConsultOnReferralArgs,
  CreateReferralArgs,
  DeclineReferralArgs,
  HandOverReferralArgs,
  IdentifyingDetailsArgs,
  NetworkAgendaArgs,
  PurgeClosedReferralsArgs,
  RecordConsentArgs,
  ReferralLookupArgs,
  ReferralsArgs,
  RefusedAccessArgs,
} from './referral.inputs';
import { consultOnReferral, recordConsent } from './referral.consent';
import {
  availableTransitions,
  getReferral,
  listReferrals,
  networkAgenda,
  referralActions,
  referralConsent,
  referralConsultations,
  referralEvents,
  referralIdentifyingDetails,
} from './referral.queries';
import { purgeClosedReferralsAsAdmin } from './referral.retention';
import {
  acceptReferral,
  addReferralAction,
  addReferralNote,
  changeReferralStatus,
  closeReferral,
  completeReferralAction,
  createReferral,
  declineReferral,
  handOverReferral,
  setIdentifyingDetails,
} from './referral.service';
import { referralStatistics } from './referral.statistics';
import {
  AccessLogEntryNode,
  ConsentNode,
  ConsentRecordNode,
  ReferralConsultationNode,
  NetworkAgendaNode,
  PurgeReferralsResult,
  ReferralActionNode,
  ReferralAreaCount,
  ReferralEventNode,
  ReferralNode,
  ReferralStatisticsNode,
  ReferralTargetGroupCount,
} from './referral.types';

export const ReferralConnection = ConnectionType(ReferralNode, 'Referral');
export const AccessLogEntryConnection = ConnectionType(AccessLogEntryNode, 'AccessLogEntry');

/**
 * Referrals are for the organisations involved: their users (ORGANISATION) and their systems
 * (API keys with REFERRALS). Admins and municipality users are refused here — they get
 * `referralStatistics`, and admins the access log. Which referral an organisation may read is
 * decided in the service (`viewOf`); every content field below reads `content`, which the
 * service leaves null for anyone who may not read the case.
 */
@Allow(Rule.ORGANISATION, Rule.SCOPE_REFERRALS)
@Resolver(() => ReferralNode)
export class ReferralResolver {
  @Query(() => ReferralNode, { nullable: true, description: 'One referral by id or dossier number (your organisation must be involved).' })
  referral(@Args() { id, dossierNumber }: ReferralLookupArgs, @Ctx() ctx: RequestContext) {
    return getReferral(ctx, id, dossierNumber);
  }

  @Query(() => ReferralConnection, { description: "Your organisation's referrals: sent, received and through its networks; oldest first." })
  referrals(@Args() args: ReferralsArgs, @Ctx() ctx: RequestContext) {
    return listReferrals(ctx, args);
  }

  @Mutation(() => ReferralNode, { description: 'Signal a case: a new referral from your organisation (status SIGNALLED, a new dossier number).' })
  createReferral(@Args() { input }: CreateReferralArgs, @Ctx() ctx: RequestContext) {
    return createReferral(ctx, input);
  }

  @Mutation(() => ReferralNode, { description: 'The receiver takes the referral up: SIGNALLED → EXPLORING; your organisation (and you) become its holder and problem owner.' })
  acceptReferral(@Args() { id, version, input }: AcceptReferralArgs, @Ctx() ctx: RequestContext) {
    return acceptReferral(ctx, id, version, input ?? {});
  }

  @Mutation(() => ReferralNode, { description: 'The receiver cannot take it: SIGNALLED → DECLINED, with a reason.' })
  declineReferral(@Args() { id, version, input }: DeclineReferralArgs, @Ctx() ctx: RequestContext) {
    return declineReferral(ctx, id, version, input);
  }

  @Mutation(() => ReferralNode, { description: 'Move a referral through the transition table (EXPLORING, ACTION_AGREED, IN_PROGRESS, ON_HOLD, WITHDRAWN).' })
  changeReferralStatus(@Args() { id, version, input }: ChangeReferralStatusArgs, @Ctx() ctx: RequestContext) {
    return changeReferralStatus(ctx, id, version, input);
  }

  @Mutation(() => ReferralNode, { description: "Record the person's consent (given, and who may read: RECEIVER or NETWORK), or its withdrawal." })
  recordConsent(@Args() { id, version, input }: RecordConsentArgs, @Ctx() ctx: RequestContext) {
    return recordConsent(ctx, id, version, input);
  }

  @Mutation(() => ReferralNode, { description: "Agree an action (werkafspraak): what, which organisation, by when (default: the network's next meeting)." })
  addReferralAction(@Args() { id, version, input }: AddReferralActionArgs, @Ctx() ctx: RequestContext) {
    return addReferralAction(ctx, id, version, input);
  }

  @Mutation(() => ReferralNode, { description: 'Report an action done, with its result. `id` and `version` are the action’s.' })
  completeReferralAction(@Args() { id, version, input }: CompleteReferralActionArgs, @Ctx() ctx: RequestContext) {
    return completeReferralAction(ctx, id, version, input);
  }

  @Mutation(() => ReferralNode, { description: 'Add a progress note (voortgang, terugkoppeling).' })
  addReferralNote(@Args() { id, version, input }: AddReferralNoteArgs, @Ctx() ctx: RequestContext) {
    return addReferralNote(ctx, id, version, input);
  }

  @Mutation(() => ReferralNode, { description: 'Close the referral (step 5, §3.7): outcome, problem owner, stay alert (and when to look again), what we learned.' })
  closeReferral(@Args() { id, version, input }: CloseReferralArgs, @Ctx() ctx: RequestContext) {
    return closeReferral(ctx, id, version, input);
  }

  @Mutation(() => ReferralNode, { description: 'The holder hands the case over to another organisation, which becomes receiver, holder and problem owner.' })
  handOverReferral(@Args() { id, version, input }: HandOverReferralArgs, @Ctx() ctx: RequestContext) {
    return handOverReferral(ctx, id, version, input);
  }

  @Mutation(() => ReferralNode, { description: "Consult a shell partner of the case's network on it (§4.4 B): it reads the anonymous case from then on." })
  consultOnReferral(@Args() { id, version, input }: ConsultOnReferralArgs, @Ctx() ctx: RequestContext) {
    return consultOnReferral(ctx, id, version, input);
  }

  @Mutation(() => ReferralNode, { description: 'Set or clear the identifying details (the referring organisation, and organisations with the person’s consent).' })
  setReferralIdentifyingDetails(@Args() { id, version, input }: IdentifyingDetailsArgs, @Ctx() ctx: RequestContext) {
    return setIdentifyingDetails(ctx, id, version, input.identifyingDetails);
  }

  // Case content: null unless the caller may read the case.

  @FieldResolver(() => Organisation, { nullable: true })
  referringOrganisation(@Root() node: ReferralNode, @Ctx() ctx: RequestContext) {
    return node.content ? ctx.loaders.organisationById.load(node.content.referringOrganisationId) : null;
  }

  @FieldResolver(() => Organisation, { nullable: true })
  receivingOrganisation(@Root() node: ReferralNode, @Ctx() ctx: RequestContext) {
    return node.content?.receivingOrganisationId ? ctx.loaders.organisationById.load(node.content.receivingOrganisationId) : null;
  }

  @FieldResolver(() => Network, { nullable: true })
  network(@Root() node: ReferralNode, @Ctx() ctx: RequestContext) {
    return node.content?.networkId ? ctx.loaders.networkById.load(node.content.networkId) : null;
  }

  @FieldResolver(() => Service, { nullable: true })
  service(@Root() node: ReferralNode, @Ctx() ctx: RequestContext) {
    return node.content?.serviceId ? ctx.loaders.serviceById.load(node.content.serviceId) : null;
  }

  @FieldResolver(() => Area, { nullable: true })
  area(@Root() node: ReferralNode, @Ctx() ctx: RequestContext) {
    return node.content?.areaId ? ctx.loaders.areaById.load(node.content.areaId) : null;
  }

  @FieldResolver(() => [TargetGroup], { nullable: true })
  async targetGroups(@Root() node: ReferralNode, @Ctx() ctx: RequestContext) {
    return node.content ? loadAll(ctx.loaders.targetGroupById, await ctx.loaders.referralTargetGroupIds.load(node.id)) : null;
  }

  @FieldResolver(() => [InterventionType], { nullable: true })
  async interventionTypes(@Root() node: ReferralNode, @Ctx() ctx: RequestContext) {
    return node.content ? loadAll(ctx.loaders.interventionTypeById, await ctx.loaders.referralInterventionTypeIds.load(node.id)) : null;
  }

  @FieldResolver(() => [LifeDomain], { nullable: true })
  lifeDomains(@Root() node: ReferralNode) {
    return node.content?.lifeDomains ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'What is asked (anonymous layer).' })
  summary(@Root() node: ReferralNode) {
    return node.content?.summary ?? null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Who the person is, contact, identifying circumstances: null unless identityVisible (asking without consent is logged as a refused attempt).',
  })
  identifyingDetails(@Root() node: ReferralNode, @Ctx() ctx: RequestContext) {
    return referralIdentifyingDetails(ctx, node);
  }

  @FieldResolver(() => ConsentNode, { nullable: true })
  consent(@Root() node: ReferralNode, @Ctx() ctx: RequestContext) {
    return referralConsent(ctx, node);
  }

  @FieldResolver(() => [ReferralConsultationNode], { nullable: true, description: 'Shell partners consulted on the case.' })
  consultations(@Root() node: ReferralNode, @Ctx() ctx: RequestContext) {
    return referralConsultations(ctx, node);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation that took the case up and holds it until it hands it over.' })
  holderOrganisation(@Root() node: ReferralNode, @Ctx() ctx: RequestContext) {
    return node.content?.holderOrganisationId ? ctx.loaders.organisationById.load(node.content.holderOrganisationId) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The person who took it up (null when taken up through an API key, or after a handover).' })
  async holderName(@Root() node: ReferralNode, @Ctx() ctx: RequestContext) {
    return node.content?.holderUserId ? ((await ctx.loaders.userById.load(node.content.holderUserId))?.displayName ?? null) : null;
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Step 5: stay alert? (null until closed).' })
  stayAlert(@Root() node: ReferralNode) {
    return node.content?.stayAlert ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Step 5: when to look at the case again (YYYY-MM-DD).' })
  lookAgainOn(@Root() node: ReferralNode) {
    return node.content?.lookAgainOn ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Step 5: what we learned as professionals.' })
  lessonsLearned(@Root() node: ReferralNode) {
    return node.content?.lessonsLearned ?? null;
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'The case started before it was entered; its start and earlier steps carry their real dates.' })
  recordedAfterwards(@Root() node: ReferralNode) {
    return node.content?.recordedAfterwards ?? null;
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation that owns the problem after closure (probleemeigenaar).' })
  problemOwnerOrganisation(@Root() node: ReferralNode, @Ctx() ctx: RequestContext) {
    return node.content?.problemOwnerOrganisationId ? ctx.loaders.organisationById.load(node.content.problemOwnerOrganisationId) : null;
  }

  @FieldResolver(() => String, { nullable: true })
  outcome(@Root() node: ReferralNode) {
    return node.content?.outcome ?? null;
  }

  @FieldResolver(() => String, { nullable: true })
  declineReason(@Root() node: ReferralNode) {
    return node.content?.declineReason ?? null;
  }

  @FieldResolver(() => Date, { nullable: true })
  openedAt(@Root() node: ReferralNode) {
    return node.content?.openedAt ?? null;
  }

  @FieldResolver(() => Date, { nullable: true, description: 'When it ended (CLOSED, DECLINED or WITHDRAWN).' })
  closedAt(@Root() node: ReferralNode) {
    return node.content?.closedAt ?? null;
  }

  @FieldResolver(() => Date, { nullable: true })
  updatedAt(@Root() node: ReferralNode) {
    return node.content?.updatedAt ?? null;
  }

  @FieldResolver(() => [ReferralEventNode], { nullable: true, description: 'The history, oldest first.' })
  events(@Root() node: ReferralNode, @Ctx() ctx: RequestContext) {
    return referralEvents(ctx, node);
  }

  @FieldResolver(() => [ReferralActionNode], { nullable: true, description: 'Actions (werkafspraken), by due date.' })
  actions(@Root() node: ReferralNode, @Ctx() ctx: RequestContext) {
    return referralActions(ctx, node);
  }

  @FieldResolver(() => [ReferralActionNode], { nullable: true, description: 'Open actions past their due date.' })
  overdueActions(@Root() node: ReferralNode, @Ctx() ctx: RequestContext) {
    return referralActions(ctx, node, true);
  }

  @FieldResolver(() => [ReferralStatus], { description: 'Statuses your organisation can move this referral to now.' })
  availableTransitions(@Root() node: ReferralNode) {
    return availableTransitions(node);
  }
}

@Allow(Rule.ORGANISATION, Rule.SCOPE_REFERRALS)
@Resolver(() => ConsentNode)
export class ConsentResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Who last gave or withdrew it: the user, or the API key.' })
  async recordedBy(@Root() consent: ConsentNode, @Ctx() ctx: RequestContext) {
    return actorName(ctx, { userId: consent.recordedById, apiKeyId: consent.recordedByApiKeyId }, { withKeyPrefix: false });
  }

  @FieldResolver(() => [Organisation], { description: 'The organisations that read the identifying details through a standing consent of scope ORGANISATION.' })
  async organisations(@Root() consent: ConsentNode, @Ctx() ctx: RequestContext) {
    const ids = [...new Set(consent.records.filter((r) => r.withdrawnAt === null && r.organisationId).map((r) => r.organisationId!))];
    return loadAll(ctx.loaders.organisationById, ids);
  }
}

@Allow(Rule.ORGANISATION, Rule.SCOPE_REFERRALS)
@Resolver(() => ConsentRecordNode)
export class ConsentRecordResolver {
  @FieldResolver(() => Organisation, { nullable: true, description: 'For scope ORGANISATION: the organisation it names.' })
  organisation(@Root() record: ConsentRecordNode, @Ctx() ctx: RequestContext) {
    return record.organisationId ? ctx.loaders.organisationById.load(record.organisationId) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Who recorded it: the user, or the API key.' })
  recordedBy(@Root() record: ConsentRecordNode, @Ctx() ctx: RequestContext) {
    return actorName(ctx, { userId: record.recordedByUserId, apiKeyId: record.recordedByApiKeyId }, { withKeyPrefix: false });
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'On whose behalf it was recorded.' })
  recordedFor(@Root() record: ConsentRecordNode, @Ctx() ctx: RequestContext) {
    return record.recordedForOrganisationId ? ctx.loaders.organisationById.load(record.recordedForOrganisationId) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Who withdrew it.' })
  withdrawnBy(@Root() record: ConsentRecordNode, @Ctx() ctx: RequestContext) {
    return record.withdrawnAt ? actorName(ctx, { userId: record.withdrawnByUserId, apiKeyId: record.withdrawnByApiKeyId }, { withKeyPrefix: false }) : null;
  }
}

@Allow(Rule.ORGANISATION, Rule.SCOPE_REFERRALS)
@Resolver(() => ReferralConsultationNode)
export class ReferralConsultationResolver {
  @FieldResolver(() => Organisation, { nullable: true, description: 'The shell partner consulted.' })
  organisation(@Root() consultation: ReferralConsultationNode, @Ctx() ctx: RequestContext) {
    return ctx.loaders.organisationById.load(consultation.organisationId);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The core partner that consulted it.' })
  consultedBy(@Root() consultation: ReferralConsultationNode, @Ctx() ctx: RequestContext) {
    return ctx.loaders.organisationById.load(consultation.consultedByOrganisationId);
  }
}

@Allow(Rule.ORGANISATION, Rule.SCOPE_REFERRALS)
@Resolver(() => ReferralEventNode)
export class ReferralEventResolver {
  @FieldResolver(() => Organisation, { nullable: true, description: 'On whose behalf.' })
  organisation(@Root() event: ReferralEventNode, @Ctx() ctx: RequestContext) {
    return event.organisationId ? ctx.loaders.organisationById.load(event.organisationId) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: "Who: the user's name or the API key's name." })
  async actorName(@Root() event: ReferralEventNode, @Ctx() ctx: RequestContext) {
    return actorName(ctx, { userId: event.actorUserId, apiKeyId: event.actorApiKeyId }, { withKeyPrefix: false });
  }
}

@Allow(Rule.ORGANISATION, Rule.SCOPE_REFERRALS)
@Resolver(() => ReferralActionNode)
export class ReferralActionResolver {
  @FieldResolver(() => Organisation, { nullable: true })
  assignedOrganisation(@Root() action: ReferralActionNode, @Ctx() ctx: RequestContext) {
    return ctx.loaders.organisationById.load(action.assignedOrganisationId);
  }
}

/** The network meeting view, for the network's member organisations. */
@Allow(Rule.ORGANISATION, Rule.SCOPE_REFERRALS)
@Resolver(() => NetworkAgendaNode)
export class NetworkAgendaResolver {
  @Query(() => NetworkAgendaNode, { description: "A network meeting's agenda (your organisation must be a member)." })
  networkAgenda(@Args() { networkId, since }: NetworkAgendaArgs, @Ctx() ctx: RequestContext) {
    return networkAgenda(ctx, networkId, since);
  }

  @FieldResolver(() => Network, { nullable: true })
  network(@Root() agenda: NetworkAgendaNode, @Ctx() ctx: RequestContext) {
    return ctx.loaders.networkById.load(agenda.networkId);
  }
}

/** Aggregates only: municipality users (their areas and below) and admins. */
@Allow(Rule.ADMIN, Rule.MUNICIPALITY)
@Resolver(() => ReferralStatisticsNode)
export class ReferralStatisticsResolver {
  @Query(() => ReferralStatisticsNode, { description: 'Referral flow in aggregate, small counts suppressed. Municipality users: their areas and below; admins: everything.' })
  referralStatistics(@Ctx() ctx: RequestContext) {
    return referralStatistics(ctx);
  }

  @FieldResolver(() => [Area], { nullable: true, description: 'The areas in scope (null: everything).' })
  areas(@Root() statistics: ReferralStatisticsNode, @Ctx() ctx: RequestContext) {
    return statistics.areaIds ? loadAll(ctx.loaders.areaById, statistics.areaIds) : null;
  }
}

@Allow(Rule.ADMIN, Rule.MUNICIPALITY)
@Resolver(() => ReferralAreaCount)
export class ReferralAreaCountResolver {
  @FieldResolver(() => Area, { nullable: true })
  area(@Root() cell: ReferralAreaCount, @Ctx() ctx: RequestContext) {
    return cell.areaId ? ctx.loaders.areaById.load(cell.areaId) : null;
  }
}

@Allow(Rule.ADMIN, Rule.MUNICIPALITY)
@Resolver(() => ReferralTargetGroupCount)
export class ReferralTargetGroupCountResolver {
  @FieldResolver(() => TargetGroup, { nullable: true })
  targetGroup(@Root() cell: ReferralTargetGroupCount, @Ctx() ctx: RequestContext) {
    return ctx.loaders.targetGroupById.load(cell.targetGroupId);
  }
}

/** The access log and retention: admins, who curate but never read case content. */
@Allow(Rule.ADMIN)
@Resolver(() => AccessLogEntryNode)
export class AccessLogResolver {
  @Query(() => AccessLogEntryConnection, { description: 'Who read, changed or exported what, oldest first (NEN 7513), narrowed by dossier, user, organisation and period (every filter given must hold); the same entries as GET /csv/access-log. Admins.' })
  accessLog(@Args() args: AccessLogArgs, @Ctx() ctx: RequestContext) {
    return listAccessLog(ctx, args);
  }

  @Query(() => AccessLogEntryConnection, { description: 'Refused attempts to read a dossier (READ_DENIED), all dossiers, oldest first from `since` (default 30 days ago). Admins.' })
  refusedAccessAttempts(@Args() args: RefusedAccessArgs, @Ctx() ctx: RequestContext) {
    return listRefusedAccess(ctx, args);
  }

  @Mutation(() => PurgeReferralsResult, { description: 'Delete referrals that ended longer ago than the retention period (default REFERRAL_RETENTION_YEARS, 5), leaving deletion records. Admins.' })
  purgeClosedReferrals(@Args() { olderThanYears }: PurgeClosedReferralsArgs, @Ctx() ctx: RequestContext) {
    return purgeClosedReferralsAsAdmin(ctx, olderThanYears);
  }

  @FieldResolver(() => String, { nullable: true, description: "The user's name or the API key's name." })
  async actorName(@Root() entry: AccessLogEntryNode, @Ctx() ctx: RequestContext) {
    return actorName(ctx, { userId: entry.userId, apiKeyId: entry.apiKeyId }, { withKeyPrefix: false });
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'On whose behalf.' })
  organisation(@Root() entry: AccessLogEntryNode, @Ctx() ctx: RequestContext) {
    return entry.organisationId ? ctx.loaders.organisationById.load(entry.organisationId) : null;
  }
}
