import { IsDefined, IsOptional, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import { PageArgs } from '../../common/connection';
import { CreateKeyPersonInput, UpdateKeyPersonInput } from '../key-person';
import { CreateLocationInput, UpdateLocationInput } from '../location';
import { CreateOrganisationInput, UpdateOrganisationInput } from '../organisation';
import { CreateServiceInput, UpdateServiceInput } from '../service';
import { ProposalKind, ProposalStatus } from './proposal.entity';
import { MOTIVATION_MAX, REASON_MAX } from './proposal.rules';

@ArgsType()
export class ProposalsArgs extends PageArgs {
  @Field(() => ProposalStatus, { nullable: true })
  status?: ProposalStatus | null;

  @Field(() => ProposalKind, { nullable: true })
  kind?: ProposalKind | null;

  @Field(() => ID, { nullable: true, description: 'Proposals about this record.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  targetId?: string | null;
}

@ArgsType()
class MotivatedArgs {
  @Field(() => String, { description: 'Why the organisation proposes it, for the curator.' })
  @IsDefined()
  @Length(1, MOTIVATION_MAX)
  motivation: string;
}

@ArgsType()
class ChangeArgs extends MotivatedArgs {
  @Field(() => ID, { description: 'The record to change.' })
  id: string;

  @Field(() => Int, { description: 'The version of the record you read; the curator can accept only onto that version.' })
  version: number;
}

@ArgsType()
export class ProposeNewOrganisationArgs extends MotivatedArgs {
  @Field(() => CreateOrganisationInput) @ValidateNested() input: CreateOrganisationInput;
}

@ArgsType()
export class ProposeOrganisationChangeArgs extends ChangeArgs {
  @Field(() => UpdateOrganisationInput) @ValidateNested() input: UpdateOrganisationInput;
}

@ArgsType()
export class ProposeNewLocationArgs extends MotivatedArgs {
  @Field(() => CreateLocationInput) @ValidateNested() input: CreateLocationInput;
}

@ArgsType()
export class ProposeLocationChangeArgs extends ChangeArgs {
  @Field(() => UpdateLocationInput) @ValidateNested() input: UpdateLocationInput;
}

@ArgsType()
export class ProposeNewServiceArgs extends MotivatedArgs {
  @Field(() => CreateServiceInput) @ValidateNested() input: CreateServiceInput;
}

@ArgsType()
export class ProposeServiceChangeArgs extends ChangeArgs {
  @Field(() => UpdateServiceInput) @ValidateNested() input: UpdateServiceInput;
}

@ArgsType()
export class ProposeNewKeyPersonArgs extends MotivatedArgs {
  @Field(() => CreateKeyPersonInput) @ValidateNested() input: CreateKeyPersonInput;
}

@ArgsType()
export class ProposeKeyPersonChangeArgs extends ChangeArgs {
  @Field(() => UpdateKeyPersonInput) @ValidateNested() input: UpdateKeyPersonInput;
}

@ArgsType()
export class DecideProposalArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: "The proposal's version you read; a newer one answers CONFLICT." })
  version: number;

  @Field(() => String, { nullable: true, description: "The curator's reason: required to reject, optional to accept." })
  @IsOptional()
  @MaxLength(REASON_MAX)
  reason?: string | null;
}

@ArgsType()
export class WithdrawProposalArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: "The proposal's version you read." })
  version: number;
}
