import 'reflect-metadata';
import { features } from '../features';
import { createDataSource } from '../db/data-source';
import { withDatabase } from '../db/database';
import { loadConfig } from '../config';

/**
 * Fails (exit 1) when the entities and the migrations disagree: runs every migration on the
 * configured database and asks TypeORM which statements would still be needed.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  await withDatabase(config, async (url) => {
    const dataSource = createDataSource({ features, url });
    await dataSource.initialize();
    try {
      await dataSource.runMigrations();
      const sql = await dataSource.driver.createSchemaBuilder().log();
      if (sql.upQueries.length === 0) {
        console.log('Entities and migrations agree.');
        return;
      }
      console.error('Entities and migrations drift. A migration would need:');
      for (const q of sql.upQueries) console.error(`${q.query};`);
      process.exitCode = 1;
    } finally {
      await dataSource.destroy();
    }
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
