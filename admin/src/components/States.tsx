import { Alert, Button, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { toProblem, type ApiProblem } from '../lib/errors';
import { AppLink } from './AppLink';

/** "Loading …", announced politely to screen readers. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Paragraph className="app-muted" role="status" aria-live="polite">
      {label ?? t('state.loading')}
    </Paragraph>
  );
}

/** An empty list: says so instead of showing an empty table. */
export function Empty({ children }: { children: string }) {
  return <Paragraph className="app-muted">{children}</Paragraph>;
}

export function useProblemText() {
  const { t } = useTranslation();
  return (problem: ApiProblem): string => {
    switch (problem.kind) {
      case 'unauthenticated':
        return t('error.unauthenticated');
      case 'forbidden':
        return t('error.forbidden');
      case 'rateLimited':
        return t('error.rateLimited');
      case 'network':
        return t('error.network');
      case 'internal':
        return problem.correlationId ? t('error.internalWithId', { id: problem.correlationId }) : t('error.internal');
      case 'conflict':
        return t('error.conflict');
      case 'fields':
        return t('error.fields');
      default:
        return t('error.other', { message: problem.message });
    }
  };
}

/** A failed request: what happened, and a way to try again. */
export function ErrorState({ error, onRetry, what }: { error: unknown; onRetry?: () => void; what?: string }) {
  const { t } = useTranslation();
  const text = useProblemText();
  const problem = toProblem(error);
  return (
    <Alert type="error">
      <Paragraph>
        <strong>{what ? t('error.couldNotLoadWhat', { what }) : t('error.couldNotLoad')}</strong> {text(problem)}
      </Paragraph>
      {problem.kind === 'unauthenticated' ? (
        <Paragraph>
          <AppLink to="/inloggen">{t('login.title')}</AppLink>
        </Paragraph>
      ) : onRetry ? (
        <Button appearance="secondary-action-button" onClick={onRetry}>
          {t('state.retry')}
        </Button>
      ) : null}
    </Alert>
  );
}
