import { Alert, Heading3, Paragraph, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../components/fields';
import { ScrollTable } from '../../components/ScrollTable';
import { FileField, ImportFailure, ImportForm, useImport, type ImportUpload } from './importParts';

/** The report of `POST /imports/cbs-kerncijfers` (api/src/modules/cbs-import/cbs-import.service.ts, CbsImportReport). */
type AreaOutcome = 'created' | 'updated' | 'unchanged' | 'skipped' | 'country';
interface CbsRow {
  row: number;
  code: string | null;
  name: string | null;
  area: AreaOutcome;
  figures: { created: number; updated: number; unchanged: number; missing: number; derived: number };
  problems: Array<{ column: string | null; message: string }>;
}
interface CbsReport {
  dryRun: boolean;
  year: number | null;
  refused: boolean;
  rows: number;
  imported: number;
  skipped: number;
  areas: { created: number; updated: number; unchanged: number; ended: string[] };
  indicators: { created: string[]; used: string[] };
  keyFigures: { created: number; updated: number; unchanged: number; derived: number };
  missing: { byReason: { UNKNOWN: number; SECRET: number; NIL: number } };
  ignoredColumns: string[];
  report: CbsRow[];
}

function isReport(body: unknown): body is CbsReport {
  return typeof body === 'object' && body !== null && Array.isArray((body as CbsReport).report) && typeof (body as CbsReport).areas === 'object';
}

const keyOf = (list: File[], year: string, onBadRow: string) => `${list.map((f) => `${f.name}|${f.size}|${f.lastModified}`).join(';')}|${year}|${onBadRow}`;

/** Which OData document a JSON file is, by its content (as the API tells them apart). */
function odataPart(document: unknown): 'TypedDataSet' | 'DataProperties' | 'WijkenEnBuurten' {
  const value = (document as { value?: unknown[] } | null)?.value;
  if (Array.isArray(value) && value.some((e) => e && typeof e === 'object' && 'Key' in e && 'Type' in e)) return 'DataProperties';
  if (Array.isArray(value) && value.length > 0 && value.every((e) => e && typeof e === 'object' && 'Key' in e && 'Title' in e && !('Type' in e))) return 'WijkenEnBuurten';
  return 'TypedDataSet';
}

/**
 * CBS's Kerncijfers wijken en buurten (admins; docs/adopting.md): the StatLine CSV download, or
 * the OData JSON files (TypedDataSet with its DataProperties), sent as CBS publishes them. A dry
 * run first reports every row — its area, its figures, the symbols that became missing values
 * and each problem — then the import of the same files.
 */
export function CbsImportSection() {
  const { t } = useTranslation();
  const [files, setFiles] = useState<File[]>([]);
  const [year, setYear] = useState('');
  const [onBadRow, setOnBadRow] = useState<'refuse' | 'skip'>('refuse');
  const upload = useImport({
    readReport: (answer) => ((answer.status === 200 || answer.status === 422) && isReport(answer.body) ? answer.body : null),
    importAllowed: (report) => !report.refused && report.imported > 0,
  });

  function changed() {
    upload.setFileError(null);
    upload.forget();
  }

  async function prepare(): Promise<ImportUpload | null> {
    if (files.length === 0) {
      upload.setFileError(t('imports.cbs.noFile'));
      return null;
    }
    if (year && !/^\d{4}$/.test(year)) {
      upload.setFileError(t('imports.cbs.badYear'));
      return null;
    }
    const query = new URLSearchParams({ onBadRow, ...(year ? { year } : {}) }).toString();
    const url = `/imports/cbs-kerncijfers?${query}`;
    const key = keyOf(files, year, onBadRow);
    const isCsv = (f: File) => /\.csv$/i.test(f.name);
    if (files.length === 1 && isCsv(files[0])) return { url, body: files[0], contentType: 'text/csv', key };
    if (files.every((f) => /\.json$/i.test(f.name))) {
      const parts: Record<string, unknown> = {};
      for (const file of files) {
        let document: unknown;
        try {
          document = JSON.parse(await file.text());
        } catch {
          upload.setFileError(t('imports.cbs.notJson', { file: file.name }));
          return null;
        }
        parts[odataPart(document)] = document;
      }
      return { url, body: JSON.stringify(parts), contentType: 'application/json', key };
    }
    upload.setFileError(t('imports.cbs.mixedFiles'));
    return null;
  }

  return (
    <ImportForm
      state={upload}
      label={t('imports.cbs.formLabel')}
      mayImport={upload.mayImport(files.length > 0 ? keyOf(files, year, onBadRow) : null)}
      hint={t('imports.cbs.importAfterDryRun')}
      onRun={(dryRun) => void upload.run(dryRun, prepare)}
      result={(outcome) => (outcome.kind === 'report' ? <CbsReportView report={outcome.report} /> : <ImportFailure outcome={outcome} />)}
    >
      <FileField
        ref={upload.fileRef}
        id="cbs-file"
        label={t('imports.cbs.file')}
        description={t('imports.cbs.fileHint')}
        accept=".csv,.json,text/csv,application/json"
        multiple
        error={upload.fileError}
        disabled={upload.running !== null}
        onChange={(list) => {
          setFiles(list);
          changed();
        }}
      />
      <TextField
        id="cbs-year"
        label={t('imports.cbs.year')}
        description={t('imports.cbs.yearHint')}
        value={year}
        onChange={(value) => {
          setYear(value.trim());
          changed();
        }}
      />
      <SelectField
        id="cbs-bad-rows"
        label={t('imports.cbs.onBadRow')}
        value={onBadRow}
        onChange={(value) => {
          setOnBadRow(value === 'skip' ? 'skip' : 'refuse');
          changed();
        }}
        options={[
          { value: 'refuse', label: t('imports.cbs.refuseFile') },
          { value: 'skip', label: t('imports.cbs.skipRow') },
        ]}
      />
    </ImportForm>
  );
}

function CbsReportView({ report }: { report: CbsReport }) {
  const { t } = useTranslation();
  const withProblems = report.report.filter((row) => row.problems.length > 0).length;
  const summary = {
    year: report.year ?? '?',
    rows: report.rows,
    imported: report.imported,
    skipped: report.skipped,
    areasCreated: report.areas.created,
    areasUpdated: report.areas.updated,
    indicators: report.indicators.created.length,
    created: report.keyFigures.created,
    updated: report.keyFigures.updated,
    unchanged: report.keyFigures.unchanged,
    derived: report.keyFigures.derived,
    unknown: report.missing.byReason.UNKNOWN,
    secret: report.missing.byReason.SECRET,
    nil: report.missing.byReason.NIL,
  };
  return (
    <>
      <Alert type={report.refused ? 'error' : withProblems > 0 ? 'warning' : 'ok'}>
        <Heading3>{report.dryRun ? t('imports.dryRunResult') : t('imports.importResult')}</Heading3>
        {report.refused && <Paragraph>{t('imports.cbs.refused', { count: withProblems })}</Paragraph>}
        <Paragraph>{t(report.dryRun ? 'imports.cbs.dryRunSummary' : 'imports.cbs.importSummary', summary)}</Paragraph>
        <Paragraph>{t('imports.cbs.missingSummary', summary)}</Paragraph>
        {report.areas.ended.length > 0 && <Paragraph>{t('imports.cbs.ended', { areas: report.areas.ended.join(', ') })}</Paragraph>}
        {report.ignoredColumns.length > 0 && <Paragraph>{t('imports.cbs.ignored', { columns: report.ignoredColumns.join(', ') })}</Paragraph>}
        <Paragraph>{report.refused ? t('imports.nothingWritten') : report.dryRun ? t('imports.nothingWrittenYet') : t('imports.cbs.committed')}</Paragraph>
      </Alert>
      <ScrollTable caption={t('imports.cbs.rowsCaption', { count: report.report.length })}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('imports.row')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('imports.cbs.area')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('imports.cbs.areaOutcome')}</TableHeaderCell>
            <TableHeaderCell scope="col" className="app-numeric">
              {t('imports.cbs.figures')}
            </TableHeaderCell>
            <TableHeaderCell scope="col" className="app-numeric">
              {t('imports.cbs.missing')}
            </TableHeaderCell>
            <TableHeaderCell scope="col">{t('imports.message')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {report.report.map((row) => (
            <TableRow key={row.row}>
              <TableCell>{row.row}</TableCell>
              <TableHeaderCell scope="row">
                {row.name ?? ''} {row.code ? <span className="app-muted">({row.code})</span> : null}
              </TableHeaderCell>
              <TableCell>{t(`imports.cbs.outcome.${row.area}`)}</TableCell>
              <TableCell className="app-numeric">{row.figures.created + row.figures.updated + row.figures.unchanged}</TableCell>
              <TableCell className="app-numeric">{row.figures.missing}</TableCell>
              <TableCell>
                {row.problems.length > 0 && (
                  <UnorderedList>
                    {row.problems.map((problem, i) => (
                      <UnorderedListItem key={i}>
                        {problem.column ? `${problem.column}: ` : ''}
                        {problem.message}
                      </UnorderedListItem>
                    ))}
                  </UnorderedList>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </ScrollTable>
    </>
  );
}
