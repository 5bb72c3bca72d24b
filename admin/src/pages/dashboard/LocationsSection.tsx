import { FormField, FormLabel, Paragraph, Select, SelectOption, TableBody, TableCell, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useQuery } from '@apollo/client/react';
import { lazy, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { permissions } from '../../auth/permissions';
import { useViewer } from '../../auth/viewer';
import { AppLink } from '../../components/AppLink';
import { LazyPart } from '../../components/LazyPart';
import { ScrollTable } from '../../components/ScrollTable';
import { Empty, ErrorState, Loading } from '../../components/States';
import { graphql } from '../../gql';
import type { IndicatorUnit } from '../../gql/graphql';
import { currentLanguage } from '../../i18n';
import { formatValue } from '../../lib/format';
import type { GeoJsonObject } from 'geojson';
import type { MapPoint, MapRegion } from './LocationsMap';
import { NO_VALUE_COLOUR, colourOf, figureClasses } from './figureMap';

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

/** The neighbourhoods of an area (or of a neighbourhood's district) with their boundaries and one key figure. */
export const AreaFigureMapDocument = graphql(`
  query AreaFigureMap($scope: String!, $indicator: String!) {
    rankAreas(municipality: $scope, by: INDICATOR, indicator: $indicator, level: NEIGHBOURHOOD) {
      items {
        value
        year
        area {
          id
          slug
          name
          boundary
        }
      }
    }
  }
`);

/** A key figure the map can be coloured by. */
export interface MapFigure {
  code: string;
  name: string;
  unit: IndicatorUnit;
}

/**
 * The locations in the area that have coordinates, on a map and — the same places, as the
 * map's text alternative — in a table. Locations without coordinates are counted.
 */
export function LocationsSection({ area, areaName, scope, figures }: { area: string; areaName: string; scope: string; figures: readonly MapFigure[] }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const selectId = useId();
  const { viewer } = useViewer();
  const [chosen, setChosen] = useState<string | null>(null);
  const figure = figures.find((f) => f.code === chosen) ?? figures[0] ?? null;
  const { data, loading, error, refetch } = useQuery(AreaLocationsDocument, { variables: { area, first: MAX_LOCATIONS } });
  const ranked = useQuery(AreaFigureMapDocument, { variables: { scope, indicator: figure?.code ?? '' }, skip: !figure });
  const connection = data?.locations;
  // While another key figure loads, the map keeps the last one's colours (no flash of a spinner).
  const rankedData = ranked.data ?? ranked.previousData;

  if ((loading && !connection) || (ranked.loading && !rankedData)) return <Loading label={t('map.loading')} />;
  if (error && !connection) return <ErrorState error={error} onRetry={() => void refetch()} what={t('map.title')} />;
  // The area's boundary (the CBS/PDOK wijk- en buurtkaart, docs/adopting.md) is drawn even before any location is known.
  const boundary = (data?.areaBoundary?.boundary ?? null) as GeoJsonObject | null;

  // The neighbourhoods, coloured by the chosen key figure; the legend and the table say the same.
  const items = rankedData?.rankAreas.items.filter((item) => item.area) ?? [];
  const withBoundary = items.filter((item) => item.area!.boundary);
  const classes = figureClasses(withBoundary.map((item) => item.value).filter((v): v is number => v !== null));
  const show = (value: number | null) => (value === null || !figure ? t('map.figures.noValue') : formatValue(value, figure.unit, language));
  const regions: MapRegion[] = withBoundary.map((item) => ({
    id: item.area!.id,
    label: `${item.area!.name}: ${show(item.value)}`,
    boundary: item.area!.boundary as unknown as GeoJsonObject,
    fill: colourOf(item.value, classes),
    current: item.area!.slug === area,
  }));
  const figureControls = figure && (
    <div className="app-section-small">
      <form className="app-toolbar" aria-label={t('map.figures.form')} onSubmit={(event) => event.preventDefault()}>
        <FormField>
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor={selectId}>{t('map.figures.choose')}</FormLabel>
          </div>
          <div className="utrecht-form-field__input">
            <Select id={selectId} value={figure.code} onChange={(event) => setChosen(event.currentTarget.value)}>
              {figures.map((f) => (
                <SelectOption key={f.code} value={f.code}>
                  {f.name}
                </SelectOption>
              ))}
            </Select>
          </div>
        </FormField>
      </form>
      {ranked.error && <ErrorState error={ranked.error} onRetry={() => void ranked.refetch()} what={t('map.figures.title')} />}
      {regions.length > 0 ? (
        <>
          <ul className="app-map-legend" aria-label={t('map.figures.legend', { figure: figure.name })}>
            {classes.map((c) => (
              <li key={c.colour}>
                <span className="app-map-legend__swatch" style={{ background: c.colour }} aria-hidden="true" />
                {c.from === c.to ? show(c.from) : t('map.figures.range', { from: show(c.from), to: show(c.to) })}
              </li>
            ))}
            {regions.some((r) => r.fill === NO_VALUE_COLOUR) && (
              <li>
                <span className="app-map-legend__swatch" style={{ background: NO_VALUE_COLOUR }} aria-hidden="true" />
                {t('map.figures.noValue')}
              </li>
            )}
          </ul>
          {items.length > withBoundary.length && <Paragraph className="app-small app-muted">{t('map.figures.noBoundary', { count: items.length - withBoundary.length })}</Paragraph>}
        </>
      ) : (
        !ranked.error && <Paragraph className="app-small app-muted">{t('map.figures.noBoundaries')}</Paragraph>
      )}
    </div>
  );
  const figureTable = regions.length > 0 && figure && (
    <ScrollTable caption={t('map.figures.caption', { figure: figure.name })} columns={[t('map.figures.area'), figure.name]}>
      <TableBody>
        {withBoundary.map((item) => (
          <TableRow key={item.area!.id}>
            <TableHeaderCell scope="row">{item.area!.name}</TableHeaderCell>
            <TableCell className="app-numeric">
              {show(item.value)}
              {item.year ? ` (${item.year})` : ''}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </ScrollTable>
  );
  const mapOf = (points: MapPoint[], label: string) =>
    (points.length > 0 || boundary || regions.length > 0) && (
      <LazyPart what={t('map.title')} loading={t('map.loadingMap')}>
        <LocationsMap points={points} boundary={boundary} regions={regions} label={label} />
      </LazyPart>
    );

  if (!connection || connection.totalCount === 0) {
    return (
      <>
        <Empty>{t('map.empty', { area: areaName })}</Empty>
        {figureControls}
        {mapOf([], t('map.boundaryLabel', { area: areaName }))}
        {figureTable}
      </>
    );
  }

  const nodes = connection.edges.map((e) => e.node);
  const placed = nodes.filter((n) => n.latitude !== null && n.longitude !== null);
  const unplacedNodes = nodes.filter((n) => n.latitude === null || n.longitude === null);
  const unplaced = unplacedNodes.length;
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
      {figureControls}
      {placed.length === 0 && <Empty>{t('map.noCoordinates', { count: nodes.length, area: areaName })}</Empty>}
      {mapOf(points, t(placed.length > 0 ? 'map.label' : 'map.boundaryLabel', { area: areaName }))}
      {figureTable}
      {placed.length > 0 && (
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
      )}
      {unplaced > 0 && (
        <details className="app-section-small">
          <summary>{placed.length > 0 ? t('map.unplaced', { count: unplaced }) : t('map.placeThem', { count: unplaced })}</summary>
          <ul>
            {unplacedNodes.map((n) => (
              <li key={n.id}>
                {/* Its form where the reader may curate it; otherwise the name alone. */}
                {permissions.editOwnedRecord(viewer, n.organisation?.id) ? <AppLink to={`/locaties/${n.id}`}>{t('map.place', { name: n.name })}</AppLink> : n.name}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
