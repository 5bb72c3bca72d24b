import { ArgsType, Field, ID } from 'type-graphql';
import { ArchivableListArgs } from '../../common/connection';
import { LocationStatus } from './location.entity';

@ArgsType()
export class LocationsArgs extends ArchivableListArgs {
  @Field(() => String, { nullable: true, description: 'In this area or one of its sub-areas (CBS code, slug or id).' })
  area?: string | null;

  @Field(() => ID, { nullable: true, description: 'Operated by this organisation.' })
  organisation?: string | null;

  @Field(() => String, { nullable: true, description: 'Kind of facility, exact (e.g. `woonzorgcentrum`).' })
  kind?: string | null;

  @Field(() => LocationStatus, { nullable: true })
  status?: LocationStatus | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the name.' })
  search?: string | null;
}
