import { ArgsType, Field, ID } from 'type-graphql';
import { ArchivableListArgs } from '../../common/connection';
import { Sector } from '../organisation/organisation.entity';
import { ServiceStatus } from './service.entity';

/** Filters on what services offer; organisations can be filtered by the same criteria. */
@ArgsType()
export class ServiceCriteriaArgs extends ArchivableListArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Serves this area (CBS code, slug or id): directly, through a parent area (city-wide) or a child area.',
  })
  area?: string | null;

  @Field(() => String, { nullable: true, description: 'Target group code.' })
  targetGroup?: string | null;

  @Field(() => String, { nullable: true, description: 'Intervention type code.' })
  interventionType?: string | null;

  @Field(() => String, { nullable: true, description: 'Basic function code: services with an intervention type of this function.' })
  basicFunction?: string | null;

  @Field(() => String, { nullable: true, description: 'Dutch full-text search (websearch syntax: words, "phrases", -exclusions, or).' })
  search?: string | null;
}

@ArgsType()
export class ServicesArgs extends ServiceCriteriaArgs {
  @Field(() => ServiceStatus, { nullable: true })
  status?: ServiceStatus | null;

  @Field(() => Sector, { nullable: true, description: 'Sector of the providing organisation.' })
  sector?: Sector | null;

  @Field(() => ID, { nullable: true, description: 'Provided by, or in partnership with, this organisation.' })
  organisation?: string | null;
}
