import { IsDefined, IsOptional, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ArchivableListArgs } from '../../common/connection';
import { InterventionCategory } from './intervention-type.entity';

@ArgsType()
export class InterventionTypesArgs extends ArchivableListArgs {
  @Field(() => String, { nullable: true, description: 'Basic function code (e.g. `signaleren`).' })
  basicFunction?: string | null;

  @Field(() => InterventionCategory, { nullable: true })
  category?: InterventionCategory | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the Dutch or English name.' })
  @IsOptional()
  @MaxLength(200)
  search?: string | null;
}

const CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Intervention type fields an admin can set; an omitted field stays as it is and null clears it. */
@InputType()
export class UpdateInterventionTypeInput {
  @Field(() => String, { nullable: true, description: 'Stable key; derived from the Dutch name when left out on create.' })
  @IsOptional()
  @Matches(CODE, { message: 'must be lower-case letters and digits separated by hyphens' })
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

  @Field(() => String, { nullable: true, description: 'Basic function code (e.g. `signaleren`).' })
  @IsOptional()
  @MaxLength(50)
  basicFunction?: string | null;

  @Field(() => String, { nullable: true, description: 'Second basic function code; must differ from the first.' })
  @IsOptional()
  @MaxLength(50)
  secondaryBasicFunction?: string | null;

  @Field(() => InterventionCategory, { nullable: true })
  @IsOptional()
  category?: InterventionCategory | null;

  @Field(() => String, { nullable: true, description: 'Code of the broader intervention type (no cycles).' })
  @IsOptional()
  @MaxLength(100)
  parent?: string | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  listedInBookExamples?: boolean | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  source?: string | null;
}

/** A new intervention type: the Dutch name is required. */
@InputType()
export class CreateInterventionTypeInput extends UpdateInterventionTypeInput {
  @Field(() => String)
  @IsDefined()
  @Length(1, 300)
  override nameNl: string;
}

@ArgsType()
export class CreateInterventionTypeArgs {
  @Field(() => CreateInterventionTypeInput)
  @ValidateNested()
  input: CreateInterventionTypeInput;
}

@ArgsType()
export class UpdateInterventionTypeArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The version you read; a newer one answers CONFLICT.' })
  version: number;

  @Field(() => UpdateInterventionTypeInput)
  @ValidateNested()
  input: UpdateInterventionTypeInput;
}
