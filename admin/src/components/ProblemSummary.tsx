import { Alert, Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChangeProblem } from '../lib/problems';
import { useProblemText } from './States';

export interface ProblemField {
  /** The id of the input (or the first option of a group) to focus from the summary. */
  id: string;
  label: string;
}

interface Props {
  problem: ChangeProblem | null;
  /** "The referral was not created." — the first words of every explanation. */
  notSaved: string;
  /** The form's fields by API input name; errors on other names are listed without a link. */
  fields?: Record<string, ProblemField>;
  fieldMessage(message: string): string;
  /** What FORBIDDEN means here (who may do this). */
  forbiddenText?: string;
  /** What a CONFLICT means here; with `onReload`, a button loads the newest data. */
  conflictTitle?: string;
  conflictText?: string;
  onReload?(): void;
  reloading?: boolean;
  /** A status's label, for INVALID_TRANSITION. */
  statusLabel?(status: string): string;
}

/**
 * Why a change was not saved, above the form, focused when it appears (as in the organisation
 * form): field errors link to their fields; a version conflict offers to reload; a move the
 * transition table does not allow (any more) says from where and what is possible now.
 */
export function ProblemSummary({ problem, notSaved, fields = {}, fieldMessage, forbiddenText, conflictTitle, conflictText, onReload, reloading, statusLabel }: Props) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problem) ref.current?.focus();
  }, [problem]);
  if (!problem) return null;

  if (problem.kind === 'fields') {
    return (
      <div ref={ref} tabIndex={-1} className="app-error-summary">
        <Alert type="error">
          <Paragraph>
            <strong>{t('problem.fixFields', { what: notSaved })}</strong>
          </Paragraph>
          <ul>
            {Object.entries(problem.fields).map(([name, message]) => {
              const field = fields[name];
              return (
                <li key={name}>
                  {field ? (
                    <a
                      href={`#${field.id}`}
                      className="utrecht-link utrecht-link--html-a"
                      onClick={(event) => {
                        event.preventDefault();
                        document.getElementById(field.id)?.focus();
                      }}
                    >
                      {field.label}: {fieldMessage(message)}
                    </a>
                  ) : (
                    <>
                      {name}: {fieldMessage(message)}
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
          <Heading2>{conflictTitle ?? t('problem.conflictTitle')}</Heading2>
          <Paragraph>
            {notSaved} {conflictText ?? t('error.conflict')}
          </Paragraph>
          {onReload && (
            <Button appearance="primary-action-button" onClick={onReload} busy={reloading} disabled={reloading}>
              {t('problem.reload')}
            </Button>
          )}
        </Alert>
      </div>
    );
  }

  let text: string;
  if (problem.kind === 'invalidTransition') {
    const label = (status: string) => (statusLabel ? statusLabel(status) : status);
    if (problem.from && problem.to) text = t('problem.invalidMove', { from: label(problem.from), to: label(problem.to) });
    else if (problem.from) text = t('problem.invalidForStatus', { status: label(problem.from) });
    else text = t('problem.invalidGeneric');
    if (problem.allowed.length > 0) text += ` ${t('problem.allowedNow', { statuses: problem.allowed.map(label).join(', ') })}`;
  } else if (problem.kind === 'notFound') {
    text = t('problem.notFound');
  } else if (problem.kind === 'forbidden' && forbiddenText) {
    text = forbiddenText;
  } else {
    text = problemText(problem);
  }
  return (
    <div ref={ref} tabIndex={-1}>
      <Alert type="error">
        <Paragraph>
          <strong>{notSaved}</strong> {text}
        </Paragraph>
        {onReload && (problem.kind === 'invalidTransition' || problem.kind === 'notFound') && (
          <Button appearance="secondary-action-button" onClick={onReload} busy={reloading} disabled={reloading}>
            {t('problem.reload')}
          </Button>
        )}
      </Alert>
    </div>
  );
}
