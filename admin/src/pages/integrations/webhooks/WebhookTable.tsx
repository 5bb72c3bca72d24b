import { Button, TableBody, TableCell, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmPanel } from '../../../components/ConfirmPanel';
import { ProblemSummary } from '../../../components/ProblemSummary';
import { ScrollTable } from '../../../components/ScrollTable';
import { currentLanguage } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { useChange } from '../../../lib/useChange';
import { DeleteWebhookDocument, RotateWebhookSecretDocument, UpdateWebhookDocument, type Webhook } from './documents';
import { WEBHOOK_EVENT_TYPES } from './events';

/** What waits for "are you sure?": deleting a webhook or replacing its signing secret. */
type Pending = { kind: 'delete' | 'rotate'; webhook: Webhook } | null;

/** The organisation's webhooks, each with its deliveries, switching it off and on, a new secret and deleting it. */
export function WebhookTable({
  webhooks,
  busy,
  showing,
  onShow,
  onSecret,
  onDeleted,
}: {
  webhooks: readonly Webhook[];
  busy: boolean;
  showing: string | null;
  onShow(webhook: Webhook): void;
  onSecret(secret: string, url: string): void;
  onDeleted(id: string): void;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const [pending, setPending] = useState<Pending>(null);
  const change = useChange();
  const [update, { loading: updating }] = useMutation(UpdateWebhookDocument);
  const [rotate, { loading: rotating }] = useMutation(RotateWebhookSecretDocument);
  const [remove, { loading: removing }] = useMutation(DeleteWebhookDocument);

  const toggle = (webhook: Webhook) =>
    change.run(() => update({ variables: { id: webhook.id, version: webhook.version, input: { enabled: !webhook.enabled } } }), {
      notice: webhook.enabled ? t('webhooks.disabled', { url: webhook.url }) : t('webhooks.enabledAgain', { url: webhook.url }),
    });

  async function confirm() {
    if (!pending) return;
    const { kind, webhook } = pending;
    const variables = { id: webhook.id, version: webhook.version };
    if (kind === 'delete') {
      const outcome = await change.run(() => remove({ variables }), { notice: t('webhooks.deleted', { url: webhook.url }) });
      if (outcome.ok) {
        onDeleted(webhook.id);
        setPending(null);
      }
      return;
    }
    // The new secret is shown once, above the page (SecretOnce), not as a notice here.
    const outcome = await change.run(() => rotate({ variables }));
    const answer = outcome.ok ? outcome.value.data?.rotateWebhookSecret : undefined;
    if (answer) onSecret(answer.secret, answer.webhook.url);
    if (outcome.ok) setPending(null);
  }

  return (
    <>
      {change.notice && (
        <p role="status" className="app-muted">
          {change.notice}
        </p>
      )}
      <ProblemSummary
        problem={change.problem}
        notSaved={t('webhooks.notChanged')}
        fieldMessage={change.fieldMessage}
        forbiddenText={t('webhooks.forbidden')}
        conflictText={t('webhooks.conflictText')}
      />
      {pending && (
        <ConfirmPanel
          question={pending.kind === 'delete' ? t('webhooks.confirmDelete', { url: pending.webhook.url }) : t('webhooks.confirmRotate', { url: pending.webhook.url })}
          consequence={pending.kind === 'delete' ? t('webhooks.confirmDeleteConsequence') : t('webhooks.confirmRotateConsequence')}
          confirmLabel={pending.kind === 'delete' ? t('webhooks.delete') : t('webhooks.rotate')}
          cancelLabel={t('formCommon.cancel')}
          busy={removing || rotating}
          onConfirm={() => void confirm()}
          onCancel={() => setPending(null)}
        />
      )}
      <ScrollTable
        caption={t('webhooks.caption', { count: webhooks.length })}
        busy={busy}
        columns={[t('webhooks.url'), t('webhooks.description'), t('webhooks.events'), t('webhooks.state'), t('webhooks.secretHint'), t('webhooks.actions')]}
      >
        <TableBody>
          {webhooks.map((webhook) => (
            <TableRow key={webhook.id}>
              <TableHeaderCell scope="row">
                <span className="app-mono">{webhook.url}</span>
              </TableHeaderCell>
              <TableCell>{webhook.description ?? t('common.none')}</TableCell>
              <TableCell>
                {webhook.events.length === WEBHOOK_EVENT_TYPES.length
                  ? t('webhooks.allEvents')
                  : webhook.events.map((e) => t(`referrals.event.${e}`)).join(', ')}
              </TableCell>
              <TableCell>
                {webhook.enabled
                  ? t('webhooks.active')
                  : webhook.disabledAt
                    ? t('webhooks.inactiveSince', { date: formatDateTime(webhook.disabledAt, language) })
                    : t('webhooks.inactive')}
              </TableCell>
              <TableCell>
                <span className="app-mono app-nowrap" translate="no">
                  {webhook.secretHint}
                </span>
              </TableCell>
              <TableCell>
                <div className="app-cell-actions">
                  <Button
                    aria-label={`${showing === webhook.id ? t('webhooks.hideDeliveries') : t('webhooks.showDeliveries')}: ${webhook.url}`}
                    appearance="secondary-action-button"
                    aria-expanded={showing === webhook.id}
                    onClick={() => onShow(webhook)}
                  >
                    {showing === webhook.id ? t('webhooks.hideDeliveries') : t('webhooks.showDeliveries')}
                  </Button>
                  <Button
                    aria-label={`${webhook.enabled ? t('webhooks.disable') : t('webhooks.enable')}: ${webhook.url}`}
                    appearance="secondary-action-button"
                    busy={updating}
                    disabled={updating}
                    onClick={() => void toggle(webhook)}
                  >
                    {webhook.enabled ? t('webhooks.disable') : t('webhooks.enable')}
                  </Button>
                  <Button aria-label={`${t('webhooks.rotate')}: ${webhook.url}`} appearance="secondary-action-button" onClick={() => setPending({ kind: 'rotate', webhook })}>
                    {t('webhooks.rotate')}
                  </Button>
                  <Button aria-label={`${t('webhooks.delete')}: ${webhook.url}`} appearance="secondary-action-button" onClick={() => setPending({ kind: 'delete', webhook })}>
                    {t('webhooks.delete')}
                  </Button>
                </div>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </ScrollTable>
    </>
  );
}
