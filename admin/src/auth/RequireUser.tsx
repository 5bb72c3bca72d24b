import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { AppLink } from '../components/AppLink';
import { usePageTitle } from '../components/PageTitle';
import { ShellErrorState, ShellLoading, ShellParagraph } from '../components/Shell';
import { useViewer, type Viewer } from './viewer';

/**
 * Pages for signed-in people: anonymous visitors go to the login page (and come back after).
 * `allow` limits a page to what a role may see; others get "no access".
 */
export function RequireUser({ children, allow }: { children: ReactNode; allow?: (viewer: Viewer) => boolean }) {
  const { loading, error, viewer, retry } = useViewer();
  const location = useLocation();
  const { t } = useTranslation();
  if (loading) return <ShellLoading label={t('state.checkingSession')} />;
  if (error) return <ShellErrorState error={error} onRetry={retry} />;
  if (!viewer) {
    const back = location.pathname + location.search;
    return <Navigate to={back === '/' ? '/inloggen' : `/inloggen?terug=${encodeURIComponent(back)}`} replace />;
  }
  if (allow && !allow(viewer)) return <Forbidden />;
  return <>{children}</>;
}

export function Forbidden() {
  const { t } = useTranslation();
  usePageTitle(t('forbidden.title'));
  return (
    <>
      {/* The NL Design System's Heading1 and Paragraph, as markup (components/Shell.tsx). */}
      <h1 className="utrecht-heading-1">{t('forbidden.title')}</h1>
      <ShellParagraph>{t('forbidden.text')}</ShellParagraph>
      <ShellParagraph>
        <AppLink to="/">{t('forbidden.home')}</AppLink>
      </ShellParagraph>
    </>
  );
}
