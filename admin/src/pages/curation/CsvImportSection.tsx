import { Alert, Heading3, Paragraph, TableBody, TableCell, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/fields';
import { ScrollTable } from '../../components/ScrollTable';
import { FileField, ImportFailure, ImportForm, useImport, type ImportOutcome } from './importParts';

export type CsvKind = 'key-figures' | 'organisations' | 'services';

/** The answer of `POST /csv/<kind>` (api/src/modules/csv/csv.service.ts, CsvImportBody). */
interface CsvImportBody {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  errors: Array<{ row: number | null; column: string | null; message: string }>;
  moreErrors?: number;
  changes?: Array<{ row: number; action: 'create' | 'update' }>;
  error?: { code: string; message: string };
}

function isImportBody(body: unknown): body is CsvImportBody {
  return typeof body === 'object' && body !== null && Array.isArray((body as CsvImportBody).errors) && typeof (body as CsvImportBody).created === 'number';
}

const fileKey = (file: File, kind: CsvKind) => `${kind}|${file.name}|${file.size}|${file.lastModified}`;

/**
 * CSV import in two steps: a dry run (`?dryRun=true`) checks every row and writes nothing —
 * its report lists each error with its row number (row 1 is the header) — and only after a
 * clean dry run of this very file does "Importeren" send it for real. Imports are all or
 * nothing: with any error, nothing is written.
 */
export function CsvImportSection({ kinds }: { kinds: readonly CsvKind[] }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<CsvKind>(kinds[0] ?? 'key-figures');
  const [file, setFile] = useState<File | null>(null);
  const upload = useImport({ readReport: (answer) => (isImportBody(answer.body) ? answer.body : null), importAllowed: () => true });

  function choose(files: File[]) {
    setFile(files[0] ?? null);
    upload.setFileError(null);
    upload.forget();
  }

  function run(dryRun: boolean) {
    void upload.run(dryRun, () => {
      if (!file) {
        upload.setFileError(t('imports.csv.noFile'));
        return null;
      }
      return { url: `/csv/${kind}`, body: file, contentType: 'text/csv; charset=utf-8', key: fileKey(file, kind) };
    });
  }

  const mayImport = upload.mayImport(file ? fileKey(file, kind) : null);
  const kindOptions = kinds.map((k) => ({ value: k, label: t(`imports.csv.kind.${k}`) }));

  return (
    <ImportForm
      state={upload}
      label={t('imports.csv.formLabel')}
      mayImport={mayImport}
      hint={t('imports.importAfterDryRun')}
      onRun={run}
      result={(outcome) => <CsvOutcomeView outcome={outcome} />}
    >
      {kinds.length > 1 && (
        <SelectField
          id="csv-kind"
          label={t('imports.csv.kindLabel')}
          value={kind}
          onChange={(value) => {
            setKind(value as CsvKind);
            upload.forget();
          }}
          options={kindOptions}
        />
      )}
      <FileField
        ref={upload.fileRef}
        id="csv-file"
        label={kinds.length > 1 ? t('imports.csv.file') : t('imports.csv.fileKeyFigures')}
        description={t(`imports.csv.columns.${kind}`)}
        accept=".csv,text/csv"
        error={upload.fileError}
        disabled={upload.running !== null}
        onChange={choose}
      />
    </ImportForm>
  );
}

function CsvOutcomeView({ outcome }: { outcome: ImportOutcome<CsvImportBody> }) {
  const { t } = useTranslation();
  const heading = outcome.dryRun ? t('imports.dryRunResult') : t('imports.importResult');
  if (outcome.kind === 'network') {
    return (
      <Alert type="error">
        <Heading3>{heading}</Heading3>
        <Paragraph>{t('error.network')}</Paragraph>
      </Alert>
    );
  }
  if (outcome.kind === 'refused') return <ImportFailure outcome={outcome} />;
  const { report: body, status } = outcome;
  const counts = { created: body.created, updated: body.updated, unchanged: body.unchanged };
  if (status === 200) {
    return (
      <>
        <Alert type="ok">
          <Heading3>{heading}</Heading3>
          <Paragraph>{outcome.dryRun ? t('imports.csv.dryRunOk', counts) : t('imports.csv.importOk', counts)}</Paragraph>
          {outcome.dryRun && <Paragraph>{t('imports.nothingWrittenYet')}</Paragraph>}
        </Alert>
        {outcome.dryRun && body.changes && body.changes.length > 0 && (
          <ScrollTable caption={t('imports.csv.changesCaption', { count: body.changes.length })} columns={[t('imports.row'), t('imports.csv.action')]}>
            <TableBody>
              {body.changes.map((change) => (
                <TableRow key={change.row}>
                  <TableHeaderCell scope="row">{change.row}</TableHeaderCell>
                  <TableCell>{t(`imports.csv.actionName.${change.action}`)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </ScrollTable>
        )}
      </>
    );
  }
  const total = body.errors.length + (body.moreErrors ?? 0);
  return (
    <>
      <Alert type="error">
        <Heading3>{heading}</Heading3>
        {body.error && <Paragraph>{t('imports.refused.forbidden', { message: body.error.message })}</Paragraph>}
        <Paragraph>{t('imports.csv.errors', { count: total })}</Paragraph>
        <Paragraph>{t('imports.nothingWritten')}</Paragraph>
      </Alert>
      <ScrollTable caption={t('imports.csv.errorsCaption', { count: body.errors.length })} columns={[t('imports.row'), t('imports.column'), t('imports.message')]}>
        <TableBody>
          {body.errors.map((error, index) => (
            <TableRow key={`${error.row}-${error.column}-${index}`}>
              <TableHeaderCell scope="row">{error.row ?? t('imports.wholeFile')}</TableHeaderCell>
              <TableCell>{error.column ?? t('imports.wholeRow')}</TableCell>
              <TableCell lang="en">{error.message}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </ScrollTable>
      {body.moreErrors ? <Paragraph className="app-small app-muted">{t('imports.csv.moreErrors', { count: body.moreErrors })}</Paragraph> : null}
    </>
  );
}
