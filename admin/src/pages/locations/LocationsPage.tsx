import { Heading1, Paragraph, TableBody, TableCell, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ownOrganisation, permissions } from '../../auth/permissions';
import { useViewer } from '../../auth/viewer';
import { AppLink } from '../../components/AppLink';
import { ConnectionPager, useCursorPages } from '../../components/Pager';
import { usePageTitle } from '../../components/PageTitle';
import { RecordSearchForm, useRecordSearch, type RecordSearch } from '../../components/RecordSearch';
import { ScrollTable } from '../../components/ScrollTable';
import { ListStates } from '../../components/States';
import { LocationListDocument } from './documents';

const PAGE_SIZE = 25;

/**
 * /locaties: find a location to curate. Admins search the whole map; an organisation's users see
 * the locations it operates, and with `?alle=1` every location, to propose a change to one it does
 * not operate (the location's page then offers "Wijziging voorstellen").
 */
export function LocationsPage() {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const [params, setParams] = useSearchParams();
  const everyLocation = permissions.proposeChanges(viewer) && params.get('alle') === '1';
  const own = everyLocation ? null : ownOrganisation(viewer);
  const [search, setSearch] = useRecordSearch({ keep: ['alle'] });
  usePageTitle(t('locations.title'));
  return (
    <>
      <Heading1>{t('locations.title')}</Heading1>
      <Paragraph>{own ? t('locations.introOwn', { organisation: own.name }) : everyLocation ? t('locations.introAll') : t('locations.intro')}</Paragraph>
      {permissions.proposeChanges(viewer) && (
        <Paragraph>
          <AppLink to={everyLocation ? '/locaties' : '/locaties?alle=1'} onClick={() => setParams(everyLocation ? {} : { alle: '1' })}>
            {everyLocation ? t('locations.showOwn') : t('locations.showAll')}
          </AppLink>
        </Paragraph>
      )}
      {permissions.curateRecords(viewer) && (
        <Paragraph>
          <AppLink to="/locaties/nieuw">{t('locations.new')}</AppLink>
        </Paragraph>
      )}
      <RecordSearchForm
        key={`${search.search}|${search.includeArchived}`}
        idPrefix="locations"
        label={t('locations.searchLabel')}
        searchLabel={t('locations.search')}
        searchHint={t('locations.searchHint')}
        archivedLabel={t('records.includeArchived')}
        buttonLabel={t('records.searchButton')}
        value={search}
        onApply={setSearch}
      />
      <LocationsTable key={`${search.search}|${search.includeArchived}|${everyLocation}`} search={search} organisationId={own?.id ?? null} />
    </>
  );
}

function LocationsTable({ search, organisationId }: { search: RecordSearch; organisationId: string | null }) {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const pages = useCursorPages();
  const query = useQuery(LocationListDocument, {
    variables: { search: search.search, organisation: organisationId, includeArchived: search.includeArchived, first: PAGE_SIZE, after: pages.after },
    fetchPolicy: 'cache-and-network',
  });
  return (
    <ListStates
      list={(query.data ?? query.previousData)?.locations}
      query={query}
      loadingLabel={t('locations.loading')}
      what={t('locations.title')}
      empty={search.search ? t('records.noMatches') : t('locations.empty')}
    >
      {(connection) => (
        <>
          <ScrollTable
            caption={t('locations.caption', { count: connection.totalCount })}
            busy={query.loading}
            columns={[t('locations.name'), t('locations.kind'), t('locations.address'), t('locations.organisation')]}
          >
            <TableBody>
              {connection.edges.map(({ node }) => (
                <TableRow key={node.id}>
                  <TableHeaderCell scope="row">
                    {permissions.editOwnedRecord(viewer, node.organisation?.id) || permissions.proposeChanges(viewer) ? <AppLink to={`/locaties/${node.id}`}>{node.name}</AppLink> : node.name}
                    {node.archivedAt && <span className="app-muted"> ({t('records.archived')})</span>}
                  </TableHeaderCell>
                  <TableCell>{node.kind ?? t('common.notRecorded')}</TableCell>
                  <TableCell>{node.address ?? t('common.notRecorded')}</TableCell>
                  <TableCell>{node.organisation?.name ?? t('common.notRecorded')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </ScrollTable>
          <ConnectionPager label={t('locations.title')} pages={pages} pageSize={PAGE_SIZE} connection={connection} busy={query.loading} />
        </>
      )}
    </ListStates>
  );
}
