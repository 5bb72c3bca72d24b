import { Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../i18n';
import { formatDateTime, formatDay } from '../../../lib/format';
import { TERMINAL_STATUSES } from '../options';
import { AddActionForm, CompleteActionForm } from './actionForms';
import { Saved, type Action, type SectionProps } from './parts';

function ActionState({ action }: { action: Action }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  if (action.completedAt) return <span className="app-status app-status--done">{t('referralDetail.actions.doneOn', { date: formatDateTime(action.completedAt, language) })}</span>;
  if (action.overdue) return <span className="app-status app-status--overdue">{t('referralDetail.actions.overdue')}</span>;
  return <span className="app-status">{t('referralDetail.actions.open')}</span>;
}

/** The agreed actions (werkafspraken): who does what by when, and their results. */
export function ActionsSection({ referral, onReload }: SectionProps) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const actions = referral.actions ?? [];
  // Actions are agreed once the receiver has taken the referral on, and until it ends.
  const canWork = !TERMINAL_STATUSES.includes(referral.status) && referral.status !== 'SIGNALLED';
  const [completing, setCompleting] = useState<Action | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  return (
    <section aria-labelledby="referral-actions" className="app-section">
      <Heading2 id="referral-actions">{t('referralDetail.actions.title')}</Heading2>
      <Saved text={saved} />
      {actions.length === 0 ? (
        <Paragraph className="app-muted">{t('referralDetail.actions.empty')}</Paragraph>
      ) : (
        <ul className="app-notes">
          {actions.map((action) => (
            <li key={action.id}>
              <Paragraph>
                <strong>{action.description}</strong>
              </Paragraph>
              <Paragraph className="app-small">
                {t('referralDetail.actions.line', {
                  organisation: action.assignedOrganisation?.name ?? t('common.notRecorded'),
                  date: formatDay(action.dueOn, language),
                })}{' '}
                <ActionState action={action} />
              </Paragraph>
              {action.result && (
                <Paragraph className="app-summary-text">
                  {t('referralDetail.actions.result')}: {action.result}
                </Paragraph>
              )}
              {canWork && !action.completedAt && completing?.id !== action.id && (
                <Button
                  aria-label={`${t('referralDetail.actions.complete')}: ${action.description}`}
                  appearance="secondary-action-button"
                  onClick={() => {
                    setSaved(null);
                    setCompleting(action);
                  }}
                >
                  {t('referralDetail.actions.complete')}
                </Button>
              )}
              {completing?.id === action.id && (
                <CompleteActionForm
                  action={action}
                  onReload={onReload}
                  onCancel={() => setCompleting(null)}
                  onDone={() => {
                    setCompleting(null);
                    setSaved(t('referralDetail.actions.completed'));
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {referral.status === 'SIGNALLED' && <Paragraph className="app-muted">{t('referralDetail.actions.afterAccept')}</Paragraph>}
      {canWork && <AddActionForm referral={referral} onReload={onReload} onDone={() => setSaved(t('referralDetail.actions.added'))} />}
    </section>
  );
}
