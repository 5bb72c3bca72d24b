import { Heading1, Paragraph, TableBody, TableCell, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ownOrganisation, permissions } from '../../auth/permissions';
import { Forbidden } from '../../auth/RequireUser';
import { useViewer } from '../../auth/viewer';
import { AppLink } from '../../components/AppLink';
import { ConnectionPager, useCursorPages } from '../../components/Pager';
import { usePageTitle } from '../../components/PageTitle';
import { RecordEditLayout, RecordPageState, type RecordNotice } from '../../components/RecordForm';
import { RecordSearchForm, useRecordSearch, type RecordSearch } from '../../components/RecordSearch';
import { ScrollTable } from '../../components/ScrollTable';
import { ListStates } from '../../components/States';
import { currentLanguage } from '../../i18n';
import { ArchiveKeyPersonDocument, EditKeyPersonDocument, KeyPersonListDocument, RestoreKeyPersonDocument } from './documents';
import { ErasePanel } from './ErasePanel';
import { KeyPersonForm } from './KeyPersonForm';

const PAGE_SIZE = 25;

/** /sleutelpersonen: admins every key person, an organisation's users their own organisation's. */
export function KeyPersonsPage() {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const own = ownOrganisation(viewer);
  const [search, setSearch] = useRecordSearch();
  usePageTitle(t('keyPersons.title'));
  return (
    <>
      <Heading1>{t('keyPersons.title')}</Heading1>
      <Paragraph>{own ? t('keyPersons.introOwn', { organisation: own.name }) : t('keyPersons.intro')}</Paragraph>
      <Paragraph>
        <AppLink to="/sleutelpersonen/nieuw">{t('keyPersons.new')}</AppLink>
      </Paragraph>
      {permissions.proposeChanges(viewer) && (
        <Paragraph>
          <AppLink to="/sleutelpersonen/nieuw?voorstel=1">{t('keyPersons.proposeNew')}</AppLink>
        </Paragraph>
      )}
      <RecordSearchForm
        key={`${search.search}|${search.includeArchived}`}
        idPrefix="key-persons"
        label={t('keyPersons.searchLabel')}
        searchLabel={t('keyPersons.search')}
        archivedLabel={t('records.includeArchived')}
        buttonLabel={t('records.searchButton')}
        value={search}
        onApply={setSearch}
      />
      <KeyPersonsTable key={`${search.search}|${search.includeArchived}`} search={search} organisationId={own?.id ?? null} />
    </>
  );
}

function KeyPersonsTable({ search, organisationId }: { search: RecordSearch; organisationId: string | null }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const { viewer } = useViewer();
  const pages = useCursorPages();
  const query = useQuery(KeyPersonListDocument, {
    variables: { search: search.search, organisation: organisationId, includeArchived: search.includeArchived, first: PAGE_SIZE, after: pages.after },
    fetchPolicy: 'cache-and-network',
  });
  return (
    <ListStates list={(query.data ?? query.previousData)?.keyPersons} query={query} loadingLabel={t('keyPersons.loading')} what={t('keyPersons.title')} empty={search.search ? t('records.noMatches') : t('keyPersons.empty')}>
      {(connection) => (
        <>
          <ScrollTable caption={t('keyPersons.caption', { count: connection.totalCount })} busy={query.loading} columns={[t('keyPersons.name'), t('keyPersons.role'), t('keyPersons.organisation')]}>
            <TableBody>
              {connection.edges.map(({ node }) => (
                <TableRow key={node.id}>
                  <TableHeaderCell scope="row">
                    {permissions.editOwnedRecord(viewer, node.organisation?.id) ? <AppLink to={`/sleutelpersonen/${node.id}`}>{node.name}</AppLink> : node.name}
                    {node.archivedAt && <span className="app-muted"> ({t('records.archived')})</span>}
                  </TableHeaderCell>
                  <TableCell>{node.role ? (language === 'en' ? (node.role.nameEn ?? node.role.nameNl) : node.role.nameNl) : (node.roleDescription ?? t('common.notRecorded'))}</TableCell>
                  <TableCell>{node.organisation?.name ?? t('common.notRecorded')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </ScrollTable>
          <ConnectionPager label={t('keyPersons.title')} pages={pages} pageSize={PAGE_SIZE} connection={connection} busy={query.loading} />
        </>
      )}
    </ListStates>
  );
}

export function NewKeyPersonPage() {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // ?voorstel=1: an organisation's user proposes a person of another organisation (the police's wijkagent) to the curators.
  const proposing = permissions.proposeChanges(viewer) && params.get('voorstel') === '1';
  usePageTitle(proposing ? t('keyPersons.proposeNewTitle') : t('keyPersons.new'));
  if (!permissions.curateRecords(viewer)) return <Forbidden />;
  if (proposing) {
    return (
      <>
        <Paragraph>
          <AppLink to="/sleutelpersonen">{t('keyPersons.backToList')}</AppLink>
        </Paragraph>
        <Heading1>{t('keyPersons.proposeNewTitle')}</Heading1>
        <Paragraph>{t('keyPersons.proposeNewIntro')}</Paragraph>
        <KeyPersonForm
          keyPerson={null}
          notice={null}
          onNotice={() => undefined}
          onReload={async () => undefined}
          onProposed={(proposalId) => navigate(`/voorstellen/${proposalId}`, { state: { notice: 'proposed' } })}
        />
      </>
    );
  }
  return (
    <>
      <Paragraph>
        <AppLink to="/sleutelpersonen">{t('keyPersons.backToList')}</AppLink>
      </Paragraph>
      <Heading1>{t('keyPersons.new')}</Heading1>
      <KeyPersonForm keyPerson={null} notice={null} onNotice={() => undefined} onReload={async () => undefined} onCreated={(id) => navigate(`/sleutelpersonen/${id}`, { state: { notice: 'created' } })} />
    </>
  );
}

export function KeyPersonEditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const location = useLocation();
  const { data, loading, error, refetch } = useQuery(EditKeyPersonDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const [notice, setNotice] = useState<RecordNotice>((location.state as { notice?: RecordNotice } | null)?.notice ?? null);
  const [archive] = useMutation(ArchiveKeyPersonDocument);
  const [restore] = useMutation(RestoreKeyPersonDocument);
  const record = data?.keyPerson;
  const allowed = permissions.editOwnedRecord(viewer, record?.organisation?.id);
  // An organisation's user on a key person of another organisation: propose a change instead.
  const proposing = Boolean(record) && !record?.erasedAt && !allowed && permissions.proposeChanges(viewer);
  const navigate = useNavigate();
  usePageTitle(record ? (allowed ? t('recordForm.editTitle', { name: record.name }) : proposing ? t('proposal.proposeChangeTitle', { name: record.name }) : t('forbidden.title')) : t('keyPersons.title'));
  async function reload() {
    await refetch();
    setNotice('reloaded');
  }
  if (proposing && record) {
    return (
      <>
        <Paragraph>
          <AppLink to="/sleutelpersonen">{t('keyPersons.backToList')}</AppLink>
        </Paragraph>
        <Heading1>{t('proposal.proposeChangeTitle', { name: record.name })}</Heading1>
        <Paragraph>{t('proposal.proposeKeyPersonChangeIntro', { organisation: record.organisation?.name ?? t('common.notRecorded') })}</Paragraph>
        <KeyPersonForm
          key={`${record.id}:${record.version}`}
          keyPerson={record}
          notice={notice}
          onNotice={setNotice}
          onReload={reload}
          onProposed={(proposalId) => navigate(`/voorstellen/${proposalId}`, { state: { notice: 'proposed' } })}
        />
      </>
    );
  }
  return (
    <RecordPageState
      loading={loading && !data}
      error={error && !data ? error : null}
      found={Boolean(record)}
      allowed={allowed}
      loadingLabel={t('keyPersons.loading')}
      what={t('keyPersons.title')}
      notFound={t('taxonomy.notFound')}
      backTo="/sleutelpersonen"
      backLabel={t('keyPersons.backToList')}
      onRetry={() => void refetch()}
    >
      {record &&
        (record.erasedAt ? (
          <>
            <Heading1>{t('keyPersons.erasedTitle')}</Heading1>
            <Paragraph>{t('fieldRule.erased')}</Paragraph>
          </>
        ) : (
          <RecordEditLayout
            record={record}
            historyType="KEY_PERSON"
            listPath="/sleutelpersonen"
            texts={{ backToList: t('keyPersons.backToList'), title: t('recordForm.editTitle', { name: record.name }), what: t('keyPersons.what') }}
            archive={() => archive({ variables: { id: record.id, version: record.version } })}
            restore={() => restore({ variables: { id: record.id, version: record.version } })}
            onNotice={setNotice}
            onReload={reload}
            form={<KeyPersonForm key={`${record.id}:${record.version}`} keyPerson={record} notice={notice} onNotice={setNotice} onReload={reload} />}
          />
        ))}
      {record && !record.erasedAt && permissions.eraseKeyPersons(viewer) && <ErasePanel id={record.id} name={record.name} onErased={() => refetch()} />}
    </RecordPageState>
  );
}
