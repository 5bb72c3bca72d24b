import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType } from '../../common/connection';
import type { RequestContext } from '../../context';
import { Allow, Rule } from '../../auth/auth.rules';
import { actorName } from '../curation';
import { Organisation } from '../organisation/organisation.entity';
import { Proposal, ProposalKind } from './proposal.entity';
import {
  DecideProposalArgs,
  ProposalsArgs,
  ProposeKeyPersonChangeArgs,
  ProposeLocationChangeArgs,
  ProposeNewKeyPersonArgs,
  ProposeNewLocationArgs,
  ProposeNewOrganisationArgs,
  ProposeNewServiceArgs,
  ProposeOrganisationChangeArgs,
  ProposeServiceChangeArgs,
  WithdrawProposalArgs,
} from './proposal.inputs';
import { acceptProposal, getProposal, listProposals, propose, proposalCurrentValues, proposalHistory, proposalTargetName, rejectProposal, withdrawProposal } from './proposal.service';
import { ProposalEvent } from './proposal.types';

export const ProposalConnection = ConnectionType(Proposal, 'Proposal');

const PROPOSE = "Propose this to the curators (admins), with the same input and the same checks as the real mutation; an organisation's users only. Admins are told.";

/** Organisations propose, a curator decides: admins see every proposal, an organisation's users their own organisation's. */
@Allow(Rule.ADMIN, Rule.ORGANISATION)
@Resolver(() => Proposal)
export class ProposalResolver {
  @Query(() => ProposalConnection, { description: "Proposals, oldest first (the curators' queue): admins see all, an organisation's users their own organisation's." })
  proposals(@Args() args: ProposalsArgs, @Ctx() ctx: RequestContext) {
    return listProposals(ctx, args);
  }

  @Query(() => Proposal, { nullable: true })
  proposal(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return getProposal(ctx, id);
  }

  @Allow(Rule.ORGANISATION)
  @Mutation(() => Proposal, { description: `A new organisation. ${PROPOSE}` })
  proposeNewOrganisation(@Args() { input, motivation }: ProposeNewOrganisationArgs, @Ctx() ctx: RequestContext) {
    return propose(ctx, ProposalKind.ORGANISATION, null, input, motivation);
  }

  @Allow(Rule.ORGANISATION)
  @Mutation(() => Proposal, { description: `A change to an organisation, at the version read. ${PROPOSE}` })
  proposeOrganisationChange(@Args() { id, version, input, motivation }: ProposeOrganisationChangeArgs, @Ctx() ctx: RequestContext) {
    return propose(ctx, ProposalKind.ORGANISATION, { id, version }, input, motivation);
  }

  @Allow(Rule.ORGANISATION)
  @Mutation(() => Proposal, { description: `A new location. ${PROPOSE}` })
  proposeNewLocation(@Args() { input, motivation }: ProposeNewLocationArgs, @Ctx() ctx: RequestContext) {
    return propose(ctx, ProposalKind.LOCATION, null, input, motivation);
  }

  @Allow(Rule.ORGANISATION)
  @Mutation(() => Proposal, { description: `A change to a location, at the version read. ${PROPOSE}` })
  proposeLocationChange(@Args() { id, version, input, motivation }: ProposeLocationChangeArgs, @Ctx() ctx: RequestContext) {
    return propose(ctx, ProposalKind.LOCATION, { id, version }, input, motivation);
  }

  @Allow(Rule.ORGANISATION)
  @Mutation(() => Proposal, { description: `A new service. ${PROPOSE}` })
  proposeNewService(@Args() { input, motivation }: ProposeNewServiceArgs, @Ctx() ctx: RequestContext) {
    return propose(ctx, ProposalKind.SERVICE, null, input, motivation);
  }

  @Allow(Rule.ORGANISATION)
  @Mutation(() => Proposal, { description: `A change to a service, at the version read. ${PROPOSE}` })
  proposeServiceChange(@Args() { id, version, input, motivation }: ProposeServiceChangeArgs, @Ctx() ctx: RequestContext) {
    return propose(ctx, ProposalKind.SERVICE, { id, version }, input, motivation);
  }

  @Allow(Rule.ORGANISATION)
  @Mutation(() => Proposal, { description: `A new key person (e.g. the wijkagent). ${PROPOSE}` })
  proposeNewKeyPerson(@Args() { input, motivation }: ProposeNewKeyPersonArgs, @Ctx() ctx: RequestContext) {
    return propose(ctx, ProposalKind.KEY_PERSON, null, input, motivation);
  }

  @Allow(Rule.ORGANISATION)
  @Mutation(() => Proposal, { description: `A change to a key person, at the version read. ${PROPOSE}` })
  proposeKeyPersonChange(@Args() { id, version, input, motivation }: ProposeKeyPersonChangeArgs, @Ctx() ctx: RequestContext) {
    return propose(ctx, ProposalKind.KEY_PERSON, { id, version }, input, motivation);
  }

  @Allow(Rule.ORGANISATION)
  @Mutation(() => Proposal, { description: "Withdraw a pending proposal: the proposing organisation's users." })
  withdrawProposal(@Args() { id, version }: WithdrawProposalArgs, @Ctx() ctx: RequestContext) {
    return withdrawProposal(ctx, id, version);
  }

  @Allow(Rule.ADMIN)
  @Mutation(() => Proposal, { description: 'Accept a pending proposal (admins, the curators): the real create or update runs now, as you; CONFLICT (proposalOutdated) when the record changed since.' })
  acceptProposal(@Args() { id, version, reason }: DecideProposalArgs, @Ctx() ctx: RequestContext) {
    return acceptProposal(ctx, id, version, reason);
  }

  @Allow(Rule.ADMIN)
  @Mutation(() => Proposal, { description: 'Reject a pending proposal with a reason (admins, the curators); the proposing organisation is told.' })
  rejectProposal(@Args() { id, version, reason }: DecideProposalArgs, @Ctx() ctx: RequestContext) {
    return rejectProposal(ctx, id, version, reason);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The proposing organisation.' })
  proposerOrganisation(@Root() proposal: Proposal, @Ctx() ctx: RequestContext) {
    return ctx.loaders.organisationById.load(proposal.proposerOrganisationId);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Who proposed it.' })
  proposerName(@Root() proposal: Proposal, @Ctx() ctx: RequestContext) {
    return actorName(ctx, { userId: proposal.proposerUserId, apiKeyId: null }, { withKeyPrefix: false });
  }

  @FieldResolver(() => String, { nullable: true, description: 'Who accepted, rejected or withdrew it.' })
  decidedByName(@Root() proposal: Proposal, @Ctx() ctx: RequestContext) {
    return actorName(ctx, { userId: proposal.decidedByUserId, apiKeyId: null }, { withKeyPrefix: false });
  }

  @FieldResolver(() => String, { nullable: true, description: 'The name of the record the change is for, as it is now; null for a new record.' })
  targetName(@Root() proposal: Proposal, @Ctx() ctx: RequestContext) {
    return proposalTargetName(ctx, proposal);
  }

  @FieldResolver(() => GraphQLJSONObject, { nullable: true, description: "The record's current value of each proposed field (references as ids), beside `payload`; null for a new record." })
  currentValues(@Root() proposal: Proposal, @Ctx() ctx: RequestContext) {
    return proposalCurrentValues(ctx, proposal);
  }

  @FieldResolver(() => [ProposalEvent], { description: 'Proposed, then accepted, rejected (with the reason) or withdrawn.' })
  history(@Root() proposal: Proposal, @Ctx() ctx: RequestContext) {
    return proposalHistory(ctx, proposal);
  }
}
