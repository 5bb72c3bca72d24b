import { seedAmersfoort } from '@schakel/db';
import { features } from '../features';
import { webhookSettingsFromEnv } from '../config';
import { createDataSource } from '../db/data-source';
import { migrateDatabase } from '../db/migrate';

/**
 * Builds the template database as the owner, as `npm start` does: the real migrations, pg-boss's
 * schema, the app role's grants, then the real Amersfoort seed.
 */
export async function prepareTemplateDatabase(ownerUrl: string, appRole: string): Promise<void> {
  await migrateDatabase({ features, ownerUrl, appRole, webhooks: webhookSettingsFromEnv({}) });
  const dataSource = createDataSource({ features, url: ownerUrl, poolSize: 2, applicationName: 'schakel-test-setup' });
  await dataSource.initialize();
  try {
    await dataSource.transaction((manager) => seedAmersfoort(manager));
  } finally {
    await dataSource.destroy();
  }
}
