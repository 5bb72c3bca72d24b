import { Paragraph, TableBody, TableCell, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useQuery } from '@apollo/client/react';
import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { LazyPart } from '../../components/LazyPart';
import { ScrollTable } from '../../components/ScrollTable';
import { Empty, ErrorState, Loading } from '../../components/States';
import { graphql } from '../../gql';
import { currentLanguage } from '../../i18n';
import type { GeoJsonObject } from 'geojson';
import type { MapPoint } from './LocationsMap';

// Leaflet is only downloaded when there is something to put on the map.
const LocationsMap = lazy(() => import('./LocationsMap').then((m) => ({ default: m.LocationsMap })));

/** The most locations one map shows (the API's largest page). */
const MAX_LOCATIONS = 100;

export const AreaLocationsDocument = graphql(`
  query AreaLocations($area: String!, $first: Int!) {
    areaBoundary: area(slug: $area) {
      id
      boundary
    }
    locations(area: $area, first: $first) {
      totalCount
      edges {
        node {
          id
          name
          kind
          status
          address
          postcode
          city
          latitude
          longitude
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
 * The locations in the area that have coordinates, on a map and — the same places, as the
 * map's text alternative — in a table. Locations without coordinates are counted.
 */
export function LocationsSection({ area, areaName }: { area: string; areaName: string }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const { data, loading, error, refetch } = useQuery(AreaLocationsDocument, { variables: { area, first: MAX_LOCATIONS } });
  const connection = data?.locations;

  if (loading && !connection) return <Loading label={t('map.loading')} />;
  if (error && !connection) return <ErrorState error={error} onRetry={() => void refetch()} what={t('map.title')} />;
  // The area's boundary (the CBS/PDOK wijk- en buurtkaart, docs/adopting.md) is drawn even before any location is known.
  const boundary = (data?.areaBoundary?.boundary ?? null) as GeoJsonObject | null;
  if (!connection || connection.totalCount === 0) {
    return (
      <>
        <Empty>{t('map.empty', { area: areaName })}</Empty>
        {boundary && (
          <LazyPart what={t('map.title')} loading={t('map.loadingMap')}>
            <LocationsMap points={[]} boundary={boundary} label={t('map.boundaryLabel', { area: areaName })} />
          </LazyPart>
        )}
      </>
    );
  }

  const nodes = connection.edges.map((e) => e.node);
  const placed = nodes.filter((n) => n.latitude !== null && n.longitude !== null);
  const unplaced = nodes.length - placed.length;
  const number = new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 5 });
  const address = (n: (typeof nodes)[number]) => [n.address, [n.postcode, n.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');

  const points: MapPoint[] = placed.map((n) => ({
    id: n.id,
    name: n.name,
    latitude: n.latitude as number,
    longitude: n.longitude as number,
    details: [n.kind, address(n), n.organisation?.name].filter((line): line is string => Boolean(line)),
  }));

  return (
    <>
      {connection.totalCount > nodes.length && <Paragraph className="app-small app-muted">{t('map.firstOnly', { count: nodes.length, total: connection.totalCount })}</Paragraph>}
      {placed.length === 0 ? (
        <Empty>{t('map.noCoordinates', { count: nodes.length, area: areaName })}</Empty>
      ) : (
        <>
          <LazyPart what={t('map.title')} loading={t('map.loadingMap')}>
            <LocationsMap points={points} boundary={boundary} label={t('map.label', { area: areaName })} />
          </LazyPart>
          <ScrollTable
            caption={t('map.caption', { count: placed.length, area: areaName })}
            columns={[t('map.name'), t('map.kind'), t('map.address'), t('map.organisation'), t('map.coordinates')]}
          >
            <TableBody>
              {placed.map((n) => (
                <TableRow key={n.id}>
                  <TableHeaderCell scope="row">{n.name}</TableHeaderCell>
                  <TableCell>{n.kind ?? t('common.notRecorded')}</TableCell>
                  <TableCell>{address(n) || t('common.notRecorded')}</TableCell>
                  <TableCell>{n.organisation?.name ?? t('common.notRecorded')}</TableCell>
                  <TableCell className="app-numeric">
                    {number.format(n.latitude as number)}, {number.format(n.longitude as number)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </ScrollTable>
        </>
      )}
      {unplaced > 0 && placed.length > 0 && <Paragraph className="app-small app-muted">{t('map.unplaced', { count: unplaced })}</Paragraph>}
    </>
  );
}
