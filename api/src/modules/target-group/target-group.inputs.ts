import { ArgsType, Field } from 'type-graphql';
import { ArchivableListArgs } from '../../common/connection';

@ArgsType()
export class TargetGroupsArgs extends ArchivableListArgs {
  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the Dutch or English name.' })
  search?: string | null;
}
