import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { features } from '../features';
import { loadConfig } from '../config';
import { contextFactoryOf } from '../common/feature';
import { createDataSource } from '../db/data-source';
import { withDatabase } from '../db/database';
import { purgeClosedReferrals } from '../modules/referral';

const createContext = contextFactoryOf(features);

/**
 * `node dist/scripts/purge-referrals.js [--older-than-years N]` — the retention purge, for a
 * scheduler (cron, a Kubernetes CronJob): deletes referrals that ended (CLOSED, DECLINED,
 * WITHDRAWN) more than N years ago (default REFERRAL_RETENTION_YEARS, 5), each leaving a
 * deletion record and a PURGE row in the access log (role SYSTEM). Prints the dossier numbers.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'older-than-years': { type: 'string' } } });
  const raw = values['older-than-years'];
  const config = loadConfig();
  const years = raw === undefined ? config.referrals.retentionYears : Number(raw);
  if (!Number.isInteger(years) || years < 1) {
    console.error('usage: node dist/scripts/purge-referrals.js [--older-than-years <whole number ≥ 1>]');
    process.exit(2);
  }
  await withDatabase(config, async (url) => {
    const dataSource = createDataSource({ features, url, poolSize: 2, statementTimeoutMs: config.statementTimeoutMs, applicationName: 'schakel-purge-referrals' });
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
      const ctx = createContext(dataSource.manager, { client: { ip: null, userAgent: 'purge-referrals (CLI)' } });
      const result = await purgeClosedReferrals(ctx, { olderThanYears: years, operation: 'cli:purge-referrals' });
      console.log(`purged ${result.purged} referral(s) that ended before ${result.endedBefore.toISOString()} (retention ${years} years)`);
      for (const dossierNumber of result.dossierNumbers) console.log(`  ${dossierNumber}`);
    } finally {
      await dataSource.destroy();
    }
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
