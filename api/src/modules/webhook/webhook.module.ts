import type { BackgroundWork, FeatureModule } from '../../common/feature';
import { Webhook, WebhookDelivery, WebhookDeliveryAttempt } from './webhook.entity';
import { WebhookResolver } from './webhook.resolver';
import { installJobQueue, startWebhookWorker } from './webhook.worker';

/** Webhooks to partner systems (docs/api-guide.md, "Webhooks: being told instead of polling"): subscriptions, the outbox and the pg-boss delivery worker. */
export const webhookModule: FeatureModule = {
  name: 'webhook',
  entities: [Webhook, WebhookDelivery, WebhookDeliveryAttempt],
  resolvers: [WebhookResolver],
  // pg-boss keeps its tables in the `pgboss` schema: its migrations and queue table are DDL, run as the owner.
  migrate: ({ ownerUrl, webhooks }) => installJobQueue(ownerUrl, webhooks),
  // The outbox relay and the queue workers; off with WEBHOOK_WORKER=false (deliveries then wait in the outbox).
  async start({ config, dataSource, logger, databaseUrl, log }) {
    let work: BackgroundWork | null = null;
    if (config.webhooks.worker) {
      const worker = await startWebhookWorker({ dataSource, settings: config.webhooks, logger, databaseUrl });
      log('webhook delivery worker started');
      // Finishes the delivery in flight before the pool closes.
      work = { name: 'webhook worker (drained)', stop: () => worker.stop() };
    } else {
      log('webhook delivery worker not started (WEBHOOK_WORKER=false): deliveries wait in the outbox');
    }
    if (!config.webhooks.secretKey) log('WEBHOOK_SECRET_KEY is not set: webhook secrets are stored unencrypted (refused in production)');
    return work;
  },
};
