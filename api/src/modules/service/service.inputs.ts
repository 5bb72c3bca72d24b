import { ArrayMaxSize, IsDefined, IsEmail, IsISO8601, IsOptional, IsUUID, IsUrl, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ArchivableListArgs } from '../../common/connection';
import { AGE_LIMITS } from '../../common/age-range.rules';
import { DetailListsInput } from '../hsds';
import { Sector } from '../organisation/organisation.entity';
import { ServiceStatus } from './service.entity';

/** Filters on what services offer; organisations can be filtered by the same criteria. */
@ArgsType()
export class ServiceCriteriaArgs extends ArchivableListArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Serves this area (CBS code, slug or id): directly, through a parent area (city-wide) or a child area.',
  })
  area?: string | null;

  @Field(() => String, { nullable: true, description: 'Target group code.' })
  targetGroup?: string | null;

  @Field(() => String, { nullable: true, description: 'Intervention type code.' })
  interventionType?: string | null;

  @Field(() => String, { nullable: true, description: 'Basic function code: services with an intervention type of this function.' })
  basicFunction?: string | null;

  // A long query becomes a deep tsquery tree (past a few thousand words PostgreSQL runs out of
  // stack); 200 characters, as in the HSDS API.
  @Field(() => String, { nullable: true, description: 'Dutch full-text search (websearch syntax: words, "phrases", -exclusions, or).' })
  @IsOptional()
  @MaxLength(200)
  search?: string | null;
}

@ArgsType()
export class ServicesArgs extends ServiceCriteriaArgs {
  @Field(() => ServiceStatus, { nullable: true })
  status?: ServiceStatus | null;

  @Field(() => Sector, { nullable: true, description: 'Sector of the providing organisation.' })
  sector?: Sector | null;

  @Field(() => ID, { nullable: true, description: 'Provided by, or in partnership with, this organisation.' })
  organisation?: string | null;
}

/** A calendar date `YYYY-MM-DD` that exists (no 30 February). */
const ISO_DATE = /^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}$/;

/**
 * Service fields a curator can set; an omitted field stays as it is and null clears it. Each
 * link list (`partnerIds`, `targetGroups`, `interventionTypes`, `areas`, `locationIds`) and
 * each detail list (`schedules`, `phones`) replaces the service's list when given; null clears it.
 */
@InputType()
export class UpdateServiceInput extends DetailListsInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 300)
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Stable key; derived from the name when left out on create.' })
  @IsOptional()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'must be lower-case letters and digits separated by hyphens' })
  @MaxLength(150)
  slug?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "Providing organisation. Organisations' own users and API keys may leave it out on create (it is then their own) and cannot change it.",
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  organisationId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(50)
  abbreviation?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @MaxLength(300, { each: true })
  aliases?: string[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(10000)
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Who the service is for, in words.' })
  @IsOptional()
  @MaxLength(10000)
  eligibility?: string | null;

  @Field(() => Int, { nullable: true, description: '0–130, at most maxAge.' })
  @IsOptional()
  @Min(AGE_LIMITS.min)
  @Max(AGE_LIMITS.max)
  minAge?: number | null;

  @Field(() => Int, { nullable: true, description: '0–130, at least minAge.' })
  @IsOptional()
  @Min(AGE_LIMITS.min)
  @Max(AGE_LIMITS.max)
  maxAge?: number | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  requiresIndication?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  worksWithoutIndication?: boolean | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  cost?: string | null;

  @Field(() => String, { nullable: true, description: "The service's own web page, http(s)." })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http(s) URL' })
  @MaxLength(500)
  url?: string | null;

  @Field(() => String, { nullable: true, description: "The service's own e-mail address." })
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email?: string | null;

  @Field(() => [String], { nullable: true, description: 'Languages the service is offered in (names or ISO 639 codes).' })
  @IsOptional()
  @ArrayMaxSize(30)
  @Length(1, 100, { each: true })
  languages?: string[] | null;

  @Field(() => ServiceStatus, { nullable: true, description: 'Null resets to ACTIVE.' })
  @IsOptional()
  status?: ServiceStatus | null;

  @Field(() => String, { nullable: true, description: 'First day, `YYYY-MM-DD`; on or before validTo.' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'must be a date that exists' })
  validFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'Last day, `YYYY-MM-DD`; on or after validFrom.' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'must be a date that exists' })
  validTo?: string | null;

  @Field(() => String, { nullable: true, description: 'The period in words, where there are no dates.' })
  @IsOptional()
  @MaxLength(2000)
  periodDescription?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  funding?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  frequency?: string | null;

  @Field(() => [String], { nullable: true, description: 'Results reported.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @MaxLength(2000, { each: true })
  results?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Partner organisations (ids); replaces the list.' })
  @IsOptional()
  @ArrayMaxSize(200)
  partnerIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Target group codes; replaces the list.' })
  @IsOptional()
  @ArrayMaxSize(200)
  targetGroups?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Intervention type codes; replaces the list.' })
  @IsOptional()
  @ArrayMaxSize(200)
  interventionTypes?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Areas served (CBS codes, slugs or ids); replaces the list.' })
  @IsOptional()
  @ArrayMaxSize(1000)
  areas?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Locations where the service is delivered (ids); replaces the list.' })
  @IsOptional()
  @ArrayMaxSize(200)
  locationIds?: string[] | null;
}

/** A new service: the name is required. */
@InputType()
export class CreateServiceInput extends UpdateServiceInput {
  @Field(() => String)
  @IsDefined()
  @Length(1, 300)
  override name: string;
}

@ArgsType()
export class CreateServiceArgs {
  @Field(() => CreateServiceInput)
  @ValidateNested()
  input: CreateServiceInput;
}

@ArgsType()
export class UpdateServiceArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The version you read; a newer one answers CONFLICT.' })
  version: number;

  @Field(() => UpdateServiceInput)
  @ValidateNested()
  input: UpdateServiceInput;
}
