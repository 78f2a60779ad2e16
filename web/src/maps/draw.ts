/**
 * Draws a compound map with Leaflet for the map editor (and a compound's outline on the acceptance
 * rules' 试一试 map): the base map's tiles from this server (shell/map.ts) under the project's own
 * GeoJSON, with the marks of marks.ts (the worker's page draws the same marks on its light map,
 * light-map.ts). This module (and Leaflet with it) is loaded only by those pages, and brings them
 * the map helper's `whenSized`.
 */

import * as L from 'leaflet';
import { baseMap } from '../shell/map';
import './maps.css';
import { anchorOf, boundsOf, drawOrder, featureId, needsOsmAttribution, shapeStyle, type CompoundMapDoc, type MapFeature, type Position } from './geo';
import { areaLabelMark, declutter, fitPadding, MARK_Z, markTitle, pointMark, zoomClasses } from './marks';
import { tm } from './messages';

export type LeafletMap = L.Map;
export type LatLng = L.LatLng;
export type LeafletMouseEvent = L.LeafletMouseEvent;

const toLatLng = ([lon, lat]: Position): L.LatLngTuple => [lat, lon];

/**
 * A compound's map in `container` (shell/map.ts sets Leaflet up): zoomed in to doors and parking,
 * the OSM attribution when the data came from there; labels thin out as it zooms out.
 */
export function createMap(container: HTMLElement, options: { osm?: boolean; center?: [number, number] | null } = {}): L.Map {
  const map = baseMap(container, { minZoom: 13, maxZoom: 22, center: options.center ?? [39.99, 116.33], zoom: 17, attribution: options.osm ? tm('map.attribution') : null });
  const zoomClass = (): void => zoomClasses(container, map.getZoom());
  map.on('zoomend', zoomClass);
  map.on('zoomend moveend resize', () => declutter(container));
  zoomClass();
  return map;
}

export interface DrawOptions {
  now?: Date;
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

/** The badge and label of a point feature as a Leaflet icon. */
function pointIcon(feature: MapFeature, now: Date, selected: boolean): L.DivIcon {
  return L.divIcon({ html: pointMark(feature, now, selected), className: 'mp-wrap', iconSize: [0, 0], iconAnchor: [0, 0] });
}

/** A label in the middle of a building (section above the number). */
function areaLabel(feature: MapFeature, at: L.LatLngTuple): L.Marker | null {
  const body = areaLabelMark(feature);
  if (!body) return null;
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
        title: markTitle(feature),
        riseOnHover: true,
        zIndexOffset: p.kind === 'gate' ? MARK_Z.gate : p.kind === 'entrance' ? MARK_Z.entrance : MARK_Z.point,
      });
      if (options.onDragEnd) marker.on('dragend', () => options.onDragEnd!(feature, marker.getLatLng()));
      layer = marker;
    } else if (g.type === 'LineString') {
      const style = shapeStyle(p);
      layer = L.polyline(g.coordinates.map(toLatLng), { ...style, interactive: !!options.editing, className: `ms-path${p.ride === false ? ' ms-walk' : ' ms-ride'}${selected ? ' is-selected' : ''}` });
    } else {
      const style = shapeStyle(p);
      if (options.editing && p.kind === 'boundary') style.weight = 4;
      const interactive = !!options.editing || (p.kind !== 'boundary' && !!options.onClick);
      layer = L.polygon(g.coordinates.map((ring) => ring.map(toLatLng)), { ...style, interactive, className: `ms-${p.kind}${selected ? ' is-selected' : ''}` });
      const at = toLatLng(anchorOf(g));
      if (p.kind === 'building') {
        const label = areaLabel(feature, at);
        if (label) labels.push(label);
      } else if (p.kind === 'parking') {
        labels.push(L.marker(at, { icon: pointIcon(feature, now, false), interactive: false, keyboard: false }));
      }
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
    const { topLeft, bottomRight } = fitPadding(size.x, size.y, clearOfControls);
    map.fitBounds(bounds, { paddingTopLeft: topLeft, paddingBottomRight: bottomRight, maxZoom, animate: false });
  } else if (fallback) map.setView(fallback, 17, { animate: false });
}

export { needsOsmAttribution };
export { whenSized } from '../shell/map';
