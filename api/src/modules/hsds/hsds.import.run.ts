import { withTransaction } from '../../common/transaction';
import type { RequestContext } from '../../context';
import { translateDatabaseError } from '../curation';
import type { Collector } from './hsds.import.collect';
import { parentsFirst } from './hsds.import.map';
import { importLocation } from './hsds.import.map.location';
import { importOrganisation } from './hsds.import.map.organisation';
import { importService, importServiceAtLocation } from './hsds.import.map.service';
import { importTaxonomies, importTerms } from './hsds.import.map.terms';
import { type ImportReport, buildReport } from './hsds.import.report';
import { ImportStore } from './hsds.import.store';
import { normalizeId } from './hsds.import.types';
import { prepare } from './hsds.import.validate';

/*
 * The run: one transaction imports the records that validated. A record the model cannot take is
 * rejected with a reason and the others go on (HSDS publications often contain records we cannot
 * take); a database error rolls everything back. A dry run does the same work and rolls back, so
 * its report is exactly what a real run would do.
 */

/** Each type after the ones it refers to: terms before the services that link them, organisations (parents first) before their locations and services. */
async function importAll(store: ImportStore): Promise<void> {
  await store.load();
  importTaxonomies(store);
  await importTerms(store);
  for (const item of parentsFirst(store.ofType('organization'), (item) => normalizeId(item.data.parent_organization_id))) await importOrganisation(store, item);
  for (const item of store.ofType('location')) await importLocation(store, item);
  for (const item of store.ofType('service')) await importService(store, item);
  for (const item of store.ofType('service_at_location')) await importServiceAtLocation(store, item);
  await store.recordServiceHistory();
}

class DryRunRollback extends Error {}

export async function runImport(ctx: RequestContext, collector: Collector, options: { format: 'json' | 'csv'; dryRun: boolean }): Promise<ImportReport> {
  // Validation first: nothing touches the database before every record has been checked.
  const items = prepare(collector);
  let report: ImportReport | undefined;
  try {
    await withTransaction(ctx, async (txCtx) => {
      await importAll(new ImportStore(txCtx.manager, txCtx, items));
      report = buildReport(items, collector.warnings, { ...options, csvContacts: collector.csvContacts });
      if (options.dryRun) throw new DryRunRollback('dry run');
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw translateDatabaseError(error);
  }
  return report!;
}
