import { ArgsType, Field } from 'type-graphql';
import { ServiceCriteriaArgs } from '../service/service.inputs';
import { OrganisationStatus, Sector } from './organisation.entity';

/**
 * `area` matches organisations active in the area (or above/below it), with a location in
 * it, or providing or partnering a service that serves it. `targetGroup`, `interventionType`
 * and `basicFunction` match organisations providing or partnering such a service.
 * `search` is Dutch full-text search over the organisation's name, abbreviation and description.
 */
@ArgsType()
export class OrganisationsArgs extends ServiceCriteriaArgs {
  @Field(() => Sector, { nullable: true })
  sector?: Sector | null;

  @Field(() => OrganisationStatus, { nullable: true })
  status?: OrganisationStatus | null;
}
