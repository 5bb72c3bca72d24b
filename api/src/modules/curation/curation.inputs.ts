import { Max, Min } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';
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
}

@ArgsType()
export class MarkVerifiedArgs {
  @Field(() => VerifiableEntityType)
  entityType: VerifiableEntityType;

  @Field(() => ID)
  id: string;
}
