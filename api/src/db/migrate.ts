import type { FeatureModule } from '../common/feature';
import type { WebhookSettings } from '../config';
import { createDataSource } from './data-source';
import { grantAppPrivileges, roleOf } from './privileges';

export interface MigrateOptions {
  /** The owner's URL: migrations and pg-boss's schema are DDL. */
  ownerUrl: string;
  /** The role requests run as; null or the owner itself: no grants (least privilege is not in effect). */
  appRole: string | null;
  webhooks: WebhookSettings;
  /** The features the app is made of (features.ts): their own schema work runs after the migrations. */
  features: readonly FeatureModule[];
}

/**
 * Everything that changes the schema, run as the owner before the app serves: the migrations,
 * then each feature's own schema work in list order (the webhook feature: pg-boss's schema
 * migrations and its queue table), then the app role's grants (idempotent,
 * so each start repairs drift). Resolves to the names of the migrations applied.
 */
export async function migrateDatabase(options: MigrateOptions): Promise<string[]> {
  const owner = createDataSource({ url: options.ownerUrl, features: options.features, poolSize: 1, applicationName: 'schakel-migrate' });
  await owner.initialize();
  let applied: string[];
  try {
    applied = (await owner.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await owner.destroy();
  }
  for (const feature of options.features) await feature.migrate?.({ ownerUrl: options.ownerUrl, webhooks: options.webhooks });
  if (options.appRole && options.appRole !== roleOf(options.ownerUrl)) await grantAppPrivileges(options.ownerUrl, options.appRole);
  return applied;
}
