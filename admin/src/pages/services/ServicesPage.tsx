import { Heading1, Paragraph, TableBody, TableCell, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { ownOrganisation, permissions } from '../../auth/permissions';
import { useViewer } from '../../auth/viewer';
import { AppLink } from '../../components/AppLink';
import { ConnectionPager, useCursorPages } from '../../components/Pager';
import { usePageTitle } from '../../components/PageTitle';
import { RecordSearchForm, useRecordSearch, type RecordSearch } from '../../components/RecordSearch';
import { ScrollTable } from '../../components/ScrollTable';
import { ListStates } from '../../components/States';
import { ServiceListDocument } from './documents';

const PAGE_SIZE = 25;

/**
 * /diensten: find a service to curate. Admins search the whole map; an organisation's users see
 * the services their organisation provides or takes part in: they edit the ones it provides and
 * propose changes to the others to the curators.
 */
export function ServicesPage() {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const own = ownOrganisation(viewer);
  const [search, setSearch] = useRecordSearch();
  usePageTitle(t('services.title'));
  return (
    <>
      <Heading1>{t('services.title')}</Heading1>
      <Paragraph>{own ? t('services.introOwn', { organisation: own.name }) : t('services.intro')}</Paragraph>
      {permissions.curateRecords(viewer) && (
        <Paragraph>
          <AppLink to="/diensten/nieuw">{t('services.new')}</AppLink>
        </Paragraph>
      )}
      <RecordSearchForm
        key={`${search.search}|${search.includeArchived}`}
        idPrefix="services"
        label={t('services.searchLabel')}
        searchLabel={t('services.search')}
        searchHint={t('services.searchHint')}
        archivedLabel={t('records.includeArchived')}
        buttonLabel={t('records.searchButton')}
        value={search}
        onApply={setSearch}
      />
      <ServicesTable key={`${search.search}|${search.includeArchived}`} search={search} organisationId={own?.id ?? null} />
    </>
  );
}

function ServicesTable({ search, organisationId }: { search: RecordSearch; organisationId: string | null }) {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const pages = useCursorPages();
  const query = useQuery(ServiceListDocument, {
    variables: { search: search.search, organisation: organisationId, includeArchived: search.includeArchived, first: PAGE_SIZE, after: pages.after },
    fetchPolicy: 'cache-and-network',
  });
  return (
    <ListStates
      list={(query.data ?? query.previousData)?.services}
      query={query}
      loadingLabel={t('services.loading')}
      what={t('services.title')}
      empty={search.search ? t('records.noMatches') : t('services.empty')}
    >
      {(connection) => (
        <>
          <ScrollTable
            caption={t('services.caption', { count: connection.totalCount })}
            busy={query.loading}
            columns={[t('services.name'), t('services.organisation'), t('services.status'), t('services.interventionTypes')]}
          >
            <TableBody>
              {connection.edges.map(({ node }) => (
                <TableRow key={node.id}>
                  <TableHeaderCell scope="row">
                    {permissions.editOwnedRecord(viewer, node.organisation?.id) || permissions.proposeChanges(viewer) ? <AppLink to={`/diensten/${node.id}`}>{node.name}</AppLink> : node.name}
                    {node.archivedAt && <span className="app-muted"> ({t('records.archived')})</span>}
                  </TableHeaderCell>
                  <TableCell>{node.organisation?.name ?? t('common.notRecorded')}</TableCell>
                  <TableCell>{t(`serviceStatus.${node.status}`)}</TableCell>
                  <TableCell>{node.interventionTypes.length === 0 ? t('services.unclassified') : String(node.interventionTypes.length)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </ScrollTable>
          <ConnectionPager label={t('services.title')} pages={pages} pageSize={PAGE_SIZE} connection={connection} busy={query.loading} />
        </>
      )}
    </ListStates>
  );
}
