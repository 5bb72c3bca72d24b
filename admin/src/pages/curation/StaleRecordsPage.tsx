import { Alert, Button, Checkbox, FormField, FormLabel, Heading1, Paragraph, TableBody, TableCell, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ownOrganisation } from '../../auth/permissions';
import { useViewer } from '../../auth/viewer';
import { AppLink } from '../../components/AppLink';
import { ComboboxField } from '../../components/Combobox';
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
import { useAreaPicker, useOrganisationPicker } from '../../lib/pickers';
import '../../insights.css';

const PAGE_SIZE = 25;
export const VERIFIABLE_TYPES: readonly VerifiableEntityType[] = ['ORGANISATION', 'SERVICE', 'LOCATION', 'KEY_PERSON'];

function isVerifiable(value: string | null): value is VerifiableEntityType {
  return (VERIFIABLE_TYPES as readonly string[]).includes(value ?? '');
}

export const StaleRecordsDocument = graphql(`
  query StaleRecords($entityType: VerifiableEntityType, $olderThanMonths: Int, $organisation: ID, $area: ID, $first: Int!, $after: String) {
    staleRecords(entityType: $entityType, olderThanMonths: $olderThanMonths, organisation: $organisation, area: $area, first: $first, after: $after) {
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

export const MarkRecordsVerifiedDocument = graphql(`
  mutation MarkRecordsVerified($records: [VerifiableRecordInput!]!) {
    markRecordsVerified(records: $records) {
      id
      entityType
      name
      lastVerifiedAt
    }
  }
`);

/** The filters of the work list, as the address keeps them (soort, maanden, organisatie, gebied). */
interface Filters {
  type: string;
  months: string;
  organisation: string;
  area: string;
}

/**
 * /controleren: the records nobody has confirmed for a while (STALE_AFTER_MONTHS, default 12),
 * never-verified first, filtered by kind, organisation and area. Each row links to its record's
 * form; after checking a record, "Gecontroleerd" sets its verification date, one row or a
 * selection at once (one transaction). Admins see every record; organisation users their own
 * organisation's.
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
  const organisation = own ? null : params.get('organisatie') || null;
  const area = params.get('gebied') || null;
  usePageTitle(t('stale.title'));

  function apply(next: Filters) {
    const query = new URLSearchParams();
    if (next.type) query.set('soort', next.type);
    if (next.months.trim()) query.set('maanden', next.months.trim());
    if (next.organisation) query.set('organisatie', next.organisation);
    if (next.area) query.set('gebied', next.area);
    setParams(query);
  }
  const key = `${entityType}|${months}|${organisation}|${area}`;

  return (
    <>
      <Heading1>{t('stale.title')}</Heading1>
      <Paragraph>{own ? t('stale.introOwn', { organisation: own.name }) : t('stale.intro')}</Paragraph>
      <FilterForm
        key={`form|${key}`}
        initial={{ type: entityType ?? '', months: months ? String(months) : '', organisation: organisation ?? '', area: area ?? '' }}
        chooseOrganisation={!own}
        onApply={apply}
      />
      <StaleTable key={`table|${key}`} entityType={entityType} months={months} organisation={organisation} area={area} />
    </>
  );
}

function FilterForm({ initial, chooseOrganisation, onApply }: { initial: Filters; chooseOrganisation: boolean; onApply(next: Filters): void }) {
  const { t } = useTranslation();
  const [chosenType, setChosenType] = useState(initial.type);
  const [monthsText, setMonthsText] = useState(initial.months);
  const [chosenOrganisation, setChosenOrganisation] = useState(initial.organisation);
  const [chosenArea, setChosenArea] = useState(initial.area);
  const organisations = useOrganisationPicker();
  const areas = useAreaPicker();
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
    onApply({ type: chosenType, months: trimmed, organisation: chosenOrganisation, area: chosenArea });
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
      {chooseOrganisation && (
        <ComboboxField
          id="stale-organisation"
          label={t('stale.organisationFilter')}
          description={t('stale.anyHint')}
          options={organisations.options}
          loading={organisations.loading}
          value={chosenOrganisation}
          onChange={setChosenOrganisation}
        />
      )}
      <ComboboxField
        id="stale-area"
        label={t('stale.area')}
        description={t('stale.areaHint')}
        options={areas.options}
        loading={areas.loading}
        value={chosenArea}
        onChange={setChosenArea}
      />
      <Button appearance="primary-action-button" type="submit">
        {t('stale.filter')}
      </Button>
    </form>
  );
}

type Notice = { kind: 'verified'; name: string } | { kind: 'verifiedMany'; count: number } | { kind: 'failed'; name: string; text: string } | { kind: 'failedMany'; count: number; text: string };
type Row = { id: string; entityType: VerifiableEntityType; name: string };
const rowKey = (row: Row) => `${row.entityType}:${row.id}`;

function StaleTable({ entityType, months, organisation, area }: { entityType: VerifiableEntityType | null; months: number | null; organisation: string | null; area: string | null }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const problemText = useProblemText();
  const pages = useCursorPages();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlyMap<string, Row>>(new Map());
  const noticeRef = useRef<HTMLDivElement>(null);
  const query = useQuery(StaleRecordsDocument, {
    variables: { entityType, olderThanMonths: months, organisation, area, first: PAGE_SIZE, after: pages.after },
    fetchPolicy: 'cache-and-network',
  });
  const [markVerified] = useMutation(MarkVerifiedDocument);
  const [markRecordsVerified] = useMutation(MarkRecordsVerifiedDocument);

  // The row is gone after "Gecontroleerd": focus goes to the message that says what happened.
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const noticeText = (n: Notice) => {
    switch (n.kind) {
      case 'verified':
        return t('stale.verified', { name: n.name });
      case 'verifiedMany':
        return t('stale.verifiedMany', { count: n.count });
      case 'failed':
        return t('stale.verifyFailed', { name: n.name, problem: n.text });
      case 'failedMany':
        return t('stale.verifyManyFailed', { count: n.count, problem: n.text });
    }
  };
  const noticeBlock = notice && (
    <div ref={noticeRef} tabIndex={-1} className="app-notice">
      <Alert type={notice.kind === 'verified' || notice.kind === 'verifiedMany' ? 'ok' : 'error'}>
        <Paragraph>{noticeText(notice)}</Paragraph>
      </Alert>
    </div>
  );

  async function verify(node: Row) {
    setBusyId(node.id);
    try {
      await markVerified({ variables: { entityType: node.entityType, id: node.id } });
      setNotice({ kind: 'verified', name: node.name });
      setSelected((current) => without(current, [rowKey(node)]));
      await query.refetch();
    } catch (e) {
      setNotice({ kind: 'failed', name: node.name, text: problemText(toProblem(e)) });
    } finally {
      setBusyId(null);
    }
  }

  async function verifySelected() {
    const rows = [...selected.values()];
    setBusyId('selection');
    try {
      await markRecordsVerified({ variables: { records: rows.map((row) => ({ entityType: row.entityType, id: row.id })) } });
      setNotice({ kind: 'verifiedMany', count: rows.length });
      setSelected(new Map());
      await query.refetch();
    } catch (e) {
      setNotice({ kind: 'failedMany', count: rows.length, text: problemText(toProblem(e)) });
    } finally {
      setBusyId(null);
    }
  }

  function toggle(rows: readonly Row[], on: boolean) {
    setSelected((current) => {
      const next = new Map(current);
      for (const row of rows) {
        if (on) next.set(rowKey(row), row);
        else next.delete(rowKey(row));
      }
      return next;
    });
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
      {(connection) => {
        const rows = connection.edges.map(({ node }) => node);
        const allOnPage = rows.length > 0 && rows.every((row) => selected.has(rowKey(row)));
        return (
          <>
            <div className="app-toolbar" role="group" aria-label={t('stale.selectionLabel')}>
              <FormField type="checkbox" className="app-choice">
                <div className="utrecht-form-field__input">
                  <Checkbox id="stale-select-page" checked={allOnPage} onChange={(event) => toggle(rows, event.currentTarget.checked)} />
                </div>
                <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
                  <FormLabel htmlFor="stale-select-page" type="checkbox" checked={allOnPage}>
                    {t('stale.selectPage')}
                  </FormLabel>
                </div>
              </FormField>
              <Button
                appearance="primary-action-button"
                busy={busyId === 'selection'}
                disabled={selected.size === 0 || busyId !== null}
                onClick={() => void verifySelected()}
              >
                {t('stale.markSelected', { count: selected.size })}
              </Button>
            </div>
            <ScrollTable
              caption={t('stale.caption', { count: connection.totalCount })}
              busy={query.loading}
              columns={[t('stale.choose'), t('stale.name'), t('stale.type'), t('stale.organisation'), t('stale.lastVerified'), t('stale.actions')]}
            >
              <TableBody>
                {rows.map((node) => {
                  const edit = editPath(node.entityType, node.id);
                  return (
                    <TableRow key={rowKey(node)}>
                      <TableCell>
                        <Checkbox
                          id={`stale-select-${node.id}`}
                          aria-label={t('stale.selectLabel', { name: node.name })}
                          checked={selected.has(rowKey(node))}
                          onChange={(event) => toggle([node], event.currentTarget.checked)}
                        />
                      </TableCell>
                      <TableHeaderCell scope="row">
                        {edit ? (
                          <AppLink to={edit} aria-label={t('stale.editLabel', { name: node.name })}>
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
                  );
                })}
              </TableBody>
            </ScrollTable>
            <ConnectionPager label={t('stale.title')} pages={pages} pageSize={PAGE_SIZE} connection={connection} busy={query.loading} />
          </>
        );
      }}
    </ListStates>
  );
}

function without(map: ReadonlyMap<string, Row>, keys: string[]): ReadonlyMap<string, Row> {
  const next = new Map(map);
  for (const key of keys) next.delete(key);
  return next;
}
