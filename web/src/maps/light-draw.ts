/**
 * A compound on the light map (light-map.ts): its shapes as the editor draws them (geo.ts styles),
 * the marks of marks.ts, the route with its pins, 多单顺路's legs and the worker's position.
 */

import { anchorOf, boundsOf, drawOrder, routeStyle, shapeStyle, type CompoundMapDoc, type MapFeature, type PathStyle, type RouteAnswer } from './geo';
import { LightMap, boxOfPositions, type LatLngBox, type Layer } from './light-map';
import { areaLabelMark, focusMark, MARK_Z, markTitle, pointMark, routePinMark, youMark } from './marks';
import { tm } from './messages';

/** A path's attributes from a style of geo.ts (Leaflet's option names). */
function styleAttributes(style: PathStyle, className: string, filled: boolean): Record<string, string> {
  const attributes: Record<string, string> = {
    class: className,
    stroke: style.color,
    'stroke-width': String(style.weight),
    'stroke-opacity': String(style.opacity),
    'stroke-linecap': style.lineCap ?? 'round',
    'stroke-linejoin': 'round',
    fill: filled ? (style.fillColor ?? style.color) : 'none',
  };
  if (filled) attributes['fill-opacity'] = String(style.fillOpacity ?? 0.2);
  if (style.dashArray) attributes['stroke-dasharray'] = style.dashArray;
  return attributes;
}

const latLngOf = ([lon, lat]: [number, number]): [number, number] => [lat, lon];

/** Many layers taken off together. */
function group(layers: Layer[]): Layer {
  return { remove: () => layers.forEach((layer) => layer.remove()) };
}

export interface DrawnCompound {
  layer: Layer;
  bounds: LatLngBox | null;
}

/**
 * Every feature of `doc`, areas under lines under points; a tap on a building, a door, a gate or
 * another point opens `popup(feature)` (none when it gives null).
 */
export function drawFeatures(map: LightMap, doc: CompoundMapDoc, options: { now?: Date; popup?: (feature: MapFeature) => HTMLElement | null } = {}): DrawnCompound {
  const now = options.now ?? new Date();
  const layers: Layer[] = [];
  const features = [...(doc.features ?? [])].filter((f) => f?.geometry && f.properties?.kind).sort((a, b) => drawOrder(a.properties.kind) - drawOrder(b.properties.kind));
  const popup = options.popup;
  for (const feature of features) {
    const p = feature.properties;
    const g = feature.geometry;
    // Built when tapped: a map of hundreds of features does not build hundreds of popups.
    const open = popup
      ? (at: [number, number]): void => {
          const content = popup(feature);
          if (content) map.openPopup(content, at);
        }
      : null;
    if (g.type === 'Point') {
      const at = latLngOf(g.coordinates);
      layers.push(
        map.addMark(pointMark(feature, now, false), at, {
          z: p.kind === 'gate' ? MARK_Z.gate : p.kind === 'entrance' ? MARK_Z.entrance : MARK_Z.point,
          title: markTitle(feature),
          onClick: open
            ? (event) => {
                event.stopPropagation();
                open(at);
              }
            : undefined,
        }),
      );
    } else if (g.type === 'LineString') {
      const style = shapeStyle(p);
      layers.push(map.addShape([g.coordinates], false, { attributes: styleAttributes(style, `ms-path${p.ride === false ? ' ms-walk' : ' ms-ride'}`, false) }));
    } else {
      const style = shapeStyle(p);
      const onClick =
        open && p.kind !== 'boundary'
          ? (event: MouseEvent, at: [number, number]) => {
              event.stopPropagation();
              open(at);
            }
          : undefined;
      layers.push(map.addShape(g.coordinates, true, { attributes: styleAttributes(style, `ms-${p.kind}`, true), onClick }));
      const at = latLngOf(anchorOf(g));
      if (p.kind === 'building') {
        const label = areaLabelMark(feature);
        if (label) layers.push(map.addMark(label, at, { z: MARK_Z.point, wrapClass: 'ml-wrap' }));
      } else if (p.kind === 'parking') {
        layers.push(map.addMark(pointMark(feature, now, false), at, { z: MARK_Z.point }));
      }
    }
  }
  const box = boundsOf(features.map((f) => f.geometry));
  return { layer: group(layers), bounds: box };
}

/** A route's legs (white casing under each; ride solid, walk dashed); returns their [lon, lat] points. */
function addRouteLines(map: LightMap, layers: Layer[], route: RouteAnswer, extraClass = ''): Array<[number, number]> {
  const points: Array<[number, number]> = [];
  for (const leg of route.features ?? []) {
    const coords = leg.geometry?.coordinates ?? [];
    if (coords.length < 2) continue;
    points.push(...coords);
    const mode = leg.properties?.mode === 'walk' ? 'walk' : 'ride';
    const style = routeStyle(mode);
    layers.push(map.addShape([coords], false, { over: true, attributes: styleAttributes({ color: '#ffffff', weight: style.weight + 4, opacity: 0.9, lineCap: 'round' }, `mr-casing${extraClass}`, false) }));
    layers.push(map.addShape([coords], false, { over: true, attributes: styleAttributes(style, `mr-leg mr-${mode}${extraClass}`, false) }));
  }
  return points;
}

export interface DrawnRoute {
  layer: Layer;
  bounds: LatLngBox | null;
}

/** The route on top of the map: white casing, ride legs solid, walk legs dashed, 起 and 终. */
export function drawRoute(map: LightMap, route: RouteAnswer): DrawnRoute {
  const layers: Layer[] = [];
  const points = addRouteLines(map, layers, route);
  const first = points[0];
  const last = points[points.length - 1];
  if (first) layers.push(map.addMark(routePinMark('起', 'start'), latLngOf(first), { z: MARK_Z.pin }));
  if (last) layers.push(map.addMark(routePinMark('终', 'end'), latLngOf(last), { z: MARK_Z.pin }));
  return { layer: group(layers), bounds: boxOfPositions(points) };
}

/**
 * 多单顺路: every leg, the chosen one on top and the others faded, a numbered pin at each drop (tap
 * one to choose its leg) and 起 where the first leg starts.
 */
export function drawDrops(map: LightMap, legs: readonly RouteAnswer[], selected: number, onPick: (index: number) => void): DrawnRoute & { legBounds: Array<LatLngBox | null> } {
  const layers: Layer[] = [];
  const all: Array<[number, number]> = [];
  const legBounds: Array<LatLngBox | null> = [];
  const ends: Array<[number, number] | undefined> = [];
  let start: [number, number] | undefined;
  // Faded legs first, so the chosen one is drawn over them.
  const order = legs.map((_, i) => i).sort((a, b) => Number(a === selected) - Number(b === selected));
  for (const i of order) {
    const points = addRouteLines(map, layers, legs[i]!, i === selected ? '' : ' mr-faded');
    all.push(...points);
    legBounds[i] = boxOfPositions(points);
    ends[i] = points[points.length - 1];
    if (i === 0) start = points[0];
  }
  if (start) layers.push(map.addMark(routePinMark('起', 'start'), latLngOf(start), { z: MARK_Z.pin }));
  ends.forEach((at, i) => {
    if (!at) return;
    const pin = routePinMark(String(i + 1), 'stop', { testid: 'multi-stop-pin', selected: i === selected });
    layers.push(
      map.addMark(pin, latLngOf(at), {
        z: i === selected ? MARK_Z.stopSelected : MARK_Z.stop,
        title: tm('map.multiRow', { n: i + 1 }),
        onClick: (event) => {
          event.stopPropagation();
          onPick(i);
        },
      }),
    );
  });
  return { layer: group(layers), bounds: boxOfPositions(all), legBounds };
}

/** The dot where the worker is (GPS). */
export function youAreHere(map: LightMap, lat: number, lon: number): Layer {
  return map.addMark(youMark(), [lat, lon], { z: MARK_Z.you });
}

/** The ring around a step the worker tapped in the list. */
export function focusMarker(map: LightMap, lat: number, lon: number): Layer {
  return map.addMark(focusMark(), [lat, lon], { z: MARK_Z.focus });
}
