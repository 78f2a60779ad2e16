/**
 * Compound maps without a map library (docs/maps.md): the GeoJSON shapes the server sends, labels,
 * the look of each kind, "open now" for simple opening_hours, route queries, steps and distances.
 * Pure functions only, so they are unit-tested and shared by the worker page and the editor.
 */

export const KINDS = ['boundary', 'gate', 'building', 'entrance', 'parking', 'swap_cabinet', 'charging', 'drop_off', 'garage_entrance', 'landmark', 'path'] as const;
export type FeatureKind = (typeof KINDS)[number];

export type Position = [number, number]; // [lon, lat]

export type Geometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'Polygon'; coordinates: Position[][] };

export interface MapProperties {
  kind: FeatureKind;
  id?: number;
  label?: string;
  number?: string;
  section?: string;
  floors?: number;
  building_id?: number;
  capacity?: number;
  gate_kind?: string;
  workers_allowed?: boolean;
  green_lane?: boolean;
  walk?: boolean;
  ride?: boolean;
  steps?: boolean;
  one_way?: boolean;
  opening_hours?: string;
  media?: string[];
  note?: string;
  osm_ref?: string;
}

export interface MapFeature {
  type: 'Feature';
  id?: number | string;
  geometry: Geometry;
  properties: MapProperties;
}

export interface CompoundMapDoc {
  type: 'FeatureCollection';
  features: MapFeature[];
  compound: { code: string; name: string; lat?: number | null; lon?: number | null };
  version: number;
  source?: string;
  attribution?: string;
  bbox?: number[];
}

export interface ParseAnswer {
  query: string;
  parts: {
    compound_text?: string;
    section?: string;
    building?: string;
    building_text?: string;
    entrance?: string;
    floor?: number | null;
    room?: string;
    notes?: string[];
  };
  compound: { code: string; name: string; confidence: number } | null;
  suggestions?: Array<{ code: string; name: string; confidence: number }>;
  target: { feature_id: number; label: string; kind: string; lon: number; lat: number } | null;
}

export type RouteMode = 'ride' | 'walk';

export interface RouteStep {
  text: string;
  mode: RouteMode;
  distance_m: number;
  lon?: number;
  lat?: number;
}

export interface RouteAnswer {
  type: 'FeatureCollection';
  features: Array<{ type: 'Feature'; geometry: { type: 'LineString'; coordinates: Position[] }; properties: { mode: RouteMode } }>;
  distance_m: number;
  duration_s: number;
  ride_m?: number;
  walk_m?: number;
  gate: { id: number; label: string } | null;
  parking: { id: number; label: string } | null;
  target: { id: number; label: string };
  steps: RouteStep[];
  summary: string;
  closed?: Array<{ id: number; label: string; opening_hours: string }>;
  /** Walking in from the best open gate, the yardstick a longer route must justify. */
  walk_in_m?: number;
  /** The rule that made the route longer than walking in from the gate, worded by the server. */
  rule?: { code: string; feature_id: number | null; place: string; text: string } | null;
}

export interface HistoryItem {
  version: number;
  at: number | string;
  actor: string;
  action: string;
  feature_id: number | null;
  label: string;
  undone: boolean;
}

/** Where the poster's QR code leads: the worker's page, no login. */
export const publicPageUrl = (code: string): string => `/m/${encodeURIComponent(code)}`;
export const editorHash = (code: string): string => `#/compounds/${encodeURIComponent(code)}/map/edit`;
/** The app's login page, leading on to the editor (the link a map page without a map offers staff). */
export const staffLoginHref = (code: string): string => `/#/login?next=${encodeURIComponent(editorHash(code).slice(1))}`;

/** The id of a stored feature (top-level GeoJSON `id` or `properties.id`), or null. */
export function featureId(feature: MapFeature): number | null {
  const raw = feature.id ?? feature.properties.id;
  const id = typeof raw === 'string' ? Number(raw) : raw;
  return typeof id === 'number' && Number.isFinite(id) && id > 0 ? id : null;
}

/** A map with no features (version 0) has not been drawn yet. */
export function isEmptyMap(doc: Pick<CompoundMapDoc, 'version' | 'features'>): boolean {
  return !doc.version || !doc.features?.some((f) => f.properties?.kind !== 'boundary');
}

/** OpenStreetMap data needs its attribution wherever it is shown. */
export function needsOsmAttribution(source: string | undefined | null): boolean {
  return !!source && /osm/i.test(source);
}

// ---------------------------------------------------------------------------------------------
// Labels

/** The label as drawn: the feature's own label, else one made from its number. */
export function baseLabel(p: Pick<MapProperties, 'kind' | 'label' | 'number'>): string {
  const label = (p.label ?? '').trim();
  if (label) return label;
  const number = (p.number ?? '').trim();
  if (!number) return '';
  if (p.kind === 'building') return `${number}号楼`;
  if (p.kind === 'entrance') return `${number}单元`;
  return number;
}

/** "东区 3号楼": the section first when there is one and the label does not already say it. */
export function featureLabel(p: Pick<MapProperties, 'kind' | 'label' | 'number' | 'section'>): string {
  const label = baseLabel(p);
  const section = (p.section ?? '').trim();
  if (!section || label.startsWith(section)) return label;
  return label ? `${section} ${label}` : section;
}

/** The two lines of a building label on the map: section above, label below. */
export function labelLines(p: Pick<MapProperties, 'kind' | 'label' | 'number' | 'section'>): string[] {
  const label = baseLabel(p);
  const section = (p.section ?? '').trim();
  if (!section || label.startsWith(section)) return label ? [label] : [];
  return label ? [section, label] : [section];
}

/** An entrance named with its building: "东区 3号楼 2单元". */
export function entranceLabel(entrance: MapProperties, building: MapProperties | null | undefined): string {
  const own = featureLabel(entrance);
  if (!building) return own;
  const name = featureLabel(building);
  return name && !own.startsWith(name) ? `${name} ${baseLabel(entrance)}`.trim() : own;
}

// ---------------------------------------------------------------------------------------------
// Looks

export interface PathStyle {
  color: string;
  weight: number;
  opacity: number;
  fillColor?: string;
  fillOpacity?: number;
  dashArray?: string;
  lineCap?: 'round' | 'butt';
}

/** Colours shared with maps.css and the legend. */
export const COLORS = {
  background: '#f4f1ea',
  boundary: '#c2410c',
  boundaryFill: '#fffdf8',
  building: '#8d96a5',
  buildingFill: '#e3e7ee',
  parking: '#1c7ed6',
  parkingFill: '#d0ebff',
  pathRide: '#8f969e',
  pathWalk: '#a9b0b8',
  routeRide: '#e8590c',
  routeWalk: '#1971c2',
  open: '#2b8a3e',
  closed: '#c92a2a',
  noWorkers: '#868e96',
} as const;

/** How a polygon or line of `kind` is drawn (paths: ride-allowed solid, walk-only dashed). */
export function shapeStyle(p: Pick<MapProperties, 'kind' | 'ride' | 'walk' | 'steps'>): PathStyle {
  switch (p.kind) {
    case 'boundary':
      return { color: COLORS.boundary, weight: 2, opacity: 0.9, dashArray: '6 5', fillColor: COLORS.boundaryFill, fillOpacity: 1 };
    case 'building':
      return { color: COLORS.building, weight: 1.2, opacity: 1, fillColor: COLORS.buildingFill, fillOpacity: 1 };
    case 'parking':
      return { color: COLORS.parking, weight: 1.5, opacity: 1, fillColor: COLORS.parkingFill, fillOpacity: 0.9 };
    case 'path':
      if (p.steps) return { color: COLORS.pathWalk, weight: 3, opacity: 1, dashArray: '1 5', lineCap: 'butt' };
      if (p.ride !== false) return { color: COLORS.pathRide, weight: 3.5, opacity: 0.9, lineCap: 'round' };
      return { color: COLORS.pathWalk, weight: 2, opacity: 1, dashArray: '4 5', lineCap: 'round' };
    default:
      return { color: COLORS.building, weight: 1, opacity: 1, fillColor: COLORS.buildingFill, fillOpacity: 0.6 };
  }
}

/** Route legs: riding solid orange, walking dashed blue. */
export function routeStyle(mode: RouteMode): PathStyle {
  return mode === 'walk'
    ? { color: COLORS.routeWalk, weight: 5, opacity: 0.95, dashArray: '2 9', lineCap: 'round' }
    : { color: COLORS.routeRide, weight: 6, opacity: 0.95, lineCap: 'round' };
}

export type GateState = 'open' | 'closed' | 'no_workers' | 'unknown';

/** A gate for workers now: closed by its hours, not for workers, open, or unknown (hours too complex). */
export function gateState(p: Pick<MapProperties, 'workers_allowed' | 'opening_hours'>, at: Date = new Date()): GateState {
  if (p.workers_allowed === false) return 'no_workers';
  const open = isOpenAt(p.opening_hours ?? '', at);
  if (open === null) return 'unknown';
  return open ? 'open' : 'closed';
}

export interface MarkerLook {
  /** Short text drawn in the badge (P, 门, ⚡ ...). */
  glyph: string;
  /** CSS modifier: map-pin--gate, map-pin--parking ... */
  className: string;
  color: string;
}

/** The badge of a point feature. Gates take their colour from `state`. */
export function markerLook(kind: FeatureKind, state: GateState = 'open'): MarkerLook {
  switch (kind) {
    case 'gate':
      return { glyph: '门', className: `gate gate-${state}`, color: state === 'closed' ? COLORS.closed : state === 'no_workers' ? COLORS.noWorkers : COLORS.open };
    case 'parking':
      return { glyph: 'P', className: 'parking', color: COLORS.parking };
    case 'swap_cabinet':
      return { glyph: '换', className: 'swap', color: '#0c8599' };
    case 'charging':
      return { glyph: '⚡', className: 'charging', color: '#e67700' };
    case 'drop_off':
      return { glyph: '放', className: 'dropoff', color: '#7048e8' };
    case 'garage_entrance':
      return { glyph: '库', className: 'garage', color: '#495057' };
    case 'entrance':
      return { glyph: '', className: 'entrance', color: '#e8590c' };
    case 'building':
      return { glyph: '楼', className: 'building', color: COLORS.building };
    default:
      return { glyph: '★', className: 'landmark', color: '#5c940d' };
  }
}

/** Which geometries each kind may have, the usual one first. */
export function geometryTypesFor(kind: FeatureKind): Array<Geometry['type']> {
  switch (kind) {
    case 'boundary':
      return ['Polygon'];
    case 'building':
      return ['Polygon', 'Point'];
    case 'parking':
      return ['Point', 'Polygon'];
    case 'path':
      return ['LineString'];
    default:
      return ['Point'];
  }
}

/** Drawing order: areas under lines under points. */
export function drawOrder(kind: FeatureKind): number {
  return kind === 'boundary' ? 0 : kind === 'building' || kind === 'parking' ? 1 : kind === 'path' ? 2 : 3;
}

// ---------------------------------------------------------------------------------------------
// Geometry

/** A point to hang a label on: the point, a line's middle vertex, a polygon's area centroid. */
export function anchorOf(geometry: Geometry): Position {
  if (geometry.type === 'Point') return geometry.coordinates;
  if (geometry.type === 'LineString') return geometry.coordinates[Math.floor(geometry.coordinates.length / 2)] ?? [0, 0];
  const ring = geometry.coordinates[0] ?? [];
  // Relative to the first vertex: products of raw degrees (116.33 × 39.99) lose the precision needed.
  const [ox, oy] = ring[0] ?? [0, 0];
  let area = 0;
  let x = 0;
  let y = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const x0 = ring[i]![0] - ox;
    const y0 = ring[i]![1] - oy;
    const x1 = ring[i + 1]![0] - ox;
    const y1 = ring[i + 1]![1] - oy;
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    x += (x0 + x1) * cross;
    y += (y0 + y1) * cross;
  }
  if (Math.abs(area) < 1e-20) {
    const n = Math.max(1, ring.length);
    return [ring.reduce((s, p) => s + p[0], 0) / n, ring.reduce((s, p) => s + p[1], 0) / n];
  }
  return [ox + x / (3 * area), oy + y / (3 * area)];
}

/** [[south, west], [north, east]] of every position, or null when there is none. */
export function boundsOf(geometries: Geometry[]): [[number, number], [number, number]] | null {
  let south = Infinity;
  let west = Infinity;
  let north = -Infinity;
  let east = -Infinity;
  const add = ([lon, lat]: Position): void => {
    south = Math.min(south, lat);
    north = Math.max(north, lat);
    west = Math.min(west, lon);
    east = Math.max(east, lon);
  };
  for (const g of geometries) {
    if (g.type === 'Point') add(g.coordinates);
    else if (g.type === 'LineString') g.coordinates.forEach(add);
    else g.coordinates.forEach((ring) => ring.forEach(add));
  }
  return Number.isFinite(south) ? [[south, west], [north, east]] : null;
}

/** Coordinates stored to 1e-7° (the server keeps 1e-6°, about 0.1 m). */
export function roundPosition(lon: number, lat: number): Position {
  return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
}

/** Closes a ring drawn by clicks (first point repeated at the end). */
export function closeRing(points: Position[]): Position[] {
  if (points.length === 0) return [];
  const first = points[0]!;
  const last = points[points.length - 1]!;
  return first[0] === last[0] && first[1] === last[1] ? points.slice() : [...points, first];
}

/** Metres between two positions (equirectangular; fine inside a compound). */
export function distanceMeters(a: Position, b: Position): number {
  const rad = Math.PI / 180;
  const x = (b[0] - a[0]) * rad * Math.cos(((a[1] + b[1]) / 2) * rad);
  const y = (b[1] - a[1]) * rad;
  return Math.sqrt(x * x + y * y) * 6_371_000;
}

// ---------------------------------------------------------------------------------------------
// Opening hours (the common OSM forms only: "24/7", "Mo-Fr 07:00-22:00; Sa,Su 08:00-21:00", "off")

const DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;

/** Weekday (0 = Monday) and minutes since midnight in Beijing time, where the compounds are. */
export function beijingClock(at: Date): { day: number; minutes: number } {
  const shifted = new Date(at.getTime() + 8 * 3600_000);
  return { day: (shifted.getUTCDay() + 6) % 7, minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes() };
}

function parseDays(text: string): Set<number> | null {
  const days = new Set<number>();
  for (const part of text.split(',')) {
    const range = /^(Mo|Tu|We|Th|Fr|Sa|Su)(?:-(Mo|Tu|We|Th|Fr|Sa|Su))?$/.exec(part.trim());
    if (!range) return null;
    const from = DAYS.indexOf(range[1] as (typeof DAYS)[number]);
    const to = range[2] ? DAYS.indexOf(range[2] as (typeof DAYS)[number]) : from;
    for (let d = from; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === to) break;
    }
  }
  return days;
}

function parseTimes(text: string): Array<[number, number]> | null {
  const spans: Array<[number, number]> = [];
  for (const part of text.split(',')) {
    const m = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(part.trim());
    if (!m) return null;
    const from = Number(m[1]) * 60 + Number(m[2]);
    const to = Number(m[3]) * 60 + Number(m[4]);
    if (from > 24 * 60 || to > 48 * 60) return null;
    spans.push([from, to]);
  }
  return spans;
}

/**
 * Whether `spec` is open at `at` (Beijing time), or null when the text is not one of the simple
 * forms this understands (the page then shows the text as it is). "" means always open. Later
 * rules override earlier ones for their days, as in OSM; public-holiday rules are ignored.
 */
export function isOpenAt(spec: string, at: Date): boolean | null {
  const text = spec.trim();
  if (text === '' || text === '24/7') return true;
  const { day, minutes } = beijingClock(at);
  const yesterday = (day + 6) % 7;
  let open: boolean | null = false;
  let decided = false;
  for (const raw of text.split(';')) {
    const rule = raw.trim();
    if (!rule) continue;
    if (/^PH\b/.test(rule)) continue;
    if (rule === '24/7') {
      open = true;
      decided = true;
      continue;
    }
    const m = /^(?:((?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?(?:,(?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?)*)\s+)?(.+)$/.exec(rule);
    if (!m) return null;
    const days = m[1] ? parseDays(m[1]) : new Set([0, 1, 2, 3, 4, 5, 6]);
    if (!days) return null;
    const what = m[2]!.trim();
    if (what === 'off' || what === 'closed') {
      if (days.has(day)) {
        open = false;
        decided = true;
      }
      continue;
    }
    const spans = parseTimes(what);
    if (!spans) return null;
    let hit = false;
    for (const [from, to] of spans) {
      if (to > from || to > 24 * 60) {
        if (days.has(day) && minutes >= from && minutes < to) hit = true;
        if (to > 24 * 60 && days.has(yesterday) && minutes < to - 24 * 60) hit = true;
      } else {
        // Overnight: 22:00-06:00.
        if (days.has(day) && minutes >= from) hit = true;
        if (days.has(yesterday) && minutes < to) hit = true;
      }
    }
    if (days.has(day)) {
      open = hit;
      decided = true;
    } else if (hit) {
      open = true; // the overnight tail of yesterday's rule
      decided = true;
    }
  }
  return decided ? open : false;
}

// ---------------------------------------------------------------------------------------------
// Routes

export type Origin = { kind: 'feature'; id: number; label: string } | { kind: 'gps'; lat: number; lon: number } | null;

/** The `from` parameter: feature:ID, LAT,LON (6 decimals), or nothing (the server picks a gate). */
export function originParam(origin: Origin): string | undefined {
  if (!origin) return undefined;
  if (origin.kind === 'feature') return `feature:${origin.id}`;
  return `${origin.lat.toFixed(6)},${origin.lon.toFixed(6)}`;
}

/** The query of GET /compounds/{code}/route. */
export function routeQuery(opts: { to: number | string; from?: Origin; at?: Date | number | null; bike?: 'with' | 'parked' }): Record<string, string> {
  const query: Record<string, string> = { to: typeof opts.to === 'number' ? `feature:${opts.to}` : opts.to };
  const from = originParam(opts.from ?? null);
  if (from) query.from = from;
  if (opts.at != null) query.at = String(typeof opts.at === 'number' ? Math.floor(opts.at) : Math.floor(opts.at.getTime() / 1000));
  if (opts.bike && opts.bike !== 'with') query.bike = opts.bike;
  return query;
}

/** The query string for the route URL (stable order, for tests and links). */
export function routeSearch(opts: Parameters<typeof routeQuery>[0]): string {
  const query = routeQuery(opts);
  const params = new URLSearchParams();
  for (const key of ['from', 'to', 'at', 'bike']) if (query[key]) params.set(key, query[key]!);
  return params.toString();
}

export type Lang = 'zh' | 'en';

/** "80 米", "1.2 公里"; "80 m", "1.2 km". */
export function formatDistance(meters: number, lang: Lang = 'zh'): string {
  const m = Math.max(0, Math.round(meters));
  if (m >= 1000) {
    const km = (m / 1000).toFixed(1).replace(/\.0$/, '');
    return lang === 'en' ? `${km} km` : `${km} 公里`;
  }
  return lang === 'en' ? `${m} m` : `${m} 米`;
}

/** "约 2 分钟", "under 1 min". */
export function formatDuration(seconds: number, lang: Lang = 'zh'): string {
  const minutes = Math.round(Math.max(0, seconds) / 60);
  if (minutes < 1) return lang === 'en' ? 'under 1 min' : '不到 1 分钟';
  return lang === 'en' ? `about ${minutes} min` : `约 ${minutes} 分钟`;
}

export interface StepView {
  index: number;
  text: string;
  mode: RouteMode;
  /** "骑行 80 米" / "步行 60 米", empty for a step without distance. */
  detail: string;
  at: [number, number] | null; // [lat, lon]
}

/** The steps as listed under the map: numbered, with the mode and distance of each leg. */
export function stepViews(steps: RouteStep[], lang: Lang = 'zh'): StepView[] {
  return steps.map((step, i) => {
    const mode = step.mode === 'walk' ? 'walk' : 'ride';
    const verb = lang === 'en' ? (mode === 'walk' ? 'Walk' : 'Ride') : mode === 'walk' ? '步行' : '骑行';
    const detail = step.distance_m > 0 ? `${verb} ${formatDistance(step.distance_m, lang)}` : '';
    const at = typeof step.lat === 'number' && typeof step.lon === 'number' ? ([step.lat, step.lon] as [number, number]) : null;
    return { index: i + 1, text: step.text, mode, detail, at };
  });
}

/** What the voice says: every step in order, then the arrival. */
export function speechText(route: Pick<RouteAnswer, 'steps' | 'summary'>): string {
  const parts = route.steps.map((s) => s.text.trim()).filter(Boolean);
  if (parts.length === 0) return route.summary ?? '';
  return `${parts.map((p) => p.replace(/[。.，,；;]+$/, '')).join('。')}。`;
}

/** The first and last positions of a route ([lon, lat]), or null for an empty one. */
export function routeEnds(route: Pick<RouteAnswer, 'features'>): { start: Position; end: Position } | null {
  const lines = route.features.map((f) => f.geometry.coordinates).filter((c) => c.length > 0);
  if (lines.length === 0) return null;
  return { start: lines[0]![0]!, end: lines[lines.length - 1]![lines[lines.length - 1]!.length - 1]! };
}

/** What to do with an address parse on compound `code`'s page. */
export type ParseOutcome =
  | { kind: 'target'; featureId: number; label: string }
  | { kind: 'other_compound'; code: string; name: string }
  | { kind: 'not_found'; what: string };

export function parseOutcome(answer: ParseAnswer, code: string): ParseOutcome {
  if (answer.compound && answer.compound.code !== code) return { kind: 'other_compound', code: answer.compound.code, name: answer.compound.name };
  if (answer.target) return { kind: 'target', featureId: answer.target.feature_id, label: answer.target.label };
  const p = answer.parts ?? {};
  const what = [p.section, p.building_text || (p.building ? `${p.building}号楼` : ''), p.entrance ? `${p.entrance}单元` : ''].filter(Boolean).join(' ');
  return { kind: 'not_found', what: what || answer.query };
}

// ---------------------------------------------------------------------------------------------
// Editing

/** The properties the side form edits for each kind (besides label, section and note). */
export function editableFields(kind: FeatureKind): Array<keyof MapProperties> {
  switch (kind) {
    case 'gate':
      return ['gate_kind', 'workers_allowed', 'green_lane', 'walk', 'ride', 'opening_hours'];
    case 'building':
      return ['number', 'floors'];
    case 'entrance':
      return ['number', 'building_id'];
    case 'parking':
      return ['capacity'];
    case 'path':
      return ['walk', 'ride', 'steps', 'one_way', 'opening_hours'];
    case 'boundary':
      return [];
    default:
      return ['opening_hours'];
  }
}

const BOOLEAN_FIELDS = new Set<keyof MapProperties>(['workers_allowed', 'green_lane', 'walk', 'ride', 'steps', 'one_way']);
const INTEGER_FIELDS = new Set<keyof MapProperties>(['floors', 'capacity', 'building_id']);
const KEEP = new Set<keyof MapProperties>(['media', 'osm_ref']);

/**
 * The properties to send for `kind` from the form's values: only the fields that apply, trimmed
 * text, integers, booleans; empty optional values are left out. Unedited extras (media, osm_ref)
 * are kept from `previous`; `values.media`, when given, is the new list of photos and videos.
 */
export function cleanProperties(kind: FeatureKind, values: Partial<Record<keyof MapProperties, unknown>>, previous: Partial<MapProperties> = {}): MapProperties {
  const out: MapProperties = { kind };
  const allowed = new Set<keyof MapProperties>(['label', 'section', 'note', ...editableFields(kind)]);
  for (const key of allowed) {
    const value = values[key];
    if (BOOLEAN_FIELDS.has(key)) {
      if (typeof value === 'boolean') (out as unknown as Record<string, unknown>)[key] = value;
    } else if (INTEGER_FIELDS.has(key)) {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (Number.isInteger(n) && n > 0) (out as unknown as Record<string, unknown>)[key] = n;
    } else if (typeof value === 'string' && value.trim() !== '') {
      (out as unknown as Record<string, unknown>)[key] = value.trim();
    }
  }
  for (const key of KEEP) if (previous[key] !== undefined) (out as unknown as Record<string, unknown>)[key] = previous[key];
  if (Array.isArray(values.media)) {
    const media = values.media.filter((u): u is string => typeof u === 'string' && u.trim() !== '').map((u) => u.trim());
    if (media.length) out.media = media;
    else delete out.media;
  }
  return out;
}

/** A feature ready to POST or PUT (no id: the URL names it). */
export function featureBody(geometry: Geometry, properties: MapProperties): MapFeature {
  const { id: _id, ...rest } = properties;
  return { type: 'Feature', geometry, properties: rest };
}

/** A history row's time as unix seconds (the server may send seconds or ISO text). */
export function historySeconds(at: number | string): number {
  if (typeof at === 'number') return at > 1e12 ? Math.floor(at / 1000) : at;
  const parsed = Date.parse(at);
  return Number.isNaN(parsed) ? NaN : Math.floor(parsed / 1000);
}
