import {
  Button,
  ButtonGroup,
  Heading1,
  Heading2,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxGroup } from '../../components/choices';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { TextField } from '../../components/fields';
import { Pager, useCursorPages } from '../../components/Pager';
import { usePageTitle } from '../../components/PageTitle';
import { ProblemSummary } from '../../components/ProblemSummary';
import { ScrollTable } from '../../components/ScrollTable';
import { SecretOnce } from '../../components/SecretOnce';
import { Empty, ErrorState, Loading } from '../../components/States';
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
  const { data, loading, error, refetch } = useQuery(WebhooksDocument, { fetchPolicy: 'cache-and-network' });
  const [secret, setSecret] = useState<{ secret: string; url: string } | null>(null);
  const [showing, setShowing] = useState<Webhook | null>(null);
  usePageTitle(t('webhooks.title'));

  let list;
  if (loading && !data) list = <Loading label={t('webhooks.loading')} />;
  else if (error && !data) list = <ErrorState error={error} onRetry={() => void refetch()} what={t('webhooks.title')} />;
  else if (!data || data.webhooks.length === 0) list = <Empty>{t('webhooks.empty')}</Empty>;
  else
    list = (
      <WebhookTable
        webhooks={data.webhooks}
        busy={loading}
        showing={showing?.id ?? null}
        onShow={(webhook) => setShowing(showing?.id === webhook.id ? null : webhook)}
        onSecret={(value, url) => setSecret({ secret: value, url })}
        onDeleted={(id) => {
          if (showing?.id === id) setShowing(null);
          void refetch();
        }}
      />
    );
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
        {list}
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
      <ScrollTable caption={t('webhooks.caption', { count: webhooks.length })} busy={busy}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('webhooks.url')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('webhooks.description')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('webhooks.events')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('webhooks.state')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('webhooks.secretHint')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('webhooks.actions')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
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
  const { data, previousData, loading, error, refetch } = useQuery(WebhookDeliveriesDocument, {
    variables: { webhookId: webhook.id, first: DELIVERY_PAGE_SIZE, after: pages.after },
    fetchPolicy: 'cache-and-network',
  });
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const connection = (data ?? previousData)?.webhookDeliveries;

  let content;
  if (!connection && loading) content = <Loading label={t('webhooks.deliveries.loading')} />;
  else if (error && !data) content = <ErrorState error={error} onRetry={() => void refetch()} what={t('webhooks.deliveries.title')} />;
  else if (!connection || connection.totalCount === 0) content = <Empty>{t('webhooks.deliveries.empty')}</Empty>;
  else
    content = (
      <>
        <ScrollTable caption={t('webhooks.deliveries.caption', { count: connection.totalCount, url: webhook.url })} busy={loading}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('webhooks.deliveries.created')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('webhooks.deliveries.event')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('referral.dossierNumber')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('webhooks.deliveries.status')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('webhooks.deliveries.attempts')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('webhooks.deliveries.last')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
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
        <Pager
          label={t('webhooks.deliveries.title')}
          page={pages.page}
          pageSize={DELIVERY_PAGE_SIZE}
          totalCount={connection.totalCount}
          hasNextPage={connection.pageInfo.hasNextPage}
          busy={loading}
          onPrevious={pages.previous}
          onNext={() => pages.next(connection.pageInfo.endCursor)}
        />
      </>
    );

  return (
    <section aria-labelledby="webhook-deliveries" className="app-section">
      <Heading2 id="webhook-deliveries" ref={headingRef} tabIndex={-1}>
        {t('webhooks.deliveries.titleFor', { url: webhook.url })}
      </Heading2>
      <Paragraph>{t('webhooks.deliveries.intro')}</Paragraph>
      <ButtonGroup>
        <Button appearance="secondary-action-button" busy={loading} disabled={loading} onClick={() => void refetch()}>
          {t('webhooks.deliveries.refresh')}
        </Button>
      </ButtonGroup>
      {content}
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
