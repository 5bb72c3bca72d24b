import type { WebhookSettings } from '../config';
import { installJobQueue } from '../modules/webhook/webhook.worker';
import { createDataSource } from './data-source';
import { grantAppPrivileges, roleOf } from './privileges';

export interface MigrateOptions {
  /** The owner's URL: migrations and pg-boss's schema are DDL. */
  ownerUrl: string;
  /** The role requests run as; null or the owner itself: no grants (least privilege is not in effect). */
  appRole: string | null;
  webhooks: WebhookSettings;
}

/**
 * Everything that changes the schema, run as the owner before the app serves: the migrations,
 * pg-boss's own schema migrations and its queue table, then the app role's grants (idempotent,
 * so each start repairs drift). Resolves to the names of the migrations applied.
 */
export async function migrateDatabase(options: MigrateOptions): Promise<string[]> {
  const owner = createDataSource({ url: options.ownerUrl, poolSize: 1, applicationName: 'schakel-migrate' });
  await owner.initialize();
  let applied: string[];
  try {
    applied = (await owner.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await owner.destroy();
  }
  await installJobQueue(options.ownerUrl, options.webhooks);
  if (options.appRole && options.appRole !== roleOf(options.ownerUrl)) await grantAppPrivileges(options.ownerUrl, options.appRole);
  return applied;
}
