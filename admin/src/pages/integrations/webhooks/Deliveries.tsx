import { Button, ButtonGroup, Heading2, Paragraph, TableBody, TableCell, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useQuery } from '@apollo/client/react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ConnectionPager, useCursorPages } from '../../../components/Pager';
import { ScrollTable } from '../../../components/ScrollTable';
import { ListStates } from '../../../components/States';
import { currentLanguage } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { WebhookDeliveriesDocument, type Webhook } from './documents';

const DELIVERY_PAGE_SIZE = 20;

/** One webhook's deliveries, newest first, with every attempt: what the receiving system got, and when. */
export function Deliveries({ webhook }: { webhook: Webhook }) {
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
                    <TableHeaderCell scope="row">{formatDateTime(node.createdAt, language)}</TableHeaderCell>
                    <TableCell>
                      {t(`referrals.event.${node.eventType}`)} <span className="app-small app-muted">(#{node.sequence})</span>
                    </TableCell>
                    <TableCell>{node.dossierNumber}</TableCell>
                    <TableCell>
                      {t(`webhooks.deliveryStatus.${node.status}`)}
                      {node.status === 'DELIVERED' && node.deliveredAt && (
                        <span className="app-small app-muted"> ({formatDateTime(node.deliveredAt, language)})</span>
                      )}
                      {node.status === 'PENDING' && node.nextAttemptAt && (
                        <span className="app-small app-muted"> ({t('webhooks.deliveries.next', { date: formatDateTime(node.nextAttemptAt, language) })})</span>
                      )}
                    </TableCell>
                    <TableCell>
                      {node.attemptHistory.length === 0 ? (
                        t('webhooks.deliveries.noAttempts')
                      ) : (
                        <ol className="app-attempts">
                          {node.attemptHistory.map((attempt) => (
                            <li key={attempt.attempt}>
                              {formatDateTime(attempt.attemptedAt, language)}:{' '}
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
