import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../common/connection';
import { ReferralEventType } from '../referral/referral-event.entity';
import { WebhookDeliveryStatus } from './webhook.entity';

@InputType()
export class CreateWebhookInput {
  @Field(() => ID, { nullable: true, description: 'Whose webhook; default: the organisation you act for (admins must say).' })
  @IsOptional()
  organisationId?: string | null;

  @Field(() => String, { description: 'https URL that receives the POSTs (http and loopback hosts only with WEBHOOK_ALLOW_LOOPBACK, never in production).' })
  @Length(1, 2000)
  url: string;

  @Field(() => [ReferralEventType], { description: 'The referral event types to send.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  events: ReferralEventType[];

  @Field(() => String, { nullable: true, description: 'What the endpoint is, e.g. "Regas koppeling productie".' })
  @IsOptional()
  @MaxLength(500)
  description?: string | null;
}

@InputType()
export class UpdateWebhookInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 2000)
  url?: string | null;

  @Field(() => [ReferralEventType], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  events?: ReferralEventType[] | null;

  @Field(() => String, { nullable: true, description: 'An empty string clears it.' })
  @IsOptional()
  @MaxLength(500)
  description?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'false disables the webhook: nothing more is queued, pending deliveries are cancelled. true enables it again (for new events).' })
  @IsOptional()
  enabled?: boolean | null;
}

@ArgsType()
export class CreateWebhookArgs {
  @Field(() => CreateWebhookInput)
  @ValidateNested()
  input: CreateWebhookInput;
}

@ArgsType()
export class UpdateWebhookArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The version you read.' })
  version: number;

  @Field(() => UpdateWebhookInput)
  @ValidateNested()
  input: UpdateWebhookInput;
}

@ArgsType()
export class WebhookVersionArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The version you read.' })
  version: number;
}

@ArgsType()
export class WebhooksArgs {
  @Field(() => ID, { nullable: true, description: 'Default: the organisation you act for (admins must say).' })
  @IsOptional()
  organisationId?: string | null;
}

@ArgsType()
export class WebhookDeliveriesArgs extends PageArgs {
  @Field(() => ID)
  webhookId: string;

  @Field(() => WebhookDeliveryStatus, { nullable: true })
  @IsOptional()
  status?: WebhookDeliveryStatus | null;
}
