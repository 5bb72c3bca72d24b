import { Button, Heading1, Heading2, Paragraph, TableBody, TableCell, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useQuery } from '@apollo/client/react';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { TextField } from '../../components/fields';
import { ConnectionPager, useCursorPages } from '../../components/Pager';
import { usePageTitle } from '../../components/PageTitle';
import { ScrollTable } from '../../components/ScrollTable';
import { Empty, ListStates } from '../../components/States';
import { graphql } from '../../gql';
import { currentLanguage } from '../../i18n';
import { toProblem } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import '../../insights.css';

const PAGE_SIZE = 25;
const DOSSIER_NUMBER = /^\d{4}-\d{1,10}$/;
const EVENT_TYPES = ['READ', 'READ_DENIED', 'CREATE', 'UPDATE', 'PURGE'] as const;
const ACTOR_ROLES = ['ADMIN', 'MUNICIPALITY', 'ORGANISATION', 'API_KEY', 'SYSTEM'] as const;

export const AccessLogDocument = graphql(`
  query AccessLog($dossierNumber: String!, $first: Int!, $after: String) {
    accessLog(dossierNumber: $dossierNumber, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          occurredAt
          eventType
          actorName
          role
          operation
          ipAddress
          userAgent
          details
          organisation {
            id
            name
          }
        }
      }
    }
  }
`);

export const RefusedAccessDocument = graphql(`
  query RefusedAccess($first: Int!, $after: String) {
    refusedAccessAttempts(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          occurredAt
          dossierNumber
          actorName
          role
          operation
          details
          organisation {
            id
            name
          }
        }
      }
    }
  }
`);

/**
 * /toegangslog: the NEN 7513 access log of one dossier — who read or changed the referral,
 * when, on whose behalf, through which operation and from which address (admins). The API
 * answers per dossier number, oldest entry first.
 */
export function AccessLogPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const dossier = params.get('dossier')?.trim() ?? '';
  const valid = DOSSIER_NUMBER.test(dossier);
  usePageTitle(valid ? t('accessLog.titleFor', { dossier }) : t('accessLog.title'));

  return (
    <>
      <Heading1>{t('accessLog.title')}</Heading1>
      <Paragraph>{t('accessLog.intro')}</Paragraph>
      <DossierForm key={dossier} dossier={dossier} onApply={(value) => setParams(new URLSearchParams({ dossier: value }))} />
      {valid && <AccessLogTable key={dossier} dossier={dossier} />}
      <RefusedAttempts onDossier={(value) => setParams(new URLSearchParams({ dossier: value }))} />
    </>
  );
}

/** Refused attempts to read a dossier over the last 30 days, all dossiers (who tried, which dossier, through which operation). */
function RefusedAttempts({ onDossier }: { onDossier(dossier: string): void }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const pages = useCursorPages();
  const query = useQuery(RefusedAccessDocument, { variables: { first: PAGE_SIZE, after: pages.after }, fetchPolicy: 'network-only' });
  const translate = t as unknown as (key: string) => string;
  const role = (value: string | null) => (value === null ? t('common.notRecorded') : ACTOR_ROLES.includes(value as (typeof ACTOR_ROLES)[number]) ? translate(`accessLog.role.${value}`) : value);
  return (
    <section className="app-section" aria-labelledby="access-log-refused">
      <Heading2 id="access-log-refused">{t('accessLog.refused.title')}</Heading2>
      <Paragraph>{t('accessLog.refused.intro')}</Paragraph>
      <ListStates
        list={(query.data ?? query.previousData)?.refusedAccessAttempts}
        query={query}
        loadingLabel={t('accessLog.loading')}
        what={t('accessLog.refused.title')}
        empty={t('accessLog.refused.empty')}
      >
        {(connection) => (
          <>
            <ScrollTable
              caption={t('accessLog.refused.caption', { count: connection.totalCount })}
              busy={query.loading}
              columns={[t('accessLog.when'), t('accessLog.dossier'), t('accessLog.who'), t('accessLog.onBehalfOf'), t('accessLog.operation')]}
            >
              <TableBody>
                {connection.edges.map(({ node }) => (
                  <TableRow key={node.id}>
                    <TableHeaderCell scope="row" className="app-nowrap">
                      {formatDateTime(node.occurredAt, language)}
                    </TableHeaderCell>
                    <TableCell>
                      {node.dossierNumber ? (
                        <Button appearance="subtle-button" onClick={() => onDossier(node.dossierNumber!)}>
                          {node.dossierNumber}
                        </Button>
                      ) : (
                        t('common.notRecorded')
                      )}
                    </TableCell>
                    <TableCell>
                      {node.actorName ?? t('accessLog.unknownActor')}
                      <span className="app-block app-small app-muted">{role(node.role)}</span>
                    </TableCell>
                    <TableCell>{node.organisation?.name ?? t('common.notRecorded')}</TableCell>
                    <TableCell>
                      <code>{node.operation ?? '—'}</code>
                      {Object.keys(node.details).length > 0 && <span className="app-block app-small app-muted app-break">{detailsText(node.details)}</span>}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </ScrollTable>
            <ConnectionPager label={t('accessLog.refused.title')} pages={pages} pageSize={PAGE_SIZE} connection={connection} busy={query.loading} />
          </>
        )}
      </ListStates>
    </section>
  );
}

function DossierForm({ dossier, onApply }: { dossier: string; onApply(value: string): void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(dossier);
  const [error, setError] = useState<string | null>(dossier && !DOSSIER_NUMBER.test(dossier) ? t('accessLog.dossierError') : null);
  const inputRef = useRef<HTMLInputElement>(null);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = value.trim();
    if (!DOSSIER_NUMBER.test(trimmed)) {
      setError(trimmed ? t('accessLog.dossierError') : t('accessLog.dossierRequired'));
      inputRef.current?.focus();
      return;
    }
    setError(null);
    onApply(trimmed);
  }
  return (
    <form className="app-toolbar" role="search" aria-label={t('accessLog.formLabel')} onSubmit={submit} noValidate>
      <TextField
        id="access-log-dossier"
        label={t('accessLog.dossier')}
        description={t('accessLog.dossierHint')}
        value={value}
        onChange={setValue}
        error={error}
        required
        inputRef={inputRef}
      />
      <Button appearance="primary-action-button" type="submit">
        {t('accessLog.show')}
      </Button>
    </form>
  );
}

/** What the entry records besides the columns (e.g. the fields read), as `key: value` pairs. */
function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)}`)
    .join('; ');
}

function AccessLogTable({ dossier }: { dossier: string }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const pages = useCursorPages();
  const query = useQuery(AccessLogDocument, {
    variables: { dossierNumber: dossier, first: PAGE_SIZE, after: pages.after },
    fetchPolicy: 'network-only',
  });
  const translate = t as unknown as (key: string) => string;
  const known = (list: readonly string[], prefix: string, value: string | null) =>
    value === null ? t('common.notRecorded') : list.includes(value) ? translate(`${prefix}.${value}`) : value;

  return (
    <ListStates
      list={(query.data ?? query.previousData)?.accessLog}
      query={query}
      loadingLabel={t('accessLog.loading')}
      what={t('accessLog.title')}
      empty={t('accessLog.empty', { dossier })}
      failed={(error) => (toProblem(error).kind === 'fields' ? <Empty>{t('accessLog.badDossier', { dossier })}</Empty> : undefined)}
    >
      {(connection) => (
        <section className="app-section" aria-labelledby="access-log-result">
          <Heading2 id="access-log-result">{t('accessLog.titleFor', { dossier })}</Heading2>
          <ScrollTable
            caption={t('accessLog.caption', { count: connection.totalCount, dossier })}
            busy={query.loading}
            columns={[t('accessLog.when'), t('accessLog.event'), t('accessLog.who'), t('accessLog.onBehalfOf'), t('accessLog.operation'), t('accessLog.from')]}
          >
            <TableBody>
              {connection.edges.map(({ node }) => (
                <TableRow key={node.id}>
                  <TableHeaderCell scope="row" className="app-nowrap">
                    {formatDateTime(node.occurredAt, language)}
                  </TableHeaderCell>
                  <TableCell>
                    <span className={node.eventType === 'READ_DENIED' ? 'app-outcome app-outcome--rejected' : undefined}>{known(EVENT_TYPES, 'accessLog.eventType', node.eventType)}</span>
                  </TableCell>
                  <TableCell>
                    {node.actorName ?? t('accessLog.unknownActor')}
                    <span className="app-block app-small app-muted">{known(ACTOR_ROLES, 'accessLog.role', node.role)}</span>
                  </TableCell>
                  <TableCell>{node.organisation?.name ?? t('common.notRecorded')}</TableCell>
                  <TableCell>
                    <code>{node.operation ?? '—'}</code>
                    {Object.keys(node.details).length > 0 && <span className="app-block app-small app-muted app-break">{detailsText(node.details)}</span>}
                  </TableCell>
                  <TableCell className="app-small">
                    {node.ipAddress ?? t('common.notRecorded')}
                    {node.userAgent && <span className="app-block app-muted app-break">{node.userAgent}</span>}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </ScrollTable>
          <ConnectionPager label={t('accessLog.title')} pages={pages} pageSize={PAGE_SIZE} connection={connection} busy={query.loading} />
        </section>
      )}
    </ListStates>
  );
}
