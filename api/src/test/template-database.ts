import { seedAmersfoort } from '@schakel/db';
import { createDataSource } from '../db/data-source';

/** Runs the real migrations and the real Amersfoort seed on the template database. */
export async function prepareTemplateDatabase(url: string): Promise<void> {
  const dataSource = createDataSource({ url, poolSize: 2, applicationName: 'schakel-test-setup' });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
    await dataSource.transaction((manager) => seedAmersfoort(manager));
  } finally {
    await dataSource.destroy();
  }
}
