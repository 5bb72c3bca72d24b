import { Alert, Button, Checkbox, FormField, FormLabel, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '../../components/AppLink';
import { UnreadNotificationCountDocument } from '../../components/NotificationBell';
import { ConnectionPager, useCursorPages } from '../../components/Pager';
import { usePageTitle } from '../../components/PageTitle';
import { ProblemSummary } from '../../components/ProblemSummary';
import { RadioGroup } from '../../components/choices';
import { ListStates } from '../../components/States';
import type { NotificationEmailMode, NotificationKind, VerifiableEntityType } from '../../gql/graphql';
import { currentLanguage } from '../../i18n';
import { formatDateTime, formatDay } from '../../lib/format';
import { editPath } from '../../lib/paths';
import { useChange } from '../../lib/useChange';
import { MarkNotificationsReadDocument, NotificationSettingsDocument, NotificationsDocument, SetNotificationEmailModeDocument } from './documents';

const PAGE_SIZE = 25;
const MODES: NotificationEmailMode[] = ['IMMEDIATE', 'DIGEST', 'OFF'];

/**
 * /meldingen: the signed-in user's notifications, newest first — a referral arrived, changed
 * status, has an action due or overdue — and the choice of e-mail. Nothing of the case is
 * shown here either: the dossier number links to the referral, where reads are checked and logged.
 */
export function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const pages = useCursorPages();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const query = useQuery(NotificationsDocument, {
    variables: { first: PAGE_SIZE, after: pages.after, unreadOnly },
    fetchPolicy: 'cache-and-network',
  });
  const [markRead] = useMutation(MarkNotificationsReadDocument);
  const change = useChange();
  usePageTitle(t('notifications.title'));

  const mark = async (ids: string[] | null) => {
    await change.run(
      async () => {
        const result = await markRead({
          variables: { ids },
          // The answer is the unread count after: the bell shows it at once.
          update(cache, { data }) {
            if (data) cache.writeQuery({ query: UnreadNotificationCountDocument, data: { unreadNotificationCount: data.markNotificationsRead } });
          },
        });
        await query.refetch();
        return result;
      },
      { notice: ids === null ? t('notifications.allMarkedRead') : t('notifications.markedRead') },
    );
  };

  const describe = (node: {
    kind: NotificationKind;
    dossierNumber?: string | null;
    toStatus?: string | null;
    actionDueOn?: string | null;
    lookAgainOn?: string | null;
    recordType?: VerifiableEntityType | null;
    recordName?: string | null;
    staleSince?: string | null;
  }) =>
    t(`notifications.kind.${node.kind}`, {
      dossier: node.dossierNumber ?? '—',
      type: node.recordType ? t(`entityType.${node.recordType}`) : '',
      name: node.recordName ?? t('notifications.recordGone'),
      since: node.staleSince ? formatDateTime(node.staleSince, language) : '',
      status: node.toStatus ? t(`referrals.status.${node.toStatus}` as 'referrals.status.SIGNALLED') : '',
      date: node.actionDueOn ?? node.lookAgainOn ? formatDay((node.actionDueOn ?? node.lookAgainOn)!, language) : '',
    });

  const list = (query.data ?? query.previousData)?.notifications;
  return (
    <>
      <Heading1>{t('notifications.title')}</Heading1>
      <Paragraph>{t('notifications.intro')}</Paragraph>
      <div className="app-notifications__tools">
        <FormField type="checkbox" className="app-choice">
          <div className="utrecht-form-field__input">
            <Checkbox
              id="notifications-unread-only"
              checked={unreadOnly}
              onChange={(event) => {
                setUnreadOnly(event.currentTarget.checked);
                pages.reset();
              }}
            />
          </div>
          <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
            <FormLabel htmlFor="notifications-unread-only" type="checkbox" checked={unreadOnly}>
              {t('notifications.unreadOnly')}
            </FormLabel>
          </div>
        </FormField>
        <Button appearance="secondary-action-button" disabled={change.busy} onClick={() => void mark(null)}>
          {t('notifications.markAllRead')}
        </Button>
      </div>
      <ProblemSummary problem={change.problem} notSaved={t('notifications.notSaved')} fieldMessage={change.fieldMessage} />
      {change.notice && (
        <Alert type="ok" role="status">
          <Paragraph>{change.notice}</Paragraph>
        </Alert>
      )}
      <ListStates list={list} query={query} loadingLabel={t('state.loading')} what={t('notifications.title')} empty={unreadOnly ? t('notifications.emptyUnread') : t('notifications.empty')}>
        {(connection) => (
          <>
            <ul className="app-notifications" aria-label={t('notifications.listLabel')}>
              {connection.edges.map(({ node }) => (
                <li key={node.id} className={node.readAt ? 'app-notification' : 'app-notification app-notification--unread'}>
                  <Paragraph className="app-notification__text">
                    {!node.readAt && <span className="app-notification__badge">{t('notifications.unread')}</span>} {describe(node)}
                  </Paragraph>
                  <Paragraph className="app-small app-muted">
                    <time dateTime={node.createdAt}>{formatDateTime(node.createdAt, language)}</time>
                  </Paragraph>
                  <div className="app-notification__actions">
                    {node.dossierNumber && (
                      <AppLink to={`/verwijzingen/${node.dossierNumber}`} onClick={() => (node.readAt ? undefined : void mark([node.id]))}>
                        {t('notifications.open', { dossier: node.dossierNumber })}
                      </AppLink>
                    )}
                    {node.recordType && node.recordId && node.recordName && editPath(node.recordType, node.recordId) && (
                      <AppLink to={editPath(node.recordType, node.recordId)!} onClick={() => (node.readAt ? undefined : void mark([node.id]))}>
                        {t('notifications.openRecord', { type: t(`entityType.${node.recordType}`), name: node.recordName })}
                      </AppLink>
                    )}
                    {node.proposalId && (
                      <AppLink to={`/voorstellen/${node.proposalId}`} onClick={() => (node.readAt ? undefined : void mark([node.id]))}>
                        {t('notifications.openProposal')}
                      </AppLink>
                    )}
                    {!node.readAt && (
                      <Button appearance="subtle-button" disabled={change.busy} onClick={() => void mark([node.id])}>
                        {t('notifications.markRead')}
                      </Button>
                    )}
                  </div>
                </li>
              ))}
            </ul>
            <ConnectionPager label={t('notifications.title')} pages={pages} pageSize={PAGE_SIZE} connection={connection} busy={query.loading} />
          </>
        )}
      </ListStates>
      <EmailChoice />
    </>
  );
}

function EmailChoice() {
  const { t } = useTranslation();
  const settings = useQuery(NotificationSettingsDocument);
  const [save] = useMutation(SetNotificationEmailModeDocument);
  const change = useChange();
  const stored = settings.data?.notificationSettings;
  const [mode, setMode] = useState<NotificationEmailMode>('IMMEDIATE');
  useEffect(() => {
    if (stored) setMode(stored.emailMode);
  }, [stored?.emailMode]);
  if (!stored) return null;
  return (
    <section aria-labelledby="notifications-email" className="app-section">
      <Heading2 id="notifications-email">{t('notifications.email.title')}</Heading2>
      <Paragraph>{t('notifications.email.privacy')}</Paragraph>
      {!stored.emailConfigured && <Paragraph className="app-muted">{t('notifications.email.notConfigured')}</Paragraph>}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void change.run(() => save({ variables: { emailMode: mode } }), { notice: t('notifications.email.saved') });
        }}
      >
        <RadioGroup
          id="notifications-email-mode"
          legend={t('notifications.email.legend')}
          options={MODES.map((value) => ({ value, label: t(`notifications.email.${value}`) }))}
          value={mode}
          onChange={(value) => setMode(value as NotificationEmailMode)}
        />
        <ProblemSummary problem={change.problem} notSaved={t('notifications.email.notSaved')} fieldMessage={change.fieldMessage} />
        {change.notice && (
          <Alert type="ok" role="status">
            <Paragraph>{change.notice}</Paragraph>
          </Alert>
        )}
        <Button type="submit" appearance="primary-action-button" disabled={change.busy}>
          {t('notifications.email.save')}
        </Button>
      </form>
    </section>
  );
}
