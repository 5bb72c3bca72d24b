import { Alert, Button, ButtonGroup, Heading3, Paragraph, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useApolloClient } from '@apollo/client/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/fields';
import { ScrollTable } from '../../components/ScrollTable';
import { restError, uploadFile, UploadNetworkError, type UploadProgress } from '../../lib/upload';
import { FileField, UploadProgressView } from './importParts';

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

type Outcome =
  | { kind: 'report'; status: number; dryRun: boolean; body: CsvImportBody }
  | { kind: 'refused'; status: number; dryRun: boolean; message: string }
  | { kind: 'network'; dryRun: boolean };

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
  const client = useApolloClient();
  const [kind, setKind] = useState<CsvKind>(kinds[0] ?? 'key-figures');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [running, setRunning] = useState<boolean | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [checked, setChecked] = useState<string | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (outcome) resultRef.current?.focus();
  }, [outcome]);

  function choose(files: File[]) {
    setFile(files[0] ?? null);
    setFileError(null);
    setOutcome(null);
    setChecked(null);
  }

  async function run(dryRun: boolean) {
    if (!file) {
      setFileError(t('imports.csv.noFile'));
      fileRef.current?.focus();
      return;
    }
    setFileError(null);
    setOutcome(null);
    setRunning(dryRun);
    try {
      const answer = await uploadFile(`/csv/${kind}${dryRun ? '?dryRun=true' : ''}`, file, 'text/csv; charset=utf-8', setProgress);
      if (isImportBody(answer.body)) {
        setOutcome({ kind: 'report', status: answer.status, dryRun, body: answer.body });
        if (dryRun && answer.status === 200) setChecked(fileKey(file, kind));
        if (!dryRun && answer.status === 200) {
          setChecked(null);
          // Figures and records changed: cached dashboards and lists are out of date.
          await client.resetStore().catch(() => undefined);
        }
      } else {
        const error = restError(answer.body);
        setOutcome({ kind: 'refused', status: answer.status, dryRun, message: error?.message ?? `HTTP ${answer.status}` });
      }
    } catch (error) {
      if (error instanceof UploadNetworkError) setOutcome({ kind: 'network', dryRun });
      else throw error;
    } finally {
      setRunning(null);
      setProgress(null);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void run(true);
  }

  const mayImport = file !== null && checked === fileKey(file, kind) && running === null;
  const kindOptions = kinds.map((k) => ({ value: k, label: t(`imports.csv.kind.${k}`) }));

  return (
    <>
      <form className="app-form app-import" onSubmit={submit} noValidate aria-busy={running !== null || undefined} aria-label={t('imports.csv.formLabel')}>
        {kinds.length > 1 && (
          <SelectField
            id="csv-kind"
            label={t('imports.csv.kindLabel')}
            value={kind}
            onChange={(value) => {
              setKind(value as CsvKind);
              setOutcome(null);
              setChecked(null);
            }}
            options={kindOptions}
          />
        )}
        <FileField
          ref={fileRef}
          id="csv-file"
          label={kinds.length > 1 ? t('imports.csv.file') : t('imports.csv.fileKeyFigures')}
          description={t(`imports.csv.columns.${kind}`)}
          accept=".csv,text/csv"
          error={fileError}
          disabled={running !== null}
          onChange={choose}
        />
        <ButtonGroup>
          <Button appearance={mayImport ? 'secondary-action-button' : 'primary-action-button'} type="submit" busy={running === true} disabled={running !== null}>
            {t('imports.dryRunButton')}
          </Button>
          <Button appearance="primary-action-button" type="button" busy={running === false} disabled={!mayImport} onClick={() => void run(false)}>
            {t('imports.importButton')}
          </Button>
        </ButtonGroup>
        {!mayImport && <Paragraph className="app-small app-muted">{t('imports.importAfterDryRun')}</Paragraph>}
      </form>
      <div role="status" aria-live="polite">
        <UploadProgressView progress={progress} dryRun={running === true} />
      </div>
      {outcome && (
        <div ref={resultRef} tabIndex={-1} className="app-import-result">
          <CsvOutcomeView outcome={outcome} />
        </div>
      )}
    </>
  );
}

function CsvOutcomeView({ outcome }: { outcome: Outcome }) {
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
  if (outcome.kind === 'refused') {
    return (
      <Alert type="error">
        <Heading3>{heading}</Heading3>
        <Paragraph>{t(`imports.refused.${refusal(outcome.status)}`, { message: outcome.message })}</Paragraph>
        <Paragraph>{t('imports.nothingWritten')}</Paragraph>
      </Alert>
    );
  }
  const { body, status } = outcome;
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
          <ScrollTable caption={t('imports.csv.changesCaption', { count: body.changes.length })}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('imports.row')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('imports.csv.action')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
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
      <ScrollTable caption={t('imports.csv.errorsCaption', { count: body.errors.length })}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('imports.row')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('imports.column')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('imports.message')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
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

/** Which explanation fits an answer without a report. */
export function refusal(status: number): 'unauthenticated' | 'forbidden' | 'tooLarge' | 'mediaType' | 'badRequest' | 'other' {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 413) return 'tooLarge';
  if (status === 415) return 'mediaType';
  if (status === 400) return 'badRequest';
  return 'other';
}
