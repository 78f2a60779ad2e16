/**
 * Leaflet for the friendly-places pages: the rider's nearby map and the officer's coverage map.
 * No tile layer and no outside request: our own markers, route lines and coverage cells on a light
 * background, with the OpenStreetMap attribution for the road data. Loaded with import() beside
 * the page, so Leaflet is fetched only where a map is drawn; brings the pages the map helper's
 * `mountMap` (shell/map.ts).
 */

import * as L from 'leaflet';
import { baseMap } from '../shell/map';
import '../maps/maps.css';
import './places.css';
import { kindLook, type Coverage, type CoverageOutside, type NearbyPlace } from './model';

export type PlacesMap = L.Map;
export type Layer = { remove(): void };
export type Bounds = L.LatLngBounds;
export { mountMap } from '../shell/map';

function el(tag: string, props: Record<string, string> | null, ...children: Array<Node | string | null>): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) element.setAttribute(name, value);
  for (const child of children) if (child != null) element.append(child);
  return element;
}

/** A map of an area in `container` (shell/map.ts sets Leaflet up): zoom buttons, the attribution and a scale bar. */
export function createMap(container: HTMLElement, options: { center: [number, number]; zoom?: number; attribution: string }): L.Map {
  return baseMap(container, { minZoom: 11, maxZoom: 19, center: options.center, zoom: options.zoom ?? 15, attribution: options.attribution, scale: true, classes: ['pmap'] });
}

export function onMapClick(map: L.Map, fn: (lat: number, lon: number) => void): void {
  map.on('click', (event: L.LeafletMouseEvent) => fn(event.latlng.lat, event.latlng.lng));
}

function pin(at: L.LatLngExpression, body: HTMLElement, options: Partial<L.MarkerOptions> = {}): L.Marker {
  return L.marker(at, { icon: L.divIcon({ html: body, className: 'mp-wrap', iconSize: [0, 0], iconAnchor: [0, 0] }), keyboard: false, interactive: false, ...options });
}

/** The nearby places: a badge with the kind's glyph and the rank; closed ones faded; tap to pick. */
export function drawPlaces(map: L.Map, places: readonly NearbyPlace[], selectedId: number | null, onPick: (place: NearbyPlace) => void): { group: L.FeatureGroup; bounds: L.LatLngBounds | null } {
  const group = L.featureGroup();
  const points: L.LatLngTuple[] = [];
  places.forEach((place, index) => {
    const look = kindLook(place.kind);
    const selected = place.id === selectedId;
    const body = el(
      'div',
      {
        class: `pp${place.open_now === false ? ' is-closed' : ''}${selected ? ' is-selected' : ''}`,
        style: `--pp-color:${look.color}`,
        'data-testid': 'place-marker',
        'data-place-id': String(place.id),
      },
      el('span', { class: 'pp-badge' }, look.glyph),
      el('span', { class: 'pp-rank' }, String(index + 1)),
    );
    const marker = pin([place.lat, place.lon], body, { interactive: true, keyboard: true, title: place.name, zIndexOffset: selected ? 800 : 500 - index });
    marker.on('click', (event: L.LeafletMouseEvent) => {
      L.DomEvent.stopPropagation(event);
      onPick(place);
    });
    group.addLayer(marker);
    points.push([place.lat, place.lon]);
  });
  group.addTo(map);
  return { group, bounds: points.length ? L.latLngBounds(points) : null };
}

/** Where the search starts (GPS, a picked point or the link's point). */
export function youAreHere(map: L.Map, lat: number, lon: number): L.Marker {
  return pin([lat, lon], el('div', { class: 'mr-you', 'data-testid': 'you-marker' }), { zIndexOffset: 900 }).addTo(map);
}

/** The road route: white casing under a solid line; returns its bounds. */
export function drawRoute(map: L.Map, coordinates: ReadonlyArray<readonly [number, number]>, profile: string, from?: [number, number]): { group: L.FeatureGroup; bounds: L.LatLngBounds | null } {
  const group = L.featureGroup();
  const points = coordinates.map(([lon, lat]) => [lat, lon] as L.LatLngTuple);
  if (from && points.length) {
    // The route starts on the nearest road: a dotted line from where the rider is.
    group.addLayer(L.polyline([from, points[0]!], { color: '#868e96', weight: 3, opacity: 0.9, lineCap: 'round', interactive: false, className: 'pr-connector' }));
  }
  if (points.length >= 2) {
    group.addLayer(L.polyline(points, { color: '#ffffff', weight: 10, opacity: 0.95, lineCap: 'round', lineJoin: 'round', interactive: false, className: 'pr-casing' }));
    group.addLayer(
      L.polyline(points, { color: profile === 'walk' ? '#1971c2' : '#e8590c', weight: 6, opacity: 0.95, lineCap: 'round', lineJoin: 'round', dashArray: profile === 'walk' ? '2 10' : undefined, interactive: false, className: 'pr-line' }),
    );
  }
  group.addTo(map);
  return { group, bounds: points.length ? L.latLngBounds(points) : null };
}

/** Fits the map to `bounds` and `extra` points, with room for the controls. */
export function fit(map: L.Map, bounds: L.LatLngBounds | null, extra: Array<[number, number]> = [], maxZoom = 17): void {
  let box = bounds ? L.latLngBounds(bounds.getSouthWest(), bounds.getNorthEast()) : null;
  for (const point of extra) box = box ? box.extend(point) : L.latLngBounds([point, point]);
  if (!box || !box.isValid()) return;
  map.invalidateSize();
  map.fitBounds(box, { paddingTopLeft: [56, 36], paddingBottomRight: [36, 36], maxZoom, animate: false });
}

// ---------------------------------------------------------------------------------------------
// Coverage

export const COVERAGE_COLORS = { covered: '#2f9e44', gap: '#e03131', outside: '#f08c00', candidate: '#7048e8', pick: '#7048e8' } as const;

/** The ~300 m cells: covered green, gaps red. */
export function drawCells(map: L.Map, cells: Coverage['cells']): { group: L.GeoJSON; bounds: L.LatLngBounds | null } {
  const layer = L.geoJSON(cells as unknown as GeoJSON.FeatureCollection, {
    interactive: false,
    style: (feature) => {
      const covered = !!feature?.properties?.covered;
      return {
        color: covered ? COVERAGE_COLORS.covered : COVERAGE_COLORS.gap,
        weight: 0.6,
        opacity: 0.6,
        fillColor: covered ? COVERAGE_COLORS.covered : COVERAGE_COLORS.gap,
        fillOpacity: covered ? 0.28 : 0.42,
        className: covered ? 'pc-cell is-covered' : 'pc-cell is-gap',
      };
    },
  });
  layer.addTo(map);
  const bounds = layer.getBounds();
  return { group: layer, bounds: bounds.isValid() ? bounds : null };
}

export function drawStations(map: L.Map, stations: Coverage['stations']): L.FeatureGroup {
  const group = L.featureGroup();
  for (const s of stations) {
    const body = el(
      'div',
      { class: `pp pp-small${s.open ? '' : ' is-closed'}`, style: `--pp-color:${kindLook('station').color}`, 'data-testid': 'coverage-station', 'data-open': String(s.open) },
      el('span', { class: 'pp-badge' }, '驿'),
      s.grade ? el('span', { class: 'pp-rank' }, s.grade) : null,
    );
    group.addLayer(pin([s.lat, s.lon], body, { interactive: true, title: s.name, zIndexOffset: s.open ? 600 : 400 }).bindTooltip(s.name, { direction: 'top', offset: [0, -14] }));
  }
  return group.addTo(map);
}

export function drawOutside(map: L.Map, outside: readonly CoverageOutside[]): L.FeatureGroup {
  const group = L.featureGroup();
  for (const o of outside) {
    const body = el('div', { class: `po po-${o.kind === 'depot' ? 'depot' : 'compound'}`, 'data-testid': 'coverage-outside-marker' }, o.kind === 'depot' ? '配' : '');
    group.addLayer(pin([o.lat, o.lon], body, { interactive: true, title: o.name, zIndexOffset: 300 }).bindTooltip(o.name, { direction: 'top', offset: [0, -8] }));
  }
  return group.addTo(map);
}

/** The officer's own candidate points (numbered); tap one to remove it. */
export function drawCandidates(map: L.Map, points: ReadonlyArray<{ lat: number; lon: number; label: string }>, onRemove: (index: number) => void): L.FeatureGroup {
  const group = L.featureGroup();
  points.forEach((p, i) => {
    const marker = pin([p.lat, p.lon], el('div', { class: 'pk pk-candidate', 'data-testid': 'coverage-candidate' }, String(i + 1)), { interactive: true, title: p.label, zIndexOffset: 950 });
    marker.on('click', (event: L.LeafletMouseEvent) => {
      L.DomEvent.stopPropagation(event);
      onRemove(i);
    });
    group.addLayer(marker);
  });
  return group.addTo(map);
}

/** The planner's picks: "+N" where a new station would cover N more compounds and depots. */
export function drawPicks(map: L.Map, picks: ReadonlyArray<{ lat: number; lon: number; label: string; gained: number }>): { group: L.FeatureGroup; bounds: L.LatLngBounds | null } {
  const group = L.featureGroup();
  const points: L.LatLngTuple[] = [];
  picks.forEach((p, i) => {
    const body = el('div', { class: 'pk pk-pick', 'data-testid': 'coverage-pick-marker' }, el('b', null, String(i + 1)), el('span', null, `+${p.gained}`));
    group.addLayer(pin([p.lat, p.lon], body, { interactive: true, title: p.label, zIndexOffset: 1000 }).bindTooltip(p.label, { direction: 'top', offset: [0, -16] }));
    points.push([p.lat, p.lon]);
  });
  group.addTo(map);
  return { group, bounds: points.length ? L.latLngBounds(points) : null };
}
