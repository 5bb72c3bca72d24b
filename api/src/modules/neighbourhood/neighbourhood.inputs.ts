import { ArrayMaxSize, ArrayMinSize, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';
import { AreaLevel } from '../area/area.entity';
import { MAX_COMPARED_AREAS } from './neighbourhood.service.comparison';
import { AreaRankingCriterion } from './neighbourhood.types';

@ArgsType()
export class NeighbourhoodViewArgs {
  @Field(() => String, { description: 'The area: CBS code, slug or id (a neighbourhood, district or municipality).' })
  @MaxLength(100)
  area: string;

  @Field(() => Int, { nullable: true, description: 'Key figures of this year; default: the latest year per indicator.' })
  @IsOptional()
  @Min(1800)
  @Max(2200)
  year?: number | null;
}

@ArgsType()
export class CompareAreasArgs {
  @Field(() => [String], { description: `The areas, side by side (1–${MAX_COMPARED_AREAS}; CBS codes, slugs or ids).` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_COMPARED_AREAS)
  @MaxLength(100, { each: true })
  areas: string[];

  @Field(() => Int, { nullable: true, description: 'Key figures of this year; default: the latest year per indicator and area.' })
  @IsOptional()
  @Min(1800)
  @Max(2200)
  year?: number | null;
}

@ArgsType()
export class RankAreasArgs {
  @Field(() => String, { description: 'The municipality (or any area) whose areas are ranked: CBS code, slug or id.' })
  @MaxLength(100)
  municipality: string;

  @Field(() => AreaRankingCriterion)
  by: AreaRankingCriterion;

  @Field(() => String, { nullable: true, description: 'Indicator code; required when ranking by INDICATOR.' })
  @IsOptional()
  @MaxLength(100)
  indicator?: string | null;

  @Field(() => String, { nullable: true, description: 'Target group code: count only the gaps of this group (GAPS, NEED_GAPS).' })
  @IsOptional()
  @MaxLength(100)
  targetGroup?: string | null;

  @Field(() => Int, { nullable: true, description: 'Key figures of this year; default: the latest year per area.' })
  @IsOptional()
  @Min(1800)
  @Max(2200)
  year?: number | null;

  @Field(() => AreaLevel, { nullable: true, description: 'Which areas to rank (default NEIGHBOURHOOD).' })
  @IsOptional()
  level?: AreaLevel | null;

  @Field(() => Boolean, { nullable: true, description: 'Lowest first (default: highest first).' })
  @IsOptional()
  ascending?: boolean | null;
}
