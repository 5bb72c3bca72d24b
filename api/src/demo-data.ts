import { seedAmersfoort, seedReferenceData } from '@schakel/db';
import type { ClientBase } from 'pg';
import type { DataSource } from 'typeorm';
import { generateDataset } from './bench/generator';
import { DEFAULT_SEED, GENERATED_SOURCE, GENERATOR_VERSION, PRESETS } from './bench/presets';
import type { DemoDataSet } from './config';

/**
 * The demo data set `npm start` loads into an empty database (SEED_DEMO_DATA):
 * - `amersfoort`: the Amersfoort 2009 data of the book (db/data, seedAmersfoort);
 * - `synthetic`: the benchmark generator's `small` world (api/src/bench/generator.ts, the same
 *   code the benchmarks run, seed DEFAULT_SEED): one made-up municipality with 8 districts and
 *   32 neighbourhoods with boundaries, locations with positions, key figures for ten years —
 *   on the Amersfoort reference data (indicators, basic functions, target groups, intervention
 *   types), labelled synthetic: the municipality's name ends in SYNTHETIC_LABEL and every area's
 *   description says it;
 * - `none`: nothing.
 * A database that holds data is left alone; one that holds the other demo world is refused
 * (DemoDataConflict), so the two never mix. Everything is written in one transaction.
 */

/** The label of the synthetic world, at the end of its municipality's name. */
export const SYNTHETIC_LABEL = '(synthetisch)';

export const SYNTHETIC_DESCRIPTION =
  `Synthetisch gebied: verzonnen door de generator van de benchmarks (grootte small, seed ${DEFAULT_SEED}, ` +
  `versie ${GENERATOR_VERSION}), geen echte gegevens. Namen, grenzen, adressen, kerncijfers en verwijzingen zijn gegenereerd.`;

export class DemoDataConflict extends Error {}

export interface DemoDataResult {
  loaded: boolean;
  /** What the log says. */
  message: string;
  counts: Record<string, number>;
}

type World = 'amersfoort' | 'synthetic' | 'other' | 'empty';

/** Which world the database holds: the book's (area `amersfoort`), the generator's (its source), other data, or none. */
async function worldOf(dataSource: DataSource): Promise<World> {
  const [row] = await dataSource.query(
    `SELECT EXISTS (SELECT 1 FROM area WHERE source = $1) AS synthetic,
            EXISTS (SELECT 1 FROM area WHERE slug = 'amersfoort') AS amersfoort,
            (SELECT count(*) FROM area) + (SELECT count(*) FROM organisation) AS records`,
    [GENERATED_SOURCE],
  );
  if (row.synthetic) return 'synthetic';
  if (row.amersfoort) return 'amersfoort';
  return Number(row.records) > 0 ? 'other' : 'empty';
}

const NAMES: Record<'amersfoort' | 'synthetic', string> = {
  amersfoort: 'the Amersfoort 2009 demo data',
  synthetic: `the synthetic demo world (benchmark generator, size small, seed ${DEFAULT_SEED}, version ${GENERATOR_VERSION}; not real data)`,
};

export async function seedDemoData(dataSource: DataSource, set: DemoDataSet): Promise<DemoDataResult> {
  if (set === 'none') return { loaded: false, message: 'SEED_DEMO_DATA=none: no demo data loaded', counts: {} };
  const other = set === 'amersfoort' ? 'synthetic' : 'amersfoort';
  const present = await worldOf(dataSource);
  if (present === other) {
    throw new DemoDataConflict(
      `SEED_DEMO_DATA=${set}, but the database already holds ${NAMES[other]}; the two demo worlds are not mixed. ` +
        `Start with SEED_DEMO_DATA=${other} (or none), or on an empty database (another EMBEDDED_PG_DATA_DIR or DATABASE_URL).`,
    );
  }
  if (present !== 'empty') return { loaded: false, message: `database already holds data; ${NAMES[set]} not loaded`, counts: {} };
  const counts = set === 'amersfoort' ? (await dataSource.transaction((manager) => seedAmersfoort(manager))).counts : await seedSynthetic(dataSource);
  const summary = Object.entries(counts).map(([table, n]) => `${table} ${n}`).join(', ');
  return { loaded: true, message: `loaded ${NAMES[set]}: ${summary}`, counts };
}

/** The reference data, the generator's small world and its label, in one transaction on one connection (COPY needs the client). */
async function seedSynthetic(dataSource: DataSource): Promise<Record<string, number>> {
  const runner = dataSource.createQueryRunner();
  const client = (await runner.connect()) as ClientBase;
  try {
    await runner.startTransaction();
    try {
      // A whole world in one go: not bound by the per-statement limit of requests.
      await runner.query('SET LOCAL statement_timeout = 0');
      const reference = await seedReferenceData(runner.manager);
      const rows = await generateDataset(client, PRESETS.small, DEFAULT_SEED, () => undefined);
      await runner.query(
        `UPDATE area SET name = CASE WHEN level = 'MUNICIPALITY' THEN name || ' ' || $2 ELSE name END, description = $3 WHERE source = $1`,
        [GENERATED_SOURCE, SYNTHETIC_LABEL, SYNTHETIC_DESCRIPTION],
      );
      await runner.commitTransaction();
      return { ...reference.counts, ...rows };
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    }
  } finally {
    await runner.release();
  }
}
