import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { features } from '../features';
import { loadConfig } from '../config';
import { contextFactoryOf } from '../common/feature';
import { createDataSource } from '../db/data-source';
import { withDatabase } from '../db/database';
import { randomToken } from '../modules/auth';
import { UserRole } from '../modules/user/user.entity';
import { createUser } from '../modules/user';

const createContext = contextFactoryOf(features);

/**
 * `npm run user:create -- --email a@b.nl --role ADMIN [--name "…"] [--organisation <slug>] [--area <slug>]…`
 * Creates an account on the configured database (DATABASE_URL or the embedded one) and prints
 * its generated password once.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      organisation: { type: 'string' },
      area: { type: 'string', multiple: true },
    },
  });
  const role = String(values.role ?? '').toUpperCase();
  if (!values.email || !Object.values(UserRole).includes(role as UserRole)) {
    console.error('usage: npm run user:create -- --email <e-mail> --role ADMIN|MUNICIPALITY|ORGANISATION [--name <name>] [--organisation <slug>] [--area <slug> ...]');
    process.exit(2);
  }
  await withDatabase(loadConfig(), async (url) => {
    const dataSource = createDataSource({ features, url, poolSize: 2 });
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
      const ctx = createContext(dataSource.manager);
      let organisationId: string | null = null;
      if (values.organisation) {
        const rows = await dataSource.query('SELECT id FROM organisation WHERE slug = $1 OR id::text = $1', [values.organisation]);
        if (rows.length === 0) throw new Error(`Unknown organisation ${values.organisation}`);
        organisationId = rows[0].id;
      }
      const password = randomToken(12);
      const user = await createUser(ctx, {
        email: values.email as string,
        displayName: values.name ?? (values.email as string),
        password,
        role: role as UserRole,
        organisationId,
        areas: values.area ?? null,
      });
      console.log(`created ${user.role} ${user.email}; password (shown once): ${password}`);
    } finally {
      await dataSource.destroy();
    }
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
