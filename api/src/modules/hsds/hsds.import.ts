import type { RequestContext } from '../../context';
import { assertAdmin } from '../../auth/policy';
import { collectCsvPackage, collectJsonDocument } from './hsds.import.collect';
import type { ImportReport } from './hsds.import.report';
import { runImport } from './hsds.import.run';

/*
 * Open Referral HSDS 3.0 → Schakel: the import behind POST /hsds/import (a JSON publication)
 * and POST /hsds/import/csv (the tabular data package, sent as JSON: file name → content).
 * This file is the module's public face; the work is done in steps, one file each:
 * 1. hsds.import.collect.ts takes the document apart into records, nested ones included.
 * 2. hsds.import.validate.ts validates every occurrence against the official compiled HSDS 3.0
 *    schema and merges the occurrences of one record — before anything touches the database.
 * 3. hsds.import.run.ts imports the rest in one transaction, record type by record type
 *    (hsds.import.map.*.ts), writing through hsds.import.store.ts: every create and update
 *    appends a change record with via 'hsds-import'; a record whose fields come out the same is
 *    "unchanged" and not written.
 * 4. hsds.import.report.ts builds the answer: every record with its outcome.
 *
 * Identity: the HSDS id (a UUID, lower-cased; a "urn:uuid:" prefix is dropped) IS our id, so
 * importing the same publication again updates the same rows instead of adding new ones.
 * docs/api-guide.md ("Importing an HSDS publication") describes the endpoints and lists how
 * each HSDS field maps onto Schakel.
 */

export { detectRecordType } from './hsds.import.collect';
export type { ImportRecordResult, ImportReport } from './hsds.import.report';
export {
  type HsdsRecordType,
  HsdsImportInputError,
  IMPORT_VIA,
  type ImportOutcome,
  OUTCOMES,
  RECORD_TYPES,
  type SchemaError,
  normalizeId,
} from './hsds.import.types';

/** POST /hsds/import: an HSDS 3.0 JSON publication (or one record, a page, a tabular package in JSON). Admins only. */
export async function importHsdsJson(ctx: RequestContext, body: unknown, options: { dryRun: boolean }): Promise<ImportReport> {
  assertAdmin(ctx, 'Only admins import HSDS publications');
  return runImport(ctx, collectJsonDocument(body), { format: 'json', dryRun: options.dryRun });
}

/** POST /hsds/import/csv: the HSDS tabular data package as `{ "file.csv": "content", … }`. Admins only. */
export async function importHsdsCsvPackage(ctx: RequestContext, body: unknown, options: { dryRun: boolean }): Promise<ImportReport> {
  assertAdmin(ctx, 'Only admins import HSDS publications');
  return runImport(ctx, collectCsvPackage(body), { format: 'csv', dryRun: options.dryRun });
}
