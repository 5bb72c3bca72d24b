import { ArrayMaxSize, IsDefined, IsISO8601, IsOptional, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../common/connection';
import { SwitchModel } from '../network/network.entity';
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
    RECEIVED: { description: 'Your organisation is the receiving organisation or holds the case (inbox).' },
    NETWORK: { description: 'Brought into a network your organisation is a core member of, or consulted on as a shell partner.' },
  },
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_TEXT = 5000;

@InputType({ description: "The person's consent to discuss the case (§4.5)." })
export class ConsentInput {
  @Field(() => Boolean)
  @IsDefined()
  given: boolean;

  @Field(() => ConsentScope, { nullable: true, description: 'Whom the consent names; required when consent is given. Withdrawing without a scope withdraws every standing consent.' })
  @IsOptional()
  scope?: ConsentScope | null;

  @Field(() => ID, { nullable: true, description: 'The organisation, for scope ORGANISATION.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  organisationId?: string | null;
}

/** `happenedOn`: the day a step really happened, for a case entered afterwards. */
const HAPPENED_ON = 'The day this really happened (YYYY-MM-DD), when it is entered afterwards: not in the future, not before the previous step.';

/**
 * A new referral from your organisation, in two layers: the anonymous case (everything but
 * `identifyingDetails`; text that identifies a person is refused there) and the identifying
 * details, read only by the organisations the person consented to.
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

  @Field(() => String, { nullable: true, description: 'What is asked, without anything that identifies the person (names with titles, birth dates, addresses, postcodes, phone numbers, e-mail addresses and BSNs are refused).' })
  @IsOptional()
  @MaxLength(MAX_TEXT)
  summary?: string | null;

  @Field(() => String, { nullable: true, description: 'Who the person is, contact, circumstances that identify: read only by the organisations the person consented to (and yours).' })
  @IsOptional()
  @MaxLength(MAX_TEXT)
  identifyingDetails?: string | null;

  @Field(() => String, { nullable: true, description: 'For a case entered afterwards: the day it really started (YYYY-MM-DD), not in the future, not before the area existed or the network started (foundedOn).' })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'must be a date that exists' })
  startedOn?: string | null;

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

  @Field(() => String, { nullable: true, description: HAPPENED_ON })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'must be a date that exists' })
  happenedOn?: string | null;
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

  @Field(() => String, { nullable: true, description: HAPPENED_ON })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'must be a date that exists' })
  happenedOn?: string | null;
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

  @Field(() => String, { nullable: true, description: HAPPENED_ON })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'must be a date that exists' })
  happenedOn?: string | null;
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

  @Field(() => String, { nullable: true, description: HAPPENED_ON })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'must be a date that exists' })
  happenedOn?: string | null;
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

  @Field(() => String, { nullable: true, description: HAPPENED_ON })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'must be a date that exists' })
  happenedOn?: string | null;
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

  @Field(() => String, { nullable: true, description: HAPPENED_ON })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'must be a date that exists' })
  happenedOn?: string | null;
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

  @Field(() => Boolean, { nullable: true, description: 'Is it needed to stay alert (§3.7 step 5)? Default false.' })
  @IsOptional()
  stayAlert?: boolean | null;

  @Field(() => String, { nullable: true, description: 'With stayAlert: when to look at the case again (YYYY-MM-DD, after the closing day); the network agenda lists it from the meeting before.' })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'must be a date that exists' })
  lookAgainOn?: string | null;

  @Field(() => String, { nullable: true, description: 'What we learned from it as professionals (anonymous).' })
  @IsOptional()
  @MaxLength(MAX_TEXT)
  lessonsLearned?: string | null;

  @Field(() => String, { nullable: true, description: HAPPENED_ON })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'must be a date that exists' })
  happenedOn?: string | null;
}

@ArgsType()
export class CloseReferralArgs extends ReferralChangeArgs {
  @Field(() => CloseReferralInput)
  @ValidateNested()
  input: CloseReferralInput;
}

@InputType()
export class HandOverReferralInput {
  @Field(() => ID, { description: 'The organisation that takes the case over (holder and problem owner from now on).' })
  @IsUUID('all', { message: 'must be an id' })
  organisationId: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MAX_TEXT)
  note?: string | null;

  @Field(() => String, { nullable: true, description: HAPPENED_ON })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'must be a date that exists' })
  happenedOn?: string | null;
}

@ArgsType()
export class HandOverReferralArgs extends ReferralChangeArgs {
  @Field(() => HandOverReferralInput)
  @ValidateNested()
  input: HandOverReferralInput;
}

@InputType()
export class ConsultOnReferralInput {
  @Field(() => ID, { description: "A shell partner of the referral's network." })
  @IsUUID('all', { message: 'must be an id' })
  organisationId: string;

  @Field(() => String, { nullable: true, description: 'What it is asked (anonymous).' })
  @IsOptional()
  @MaxLength(MAX_TEXT)
  question?: string | null;
}

@ArgsType()
export class ConsultOnReferralArgs extends ReferralChangeArgs {
  @Field(() => ConsultOnReferralInput)
  @ValidateNested()
  input: ConsultOnReferralInput;
}

@InputType()
export class IdentifyingDetailsInput {
  @Field(() => String, { nullable: true, description: 'Who the person is, contact, identifying circumstances; null or empty clears them.' })
  @IsOptional()
  @MaxLength(MAX_TEXT)
  identifyingDetails?: string | null;
}

@ArgsType()
export class IdentifyingDetailsArgs extends ReferralChangeArgs {
  @Field(() => IdentifyingDetailsInput)
  @ValidateNested()
  input: IdentifyingDetailsInput;
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

  @Field(() => SwitchModel, { nullable: true, description: 'Only cases brought into a network that works by this switch model (§6.2).' })
  @IsOptional()
  switchModel?: SwitchModel | null;
}

@ArgsType()
export class RefusedAccessArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'From this day on (YYYY-MM-DD, Europe/Amsterdam); by default 30 days ago.' })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'must be a date that exists' })
  since?: string | null;
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

/** What the access log is narrowed to: every filter given must hold (referral.access.ts, `accessLogWhere`). */
@ArgsType()
export class AccessLogArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Entries of this dossier only.' })
  @IsOptional()
  @Length(1, 20)
  dossierNumber?: string | null;

  @Field(() => ID, { nullable: true, description: 'Entries of what this user did only.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  userId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Entries on behalf of this organisation only.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  organisationId?: string | null;

  @Field(() => String, { nullable: true, description: 'From this day on, inclusive (YYYY-MM-DD, Europe/Amsterdam).' })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'must be a date that exists' })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'Up to and including this day (YYYY-MM-DD, Europe/Amsterdam); not before `from`.' })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'must be a date that exists' })
  to?: string | null;
}

@ArgsType()
export class PurgeClosedReferralsArgs {
  @Field(() => Int, { nullable: true, description: 'Retention period in years (default REFERRAL_RETENTION_YEARS, 5).' })
  @IsOptional()
  @Min(1)
  @Max(100)
  olderThanYears?: number | null;
}
