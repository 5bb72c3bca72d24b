import { ArrayMaxSize, IsDefined, IsInt, IsOptional, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ArchivableListArgs } from '../../common/connection';
import { AreaLevel } from './area.entity';
import { AREA_YEARS } from './area.rules';

@ArgsType()
export class AreasArgs extends ArchivableListArgs {
  @Field(() => AreaLevel, { nullable: true })
  level?: AreaLevel | null;

  @Field(() => String, { nullable: true, description: 'Only the direct children of this area (CBS code, slug or id).' })
  parent?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only top-level areas (municipalities without a parent).' })
  rootsOnly?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the name.' })
  @IsOptional()
  @MaxLength(200)
  search?: string | null;
}

@ArgsType()
export class AreaLookupArgs {
  @Field(() => ID, { nullable: true })
  id?: string | null;

  @Field(() => String, { nullable: true, description: 'CBS code: GM + 4, WK + 6 or BU + 8 digits.' })
  code?: string | null;

  @Field(() => String, { nullable: true })
  slug?: string | null;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Area fields an admin can set; an omitted field stays as it is and null clears it. */
@InputType()
export class UpdateAreaInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string | null;

  @Field(() => AreaLevel, { nullable: true, description: 'A DISTRICT lies in a MUNICIPALITY, a NEIGHBOURHOOD in a DISTRICT or MUNICIPALITY; a MUNICIPALITY has no parent.' })
  @IsOptional()
  level?: AreaLevel | null;

  @Field(() => String, { nullable: true, description: 'Stable key; derived from the name when left out on create.' })
  @IsOptional()
  @Matches(SLUG, { message: 'must be lower-case letters and digits separated by hyphens' })
  @MaxLength(100)
  slug?: string | null;

  @Field(() => String, { nullable: true, description: 'CBS code matching the level: GM + 4 digits, WK + 6 or BU + 8; null clears it.' })
  @IsOptional()
  @Matches(/^(GM\d{4}|WK\d{6}|BU\d{8})$/i, { message: 'must be a CBS code: GM0000, WK000000 or BU00000000' })
  code?: string | null;

  @Field(() => String, { nullable: true, description: 'The area this one lies in (CBS code, slug or id); null for a municipality.' })
  @IsOptional()
  @MaxLength(100)
  parent?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @MaxLength(200, { each: true })
  alternativeNames?: string[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(10000)
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'History of the area, for the wijkkaart (section 1.1, book §6.3).' })
  @IsOptional()
  @MaxLength(20000)
  history?: string | null;

  @Field(() => String, { nullable: true, description: 'Future plans for the area, for the wijkkaart (section 1.2, book §6.3).' })
  @IsOptional()
  @MaxLength(20000)
  futurePlans?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'GeoJSON Polygon or MultiPolygon.' })
  @IsOptional()
  boundary?: Record<string, unknown> | null;

  @Field(() => Int, { nullable: true, description: 'First year the area (its CBS code) is in the CBS division; null: not known.' })
  @IsOptional()
  @IsInt()
  @Min(AREA_YEARS.min)
  @Max(AREA_YEARS.max)
  validFromYear?: number | null;

  @Field(() => Int, { nullable: true, description: 'Last year the area is in the CBS division; null while current.' })
  @IsOptional()
  @IsInt()
  @Min(AREA_YEARS.min)
  @Max(AREA_YEARS.max)
  validToYear?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  source?: string | null;
}

/** A new area: name and level are required. */
@InputType()
export class CreateAreaInput extends UpdateAreaInput {
  @Field(() => String)
  @IsDefined()
  @Length(1, 200)
  override name: string;

  @Field(() => AreaLevel)
  @IsDefined()
  override level: AreaLevel;
}

@ArgsType()
export class CreateAreaArgs {
  @Field(() => CreateAreaInput)
  @ValidateNested()
  input: CreateAreaInput;
}

@ArgsType()
export class UpdateAreaArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The version you read; a newer one answers CONFLICT.' })
  version: number;

  @Field(() => UpdateAreaInput)
  @ValidateNested()
  input: UpdateAreaInput;
}
