import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../common/connection';
import { CuratedEntityType } from './change-record.entity';

/** Archive or restore: the record and the version you read. */
@ArgsType()
export class VersionedIdArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The version you read; a newer one answers CONFLICT.' })
  version: number;
}

@ArgsType()
export class ChangeHistoryArgs extends PageArgs {
  @Field(() => CuratedEntityType)
  entityType: CuratedEntityType;

  @Field(() => ID)
  entityId: string;
}

export enum VerifiableEntityType {
  ORGANISATION = 'ORGANISATION',
  SERVICE = 'SERVICE',
  LOCATION = 'LOCATION',
  KEY_PERSON = 'KEY_PERSON',
}

@ArgsType()
export class StaleRecordsArgs extends PageArgs {
  @Field(() => VerifiableEntityType, { nullable: true, description: 'Only this kind of record.' })
  entityType?: VerifiableEntityType | null;

  @Field(() => Int, { nullable: true, description: 'Not verified for this many months (default from STALE_AFTER_MONTHS, 12).' })
  @Min(1)
  @Max(120)
  olderThanMonths?: number | null;

  @Field(() => ID, { nullable: true, description: "Only records of this organisation (its own record, its services, locations and key persons). Admins; an organisation's own users see only their own anyway." })
  organisation?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only records in this area or an area below it: organisations and services by the areas they serve, locations by their area, key persons by their areas.' })
  area?: string | null;
}

/** One record of a bulk verification. */
@InputType()
export class VerifiableRecordInput {
  @Field(() => VerifiableEntityType)
  entityType: VerifiableEntityType;

  @Field(() => ID)
  id: string;
}

@ArgsType()
export class MarkRecordsVerifiedArgs {
  @Field(() => [VerifiableRecordInput], { description: 'The records checked, 1–100; all are verified or none.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  records: VerifiableRecordInput[];
}

@ArgsType()
export class MarkVerifiedArgs {
  @Field(() => VerifiableEntityType)
  entityType: VerifiableEntityType;

  @Field(() => ID)
  id: string;
}

/** The kinds of record whose names the duplicates warning compares. */
export enum SimilarRecordKind {
  ORGANISATION = 'ORGANISATION',
  SERVICE = 'SERVICE',
  LOCATION = 'LOCATION',
}

@ArgsType()
export class SimilarRecordsArgs {
  @Field(() => SimilarRecordKind)
  kind: SimilarRecordKind;

  @Field(() => String, { description: 'The name typed in the form; fewer than 3 characters finds nothing.' })
  @Length(1, 300)
  name: string;

  @Field(() => ID, { nullable: true, description: 'The record being edited, left out of the answer.' })
  @IsOptional()
  excludeId?: string | null;

  @Field(() => ID, { nullable: true, description: "The organisation the record belongs to: at the same closeness, that organisation's records come first." })
  @IsOptional()
  organisation?: string | null;
}
