import { ArrayMaxSize, IsDefined, IsEmail, IsOptional, IsUUID, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
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
  @IsOptional()
  @MaxLength(200)
  search?: string | null;
}

/**
 * Key person fields a curator can set; an omitted field stays as it is and null clears it.
 * The role is given by its code (as in the `keyPersons(role:)` filter and `keyPersonRoles`),
 * not by id.
 */
@InputType()
export class UpdateKeyPersonInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Key person role code (e.g. `wijkagent`, see `keyPersonRoles`).' })
  @IsOptional()
  @Length(1, 100)
  role?: string | null;

  @Field(() => String, { nullable: true, description: "The role in the person's own words, when it is not one of the catalogue's." })
  @IsOptional()
  @MaxLength(200)
  roleDescription?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "The organisation the person works for. Organisations' own users may leave it out on create (it is then their own) and cannot change it.",
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  organisationId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^\+?[0-9][0-9 ()-]{5,24}$/, { message: 'must be a phone number' })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(10000)
  notes?: string | null;

  @Field(() => [String], { nullable: true, description: 'Areas the person is known in (CBS codes, slugs or ids); replaces the list.' })
  @IsOptional()
  @ArrayMaxSize(1000)
  areas?: string[] | null;
}

/** A new key person: the name is required. */
@InputType()
export class CreateKeyPersonInput extends UpdateKeyPersonInput {
  @Field(() => String)
  @IsDefined()
  @Length(1, 200)
  override name: string;
}

@ArgsType()
export class CreateKeyPersonArgs {
  @Field(() => CreateKeyPersonInput)
  @ValidateNested()
  input: CreateKeyPersonInput;
}

@ArgsType()
export class UpdateKeyPersonArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The version you read; a newer one answers CONFLICT.' })
  version: number;

  @Field(() => UpdateKeyPersonInput)
  @ValidateNested()
  input: UpdateKeyPersonInput;
}
