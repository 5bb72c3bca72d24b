import { TableBody, TableCell, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { permissions } from '../../auth/permissions';
import { useViewer } from '../../auth/viewer';
import { AppLink } from '../../components/AppLink';
import { ConnectionPager, useCursorPages } from '../../components/Pager';
import { ScrollTable } from '../../components/ScrollTable';
import { ListStates } from '../../components/States';
import { graphql } from '../../gql';
import { currentLanguage } from '../../i18n';

// Each list keeps its own page; the dashboard remounts the lists (key) when the area changes.
const PAGE_SIZE = 20;

export const AreaOrganisationsDocument = graphql(`
  query AreaOrganisations($area: String!, $first: Int!, $after: String) {
    organisations(area: $area, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          abbreviation
          sector
          status
        }
      }
    }
  }
`);

export const AreaServicesDocument = graphql(`
  query AreaServices($area: String!, $first: Int!, $after: String) {
    services(area: $area, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          status
          organisation {
            id
            name
          }
          targetGroups {
            id
            code
            nameNl
            nameEn
          }
        }
      }
    }
  }
`);

/** Organisations serving the area: active there, above it (city-wide) or below it. */
export function AreaOrganisations({ area, areaName }: { area: string; areaName: string }) {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const pages = useCursorPages();
  const query = useQuery(AreaOrganisationsDocument, {
    variables: { area, first: PAGE_SIZE, after: pages.after },
  });
  return (
    <ListStates
      list={(query.data ?? query.previousData)?.organisations}
      query={query}
      loadingLabel={t('dashboard.organisations.loading')}
      what={t('dashboard.organisations.title')}
      empty={t('dashboard.organisations.empty')}
    >
      {(connection) => (
        <>
          <ScrollTable
            caption={t('dashboard.organisations.caption', { area: areaName, count: connection.totalCount })}
            busy={query.loading}
            columns={[t('organisation.name'), t('organisation.sector'), t('organisation.status')]}
          >
            <TableBody>
              {connection.edges.map(({ node }) => (
                <TableRow key={node.id}>
                  <TableHeaderCell scope="row">
                    {permissions.editOrganisation(viewer, node.id) ? <AppLink to={`/organisaties/${node.id}`}>{node.name}</AppLink> : node.name}
                    {node.abbreviation && <span className="app-muted"> ({node.abbreviation})</span>}
                  </TableHeaderCell>
                  <TableCell>{t(`sector.${node.sector}`)}</TableCell>
                  <TableCell>{t(`organisationStatus.${node.status}`)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </ScrollTable>
          <ConnectionPager label={t('dashboard.organisations.title')} pages={pages} pageSize={PAGE_SIZE} connection={connection} busy={query.loading} />
        </>
      )}
    </ListStates>
  );
}

/** Services serving the area, with their provider and target groups. */
export function AreaServices({ area, areaName }: { area: string; areaName: string }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const pages = useCursorPages();
  const query = useQuery(AreaServicesDocument, {
    variables: { area, first: PAGE_SIZE, after: pages.after },
  });
  return (
    <ListStates
      list={(query.data ?? query.previousData)?.services}
      query={query}
      loadingLabel={t('dashboard.services.loading')}
      what={t('dashboard.services.title')}
      empty={t('dashboard.services.empty')}
    >
      {(connection) => (
        <>
          <ScrollTable
            caption={t('dashboard.services.caption', { area: areaName, count: connection.totalCount })}
            busy={query.loading}
            columns={[t('dashboard.services.name'), t('dashboard.services.provider'), t('dashboard.services.targetGroups'), t('dashboard.services.status')]}
          >
            <TableBody>
              {connection.edges.map(({ node }) => (
                <TableRow key={node.id}>
                  <TableHeaderCell scope="row">{node.name}</TableHeaderCell>
                  <TableCell>{node.organisation?.name ?? t('dashboard.services.noProvider')}</TableCell>
                  <TableCell>
                    {node.targetGroups.length > 0
                      ? node.targetGroups.map((g) => (language === 'en' && g.nameEn ? g.nameEn : g.nameNl)).join(', ')
                      : t('dashboard.services.noTargetGroups')}
                  </TableCell>
                  <TableCell>{t(`serviceStatus.${node.status}`)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </ScrollTable>
          <ConnectionPager label={t('dashboard.services.title')} pages={pages} pageSize={PAGE_SIZE} connection={connection} busy={query.loading} />
        </>
      )}
    </ListStates>
  );
}
