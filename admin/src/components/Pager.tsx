import { Button } from '@utrecht/component-library-react';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Cursor pagination state: the `after` cursor of every page visited, so "previous" works. */
export function useCursorPages() {
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const after = cursors[cursors.length - 1];
  const next = useCallback((endCursor: string | null | undefined) => {
    if (endCursor) setCursors((list) => [...list, endCursor]);
  }, []);
  const previous = useCallback(() => setCursors((list) => (list.length > 1 ? list.slice(0, -1) : list)), []);
  const reset = useCallback(() => setCursors([null]), []);
  return { after, page: cursors.length, next, previous, reset };
}

export type CursorPages = ReturnType<typeof useCursorPages>;

/** A GraphQL connection as the pager reads it. */
export interface PagedConnection {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

interface PagerProps {
  /** Names the list, e.g. "Organisaties": the navigation is "Pagina's: Organisaties". */
  label: string;
  page: number;
  pageSize: number;
  totalCount: number;
  hasNextPage: boolean;
  busy?: boolean;
  onPrevious(): void;
  onNext(): void;
}

export function Pager({ label, page, pageSize, totalCount, hasNextPage, busy, onPrevious, onNext }: PagerProps) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(totalCount / pageSize));
  if (pages <= 1 && page <= 1) return null;
  return (
    <nav className="app-pager" aria-label={t('pager.label', { list: label })}>
      <Button appearance="secondary-action-button" disabled={page <= 1 || busy} onClick={onPrevious}>
        {t('pager.previous')}
      </Button>
      <p className="app-pager__status" aria-live="polite">
        {t('pager.status', { page, pages })}
      </p>
      <Button appearance="secondary-action-button" disabled={!hasNextPage || busy} onClick={onNext}>
        {t('pager.next')}
      </Button>
    </nav>
  );
}

/** The pager of a cursor-paged connection: `pages` from useCursorPages, the rest from the answer. */
export function ConnectionPager({ label, pages, pageSize, connection, busy }: { label: string; pages: CursorPages; pageSize: number; connection: PagedConnection; busy?: boolean }) {
  return (
    <Pager
      label={label}
      page={pages.page}
      pageSize={pageSize}
      totalCount={connection.totalCount}
      hasNextPage={connection.pageInfo.hasNextPage}
      busy={busy}
      onPrevious={pages.previous}
      onNext={() => pages.next(connection.pageInfo.endCursor)}
    />
  );
}
