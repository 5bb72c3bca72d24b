import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../i18n';
import { formatDate } from '../../../lib/format';
import { useByLine, type ReferralEvent } from './parts';

/** The event's title: what happened, in words. */
function EventTitle({ event }: { event: ReferralEvent }) {
  const { t } = useTranslation();
  if (event.type === 'STATUS_CHANGED' && event.toStatus) return <>{t('referralDetail.history.statusChanged', { status: t(`referrals.status.${event.toStatus}`) })}</>;
  if (event.type === 'CONSENT_RECORDED') {
    const scope = event.data.given !== true ? 'REFUSED' : event.data.scope === 'NETWORK' ? 'NETWORK' : event.data.scope === 'ORGANISATION' ? 'ORGANISATION' : 'RECEIVER';
    return <>{t(`referralDetail.history.consent.${scope}`)}</>;
  }
  return <>{t(`referrals.event.${event.type}`)}</>;
}

/** The referral's history, oldest first: every move, note, action and consent, with who and when. */
export function Timeline({ events }: { events: readonly ReferralEvent[] }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const byLine = useByLine();
  return (
    <section aria-labelledby="referral-history" className="app-section">
      <Heading2 id="referral-history">{t('referralDetail.history.title')}</Heading2>
      {events.length === 0 ? (
        <Paragraph className="app-muted">{t('referralDetail.history.empty')}</Paragraph>
      ) : (
        <ol className="app-timeline" aria-label={t('referralDetail.history.list')}>
          {events.map((event) => (
            <li key={event.id} className="app-timeline__item">
              <p className="app-timeline__title">
                <EventTitle event={event} />
              </p>
              <p className="app-timeline__meta app-small app-muted">
                {byLine(event)}
                {event.fromStatus && event.toStatus && (
                  <> · {t('referralDetail.history.move', { from: t(`referrals.status.${event.fromStatus}`), to: t(`referrals.status.${event.toStatus}`) })}</>
                )}
                {event.happenedOn && <> · {t('referralDetail.history.happenedOn', { date: formatDate(event.happenedOn, language) })}</>}
              </p>
              {event.note && <p className="app-timeline__note">{event.note}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
