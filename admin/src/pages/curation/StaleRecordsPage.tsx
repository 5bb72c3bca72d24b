import { Alert, Button, Heading1, Paragraph, TableBody, TableCell, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ownOrganisation } from '../../auth/permissions';
import { useViewer } from '../../auth/viewer';
import { AppLink } from '../../components/AppLink';
import { SelectField, TextField } from '../../components/fields';
import { ConnectionPager, useCursorPages } from '../../components/Pager';
import { usePageTitle } from '../../components/PageTitle';
import { ScrollTable } from '../../components/ScrollTable';
import { ListStates, useProblemText } from '../../components/States';
import { graphql } from '../../gql';
import type { VerifiableEntityType } from '../../gql/graphql';
import { currentLanguage } from '../../i18n';
import { toProblem } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { editPath, historyPath } from '../../lib/paths';
import '../../insights.css';

const PAGE_SIZE = 25;
export const VERIFIABLE_TYPES: readonly VerifiableEntityType[] = ['ORGANISATION', 'SERVICE', 'LOCATION', 'KEY_PERSON'];

function isVerifiable(value: string | null): value is VerifiableEntityType {
  return (VERIFIABLE_TYPES as readonly string[]).includes(value ?? '');
}

export const StaleRecordsDocument = graphql(`
  query StaleRecords($entityType: VerifiableEntityType, $olderThanMonths: Int, $first: Int!, $after: String) {
    staleRecords(entityType: $entityType, olderThanMonths: $olderThanMonths, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          entityType
          name
          lastVerifiedAt
          organisation {
            id
            name
          }
        }
      }
    }
  }
`);

export const MarkVerifiedDocument = graphql(`
  mutation MarkVerified($entityType: VerifiableEntityType!, $id: ID!) {
    markVerified(entityType: $entityType, id: $id) {
      id
      entityType
      name
      lastVerifiedAt
    }
  }
`);

/**
 * /controleren: the records nobody has confirmed for a while (STALE_AFTER_MONTHS, default 12),
 * never-verified first. After checking a record, "Gecontroleerd" sets its verification date.
 * Admins see every record; organisation users their own organisation's.
 */
export function StaleRecordsPage() {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const own = ownOrganisation(viewer);
  const [params, setParams] = useSearchParams();
  const typeParam = params.get('soort');
  const entityType = isVerifiable(typeParam) ? typeParam : null;
  const monthsParam = params.get('maanden');
  const months = monthsParam && /^\d{1,3}$/.test(monthsParam) && Number(monthsParam) > 0 ? Number(monthsParam) : null;
  usePageTitle(t('stale.title'));

  function apply(next: { type: string; months: string }) {
    const query = new URLSearchParams();
    if (next.type) query.set('soort', next.type);
    if (next.months.trim()) query.set('maanden', next.months.trim());
    setParams(query);
  }

  return (
    <>
      <Heading1>{t('stale.title')}</Heading1>
      <Paragraph>{own ? t('stale.introOwn', { organisation: own.name }) : t('stale.intro')}</Paragraph>
      <FilterForm key={`form|${entityType}|${months}`} type={entityType ?? ''} months={months ? String(months) : ''} onApply={apply} />
      <StaleTable key={`table|${entityType}|${months}`} entityType={entityType} months={months} />
    </>
  );
}

function FilterForm({ type, months, onApply }: { type: string; months: string; onApply(next: { type: string; months: string }): void }) {
  const { t } = useTranslation();
  const [chosenType, setChosenType] = useState(type);
  const [monthsText, setMonthsText] = useState(months);
  const [error, setError] = useState<string | null>(null);
  const monthsRef = useRef<HTMLInputElement>(null);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = monthsText.trim();
    if (trimmed && !(/^\d{1,3}$/.test(trimmed) && Number(trimmed) > 0)) {
      setError(t('stale.monthsError'));
      monthsRef.current?.focus();
      return;
    }
    setError(null);
    onApply({ type: chosenType, months: trimmed });
  }
  return (
    <form className="app-toolbar" aria-label={t('stale.filterLabel')} onSubmit={submit} noValidate>
      <SelectField
        id="stale-type"
        label={t('stale.type')}
        value={chosenType}
        onChange={setChosenType}
        options={[{ value: '', label: t('stale.allTypes') }, ...VERIFIABLE_TYPES.map((v) => ({ value: v, label: t(`entityType.${v}`) }))]}
      />
      <TextField
        id="stale-months"
        label={t('stale.months')}
        description={t('stale.monthsHint')}
        value={monthsText}
        onChange={setMonthsText}
        error={error}
        inputRef={monthsRef}
      />
      <Button appearance="primary-action-button" type="submit">
        {t('stale.filter')}
      </Button>
    </form>
  );
}

type Notice = { kind: 'verified'; name: string } | { kind: 'failed'; name: string; text: string };

function StaleTable({ entityType, months }: { entityType: VerifiableEntityType | null; months: number | null }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const problemText = useProblemText();
  const pages = useCursorPages();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const query = useQuery(StaleRecordsDocument, {
    variables: { entityType, olderThanMonths: months, first: PAGE_SIZE, after: pages.after },
    fetchPolicy: 'cache-and-network',
  });
  const [markVerified] = useMutation(MarkVerifiedDocument);

  // The row is gone after "Gecontroleerd": focus goes to the message that says what happened.
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const noticeBlock = notice && (
    <div ref={noticeRef} tabIndex={-1} className="app-notice">
      <Alert type={notice.kind === 'verified' ? 'ok' : 'error'}>
        <Paragraph>{notice.kind === 'verified' ? t('stale.verified', { name: notice.name }) : t('stale.verifyFailed', { name: notice.name, problem: notice.text })}</Paragraph>
      </Alert>
    </div>
  );

  async function verify(node: { id: string; entityType: VerifiableEntityType; name: string }) {
    setBusyId(node.id);
    try {
      await markVerified({ variables: { entityType: node.entityType, id: node.id } });
      setNotice({ kind: 'verified', name: node.name });
      await query.refetch();
    } catch (e) {
      setNotice({ kind: 'failed', name: node.name, text: problemText(toProblem(e)) });
    } finally {
      setBusyId(null);
    }
  }

  return (
    <ListStates
      list={(query.data ?? query.previousData)?.staleRecords}
      query={query}
      loadingLabel={t('stale.loading')}
      what={t('stale.title')}
      empty={t('stale.empty')}
      above={noticeBlock}
    >
      {(connection) => (
        <>
          <ScrollTable
            caption={t('stale.caption', { count: connection.totalCount })}
            busy={query.loading}
            columns={[t('stale.name'), t('stale.type'), t('stale.organisation'), t('stale.lastVerified'), t('stale.actions')]}
          >
            <TableBody>
              {connection.edges.map(({ node }) => (
                <TableRow key={`${node.entityType}:${node.id}`}>
                  <TableHeaderCell scope="row">
                    {editPath(node.entityType, node.id) ? (
                      <AppLink to={editPath(node.entityType, node.id)!} aria-label={t('stale.editLabel', { name: node.name })}>
                        {node.name}
                      </AppLink>
                    ) : (
                      node.name
                    )}
                  </TableHeaderCell>
                  <TableCell>{t(`entityType.${node.entityType}`)}</TableCell>
                  <TableCell>{node.organisation?.name ?? t('common.notRecorded')}</TableCell>
                  <TableCell>{node.lastVerifiedAt ? formatDate(node.lastVerifiedAt, language) : t('stale.never')}</TableCell>
                  <TableCell>
                    <div className="app-row-actions">
                      <Button
                        appearance="secondary-action-button"
                        busy={busyId === node.id}
                        disabled={busyId !== null}
                        aria-label={t('stale.markVerifiedLabel', { name: node.name })}
                        onClick={() => void verify(node)}
                      >
                        {t('stale.markVerified')}
                      </Button>
                      <AppLink to={historyPath(node.entityType, node.id)} aria-label={t('stale.historyLabel', { name: node.name })}>
                        {t('stale.history')}
                      </AppLink>
                    </div>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </ScrollTable>
          <ConnectionPager label={t('stale.title')} pages={pages} pageSize={PAGE_SIZE} connection={connection} busy={query.loading} />
        </>
      )}
    </ListStates>
  );
}
