import fs from 'node:fs';
import { Client } from 'pg';

export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env.SCHAKEL_TEST_SERVER_URL;
  const template = process.env.SCHAKEL_TEST_TEMPLATE;
  if (serverUrl && template && process.env.TEST_DATABASE_URL) {
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      const role = process.env.SCHAKEL_TEST_APP_USER;
      if (role && process.env.SCHAKEL_TEST_APP_ROLE_CREATED) {
        // Fails only while a test database of this run is left over (it still holds grants to the role).
        await admin.query(`DROP ROLE IF EXISTS ${role}`).catch((error: Error) => console.warn(`test role ${role} not dropped: ${error.message}`));
      }
    } finally {
      await admin.end();
    }
  }
  const embedded = globalThis.__SCHAKEL_TEST_PG__;
  if (embedded) {
    await embedded.stop();
    const dir = process.env.SCHAKEL_TEST_PG_DATA_DIR;
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}
