import { ArrayMaxSize, IsDefined, IsOptional, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ArchivableListArgs } from '../../common/connection';
import { AGE_LIMITS } from '../../common/age-range.rules';

@ArgsType()
export class TargetGroupsArgs extends ArchivableListArgs {
  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the Dutch or English name.' })
  @IsOptional()
  @MaxLength(200)
  search?: string | null;
}

/** Target group fields an admin can set; an omitted field stays as it is and null clears it. */
@InputType()
export class UpdateTargetGroupInput {
  @Field(() => String, { nullable: true, description: 'Stable key; derived from the Dutch name when left out on create.' })
  @IsOptional()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'must be lower-case letters and digits separated by hyphens' })
  @MaxLength(100)
  code?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 300)
  nameNl?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(300)
  nameEn?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(10000)
  description?: string | null;

  @Field(() => Int, { nullable: true, description: '0–130.' })
  @IsOptional()
  @Min(AGE_LIMITS.min)
  @Max(AGE_LIMITS.max)
  minAge?: number | null;

  @Field(() => Int, { nullable: true, description: '0–130, at least minAge.' })
  @IsOptional()
  @Min(AGE_LIMITS.min)
  @Max(AGE_LIMITS.max)
  maxAge?: number | null;

  @Field(() => String, { nullable: true, description: 'Code of the indicator that measures the size of the group.' })
  @IsOptional()
  @MaxLength(100)
  needIndicator?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  source?: string | null;

  @Field(() => String, { nullable: true, description: 'Code of the broader group: a service for it counts for this one in coverage. Null: none.' })
  @IsOptional()
  @MaxLength(100)
  parent?: string | null;

  @Field(() => [String], { nullable: true, description: 'Codes of the groups a service for this one also counts for in coverage (one way; a synonym is a link each way). Replaces the list; null clears it.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @MaxLength(100, { each: true })
  countsAs?: string[] | null;
}

/** A new target group: the Dutch name is required. */
@InputType()
export class CreateTargetGroupInput extends UpdateTargetGroupInput {
  @Field(() => String)
  @IsDefined()
  @Length(1, 300)
  override nameNl: string;
}

@ArgsType()
export class CreateTargetGroupArgs {
  @Field(() => CreateTargetGroupInput)
  @ValidateNested()
  input: CreateTargetGroupInput;
}

@ArgsType()
export class UpdateTargetGroupArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The version you read; a newer one answers CONFLICT.' })
  version: number;

  @Field(() => UpdateTargetGroupInput)
  @ValidateNested()
  input: UpdateTargetGroupInput;
}
