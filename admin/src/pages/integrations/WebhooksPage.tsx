import {
  Button,
  ButtonGroup,
  Heading1,
  Heading2,
  Paragraph,
  TableBody,
  TableCell,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxGroup } from '../../components/choices';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { TextField } from '../../components/fields';
import { ConnectionPager, useCursorPages } from '../../components/Pager';
import { usePageTitle } from '../../components/PageTitle';
import { ProblemSummary } from '../../components/ProblemSummary';
import { ScrollTable } from '../../components/ScrollTable';
import { SecretOnce } from '../../components/SecretOnce';
import { ListStates } from '../../components/States';
import { graphql } from '../../gql';
import type { ReferralEventType, WebhooksQuery } from '../../gql/graphql';
import { currentLanguage } from '../../i18n';
import { toChangeProblem, useFieldMessage, type ChangeProblem } from '../../lib/problems';
import '../partner-styles';
import { WEBHOOK_EVENT_TYPES } from '../referrals/options';
import { formatMoment } from '../referrals/ui';

graphql(`
  fragment WebhookRow on Webhook {
    id
    version
    url
    description
    events
    enabled
    disabledAt
    secretHint
    createdAt
  }
`);

export const WebhooksDocument = graphql(`
  query Webhooks {
    webhooks {
      ...WebhookRow
    }
  }
`);

export const CreateWebhookDocument = graphql(`
  mutation CreateWebhook($input: CreateWebhookInput!) {
    createWebhook(input: $input) {
      secret
      webhook {
        ...WebhookRow
      }
    }
  }
`);

export const UpdateWebhookDocument = graphql(`
  mutation UpdateWebhook($id: ID!, $version: Int!, $input: UpdateWebhookInput!) {
    updateWebhook(id: $id, version: $version, input: $input) {
      ...WebhookRow
    }
  }
`);

export const RotateWebhookSecretDocument = graphql(`
  mutation RotateWebhookSecret($id: ID!, $version: Int!) {
    rotateWebhookSecret(id: $id, version: $version) {
      secret
      webhook {
        ...WebhookRow
      }
    }
  }
`);

export const DeleteWebhookDocument = graphql(`
  mutation DeleteWebhook($id: ID!, $version: Int!) {
    deleteWebhook(id: $id, version: $version) {
      id
    }
  }
`);

export const WebhookDeliveriesDocument = graphql(`
  query WebhookDeliveries($webhookId: ID!, $first: Int!, $after: String) {
    webhookDeliveries(webhookId: $webhookId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          eventType
          dossierNumber
          sequence
          referralStatus
          status
          attempts
          createdAt
          deliveredAt
          nextAttemptAt
          lastStatusCode
          lastError
          attemptHistory {
            attempt
            attemptedAt
            statusCode
            error
            durationMs
          }
        }
      }
    }
  }
`);

type Webhook = WebhooksQuery['webhooks'][number];
type Pending = { kind: 'delete' | 'rotate'; webhook: Webhook } | null;

const DELIVERY_PAGE_SIZE = 20;

/** /webhooks: the organisation's endpoints for signed referral events, and their deliveries. */
export function WebhooksPage() {
  const { t } = useTranslation();
  const query = useQuery(WebhooksDocument, { fetchPolicy: 'cache-and-network' });
  const { data, refetch } = query;
  const [secret, setSecret] = useState<{ secret: string; url: string } | null>(null);
  const [showing, setShowing] = useState<Webhook | null>(null);
  usePageTitle(t('webhooks.title'));
  const shown = showing ? data?.webhooks.find((w) => w.id === showing.id) : undefined;

  return (
    <>
      <Heading1>{t('webhooks.title')}</Heading1>
      <Paragraph>{t('webhooks.intro')}</Paragraph>
      {secret && (
        <SecretOnce
          title={t('webhooks.secretTitle', { url: secret.url })}
          warning={t('webhooks.secretWarning')}
          label={t('webhooks.secretLabel')}
          secret={secret.secret}
          onDone={() => setSecret(null)}
        />
      )}
      <section aria-labelledby="webhooks-list" className="app-section">
        <Heading2 id="webhooks-list">{t('webhooks.listTitle')}</Heading2>
        <ListStates list={data?.webhooks} query={query} loadingLabel={t('webhooks.loading')} what={t('webhooks.title')} empty={t('webhooks.empty')}>
          {(webhooks) => (
            <WebhookTable
              webhooks={webhooks}
              busy={query.loading}
              showing={showing?.id ?? null}
              onShow={(webhook) => setShowing(showing?.id === webhook.id ? null : webhook)}
              onSecret={(value, url) => setSecret({ secret: value, url })}
              onDeleted={(id) => {
                if (showing?.id === id) setShowing(null);
                void refetch();
              }}
            />
          )}
        </ListStates>
      </section>
      {shown && <Deliveries key={shown.id} webhook={shown} />}
      <CreateWebhookForm
        onCreated={(value, url) => {
          setSecret({ secret: value, url });
          void refetch();
        }}
      />
    </>
  );
}

function WebhookTable({
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
  const fieldMessage = useFieldMessage();
  const [pending, setPending] = useState<Pending>(null);
  const [problem, setProblem] = useState<ChangeProblem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [update, { loading: updating }] = useMutation(UpdateWebhookDocument);
  const [rotate, { loading: rotating }] = useMutation(RotateWebhookSecretDocument);
  const [remove, { loading: removing }] = useMutation(DeleteWebhookDocument);

  async function run(change: () => Promise<void>) {
    setNotice(null);
    try {
      await change();
      setProblem(null);
    } catch (error) {
      setProblem(toChangeProblem(error));
    }
  }

  const toggle = (webhook: Webhook) =>
    run(async () => {
      await update({ variables: { id: webhook.id, version: webhook.version, input: { enabled: !webhook.enabled } } });
      setNotice(webhook.enabled ? t('webhooks.disabled', { url: webhook.url }) : t('webhooks.enabledAgain', { url: webhook.url }));
    });

  const confirm = () =>
    run(async () => {
      if (!pending) return;
      if (pending.kind === 'delete') {
        await remove({ variables: { id: pending.webhook.id, version: pending.webhook.version } });
        setNotice(t('webhooks.deleted', { url: pending.webhook.url }));
        onDeleted(pending.webhook.id);
      } else {
        const result = await rotate({ variables: { id: pending.webhook.id, version: pending.webhook.version } });
        const answer = result.data?.rotateWebhookSecret;
        if (answer) onSecret(answer.secret, answer.webhook.url);
      }
      setPending(null);
    });

  return (
    <>
      {notice && (
        <p role="status" className="app-muted">
          {notice}
        </p>
      )}
      <ProblemSummary
        problem={problem}
        notSaved={t('webhooks.notChanged')}
        fieldMessage={fieldMessage}
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
                    ? t('webhooks.inactiveSince', { date: formatMoment(webhook.disabledAt, language) })
                    : t('webhooks.inactive')}
              </TableCell>
              <TableCell>
                <span className="app-mono app-nowrap" translate="no">
                  {webhook.secretHint}
                </span>
              </TableCell>
              <TableCell>
                <div className="app-cell-actions">
                  <Button aria-label={`${showing === webhook.id ? t('webhooks.hideDeliveries') : t('webhooks.showDeliveries')}: ${webhook.url}`} appearance="secondary-action-button" aria-expanded={showing === webhook.id} onClick={() => onShow(webhook)}>
                    {showing === webhook.id ? t('webhooks.hideDeliveries') : t('webhooks.showDeliveries')}
                  </Button>
                  <Button aria-label={`${webhook.enabled ? t('webhooks.disable') : t('webhooks.enable')}: ${webhook.url}`} appearance="secondary-action-button" busy={updating} disabled={updating} onClick={() => void toggle(webhook)}>
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

function Deliveries({ webhook }: { webhook: Webhook }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const pages = useCursorPages();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const query = useQuery(WebhookDeliveriesDocument, {
    variables: { webhookId: webhook.id, first: DELIVERY_PAGE_SIZE, after: pages.after },
    fetchPolicy: 'cache-and-network',
  });
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  return (
    <section aria-labelledby="webhook-deliveries" className="app-section">
      <Heading2 id="webhook-deliveries" ref={headingRef} tabIndex={-1}>
        {t('webhooks.deliveries.titleFor', { url: webhook.url })}
      </Heading2>
      <Paragraph>{t('webhooks.deliveries.intro')}</Paragraph>
      <ButtonGroup>
        <Button appearance="secondary-action-button" busy={query.loading} disabled={query.loading} onClick={() => void query.refetch()}>
          {t('webhooks.deliveries.refresh')}
        </Button>
      </ButtonGroup>
      <ListStates
        list={(query.data ?? query.previousData)?.webhookDeliveries}
        query={query}
        loadingLabel={t('webhooks.deliveries.loading')}
        what={t('webhooks.deliveries.title')}
        empty={t('webhooks.deliveries.empty')}
      >
        {(connection) => (
          <>
            <ScrollTable
              caption={t('webhooks.deliveries.caption', { count: connection.totalCount, url: webhook.url })}
              busy={query.loading}
              columns={[
                t('webhooks.deliveries.created'),
                t('webhooks.deliveries.event'),
                t('referral.dossierNumber'),
                t('webhooks.deliveries.status'),
                t('webhooks.deliveries.attempts'),
                t('webhooks.deliveries.last'),
              ]}
            >
              <TableBody>
                {connection.edges.map(({ node }) => (
                  <TableRow key={node.id}>
                    <TableHeaderCell scope="row">{formatMoment(node.createdAt, language)}</TableHeaderCell>
                    <TableCell>
                      {t(`referrals.event.${node.eventType}`)} <span className="app-small app-muted">(#{node.sequence})</span>
                    </TableCell>
                    <TableCell>{node.dossierNumber}</TableCell>
                    <TableCell>
                      {t(`webhooks.deliveryStatus.${node.status}`)}
                      {node.status === 'DELIVERED' && node.deliveredAt && (
                        <span className="app-small app-muted"> ({formatMoment(node.deliveredAt, language)})</span>
                      )}
                      {node.status === 'PENDING' && node.nextAttemptAt && (
                        <span className="app-small app-muted"> ({t('webhooks.deliveries.next', { date: formatMoment(node.nextAttemptAt, language) })})</span>
                      )}
                    </TableCell>
                    <TableCell>
                      {node.attemptHistory.length === 0 ? (
                        t('webhooks.deliveries.noAttempts')
                      ) : (
                        <ol className="app-attempts">
                          {node.attemptHistory.map((attempt) => (
                            <li key={attempt.attempt}>
                              {formatMoment(attempt.attemptedAt, language)}:{' '}
                              {attempt.statusCode !== null ? t('webhooks.deliveries.http', { code: attempt.statusCode }) : t('webhooks.deliveries.noAnswer')}
                              {attempt.error ? ` — ${attempt.error}` : ''} ({t('webhooks.deliveries.ms', { ms: attempt.durationMs })})
                            </li>
                          ))}
                        </ol>
                      )}
                    </TableCell>
                    <TableCell>
                      {node.lastStatusCode !== null ? t('webhooks.deliveries.http', { code: node.lastStatusCode }) : t('common.none')}
                      {node.lastError ? ` — ${node.lastError}` : ''}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </ScrollTable>
            <ConnectionPager label={t('webhooks.deliveries.title')} pages={pages} pageSize={DELIVERY_PAGE_SIZE} connection={connection} busy={query.loading} />
          </>
        )}
      </ListStates>
    </section>
  );
}

function CreateWebhookForm({ onCreated }: { onCreated(secret: string, url: string): void }) {
  const { t } = useTranslation();
  const fieldMessage = useFieldMessage();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<string[]>([...WEBHOOK_EVENT_TYPES]);
  const [problem, setProblem] = useState<ChangeProblem | null>(null);
  const [create, { loading }] = useMutation(CreateWebhookDocument);
  const fieldErrors = problem?.kind === 'fields' ? problem.fields : {};

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    try {
      const result = await create({ variables: { input: { url, description: description.trim() || null, events: events as ReferralEventType[] } } });
      const answer = result.data?.createWebhook;
      if (answer) {
        setProblem(null);
        setUrl('');
        setDescription('');
        onCreated(answer.secret, answer.webhook.url);
      }
    } catch (error) {
      setProblem(toChangeProblem(error));
    }
  }

  return (
    <section aria-labelledby="webhooks-new" className="app-section">
      <Heading2 id="webhooks-new">{t('webhooks.newTitle')}</Heading2>
      <Paragraph>{t('webhooks.newIntro')}</Paragraph>
      <form className="app-form" onSubmit={submit} noValidate aria-labelledby="webhooks-new" aria-busy={loading || undefined}>
        <ProblemSummary
          problem={problem}
          notSaved={t('webhooks.notCreated')}
          fields={{
            url: { id: 'webhook-url', label: t('webhooks.url') },
            description: { id: 'webhook-description', label: t('webhooks.description') },
            events: { id: 'webhook-events', label: t('webhooks.events') },
          }}
          fieldMessage={fieldMessage}
          forbiddenText={t('webhooks.forbidden')}
        />
        <TextField
          id="webhook-url"
          type="url"
          label={t('formCommon.required', { label: t('webhooks.url') })}
          description={t('webhooks.urlHint')}
          value={url}
          onChange={setUrl}
          required
          error={fieldErrors.url ? fieldMessage(fieldErrors.url) : null}
        />
        <TextField
          id="webhook-description"
          label={t('webhooks.description')}
          description={t('webhooks.descriptionHint')}
          value={description}
          onChange={setDescription}
          error={fieldErrors.description ? fieldMessage(fieldErrors.description) : null}
        />
        <CheckboxGroup
          id="webhook-events"
          legend={t('webhooks.eventsLegend')}
          description={t('webhooks.eventsHint')}
          values={events}
          onChange={setEvents}
          options={WEBHOOK_EVENT_TYPES.map((e) => ({ value: e, label: t(`referrals.event.${e}`) }))}
          error={fieldErrors.events ? fieldMessage(fieldErrors.events) : null}
        />
        <Button appearance="primary-action-button" type="submit" busy={loading} disabled={loading}>
          {t('webhooks.create')}
        </Button>
      </form>
    </section>
  );
}
