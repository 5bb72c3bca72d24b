import { ArrayMaxSize, IsDefined, IsEmail, IsOptional, IsUUID, IsUrl, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PHONE_NUMBER } from '../../common/phone.rules';
import { ServiceCriteriaArgs } from '../service';
import { OrganisationScope, OrganisationStatus, Sector } from './organisation.entity';

/**
 * `area` matches organisations active in the area (or above/below it), with a location in
 * it, or providing or partnering a service that serves it. `targetGroup`, `interventionType`
 * and `basicFunction` match organisations providing or partnering such a service.
 * `search` is Dutch full-text search over the organisation's name, abbreviation and description.
 */
@ArgsType()
export class OrganisationsArgs extends ServiceCriteriaArgs {
  @Field(() => Sector, { nullable: true })
  sector?: Sector | null;

  @Field(() => OrganisationStatus, { nullable: true })
  status?: OrganisationStatus | null;
}

/** Organisation fields a curator can set; an omitted field stays as it is and null clears it. */
@InputType()
export class UpdateOrganisationInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 300)
  name?: string | null;

  @Field(() => Sector, { nullable: true })
  @IsOptional()
  sector?: Sector | null;

  @Field(() => String, { nullable: true, description: 'Stable key; derived from the name when left out on create.' })
  @IsOptional()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'must be lower-case letters and digits separated by hyphens' })
  @MaxLength(150)
  slug?: string | null;

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

  @Field(() => Sector, { nullable: true })
  @IsOptional()
  secondarySector?: Sector | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  subsector?: string | null;

  @Field(() => [String], { nullable: true, description: 'Wmo, Wlz, Zvw, Jeugdwet, …' })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(100, { each: true })
  fundingStreams?: string[] | null;

  @Field(() => OrganisationScope, { nullable: true })
  @IsOptional()
  scope?: OrganisationScope | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  worksWithoutIndication?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  generic?: boolean | null;

  @Field(() => String, { nullable: true, description: 'http(s) URL.' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http(s) URL' })
  @MaxLength(500)
  website?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(PHONE_NUMBER, { message: 'must be a phone number' })
  phone?: string | null;

  @Field(() => ID, { nullable: true, description: 'Umbrella organisation.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  parentId?: string | null;

  @Field(() => OrganisationStatus, { nullable: true })
  @IsOptional()
  status?: OrganisationStatus | null;

  @Field(() => [String], { nullable: true, description: 'Areas the organisation is active in (CBS codes, slugs or ids); replaces the list.' })
  @IsOptional()
  @ArrayMaxSize(1000)
  areas?: string[] | null;
}

/** A new organisation: name and sector are required. */
@InputType()
export class CreateOrganisationInput extends UpdateOrganisationInput {
  @Field(() => String)
  @IsDefined()
  @Length(1, 300)
  override name: string;

  @Field(() => Sector)
  @IsDefined()
  override sector: Sector;
}

@ArgsType()
export class CreateOrganisationArgs {
  @Field(() => CreateOrganisationInput)
  @ValidateNested()
  input: CreateOrganisationInput;
}

@ArgsType()
export class UpdateOrganisationArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The version you read; a newer one answers CONFLICT.' })
  version: number;

  @Field(() => UpdateOrganisationInput)
  @ValidateNested()
  input: UpdateOrganisationInput;
}

/** Two organisations to make one: everything of the source moves to the target, the source is archived as merged into it. */
@InputType()
export class MergeOrganisationsInput {
  @Field(() => ID, { description: 'The organisation that goes: archived, marked as merged into the target.' })
  @IsUUID()
  sourceId: string;

  @Field(() => ID, { description: 'The organisation that stays and receives everything of the source.' })
  @IsUUID()
  targetId: string;

  @Field(() => Int, { description: "The source's version you read; a newer one answers CONFLICT." })
  sourceVersion: number;

  @Field(() => Int, { description: "The target's version you read; a newer one answers CONFLICT." })
  targetVersion: number;
}

@ArgsType()
export class MergeOrganisationsArgs {
  @Field(() => MergeOrganisationsInput)
  @ValidateNested()
  input: MergeOrganisationsInput;
}

@ArgsType()
export class OrganisationMergePreviewArgs {
  @Field(() => ID)
  @IsUUID()
  sourceId: string;

  @Field(() => ID)
  @IsUUID()
  targetId: string;
}
