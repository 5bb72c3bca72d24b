import { ArrayMaxSize, ArrayUnique, IsDefined, IsOptional, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { ArchivableListArgs } from '../../common/connection';
import { MemberContribution, MemberTier } from './network-member.entity';
import { KnowledgeArea, NetworkKind, NetworkStatus, SwitchModel } from './network.entity';

@ArgsType()
export class NetworksArgs extends ArchivableListArgs {
  @Field(() => String, { nullable: true, description: 'Covers this area (CBS code, slug or id), directly or through a parent or child area.' })
  area?: string | null;

  @Field(() => NetworkKind, { nullable: true })
  kind?: NetworkKind | null;

  @Field(() => NetworkStatus, { nullable: true })
  status?: NetworkStatus | null;

  @Field(() => String, { nullable: true, description: 'Target group code.' })
  targetGroup?: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Network fields; an omitted field stays as it is and null clears it. */
@InputType()
export class UpdateNetworkInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 300)
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Stable key; derived from the name when left out on create.' })
  @IsOptional()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'must be lower-case letters and digits separated by hyphens' })
  @MaxLength(150)
  slug?: string | null;

  @Field(() => NetworkKind, { nullable: true })
  @IsOptional()
  kind?: NetworkKind | null;

  @Field(() => String, { nullable: true, description: 'The kind in the source\'s words.' })
  @IsOptional()
  @MaxLength(300)
  kindDescription?: string | null;

  @Field(() => SwitchModel, { nullable: true, description: 'Only for switch teams (kind SWITCH_TEAM).' })
  @IsOptional()
  switchModel?: SwitchModel | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(10000)
  purpose?: string | null;

  @Field(() => Int, { nullable: true, description: 'Weeks between meetings, 1–104.' })
  @IsOptional()
  @Min(1)
  @Max(104)
  meetingIntervalWeeks?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  meetingFrequency?: string | null;

  @Field(() => ID, { nullable: true, description: 'The coordinating organisation. Its users and API keys (WRITE_OWN_ORGANISATION) curate the network; only admins hand it to another organisation.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  coordinatorOrganisationId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(300)
  coordinatorRole?: string | null;

  @Field(() => ID, { nullable: true, description: 'Location where the network is based.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  homeBaseLocationId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(10000)
  workingMethod?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  sizeDescription?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  period?: string | null;

  @Field(() => String, { nullable: true, description: 'The day the network started (YYYY-MM-DD), not in the future; null: not known.' })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date (YYYY-MM-DD)' })
  foundedOn?: string | null;

  @Field(() => NetworkStatus, { nullable: true })
  @IsOptional()
  status?: NetworkStatus | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  source?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(10000)
  note?: string | null;

  @Field(() => [KnowledgeArea], { nullable: true, description: 'Knowledge stated for the team as a whole (book §9.7 Praktijk 2); replaces the list; null: not recorded.' })
  @IsOptional()
  @ArrayUnique()
  knowledgeAreas?: KnowledgeArea[] | null;

  @Field(() => [String], { nullable: true, description: 'Areas covered (CBS codes, slugs or ids); replaces the list.' })
  @IsOptional()
  @ArrayMaxSize(1000)
  areas?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Target group codes; replaces the list.' })
  @IsOptional()
  @ArrayMaxSize(200)
  targetGroups?: string[] | null;
}

/** A new network: name and kind are required. */
@InputType()
export class CreateNetworkInput extends UpdateNetworkInput {
  @Field(() => String)
  @IsDefined()
  @Length(1, 300)
  override name: string;

  @Field(() => NetworkKind)
  @IsDefined()
  override kind: NetworkKind;
}

@ArgsType()
export class CreateNetworkArgs {
  @Field(() => CreateNetworkInput)
  @ValidateNested()
  input: CreateNetworkInput;
}

@ArgsType()
export class UpdateNetworkArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The version you read; a newer one answers CONFLICT.' })
  version: number;

  @Field(() => UpdateNetworkInput)
  @ValidateNested()
  input: UpdateNetworkInput;
}

/**
 * A member: an organisation (`organisationId`, or `organisationName` for a party not on the
 * map) and/or a key person. An omitted field stays as it is and null clears it.
 */
@InputType()
export class NetworkMemberInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  organisationId?: string | null;

  @Field(() => String, { nullable: true, description: 'How the source names the member (a department, or a party not on the map).' })
  @IsOptional()
  @MaxLength(300)
  organisationName?: string | null;

  @Field(() => ID, { nullable: true, description: 'The key person representing the member.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  keyPersonId?: string | null;

  @Field(() => String, { nullable: true, description: 'Role in the network (e.g. "opbouwwerker").' })
  @IsOptional()
  @MaxLength(300)
  role?: string | null;

  @Field(() => MemberTier, { nullable: true })
  @IsOptional()
  tier?: MemberTier | null;

  @Field(() => MemberContribution, { nullable: true })
  @IsOptional()
  contribution?: MemberContribution | null;

  @Field(() => Float, { nullable: true, description: 'Time this seat gives the network, 0–1.5 fte (one role; add a member per role).' })
  @IsOptional()
  @Min(0)
  @Max(1.5)
  fte?: number | null;

  @Field(() => Float, { nullable: true, description: 'Hours per week, 0–168.' })
  @IsOptional()
  @Min(0)
  @Max(168)
  hoursPerWeek?: number | null;

  @Field(() => [KnowledgeArea], { nullable: true, description: 'Knowledge areas the member brings to the team (book §9.7 Praktijk 2); replaces the list; null: not recorded.' })
  @IsOptional()
  @ArrayUnique()
  knowledgeAreas?: KnowledgeArea[] | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date (YYYY-MM-DD)' })
  joinedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, on or after joinedOn. Setting it keeps the member in the history of the network.' })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date (YYYY-MM-DD)' })
  leftOn?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  source?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(10000)
  note?: string | null;
}

@ArgsType()
export class AddNetworkMemberArgs {
  @Field(() => ID)
  networkId: string;

  @Field(() => NetworkMemberInput)
  @ValidateNested()
  input: NetworkMemberInput;
}

@ArgsType()
export class UpdateNetworkMemberArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The version you read; a newer one answers CONFLICT.' })
  version: number;

  @Field(() => NetworkMemberInput)
  @ValidateNested()
  input: NetworkMemberInput;
}
