import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { VerifiableEntityType } from './curation.inputs';

registerEnumType(VerifiableEntityType, { name: 'VerifiableEntityType', description: 'Records whose currency is checked (lastVerifiedAt).' });

@ObjectType({ description: 'A record and when it was last verified: a line of the curator\'s work list.' })
export class VerificationStatus {
  @Field(() => VerifiableEntityType)
  entityType: VerifiableEntityType;

  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;

  @Field(() => Date, { nullable: true, description: 'Never verified when null.' })
  lastVerifiedAt: Date | null;

  /** Internal: the owning organisation. */
  organisationId: string | null;
}
