import { useTranslation } from 'react-i18next';
import { Link as RouterLink, type LinkProps } from 'react-router-dom';
import type { ReferralStatus } from '../../gql/graphql';
import { TERMINAL_STATUSES } from './options';

function locale(language: string): string {
  return language.startsWith('en') ? 'en-GB' : 'nl-NL';
}

/** A calendar day (YYYY-MM-DD, no time zone) in the user's language. */
export function formatDay(day: string, language: string): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'medium' }).format(new Date(y, m - 1, d));
}

/** A moment with its time, in the user's language. */
export function formatMoment(iso: string, language: string): string {
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** Today as YYYY-MM-DD in the browser's time zone (for date fields). */
export function todayIso(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** The status as a word in a pill (the colour only repeats it). */
export function StatusPill({ status }: { status: ReferralStatus }) {
  const { t } = useTranslation();
  const modifier = status === 'SIGNALLED' ? 'app-status--new' : TERMINAL_STATUSES.includes(status) ? 'app-status--ended' : '';
  return <span className={['app-status', modifier].filter(Boolean).join(' ')}>{t(`referrals.status.${status}`)}</span>;
}

/** A router link that looks like an Utrecht button (for "new referral" and the like). */
export function ButtonRouterLink({ className, appearance = 'primary-action', ...props }: LinkProps & { appearance?: 'primary-action' | 'secondary-action' }) {
  return (
    <RouterLink
      className={['utrecht-button-link', 'utrecht-button-link--html-a', `utrecht-button-link--${appearance}`, className].filter(Boolean).join(' ')}
      {...props}
    />
  );
}
