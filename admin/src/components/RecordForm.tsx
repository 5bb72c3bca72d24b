import { Alert, Button, ButtonGroup, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useForm, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CuratedEntityType } from '../gql/graphql';
import type { FieldRule } from '../lib/errors';
import { historyPath } from '../lib/paths';
import type { ChangeProblem } from '../lib/problems';
import { changedInput, type FieldSpec, type FormValues } from '../lib/recordForm';
import { useChange } from '../lib/useChange';
import { useFormChange, type FormChange } from '../lib/useFormChange';
import { Forbidden } from '../auth/RequireUser';
import { AppLink } from './AppLink';
import { ProblemSummary } from './ProblemSummary';
import { ErrorState, Loading } from './States';

/*
 * The curation forms' toolkit (services, locations, and the other curated records): one hook
 * that holds a record form's values, sends only what changed with the version it was read at and
 * puts every field the API refused under its field; a summary above the form that lists them all
 * (each a link to its field); the conflict panel that offers the newest version; a notice that is
 * focused when it appears; and the archive/restore panel.
 */

export type RecordNotice = 'saved' | 'created' | 'reloaded' | 'unchanged' | 'archived' | 'restored' | null;

export interface RecordFormOptions {
  spec: FieldSpec;
  /** The record as the form starts (null: a new record, started from `defaults`). */
  initial: FormValues | null;
  defaults: FormValues;
  onReload?(): Promise<void>;
  /** Input the form holds outside the spec (the opening-hour and phone rows), only what changed. */
  extraInput?(): Record<string, unknown>;
}

/** A record form: its react-hook-form form, its change state, and `submit` that sends only what changed. */
export function useRecordForm({ spec, initial, defaults, onReload, extraInput }: RecordFormOptions) {
  const { t } = useTranslation();
  const form = useForm<FormValues>({ defaultValues: initial ?? defaults, reValidateMode: 'onSubmit' });
  const change = useFormChange(form, { onReload, keepProblemIfReloadFails: true });
  const [attempted, setAttempted] = useState<Record<string, unknown> | null>(null);

  /** Runs `save` with the changed input; answers false when nothing was sent (nothing changed, or a number field holds none). */
  const submit = useCallback(
    (save: (input: Record<string, unknown>) => Promise<unknown>, onUnchanged: () => void) =>
      change.submit(async (values) => {
        const converted = changedInput(spec, initial, values);
        const { notNumbers } = converted;
        const input = { ...converted.input, ...extraInput?.() };
        const wrong = Object.entries(notNumbers);
        if (wrong.length > 0) {
          for (const [field, kind] of wrong) form.setError(field, { type: 'number', message: t(kind === 'int' ? 'recordForm.wholeNumber' : 'recordForm.number') });
          form.setFocus(wrong[0][0]);
          return;
        }
        if (initial && Object.keys(input).length === 0) {
          change.clear();
          onUnchanged();
          return;
        }
        setAttempted(input);
        await save(input);
      }),
    [change, spec, initial, form, t, extraInput],
  );

  /** What a text field needs: its id (the summary links to it), its registration and its error. */
  const bound = useCallback(
    (field: string, idPrefix: string) => ({ id: `${idPrefix}-${field}`, registration: form.register(field), error: form.formState.errors[field]?.message as string | undefined }),
    [form],
  );

  return { form, change, submit, attempted, bound };
}

interface ProblemProps {
  change: FormChange;
  form: UseFormReturn<FormValues>;
  /** The form's fields by API input name: the id of the element to focus and the label. */
  fields: Record<string, { id: string; label: string }>;
  notSaved: string;
  conflictTitle: string;
  conflictText: string;
  /** What the user tried to save, listed after a conflict so nothing typed is lost from sight. */
  attempted: Record<string, unknown> | null;
}

/**
 * Why the record was not saved, above the form and focused when it appears: every field the API
 * refused (each a link to its field, worded from the rule the API names), a conflict with the
 * changes the user made and a way to load the newest version, or what else went wrong.
 */
export function RecordProblem({ change, form, fields, notSaved, conflictTitle, conflictText, attempted }: ProblemProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const problem: ChangeProblem | null = change.problem;
  useEffect(() => {
    if (problem?.kind === 'fields' || problem?.kind === 'conflict') ref.current?.focus();
  }, [problem]);
  if (!problem) return null;

  if (problem.kind === 'fields') {
    const rules: Record<string, FieldRule> = problem.rules ?? {};
    return (
      <div ref={ref} tabIndex={-1} className="app-error-summary">
        <Alert type="error">
          <Paragraph>
            <strong>{t('recordForm.fixFields', { what: notSaved, count: Object.keys(problem.fields).length })}</strong>
          </Paragraph>
          <ul>
            {Object.entries(problem.fields).map(([name, message]) => {
              const field = fields[name];
              const text = change.fieldMessage(message, rules[name], name);
              return (
                <li key={name}>
                  {field ? (
                    <a
                      href={`#${field.id}`}
                      className="utrecht-link utrecht-link--html-a"
                      onClick={(event) => {
                        event.preventDefault();
                        const element = document.getElementById(field.id);
                        if (element) element.focus();
                        else form.setFocus(name);
                      }}
                    >
                      {field.label}: {text}
                    </a>
                  ) : (
                    <>
                      {name}: {text}
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        </Alert>
      </div>
    );
  }
  if (problem.kind === 'conflict') {
    return (
      <div ref={ref} tabIndex={-1}>
        <Alert type="warning">
          <Heading2>{conflictTitle}</Heading2>
          <Paragraph>{conflictText}</Paragraph>
          {attempted && Object.keys(attempted).length > 0 && (
            <>
              <Paragraph>{t('recordForm.yourChanges')}</Paragraph>
              <ul>
                {Object.entries(attempted).map(([name, value]) => (
                  <li key={name}>
                    {fields[name]?.label ?? name}: {value === null ? t('recordForm.cleared') : Array.isArray(value) ? t('recordForm.listOf', { count: value.length }) : String(value)}
                  </li>
                ))}
              </ul>
            </>
          )}
          {change.reload && (
            <Button appearance="primary-action-button" onClick={() => void change.reload?.()} busy={change.reloading} disabled={change.reloading}>
              {t('recordForm.reload')}
            </Button>
          )}
        </Alert>
      </div>
    );
  }
  return <ProblemSummary problem={problem} notSaved={notSaved} fieldMessage={(message) => change.fieldMessage(message)} />;
}

/** What happened last (saved, created, reloaded …), focused when it appears so a screen reader reads it. */
export function RecordNoticeBlock({ notice, text }: { notice: RecordNotice; text: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) ref.current?.focus();
  }, [notice]);
  if (!notice) return null;
  return (
    <div ref={ref} tabIndex={-1} className="app-notice">
      <Alert type={notice === 'unchanged' || notice === 'reloaded' ? 'info' : 'ok'}>
        <Paragraph>{text}</Paragraph>
      </Alert>
    </div>
  );
}

/** The save button of a record form. */
export function SaveButton({ busy, label, busyLabel }: { busy: boolean; label: string; busyLabel: string }) {
  return (
    <ButtonGroup>
      <Button appearance="primary-action-button" type="submit" busy={busy} disabled={busy}>
        {busy ? busyLabel : label}
      </Button>
    </ButtonGroup>
  );
}

interface ArchiveProps {
  archived: boolean;
  /** "this service" / "deze dienst", for the texts. */
  what: string;
  archive(): Promise<unknown>;
  restore(): Promise<unknown>;
  onDone(notice: 'archived' | 'restored'): void;
  onReload(): Promise<void>;
}

/**
 * Archive instead of delete: the record leaves lists and the public map and keeps its history;
 * restore brings it back. A version conflict offers the newest version, like the form.
 */
export function ArchivePanel({ archived, what, archive, restore, onDone, onReload }: ArchiveProps) {
  const { t } = useTranslation();
  const change = useChange({ onReload, keepProblemIfReloadFails: true });
  const headingId = useMemo(() => `archive-${Math.random().toString(36).slice(2)}`, []);
  async function act() {
    const outcome = await change.run(archived ? restore : archive);
    if (outcome.ok) onDone(archived ? 'restored' : 'archived');
  }
  return (
    <section aria-labelledby={headingId} className="app-archive-panel">
      <Heading2 id={headingId}>{archived ? t('recordForm.archivedTitle') : t('recordForm.archiveTitle')}</Heading2>
      <Paragraph>{archived ? t('recordForm.archivedText', { what }) : t('recordForm.archiveText', { what })}</Paragraph>
      {change.problem?.kind === 'fields' && (
        <Alert type="error">
          <Paragraph>
            <strong>{archived ? t('recordForm.notRestored') : t('recordForm.notArchived')}</strong>{' '}
            {Object.entries(change.problem.fields)
              .map(([name, message]) => change.fieldMessage(message, change.problem?.kind === 'fields' ? change.problem.rules[name] : null, name))
              .join(' ')}
          </Paragraph>
          {change.reload && (
            <Button appearance="secondary-action-button" onClick={() => void change.reload?.()} busy={change.reloading} disabled={change.reloading}>
              {t('recordForm.reload')}
            </Button>
          )}
        </Alert>
      )}
      <ProblemSummary
        problem={change.problem?.kind === 'fields' ? null : change.problem}
        notSaved={archived ? t('recordForm.notRestored') : t('recordForm.notArchived')}
        fieldMessage={(message) => change.fieldMessage(message)}
        conflictText={t('recordForm.conflictArchive')}
        onReload={change.reload ? () => void change.reload?.() : undefined}
        reloading={change.reloading}
      />
      <Button appearance="secondary-action-button" onClick={() => void act()} busy={change.busy} disabled={change.busy}>
        {archived ? t('recordForm.restore', { what }) : t('recordForm.archive', { what })}
      </Button>
    </section>
  );
}

/** A group of fields under a heading, so a long form reads in parts. */
export function FormSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="app-form-section">
      <legend className="app-form-section__legend">{title}</legend>
      {children}
    </fieldset>
  );
}

/**
 * The frame of a record's edit page while it loads or when it cannot be shown: loading, the
 * error with a retry, "not found", or "no access" (the API would refuse the change; the page
 * says so before anyone fills in a form).
 */
export function RecordPageState({
  loading,
  error,
  found,
  allowed,
  loadingLabel,
  what,
  notFound,
  backTo,
  backLabel,
  onRetry,
  children,
}: {
  loading: boolean;
  error: unknown;
  found: boolean;
  allowed: boolean;
  loadingLabel: string;
  what: string;
  notFound: string;
  backTo: string;
  backLabel: string;
  onRetry(): void;
  children: ReactNode;
}) {
  if (loading) return <Loading label={loadingLabel} />;
  if (error) return <ErrorState error={error} onRetry={onRetry} what={what} />;
  if (!found) {
    return (
      <>
        <Heading1>{notFound}</Heading1>
        <Paragraph>
          <AppLink to={backTo}>{backLabel}</AppLink>
        </Paragraph>
      </>
    );
  }
  if (!allowed) return <Forbidden />;
  return <>{children}</>;
}

/** The record an edit page shows, as far as its frame needs it. */
export interface EditedRecord {
  id: string;
  name: string;
  version: number;
  archivedAt?: string | null;
}

/**
 * An edit page's layout around its form: the way back to the list, the heading, whether the
 * record is archived, the link to its history, the form (`children`, given the notice and the
 * reload), and the archive/restore panel.
 */
export function RecordEditLayout({
  record,
  historyType,
  listPath,
  texts,
  archive,
  restore,
  onNotice,
  onReload,
  form,
}: {
  record: EditedRecord;
  historyType: CuratedEntityType;
  listPath: string;
  texts: { backToList: string; title: string; what: string };
  archive(): Promise<unknown>;
  restore(): Promise<unknown>;
  onNotice(notice: RecordNotice): void;
  onReload(): Promise<void>;
  form: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Paragraph>
        <AppLink to={listPath}>{texts.backToList}</AppLink>
      </Paragraph>
      <Heading1>{texts.title}</Heading1>
      {record.archivedAt && <Paragraph className="app-muted">{t('recordForm.isArchived')}</Paragraph>}
      <Paragraph>
        <AppLink to={historyPath(historyType, record.id)}>{t('history.openLink', { name: record.name })}</AppLink>
      </Paragraph>
      {form}
      <ArchivePanel key={`archive:${record.version}`} archived={Boolean(record.archivedAt)} what={texts.what} archive={archive} restore={restore} onDone={onNotice} onReload={onReload} />
    </>
  );
}
