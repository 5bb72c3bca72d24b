import { Field, Int, ObjectType } from 'type-graphql';

/**
 * What a merge of two organisations moves from the source to the target, counted, as the admin's
 * confirmation says it. Referrals are not counted: admins read no cases, and the merge tells no
 * one anything about them.
 */
@ObjectType({ description: 'What mergeOrganisations would move from the source to the target (current records; referrals are not counted).' })
export class OrganisationMergeCounts {
  @Field(() => Int) services: number;
  @Field(() => Int) locations: number;
  @Field(() => Int) keyPersons: number;
  @Field(() => Int, { description: 'Network memberships; one where the target is a member already is merged into the target\'s.' }) networkMemberships: number;
  @Field(() => Int) coordinatedNetworks: number;
  @Field(() => Int) partnerServices: number;
  @Field(() => Int) childOrganisations: number;
  @Field(() => Int) users: number;
  @Field(() => Int) apiKeys: number;
  @Field(() => Int) webhooks: number;
}
