import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { features } from '../features';
import { loadConfig } from '../config';
import { contextFactoryOf } from '../common/feature';
import type { RequestContext } from '../context';
import { createDataSource } from '../db/data-source';
import { withDatabase } from '../db/database';
import { UserRole } from '../modules/user/user.entity';
import { type BoundaryImportReport, type CbsImportReport, importBoundaries, importCbsTable, readCbsInputs } from '../modules/cbs-import';
import { formatBoundaryReport, formatCbsReport } from './import-cbs.format';

const createContext = contextFactoryOf(features);

const USAGE = [
  'usage: npm run import:cbs -- <file> [<file> ...] [--dry-run] [--year YYYY] [--municipality GM0000] [--skip-bad-rows] [--as <admin e-mail>] [--json]',
  '       npm run import:boundaries -- <file.geojson> [--dry-run] [--municipality GM0000] [--tolerance <degrees>] [--skip-bad-rows] [--as <admin e-mail>] [--json]',
].join('\n');

/** The admin the history names: `--as`, or the one active admin. */
async function adminContext(dataSource: DataSource, email: string | undefined): Promise<RequestContext> {
  const admins: Array<{ id: string; email: string }> = await dataSource.query(
    `SELECT id, email FROM app_user WHERE role = $1 AND status = 'ACTIVE' AND erased_at IS NULL AND ($2::text IS NULL OR lower(email) = lower($2)) ORDER BY email`,
    [UserRole.ADMIN, email ?? null],
  );
  if (admins.length === 0) throw new Error(email ? `No active admin ${email}` : 'No active admin: create one first (npm run user:create -- --email … --role ADMIN)');
  if (admins.length > 1) throw new Error(`Several admins (${admins.map((a) => a.email).join(', ')}): say which with --as <e-mail>`);
  return createContext(dataSource.manager, { viewer: { kind: 'user', userId: admins[0].id, sessionId: 'command-line', role: UserRole.ADMIN, organisationId: null, areaIds: [] } });
}

/**
 * `npm run import:cbs -- <files>`: CBS's Kerncijfers wijken en buurten (a StatLine CSV, or the
 * OData TypedDataSet.json with DataProperties.json); `npm run import:boundaries -- <file>`: the
 * wijk- en buurtkaart as GeoJSON. On the configured database (DATABASE_URL or the embedded one),
 * as an admin; prints the report (docs/adopting.md shows what).
 */
async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      year: { type: 'string' },
      municipality: { type: 'string' },
      tolerance: { type: 'string' },
      'skip-bad-rows': { type: 'boolean', default: false },
      as: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if ((command !== 'kerncijfers' && command !== 'boundaries') || positionals.length === 0) {
    console.error(USAGE);
    process.exit(2);
  }
  const year = values.year === undefined ? undefined : /^\d{4}$/.test(values.year) ? Number(values.year) : NaN;
  const tolerance = values.tolerance === undefined ? undefined : Number(values.tolerance);
  if (Number.isNaN(year) || Number.isNaN(tolerance)) {
    console.error(USAGE);
    process.exit(2);
  }
  const files = positionals.map((path) => ({ name: basename(path), text: readFileSync(path, 'utf8') }));
  const common = { dryRun: values['dry-run'] === true, onBadRow: values['skip-bad-rows'] ? ('skip' as const) : ('refuse' as const), municipality: values.municipality };

  const report = await withDatabase(loadConfig(), async (url) => {
    const dataSource = createDataSource({ features, url, poolSize: 2 });
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
      const ctx = await adminContext(dataSource, values.as);
      if (command === 'kerncijfers') return { kind: 'cbs' as const, report: await importCbsTable(ctx, readCbsInputs(files), { ...common, year }) };
      if (files.length !== 1) throw new Error('Give one GeoJSON file');
      return { kind: 'boundaries' as const, report: await importBoundaries(ctx, JSON.parse(files[0].text), { ...common, tolerance }) };
    } finally {
      await dataSource.destroy();
    }
  });
  if (values.json) console.log(JSON.stringify(report.report, null, 2));
  else console.log(report.kind === 'cbs' ? formatCbsReport(report.report as CbsImportReport) : formatBoundaryReport(report.report as BoundaryImportReport));
  if (report.report.refused) process.exit(1);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
