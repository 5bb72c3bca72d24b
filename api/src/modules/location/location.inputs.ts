import { ArrayMaxSize, IsDefined, IsOptional, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { ArchivableListArgs } from '../../common/connection';
import { DetailListsInput } from '../hsds';
import { LocationStatus } from './location.entity';

@ArgsType()
export class LocationsArgs extends ArchivableListArgs {
  @Field(() => String, { nullable: true, description: 'In this area or one of its sub-areas (CBS code, slug or id).' })
  area?: string | null;

  @Field(() => ID, { nullable: true, description: 'Operated by this organisation.' })
  organisation?: string | null;

  @Field(() => String, { nullable: true, description: 'Kind of facility, exact (e.g. `woonzorgcentrum`).' })
  kind?: string | null;

  @Field(() => LocationStatus, { nullable: true })
  status?: LocationStatus | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the name.' })
  @IsOptional()
  @MaxLength(200)
  search?: string | null;
}

/** A Dutch postcode, loosely typed: `3811ab`, `3811 AB`; stored as `3811 AB`. */
export const POSTCODE_INPUT = /^\s*[1-9][0-9]{3} ?[A-Za-z]{2}\s*$/;

/**
 * Location fields a curator can set; an omitted field stays as it is and null clears it. The
 * detail lists (`schedules`, `phones`) replace the location's list when given; null clears it.
 */
@InputType()
export class UpdateLocationInput extends DetailListsInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 300)
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Stable key; derived from the name when left out on create.' })
  @IsOptional()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'must be lower-case letters and digits separated by hyphens' })
  @MaxLength(150)
  slug?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @MaxLength(300, { each: true })
  aliases?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Kind of facility: wijkcentrum, woonzorgcentrum, informatiepunt, …' })
  @IsOptional()
  @MaxLength(200)
  kind?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(10000)
  description?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "Operating organisation. Organisations' own users and API keys may leave it out on create (it is then their own) and cannot change it.",
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  organisationId?: string | null;

  @Field(() => String, { nullable: true, description: 'Street and house number.' })
  @IsOptional()
  @MaxLength(300)
  address?: string | null;

  @Field(() => String, { nullable: true, description: 'Dutch postcode, e.g. `3811 AB` (stored in that form).' })
  @IsOptional()
  @Matches(POSTCODE_INPUT, { message: 'must be a Dutch postcode (1234 AB)' })
  postcode?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(100)
  city?: string | null;

  @Field(() => Float, { nullable: true, description: 'WGS 84, −90 to 90; give latitude and longitude together.' })
  @IsOptional()
  @Min(-90)
  @Max(90)
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: 'WGS 84, −180 to 180; give latitude and longitude together.' })
  @IsOptional()
  @Min(-180)
  @Max(180)
  longitude?: number | null;

  @Field(() => String, { nullable: true, description: 'The area the location lies in (CBS code, slug or id).' })
  @IsOptional()
  @Length(1, 150)
  area?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(10000)
  accessibility?: string | null;

  @Field(() => String, { nullable: true, description: 'Where the place is, in words (e.g. "aan het Neptunusplein").' })
  @IsOptional()
  @MaxLength(10000)
  locationDescription?: string | null;

  @Field(() => LocationStatus, { nullable: true, description: 'Null resets to ACTIVE.' })
  @IsOptional()
  status?: LocationStatus | null;
}

/** A new location: the name is required. */
@InputType()
export class CreateLocationInput extends UpdateLocationInput {
  @Field(() => String)
  @IsDefined()
  @Length(1, 300)
  override name: string;
}

@ArgsType()
export class CreateLocationArgs {
  @Field(() => CreateLocationInput)
  @ValidateNested()
  input: CreateLocationInput;
}

@ArgsType()
export class UpdateLocationArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The version you read; a newer one answers CONFLICT.' })
  version: number;

  @Field(() => UpdateLocationInput)
  @ValidateNested()
  input: UpdateLocationInput;
}

@ArgsType()
export class GeocodeAddressArgs {
  @Field(() => String, { description: 'Dutch postcode, `3811 AB` or `3811ab`.' })
  postcode: string;

  @Field(() => Int, { nullable: true, description: '1–99999; left out: read from the end of `address`.' })
  houseNumber?: number | null;

  @Field(() => String, { nullable: true, description: 'Street and house number as the location form holds them ("Stadhuisplein 1a"): the house number and addition are read from its end when houseNumber is left out.' })
  address?: string | null;

  @Field(() => String, { nullable: true, description: 'House letter and/or addition (`a`, `bis`, `A-3`).' })
  addition?: string | null;
}
