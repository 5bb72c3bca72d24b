import { ArgsType, Field } from 'type-graphql';
import { PageArgs } from '../../common/connection';

@ArgsType()
export class TargetGroupsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the Dutch or English name.' })
  search?: string | null;
}
