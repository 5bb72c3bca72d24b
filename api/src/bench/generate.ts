import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ensureBenchDatabase, openBenchServer } from './bench-database';
import { cleanupOnSignal, formatBytes, log, runMain, seedOf } from './cli';
import { presetOf } from './presets';

/**
 * `npm run bench:generate -- [--size small|city|national] [--seed N] [--regenerate]`:
 * generates (or finds) the benchmark database and reports its generation time and size.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { size: { type: 'string', default: 'small' }, seed: { type: 'string' }, regenerate: { type: 'boolean', default: false } } });
  const preset = presetOf(values.size!);
  const server = await openBenchServer(log);
  const cleanup = cleanupOnSignal(() => server.stop());
  try {
    const database = await ensureBenchDatabase(server, preset, seedOf(values.seed), { regenerate: values.regenerate!, log });
    const { marker } = database;
    const rows = Object.values(marker.rows).reduce((sum, n) => sum + n, 0);
    console.log('');
    console.log(`${database.name}: ${rows.toLocaleString('en-GB')} generated rows, ${formatBytes(marker.databaseBytes)} (pg_database_size)`);
    console.log(`generation time: ${marker.generationSeconds.toFixed(1)} s${database.reused ? ` (on ${marker.generatedAt}; reused now)` : ''}`);
    for (const [table, count] of Object.entries(marker.rows)) console.log(`  ${table.padEnd(28)} ${count.toLocaleString('en-GB').padStart(12)}`);
  } finally {
    await cleanup();
  }
}

runMain(main);
