import {
  Alert,
  Heading3,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/fields';
import { Pager } from '../../components/Pager';
import { ScrollTable } from '../../components/ScrollTable';
import { Empty } from '../../components/States';
import { FileField, ImportFailure, ImportForm, useImport, type ImportUpload } from './importParts';

/** The report of `POST /hsds/import[/csv]` (api/src/modules/hsds/hsds.import.ts, ImportReport). */
type RecordType = 'organization' | 'service' | 'location' | 'service_at_location' | 'taxonomy' | 'taxonomy_term';
type RecordOutcome = 'created' | 'updated' | 'unchanged' | 'rejected' | 'skipped';
const RECORD_TYPES: readonly RecordType[] = ['organization', 'service', 'location', 'service_at_location', 'taxonomy', 'taxonomy_term'];
const OUTCOMES: readonly RecordOutcome[] = ['created', 'updated', 'unchanged', 'rejected', 'skipped'];

interface HsdsReport {
  format: 'json' | 'csv';
  dryRun: boolean;
  committed: boolean;
  totals: Record<RecordOutcome | 'records', number>;
  byType: Partial<Record<RecordType, Record<RecordOutcome, number>>>;
  records: Array<{
    type: RecordType;
    id: string;
    name: string;
    outcome: RecordOutcome;
    reason?: string;
    path: string;
    line?: number;
    notes?: string[];
    errors?: Array<{ path: string; message: string }>;
  }>;
  warnings: string[];
}

function isReport(body: unknown): body is HsdsReport {
  return typeof body === 'object' && body !== null && Array.isArray((body as HsdsReport).records) && typeof (body as HsdsReport).totals === 'object';
}

const RECORDS_PER_PAGE = 50;

const keyOf = (list: File[]) => list.map((f) => `${f.name}|${f.size}|${f.lastModified}`).join(';');

/**
 * HSDS 3.0 import (admins): one JSON publication, or the CSV files of an HSDS data package
 * (sent as JSON, file name → content, to /hsds/import/csv). A dry run first: every record with
 * its outcome, rejected ones with the reason, the schema errors and the line (CSV) or JSON path.
 * Rejected records do not stop the others, so the real import is offered after any dry run
 * that would write something.
 */
export function HsdsImportSection() {
  const { t } = useTranslation();
  const [files, setFiles] = useState<File[]>([]);
  const upload = useImport({
    readReport: (answer) => (answer.status === 200 && isReport(answer.body) ? answer.body : null),
    importAllowed: (report) => report.totals.created + report.totals.updated > 0,
  });

  function choose(list: File[]) {
    setFiles(list);
    upload.setFileError(null);
    upload.forget();
  }

  async function prepare(): Promise<ImportUpload | null> {
    if (files.length === 0) {
      upload.setFileError(t('imports.hsds.noFile'));
      return null;
    }
    const isJson = (f: File) => /\.json$/i.test(f.name);
    const isCsv = (f: File) => /\.csv$/i.test(f.name);
    if (files.length === 1 && isJson(files[0])) return { url: '/hsds/import', body: files[0], contentType: 'application/json', key: keyOf(files) };
    if (files.every(isCsv)) {
      const entries = await Promise.all(files.map(async (f) => [f.name, await f.text()] as const));
      return { url: '/hsds/import/csv', body: JSON.stringify(Object.fromEntries(entries)), contentType: 'application/json', key: keyOf(files) };
    }
    upload.setFileError(t('imports.hsds.mixedFiles'));
    return null;
  }

  return (
    <ImportForm
      state={upload}
      label={t('imports.hsds.formLabel')}
      mayImport={upload.mayImport(files.length > 0 ? keyOf(files) : null)}
      hint={t('imports.hsds.importAfterDryRun')}
      onRun={(dryRun) => void upload.run(dryRun, prepare)}
      result={(outcome) => (outcome.kind === 'report' ? <HsdsReportView report={outcome.report} /> : <ImportFailure outcome={outcome} />)}
    >
      <FileField
        ref={upload.fileRef}
        id="hsds-file"
        label={t('imports.hsds.file')}
        description={t('imports.hsds.fileHint')}
        accept=".json,.csv,application/json,text/csv"
        multiple
        error={upload.fileError}
        disabled={upload.running !== null}
        onChange={choose}
      />
    </ImportForm>
  );
}

function HsdsReportView({ report }: { report: HsdsReport }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<'problems' | 'all'>(report.totals.rejected + report.totals.skipped > 0 ? 'problems' : 'all');
  const [page, setPage] = useState(1);
  const records = report.records.filter((r) => filter === 'all' || r.outcome === 'rejected' || r.outcome === 'skipped');
  const shown = records.slice((page - 1) * RECORDS_PER_PAGE, page * RECORDS_PER_PAGE);
  const types = RECORD_TYPES.filter((type) => report.byType[type] && OUTCOMES.some((o) => (report.byType[type]?.[o] ?? 0) > 0));
  const totals = report.totals;
  const summary = { records: totals.records, created: totals.created, updated: totals.updated, unchanged: totals.unchanged, rejected: totals.rejected, skipped: totals.skipped };

  return (
    <>
      <Alert type={totals.rejected > 0 ? 'warning' : 'ok'}>
        <Heading3>{report.dryRun ? t('imports.dryRunResult') : t('imports.importResult')}</Heading3>
        <Paragraph>{report.dryRun ? t('imports.hsds.dryRunSummary', summary) : t('imports.hsds.importSummary', summary)}</Paragraph>
        <Paragraph>{report.dryRun ? t('imports.nothingWrittenYet') : report.committed ? t('imports.hsds.committed') : t('imports.nothingWritten')}</Paragraph>
      </Alert>
      {types.length > 0 && (
        <ScrollTable caption={t('imports.hsds.totalsCaption')}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('imports.hsds.type')}</TableHeaderCell>
              {OUTCOMES.map((o) => (
                <TableHeaderCell key={o} scope="col" className="app-numeric">
                  {t(`imports.hsds.outcome.${o}`)}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {types.map((type) => (
              <TableRow key={type}>
                <TableHeaderCell scope="row">{t(`imports.hsds.recordType.${type}`)}</TableHeaderCell>
                {OUTCOMES.map((o) => (
                  <TableCell key={o} className="app-numeric">
                    {report.byType[type]?.[o] ?? 0}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </ScrollTable>
      )}
      {report.warnings.length > 0 && (
        <>
          <Heading3>{t('imports.hsds.warnings')}</Heading3>
          <UnorderedList>
            {report.warnings.map((w) => (
              <UnorderedListItem key={w} lang="en">
                {w}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      )}
      <div className="app-toolbar">
        <SelectField
          id="hsds-filter"
          label={t('imports.hsds.filter')}
          value={filter}
          onChange={(value) => {
            setFilter(value === 'all' ? 'all' : 'problems');
            setPage(1);
          }}
          options={[
            { value: 'problems', label: t('imports.hsds.filterProblems') },
            { value: 'all', label: t('imports.hsds.filterAll') },
          ]}
        />
      </div>
      {records.length === 0 ? (
        <Empty>{t('imports.hsds.noProblems')}</Empty>
      ) : (
        <>
          <ScrollTable
            caption={t('imports.hsds.recordsCaption', { count: records.length })}
            columns={[t('imports.hsds.where'), t('imports.hsds.type'), t('imports.hsds.name'), t('imports.hsds.result'), t('imports.hsds.reason')]}
          >
            <TableBody>
              {shown.map((r, index) => (
                <TableRow key={`${r.type}:${r.id}:${r.path}:${index}`}>
                  <TableHeaderCell scope="row">{r.line !== undefined ? t('imports.hsds.line', { line: r.line }) : <code>{r.path}</code>}</TableHeaderCell>
                  <TableCell>{t(`imports.hsds.recordType.${r.type}`)}</TableCell>
                  <TableCell>{r.name || r.id}</TableCell>
                  <TableCell>
                    <span className={`app-outcome app-outcome--${r.outcome}`}>{t(`imports.hsds.outcome.${r.outcome}`)}</span>
                  </TableCell>
                  <TableCell lang="en">
                    {r.reason}
                    {r.errors && r.errors.length > 0 && (
                      <ul className="app-compact-list">
                        {r.errors.map((e, i) => (
                          <li key={`${e.path}-${i}`}>
                            <code>{e.path || '/'}</code> {e.message}
                          </li>
                        ))}
                      </ul>
                    )}
                    {r.notes && r.notes.length > 0 && (
                      <ul className="app-compact-list app-muted">
                        {r.notes.map((n) => (
                          <li key={n}>{n}</li>
                        ))}
                      </ul>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </ScrollTable>
          <Pager
            label={t('imports.hsds.recordsPager')}
            page={page}
            pageSize={RECORDS_PER_PAGE}
            totalCount={records.length}
            hasNextPage={page * RECORDS_PER_PAGE < records.length}
            onPrevious={() => setPage((p) => Math.max(1, p - 1))}
            onNext={() => setPage((p) => p + 1)}
          />
        </>
      )}
    </>
  );
}
