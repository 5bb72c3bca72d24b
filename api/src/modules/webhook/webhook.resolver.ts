import { Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType } from '../../common/connection';
import type { RequestContext } from '../../context';
import { Allow, Rule } from '../../auth/auth.rules';
import { Organisation } from '../organisation/organisation.entity';
import { Webhook } from './webhook.entity';
import { CreateWebhookArgs, UpdateWebhookArgs, WebhookDeliveriesArgs, WebhookVersionArgs, WebhooksArgs } from './webhook.inputs';
import { createWebhook, deleteWebhook, listWebhookDeliveries, listWebhooks, rotateWebhookSecret, updateWebhook } from './webhook.service';
import { CreatedWebhook, WebhookDeliveryNode } from './webhook.types';

export const WebhookDeliveryConnection = ConnectionType(WebhookDeliveryNode, 'WebhookDelivery');

/**
 * Webhooks: the organisation's users, its API keys with REFERRALS (the partner system
 * registers its own endpoint), and admins. Which organisation is checked in the service.
 */
@Allow(Rule.ADMIN, Rule.ORGANISATION, Rule.SCOPE_REFERRALS)
@Resolver(() => Webhook)
export class WebhookResolver {
  @Query(() => [Webhook], { description: "An organisation's webhooks (never their secrets), oldest first." })
  webhooks(@Args() { organisationId }: WebhooksArgs, @Ctx() ctx: RequestContext) {
    return listWebhooks(ctx, organisationId);
  }

  @Query(() => WebhookDeliveryConnection, { description: "A webhook's deliveries, newest first, each with its attempts (status code, error, duration, time)." })
  webhookDeliveries(@Args() args: WebhookDeliveriesArgs, @Ctx() ctx: RequestContext) {
    return listWebhookDeliveries(ctx, args);
  }

  @Mutation(() => CreatedWebhook, { description: 'Register an endpoint for referral events; the signing secret is in the answer and nowhere else.' })
  createWebhook(@Args() { input }: CreateWebhookArgs, @Ctx() ctx: RequestContext) {
    return createWebhook(ctx, input);
  }

  @Mutation(() => Webhook, { description: 'Change the URL, events or description, or disable (enabled: false) and enable the webhook.' })
  updateWebhook(@Args() { id, version, input }: UpdateWebhookArgs, @Ctx() ctx: RequestContext) {
    return updateWebhook(ctx, id, version, input);
  }

  @Mutation(() => CreatedWebhook, { description: 'A new signing secret, used from now on; the old one stops working at once.' })
  rotateWebhookSecret(@Args() { id, version }: WebhookVersionArgs, @Ctx() ctx: RequestContext) {
    return rotateWebhookSecret(ctx, id, version);
  }

  @Mutation(() => Webhook, { description: 'Delete the webhook and its delivery history (disable it instead to keep the history).' })
  deleteWebhook(@Args() { id, version }: WebhookVersionArgs, @Ctx() ctx: RequestContext) {
    return deleteWebhook(ctx, id, version);
  }

  @FieldResolver(() => Organisation)
  organisation(@Root() webhook: Webhook, @Ctx() ctx: RequestContext) {
    return ctx.loaders.organisationById.load(webhook.organisationId);
  }

  @FieldResolver(() => Boolean)
  enabled(@Root() webhook: Webhook) {
    return webhook.disabledAt === null;
  }
}
