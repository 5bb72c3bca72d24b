import path from 'node:path';
import type { EntityManager } from 'typeorm';
import { buildAreaRows } from './amersfoort/areas';
import { seedBasicFunctions, seedInterventionTypes, seedTargetGroups } from './amersfoort/catalogue';
import { type SeedContext, SeedCounter, loadAmersfoortData } from './amersfoort/data';
import { planKeyFigures, seedIndicators } from './amersfoort/key-figures';
import { seedKeyPersonRoles } from './amersfoort/key-person-roles';
import type { SeedReport } from './amersfoort.seed';

/**
 * The reference part of the Amersfoort data set alone: indicators, the ten basic functions,
 * intervention types, target groups (with their need indicators) and key person roles — no
 * areas, key figures, organisations, locations, services or networks. What the benchmark
 * generator's synthetic world (SEED_DEMO_DATA=synthetic) is built on; the same rows, by the same
 * code, as seedAmersfoort writes for them (so idempotent in the same way: ON CONFLICT DO NOTHING).
 */
export async function seedReferenceData(manager: EntityManager): Promise<SeedReport> {
  const data = loadAmersfoortData(path.join(__dirname, '..', '..', 'data', 'amersfoort-2009.json'));
  const counter = new SeedCounter();
  const context: SeedContext = {
    data,
    counter,
    areaSlugs: new Set(buildAreaRows(data).map((row) => row.slug)),
    // No organisations in this world: the roles come without the book's organisations.
    organisationSlugs: new Set(),
  };
  await seedIndicators(manager, counter, planKeyFigures(data, context.areaSlugs).indicators);
  await seedBasicFunctions(manager, counter, data);
  await seedInterventionTypes(manager, counter, data);
  await seedTargetGroups(manager, counter, data);
  await seedKeyPersonRoles(manager, context);
  return { loaded: counter.total > 0, counts: counter.counts };
}
