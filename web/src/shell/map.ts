/**
 * The map helper: every page that draws a map (the compound map and its editor, friendly places
 * nearby, 15-minute coverage, 随手拍, the acceptance rules' 试一试) sets Leaflet up here, with the
 * project's conventions: the base map from this server alone (`/tiles/{z}/{x}/{y}.svg`, drawn from
 * OpenStreetMap at import, with its attribution; no outside request at all), zoom buttons,
 * 'Leaflet' and the data's attribution, a metric scale bar where asked. It also holds the one wait for a laid-out map box (Leaflet measures its box when
 * it starts: a box that is not in the page yet, or has no height, gives a broken map).
 *
 * This module imports Leaflet, so pages never import it themselves: they reach it through the map
 * module they load beside their own chunk (maps/draw.ts or places/draw.ts re-export `whenSized` and
 * `mountMap`). Leaflet thus stays out of the main chunk, and a page shows its frame before Leaflet
 * has arrived.
 */

import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './map.css';
import { t } from './i18n';

export type LeafletMap = L.Map;

export interface BaseMapOptions {
  center: [number, number];
  zoom: number;
  minZoom: number;
  maxZoom: number;
  /** The data's attribution as text (never HTML), after 'Leaflet'; none when empty. */
  attribution?: string | null;
  /** A metric scale bar at the top right (maps with no buildings to judge a distance by). */
  scale?: boolean;
  /** Classes for the container besides `ymap` (the base look of map.css). */
  classes?: string[];
}

/** The base map's tiles (SVG, served by this server) and the last zoom they are drawn at. */
export const BASE_MAP_TILES = '/tiles/{z}/{x}/{y}.svg';
export const BASE_MAP_MAX_ZOOM = 18;

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A Leaflet map in `container`, centred on `center`; nothing is fetched from anywhere. */
export function baseMap(container: HTMLElement, options: BaseMapOptions): L.Map {
  const map = L.map(container, {
    minZoom: options.minZoom,
    maxZoom: options.maxZoom,
    zoomSnap: 0.25,
    zoomDelta: 0.5,
    wheelPxPerZoomLevel: 120,
    attributionControl: true,
    // Our own zoom control, titled in the reader's language (Leaflet's says "Zoom in").
    zoomControl: false,
    // Leaflet's own markers would load images; every marker here is a divIcon.
    bounceAtZoomLimits: false,
  });
  L.control.zoom({ zoomInTitle: t('map.zoomIn'), zoomOutTitle: t('map.zoomOut') }).addTo(map);
  container.classList.add('ymap', ...(options.classes ?? []));
  map.attributionControl.setPrefix('Leaflet');
  // The base map: zooms 12-18 are drawn; closer in, Leaflet scales the zoom-18 tiles.
  L.tileLayer(BASE_MAP_TILES, {
    maxNativeZoom: BASE_MAP_MAX_ZOOM,
    maxZoom: options.maxZoom,
    attribution: `<span data-testid="map-base-attribution">${escapeHtml(t('map.baseAttribution'))}</span>`,
  }).addTo(map);
  // Attributions are HTML: the text is escaped; the test id lets the browser tests find it.
  if (options.attribution) map.attributionControl.addAttribution(`<span data-testid="map-attribution">${escapeHtml(options.attribution)}</span>`);
  if (options.scale) L.control.scale({ imperial: false, position: 'topright' }).addTo(map);
  map.setView(options.center, options.zoom);
  return map;
}

/**
 * Runs `fn` once `element` is in the page and has a height: at once when it already has, else on
 * a later animation frame; never after `signal` has aborted (the page was left).
 */
export function whenSized(element: HTMLElement, signal: AbortSignal, fn: () => void): void {
  const check = (): void => {
    if (signal.aborted) return;
    if (element.isConnected && element.clientHeight > 0) fn();
    else requestAnimationFrame(check);
  };
  check();
}

/**
 * A map in `box` once the box has a size: empties the box (its loading text), makes the map with
 * `create`, removes the map when the page is left and marks the box `data-ready`. Never settles
 * when the page is left first.
 */
export function mountMap<M extends L.Map>(box: HTMLElement, signal: AbortSignal, create: (box: HTMLElement) => M): Promise<M> {
  return new Promise((resolve) => {
    whenSized(box, signal, () => {
      box.replaceChildren();
      const map = create(box);
      signal.addEventListener('abort', () => map.remove());
      box.setAttribute('data-ready', 'true');
      resolve(map);
    });
  });
}
