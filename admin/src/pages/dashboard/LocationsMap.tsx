import { Alert, Button, Paragraph } from '@utrecht/component-library-react';
import 'leaflet/dist/leaflet.css';
import type { CircleMarker as CircleMarkerLayer, LatLngBoundsExpression, Map as LeafletMap } from 'leaflet';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GeoJsonObject } from 'geojson';
import { CircleMarker, GeoJSON, MapContainer, Popup, TileLayer, Tooltip, ZoomControl } from 'react-leaflet';
import '../../insights.css';

/** An area's boundary filled with the colour of its class of the chosen key figure (see figureClasses). */
export interface MapRegion {
  id: string;
  /** "Randenbroek: 21,5%": the tooltip, so the value is never told by colour alone. */
  label: string;
  boundary: GeoJsonObject;
  fill: string;
  /** The area the dashboard is about (drawn with a heavier outline). */
  current: boolean;
}

export interface MapPoint {
  id: string;
  name: string;
  latitude: number;
  longitude: number;
  details: string[];
}

/**
 * The background map: OpenStreetMap's tiles by default; a deployment can point to its own
 * tile server (e.g. PDOK's BRT-Achtergrondkaart) at build time.
 */
const TILE_URL: string = import.meta.env.VITE_MAP_TILE_URL || 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const TILE_ATTRIBUTION: string =
  import.meta.env.VITE_MAP_TILE_ATTRIBUTION || '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>-bijdragers';
/** Without a single tile after this long, the background counts as unreachable. */
const TILE_TIMEOUT_MS = 10_000;
/** Up to this many locations carry their name on the map; more would cover each other. */
const MAX_PERMANENT_LABELS = 12;

type TileState = 'loading' | 'ok' | 'failed';

/**
 * Leaflet's vector markers are not reachable by keyboard: the marker's SVG path becomes a
 * button in the tab order, named after the location, that opens its popup with Enter or Space.
 */
function makeKeyboardOperable(marker: CircleMarkerLayer, name: string): void {
  const element = marker.getElement();
  if (!element || element.getAttribute('tabindex') === '0') return;
  element.setAttribute('tabindex', '0');
  element.setAttribute('role', 'button');
  element.setAttribute('aria-label', name);
  element.addEventListener('keydown', (event) => {
    const key = (event as KeyboardEvent).key;
    if (key !== 'Enter' && key !== ' ') return;
    event.preventDefault();
    marker.openPopup();
  });
}

/**
 * The locations as markers on a Leaflet map, within the area's boundary when it has one. The tiles come from a server elsewhere; when
 * they do not load (no internet, a blocked or slow tile server) the map says so and shows
 * the markers, with their names, on a plain background — the list beside the map has them
 * all anyway. Markers are SVG circles (no marker images to download).
 */
/** The [latitude, longitude] corners of a GeoJSON geometry's positions (WGS 84), or none. */
function cornersOf(geometry: GeoJsonObject | null | undefined): Array<[number, number]> {
  const positions: number[][] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node) && typeof node[0] === 'number') positions.push(node as number[]);
    else if (Array.isArray(node)) node.forEach(walk);
  };
  walk((geometry as { coordinates?: unknown } | null)?.coordinates);
  if (positions.length === 0) return [];
  const lats = positions.map((p) => p[1]);
  const lons = positions.map((p) => p[0]);
  return [
    [Math.min(...lats), Math.min(...lons)],
    [Math.max(...lats), Math.max(...lons)],
  ];
}

export function LocationsMap({
  points,
  boundary,
  regions = [],
  label,
}: {
  points: readonly MapPoint[];
  boundary?: GeoJsonObject | null;
  regions?: readonly MapRegion[];
  label: string;
}) {
  const { t } = useTranslation();
  const [tiles, setTiles] = useState<TileState>('loading');
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (tiles !== 'loading') return;
    const timer = window.setTimeout(() => setTiles((state) => (state === 'loading' ? 'failed' : state)), TILE_TIMEOUT_MS);
    return () => window.clearTimeout(timer);
  }, [tiles, attempt]);

  // Leaflet's container is focusable (arrow keys pan, + and − zoom): give it a role and a name.
  const mapRef = useCallback(
    (map: LeafletMap | null) => {
      if (!map) return;
      const container = map.getContainer();
      container.setAttribute('role', 'region');
      container.setAttribute('aria-label', label);
    },
    [label],
  );

  const bounds: LatLngBoundsExpression = [
    ...points.map((p) => [p.latitude, p.longitude] as [number, number]),
    ...cornersOf(boundary),
    ...regions.flatMap((region) => cornersOf(region.boundary)),
  ];
  const permanent = points.length <= MAX_PERMANENT_LABELS;

  return (
    <div className="app-map-wrapper">
      <div aria-live="polite">
        {tiles === 'failed' && (
          <Alert type="warning">
            <Paragraph>
              <strong>{t('map.tilesFailed')}</strong> {t('map.tilesFailedText')}
            </Paragraph>
            <Button
              appearance="secondary-action-button"
              onClick={() => {
                setTiles('loading');
                setAttempt((n) => n + 1);
              }}
            >
              {t('map.retryTiles')}
            </Button>
          </Alert>
        )}
      </div>
      <MapContainer
        ref={mapRef}
        bounds={bounds}
        boundsOptions={{ padding: [40, 40], maxZoom: 16 }}
        zoomControl={false}
        scrollWheelZoom={false}
        className={`app-map${tiles === 'failed' ? ' app-map--plain' : ''}`}
      >
        <ZoomControl position="topleft" zoomInTitle={t('map.zoomIn')} zoomOutTitle={t('map.zoomOut')} />
        {tiles !== 'failed' && (
          <TileLayer
            key={attempt}
            url={TILE_URL}
            attribution={TILE_ATTRIBUTION}
            maxZoom={19}
            eventHandlers={{
              tileload: () => setTiles('ok'),
              tileerror: () => setTiles((state) => (state === 'ok' ? state : 'failed')),
            }}
          />
        )}
        {regions.map((region) => (
          // Keyed by fill too: react-leaflet sets a GeoJSON layer's style only when it is made.
          <GeoJSON
            key={`${region.id}-${region.fill}`}
            data={region.boundary}
            style={{ color: '#143252', weight: region.current ? 3 : 1, fillColor: region.fill, fillOpacity: 0.7 }}
          >
            <Tooltip sticky>{region.label}</Tooltip>
          </GeoJSON>
        ))}
        {boundary && regions.length === 0 && <GeoJSON data={boundary} interactive={false} style={{ color: '#143252', weight: 2, dashArray: '6 4', fillColor: '#143252', fillOpacity: 0.06 }} />}
        {points.map((point) => (
          <CircleMarker
            key={point.id}
            center={[point.latitude, point.longitude]}
            radius={9}
            pathOptions={{ color: '#143252', weight: 3, fillColor: '#ffffff', fillOpacity: 1 }}
            eventHandlers={{ add: (event) => makeKeyboardOperable(event.target as CircleMarkerLayer, point.name) }}
          >
            <Tooltip permanent={permanent} direction="right" offset={[10, 0]}>
              {point.name}
            </Tooltip>
            <Popup>
              <strong>{point.name}</strong>
              {point.details.map((line) => (
                <span key={line} className="app-map-popup__line">
                  {line}
                </span>
              ))}
            </Popup>
          </CircleMarker>
        ))}
      </MapContainer>
      <Paragraph className="app-small app-muted">{t('map.keyboardHint')}</Paragraph>
    </div>
  );
}
