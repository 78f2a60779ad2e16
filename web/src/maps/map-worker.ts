/**
 * The worker's map page (/m/CODE, opened without login from the poster's QR code) and the compound
 * finder (/m). Phone first: big text and touch targets, Chinese first. The one implementation of
 * these pages: the light gate page (m.html, gate-page/main.ts) runs it at the paths /m and /m/CODE,
 * the app at #/m…. It draws on the light map (light-map.ts, no map library). The search field is
 * there at once, before the map: a typed address becomes a route in one call
 * (GET …/route?to=address:TEXT), made while the map JSON is still on its way.
 */

import * as api from './api';
import { ApiError, isAbort, me } from '../shell/api';
import { h, icon, replace } from '../shell/dom';
import { isOfficer } from '../shell/format';
import { getLang } from '../shell/i18n';
import { icons } from '../shell/icons';
import { errorMessageOf } from '../shell/ui';
import {
  COLORS,
  entranceLabel,
  editorHash,
  featureId,
  staffLoginHref,
  featureLabel,
  formatDistance,
  formatDuration,
  gateState,
  isEmptyMap,
  markerLook,
  parseOutcome,
  routeQuery,
  speechText,
  stepViews,
  type CompoundMapDoc,
  type MapFeature,
  type Origin,
  type RouteAnswer,
} from './geo';
import { compoundRules } from './compound-rules';
import { gatePhoto, gateStepIndex, mediaOf } from './media';
import { kindName, tm, tmMaybe } from './messages';
import { dropViews, MAX_STOPS, MIN_STOPS, multiDropRequest, stopProblem, type DropView, type MultiDropAnswer, type StopProblem } from './multidrop';
import { openLightbox, photoThumb, reveal } from './photos';
import { navigateMenu } from './navigate';
import { LightMap, type Layer } from './light-map';
import { drawDrops, drawFeatures, drawRoute, focusMarker, youAreHere } from './light-draw';
import { boxContains } from './mercator';
import type { MapPath } from './map-path';
import './maps.css';
import { langButton } from '../shell/lang-button';

const CACHE_PREFIX = 'youhao.map.';
const LIST =
  '<svg viewBox="0 0 24 24" width="22" height="22" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M10 6h10M10 12h10M10 18h10"/><circle cx="5" cy="6" r="1.6"/><circle cx="5" cy="12" r="1.6"/><circle cx="5" cy="18" r="1.6"/></svg>';
const SPEAKER =
  '<svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"><path d="M4 9h4l5-4v14l-5-4H4z"/><path d="M16.5 8.5a5 5 0 0 1 0 7M19 6a8.5 8.5 0 0 1 0 12"/></svg>';

/** The base map: the server's tiles of the city's OpenStreetMap data (zooms 12–18; nearer, the 18s scaled). */
const BASE_TILES = { url: (z: number, x: number, y: number) => `/tiles/${z}/${x}/${y}.svg`, minZoom: 12, maxZoom: 18 };

export function mapPage(route: Exclude<MapPath, { name: 'notfound' }>, signal: AbortSignal): HTMLElement {
  return route.name === 'map' ? compoundMapPage(route.code, route.q, signal) : findPage(route.q, signal);
}

function topBar(title: string, subtitle: string): HTMLElement {
  return h(
    'header',
    { class: 'mw-top' },
    h('a', { class: 'logo', href: '/#/home', 'aria-label': tm('map.appHome') }, '友'),
    h('div', { class: 'mw-title' }, h('h1', { 'data-testid': 'map-compound-name' }, title), h('small', null, subtitle)),
    langButton(),
  );
}

/** Where the app is: at the poster's path (/m/...) or inside the hash-routed app. */
function onPath(): boolean {
  return location.pathname.startsWith('/m');
}

function mapHref(code: string, q = ''): string {
  const query = q ? `?q=${encodeURIComponent(q)}` : '';
  return onPath() ? `/m/${encodeURIComponent(code)}${query}` : `#/m/${encodeURIComponent(code)}${query}`;
}

/** A route call that failed because there is no way there now (gates closed, nothing connects). */
function isNoWay(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'no_route' || ((error.status === 400 || error.status === 422) && /no route|closed/i.test(error.detail ?? '')));
}

function message(box: HTMLElement, tone: 'info' | 'warn' | 'bad' | null, ...content: Array<Node | string>): void {
  box.hidden = tone === null;
  box.className = `mw-message${tone === 'info' ? ' is-info' : tone === 'bad' ? ' is-bad' : ''}`;
  replace(box, ...content);
}

// ---------------------------------------------------------------------------------------------
// Loading, with the last copy kept for a poor connection

interface Loaded {
  doc: CompoundMapDoc;
  offline: boolean;
}

async function loadMap(code: string, signal: AbortSignal): Promise<Loaded> {
  try {
    const doc = await api.compoundMap(code, signal);
    try {
      const text = JSON.stringify(doc);
      if (text.length < 600_000) localStorage.setItem(CACHE_PREFIX + code, text);
    } catch {
      // Storage full or disabled: the page works without the copy.
    }
    return { doc, offline: false };
  } catch (error) {
    if (error instanceof ApiError && error.status === 0) {
      try {
        const text = localStorage.getItem(CACHE_PREFIX + code);
        if (text) return { doc: JSON.parse(text) as CompoundMapDoc, offline: true };
      } catch {
        // fall through to the error
      }
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// The compound's page

function compoundMapPage(code: string, initialQuery: string, signal: AbortSignal): HTMLElement {
  const loading = loadMap(code, signal);
  loading.catch(() => undefined);
  const page = h('div', { class: 'mw', 'data-testid': 'map-page', 'data-code': code });
  const body = h('div', { class: 'mw-body' });
  replace(page, topBar('…', tm('map.title')), compoundRules(code, signal), body);
  mapView(page, body, code, loading, initialQuery, signal);
  return page;
}

/** What replaces the page's body when the map cannot be shown: an unknown code, or no map and no copy. */
function mapFailed(page: HTMLElement, body: HTMLElement, code: string, error: unknown, signal: AbortSignal): void {
  if (error instanceof ApiError && error.status === 404) {
    const title = page.querySelector('[data-testid="map-compound-name"]') as HTMLElement;
    title.textContent = tm('map.title');
    replace(
      body,
      h('div', { class: 'mw-empty', 'data-testid': 'map-not-found' }, icon(icons.alert, 'empty-icon'), h('h2', null, tm('map.notFoundTitle')), h('p', null, tm('map.notFoundText', { code }))),
      finderForm('', signal),
    );
    return;
  }
  replace(
    body,
    h(
      'div',
      { class: 'mw-empty', role: 'alert', 'data-testid': 'map-error' },
      icon(icons.wifiOff, 'empty-icon'),
      h('h2', null, errorMessageOf(error)),
      h('button', { type: 'button', class: 'btn btn-primary', onClick: () => location.reload() }, tm('map.retry')),
    ),
  );
}

/** Where the ride between compounds ends: the compound's point, else the middle of its map. */
function compoundPosition(doc: CompoundMapDoc): { lat: number; lon: number } | null {
  const c = doc.compound;
  if (c?.lat != null && c?.lon != null) return { lat: c.lat, lon: c.lon };
  const box = doc.bbox;
  if (box && box.length === 4 && box.every((n) => Number.isFinite(n))) return { lat: (box[1]! + box[3]!) / 2, lon: (box[0]! + box[2]!) / 2 };
  return null;
}

function navigateLabels(): { button: string; amap: string; baidu: string; tencent: string } {
  return { button: tm('map.navigate'), amap: tm('map.navigate.amap'), baidu: tm('map.navigate.baidu'), tencent: tm('map.navigate.tencent') };
}

function noMapView(code: string, signal: AbortSignal): HTMLElement {
  const action = h('div', { class: 'mw-empty-action' });
  const editor = `/${editorHash(code)}`;
  // Staff who are logged in go straight to the editor; everyone else is asked to log in first.
  me(signal, true).then(
    ({ account }) => {
      if (isOfficer(account.role)) replace(action, h('a', { class: 'btn btn-primary btn-block', href: editor, 'data-testid': 'map-draw-link' }, icon(icons.map), h('span', null, tm('map.drawIt'))));
    },
    () => undefined,
  );
  replace(action, h('a', { class: 'btn btn-secondary', href: staffLoginHref(code), 'data-testid': 'map-staff-login' }, tm('map.staffLogin')));
  return h(
    'div',
    { class: 'mw-empty', 'data-testid': 'map-empty' },
    icon(icons.map, 'empty-icon'),
    h('h2', null, tm('map.noMapTitle')),
    h('p', null, tm('map.noMapText')),
    action,
  );
}

interface Multi {
  addresses: string[];
  rows: number[];
  answer: MultiDropAnswer;
  drops: DropView[];
  selected: number;
}

interface RouteState {
  origin: Origin;
  target: { featureId: number; label: string } | null;
  route: RouteAnswer | null;
  /** The last 多单顺路 plan on show (its addresses re-plan when the start changes). */
  multi: Multi | null;
  seq: number;
}

function mapView(page: HTMLElement, body: HTMLElement, code: string, loading: Promise<Loaded>, initialQuery: string, signal: AbortSignal): void {
  const lang = getLang();
  const byId = new Map<number, MapFeature>();
  const state: RouteState = { origin: null, target: null, route: null, multi: null, seq: 0 };

  const input = h('input', {
    class: 'input',
    type: 'search',
    name: 'q',
    value: initialQuery,
    placeholder: tm('map.searchPlaceholder'),
    'aria-label': tm('map.searchLabel'),
    autocomplete: 'off',
    enterkeyhint: 'search',
    maxlength: 120,
    'data-testid': 'map-search',
  });
  const multiToggle = h(
    'button',
    { type: 'button', class: 'btn btn-secondary mw-multi-toggle', 'aria-expanded': 'false', 'aria-controls': 'mw-multi', title: tm('map.multiOpen'), 'data-testid': 'multi-open' },
    h('span', { class: 'icon', 'aria-hidden': 'true', html: LIST }),
    h('span', null, tm('map.multi')),
  );
  const form = h(
    'form',
    { class: 'mw-search', role: 'search', 'data-testid': 'map-search-form' },
    input,
    h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'map-search-submit' }, tm('map.search')),
    multiToggle,
  );
  const multiBox = h('section', { class: 'mw-multi', id: 'mw-multi', hidden: true, 'aria-label': tm('map.multiTitle'), 'data-testid': 'multi-panel' });
  const originRow = h('div', { class: 'mw-origin', 'data-testid': 'map-origin' });
  const note = h('div', { class: 'mw-message', role: 'status', hidden: true, 'data-testid': 'map-message' });
  const panel = h('section', { class: 'mw-route', hidden: true, 'data-testid': 'route-panel', 'aria-live': 'polite' });
  const mapBox = h('div', { class: 'mw-map', 'data-testid': 'map' }, h('div', { class: 'mw-map-loading', 'aria-busy': 'true' }, tm('map.loading')));
  replace(body, form, multiBox, originRow, note, mapBox, panel, legend());

  // The map, once its JSON is here (the route may be on show before it).
  let map: LightMap | null = null;
  let routeLayer: Layer | null = null;
  let youLayer: Layer | null = null;
  let focusLayer: Layer | null = null;

  const synth = typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : null;
  signal.addEventListener('abort', () => {
    synth?.cancel();
    map?.remove();
  });

  loading.then(
    (loaded) => {
      if (signal.aborted) return;
      const { doc } = loaded;
      const title = page.querySelector('[data-testid="map-compound-name"]') as HTMLElement;
      title.textContent = doc.compound?.name || code;
      document.title = `${title.textContent} · ${tm('map.title')}`;
      const there = compoundPosition(doc);
      if (there) title.parentElement?.after(navigateMenu({ ...there, name: title.textContent }, navigateLabels(), 'map-navigate'));
      if (isEmptyMap(doc)) {
        replace(body, noMapView(code, signal));
        return;
      }
      showMap(doc);
      if (note.hidden) {
        if (loaded.offline) message(note, 'warn', tm('map.offlineCopy'));
        else if (!doc.features.some((f) => f.properties?.kind === 'building')) message(note, 'info', tm('map.noBuildings'));
      }
    },
    (error: unknown) => {
      if (signal.aborted || isAbort(error)) return;
      // A route already on show stays; the map's box says what went wrong.
      if (state.route && !(error instanceof ApiError && error.status === 404)) replace(mapBox, h('div', { class: 'mw-map-loading', role: 'alert', 'data-testid': 'map-error' }, errorMessageOf(error)));
      else {
        synth?.cancel();
        mapFailed(page, body, code, error, signal);
      }
    },
  );

  function showMap(doc: CompoundMapDoc): void {
    for (const f of doc.features) {
      const id = featureId(f);
      if (id) byId.set(id, f);
    }
    replace(mapBox);
    const center: [number, number] | null = doc.compound?.lat != null && doc.compound?.lon != null ? [doc.compound.lat, doc.compound.lon] : null;
    // A popup's photos load when it opens, not with the map (a weak connection pays only for what is looked at).
    const shown = new LightMap(mapBox, { minZoom: 13, maxZoom: 22, center: center ?? [39.99, 116.33], zoom: 17, tiles: BASE_TILES, onPopupOpen: reveal });
    map = shown;
    const popup = (feature: MapFeature): HTMLElement | null =>
      popupContent(feature, byId, {
        from: (origin) => {
          shown.closePopup();
          setOrigin(origin);
        },
        to: (id, label) => {
          shown.closePopup();
          state.target = { featureId: id, label };
          void runRoute();
        },
      });
    const drawn = drawFeatures(shown, doc, { popup });
    if (state.origin?.kind === 'gps') youLayer = youAreHere(shown, state.origin.lat, state.origin.lon);
    shown.whenSized(() => {
      shown.fit(drawn.bounds, { fallback: center });
      // What was asked before the map came: the route on it, and its steps again (now with the gate's photo).
      if (state.multi) showDrops(state.multi.selected, true);
      else if (state.route) showRoute(state.route);
    });
    mapBox.setAttribute('data-ready', 'true');
  }

  function renderOrigin(): void {
    const o = state.origin;
    const name = !o ? tm('map.fromDefault') : o.kind === 'feature' ? o.label : tm('map.fromGps');
    replace(
      originRow,
      h('span', null, `${tm('map.from')}：`, h('b', { 'data-testid': 'map-origin-name' }, name)),
      o ? h('button', { type: 'button', class: 'btn btn-link', 'data-testid': 'map-origin-clear', onClick: () => setOrigin(null) }, tm('map.clearFrom')) : null,
      'geolocation' in navigator && o?.kind !== 'gps'
        ? h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'map-gps', onClick: () => void useGps(10_000, true) }, icon(icons.pin), h('span', null, tm('map.useGps')))
        : null,
    );
  }

  function setOrigin(origin: Origin): void {
    state.origin = origin;
    if (origin?.kind !== 'gps') {
      youLayer?.remove();
      youLayer = null;
    }
    renderOrigin();
    if (state.multi) void runMulti(state.multi.addresses);
    else if (state.target) void runRoute();
  }

  async function useGps(timeout: number, explicit: boolean): Promise<boolean> {
    try {
      const at = await new Promise<GeolocationPosition>((resolve, reject) => navigator.geolocation.getCurrentPosition(resolve, reject, { enableHighAccuracy: true, timeout, maximumAge: 60_000 }));
      if (signal.aborted) return false;
      const { latitude: lat, longitude: lon } = at.coords;
      youLayer?.remove();
      youLayer = map ? youAreHere(map, lat, lon) : null;
      if (explicit) setOrigin({ kind: 'gps', lat, lon });
      else {
        state.origin = { kind: 'gps', lat, lon };
        renderOrigin();
      }
      return true;
    } catch {
      if (explicit) message(note, 'warn', tm('map.gpsFailed'));
      return false;
    }
  }

  // Whether the phone lets this page use its position without asking: asked once, when the page
  // opens, so that a search does not wait for the answer (the permission's state stays current).
  let gpsPermission: PermissionStatus | null = null;
  const gpsAsked = 'geolocation' in navigator && navigator.permissions ? navigator.permissions.query({ name: 'geolocation' }).then((status) => void (gpsPermission = status), () => undefined) : Promise.resolve();
  async function gpsAllowed(): Promise<boolean> {
    await gpsAsked;
    return gpsPermission?.state === 'granted';
  }

  /** Says why there is no way there (every gate closed at this hour, nothing connects), else the error. */
  function routeFailed(error: unknown): void {
    if (isNoWay(error)) message(note, 'bad', tm('map.noRoute', { reason: error instanceof ApiError ? (error.detail ?? '') : '' }));
    else message(note, 'bad', errorMessageOf(error));
  }

  async function runRoute(): Promise<void> {
    const target = state.target;
    if (!target) return;
    const seq = ++state.seq;
    synth?.cancel();
    message(note, 'info', tm('map.searching'));
    if (!state.origin && (await gpsAllowed())) await useGps(4000, false);
    try {
      const answer = await api.compoundRoute(code, routeQuery({ to: target.featureId, from: state.origin }), signal);
      if (seq !== state.seq || signal.aborted) return;
      message(note, null);
      showRoute(answer);
    } catch (error) {
      if (seq !== state.seq || isAbort(error)) return;
      clearRoute();
      routeFailed(error);
    }
  }

  function clearLayers(): void {
    routeLayer?.remove();
    routeLayer = null;
    focusLayer?.remove();
    focusLayer = null;
  }

  function clearRoute(): void {
    clearLayers();
    state.route = null;
    state.multi = null;
    panel.hidden = true;
  }

  function speakButton(route: RouteAnswer): HTMLElement | null {
    if (!synth) return null;
    const label = h('span', null, tm('map.speak'));
    const speak = h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'route-speak', 'aria-pressed': 'false' }, h('span', { class: 'icon', 'aria-hidden': 'true', html: SPEAKER }), label);
    const done = (): void => {
      speak.setAttribute('aria-pressed', 'false');
      label.textContent = tm('map.speak');
    };
    speak.addEventListener('click', () => {
      if (synth.speaking || speak.getAttribute('aria-pressed') === 'true') {
        synth.cancel();
        done();
        return;
      }
      const utterance = new SpeechSynthesisUtterance(speechText(route));
      utterance.lang = 'zh-CN';
      utterance.rate = 0.95;
      const voice = synth.getVoices().find((v) => v.lang.replace('_', '-').toLowerCase().startsWith('zh'));
      if (voice) utterance.voice = voice;
      utterance.onend = done;
      utterance.onerror = done;
      speak.setAttribute('aria-pressed', 'true');
      label.textContent = tm('map.stop');
      synth.speak(utterance);
    });
    return speak;
  }

  /** Summary, totals, gates closed now, read-aloud, and the numbered steps (the gate's photo on the step that enters by it). */
  function routeDetails(route: RouteAnswer): Array<HTMLElement | null> {
    const steps = stepViews(route.steps ?? [], lang);
    const totals = [tm('map.total', { distance: formatDistance(route.distance_m, lang), duration: formatDuration(route.duration_s, lang) })];
    if (route.ride_m && route.walk_m) totals.push(tm('map.rideWalk', { ride: formatDistance(route.ride_m, lang), walk: formatDistance(route.walk_m, lang) }));
    const speak = speakButton(route);
    const photo = gatePhoto(route, byId);
    const photoAt = photo ? gateStepIndex(route.steps ?? [], photo.label) : -1;
    return [
      h('p', { class: 'mw-summary', 'data-testid': 'route-summary' }, route.summary || route.target?.label || ''),
      h('p', { class: 'mw-totals', 'data-testid': 'route-totals' }, totals.join(' · ')),
      route.rule?.text ? h('p', { class: 'mw-closed', 'data-testid': 'route-rule' }, route.rule.text) : null,
      route.closed?.length ? h('p', { class: 'mw-closed', 'data-testid': 'route-closed' }, tm('map.closedNow', { gates: route.closed.map((c) => `${c.label}${c.opening_hours ? `（${c.opening_hours}）` : ''}`).join('、') })) : null,
      speak ? h('div', { class: 'mw-route-actions' }, speak) : null,
      h('h2', { class: 'mw-steps-title' }, tm('map.steps')),
      h(
        'ol',
        { class: 'mw-steps', 'data-testid': 'route-steps' },
        steps.map((step, i) =>
          h(
            'li',
            null,
            h(
              'button',
              {
                type: 'button',
                class: `mw-step mw-step-${step.mode}`,
                'data-testid': 'route-step',
                onClick: () => {
                  if (!step.at || !map) return;
                  focusLayer?.remove();
                  focusLayer = focusMarker(map, step.at[0], step.at[1]);
                  map.setView(step.at, Math.max(map.getZoom(), 18.5));
                  mapBox.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
                },
              },
              h('span', { class: 'mw-step-n', 'aria-hidden': 'true' }, String(step.index)),
              h('span', { class: 'mw-step-text' }, step.text, step.detail ? h('small', null, step.detail) : null),
            ),
            photo && i === photoAt
              ? photoThumb(photo.url, tm('photos.of', { label: photo.label }), () => openLightbox(photo.photos, 0, tm('photos.of', { label: photo.label })), { size: 56, className: 'mw-step-photo', testid: 'step-photo' })
              : null,
          ),
        ),
      ),
    ];
  }

  /** The route (and its steps) on show; on the map too once it is there. */
  function showRoute(route: RouteAnswer): void {
    clearRoute();
    state.route = route;
    if (map) {
      const drawn = drawRoute(map, route);
      routeLayer = drawn.layer;
      if (drawn.bounds) map.fit(drawn.bounds, { maxZoom: 19, clearOfControls: true });
    }
    replace(panel, ...routeDetails(route));
    panel.hidden = false;
  }

  /**
   * A typed address: one call, the route to it (the server reads the address on this compound's
   * map). Only when that fails is the address read again, to say why: in another compound (with
   * a link there), or not on this map.
   */
  async function search(q: string): Promise<void> {
    if (!q) return;
    const seq = ++state.seq;
    synth?.cancel();
    input.blur();
    message(note, 'info', tm('map.searching'));
    const url = mapHref(code, q);
    history.replaceState(history.state, '', url.startsWith('#') ? `${location.pathname}${location.search}${url}` : url);
    if (!state.origin && (await gpsAllowed())) await useGps(4000, false);
    if (seq !== state.seq) return;
    try {
      const answer = await api.compoundRoute(code, routeQuery({ to: `address:${q}`, from: state.origin }), signal);
      if (seq !== state.seq || signal.aborted) return;
      state.target = { featureId: answer.target.id, label: answer.target.label };
      message(note, null);
      showRoute(answer);
    } catch (error) {
      if (seq !== state.seq || isAbort(error)) return;
      // A failed search leaves no old route on screen to be mistaken for the answer.
      clearRoute();
      state.target = null;
      if (isNoWay(error)) routeFailed(error);
      else if (error instanceof ApiError && error.status === 404) {
        const wanted = (error.problem as { building?: unknown }).building;
        const what = typeof wanted === 'string' && wanted ? (/^\d+$/.test(wanted) ? `${wanted}号楼` : wanted) : q;
        message(note, 'warn', tm('map.noTarget', { what }));
      } else if (error instanceof ApiError && (error.status === 400 || error.status === 422)) await explain(q, seq, error);
      else message(note, 'bad', errorMessageOf(error));
    }
  }

  /** Why an address gave no route: the parser says where it is (another compound) or what it could not find. */
  async function explain(q: string, seq: number, error: unknown): Promise<void> {
    try {
      const outcome = parseOutcome(await api.parseAddress(q, code, signal), code);
      if (seq !== state.seq) return;
      if (outcome.kind === 'other_compound') {
        message(note, 'warn', `${tm('map.otherCompound', { name: outcome.name })} `, h('a', { href: `/m/${encodeURIComponent(outcome.code)}?q=${encodeURIComponent(q)}`, 'data-testid': 'map-other-compound' }, tm('map.openOther', { name: outcome.name })));
      } else if (outcome.kind === 'not_found') message(note, 'warn', tm('map.noTarget', { what: outcome.what }));
      else message(note, 'bad', errorMessageOf(error));
    } catch (again) {
      if (seq !== state.seq || isAbort(again)) return;
      message(note, 'bad', errorMessageOf(error));
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void search(input.value.trim());
  });

  // -------------------------------------------------------------------------------------------
  // 多单顺路: a few addresses in, the quickest order out, each leg on the map and its steps below.

  const multiRows = h('ol', { class: 'mw-multi-rows', 'data-testid': 'multi-rows' });
  const multiNote = h('div', { class: 'mw-message is-bad', role: 'alert', hidden: true, 'data-testid': 'multi-message' });
  const addRow = h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'multi-add' }, `+ ${tm('map.multiAdd')}`);
  const planButton = h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'multi-submit' }, tm('map.multiPlan'));
  let rowInputs: HTMLInputElement[] = [];
  let rowErrors: HTMLElement[] = [];

  function renderRows(values: string[]): void {
    rowInputs = [];
    rowErrors = [];
    replace(
      multiRows,
      values.map((value, i) => {
        const n = i + 1;
        const id = `mw-multi-${n}`;
        const field = h('input', {
          class: 'input',
          id,
          type: 'text',
          value,
          placeholder: tm('map.multiPlaceholder'),
          autocomplete: 'off',
          enterkeyhint: i === values.length - 1 ? 'go' : 'next',
          maxlength: 120,
          'aria-describedby': `${id}-error`,
          'data-testid': 'multi-input',
        });
        const error = h('div', { class: 'mw-multi-error', id: `${id}-error`, hidden: true, 'data-testid': 'multi-error' });
        rowInputs.push(field);
        rowErrors.push(error);
        return h(
          'li',
          { class: 'mw-multi-row', 'data-testid': 'multi-row' },
          h('label', { class: 'mw-multi-n', for: id }, tm('map.multiRow', { n })),
          field,
          values.length > MIN_STOPS
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'btn btn-ghost mw-multi-remove',
                  'aria-label': tm('map.multiRemove', { n }),
                  'data-testid': 'multi-remove',
                  onClick: () => {
                    const rest = currentValues();
                    rest.splice(i, 1);
                    renderRows(rest);
                    rowInputs[Math.min(i, rowInputs.length - 1)]?.focus();
                  },
                },
                '×',
              )
            : null,
          error,
        );
      }),
    );
    addRow.disabled = values.length >= MAX_STOPS;
  }

  const currentValues = (): string[] => rowInputs.map((i) => i.value);

  function openMulti(open: boolean): void {
    multiBox.hidden = !open;
    multiToggle.setAttribute('aria-expanded', String(open));
    multiToggle.classList.toggle('is-on', open);
    if (!open) return;
    if (rowInputs.length === 0) renderRows([input.value.trim(), '']);
    (rowInputs.find((i) => !i.value.trim()) ?? rowInputs[0])?.focus();
  }

  const problemText = (problem: StopProblem): string => {
    switch (problem.kind) {
      case 'not_on_map':
        return tm('map.multiNotOnMap', { building: /^\d+$/.test(problem.building) ? `${problem.building}号楼` : problem.building });
      case 'no_building':
        return tm('map.multiNoBuilding');
      case 'other_compound':
        return tm('map.multiOtherCompound', { name: problem.name });
      default:
        return problem.text;
    }
  };

  function rowError(row: number, text: string | null): void {
    const box = rowErrors[row];
    const field = rowInputs[row];
    if (!box || !field) return;
    box.hidden = text === null;
    box.textContent = text ?? '';
    field.classList.toggle('is-invalid', text !== null);
    if (text !== null) field.setAttribute('aria-invalid', 'true');
    else field.removeAttribute('aria-invalid');
  }

  async function runMulti(addresses: string[]): Promise<void> {
    const { body, rows } = multiDropRequest(code, addresses, state.origin);
    rowErrors.forEach((_, row) => rowError(row, null));
    multiNote.hidden = true;
    if (rows.length < MIN_STOPS) {
      const empty = addresses.findIndex((a) => !a.trim());
      rowError(empty >= 0 ? empty : 0, tm('map.multiNeedTwo'));
      rowInputs[empty >= 0 ? empty : 0]?.focus();
      return;
    }
    const seq = ++state.seq;
    synth?.cancel();
    planButton.disabled = true;
    planButton.textContent = tm('map.multiPlanning');
    message(note, 'info', tm('map.searching'));
    try {
      if (!state.origin && (await gpsAllowed())) {
        await useGps(4000, false);
        const from = multiDropRequest(code, addresses, state.origin).body.from;
        if (from) body.from = from;
      }
      const answer = await api.multiDrop(body, signal);
      if (seq !== state.seq || signal.aborted) return;
      const drops = dropViews(answer, rows, addresses);
      if (drops.length === 0) throw new Error('multi-drop: the answer does not match the stops');
      message(note, null);
      clearRoute();
      state.target = null;
      state.multi = { addresses, rows, answer, drops, selected: 0 };
      openMulti(false);
      showDrops(0, true);
    } catch (error) {
      if (seq !== state.seq || isAbort(error)) return;
      message(note, null);
      const about = error instanceof ApiError ? stopProblem(error.detail, (error.problem as { stop?: unknown }).stop) : null;
      if (about && rows[about.index] !== undefined) {
        if (multiBox.hidden) openMulti(true);
        rowError(rows[about.index]!, problemText(about.problem));
        rowInputs[rows[about.index]!]?.focus();
      } else {
        if (multiBox.hidden) openMulti(true);
        multiNote.hidden = false;
        if (error instanceof ApiError && (error.status === 400 || error.status === 422) && /no route|closed/i.test(error.detail ?? '')) multiNote.textContent = tm('map.noRoute', { reason: error.detail ?? '' });
        else multiNote.textContent = errorMessageOf(error);
      }
    } finally {
      planButton.disabled = false;
      planButton.textContent = tm('map.multiPlan');
    }
  }

  /** The planned drops in order; `selected` is drawn on top and its steps are listed. */
  function showDrops(selected: number, fitAll = false): void {
    const multi = state.multi;
    if (!multi) return;
    multi.selected = selected;
    clearLayers();
    const legs = multi.drops.map((d) => d.leg);
    if (map) {
      const drawnDrops = drawDrops(map, legs, selected, (i) => {
        showDrops(i);
        panel.querySelector<HTMLElement>(`[data-n="${i + 1}"]`)?.focus({ preventScroll: true });
      });
      routeLayer = drawnDrops.layer;
      // The whole plan at first; later the chosen leg, only when it is not all in view already (the
      // map does not jump while the worker taps through drops that are on screen).
      const leg = drawnDrops.legBounds[selected];
      if (fitAll && drawnDrops.bounds) map.fit(drawnDrops.bounds, { maxZoom: 19, clearOfControls: true });
      else if (leg && !boxContains(map.getBounds(), leg)) map.fit(leg, { maxZoom: 19, clearOfControls: true });
    }
    const drop = multi.drops[selected]!;
    replace(
      panel,
      h('h2', { class: 'mw-drops-title', 'data-testid': 'multi-result-title' }, tm('map.multiResult', { count: multi.drops.length })),
      h(
        'p',
        { class: 'mw-totals', 'data-testid': 'multi-totals' },
        tm('map.total', { distance: formatDistance(multi.answer.distance_m, lang), duration: formatDuration(multi.answer.duration_s, lang) }),
      ),
      h(
        'ol',
        { class: 'mw-drops', 'data-testid': 'multi-order' },
        multi.drops.map((d, i) =>
          h(
            'li',
            null,
            h(
              'button',
              {
                type: 'button',
                class: `pick mw-drop${i === selected ? ' is-selected' : ''}`,
                'aria-current': i === selected ? 'step' : null,
                'data-n': String(d.n),
                'data-row': String(d.row),
                'data-testid': 'multi-drop',
                onClick: () => showDrops(i),
              },
              h('span', { class: 'mw-drop-n', 'aria-hidden': 'true' }, String(d.n)),
              h(
                'span',
                { class: 'pick-text mw-drop-text' },
                h('b', { 'data-testid': 'multi-drop-label' }, tm('map.multiDrop', { n: d.n, label: d.label })),
                d.address && d.address !== d.label ? h('small', null, tm('map.multiTyped', { address: d.address })) : null,
              ),
              h('span', { class: 'mw-drop-leg', 'data-testid': 'multi-drop-leg' }, formatDistance(d.distance_m, lang), h('small', null, formatDuration(d.duration_s, lang))),
            ),
          ),
        ),
      ),
      h('div', { class: 'mw-route-actions' }, h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'multi-edit', onClick: () => openMulti(true) }, tm('map.multiEdit'))),
      h(
        'div',
        { class: 'mw-leg', 'data-testid': 'multi-leg', 'data-n': String(drop.n) },
        h('h2', { class: 'mw-leg-title', 'data-testid': 'multi-leg-title' }, tm('map.multiLegSteps', { n: drop.n, label: drop.label })),
        ...routeDetails(drop.leg),
      ),
    );
    panel.hidden = false;
  }

  addRow.addEventListener('click', () => {
    const values = currentValues();
    if (values.length >= MAX_STOPS) return;
    renderRows([...values, '']);
    rowInputs[rowInputs.length - 1]?.focus();
  });
  multiToggle.addEventListener('click', () => openMulti(multiBox.hidden));
  replace(
    multiBox,
    h(
      'div',
      { class: 'mw-multi-head' },
      h('h2', null, tm('map.multiTitle')),
      h('button', { type: 'button', class: 'btn btn-ghost', 'data-testid': 'multi-close', onClick: () => openMulti(false) }, tm('map.multiClose')),
    ),
    h('p', { class: 'mw-multi-hint' }, tm('map.multiHint')),
    h(
      'form',
      {
        class: 'mw-multi-form',
        novalidate: true,
        'data-testid': 'multi-form',
        onSubmit: (event: Event) => {
          event.preventDefault();
          void runMulti(currentValues());
        },
      },
      multiRows,
      multiNote,
      h('div', { class: 'mw-multi-actions' }, addRow, planButton),
    ),
  );

  renderOrigin();
  if (initialQuery) void search(initialQuery);
}

function popupContent(
  feature: MapFeature,
  byId: Map<number, MapFeature>,
  actions: { from: (origin: Origin) => void; to: (id: number, label: string) => void },
): HTMLElement | null {
  const p = feature.properties;
  const id = featureId(feature);
  if (p.kind === 'boundary' || p.kind === 'path') return null;
  const building = p.kind === 'entrance' && p.building_id ? byId.get(p.building_id)?.properties : null;
  const title = p.kind === 'entrance' ? entranceLabel(p, building) : featureLabel(p) || kindName(p.kind);
  const facts: Array<Node | string> = [];
  if (p.kind === 'gate') {
    const state = gateState(p);
    facts.push(
      h(
        'li',
        { class: state === 'open' ? 'text-ok' : state === 'unknown' ? '' : 'text-bad', 'data-testid': 'popup-gate-state' },
        state === 'open' ? tm('map.openNow') : state === 'closed' ? tm('map.closedNowShort') : state === 'no_workers' ? tm('map.noWorkers') : `${tm('map.hours')}：${p.opening_hours}`,
      ),
    );
    if (p.gate_kind) facts.push(h('li', null, tmMaybe(`map.gateKind.${p.gate_kind}`, p.gate_kind)));
    if (p.green_lane) facts.push(h('li', { class: 'text-ok' }, tm('map.greenLane')));
  }
  if (p.kind !== 'building' && p.kind !== 'entrance') {
    const hours = (p.opening_hours ?? '').trim();
    if (p.kind === 'gate' || hours) facts.push(h('li', null, `${tm('map.hours')}：${hours || tm('map.alwaysOpen')}`));
  }
  if (p.kind === 'parking' && p.capacity) facts.push(h('li', null, tm('map.capacity', { count: p.capacity })));
  if (p.kind === 'building' && p.floors) facts.push(h('li', null, tm('map.floors', { count: p.floors })));
  if (p.note) facts.push(h('li', null, p.note));

  const buttons: HTMLElement[] = [];
  if (id && ((p.kind === 'gate' && p.workers_allowed !== false) || p.kind === 'parking' || p.kind === 'garage_entrance')) {
    buttons.push(h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'popup-from', onClick: () => actions.from({ kind: 'feature', id, label: featureLabel(p) || kindName(p.kind) }) }, tm('map.fromHere')));
  }
  if (id && (p.kind === 'building' || p.kind === 'entrance')) {
    buttons.push(h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'popup-to', onClick: () => actions.to(id, title) }, tm('map.toHere')));
  }
  return h(
    'div',
    { class: 'pop', 'data-testid': 'map-popup' },
    h('strong', { class: 'pop-title' }, title),
    h('span', { class: 'pop-kind' }, kindName(p.kind)),
    facts.length ? h('ul', { class: 'pop-facts' }, facts) : null,
    popupMedia(p, title),
    buttons.length ? h('div', { class: 'pop-actions' }, buttons) : null,
  );
}

/** The photos of the way (loaded when the popup opens; tap for the large one) and links to videos. */
function popupMedia(p: MapFeature['properties'], title: string): HTMLElement | null {
  const { photos, links } = mediaOf(p);
  if (photos.length === 0 && links.length === 0) return null;
  const alt = tm('photos.of', { label: title });
  return h(
    'div',
    { class: 'pop-media', 'data-testid': 'popup-media' },
    photos.map((url, i) => photoThumb(url, photos.length > 1 ? `${alt} ${i + 1}` : alt, () => openLightbox(photos, i, alt), { deferred: true, testid: 'popup-photo' })),
    links.map((url, i) =>
      h('a', { class: 'btn btn-secondary pop-video', href: url, target: '_blank', rel: 'noopener noreferrer', 'data-testid': 'popup-video' }, `▶ ${tm('photos.video')}${links.length > 1 ? ` ${i + 1}` : ''}`),
    ),
  );
}

function legend(): HTMLElement {
  const badge = (kind: Parameters<typeof markerLook>[0], state: Parameters<typeof markerLook>[1] = 'open', square = false): HTMLElement => {
    const look = markerLook(kind, state);
    return h('span', { class: `legend-swatch${square ? ' is-square' : ''}`, style: `background:${look.color}` }, look.glyph);
  };
  const row = (swatch: HTMLElement, text: string): HTMLElement => h('li', null, swatch, h('span', null, text));
  return h(
    'details',
    { class: 'mw-legend', open: true, 'data-testid': 'map-legend' },
    h('summary', null, tm('map.legend')),
    h(
      'ul',
      { class: 'legend-list' },
      row(badge('gate', 'open', true), tm('map.legend.gateOpen')),
      row(badge('gate', 'closed', true), tm('map.legend.gateClosed')),
      row(badge('gate', 'no_workers', true), tm('map.legend.gateNoWorkers')),
      row(h('span', { class: 'legend-swatch is-area' }), tm('map.legend.building')),
      row(h('span', { class: 'legend-swatch is-dot' }), tm('map.legend.entrance')),
      row(badge('parking', 'open', true), tm('map.legend.parking')),
      row(badge('swap_cabinet'), tm('map.legend.swap')),
      row(badge('charging'), tm('map.legend.charging')),
      row(badge('drop_off'), tm('map.legend.dropoff')),
      row(badge('garage_entrance'), tm('map.legend.garage')),
      row(h('span', { class: 'legend-line' }), tm('map.legend.pathRide')),
      row(h('span', { class: 'legend-line is-walk' }), tm('map.legend.pathWalk')),
      row(h('span', { class: 'legend-line is-route-ride', style: `border-top-color:${COLORS.routeRide}` }), tm('map.legend.routeRide')),
      row(h('span', { class: 'legend-line is-route-walk', style: `border-top-color:${COLORS.routeWalk}` }), tm('map.legend.routeWalk')),
      row(h('span', { class: 'legend-swatch is-stop' }, '1'), tm('map.legend.stop')),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Finding a compound by name or address (#/m, /m)

function finderForm(initial: string, signal: AbortSignal, autoRun = false): HTMLElement {
  const input = h('input', { class: 'input', type: 'search', name: 'q', value: initial, placeholder: tm('map.findPlaceholder'), 'aria-label': tm('map.findPlaceholder'), maxlength: 120, enterkeyhint: 'search', 'data-testid': 'map-find-input' });
  const note = h('div', { class: 'mw-message', role: 'status', hidden: true, 'data-testid': 'map-find-message' });
  const results = h('div');
  const run = async (q: string): Promise<void> => {
    if (!q) return;
    message(note, 'info', tm('map.searching'));
    replace(results);
    try {
      const answer = await api.parseAddress(q, undefined, signal);
      const p = answer.parts ?? {};
      if (answer.compound) {
        const more = !!(p.building || p.entrance || p.room);
        const href = mapHref(answer.compound.code, more ? q : '');
        if (href.startsWith('#')) location.hash = href;
        else location.assign(href);
        return;
      }
      const suggestions = answer.suggestions ?? [];
      if (suggestions.length === 0) {
        message(note, 'warn', tm('map.findNone'));
        return;
      }
      message(note, 'info', tm('map.findPick'));
      replace(
        results,
        h(
          'ul',
          { class: 'mw-find-list', 'data-testid': 'map-find-results' },
          suggestions.map((s) => h('li', null, h('a', { href: mapHref(s.code) }, h('span', null, s.name), icon(icons.chevron)))),
        ),
      );
    } catch (error) {
      if (isAbort(error)) return;
      message(note, 'bad', errorMessageOf(error));
    }
  };
  const form = h(
    'form',
    {
      class: 'mw-search',
      role: 'search',
      'data-testid': 'map-find-form',
      onSubmit: (event: Event) => {
        event.preventDefault();
        void run(input.value.trim());
      },
    },
    input,
    h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'map-find-submit' }, tm('map.search')),
  );
  if (autoRun && initial) void run(initial);
  return h('div', { class: 'mw-find' }, form, note, results);
}

/** Compounds whose map this phone has opened (their last copy is kept for a poor connection). */
function recentMaps(): Array<{ code: string; name: string }> {
  const found: Array<{ code: string; name: string }> = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!key?.startsWith(CACHE_PREFIX)) continue;
      const doc = JSON.parse(localStorage.getItem(key) ?? 'null') as CompoundMapDoc | null;
      if (doc?.compound?.code) found.push({ code: doc.compound.code, name: doc.compound.name || doc.compound.code });
    }
  } catch {
    // Storage unavailable: no list.
  }
  return found.slice(0, 8);
}

function findPage(q: string, signal: AbortSignal): HTMLElement {
  document.title = tm('map.brand');
  const recent = recentMaps();
  return h(
    'div',
    { class: 'mw', 'data-testid': 'map-find-page' },
    topBar(tm('map.title'), tm('map.findTitle')),
    h('p', { class: 'mw-intro' }, tm('map.findIntro')),
    finderForm(q, signal, true),
    recent.length
      ? [
          h('h2', { class: 'mw-steps-title mw-recent-title' }, tm('map.recent')),
          h(
            'ul',
            { class: 'mw-find-list', 'data-testid': 'map-recent' },
            recent.map((r) => h('li', null, h('a', { href: mapHref(r.code) }, h('span', null, r.name), icon(icons.chevron)))),
          ),
        ]
      : null,
  );
}
