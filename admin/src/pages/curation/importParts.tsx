import { Alert, Button, ButtonGroup, FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useApolloClient } from '@apollo/client/react';
import { forwardRef, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import { restError, uploadFile, UploadNetworkError, type UploadAnswer, type UploadProgress } from '../../lib/upload';
import { formatBytes } from '../../lib/format';

/**
 * A labelled file input (the Utrecht library has no file field): label, description and
 * error wired up like the fields in components/fields.tsx.
 */
export const FileField = forwardRef<
  HTMLInputElement,
  { id: string; label: string; description: string; error?: string | null; accept: string; multiple?: boolean; disabled?: boolean; onChange(files: File[]): void }
>(function FileField({ id, label, description, error, accept, multiple, disabled, onChange }, ref) {
  return (
    <FormField invalid={Boolean(error)} className="utrecht-form-field--distanced">
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{label}</FormLabel>
      </div>
      <FormFieldDescription id={`${id}-description`} className="utrecht-form-field__description">
        {description}
      </FormFieldDescription>
      <div className="utrecht-form-field__input">
        <input
          ref={ref}
          id={id}
          name={id}
          type="file"
          className="app-file-input"
          accept={accept}
          multiple={multiple}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={[`${id}-description`, error ? `${id}-error` : null].filter(Boolean).join(' ')}
          onChange={(event) => onChange(Array.from(event.currentTarget.files ?? []))}
        />
      </div>
      {error && (
        <FormFieldErrorMessage id={`${id}-error`} className="utrecht-form-field__error-message">
          {error}
        </FormFieldErrorMessage>
      )}
    </FormField>
  );
});

/**
 * Upload progress: a progress bar with the share sent, then — once the file is on the
 * server — a bar without a value while the server checks or imports it. Render it inside a
 * live region that is always on the page (`role="status"`), so the texts are announced.
 */
export function UploadProgressView({ progress, dryRun }: { progress: UploadProgress | null; dryRun: boolean }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  if (!progress) return null;
  const percent = progress.total ? Math.min(100, Math.round((progress.loaded / progress.total) * 100)) : null;
  const text =
    progress.phase === 'uploading'
      ? percent !== null
        ? t('imports.progress.uploading', { percent, loaded: formatBytes(progress.loaded, language), total: formatBytes(progress.total ?? 0, language) })
        : t('imports.progress.uploadingUnknown')
      : dryRun
        ? t('imports.progress.checking')
        : t('imports.progress.importing');
  return (
    <div className="app-upload-progress">
      {progress.phase === 'uploading' && percent !== null ? (
        <progress className="app-progress" max={100} value={percent} aria-label={t('imports.progress.label')} />
      ) : (
        <progress className="app-progress" aria-label={t('imports.progress.label')} />
      )}
      <p className="utrecht-paragraph">{text}</p>
    </div>
  );
}

/** An import that ended without a report: refused (with the server's reason) or without an answer. */
export type ImportFailed = { kind: 'refused'; status: number; dryRun: boolean; message: string } | { kind: 'network'; dryRun: boolean };

export type ImportOutcome<R> = { kind: 'report'; status: number; dryRun: boolean; report: R } | ImportFailed;

/** What an import sends: where, what and as which type, and a key that names exactly these files. */
export interface ImportUpload {
  url: string;
  body: Blob | string;
  contentType: string;
  key: string;
}

/**
 * The state of an import in two steps: a dry run (`?dryRun=true`) first, and "Importeren" only
 * after a clean dry run of these very files. `readReport` finds the report in an answer (null:
 * the answer is a refusal); `importAllowed` says whether a dry run's report (status 200) lets the
 * import follow. After an import (status 200) cached dashboards and lists are out of date.
 */
export function useImport<R>({ readReport, importAllowed }: { readReport(answer: UploadAnswer): R | null; importAllowed(report: R): boolean }) {
  const client = useApolloClient();
  const [fileError, setFileError] = useState<string | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [running, setRunning] = useState<boolean | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome<R> | null>(null);
  const [checked, setChecked] = useState<string | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (outcome) resultRef.current?.focus();
  }, [outcome]);

  /** Other files or another kind: the report and the dry run no longer apply. */
  function forget() {
    setOutcome(null);
    setChecked(null);
  }

  /** A dry run or the import; `prepare` gives what to send, or sets the file error and gives null. */
  async function run(dryRun: boolean, prepare: () => ImportUpload | null | Promise<ImportUpload | null>) {
    setOutcome(null);
    const upload = await prepare();
    if (!upload) {
      fileRef.current?.focus();
      return;
    }
    setFileError(null);
    setRunning(dryRun);
    try {
      const answer = await uploadFile(`${upload.url}${dryRun ? `${upload.url.includes('?') ? '&' : '?'}dryRun=true` : ''}`, upload.body, upload.contentType, setProgress);
      const report = readReport(answer);
      if (report !== null) {
        setOutcome({ kind: 'report', status: answer.status, dryRun, report });
        if (answer.status === 200 && dryRun) setChecked(importAllowed(report) ? upload.key : null);
        if (answer.status === 200 && !dryRun) {
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

  /** The import may follow: a clean dry run of the files with this key, and nothing running. */
  const mayImport = (key: string | null) => key !== null && checked === key && running === null;

  return { fileError, setFileError, progress, running, outcome, forget, run, mayImport, resultRef, fileRef };
}

export type ImportState<R> = ReturnType<typeof useImport<R>>;

/**
 * An import form: its fields, "Proefimport" (submit) and "Importeren" (after a clean dry run;
 * until then `hint` says so), the upload progress in a live region, and the outcome, which gets
 * focus when it appears so a screen reader reads it next.
 */
export function ImportForm<R>({
  state,
  label,
  mayImport,
  hint,
  onRun,
  result,
  children,
}: {
  state: ImportState<R>;
  label: string;
  mayImport: boolean;
  hint: string;
  onRun(dryRun: boolean): void;
  result(outcome: ImportOutcome<R>): ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { running, outcome } = state;
  return (
    <>
      <form
        className="app-form app-import"
        onSubmit={(event) => {
          event.preventDefault();
          onRun(true);
        }}
        noValidate
        aria-busy={running !== null || undefined}
        aria-label={label}
      >
        {children}
        <ButtonGroup>
          <Button appearance={mayImport ? 'secondary-action-button' : 'primary-action-button'} type="submit" busy={running === true} disabled={running !== null}>
            {t('imports.dryRunButton')}
          </Button>
          <Button appearance="primary-action-button" type="button" busy={running === false} disabled={!mayImport} onClick={() => onRun(false)}>
            {t('imports.importButton')}
          </Button>
        </ButtonGroup>
        {!mayImport && <Paragraph className="app-small app-muted">{hint}</Paragraph>}
      </form>
      <div role="status" aria-live="polite">
        <UploadProgressView progress={state.progress} dryRun={running === true} />
      </div>
      {outcome && (
        <div ref={state.resultRef} tabIndex={-1} className="app-import-result">
          {result(outcome)}
        </div>
      )}
    </>
  );
}

/** An import without a report: why it was refused, or that the server gave no answer; nothing was written. */
export function ImportFailure({ outcome }: { outcome: ImportFailed }) {
  const { t } = useTranslation();
  return (
    <Alert type="error">
      <Heading3>{outcome.dryRun ? t('imports.dryRunResult') : t('imports.importResult')}</Heading3>
      <Paragraph>{outcome.kind === 'network' ? t('error.network') : t(`imports.refused.${refusal(outcome.status)}`, { message: outcome.message })}</Paragraph>
      <Paragraph>{t('imports.nothingWritten')}</Paragraph>
    </Alert>
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
