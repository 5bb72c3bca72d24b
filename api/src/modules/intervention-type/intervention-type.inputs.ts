import { ArgsType, Field } from 'type-graphql';
import { ArchivableListArgs } from '../../common/connection';
import { InterventionCategory } from './intervention-type.entity';

@ArgsType()
export class InterventionTypesArgs extends ArchivableListArgs {
  @Field(() => String, { nullable: true, description: 'Basic function code (e.g. `signaleren`).' })
  basicFunction?: string | null;

  @Field(() => InterventionCategory, { nullable: true })
  category?: InterventionCategory | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the Dutch or English name.' })
  search?: string | null;
}
