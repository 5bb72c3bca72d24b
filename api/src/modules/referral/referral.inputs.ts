import { ArrayMaxSize, IsDefined, IsISO8601, IsOptional, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../common/connection';
import { ConsentScope, LifeDomain, ReferralStatus } from './referral.entity';
import './referral.types';

/** Which referrals of your organisation. */
export enum ReferralRole {
  SENT = 'SENT',
  RECEIVED = 'RECEIVED',
  NETWORK = 'NETWORK',
}

registerEnumType(ReferralRole, {
  name: 'ReferralRole',
  valuesConfig: {
    SENT: { description: 'Your organisation referred (outbox).' },
    RECEIVED: { description: 'Your organisation is the receiving organisation (inbox).' },
    NETWORK: { description: 'Referred to a network your organisation is a member of.' },
  },
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_TEXT = 5000;

@InputType({ description: "The person's consent to discuss the case (§4.5)." })
export class ConsentInput {
  @Field(() => Boolean)
  @IsDefined()
  given: boolean;

  @Field(() => ConsentScope, { nullable: true, description: 'Required when consent is given.' })
  @IsOptional()
  scope?: ConsentScope | null;
}

/**
 * A new referral from your organisation. Anonymous by design: there is no field for a name,
 * BSN or birth date, and text that contains a valid BSN is refused.
 */
@InputType()
export class CreateReferralInput {
  @Field(() => ID, { nullable: true, description: 'The receiving organisation; this, a network or both.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  receivingOrganisationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The network the case is brought into.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  networkId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The service referred to.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  serviceId?: string | null;

  @Field(() => [String], { nullable: true, description: 'Target group codes.' })
  @IsOptional()
  @ArrayMaxSize(30)
  @MaxLength(100, { each: true })
  targetGroups?: string[] | null;

  @Field(() => [LifeDomain], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  lifeDomains?: LifeDomain[] | null;

  @Field(() => [String], { nullable: true, description: 'Intervention type codes.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @MaxLength(100, { each: true })
  interventionTypes?: string[] | null;

  @Field(() => String, { nullable: true, description: "Area (CBS code, slug or id); by default the network's area when it covers exactly one." })
  @IsOptional()
  @MaxLength(100)
  area?: string | null;

  @Field(() => String, { nullable: true, description: 'What is going on, without anything that identifies the person.' })
  @IsOptional()
  @MaxLength(MAX_TEXT)
  summary?: string | null;

  @Field(() => ConsentInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  consent?: ConsentInput | null;
}

@ArgsType()
export class CreateReferralArgs {
  @Field(() => CreateReferralInput)
  @ValidateNested()
  input: CreateReferralInput;
}

/** Every change names the referral and the version you read (a newer one answers CONFLICT). */
@ArgsType()
export class ReferralChangeArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The version you read; a newer one answers CONFLICT.' })
  version: number;
}

@InputType()
export class AcceptReferralInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MAX_TEXT)
  note?: string | null;
}

@ArgsType()
export class AcceptReferralArgs extends ReferralChangeArgs {
  @Field(() => AcceptReferralInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  input?: AcceptReferralInput | null;
}

@InputType()
export class DeclineReferralInput {
  @Field(() => String, { description: 'Why your organisation cannot take it.' })
  @Length(1, MAX_TEXT)
  reason: string;
}

@ArgsType()
export class DeclineReferralArgs extends ReferralChangeArgs {
  @Field(() => DeclineReferralInput)
  @ValidateNested()
  input: DeclineReferralInput;
}

@InputType()
export class ChangeReferralStatusInput {
  @Field(() => ReferralStatus, { description: 'EXPLORING, ACTION_AGREED, IN_PROGRESS, ON_HOLD or WITHDRAWN (declining and closing have their own mutations).' })
  to: ReferralStatus;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MAX_TEXT)
  note?: string | null;
}

@ArgsType()
export class ChangeReferralStatusArgs extends ReferralChangeArgs {
  @Field(() => ChangeReferralStatusInput)
  @ValidateNested()
  input: ChangeReferralStatusInput;
}

@ArgsType()
export class RecordConsentArgs extends ReferralChangeArgs {
  @Field(() => ConsentInput)
  @ValidateNested()
  input: ConsentInput;
}

@InputType()
export class AddReferralActionInput {
  @Field(() => String, { description: 'What will be done (werkafspraak).' })
  @Length(1, MAX_TEXT)
  description: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'must be an id' })
  assignedOrganisationId: string;

  @Field(() => String, {
    nullable: true,
    description: "YYYY-MM-DD; by default today plus the network's meeting interval, or REFERRAL_DEFAULT_ACTION_WEEKS (6) weeks.",
  })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'must be a date that exists' })
  dueOn?: string | null;
}

@ArgsType()
export class AddReferralActionArgs extends ReferralChangeArgs {
  @Field(() => AddReferralActionInput)
  @ValidateNested()
  input: AddReferralActionInput;
}

@InputType()
export class CompleteReferralActionInput {
  @Field(() => String, { description: 'What came of it.' })
  @Length(1, MAX_TEXT)
  result: string;
}

/** `id` and `version` are the action's. */
@ArgsType()
export class CompleteReferralActionArgs {
  @Field(() => ID, { description: 'The action.' })
  id: string;

  @Field(() => Int, { description: "The action's version you read; a newer one answers CONFLICT." })
  version: number;

  @Field(() => CompleteReferralActionInput)
  @ValidateNested()
  input: CompleteReferralActionInput;
}

@InputType()
export class AddReferralNoteInput {
  @Field(() => String, { description: 'Progress, feedback (terugkoppeling), new information.' })
  @Length(1, MAX_TEXT)
  text: string;
}

@ArgsType()
export class AddReferralNoteArgs extends ReferralChangeArgs {
  @Field(() => AddReferralNoteInput)
  @ValidateNested()
  input: AddReferralNoteInput;
}

@InputType()
export class CloseReferralInput {
  @Field(() => String, { description: 'How it ended: what worked, the situation now, stay alert?' })
  @Length(1, MAX_TEXT)
  outcome: string;

  @Field(() => ID, { description: 'The organisation that owns the problem from now on (probleemeigenaar).' })
  @IsUUID('all', { message: 'must be an id' })
  problemOwnerOrganisationId: string;
}

@ArgsType()
export class CloseReferralArgs extends ReferralChangeArgs {
  @Field(() => CloseReferralInput)
  @ValidateNested()
  input: CloseReferralInput;
}

@ArgsType()
export class ReferralLookupArgs {
  @Field(() => ID, { nullable: true })
  id?: string | null;

  @Field(() => String, { nullable: true, description: 'e.g. 2026-00042' })
  dossierNumber?: string | null;
}

@ArgsType()
export class ReferralsArgs extends PageArgs {
  @Field(() => ReferralStatus, { nullable: true })
  status?: ReferralStatus | null;

  @Field(() => ReferralRole, { nullable: true, description: 'Sent, received or through a network; all three when left out.' })
  role?: ReferralRole | null;
}

@ArgsType()
export class NetworkAgendaArgs {
  @Field(() => ID)
  networkId: string;

  @Field(() => String, { nullable: true, description: 'Date of the last meeting (YYYY-MM-DD); by default today minus the meeting interval.' })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'must be a date that exists' })
  since?: string | null;
}

@ArgsType()
export class AccessLogArgs extends PageArgs {
  @Field(() => String)
  @Length(1, 20)
  dossierNumber: string;
}

@ArgsType()
export class PurgeClosedReferralsArgs {
  @Field(() => Int, { nullable: true, description: 'Retention period in years (default REFERRAL_RETENTION_YEARS, 5).' })
  @IsOptional()
  @Min(1)
  @Max(100)
  olderThanYears?: number | null;
}
