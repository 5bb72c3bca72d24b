import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { SimilarRecordKind, VerifiableEntityType } from './curation.inputs';

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

registerEnumType(SimilarRecordKind, { name: 'SimilarRecordKind', description: 'Records whose names the duplicates warning compares.' });

@ObjectType({ description: 'A current record whose name is close to the one typed (pg_trgm similarity): a possible duplicate.' })
export class SimilarRecord {
  @Field(() => SimilarRecordKind)
  kind: SimilarRecordKind;

  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;

  @Field(() => Float, { description: 'Trigram similarity, 0–1 (1: the same trigrams).' })
  similarity: number;

  @Field(() => Boolean, { description: 'The same name, case and spacing aside.' })
  sameName: boolean;

  /** Internal: the owning organisation (services, locations). */
  organisationId: string | null;
}
