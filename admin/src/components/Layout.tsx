import { Suspense, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, NavLink, Outlet, useLocation } from 'react-router-dom';
import { ownAreas, ownOrganisation, permissions } from '../auth/permissions';
import { useViewer, type Viewer } from '../auth/viewer';
import { useAllTexts } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from './NotificationBell';
import { ShellButton, ShellErrorState, ShellLoading, ShellParagraph } from './Shell';

interface NavItem {
  to: string;
  label: string;
  /** Highlight only on this exact path. */
  end?: boolean;
}

/** The main navigation for a role: only what the role may open (docs/security.md). */
export function useNavItems(viewer: Viewer | null): NavItem[] {
  const { t } = useTranslation();
  if (!viewer) return [];
  const areas = ownAreas(viewer);
  const organisation = ownOrganisation(viewer);
  // A municipality user's own areas have items of their own, so the dashboard item is only the picker.
  const items: NavItem[] = [{ to: '/wijken', label: t('nav.dashboard'), end: viewer.role === 'MUNICIPALITY' }];
  for (const area of areas) items.push({ to: `/wijken/${area.slug}`, label: t('nav.myArea', { area: area.name }) });
  if (permissions.curateAllOrganisations(viewer)) items.push({ to: '/organisaties', label: t('nav.organisations') });
  if (organisation && permissions.editOrganisation(viewer, organisation.id)) {
    items.push({ to: `/organisaties/${organisation.id}`, label: t('nav.myOrganisation') });
  }
  if (permissions.curateRecords(viewer)) {
    items.push({ to: '/diensten', label: t('nav.services') }, { to: '/locaties', label: t('nav.locations') }, { to: '/sleutelpersonen', label: t('nav.keyPersons') }, { to: '/netwerken', label: t('nav.networks') });
  }
  if (permissions.curateTaxonomies(viewer)) {
    items.push({ to: '/interventies', label: t('nav.interventionTypes') }, { to: '/doelgroepen', label: t('nav.targetGroups') }, { to: '/indicatoren', label: t('nav.indicators') }, { to: '/synoniemen', label: t('nav.synonyms') }, { to: '/gebieden', label: t('nav.areas') });
  }
  if (permissions.manageUsers(viewer)) items.push({ to: '/gebruikers', label: t('nav.users') });
  if (permissions.workWithReferrals(viewer)) {
    items.push({ to: '/verwijzingen', label: t('nav.referrals') }, { to: '/netwerkoverleg', label: t('nav.networkAgenda') });
  }
  if (permissions.manageIntegrations(viewer)) {
    items.push({ to: '/api-sleutels', label: t('nav.apiKeys') }, { to: '/webhooks', label: t('nav.webhooks') });
  }
  if (permissions.compareAreas(viewer)) items.push({ to: '/vergelijken', label: t('nav.compare') });
  if (permissions.verifyRecords(viewer)) items.push({ to: '/controleren', label: t('nav.staleRecords') });
  if (permissions.readProposals(viewer)) items.push({ to: '/voorstellen', label: t('nav.proposals') });
  if (permissions.importData(viewer)) items.push({ to: '/importeren', label: t('nav.importExport') });
  if (permissions.readAccessLog(viewer)) items.push({ to: '/toegangslog', label: t('nav.accessLog') });
  return items;
}

export function Layout() {
  const { t } = useTranslation();
  const { viewer, logout } = useViewer();
  const navItems = useNavItems(viewer);
  const mainRef = useRef<HTMLElement>(null);
  const menuButtonRef = useRef<HTMLButtonElement>(null);
  const location = useLocation();
  const firstRender = useRef(true);
  const texts = useAllTexts();
  // On a narrow screen the menu is a button that opens and closes the list (CSS shows the list
  // as a bar on wider screens, where the button is hidden).
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();

  // After a client-side navigation, move focus to the new page's content, as a page load would; the phone menu closes.
  useEffect(() => {
    setMenuOpen(false);
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [location.pathname]);

  return (
    <div className="app-page utrecht-document">
      {/* The NL Design System's SkipLink, PageHeader and PageFooter, as markup (Shell.tsx). */}
      <p>
        <a href="#main" className="utrecht-skip-link utrecht-skip-link--visible-on-focus app-skip-link">
          {t('layout.skipLink')}
        </a>
      </p>
      <header className="utrecht-page-header app-header">
        <div className="app-container app-header__content">
          <RouterLink to="/" className="app-brand">
            {t('app.name')}
            <span className="app-brand__tagline">{t('app.tagline')}</span>
          </RouterLink>
          <div className="app-header__tools">
            {viewer && (
              <p className="app-header__user">
                {t('layout.signedInAs', { name: viewer.displayName, role: t(`role.${viewer.role}`) })}
              </p>
            )}
            {viewer && <NotificationBell />}
            <LanguageSwitch />
            {viewer && (
              <ShellButton onClick={() => void logout()}>{t('layout.logout')}</ShellButton>
            )}
          </div>
        </div>
      </header>
      {navItems.length > 0 && (
        <nav
          className={menuOpen ? 'app-nav app-nav--open' : 'app-nav'}
          aria-label={t('layout.mainNav')}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && menuOpen) {
              setMenuOpen(false);
              menuButtonRef.current?.focus();
            }
          }}
        >
          <div className="app-container">
            <button
              ref={menuButtonRef}
              type="button"
              className="app-nav__toggle utrecht-button utrecht-button--secondary-action"
              aria-expanded={menuOpen}
              aria-controls={menuId}
              onClick={() => setMenuOpen((open) => !open)}
            >
              <span aria-hidden="true" className="app-nav__toggle-icon">
                {menuOpen ? '\u2715' : '\u2630'}
              </span>
              {t('layout.menu')}
            </button>
            <ul className="app-nav__list" id={menuId}>
              {navItems.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end} className="app-nav__link">
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </div>
        </nav>
      )}
      <main id="main" ref={mainRef} tabIndex={-1} className="app-main">
        <div className="app-container">
          {/* A page renders once all texts of the language are there (i18n/index.ts): they load beside its code. */}
          {texts.error ? (
            <ShellErrorState error={texts.error} what={t('layout.texts')} onRetry={texts.retry} />
          ) : texts.ready ? (
            <Suspense fallback={<ShellLoading />}>
              <Outlet />
            </Suspense>
          ) : (
            <ShellLoading />
          )}
        </div>
      </main>
      <footer className="utrecht-page-footer app-footer">
        <div className="app-container">
          <ShellParagraph className="app-small">{t('layout.footer')}</ShellParagraph>
        </div>
      </footer>
    </div>
  );
}
