import { ArrayMaxSize, ArrayMinSize, IsEmail, IsOptional, Length, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../../common/connection';
import { MIN_PASSWORD_LENGTH } from '../auth';
import { ApiKeyScope } from './api-key.entity';
import { UserRole } from './user.entity';

@InputType()
export class CreateUserInput {
  @Field(() => String)
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @Field(() => String)
  @Length(1, 200)
  displayName: string;

  @Field(() => String, { description: `At least ${MIN_PASSWORD_LENGTH} characters.` })
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(200)
  password: string;

  @Field(() => UserRole)
  role: UserRole;

  @Field(() => ID, { nullable: true, description: 'Required for ORGANISATION users.' })
  @IsOptional()
  organisationId?: string | null;

  @Field(() => [String], { nullable: true, description: 'Areas (CBS code, slug or id) of a MUNICIPALITY user; required for that role.' })
  @IsOptional()
  @ArrayMaxSize(500)
  areas?: string[] | null;
}

@ArgsType()
export class UsersArgs extends PageArgs {}

@InputType()
export class CreateApiKeyInput {
  @Field(() => ID)
  organisationId: string;

  @Field(() => String, { description: 'What the key is for, e.g. "Regas koppeling".' })
  @Length(1, 200)
  name: string;

  @Field(() => [ApiKeyScope])
  @ArrayMinSize(1)
  scopes: ApiKeyScope[];

  @Field(() => Date, { nullable: true, description: 'When the key stops working; none: until revoked.' })
  @IsOptional()
  expiresAt?: Date | null;
}

/** Mutation arguments wrap their input so validation errors name `input.<field>`. */
@ArgsType()
export class CreateUserArgs {
  @Field(() => CreateUserInput)
  @ValidateNested()
  input: CreateUserInput;
}

@ArgsType()
export class CreateApiKeyArgs {
  @Field(() => CreateApiKeyInput)
  @ValidateNested()
  input: CreateApiKeyInput;
}
