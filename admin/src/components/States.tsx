import { Alert, Button, Paragraph } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
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

/** What a list reads of its useQuery result. */
export interface ListQuery {
  data?: unknown;
  loading: boolean;
  error?: unknown;
  refetch(): Promise<unknown>;
}

type Countable = { totalCount: number } | readonly unknown[];

function countOf(list: Countable): number {
  return 'totalCount' in list ? list.totalCount : list.length;
}

/**
 * A list and the states before its rows: "loading" until the first answer, the failed request
 * with a retry when there is no answer, the empty text when there are no rows; otherwise
 * `children` renders the rows. `above` (a notice) stands over the rows and over the empty text.
 */
export function ListStates<T extends Countable>({
  list,
  query,
  loadingLabel,
  what,
  empty,
  above,
  failed,
  children,
}: {
  /** A connection (by its totalCount) or an array: the answer, or the previous one while a page loads. */
  list: T | null | undefined;
  query: ListQuery;
  loadingLabel: string;
  /** The list's name in "… could not be loaded". */
  what: string;
  empty: string;
  above?: ReactNode;
  /** Another view of a failed request than the error with a retry; undefined for that one. */
  failed?(error: unknown): ReactNode | undefined;
  children(list: T): ReactNode;
}) {
  if (!list && query.loading) return <Loading label={loadingLabel} />;
  if (query.error && !query.data) return failed?.(query.error) ?? <ErrorState error={query.error} onRetry={() => void query.refetch()} what={what} />;
  if (!list || countOf(list) === 0) {
    return (
      <>
        {above}
        <Empty>{empty}</Empty>
      </>
    );
  }
  return (
    <>
      {above}
      {children(list)}
    </>
  );
}
