import { ArgsType, Field, ID } from 'type-graphql';
import { ArchivableListArgs } from '../../common/connection';

@ArgsType()
export class KeyPersonsArgs extends ArchivableListArgs {
  @Field(() => String, { nullable: true, description: 'Known in this area or one of its sub-areas (CBS code, slug or id).' })
  area?: string | null;

  @Field(() => ID, { nullable: true })
  organisation?: string | null;

  @Field(() => String, { nullable: true, description: 'Key person role code (e.g. `wijkagent`).' })
  role?: string | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the name.' })
  search?: string | null;
}
