import { Alert, Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemSummary } from '../../../components/ProblemSummary';
import type { UpdateOrganisationInput } from '../../../gql/graphql';
import type { ChangeProblem } from '../../../lib/problems';
import { isField, type FieldName } from './values';

interface Props {
  problem: ChangeProblem | null;
  /** What the user tried to save, listed after a conflict so nothing typed is lost from sight. */
  attempted: UpdateOrganisationInput | null;
  fieldMessage(field: string, message: string): string;
  onFocusField(field: FieldName): void;
  onReload(): void;
  reloading: boolean;
}

/**
 * Why the organisation was not saved, above the form and focused when it appears: the fields
 * the API refused (each a link to its field), a conflict with the changes the user made and a
 * way to load the newest version, or what else went wrong.
 */
export function OrganisationProblem({ problem, attempted, fieldMessage, onFocusField, onReload, reloading }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problem?.kind === 'fields' || problem?.kind === 'conflict') ref.current?.focus();
  }, [problem]);
  const label = (field: FieldName) => t(`organisation.${field}`);

  if (!problem) return null;
  if (problem.kind === 'fields') {
    return (
      <div ref={ref} tabIndex={-1} className="app-error-summary">
        <Alert type="error">
          <Paragraph>
            <strong>{t('organisationEdit.errorSummary')}</strong>
          </Paragraph>
          <ul>
            {Object.entries(problem.fields).map(([field, message]) => (
              <li key={field}>
                {isField(field) ? (
                  <a
                    href={`#org-${field}`}
                    className="utrecht-link utrecht-link--html-a"
                    onClick={(event) => {
                      event.preventDefault();
                      onFocusField(field);
                    }}
                  >
                    {label(field)}: {fieldMessage(field, message)}
                  </a>
                ) : (
                  <>
                    {field}: {fieldMessage(field, message)}
                  </>
                )}
              </li>
            ))}
          </ul>
        </Alert>
      </div>
    );
  }
  if (problem.kind === 'conflict') {
    return (
      <div ref={ref} tabIndex={-1}>
        <Alert type="warning">
          <Heading2>{t('organisationEdit.conflict.title')}</Heading2>
          <Paragraph>{t('organisationEdit.conflict.text')}</Paragraph>
          {attempted && (
            <>
              <Paragraph>{t('organisationEdit.conflict.yourChanges')}</Paragraph>
              <ul>
                {Object.entries(attempted).map(([field, value]) => (
                  <li key={field}>
                    {isField(field) ? label(field) : field}: {value === null ? t('organisationEdit.conflict.cleared') : String(value)}
                  </li>
                ))}
              </ul>
            </>
          )}
          <Button appearance="primary-action-button" onClick={onReload} busy={reloading} disabled={reloading}>
            {t('organisationEdit.conflict.reload')}
          </Button>
        </Alert>
      </div>
    );
  }
  // Anything else reads as everywhere else: "not saved" and what happened.
  return <ProblemSummary problem={problem} notSaved={t('organisationEdit.notSaved')} fieldMessage={(message) => fieldMessage('', message)} />;
}
