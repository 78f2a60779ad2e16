/**
 * A place's public page (/p/ID, the QR code on its "友好场所" sign; #/p/ID in the app): what it has,
 * whether it is open, its grade and what it lacks for the next one, how busy it is, offers,
 * services, supplies, photos, linked depots, and 签到 for a logged-in rider (with the door's answer
 * at scan-to-enter stations); its offers for points with 兑换 (points/offers-block). Without
 * login the button leads to the login page and back here.
 */

import * as api from './api';
import { ApiError, isAbort, me } from '../shell/api';
import { h, icon, replace } from '../shell/dom';
import { icons } from '../shell/icons';
import { formatMinutesValue, nearbyHref, nearbySearch, type CheckinAnswer, type Place } from './model';
import { lang, listJoin, missingName, tp, tpMaybe } from './messages';
import { amenityList, busyBadge, gradeBadge, kindGlyph, kindText, openLine, pbadge, topBar } from './ui';
import './places.css';
import '../maps/maps.css';
import { openLightbox } from '../maps/photos';
import { navigateMenu } from '../maps/navigate';
import type { Account } from '../shell/types';
import { errorMessageOf } from '../shell/ui';
import { offersBlock as pointsOffersBlock } from '../points/offers-block';
import { handoverBlock } from '../rankings/handover-block';

const onPath = (): boolean => !location.hash || location.hash === '#' || location.hash === '#/';

function block(title: string, testid: string, ...body: Array<Node | string | null>): HTMLElement {
  return h('section', { class: 'pq-block', 'data-testid': testid }, h('h2', { class: 'pq-title' }, title), ...body);
}

function tags(items: readonly string[] | null | undefined, testid: string): HTMLElement | null {
  if (!items?.length) return null;
  return h('ul', { class: 'pq-tags', 'data-testid': testid }, items.map((item) => h('li', null, item)));
}

export function placePage(id: number, signal: AbortSignal): HTMLElement {
  const body = h('div', { class: 'pq-body' }, h('div', { class: 'mw-map-loading pq-loading', 'aria-busy': 'true' }, tp('page.loading')));
  const page = h('div', { class: 'mw pq', 'data-testid': 'place-page', 'data-place-id': String(id) }, topBar('…', tp('places.brand')), body);
  const title = page.querySelector('[data-testid="places-title"]') as HTMLElement;

  const loading = api.place(id, signal);
  const who = me(signal, true).then(
    (me) => me.account,
    () => null,
  );
  loading.then(
    (place) => {
      if (signal.aborted) return;
      title.textContent = place.name;
      document.title = `${place.name} · ${tp('places.brand')}`;
      (page.querySelector('.mw-title small') as HTMLElement).textContent = kindText(place);
      replace(body, ...placeView(place, who, signal));
    },
    (error: unknown) => {
      if (signal.aborted || isAbort(error)) return;
      title.textContent = tp('places.brand');
      const missing = error instanceof ApiError && error.status === 404;
      replace(
        body,
        h(
          'div',
          { class: 'mw-empty', role: 'alert', 'data-testid': missing ? 'place-not-found' : 'place-error' },
          icon(missing ? icons.alert : icons.wifiOff, 'empty-icon'),
          h('h2', null, missing ? tp('page.notFound') : error instanceof ApiError && error.status === 0 ? tp('page.offline') : errorMessageOf(error)),
          missing ? h('p', null, tp('page.notFoundText')) : null,
          h('a', { class: 'btn btn-primary', href: nearbyHref('', onPath()) }, tp('page.nearby')),
        ),
      );
    },
  );
  return page;
}

function placeView(place: Place, who: Promise<Account | null>, signal: AbortSignal): Array<HTMLElement | null> {
  const L = lang();
  const busyCount = h('span', { class: 'muted', 'data-testid': 'place-busy-count' }, place.busy ? tp('places.busyCount', { count: place.busy.checkins_last_hour }) : '');
  const hero = h(
    'section',
    { class: 'pq-hero' },
    h(
      'div',
      { class: 'pq-hero-head' },
      kindGlyph(place.kind, 'is-big'),
      h(
        'div',
        { class: 'pq-hero-text' },
        h('h2', { class: 'pq-name', 'data-testid': 'place-page-name' }, place.name),
        h(
          'div',
          { class: 'pq-kind' },
          h('span', null, kindText(place)),
          place.tier ? pbadge(tpMaybe(`tier.${place.tier}`, place.tier), 'accent', 'place-tier') : null,
          gradeBadge(place.grade),
        ),
      ),
    ),
    h('div', { class: 'pq-open' }, openLine(place)),
    place.busy ? h('div', { class: 'pq-busy' }, h('span', null, `${tp('page.busy')}：`), busyBadge(place.busy), busyCount) : null,
    place.address ? h('p', { class: 'pq-address' }, icon(icons.pin), h('span', { 'data-testid': 'place-address' }, place.address)) : null,
  );

  const notes: HTMLElement[] = [];
  if (place.status === 'pending') notes.push(h('div', { class: 'mw-message', role: 'status', 'data-testid': 'place-pending' }, tp('page.pendingNote')));
  else if (place.status === 'rejected') notes.push(h('div', { class: 'mw-message is-bad', role: 'status' }, tp('status.rejected')));
  if (place.pending_change) notes.push(h('div', { class: 'mw-message', role: 'status', 'data-testid': 'place-pending-change' }, tp('page.pendingChange')));

  const checkin = checkinBlock(place, who, signal, (count) => {
    busyCount.textContent = tp('places.busyCount', { count });
  });

  // Offers for points (积分兑换), with 兑换 for a signed-in worker.
  const pointsOffers = pointsOffersBlock(place, who, signal);
  // 出餐评价 at merchants and canteens: the rating sheet for workers, the summary for the merchant.
  const handover = handoverBlock(place, who, signal);

  const amenities = block(tp('page.has'), 'place-has', place.amenities.length ? amenityList(place.amenities, 'big') : h('p', { class: 'muted' }, tp('page.noAmenities')));

  let gradeText: string;
  if (place.next_grade && place.next_grade.missing.length) gradeText = tp('page.nextGrade', { missing: listJoin(place.next_grade.missing.map(missingName)), grade: place.next_grade.grade });
  else if (place.grade === 'A') gradeText = tp('page.gradeTop');
  else gradeText = '';
  const grade =
    place.kind === 'station'
      ? block(
          tp('page.gradeTitle'),
          'place-grade-block',
          h('div', { class: 'pq-grade' }, gradeBadge(place.grade) ?? h('span', { class: 'muted' }, tp('page.gradeNone')), gradeText ? h('span', { 'data-testid': 'place-next-grade' }, gradeText) : null),
        )
      : null;

  const hours = block(
    tp('page.hours'),
    'place-hours-block',
    h('p', { class: 'pq-hours' }, place.always_open ? tp('places.always') : place.hours_zh || place.opening_hours || tp('page.hoursUnknown')),
    place.scan_entry ? h('p', { class: 'muted' }, tp('page.scanEntry')) : null,
  );

  const offers = place.offers;
  const offerItems = [
    offers?.rider_price_yuan != null ? tp('page.riderPrice', { price: offers.rider_price_yuan }) : null,
    offers?.discount || null,
    offers?.late_meal ? tp('page.lateMeal', { hours: offers.late_meal }) : null,
  ].filter((x): x is string => !!x);
  const offersBlock = offerItems.length ? block(tp('page.offers'), 'place-offers', h('ul', { class: 'pq-offers' }, offerItems.map((o) => h('li', null, o)))) : null;
  const services = place.services?.length ? block(tp('page.services'), 'place-services', tags(place.services, 'place-services-list')) : null;
  const supplies = place.supplies?.length ? block(tp('page.supplies'), 'place-supplies', tags(place.supplies, 'place-supplies-list')) : null;

  const photos = place.photos?.length
    ? block(
        tp('page.photos'),
        'place-photos',
        h(
          'div',
          { class: 'pq-photos' },
          place.photos.map((url, i) =>
            h(
              'button',
              { type: 'button', class: 'pq-photo', 'aria-label': tp('page.photo', { n: i + 1 }), onClick: () => openLightbox(place.photos ?? [], i, place.name) },
              h('img', { src: url, alt: tp('page.photo', { n: i + 1 }), loading: 'lazy', 'data-testid': 'place-photo' }),
            ),
          ),
        ),
      )
    : null;

  const depots = place.depots?.length
    ? block(
        tp('page.depots'),
        'place-depots',
        h(
          'ul',
          { class: 'pq-depots' },
          place.depots.map((d) =>
            h(
              'li',
              null,
              h('b', null, d.name),
              d.platform ? h('span', { class: 'muted' }, d.platform) : null,
              d.minutes != null ? h('span', { class: 'pq-depot-time' }, tp('page.depotMinutes', { time: formatMinutesValue(d.minutes, L) })) : null,
            ),
          ),
        ),
      )
    : null;

  const contact =
    place.phone || place.capacity != null
      ? h(
          'section',
          { class: 'pq-block pq-contact' },
          place.phone ? h('a', { class: 'btn btn-secondary', href: `tel:${place.phone.replace(/[^\d+]/g, '')}`, 'data-testid': 'place-phone' }, `${tp('page.phone')} ${place.phone}`) : null,
          place.capacity != null ? h('span', { class: 'muted' }, tp('page.capacity', { count: place.capacity })) : null,
        )
      : null;

  const near = nearbySearch({ lat: place.lat, lon: place.lon, at: '', kinds: [], amenities: [], openNow: false, redeemable: false, profile: 'ride' });
  const actions = h(
    'div',
    { class: 'pq-actions' },
    navigateMenu(
      { lat: place.lat, lon: place.lon, name: place.name },
      { button: tp('page.navigate'), amap: tp('page.navigate.amap'), baidu: tp('page.navigate.baidu'), tencent: tp('page.navigate.tencent') },
      'place-navigate',
    ),
    h('a', { class: 'btn btn-secondary', href: nearbyHref(near, onPath()), 'data-testid': 'place-nearby' }, icon(icons.map), h('span', null, tp('page.nearby'))),
    place.can_edit && place.sign_url ? h('a', { class: 'btn btn-secondary', href: place.sign_url, target: '_blank', rel: 'noopener', 'data-testid': 'place-sign' }, icon(icons.download), h('span', null, tp('page.sign'))) : null,
  );

  return [hero, ...notes, checkin, pointsOffers, handover, amenities, grade, hours, offersBlock, services, supplies, photos, depots, contact, actions];
}

function checkinBlock(place: Place, who: Promise<Account | null>, signal: AbortSignal, onCount: (count: number) => void): HTMLElement | null {
  if (place.status !== 'approved') return null;
  const result = h('div', { class: 'pq-result', hidden: true, role: 'status', 'aria-live': 'polite', 'data-testid': 'checkin-result' });
  const slot = h('div', { class: 'pq-checkin-slot' }, h('div', { class: 'sk sk-line', style: 'height:56px' }));
  const box = h('section', { class: 'pq-checkin', 'data-testid': 'checkin-block' }, slot, result);
  const next = `/p/${place.id}`;
  const loginLink = (): HTMLElement =>
    h(
      'div',
      null,
      h('a', { class: 'btn btn-primary btn-block pq-checkin-btn', href: `/#/login?next=${encodeURIComponent(next)}`, 'data-testid': 'checkin-login' }, icon(icons.qr), h('span', null, tp('page.loginToCheckin'))),
      h('p', { class: 'muted pq-hint' }, tp('page.loginHint')),
    );

  const show = (answer: CheckinAnswer & { repeated: boolean }): void => {
    result.hidden = false;
    const door = answer.door;
    result.className = `pq-result ${door === 'opened' ? 'is-open' : door === 'refused' ? 'is-refused' : 'is-ok'}`;
    result.setAttribute('data-door', door);
    const heading = door === 'opened' ? tp('page.doorOpened') : door === 'refused' ? tp('page.doorRefused') : tp('page.checkedIn');
    replace(
      result,
      h('strong', { class: 'pq-result-title', 'data-testid': 'checkin-title' }, heading),
      door === 'opened' ? h('span', null, tp('page.doorOpenedHint')) : null,
      answer.message && door !== 'not_applicable' && answer.message.trim() !== heading ? h('span', { 'data-testid': 'checkin-message' }, answer.message) : null,
      answer.repeated ? h('span', { 'data-testid': 'checkin-repeated' }, tp('page.checkedInAgain')) : null,
      h('span', { class: 'muted', 'data-testid': 'checkin-count' }, tp('page.checkinCount', { count: answer.checkins_last_hour })),
    );
    onCount(answer.checkins_last_hour);
  };

  void who.then((account) => {
    if (signal.aborted) return;
    if (!account) {
      replace(slot, loginLink());
      return;
    }
    if (account.role !== 'worker') {
      replace(slot, h('p', { class: 'muted', 'data-testid': 'checkin-workers-only' }, tp('page.workersOnly')));
      return;
    }
    const label = h('span', null, place.scan_entry ? tp('page.checkinScan') : tp('page.checkin'));
    const button = h('button', { type: 'button', class: 'btn btn-primary btn-block pq-checkin-btn', 'data-testid': 'checkin' }, icon(icons.qr), label);
    button.addEventListener('click', async () => {
      button.disabled = true;
      label.textContent = tp('page.checkingIn');
      try {
        show(await api.checkin(place.id));
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          replace(slot, loginLink());
          result.hidden = true;
          return;
        }
        result.hidden = false;
        result.className = 'pq-result is-refused';
        replace(result, h('strong', { class: 'pq-result-title', 'data-testid': 'checkin-title' }, errorMessageOf(error)));
      } finally {
        button.disabled = false;
        label.textContent = place.scan_entry ? tp('page.checkinScan') : tp('page.checkin');
      }
    });
    replace(slot, button);
  });
  return box;
}
