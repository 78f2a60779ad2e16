/**
 * Friendly places and 15-minute coverage (docs/places.md): the API's shapes and the pure logic of
 * the pages built on it — the nearby page's URL (`/places?lat=&lon=&kind=&amenity=&open_now=1&at=`)
 * and its API query, distances and times in words, busy levels, the keeper's form body, the review
 * queue's differences, and coverage shares. No DOM here: everything is unit-tested.
 */

export const KINDS = ['station', 'merchant', 'canteen', 'clinic', 'battery_swap', 'charging', 'toilet', 'legal_aid', 'training'] as const;
export type PlaceKind = (typeof KINDS)[number];

export const AMENITIES = [
  'water',
  'hot_water',
  'microwave',
  'fridge',
  'phone_charging',
  'ebike_charging',
  'battery_swap',
  'toilet',
  'medicine_kit',
  'heating_cooling',
  'wifi',
  'seats',
  'meals',
  'nap_space',
  'books',
] as const;
export type Amenity = (typeof AMENITIES)[number];

/** The amenities offered as filter chips on the nearby page (the ones a rider asks for most). */
export const FILTER_AMENITIES: readonly Amenity[] = ['microwave', 'hot_water', 'phone_charging', 'ebike_charging', 'toilet', 'water', 'seats', 'heating_cooling', 'wifi', 'meals'];

export const TIERS = ['flagship', 'hub', 'local'] as const;
export type Tier = (typeof TIERS)[number];

export type PlaceStatus = 'pending' | 'approved' | 'rejected';
export type BusyLevel = 'quiet' | 'normal' | 'busy';
export type Profile = 'ride' | 'walk';

export interface Offers {
  discount?: string | null;
  rider_price_yuan?: number | null;
  late_meal?: string | null;
}

export interface Place {
  id: number;
  kind: PlaceKind | string;
  kind_label?: string;
  name: string;
  status: PlaceStatus | string;
  address?: string | null;
  lat: number;
  lon: number;
  area?: { code: string; name: string } | null;
  tier?: Tier | string | null;
  grade?: string | null;
  next_grade?: { grade: string; missing: string[] } | null;
  amenities: string[];
  opening_hours?: string | null;
  hours_zh?: string | null;
  open_now?: boolean | null;
  always_open?: boolean;
  capacity?: number | null;
  scan_entry?: boolean;
  offers?: Offers | null;
  services?: string[] | null;
  supplies?: string[] | null;
  phone?: string | null;
  photos?: string[] | null;
  busy?: { checkins_last_hour: number; level: BusyLevel | string } | null;
  depots?: Array<{ id: number; name: string; platform?: string | null; minutes?: number | null }> | null;
  version: number;
  pending_change?: boolean;
  can_edit?: boolean;
  sign_url?: string | null;
  page_url?: string | null;
}

/** An offer as the nearby search shows it (with `redeemable=true`). */
export interface NearbyOffer {
  id: number;
  title: string;
  price: number;
  stock: number | null;
}

export interface NearbyPlace extends Place {
  road_seconds: number;
  road_metres: number;
  straight_metres?: number;
  /** With `redeemable=true`: the place's cheapest offers a worker could redeem with points now. */
  redeemable?: NearbyOffer[];
}

export interface NearbyAnswer {
  origin: { lat: number; lon: number; snapped_metres?: number };
  at: string;
  by_road: boolean;
  places: NearbyPlace[];
  attribution?: string;
}

export interface PlaceRoute {
  seconds: number;
  metres: number;
  profile: Profile | string;
  geometry: { type: 'LineString'; coordinates: Array<[number, number]> };
}

export interface CheckinAnswer {
  place_id: number;
  checkins_last_hour: number;
  door: 'opened' | 'not_applicable' | 'refused' | string;
  message?: string | null;
}

export interface Visits {
  total: number;
  by_kind: Record<string, number>;
  by_day: Array<{ date: string; count: number }>;
}

/** A row of the staff list: the live place and, when a change waits for review, its proposed fields. */
export interface ReviewPlace extends Place {
  pending?: Partial<PlaceBody> | null;
}

export interface PlaceBody {
  kind: string;
  name: string;
  lat: number;
  lon: number;
  address: string;
  amenities: string[];
  opening_hours: string;
  capacity: number | null;
  offers: Offers | null;
  services: string[];
  supplies: string[];
  phone: string;
  scan_entry: boolean;
  tier?: string | null;
  merge_into?: number;
  base_version?: number;
}

export interface HourShare {
  hour: number;
  covered: number;
  total: number;
  share: number;
  open_stations?: number;
}

export interface CoverageOutside {
  kind: 'compound' | 'depot' | string;
  code?: string | null;
  id?: number | null;
  name: string;
  lat: number;
  lon: number;
  minutes: number | null;
}

export interface CoverageCounts {
  total: number;
  with_road_data: number;
  covered: number;
  not_covered: number;
  no_road_data: number;
}

export interface CoverageCellFeature {
  type: 'Feature';
  geometry: { type: 'Polygon'; coordinates: Array<Array<[number, number]>> } | { type: string; coordinates: unknown };
  properties: { covered: boolean } & Record<string, unknown>;
}

export interface Coverage {
  /** docs/places.md says `name`; the server sends the area as everywhere else (`name_zh`, `name_en`). */
  area: { code: string; name?: string; name_zh?: string; name_en?: string; level: string };
  minutes: number;
  hour: number;
  by_hour: HourShare[];
  /** Every compound and depot once: total = with_road_data + no_road_data; with_road_data = covered + not_covered. */
  counts?: CoverageCounts;
  /** `total` counts those with road data (the share's denominator); `no_road_data` the rest. */
  compounds: { covered: number; total: number; no_road_data?: number };
  depots: { covered: number; total: number; no_road_data?: number };
  /** With road data, but no open station within `minutes`. */
  outside: CoverageOutside[];
  /** No imported road within 500 m: left out of the share, never a gap. */
  no_road_data?: Array<Omit<CoverageOutside, 'minutes'>>;
  stations: Array<{ id: number; name: string; lat: number; lon: number; open: boolean; grade?: string | null }>;
  cells: { type: 'FeatureCollection'; features: CoverageCellFeature[] };
  liaison: Array<{ depot: { id: number; name: string; platform?: string | null }; stations: Array<{ id: number; name: string; minutes: number }> }>;
  elapsed_ms?: number;
}

export interface Candidate {
  lat: number;
  lon: number;
  label: string;
}

export interface PlanRequest {
  area: string;
  minutes: number;
  hour: number;
  k: number;
  candidates: Candidate[];
  sources: string[];
}

export interface PlanPick {
  label: string;
  source: string;
  lat: number;
  lon: number;
  gained: number;
  covered_after: number;
  share_after: number;
}

export interface PlanAnswer {
  before: { covered: number; total: number; share: number };
  picks: PlanPick[];
  after: { covered: number; total: number; share: number };
  candidates_considered?: number;
}

// ---------------------------------------------------------------------------------------------
// The nearby page's state: read from and written to its URL, turned into the API query

export interface NearbyState {
  lat: number | null;
  lon: number | null;
  /** Passed through to the API (ISO 8601 with offset or Unix seconds) to ask "open at that time"; '' = now. */
  at: string;
  kinds: string[];
  amenities: string[];
  openNow: boolean;
  /** Only places with offers a worker could redeem with points now (附近可兑换). */
  redeemable: boolean;
  profile: Profile;
}

const isKind = (value: string): boolean => (KINDS as readonly string[]).includes(value);
const isAmenity = (value: string): boolean => (AMENITIES as readonly string[]).includes(value);

function list(value: string | null, known: (v: string) => boolean): string[] {
  const out: string[] = [];
  for (const part of (value ?? '').split(',')) {
    const v = part.trim();
    if (v && known(v) && !out.includes(v)) out.push(v);
  }
  return out;
}

function coordinate(value: string | null, limit: number): number | null {
  if (value == null || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : null;
}

/** `at` is passed to the server as it is, but only what an ISO 8601 time or Unix seconds may contain. */
export function cleanAt(value: string | null | undefined): string {
  const text = (value ?? '').trim();
  return text.length <= 40 && /^[0-9T:+\-.Z ]+$/i.test(text) ? text.replace(/ /g, '+') : '';
}

/** The page's state from its query string (`?lat=&lon=&kind=&amenity=&open_now=1&redeemable=1&at=&profile=`). */
export function parseNearby(search: string): NearbyState {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  let lat = coordinate(params.get('lat'), 90);
  let lon = coordinate(params.get('lon'), 180);
  if (lat === null || lon === null) lat = lon = null;
  const open = (params.get('open_now') ?? '').toLowerCase();
  const redeemable = (params.get('redeemable') ?? '').toLowerCase();
  return {
    lat,
    lon,
    at: cleanAt(params.get('at')),
    kinds: list(params.get('kind'), isKind),
    amenities: list(params.get('amenity'), isAmenity),
    openNow: open === '1' || open === 'true' || open === 'yes',
    redeemable: redeemable === '1' || redeemable === 'true',
    profile: params.get('profile') === 'walk' ? 'walk' : 'ride',
  };
}

/** The query string that brings the page back to `state` (for the address bar and sharing). */
export function nearbySearch(state: NearbyState): string {
  const params = new URLSearchParams();
  if (state.lat !== null && state.lon !== null) {
    params.set('lat', state.lat.toFixed(6).replace(/\.?0+$/, ''));
    params.set('lon', state.lon.toFixed(6).replace(/\.?0+$/, ''));
  }
  if (state.kinds.length) params.set('kind', state.kinds.join(','));
  if (state.amenities.length) params.set('amenity', state.amenities.join(','));
  if (state.openNow) params.set('open_now', '1');
  if (state.redeemable) params.set('redeemable', '1');
  if (state.at) params.set('at', state.at);
  if (state.profile === 'walk') params.set('profile', 'walk');
  const text = params.toString().replace(/%2C/gi, ',');
  return text ? `?${text}` : '';
}

/** The query of `GET /api/v1/places/nearby` for `state` (null until there is a location). */
export function nearbyQuery(state: NearbyState, limit = 20): Record<string, string> | null {
  if (state.lat === null || state.lon === null) return null;
  const query: Record<string, string> = { lat: String(state.lat), lon: String(state.lon), limit: String(limit) };
  if (state.kinds.length) query.kind = state.kinds.join(',');
  if (state.amenities.length) query.amenity = state.amenities.join(',');
  if (state.openNow) query.open_now = 'true';
  if (state.redeemable) query.redeemable = 'true';
  if (state.at) query.at = state.at;
  if (state.profile === 'walk') query.profile = 'walk';
  return query;
}

/** Toggles `value` in a list of chips (a new list; the order of first choice is kept). */
export function toggle(values: readonly string[], value: string): string[] {
  return values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
}

/** Same filters (not the location): a kept answer may be shown for them. */
export function sameFilters(a: NearbyState, b: NearbyState): boolean {
  const key = (s: NearbyState): string => JSON.stringify([[...s.kinds].sort(), [...s.amenities].sort(), s.openNow, s.redeemable, s.at, s.profile]);
  return key(a) === key(b);
}

// ---------------------------------------------------------------------------------------------
// Words and numbers

export type Lang = 'zh' | 'en';

/** Road time in whole minutes: "<1 分钟", "4 分钟", "1 小时 5 分钟". */
export function formatMinutes(seconds: number, lang: Lang = 'zh'): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const minutes = Math.round(seconds / 60);
  if (minutes < 1) return lang === 'zh' ? '不到 1 分钟' : '< 1 min';
  if (minutes < 60) return lang === 'zh' ? `${minutes} 分钟` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (lang === 'zh') return rest ? `${hours} 小时 ${rest} 分钟` : `${hours} 小时`;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/** A distance: "850 米", "1.2 公里" (metres below 1 km, rounded to 10 m). */
export function formatMetres(metres: number, lang: Lang = 'zh'): string {
  if (!Number.isFinite(metres) || metres < 0) return '—';
  if (metres < 1000) {
    const m = metres < 100 ? Math.round(metres) : Math.round(metres / 10) * 10;
    return lang === 'zh' ? `${m} 米` : `${m} m`;
  }
  const km = metres < 10_000 ? (Math.round(metres / 100) / 10).toFixed(1) : String(Math.round(metres / 1000));
  return lang === 'zh' ? `${km} 公里` : `${km} km`;
}

/** Minutes given as a number by the API (depot liaison, outside compounds): "3.2 分钟" → "3 分钟". */
export function formatMinutesValue(minutes: number | null | undefined, lang: Lang = 'zh'): string {
  if (minutes == null || !Number.isFinite(minutes)) return '—';
  return formatMinutes(minutes * 60, lang);
}

/** A share as a whole percentage: 0.769 → "77%". */
/** The counts at the chosen hour; from the per-kind counts when the server sent no `counts`. */
export function countsOf(d: Coverage): CoverageCounts {
  if (d.counts) return d.counts;
  const withRoad = d.compounds.total + d.depots.total;
  const covered = d.compounds.covered + d.depots.covered;
  const none = (d.compounds.no_road_data ?? 0) + (d.depots.no_road_data ?? 0);
  return { total: withRoad + none, with_road_data: withRoad, covered, not_covered: withRoad - covered, no_road_data: none };
}

export function formatShare(share: number | null | undefined): string {
  if (share == null || !Number.isFinite(share)) return '—';
  return `${Math.round(Math.max(0, Math.min(1, share)) * 100)}%`;
}

/** Percentage points gained: 0.62 → 0.85 = "+23"; never "-0". */
export function sharePoints(before: number, after: number): string {
  const points = Math.round(after * 100) - Math.round(before * 100);
  return points > 0 ? `+${points}` : String(points === 0 ? 0 : points);
}

/** A badge tone for how busy a place is right now. */
export function busyTone(level: string | null | undefined): 'ok' | 'warn' | 'bad' | 'muted' {
  if (level === 'quiet') return 'ok';
  if (level === 'normal') return 'warn';
  if (level === 'busy') return 'bad';
  return 'muted';
}

/** One-character glyph and colour of a kind (map markers, list badges): text only, no images. */
export function kindLook(kind: string): { glyph: string; color: string } {
  switch (kind) {
    case 'station':
      return { glyph: '驿', color: '#e8590c' };
    case 'merchant':
      return { glyph: '商', color: '#1971c2' };
    case 'canteen':
      return { glyph: '食', color: '#2b8a3e' };
    case 'clinic':
      return { glyph: '医', color: '#c92a2a' };
    case 'battery_swap':
      return { glyph: '换', color: '#5f3dc4' };
    case 'charging':
      return { glyph: '充', color: '#0c8599' };
    case 'toilet':
      return { glyph: '厕', color: '#495057' };
    case 'legal_aid':
      return { glyph: '法', color: '#862e9c' };
    case 'training':
      return { glyph: '培', color: '#a61e4d' };
    default:
      return { glyph: '友', color: '#495057' };
  }
}

/** A one-character glyph for an amenity (shown in a round badge beside its label). */
export function amenityGlyph(amenity: string): string {
  const glyphs: Record<string, string> = {
    water: '水',
    hot_water: '热',
    microwave: '微',
    fridge: '冰',
    phone_charging: '机',
    ebike_charging: '电',
    battery_swap: '换',
    toilet: '厕',
    medicine_kit: '药',
    heating_cooling: '暖',
    wifi: '网',
    seats: '座',
    meals: '餐',
    nap_space: '休',
    books: '书',
  };
  return glyphs[amenity] ?? '·';
}

/** Known amenities first in the checklist's order, unknown ones after (as the server sent them). */
export function sortAmenities(amenities: readonly string[]): string[] {
  const rank = (a: string): number => {
    const i = (AMENITIES as readonly string[]).indexOf(a);
    return i < 0 ? AMENITIES.length : i;
  };
  return [...new Set(amenities)].sort((a, b) => rank(a) - rank(b));
}

/** The time the server evaluated "open" at, as Beijing wall time: "11月23日 23:00" / "Nov 23, 23:00". */
export function beijingTime(iso: string | null | undefined, lang: Lang = 'zh'): string {
  if (!iso) return '';
  const unix = /^\d+$/.test(iso) ? Number(iso) * 1000 : Date.parse(iso);
  if (!Number.isFinite(unix)) return '';
  const d = new Date(unix + 8 * 3600_000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  if (lang === 'zh') return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${time}`;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${months[d.getUTCMonth()]} ${d.getUTCDate()}, ${time}`;
}

/** The current hour in Beijing (the coverage view's default). */
export function beijingHour(now: Date = new Date()): number {
  return new Date(now.getTime() + 8 * 3600_000).getUTCHours();
}

// ---------------------------------------------------------------------------------------------
// The public pages' paths (the QR sign opens /p/ID; inside the app the hash routes work too)

export function placeHref(id: number, onPath: boolean): string {
  return onPath ? `/p/${id}` : `#/p/${id}`;
}

export function nearbyHref(search: string, onPath: boolean): string {
  return `${onPath ? '/places' : '#/places'}${search}`;
}

// ---------------------------------------------------------------------------------------------
// The keeper's form

export interface PlaceForm {
  kind: string;
  name: string;
  lat: string;
  lon: string;
  address: string;
  amenities: string[];
  opening_hours: string;
  capacity: string;
  discount: string;
  rider_price_yuan: string;
  late_meal: string;
  services: string;
  supplies: string;
  phone: string;
  scan_entry: boolean;
  tier: string;
}

/** Splits a list typed by hand: commas, 、, semicolons or new lines, Chinese or not. */
export function splitList(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[,，、;；\n]+/)) {
    const v = part.trim();
    if (v && !out.includes(v)) out.push(v);
  }
  return out;
}

export type FormProblem = { field: keyof PlaceForm; key: 'nameMissing' | 'nameLong' | 'kindMissing' | 'coordsMissing' | 'hoursMissing' | 'capacityBad' | 'priceBad' };

/**
 * The body of `POST /api/v1/places` (and of PUT, with base_version) from the form's text, or the
 * first problem the browser can see by itself (the server checks everything again).
 */
export function placeBody(form: PlaceForm, options: { tier?: boolean } = {}): { body: PlaceBody } | { problem: FormProblem } {
  const name = form.name.trim();
  if (!form.kind) return { problem: { field: 'kind', key: 'kindMissing' } };
  if (!name) return { problem: { field: 'name', key: 'nameMissing' } };
  if ([...name].length > 60) return { problem: { field: 'name', key: 'nameLong' } };
  const lat = Number(form.lat);
  const lon = Number(form.lon);
  if (form.lat.trim() === '' || form.lon.trim() === '' || !Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    return { problem: { field: 'lat', key: 'coordsMissing' } };
  }
  if (!form.opening_hours.trim()) return { problem: { field: 'opening_hours', key: 'hoursMissing' } };
  let capacity: number | null = null;
  if (form.capacity.trim() !== '') {
    capacity = Number(form.capacity);
    if (!Number.isInteger(capacity) || capacity < 0 || capacity > 10_000) return { problem: { field: 'capacity', key: 'capacityBad' } };
  }
  let price: number | null = null;
  if (form.rider_price_yuan.trim() !== '') {
    price = Number(form.rider_price_yuan);
    if (!Number.isFinite(price) || price < 0) return { problem: { field: 'rider_price_yuan', key: 'priceBad' } };
  }
  const offers: Offers = {};
  if (form.discount.trim()) offers.discount = form.discount.trim();
  if (price !== null) offers.rider_price_yuan = price;
  if (form.late_meal.trim()) offers.late_meal = form.late_meal.trim();
  const body: PlaceBody = {
    kind: form.kind,
    name,
    lat,
    lon,
    address: form.address.trim(),
    amenities: sortAmenities(form.amenities.filter(isAmenity)),
    opening_hours: form.opening_hours.trim(),
    capacity,
    offers: Object.keys(offers).length ? offers : null,
    services: splitList(form.services),
    supplies: splitList(form.supplies),
    phone: form.phone.trim(),
    scan_entry: form.scan_entry,
  };
  if (options.tier && form.tier) body.tier = form.tier;
  return { body };
}

/** The form's text for an existing place (or an empty form). */
export function formOf(place: Partial<Place> | null): PlaceForm {
  return {
    kind: place?.kind ?? 'station',
    name: place?.name ?? '',
    lat: place?.lat != null ? String(place.lat) : '',
    lon: place?.lon != null ? String(place.lon) : '',
    address: place?.address ?? '',
    amenities: [...(place?.amenities ?? [])],
    opening_hours: place?.opening_hours ?? '',
    capacity: place?.capacity != null ? String(place.capacity) : '',
    discount: place?.offers?.discount ?? '',
    rider_price_yuan: place?.offers?.rider_price_yuan != null ? String(place.offers.rider_price_yuan) : '',
    late_meal: place?.offers?.late_meal ?? '',
    services: (place?.services ?? []).join('、'),
    supplies: (place?.supplies ?? []).join('、'),
    phone: place?.phone ?? '',
    scan_entry: !!place?.scan_entry,
    tier: place?.tier ?? '',
  };
}

/** The place a 409 duplicate_place problem points at. */
export function duplicateOf(problem: unknown): { id: number; name: string; distance_m: number } | null {
  if (!problem || typeof problem !== 'object') return null;
  const d = (problem as { duplicate_of?: unknown }).duplicate_of;
  if (!d || typeof d !== 'object') return null;
  const { id, name, distance_m: distance } = d as Record<string, unknown>;
  if (typeof id !== 'number') return null;
  return { id, name: typeof name === 'string' ? name : `#${id}`, distance_m: typeof distance === 'number' ? distance : 0 };
}

// ---------------------------------------------------------------------------------------------
// The review queue: what a pending change would change

const REVIEW_FIELDS = ['kind', 'name', 'address', 'lat', 'lon', 'amenities', 'opening_hours', 'capacity', 'offers', 'services', 'supplies', 'phone', 'scan_entry', 'tier'] as const;
export type ReviewField = (typeof REVIEW_FIELDS)[number];

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The fields a reviewer should look at: for a new place (status pending, no separate proposal)
 * every field it has; for a pending change of an approved place the ones that differ.
 */
export function reviewChanges(row: ReviewPlace): Array<{ field: ReviewField; before: unknown; after: unknown }> {
  const live = row as unknown as Record<string, unknown>;
  if (!row.pending) {
    const shown = (v: unknown): boolean => v != null && v !== '' && v !== false && !(Array.isArray(v) && v.length === 0);
    return REVIEW_FIELDS.filter((f) => shown(live[f])).map((field) => ({ field, before: null, after: live[field] }));
  }
  const proposed = row.pending as Record<string, unknown>;
  return REVIEW_FIELDS.filter((f) => f in proposed && !same(proposed[f], live[f])).map((field) => ({ field, before: live[field], after: proposed[field] }));
}

// ---------------------------------------------------------------------------------------------
// Coverage

/** The 24 hours in order, whatever the server sent (missing hours as an empty share). */
export function hoursOf(byHour: readonly HourShare[]): HourShare[] {
  const out: HourShare[] = [];
  for (let hour = 0; hour < 24; hour++) out.push(byHour.find((b) => b.hour === hour) ?? { hour, covered: 0, total: 0, share: 0 });
  return out;
}

/** The hours when coverage is lowest (for the words under the chart): at most `count`, ties by hour. */
export function weakestHours(byHour: readonly HourShare[], count = 3): number[] {
  return [...hoursOf(byHour)].filter((h) => h.total > 0).sort((a, b) => a.share - b.share || a.hour - b.hour).slice(0, count).map((h) => h.hour);
}

export interface CoverageParams {
  hour: number;
  minutes: number;
}

export const MINUTE_CHOICES = [5, 10, 15] as const;

/** `?hour=&minutes=` of the coverage route, with defaults (the current Beijing hour, 15 minutes). */
export function parseCoverage(search: string, now: Date = new Date()): CoverageParams {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const hourText = params.get('hour');
  const hour = hourText !== null && /^\d{1,2}$/.test(hourText) && Number(hourText) <= 23 ? Number(hourText) : beijingHour(now);
  const minutes = Number(params.get('minutes'));
  return { hour, minutes: (MINUTE_CHOICES as readonly number[]).includes(minutes) ? minutes : 15 };
}

export function coverageSearch(p: CoverageParams): string {
  return `?hour=${p.hour}&minutes=${p.minutes}`;
}

/** K for the planner: an integer 1–20, else the default 3. */
export function clampK(text: string | number): number {
  const k = Math.round(Number(text));
  return Number.isFinite(k) && k >= 1 ? Math.min(20, k) : 3;
}

export function planBody(area: string, params: CoverageParams, k: number, candidates: readonly Candidate[], sources: readonly string[]): PlanRequest {
  return { area, minutes: params.minutes, hour: params.hour, k: clampK(k), candidates: candidates.map((c) => ({ lat: c.lat, lon: c.lon, label: c.label })), sources: [...sources] };
}

/** Bars for a small chart: each count with its width in percent of the largest (never 0 for a count > 0). */
export function barWidths(values: readonly number[]): number[] {
  const max = Math.max(0, ...values);
  return values.map((v) => (max <= 0 || v <= 0 ? 0 : Math.max(4, Math.round((v / max) * 100))));
}
