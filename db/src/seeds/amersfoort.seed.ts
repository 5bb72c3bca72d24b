import path from 'node:path';
import type { EntityManager } from 'typeorm';
import { buildAreaRows, seedAreas } from './amersfoort/areas';
import { seedBasicFunctions, seedInterventionTypes, seedTargetGroups } from './amersfoort/catalogue';
import { loadClassification } from './amersfoort/classification';
import { type SeedContext, SeedCounter, loadAmersfoortData } from './amersfoort/data';
import { planKeyFigures, seedIndicators, seedKeyFigures } from './amersfoort/key-figures';
import { seedKeyPersonRoles } from './amersfoort/key-person-roles';
import { seedLocations } from './amersfoort/locations';
import { seedNetworks } from './amersfoort/networks';
import { seedOrganisations } from './amersfoort/organisations';
import { seedServices } from './amersfoort/services';

export interface SeedReport {
  loaded: boolean;
  counts: Record<string, number>;
}

/**
 * Loads the Amersfoort 2009 demo data set (db/data/amersfoort-2009.json: facts from the book
 * "Schakels in de Buurt", with the compiler's classification of its projects to intervention
 * types in db/data/amersfoort-2009-classification.json) into an empty or already seeded
 * database. Run it inside a transaction (the caller's); it uses raw, parameterised SQL only,
 * one multi-row statement per table (about 25 in all), each reading its rows from a single
 * JSON parameter.
 *
 * Idempotent: every row is inserted with ON CONFLICT DO NOTHING on its natural key (slug for
 * areas, organisations, locations, services and networks; code for indicators, basic
 * functions, intervention types, target groups and key person roles), on the link tables'
 * unique pairs and on the key figures' (area, indicator, year, source); network members,
 * which have no natural key, only for networks created by this run. A second run inserts
 * nothing and reports `loaded: false`.
 *
 * Only what the book states is loaded (no addresses, phones, coordinates, CBS codes or dates).
 * Not loaded:
 * - key persons: the book names no persons (only roles);
 * - referrals: the book's two example cases (§3.5, §4.5) have no dates or problem owners; the
 *   referral flow replays them through the API instead;
 * - the municipality's own key figure fields (they repeat the Amersfoort table rows), the
 *   signalling model, norms, glossary, policy and the other descriptive parts of the data set.
 * See db/data/README.md for the mapping per part of the data set.
 */
export async function seedAmersfoort(manager: EntityManager): Promise<SeedReport> {
  const dataDir = path.join(__dirname, '..', '..', 'data');
  const data = loadAmersfoortData(path.join(dataDir, 'amersfoort-2009.json'));
  const classification = loadClassification(path.join(dataDir, 'amersfoort-2009-classification.json'));
  const counter = new SeedCounter();
  const areaRows = buildAreaRows(data);
  const context: SeedContext = {
    data,
    counter,
    areaSlugs: new Set(areaRows.map((row) => row.slug)),
    organisationSlugs: new Set(data.organisations.map((organisation) => organisation.slug)),
  };

  await seedAreas(manager, counter, areaRows);
  const keyFigures = planKeyFigures(data, context.areaSlugs);
  await seedIndicators(manager, counter, keyFigures.indicators);
  await seedKeyFigures(manager, counter, keyFigures.keyFigures);
  await seedBasicFunctions(manager, counter, data);
  await seedInterventionTypes(manager, counter, data);
  await seedTargetGroups(manager, counter, data);
  await seedOrganisations(manager, context);
  await seedLocations(manager, context);
  await seedServices(manager, context, classification);
  await seedNetworks(manager, context);
  await seedKeyPersonRoles(manager, context);

  return { loaded: counter.total > 0, counts: counter.counts };
}
