import { useTranslation } from 'react-i18next';
import { Link as RouterLink, type LinkProps } from 'react-router-dom';
import type { ReferralStatus } from '../../gql/graphql';
import { TERMINAL_STATUSES } from './options';

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
