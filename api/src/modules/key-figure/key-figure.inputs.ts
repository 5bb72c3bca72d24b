import { ArrayMaxSize, IsDefined, IsOptional, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { ArchivableListArgs, PageArgs } from '../../common/connection';
import { IndicatorUnit } from '../indicator/indicator.entity';
import { KEY_FIGURE_NOTE_MAX, KEY_FIGURE_SOURCE_MAX, KEY_FIGURE_YEARS } from './key-figure.rules';

@ArgsType()
export class KeyFiguresArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Area (CBS code, slug or id).' })
  area?: string | null;

  @Field(() => Int, { nullable: true })
  @Min(KEY_FIGURE_YEARS.min)
  @Max(KEY_FIGURE_YEARS.max)
  year?: number | null;

  @Field(() => String, { nullable: true, description: 'Indicator code.' })
  indicator?: string | null;
}

@ArgsType()
export class IndicatorsArgs extends ArchivableListArgs {}

// ---------------------------------------------------------------------------------------------
// Curation: indicators (admins) and key figures (admins, municipalities for their areas)

/** Indicator fields an admin can set; an omitted field stays as it is and null clears it. */
@InputType()
export class UpdateIndicatorInput {
  @Field(() => String, { nullable: true, description: 'Stable key, e.g. `pct_age_65_plus`.' })
  @IsOptional()
  @Matches(/^[a-z0-9]+([_-][a-z0-9]+)*$/, { message: 'must be lower-case letters and digits separated by _ or -' })
  @MaxLength(100)
  code?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 300)
  nameNl?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 300)
  nameEn?: string | null;

  @Field(() => IndicatorUnit, {
    nullable: true,
    description: 'Changing the unit is refused while existing key figures fall outside the new unit\'s range (PERCENT 0–100, RATING_10 1–10, COUNT and EUR ≥ 0).',
  })
  @IsOptional()
  unit?: IndicatorUnit | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(10000)
  description?: string | null;
}

/** A new indicator: code, both names and the unit are required. */
@InputType()
export class CreateIndicatorInput extends UpdateIndicatorInput {
  @Field(() => String)
  @IsDefined()
  @Matches(/^[a-z0-9]+([_-][a-z0-9]+)*$/, { message: 'must be lower-case letters and digits separated by _ or -' })
  @MaxLength(100)
  override code: string;

  @Field(() => String)
  @IsDefined()
  @Length(1, 300)
  override nameNl: string;

  @Field(() => String)
  @IsDefined()
  @Length(1, 300)
  override nameEn: string;

  @Field(() => IndicatorUnit)
  @IsDefined()
  override unit: IndicatorUnit;
}

@ArgsType()
export class CreateIndicatorArgs {
  @Field(() => CreateIndicatorInput)
  @ValidateNested()
  input: CreateIndicatorInput;
}

@ArgsType()
export class UpdateIndicatorArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The version you read; a newer one answers CONFLICT.' })
  version: number;

  @Field(() => UpdateIndicatorInput)
  @ValidateNested()
  input: UpdateIndicatorInput;
}

/** Key figure fields; an omitted field stays as it is (`year` and `note`: null clears them). */
@InputType()
export class UpdateKeyFigureInput {
  @Field(() => String, { nullable: true, description: 'Area (CBS code, slug or id).' })
  @IsOptional()
  @MaxLength(100)
  area?: string | null;

  @Field(() => String, { nullable: true, description: 'Indicator code.' })
  @IsOptional()
  @MaxLength(100)
  indicator?: string | null;

  @Field(() => Int, { nullable: true, description: 'Year the figure applies to (1800–2200); null when the source gives none.' })
  @IsOptional()
  @Min(KEY_FIGURE_YEARS.min)
  @Max(KEY_FIGURE_YEARS.max)
  year?: number | null;

  @Field(() => Float, { nullable: true, description: "Checked against the indicator's unit: PERCENT 0–100, RATING_10 1–10, COUNT and EUR ≥ 0." })
  @IsOptional()
  value?: number | null;

  @Field(() => String, { nullable: true, description: 'Where the figure comes from; part of the natural key (area, indicator, year, source).' })
  @IsOptional()
  @Length(1, KEY_FIGURE_SOURCE_MAX)
  source?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(KEY_FIGURE_NOTE_MAX)
  note?: string | null;
}

/** One key figure: area, indicator, value and source are required; the year may be null. */
@InputType()
export class KeyFigureInput extends UpdateKeyFigureInput {
  @Field(() => String, { description: 'Area (CBS code, slug or id).' })
  @IsDefined()
  @MaxLength(100)
  override area: string;

  @Field(() => String, { description: 'Indicator code.' })
  @IsDefined()
  @MaxLength(100)
  override indicator: string;

  @Field(() => Float)
  @IsDefined()
  override value: number;

  @Field(() => String)
  @IsDefined()
  @Length(1, KEY_FIGURE_SOURCE_MAX)
  override source: string;
}

@ArgsType()
export class CreateKeyFigureArgs {
  @Field(() => KeyFigureInput)
  @ValidateNested()
  input: KeyFigureInput;
}

@ArgsType()
export class UpdateKeyFigureArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The version you read; a newer one answers CONFLICT.' })
  version: number;

  @Field(() => UpdateKeyFigureInput)
  @ValidateNested()
  input: UpdateKeyFigureInput;
}

export const MAX_UPSERT_ROWS = 10000;

@ArgsType()
export class UpsertKeyFiguresArgs {
  @Field(() => [KeyFigureInput], { description: `Up to ${MAX_UPSERT_ROWS} figures, matched on (area, indicator, year, source).` })
  @ArrayMaxSize(MAX_UPSERT_ROWS)
  @ValidateNested({ each: true })
  input: KeyFigureInput[];
}
