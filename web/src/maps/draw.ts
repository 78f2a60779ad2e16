/**
 * Draws a compound map with Leaflet: no tile layer and no outside service, only the project's own
 * GeoJSON on a light background. Shared by the worker's page and the editor; this module (and
 * Leaflet with it) is loaded only on the map pages, and brings them the map helper's
 * `whenSized` (shell/map.ts).
 */

import * as L from 'leaflet';
import { baseMap } from '../shell/map';
import './maps.css';
import {
  anchorOf,
  boundsOf,
  drawOrder,
  featureId,
  gateState,
  labelLines,
  baseLabel,
  markerLook,
  needsOsmAttribution,
  routeStyle,
  shapeStyle,
  type CompoundMapDoc,
  type MapFeature,
  type Position,
  type RouteAnswer,
} from './geo';
import { tm } from './messages';

export type LeafletMap = L.Map;
export type LatLng = L.LatLng;
export type LeafletMouseEvent = L.LeafletMouseEvent;

/** A small element with text children (labels come from staff input: never HTML). */
function h(tag: string, props: Record<string, string> | null, ...children: Array<Node | string | null | Array<Node | string | null>>): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) element.setAttribute(name, value);
  for (const child of children.flat()) if (child != null) element.append(child);
  return element;
}

const toLatLng = ([lon, lat]: Position): L.LatLngTuple => [lat, lon];

/**
 * A compound's map in `container` (shell/map.ts sets Leaflet up): zoomed in to doors and parking,
 * the OSM attribution when the data came from there; labels thin out as it zooms out.
 */
export function createMap(container: HTMLElement, options: { osm?: boolean; center?: [number, number] | null } = {}): L.Map {
  const map = baseMap(container, { minZoom: 13, maxZoom: 22, center: options.center ?? [39.99, 116.33], zoom: 17, attribution: options.osm ? tm('map.attribution') : null });
  const zoomClass = (): void => {
    const zoom = map.getZoom();
    container.classList.toggle('z-far', zoom < 16.75);
    container.classList.toggle('z-mid', zoom >= 16.75 && zoom < 18);
    container.classList.toggle('z-near', zoom >= 18);
    container.classList.toggle('z-nodoors', zoom < 17.5);
  };
  map.on('zoomend', zoomClass);
  map.on('zoomend moveend resize', () => declutter(container));
  zoomClass();
  return map;
}

/** Which labels win when two overlap: building names first, then gates, parking, the rest, doors. */
function labelRank(element: Element): number {
  if (element.classList.contains('ml')) return 0;
  const pin = element.closest('.mp');
  const note = element.classList.contains('mp-note');
  if (pin?.classList.contains('mp-gate')) return note ? 3 : 1;
  if (pin?.classList.contains('mp-parking')) return 2;
  if (pin?.classList.contains('mp-entrance')) return 5;
  return 4;
}

/** Which badges win when they pile up: gates always stay, then parking, services, landmarks. */
function badgeRank(pin: Element | null): number {
  if (!pin || pin.classList.contains('mp-gate') || pin.closest('.mr-pin, .mr-wrap')) return 0;
  if (pin.classList.contains('mp-parking')) return 1;
  if (pin.classList.contains('mp-landmark')) return 3;
  return 2;
}

/**
 * Thins out what would pile up at this zoom (it comes back when zooming in): badges that sit on a
 * more important one, then labels that would overlap a kept label or another feature's badge.
 * One pass of reads, then one of writes.
 */
export function declutter(container: HTMLElement): void {
  const culled = [...container.querySelectorAll<HTMLElement>('.is-culled')];
  for (const element of culled) element.classList.remove('is-culled');
  const moved = [...container.querySelectorAll<HTMLElement>('.mp-entrance.pos-l, .mp-entrance.pos-b, .mp-entrance.pos-t')];
  for (const element of moved) element.classList.remove('pos-l', 'pos-b', 'pos-t');
  const overlaps = (a: DOMRect, b: DOMRect, gap = 1): boolean => a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom + gap && b.top < a.bottom + gap;

  const badges = [...container.querySelectorAll<HTMLElement>('.mp-badge, .mr-pin')]
    .map((element) => ({ element, owner: element.closest('.mp'), rank: badgeRank(element.closest('.mp') ?? element), rect: element.getBoundingClientRect() }))
    .filter((b) => b.rect.width > 0)
    .sort((a, b) => a.rank - b.rank);
  const keptBadges: typeof badges = [];
  const hide: HTMLElement[] = [];
  const hiddenOwners = new Set<Element>();
  for (const b of badges) {
    // Half a badge of overlap is too much to tell them apart.
    if (b.rank > 0 && keptBadges.some((k) => overlaps(k.rect, b.rect, -b.rect.width / 2))) {
      if (b.owner) {
        hide.push(b.owner as HTMLElement);
        hiddenOwners.add(b.owner);
      }
    } else keptBadges.push(b);
  }

  const labels = [...container.querySelectorAll<HTMLElement>('.ml, .mp-label, .mp-note')]
    .map((element) => ({ element, owner: element.closest('.mp'), rank: labelRank(element), rect: element.getBoundingClientRect() }))
    .filter((c) => c.rect.width > 0 && !(c.owner && hiddenOwners.has(c.owner)))
    .sort((a, b) => a.rank - b.rank);
  const placed: DOMRect[] = [];
  const place: Array<[HTMLElement, string]> = [];
  for (const c of labels) {
    // A building's name gives way to a badge only when the badge sits right on it, but to a drop's
    // number (多单) as soon as it covers a few pixels of it: the list under the map names the building.
    const badgeGap = c.rank === 0 ? -Math.min(c.rect.width, c.rect.height) / 2 : -2;
    const blocks = (b: (typeof keptBadges)[number], rect: DOMRect): boolean =>
      b.element.classList.contains('mr-pin-stop') ? overlaps(b.rect, rect, c.rank === 0 ? -4 : badgeGap) : b.owner !== c.owner && overlaps(b.rect, rect, badgeGap);
    const free = (rect: DOMRect): boolean => !placed.some((r) => overlaps(r, rect, -1)) && !keptBadges.some((b) => blocks(b, rect));
    // A door's label may also go left of, under or over its dot.
    const dot = c.rank === 5 ? c.owner?.querySelector('.mp-dot')?.getBoundingClientRect() : undefined;
    const options: Array<[string, DOMRect]> = [['', c.rect]];
    if (dot) {
      const x = (dot.left + dot.right) / 2;
      const y = (dot.top + dot.bottom) / 2;
      const { width: w, height: h } = c.rect;
      options.push(['pos-l', new DOMRect(x - 9 - w, c.rect.top, w, h)], ['pos-b', new DOMRect(x - w / 2, y + 8, w, h)], ['pos-t', new DOMRect(x - w / 2, y - 8 - h, w, h)]);
    }
    const fit = options.find(([, rect]) => free(rect));
    if (!fit) hide.push(c.element);
    else {
      placed.push(fit[1]);
      if (fit[0] && c.owner) place.push([c.owner as HTMLElement, fit[0]]);
    }
  }
  for (const element of hide) element.classList.add('is-culled');
  for (const [owner, position] of place) owner.classList.add(position);
}

export interface DrawOptions {
  now?: Date;
  /** Builds a popup for a feature (null: none). */
  popup?: (feature: MapFeature) => HTMLElement | null;
  /** Called when a feature is clicked (the editor selects it, or adds a vertex while drawing). */
  onClick?: (feature: MapFeature, event: L.LeafletMouseEvent) => void;
  /** Point features become draggable markers; called with the new position. */
  onDragEnd?: (feature: MapFeature, to: L.LatLng) => void;
  /** The editor makes every feature clickable, including the boundary and paths. */
  editing?: boolean;
  selectedId?: number | null;
}

export interface DrawnMap {
  group: L.FeatureGroup;
  layers: Map<number, L.Layer>;
  bounds: L.LatLngBounds | null;
}

/** The badge and label of a point feature (text content only: labels come from staff input). */
function pointIcon(feature: MapFeature, now: Date, selected: boolean): L.DivIcon {
  const p = feature.properties;
  const state = p.kind === 'gate' ? gateState(p, now) : 'open';
  const look = markerLook(p.kind, state);
  const lines = labelLines(p);
  const hours = (p.opening_hours ?? '').trim();
  let note: HTMLElement | null = null;
  if (p.kind === 'gate') {
    if (state === 'closed') note = h('span', { class: 'mp-note mp-note-bad' }, tm('map.closedNowShort'));
    else if (state === 'no_workers') note = h('span', { class: 'mp-note' }, tm('map.noWorkersShort'));
    else if (hours && hours !== '24/7') note = h('span', { class: 'mp-note' }, hours.length > 22 ? `${hours.slice(0, 21)}…` : hours);
  }
  const label = lines.length ? h('span', { class: 'mp-label' }, lines.join(' ')) : null;
  const body =
    p.kind === 'entrance'
      ? h('div', { class: `mp mp-entrance${selected ? ' is-selected' : ''}` }, h('span', { class: 'mp-dot' }), label)
      : h(
          'div',
          { class: `mp ${look.className.split(' ').map((c) => `mp-${c}`).join(' ')}${selected ? ' is-selected' : ''}`, style: `--mp-color:${look.color}` },
          h('span', { class: 'mp-badge' }, look.glyph),
          label,
          note,
        );
  body.setAttribute('data-kind', p.kind);
  const id = featureId(feature);
  if (id) body.setAttribute('data-feature-id', String(id));
  if (p.kind === 'gate') body.setAttribute('data-state', state);
  return L.divIcon({ html: body, className: 'mp-wrap', iconSize: [0, 0], iconAnchor: [0, 0] });
}

/** A label in the middle of a building (section above the number). */
function areaLabel(feature: MapFeature, at: L.LatLngTuple): L.Marker | null {
  const lines = labelLines(feature.properties);
  if (lines.length === 0) return null;
  const kind = feature.properties.kind;
  const body = h(
    'div',
    { class: `ml ml-${kind}`, 'data-kind': kind, 'data-feature-id': String(featureId(feature) ?? '') },
    lines.map((line, i) => h('span', { class: i === lines.length - 1 ? 'ml-main' : 'ml-sub' }, line)),
  );
  return L.marker(at, { icon: L.divIcon({ html: body, className: 'ml-wrap', iconSize: [0, 0], iconAnchor: [0, 0] }), interactive: false, keyboard: false });
}

/** Draws every feature; returns the layers by feature id. */
export function drawFeatures(map: L.Map, doc: CompoundMapDoc, options: DrawOptions = {}): DrawnMap {
  const now = options.now ?? new Date();
  const group = L.featureGroup().addTo(map);
  const layers = new Map<number, L.Layer>();
  const features = [...(doc.features ?? [])].filter((f) => f?.geometry && f.properties?.kind).sort((a, b) => drawOrder(a.properties.kind) - drawOrder(b.properties.kind));
  const labels: L.Layer[] = [];

  for (const feature of features) {
    const p = feature.properties;
    const g = feature.geometry;
    const id = featureId(feature);
    const selected = id != null && id === options.selectedId;
    let layer: L.Layer;
    if (g.type === 'Point') {
      const marker = L.marker(toLatLng(g.coordinates), {
        icon: pointIcon(feature, now, selected),
        draggable: !!options.onDragEnd,
        keyboard: true,
        title: baseLabel(p),
        riseOnHover: true,
        zIndexOffset: p.kind === 'gate' ? 400 : p.kind === 'entrance' ? 100 : 200,
      });
      if (options.onDragEnd) marker.on('dragend', () => options.onDragEnd!(feature, marker.getLatLng()));
      layer = marker;
    } else if (g.type === 'LineString') {
      const style = shapeStyle(p);
      layer = L.polyline(g.coordinates.map(toLatLng), { ...style, interactive: !!options.editing, className: `ms-path${p.ride === false ? ' ms-walk' : ' ms-ride'}${selected ? ' is-selected' : ''}` });
    } else {
      const style = shapeStyle(p);
      if (options.editing && p.kind === 'boundary') style.weight = 4;
      const interactive = !!options.editing || (p.kind !== 'boundary' && !!options.popup);
      layer = L.polygon(g.coordinates.map((ring) => ring.map(toLatLng)), { ...style, interactive, className: `ms-${p.kind}${selected ? ' is-selected' : ''}` });
      const at = toLatLng(anchorOf(g));
      if (p.kind === 'building') {
        const label = areaLabel(feature, at);
        if (label) labels.push(label);
      } else if (p.kind === 'parking') {
        labels.push(L.marker(at, { icon: pointIcon(feature, now, false), interactive: false, keyboard: false }));
      }
    }
    if (options.popup) {
      const content = options.popup(feature);
      if (content) layer.bindPopup(content, { maxWidth: 300, minWidth: 220, autoPanPadding: [16, 16], className: 'mp-popup' });
    }
    if (options.onClick) {
      layer.on('click', (event: L.LeafletMouseEvent) => options.onClick!(feature, event));
    }
    group.addLayer(layer);
    if (id != null) layers.set(id, layer);
  }
  for (const label of labels) group.addLayer(label);

  const box = boundsOf(features.map((f) => f.geometry));
  requestAnimationFrame(() => declutter(map.getContainer()));
  return { group, layers, bounds: box ? L.latLngBounds(box) : null };
}

/** A route's lines into `group` (white casing under each; ride solid, walk dashed); returns their points. */
function addRouteLines(group: L.FeatureGroup, route: RouteAnswer, extraClass = ''): L.LatLngTuple[] {
  const points: L.LatLngTuple[] = [];
  for (const leg of route.features ?? []) {
    const coords = (leg.geometry?.coordinates ?? []).map(toLatLng);
    if (coords.length < 2) continue;
    points.push(...coords);
    const mode = leg.properties?.mode === 'walk' ? 'walk' : 'ride';
    const style = routeStyle(mode);
    group.addLayer(L.polyline(coords, { color: '#ffffff', weight: style.weight + 4, opacity: 0.9, lineCap: 'round', lineJoin: 'round', interactive: false, className: `mr-casing${extraClass}` }));
    group.addLayer(L.polyline(coords, { ...style, lineJoin: 'round', interactive: false, className: `mr-leg mr-${mode}${extraClass}` }));
  }
  return points;
}

/** A round pin on the route (起, 终, a drop's number); text only. */
function routePin(at: L.LatLngTuple, text: string, kind: string, extra: Partial<L.MarkerOptions> & { testid?: string; selected?: boolean } = {}): L.Marker {
  const { testid, selected, ...options } = extra;
  const body = h('div', { class: `mr-pin mr-pin-${kind}${selected ? ' is-selected' : ''}`, 'data-testid': testid ?? `route-${kind}` }, text);
  return L.marker(at, { icon: L.divIcon({ html: body, className: 'mp-wrap', iconSize: [0, 0] }), interactive: false, keyboard: false, zIndexOffset: 1000, ...options });
}

/** The route on top of the map: white casing, ride legs solid, walk legs dashed, start and end pins. */
export function drawRoute(map: L.Map, route: RouteAnswer): { group: L.FeatureGroup; bounds: L.LatLngBounds | null } {
  const group = L.featureGroup();
  const points = addRouteLines(group, route);
  const first = points[0];
  const last = points[points.length - 1];
  if (first) group.addLayer(routePin(first, '起', 'start'));
  if (last) group.addLayer(routePin(last, '终', 'end'));
  group.addTo(map);
  requestAnimationFrame(() => declutter(map.getContainer()));
  return { group, bounds: points.length ? L.latLngBounds(points) : null };
}

/**
 * 多单顺路: every leg, the chosen one on top and the others faded, a numbered pin at each drop (tap
 * one to choose its leg) and 起 where the first leg starts.
 */
export function drawDrops(
  map: L.Map,
  legs: readonly RouteAnswer[],
  selected: number,
  onPick: (index: number) => void,
): { group: L.FeatureGroup; bounds: L.LatLngBounds | null; legBounds: Array<L.LatLngBounds | null> } {
  const group = L.featureGroup();
  const all: L.LatLngTuple[] = [];
  const legBounds: Array<L.LatLngBounds | null> = [];
  const ends: Array<L.LatLngTuple | undefined> = [];
  let start: L.LatLngTuple | undefined;
  // Faded legs first, so the chosen one is drawn over them.
  const order = legs.map((_, i) => i).sort((a, b) => Number(a === selected) - Number(b === selected));
  for (const i of order) {
    const points = addRouteLines(group, legs[i]!, i === selected ? '' : ' mr-faded');
    all.push(...points);
    legBounds[i] = points.length ? L.latLngBounds(points) : null;
    ends[i] = points[points.length - 1];
    if (i === 0) start = points[0];
  }
  if (start) group.addLayer(routePin(start, '起', 'start'));
  ends.forEach((at, i) => {
    if (!at) return;
    const pin = routePin(at, String(i + 1), 'stop', { interactive: true, keyboard: true, title: tm('map.multiRow', { n: i + 1 }), zIndexOffset: i === selected ? 1200 : 1100, testid: 'multi-stop-pin', selected: i === selected });
    pin.on('click', (event: L.LeafletMouseEvent) => {
      L.DomEvent.stopPropagation(event);
      onPick(i);
    });
    group.addLayer(pin);
  });
  group.addTo(map);
  requestAnimationFrame(() => declutter(map.getContainer()));
  return { group, bounds: all.length ? L.latLngBounds(all) : null, legBounds };
}

/** A pulsing dot where the worker is (GPS). */
export function youAreHere(map: L.Map, lat: number, lon: number): L.Marker {
  return L.marker([lat, lon], { icon: L.divIcon({ html: h('div', { class: 'mr-you' }), className: 'mp-wrap', iconSize: [0, 0] }), interactive: false, keyboard: false, zIndexOffset: 900 }).addTo(map);
}

/** A ring around a step the worker tapped in the list. */
export function focusMarker(map: L.Map, lat: number, lon: number): L.Marker {
  return L.marker([lat, lon], { icon: L.divIcon({ html: h('div', { class: 'mr-focus' }), className: 'mp-wrap', iconSize: [0, 0] }), interactive: false, keyboard: false, zIndexOffset: 950 }).addTo(map);
}

/** The shape being drawn in the editor: dashed outline and a dot per vertex. */
export function drawingPreview(map: L.Map, type: 'Point' | 'LineString' | 'Polygon', points: Position[]): { remove(): void } {
  const group = L.layerGroup().addTo(map);
  const latlngs = points.map(toLatLng);
  const style = { color: '#e8590c', weight: 3, dashArray: '6 4', interactive: false };
  if (type === 'Polygon' && latlngs.length >= 3) group.addLayer(L.polygon(latlngs, { ...style, fillColor: '#ffd8a8', fillOpacity: 0.4 }));
  else if (latlngs.length >= 2) group.addLayer(L.polyline(latlngs, style));
  for (const at of latlngs) group.addLayer(L.circleMarker(at, { radius: 6, color: '#fff', weight: 2, fillColor: '#e8590c', fillOpacity: 1, interactive: false }));
  return group;
}

/** Keeps a click on a feature from reaching the map under it. */
export function stopClick(event: L.LeafletMouseEvent): void {
  L.DomEvent.stopPropagation(event);
}

/** Fits the map to `bounds` (or the compound's centre) with room for the controls. */
export function fitTo(map: L.Map, bounds: L.LatLngBounds | null, fallback?: [number, number] | null, maxZoom = 19, clearOfControls = false): void {
  if (bounds && bounds.isValid()) {
    const size = map.getSize();
    const pad = Math.max(12, Math.min(40, Math.round(Math.min(size.x, size.y) * 0.05)));
    // A route's ends sit in its corners: keep them clear of the zoom buttons and the attribution.
    // Badges stick out 15 px around their point and gate names hang 30 px below it.
    const pin = clearOfControls ? 18 : 0;
    map.fitBounds(bounds, { paddingTopLeft: [pad + pin + (clearOfControls ? 44 : 0), pad + 14 + pin], paddingBottomRight: [pad + pin, pad + 30 + pin], maxZoom, animate: false });
  } else if (fallback) map.setView(fallback, 17, { animate: false });
}

export { needsOsmAttribution };
export { whenSized } from '../shell/map';
