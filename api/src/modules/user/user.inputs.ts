import { ArrayMaxSize, ArrayMinSize, IsEmail, IsOptional, Length, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../common/connection';
import { MIN_PASSWORD_LENGTH } from '../auth';
import { ApiKeyScope } from './api-key.entity';
import { UserRole, UserStatus } from './user.entity';

@InputType({ description: 'A new account whose password the server makes: mailed to the person when SMTP is configured, else in the answer, once.' })
export class InviteUserInput {
  @Field(() => String)
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @Field(() => String)
  @Length(1, 200)
  displayName: string;

  @Field(() => UserRole)
  role: UserRole;

  @Field(() => ID, { nullable: true, description: 'Required for ORGANISATION users, refused for others.' })
  @IsOptional()
  organisationId?: string | null;

  @Field(() => [String], { nullable: true, description: 'Areas (CBS code, slug or id) of a MUNICIPALITY user; required for that role, refused for others.' })
  @IsOptional()
  @ArrayMaxSize(500)
  areas?: string[] | null;
}

@InputType({ description: 'A new account with the password an admin chose (scripts; the admin app invites instead).' })
export class CreateUserInput extends InviteUserInput {
  @Field(() => String, { description: `At least ${MIN_PASSWORD_LENGTH} characters.` })
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(200)
  password: string;
}

@InputType({ description: 'A change of an account; fields left out keep their value. The role, organisation and areas that result must fit together.' })
export class UpdateUserInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The version read; another version is CONFLICT with currentVersion.' })
  version: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  displayName?: string | null;

  @Field(() => UserRole, { nullable: true, description: 'Not for your own account.' })
  @IsOptional()
  role?: UserRole | null;

  @Field(() => ID, { nullable: true, description: 'The organisation of an ORGANISATION user; null for other roles.' })
  @IsOptional()
  organisationId?: string | null;

  @Field(() => [String], { nullable: true, description: 'All areas (CBS code, slug or id) of a MUNICIPALITY user, replacing the stored ones; empty for other roles.' })
  @IsOptional()
  @ArrayMaxSize(500)
  areas?: string[] | null;
}

@ArgsType()
export class InviteUserArgs {
  @Field(() => InviteUserInput)
  @ValidateNested()
  input: InviteUserInput;
}

@ArgsType()
export class UpdateUserArgs {
  @Field(() => UpdateUserInput)
  @ValidateNested()
  input: UpdateUserInput;
}

@ArgsType()
export class SetUserStatusArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The version read.' })
  version: number;

  @Field(() => UserStatus, { description: 'DISABLED: no sign-in and every session revoked; ACTIVE: may sign in again.' })
  status: UserStatus;
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
