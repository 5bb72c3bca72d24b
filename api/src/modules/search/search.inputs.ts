import { ArrayMaxSize, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';

/** A synonym group's terms; search.rules.ts checks them (every problem at once). */
@InputType()
export class SearchSynonymInput {
  @Field(() => [String], { description: 'The equivalent terms, words or phrases ("informele zorg"), at least two; each term is in one group at most.' })
  @ArrayMaxSize(100)
  terms: string[];
}

@ArgsType()
export class CreateSearchSynonymArgs {
  @Field(() => SearchSynonymInput)
  @ValidateNested()
  input: SearchSynonymInput;
}

@ArgsType()
export class UpdateSearchSynonymArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The version you read; a newer one answers CONFLICT.' })
  version: number;

  @Field(() => SearchSynonymInput)
  @ValidateNested()
  input: SearchSynonymInput;
}
