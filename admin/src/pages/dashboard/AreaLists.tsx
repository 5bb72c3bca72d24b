import { TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { can, useViewer } from '../../auth/viewer';
import { AppLink } from '../../components/AppLink';
import { Pager, useCursorPages } from '../../components/Pager';
import { ScrollTable } from '../../components/ScrollTable';
import { Empty, ErrorState, Loading } from '../../components/States';
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
  const { data, previousData, loading, error, refetch } = useQuery(AreaOrganisationsDocument, {
    variables: { area, first: PAGE_SIZE, after: pages.after },
  });
  const connection = (data ?? previousData)?.organisations;
  if (!connection && loading) return <Loading label={t('dashboard.organisations.loading')} />;
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} what={t('dashboard.organisations.title')} />;
  if (!connection || connection.totalCount === 0) return <Empty>{t('dashboard.organisations.empty')}</Empty>;
  return (
    <>
      <ScrollTable caption={t('dashboard.organisations.caption', { area: areaName, count: connection.totalCount })} busy={loading}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('organisation.name')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('organisation.sector')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('organisation.status')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {connection.edges.map(({ node }) => (
            <TableRow key={node.id}>
              <TableHeaderCell scope="row">
                {can.editOrganisation(viewer, node.id) ? <AppLink to={`/organisaties/${node.id}`}>{node.name}</AppLink> : node.name}
                {node.abbreviation && <span className="app-muted"> ({node.abbreviation})</span>}
              </TableHeaderCell>
              <TableCell>{t(`sector.${node.sector}`)}</TableCell>
              <TableCell>{t(`organisationStatus.${node.status}`)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </ScrollTable>
      <Pager
        label={t('dashboard.organisations.title')}
        page={pages.page}
        pageSize={PAGE_SIZE}
        totalCount={connection.totalCount}
        hasNextPage={connection.pageInfo.hasNextPage}
        busy={loading}
        onPrevious={pages.previous}
        onNext={() => pages.next(connection.pageInfo.endCursor)}
      />
    </>
  );
}

/** Services serving the area, with their provider and target groups. */
export function AreaServices({ area, areaName }: { area: string; areaName: string }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const pages = useCursorPages();
  const { data, previousData, loading, error, refetch } = useQuery(AreaServicesDocument, {
    variables: { area, first: PAGE_SIZE, after: pages.after },
  });
  const connection = (data ?? previousData)?.services;
  if (!connection && loading) return <Loading label={t('dashboard.services.loading')} />;
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} what={t('dashboard.services.title')} />;
  if (!connection || connection.totalCount === 0) return <Empty>{t('dashboard.services.empty')}</Empty>;
  return (
    <>
      <ScrollTable caption={t('dashboard.services.caption', { area: areaName, count: connection.totalCount })} busy={loading}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('dashboard.services.name')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('dashboard.services.provider')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('dashboard.services.targetGroups')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('dashboard.services.status')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
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
      <Pager
        label={t('dashboard.services.title')}
        page={pages.page}
        pageSize={PAGE_SIZE}
        totalCount={connection.totalCount}
        hasNextPage={connection.pageInfo.hasNextPage}
        busy={loading}
        onPrevious={pages.previous}
        onNext={() => pages.next(connection.pageInfo.endCursor)}
      />
    </>
  );
}
