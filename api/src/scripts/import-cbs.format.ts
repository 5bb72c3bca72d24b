import type { BoundaryImportReport, CbsImportReport } from '../modules/cbs-import';

/** The report of `npm run import:cbs` as the lines docs/adopting.md shows. */
export function formatCbsReport(report: CbsImportReport): string {
  const lines: string[] = [];
  const what = report.refused ? 'Refused' : report.dryRun ? 'Dry run of' : 'Imported';
  lines.push(`${what} ${report.source ?? 'CBS Kerncijfers wijken en buurten'} (${report.format}): ${report.rows} rows, ${report.imported} imported, ${report.skipped} skipped`);
  if (report.refused) lines.push('REFUSED: a row has problems and --skip-bad-rows was not given; nothing was written.');
  lines.push(`areas: ${report.areas.created} created, ${report.areas.updated} updated, ${report.areas.unchanged} unchanged${report.areas.ended.length ? `; ended: ${report.areas.ended.join(', ')}` : ''}`);
  lines.push(`indicators: ${report.indicators.created.length} created${report.indicators.created.length ? ` (${report.indicators.created.join(', ')})` : ''}, ${report.indicators.used.length} existing`);
  lines.push(`key figures: ${report.keyFigures.created} created, ${report.keyFigures.updated} updated, ${report.keyFigures.unchanged} unchanged (${report.keyFigures.derived} derived shares)`);
  const c = report.countryFigures;
  lines.push(`figures of the country (NL00, for the national comparison): ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`);
  const m = report.missing;
  lines.push(`missing values: ${m.byReason.UNKNOWN} unknown (.), ${m.byReason.SECRET} secret (x), ${m.byReason.NIL} nil (-); ${m.created} new, ${m.updated} changed, ${m.unchanged} unchanged, ${m.cleared} cleared`);
  if (report.ignoredColumns.length) lines.push(`columns not imported (no metadata; give DataProperties.json too): ${report.ignoredColumns.join(', ')}`);
  for (const row of report.report) {
    const f = row.figures;
    const figures = row.area === 'country' ? 'not an area (the country: figures for the national comparison)' : `area ${row.area}; figures ${f.created} created, ${f.updated} updated, ${f.unchanged} unchanged, ${f.missing} missing`;
    lines.push(`  row ${row.row} ${row.code ?? '?'} ${row.name ?? ''}: ${figures}`);
    for (const problem of row.problems) lines.push(`    problem${problem.column ? ` in ${problem.column}` : ''}: ${problem.message}`);
  }
  if (report.dryRun) lines.push('Dry run: nothing was written.');
  return lines.join('\n');
}

/** The report of `npm run import:boundaries`. */
export function formatBoundaryReport(report: BoundaryImportReport): string {
  const lines: string[] = [];
  lines.push(`${report.refused ? 'Refused' : report.dryRun ? 'Dry run of' : 'Imported'} boundaries: ${report.features} features in ${report.crs} (from the ${report.crsFrom}), simplified at ${report.tolerance}°: ${report.updated} updated, ${report.unchanged} unchanged, ${report.skipped} skipped`);
  if (report.refused) lines.push('REFUSED: a feature has problems and --skip-bad-rows was not given; nothing was written.');
  if (report.unknownAreas.count) lines.push(`features of areas Schakel does not know: ${report.unknownAreas.count} (${report.unknownAreas.codes.join(', ')})`);
  for (const row of report.report) {
    const positions = row.positions ? `, ${row.positions.published} → ${row.positions.stored} positions` : '';
    lines.push(`  feature ${row.feature} ${row.code ?? '?'} ${row.name ?? ''}: ${row.outcome}${positions}${row.problem ? ` — ${row.problem}` : ''}`);
  }
  if (report.dryRun) lines.push('Dry run: nothing was written.');
  return lines.join('\n');
}
