import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
import { graphql } from '../gql';

export const UnreadNotificationCountDocument = graphql(`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`);

/** How often the header asks for the unread count (also on focus of the window, by Apollo's refetch below). */
const POLL_MS = 60_000;

/**
 * The header's bell: a link to the notifications page with the number of unread ones. The
 * link's name says the number ("Meldingen, 3 ongelezen"), so a screen reader hears what the
 * badge shows; the badge itself is hidden from it.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const { data } = useQuery(UnreadNotificationCountDocument, { pollInterval: POLL_MS, fetchPolicy: 'cache-and-network' });
  const count = data?.unreadNotificationCount ?? 0;
  return (
    <NavLink to="/meldingen" className="app-bell" aria-label={t('notifications.bell', { count })}>
      <svg className="app-bell__icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2z"
        />
      </svg>
      <span className="app-bell__text">{t('notifications.title')}</span>
      {count > 0 && (
        <span className="app-bell__count" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      )}
    </NavLink>
  );
}
