import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The app's frame (header, menu, loading, a failed request) comes with the first download; the
 * NL Design System's React components come with the pages (they are one module of about 40 kB,
 * scripts/check-first-load.mjs). So the frame writes the same components' markup — the Utrecht
 * CSS components' class names, exactly what `Paragraph` and `Button` render — and loads the
 * error state, which is rare, with the library.
 */

/** `Paragraph` of the NL Design System. */
export function ShellParagraph({ className, children }: { className?: string; children: ReactNode }) {
  return <p className={['utrecht-paragraph', className].filter(Boolean).join(' ')}>{children}</p>;
}

/** `Button appearance="secondary-action-button"` of the NL Design System. */
export function ShellButton({ onClick, children, lang }: { onClick(): void; children: ReactNode; lang?: string }) {
  return (
    <button type="button" className="utrecht-button utrecht-button--secondary-action" lang={lang} onClick={onClick}>
      {children}
    </button>
  );
}

/** The same as `Loading` of States.tsx: a polite status line. */
export function ShellLoading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="utrecht-paragraph app-muted" role="status" aria-live="polite">
      {label ?? t('state.loading')}
    </p>
  );
}

const LazyErrorState = lazy(() => import('./States').then((m) => ({ default: m.ErrorState })));

/** `ErrorState` of States.tsx, loaded when a request of the frame fails. */
export function ShellErrorState(props: { error: unknown; onRetry?: () => void; what?: string }) {
  return (
    <Suspense fallback={<ShellLoading />}>
      <LazyErrorState {...props} />
    </Suspense>
  );
}
