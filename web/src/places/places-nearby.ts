/**
 * The rider's "nearby" page (/places, #/places): friendly places around a point, nearest by road
 * first. Public and phone first: kind and amenity chips, 现在营业, the location from GPS, a tap on
 * the map or the link (?lat=&lon=; &at= is passed to the API for testing). The last answer is kept
 * in localStorage and shown when the network is gone. Leaflet loads beside this chunk.
 */

import * as api from './api';
import { ApiError, isAbort } from '../shell/api';
import { h, icon, replace } from '../shell/dom';
import { icons } from '../shell/icons';
import {
  beijingTime,
  FILTER_AMENITIES,
  formatMetres,
  formatMinutes,
  KINDS,
  nearbyHref,
  nearbyQuery,
  nearbySearch,
  parseNearby,
  placeHref,
  sameFilters,
  toggle,
  type NearbyAnswer,
  type NearbyPlace,
  type NearbyState,
  type PlaceRoute,
} from './model';
import { amenityName, lang, tp, tpMaybe } from './messages';
import { amenityList, busyBadge, chip, gradeBadge, kindGlyph, kindText, openLine, topBar } from './ui';
import './places.css';
import { errorMessageOf } from '../shell/ui';

type Draw = typeof import('./draw');
type LMap = ReturnType<Draw['createMap']>;

const CACHE_KEY = 'youhao.places.last';
const DEFAULT_CENTER: [number, number] = [39.99, 116.34];

interface Kept {
  state: NearbyState;
  answer: NearbyAnswer;
  saved: number;
}

function keep(state: NearbyState, answer: NearbyAnswer): void {
  try {
    const text = JSON.stringify({ state, answer, saved: Date.now() } satisfies Kept);
    if (text.length < 400_000) localStorage.setItem(CACHE_KEY, text);
  } catch {
    // Storage full or disabled: the page works without the copy.
  }
}

function kept(): Kept | null {
  try {
    const text = localStorage.getItem(CACHE_KEY);
    const value = text ? (JSON.parse(text) as Kept) : null;
    return value?.answer?.places ? value : null;
  } catch {
    return null;
  }
}

/** Where the app is: at the sign's path (/places) or inside the hash-routed app. */
const onPath = (): boolean => location.pathname.startsWith('/places') || location.pathname.startsWith('/p/');

/** The words for a failed search: too far from a road, outside the city, else the error. */
export function searchFailure(error: unknown): string {
  if (error instanceof ApiError && (error.status === 400 || error.status === 422)) {
    const detail = error.detail ?? '';
    if (/500\s*m|no road|from any road|too far/i.test(detail)) return tp('places.noRoad');
    if (/outside|not covered|road network/i.test(detail)) return tp('places.outside');
    return tp('places.badRequest', { detail: detail || errorMessageOf(error) });
  }
  return errorMessageOf(error);
}

export function nearbyPage(search: string, signal: AbortSignal, drawing: Promise<Draw>): HTMLElement {
  document.title = tp('places.brand');
  const state: NearbyState = parseNearby(search);
  let origin: 'link' | 'gps' | 'picked' | null = state.lat !== null ? 'link' : null;
  let answer: NearbyAnswer | null = null;
  let selected: NearbyPlace | null = null;
  let picking = false;
  let seq = 0;
  let routeSeq = 0;
  const L = lang();

  const message = h('div', { class: 'mw-message', role: 'status', hidden: true, 'data-testid': 'places-message' });
  const say = (tone: 'info' | 'warn' | 'bad' | null, ...content: Array<Node | string>): void => {
    message.hidden = tone === null;
    message.className = `mw-message${tone === 'info' ? ' is-info' : tone === 'bad' ? ' is-bad' : ''}`;
    replace(message, ...content);
  };

  // ---- filters
  const kindRow = h('div', { class: 'pf-row', role: 'group', 'aria-label': tp('places.kind'), 'data-testid': 'kind-filter' });
  const amenityRow = h('div', { class: 'pf-row', role: 'group', 'aria-label': tp('places.amenity'), 'data-testid': 'amenity-filter' });
  const toggles = h('div', { class: 'pf-toggles' });
  const renderFilters = (): void => {
    replace(
      kindRow,
      chip(tp('places.allKinds'), state.kinds.length === 0, {
        'data-testid': 'kind-chip',
        'data-kind': '',
        onClick: () => {
          state.kinds = [];
          changed();
        },
      }),
      KINDS.map((kind) =>
        chip([kindGlyph(kind, 'is-chip'), h('span', null, tpMaybe(`kindShort.${kind}`, kind))], state.kinds.includes(kind), {
          'data-testid': 'kind-chip',
          'data-kind': kind,
          onClick: () => {
            state.kinds = toggle(state.kinds, kind);
            changed();
          },
        }),
      ),
    );
    replace(
      amenityRow,
      FILTER_AMENITIES.map((a) =>
        chip(amenityName(a), state.amenities.includes(a), {
          'data-testid': 'amenity-chip',
          'data-amenity': a,
          onClick: () => {
            state.amenities = toggle(state.amenities, a);
            changed();
          },
        }),
      ),
    );
    replace(
      toggles,
      h(
        'button',
        {
          type: 'button',
          class: `pswitch${state.openNow ? ' is-on' : ''}`,
          role: 'switch',
          'aria-checked': String(state.openNow),
          'data-testid': 'open-now',
          onClick: () => {
            state.openNow = !state.openNow;
            changed();
          },
        },
        h('span', { class: 'pswitch-track', 'aria-hidden': 'true' }, h('span', { class: 'pswitch-knob' })),
        h('span', null, tp('places.openNow')),
      ),
      h(
        'button',
        {
          type: 'button',
          class: `pswitch${state.redeemable ? ' is-on' : ''}`,
          role: 'switch',
          'aria-checked': String(state.redeemable),
          'data-testid': 'redeemable',
          onClick: () => {
            state.redeemable = !state.redeemable;
            changed();
          },
        },
        h('span', { class: 'pswitch-track', 'aria-hidden': 'true' }, h('span', { class: 'pswitch-knob' })),
        h('span', null, tp('places.withOffers')),
      ),
      h(
        'div',
        { class: 'pseg', role: 'group', 'aria-label': tp('places.ride') },
        (['ride', 'walk'] as const).map((p) =>
          h(
            'button',
            {
              type: 'button',
              class: state.profile === p ? 'is-on' : null,
              'aria-pressed': String(state.profile === p),
              'data-testid': `profile-${p}`,
              onClick: () => {
                if (state.profile === p) return;
                state.profile = p;
                changed();
              },
            },
            tp(p === 'ride' ? 'places.ride' : 'places.walk'),
          ),
        ),
      ),
    );
  };

  // ---- location
  const originRow = h('div', { class: 'mw-origin pn-origin', 'data-testid': 'places-origin' });
  const renderOrigin = (): void => {
    const name = origin === 'gps' ? tp('places.fromGps') : origin === 'picked' ? tp('places.fromPicked') : origin === 'link' ? tp('places.fromLink') : tp('places.fromNone');
    replace(
      originRow,
      h('span', null, `${tp('places.from')}：`, h('b', { 'data-testid': 'places-origin-name' }, name)),
      'geolocation' in navigator
        ? h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'use-gps', onClick: () => void useGps(true) }, icon(icons.pin), h('span', null, tp('places.useGps')))
        : null,
      h(
        'button',
        {
          type: 'button',
          class: `btn btn-secondary${picking ? ' is-on' : ''}`,
          'aria-pressed': String(picking),
          'data-testid': 'pick-on-map',
          onClick: () => {
            picking = !picking;
            mapBox.classList.toggle('is-picking', picking);
            renderOrigin();
            if (picking) say('info', tp('places.pickHint'));
            mapBox.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
          },
        },
        icon(icons.map),
        h('span', null, picking ? tp('places.picking') : tp('places.pickOnMap')),
      ),
    );
  };

  const mapBox = h('div', { class: 'mw-map pn-map', 'data-testid': 'places-map', 'aria-label': tp('places.mapLabel') }, h('div', { class: 'mw-map-loading', 'aria-busy': 'true' }, tp('places.loadingMap')));
  const routePanel = h('section', { class: 'pn-route', hidden: true, 'aria-live': 'polite', 'data-testid': 'route-panel' });
  const summary = h('div', { class: 'pn-summary', 'data-testid': 'places-summary' });
  const listBox = h('ol', { class: 'pn-list', 'data-testid': 'places-list' });

  const page = h(
    'div',
    { class: 'mw pn', 'data-testid': 'places-page' },
    topBar(tp('places.title'), tp('places.subtitle')),
    h('section', { class: 'pf', 'aria-label': tp('places.kind') }, kindRow, amenityRow, toggles),
    originRow,
    message,
    mapBox,
    routePanel,
    summary,
    listBox,
  );

  // ---- the map (Leaflet arrives beside this chunk)
  let map: LMap | null = null;
  let draw: Draw | null = null;
  let markers: { remove(): void } | null = null;
  let you: { remove(): void } | null = null;
  let routeLayer: { remove(): void } | null = null;
  const mapReady = drawing.then(async (module) => {
    draw = module;
    map = await module.mountMap(mapBox, signal, (box) => {
      const center: [number, number] = state.lat !== null && state.lon !== null ? [state.lat, state.lon] : DEFAULT_CENTER;
      const created = module.createMap(box, { center, zoom: state.lat !== null ? 15 : 13, attribution: tp('places.attribution') });
      module.onMapClick(created, (lat, lon) => {
        if (!picking && state.lat !== null) return;
        picking = false;
        mapBox.classList.remove('is-picking');
        setOrigin(lat, lon, 'picked');
      });
      return created;
    });
  });
  mapReady.catch(() => replace(mapBox, h('div', { class: 'mw-map-loading' }, errorMessageOf(new ApiError(0, {})))));

  const drawAnswer = (): void => {
    void mapReady.then(() => {
      if (!map || !draw || signal.aborted) return;
      markers?.remove();
      you?.remove();
      if (state.lat !== null && state.lon !== null) you = draw.youAreHere(map, state.lat, state.lon);
      if (!answer) return;
      const drawn = draw.drawPlaces(map, answer.places, selected?.id ?? null, (p) => void select(p, false));
      markers = drawn.group;
      if (!selected) {
        // The start and the five nearest places in view.
        const near = answer.places.slice(0, 5).map((p) => [p.lat, p.lon] as [number, number]);
        draw.fit(map, null, [...(state.lat !== null && state.lon !== null ? [[state.lat, state.lon] as [number, number]] : []), ...near]);
      }
    });
  };

  // ---- searching
  let timer: ReturnType<typeof setTimeout> | undefined;
  function changed(): void {
    renderFilters();
    writeUrl();
    clearTimeout(timer);
    timer = setTimeout(() => void run(), 200);
  }

  function writeUrl(): void {
    try {
      history.replaceState(history.state, '', nearbyHref(nearbySearch(state), onPath()));
    } catch {
      // A sandboxed page may refuse; the page still works.
    }
  }

  function setOrigin(lat: number, lon: number, how: 'gps' | 'picked'): void {
    state.lat = Math.round(lat * 1e6) / 1e6;
    state.lon = Math.round(lon * 1e6) / 1e6;
    origin = how;
    renderOrigin();
    writeUrl();
    clearRoute();
    void run();
  }

  async function useGps(explicit: boolean): Promise<void> {
    if (!('geolocation' in navigator)) return;
    if (explicit) say('info', tp('places.gpsWaiting'));
    try {
      const at = await new Promise<GeolocationPosition>((resolve, reject) => navigator.geolocation.getCurrentPosition(resolve, reject, { enableHighAccuracy: true, timeout: 10_000, maximumAge: 60_000 }));
      if (signal.aborted) return;
      setOrigin(at.coords.latitude, at.coords.longitude, 'gps');
    } catch {
      if (explicit) say('warn', tp('places.gpsFailed'));
    }
  }

  async function run(): Promise<void> {
    const query = nearbyQuery(state);
    if (!query) {
      say('info', tp('places.needLocation'));
      return;
    }
    const mine = ++seq;
    say('info', tp('places.searching'));
    listBox.setAttribute('aria-busy', 'true');
    try {
      const result = await api.nearbyPlaces(query, signal);
      if (mine !== seq || signal.aborted) return;
      answer = result;
      keep({ ...state }, result);
      // What the list shows (the browser tests wait for it): kinds | amenities | open now.
      listBox.setAttribute('data-for', `${query.kind ?? ''}|${query.amenity ?? ''}|${query.open_now ?? ''}`);
      say(null);
      if (selected && !result.places.some((p) => p.id === selected!.id)) clearRoute();
      render(false);
    } catch (error) {
      if (mine !== seq || isAbort(error)) return;
      const copy = error instanceof ApiError && error.status === 0 ? kept() : null;
      if (copy) {
        answer = copy.answer;
        render(true);
        const time = new Date(copy.saved).toLocaleString(L === 'zh' ? 'zh-CN' : 'en', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
        say('warn', tp('places.offlineCopy', { time }), sameFilters(copy.state, state) ? '' : ` ${tp('places.offlineOther')}`);
        return;
      }
      answer = null;
      clearRoute();
      replace(listBox);
      replace(summary);
      drawAnswer();
      say('bad', error instanceof ApiError && error.status === 0 ? tp('places.offlineNone') : searchFailure(error));
    } finally {
      if (mine === seq) listBox.removeAttribute('aria-busy');
    }
  }

  function render(offline: boolean): void {
    if (!answer) return;
    const places = answer.places;
    const at = answer.at ? beijingTime(answer.at, L) : '';
    replace(
      summary,
      places.length
        ? h('p', { 'data-testid': 'places-count', 'data-count': String(places.length) }, tp('places.results', { count: places.length }))
        : h('p', { class: 'pn-none', 'data-testid': 'places-none' }, state.redeemable ? tp('places.noneOffers') : state.openNow ? tp('places.noneOpen') : tp('places.none')),
      state.openNow && at ? h('p', { class: 'muted', 'data-testid': 'places-at' }, tp('places.resultsAt', { time: at })) : null,
      answer.origin?.snapped_metres && answer.origin.snapped_metres > 30 ? h('p', { class: 'muted' }, tp('places.snapped', { distance: formatMetres(answer.origin.snapped_metres, L) })) : null,
    );
    const mode = tp(state.profile === 'walk' ? 'places.walk' : 'places.ride');
    replace(
      listBox,
      places.map((p, i) =>
        h(
          'li',
          {
            class: `pn-item${selected?.id === p.id ? ' is-selected' : ''}${p.open_now === false ? ' is-closed' : ''}`,
            'data-testid': 'place-item',
            'data-place-id': String(p.id),
            'data-kind': p.kind,
            'data-open': String(p.open_now),
            'data-road-seconds': String(p.road_seconds),
          },
          h(
            'button',
            { type: 'button', class: 'pn-pick', 'aria-pressed': String(selected?.id === p.id), 'data-testid': 'place-pick', onClick: () => void select(p, true) },
            h('span', { class: 'pn-rank', 'aria-hidden': 'true' }, kindGlyph(p.kind), h('small', null, String(i + 1))),
            h(
              'span',
              { class: 'pn-text' },
              h('span', { class: 'pn-name-row' }, h('b', { class: 'pn-name', 'data-testid': 'place-name' }, p.name), gradeBadge(p.grade)),
              h('span', { class: 'pn-meta' }, h('span', { class: 'pn-kind' }, kindText(p)), openLine(p)),
              h(
                'span',
                { class: 'pn-road' },
                h('b', { 'data-testid': 'place-road' }, tp('places.byRoad', { mode, time: formatMinutes(p.road_seconds, L), distance: formatMetres(p.road_metres, L) })),
                busyBadge(p.busy),
              ),
              p.amenities.length ? amenityList(p.amenities, 'small', state.amenities, 4) : null,
              p.redeemable?.length
                ? h(
                    'span',
                    { class: 'pn-offers', 'data-testid': 'place-offers' },
                    p.redeemable.map((o) => h('span', { class: 'pn-offer' }, tp('places.offerLine', { title: o.title, price: o.price }))),
                  )
                : null,
            ),
          ),
          h('a', { class: 'pn-details', href: placeHref(p.id, onPath()), 'data-testid': 'place-details' }, h('span', null, tp('places.details')), icon(icons.chevron)),
        ),
      ),
    );
    if (offline) listBox.setAttribute('data-offline', 'true');
    else listBox.removeAttribute('data-offline');
    drawAnswer();
  }

  function clearRoute(): void {
    routeSeq++;
    routeLayer?.remove();
    routeLayer = null;
    selected = null;
    routePanel.hidden = true;
    for (const item of listBox.querySelectorAll('.pn-item.is-selected')) item.classList.remove('is-selected');
  }

  async function select(p: NearbyPlace, fromList: boolean): Promise<void> {
    if (state.lat === null || state.lon === null) return;
    const lat = state.lat;
    const lon = state.lon;
    selected = p;
    const mine = ++routeSeq;
    for (const item of listBox.querySelectorAll<HTMLElement>('.pn-item')) {
      const on = item.dataset.placeId === String(p.id);
      item.classList.toggle('is-selected', on);
      item.querySelector('.pn-pick')?.setAttribute('aria-pressed', String(on));
    }
    routePanel.hidden = false;
    replace(routePanel, h('p', { class: 'muted' }, tp('places.routing')));
    if (fromList) mapBox.scrollIntoView({ block: 'start', behavior: 'smooth' });
    let route: PlaceRoute;
    try {
      route = await api.placeRoute(p.id, lat, lon, state.profile, signal);
    } catch (error) {
      if (mine !== routeSeq || isAbort(error)) return;
      replace(routePanel, h('p', { class: 'text-bad', 'data-testid': 'route-error' }, tp('places.routeFailed', { reason: searchFailure(error) })));
      return;
    }
    if (mine !== routeSeq || signal.aborted) return;
    const mode = tp(route.profile === 'walk' ? 'places.walk' : 'places.ride');
    replace(
      routePanel,
      h(
        'div',
        { class: 'pn-route-head' },
        kindGlyph(p.kind),
        h(
          'div',
          { class: 'pn-route-text' },
          h('b', { 'data-testid': 'route-to' }, tp('places.routeTo', { name: p.name })),
          h('span', { class: 'pn-route-summary', 'data-testid': 'route-summary', 'data-seconds': String(route.seconds) }, tp('places.routeSummary', { mode, time: formatMinutes(route.seconds, L), distance: formatMetres(route.metres, L) })),
        ),
      ),
      h(
        'div',
        { class: 'pn-route-actions' },
        h('a', { class: 'btn btn-primary', href: placeHref(p.id, onPath()), 'data-testid': 'route-details' }, tp('places.details')),
        h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'route-clear', onClick: () => (clearRoute(), drawAnswer()) }, tp('places.clearRoute')),
      ),
    );
    await mapReady;
    if (!map || !draw || mine !== routeSeq) return;
    routeLayer?.remove();
    const drawn = draw.drawRoute(map, route.geometry?.coordinates ?? [], route.profile, [lat, lon]);
    routeLayer = drawn.group;
    markers?.remove();
    markers = draw.drawPlaces(map, answer?.places ?? [], p.id, (q) => void select(q, false)).group;
    draw.fit(map, drawn.bounds, [[lat, lon], [p.lat, p.lon]], 18);
    mapBox.setAttribute('data-route', String(p.id));
  }

  renderFilters();
  renderOrigin();
  if (state.lat !== null) void run();
  else {
    say('info', tp('places.needLocation'));
    void mapReady.then(() => drawAnswer());
    // Ask the browser only when the rider already allowed it; otherwise wait for the button.
    void (async () => {
      try {
        if ('geolocation' in navigator && (await navigator.permissions.query({ name: 'geolocation' })).state === 'granted') await useGps(false);
      } catch {
        // No permissions API: wait for the button.
      }
    })();
  }
  return page;
}
