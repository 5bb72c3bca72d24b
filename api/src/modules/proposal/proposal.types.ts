import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum ProposalEventAction {
  PROPOSED = 'PROPOSED',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(ProposalEventAction, { name: 'ProposalEventAction' });

@ObjectType({ description: "One step of a proposal's history: proposed, then accepted, rejected (with the reason) or withdrawn." })
export class ProposalEvent {
  @Field(() => ProposalEventAction)
  action: ProposalEventAction;

  @Field(() => Date)
  occurredAt: Date;

  @Field(() => String, { nullable: true, description: 'Who did it (`[erased]` once the account is erased); null once the account is gone.' })
  actorName: string | null;

  @Field(() => String, { nullable: true, description: "The curator's reason (rejected; accepted when one was given)." })
  reason: string | null;
}
