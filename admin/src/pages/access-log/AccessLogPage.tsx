import { Button, Heading1, Heading2, Paragraph, TableBody, TableCell, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useQuery } from '@apollo/client/react';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ComboboxField } from '../../components/Combobox';
import { TextField } from '../../components/fields';
import { ConnectionPager, useCursorPages } from '../../components/Pager';
import { usePageTitle } from '../../components/PageTitle';
import { ScrollTable } from '../../components/ScrollTable';
import { Empty, ListStates } from '../../components/States';
import { graphql } from '../../gql';
import { currentLanguage } from '../../i18n';
import { toProblem } from '../../lib/errors';
import { useOrganisationPicker, useUserPicker } from '../../lib/pickers';
import { formatDateTime } from '../../lib/format';
import '../../insights.css';

const PAGE_SIZE = 25;
const DOSSIER_NUMBER = /^\d{4}-\d{1,10}$/;
const EVENT_TYPES = ['READ', 'READ_DENIED', 'CREATE', 'UPDATE', 'PURGE', 'EXPORT'] as const;
const ACTOR_ROLES = ['ADMIN', 'MUNICIPALITY', 'ORGANISATION', 'API_KEY', 'SYSTEM'] as const;

export const AccessLogDocument = graphql(`
  query AccessLog($dossierNumber: String, $userId: ID, $organisationId: ID, $from: String, $to: String, $first: Int!, $after: String) {
    accessLog(dossierNumber: $dossierNumber, userId: $userId, organisationId: $organisationId, from: $from, to: $to, first: $first, after: $after) {
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
          dossierNumber
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

/** The filters of the log, as the URL keeps them (`?dossier=&user=&organisation=&from=&to=`) and the API names them. */
interface Filter {
  dossierNumber: string;
  userId: string;
  organisationId: string;
  from: string;
  to: string;
}
const FILTER_PARAMS: Record<keyof Filter, string> = { dossierNumber: 'dossier', userId: 'user', organisationId: 'organisation', from: 'from', to: 'to' };
const EMPTY_FILTER: Filter = { dossierNumber: '', userId: '', organisationId: '', from: '', to: '' };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function filterOf(params: URLSearchParams): Filter {
  const filter = { ...EMPTY_FILTER };
  for (const key of Object.keys(FILTER_PARAMS) as Array<keyof Filter>) filter[key] = params.get(FILTER_PARAMS[key])?.trim() ?? '';
  return filter;
}

/** What is wrong with a filter, per field (the API checks the same: a dossier number's shape, a period not ending before it starts). */
function filterProblems(filter: Filter, t: (key: 'accessLog.dossierError' | 'accessLog.dateError' | 'accessLog.periodError') => string): Partial<Record<keyof Filter, string>> {
  const problems: Partial<Record<keyof Filter, string>> = {};
  if (filter.dossierNumber && !DOSSIER_NUMBER.test(filter.dossierNumber)) problems.dossierNumber = t('accessLog.dossierError');
  if (filter.from && !DATE.test(filter.from)) problems.from = t('accessLog.dateError');
  if (filter.to && !DATE.test(filter.to)) problems.to = t('accessLog.dateError');
  else if (filter.from && filter.to && filter.to < filter.from) problems.to = t('accessLog.periodError');
  return problems;
}

/** The filter as the API's arguments (and the CSV export's query): only what is set. */
function filterArguments(filter: Filter): Partial<Filter> {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== '')) as Partial<Filter>;
}

/**
 * /toegangslog: the NEN 7513 access log — who read, changed or exported what, when, on whose
 * behalf, through which operation and from which address (admins), narrowed by dossier, user,
 * organisation and period, oldest entry first; and the same entries as a CSV file.
 */
export function AccessLogPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter = filterOf(params);
  const valid = Object.keys(filterProblems(filter, t)).length === 0;
  const key = JSON.stringify(filter);
  usePageTitle(valid && filter.dossierNumber ? t('accessLog.titleFor', { dossier: filter.dossierNumber }) : t('accessLog.title'));
  const apply = (next: Filter) => {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(filterArguments(next))) search.set(FILTER_PARAMS[name as keyof Filter], value);
    setParams(search);
  };

  return (
    <>
      <Heading1>{t('accessLog.title')}</Heading1>
      <Paragraph>{t('accessLog.intro')}</Paragraph>
      <FilterForm key={`form:${key}`} filter={filter} onApply={apply} />
      {valid && <AccessLogTable key={`log:${key}`} filter={filter} />}
      <RefusedAttempts onDossier={(value) => apply({ ...EMPTY_FILTER, dossierNumber: value })} />
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

function FilterForm({ filter, onApply }: { filter: Filter; onApply(value: Filter): void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(filter);
  const [problems, setProblems] = useState(() => filterProblems(filter, t));
  const users = useUserPicker();
  const organisations = useOrganisationPicker();
  const refs = useRef<Partial<Record<keyof Filter, HTMLInputElement | null>>>({});
  const set = (name: keyof Filter) => (next: string) => setValue((current) => ({ ...current, [name]: next }));
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = { ...value, dossierNumber: value.dossierNumber.trim() };
    const found = filterProblems(trimmed, t);
    setProblems(found);
    const first = (Object.keys(FILTER_PARAMS) as Array<keyof Filter>).find((name) => found[name]);
    if (first) {
      refs.current[first]?.focus();
      return;
    }
    onApply(trimmed);
  }
  const ref = (name: keyof Filter) => (element: HTMLInputElement | null) => {
    refs.current[name] = element;
  };
  return (
    <form className="app-toolbar" role="search" aria-label={t('accessLog.formLabel')} onSubmit={submit} noValidate>
      <TextField
        id="access-log-dossier"
        label={t('accessLog.dossier')}
        description={t('accessLog.dossierHint')}
        value={value.dossierNumber}
        onChange={set('dossierNumber')}
        error={problems.dossierNumber}
        inputRef={ref('dossierNumber')}
      />
      <ComboboxField id="access-log-user" label={t('accessLog.user')} options={users.options} loading={users.loading} value={value.userId} onChange={set('userId')} inputRef={ref('userId')} />
      <ComboboxField
        id="access-log-organisation"
        label={t('accessLog.organisation')}
        options={organisations.options}
        loading={organisations.loading}
        value={value.organisationId}
        onChange={set('organisationId')}
        inputRef={ref('organisationId')}
      />
      <TextField id="access-log-from" type="date" label={t('accessLog.periodFrom')} value={value.from} onChange={set('from')} error={problems.from} inputRef={ref('from')} />
      <TextField id="access-log-to" type="date" label={t('accessLog.periodTo')} value={value.to} onChange={set('to')} error={problems.to} inputRef={ref('to')} />
      <Button appearance="primary-action-button" type="submit">
        {t('accessLog.show')}
      </Button>
      <Button appearance="secondary-action-button" type="button" onClick={() => onApply(EMPTY_FILTER)}>
        {t('accessLog.clear')}
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

function AccessLogTable({ filter }: { filter: Filter }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const pages = useCursorPages();
  const given = filterArguments(filter);
  const query = useQuery(AccessLogDocument, {
    variables: { ...given, first: PAGE_SIZE, after: pages.after },
    fetchPolicy: 'network-only',
  });
  const translate = t as unknown as (key: string) => string;
  const known = (list: readonly string[], prefix: string, value: string | null) =>
    value === null ? t('common.notRecorded') : list.includes(value) ? translate(`${prefix}.${value}`) : value;
  const exportHref = (separator?: 'semicolon') => `/csv/access-log?${new URLSearchParams({ ...given, ...(separator ? { separator } : {}) }).toString()}`;

  return (
    <ListStates
      list={(query.data ?? query.previousData)?.accessLog}
      query={query}
      loadingLabel={t('accessLog.loading')}
      what={t('accessLog.title')}
      empty={t('accessLog.empty')}
      failed={(error) => (toProblem(error).kind === 'fields' ? <Empty>{t('accessLog.badFilter')}</Empty> : undefined)}
    >
      {(connection) => (
        <section className="app-section" aria-labelledby="access-log-result">
          <Heading2 id="access-log-result">{filter.dossierNumber ? t('accessLog.titleFor', { dossier: filter.dossierNumber }) : t('accessLog.entries')}</Heading2>
          <Paragraph>
            <a className="utrecht-link utrecht-link--html-a" href={exportHref()} download>
              {t('accessLog.export', { count: connection.totalCount })}
            </a>{' '}
            (
            <a className="utrecht-link utrecht-link--html-a" href={exportHref('semicolon')} download>
              {t('exports.excel')}
            </a>
            )
          </Paragraph>
          <ScrollTable
            caption={t('accessLog.caption', { count: connection.totalCount })}
            busy={query.loading}
            columns={[t('accessLog.when'), t('accessLog.event'), t('accessLog.dossier'), t('accessLog.who'), t('accessLog.onBehalfOf'), t('accessLog.operation'), t('accessLog.from')]}
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
                  <TableCell className="app-nowrap">{node.dossierNumber ?? '—'}</TableCell>
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
