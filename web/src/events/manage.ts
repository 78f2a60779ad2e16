/**
 * The organisers' pages: 活动管理 #/events/manage (the events of their area, 发布活动), the publish
 * form #/events/new (kind, title, organiser, a friendly place of the area / a compound / an address,
 * Beijing date and times, places, hold minutes, walk-ins, family, who may sign up, weekly repeat) and
 * 报名名单 #/events/{id}/roster (counts, the people with masked phones, the waiting list in order,
 * cancelling a registration or the event with a reason, the door scanner and the attendance export).
 */

import * as api from './api';
import * as placesApi from '../places/api';
import { isAbort } from '../shell/api';
import { beijingDate } from '../shell/beijing';
import { h, replace } from '../shell/dom';
import { isOfficer, kindLabel } from '../shell/format';
import type { Account } from '../shell/types';
import { badge, errorBox, errorLine, errorMessageOf, modal, runGuarded, section, skeletonLines, statCard } from '../shell/ui';
import { kindText, organiserText, stateText, tev } from './messages';
import { defaultOrganiserKind, EVENT_KINDS, eventBody, MAX_CAPACITY, MAX_HOLD_MINUTES, MIN_HOLD_MINUTES, ORGANISER_KINDS, rosterParts, seatsText, whenText, whereText, WORKER_KINDS, type EventForm } from './model';
import { nowSeconds } from './parts';
import './events.css';

const DAY = 86_400;

/** #/events/manage: the area's events, recent and coming, each with its roster. */
export function manageEventsPage(who: Account, signal: AbortSignal): HTMLElement {
  const body = h('div', null, skeletonLines(4));
  const load = async (): Promise<void> => {
    try {
      const now = nowSeconds();
      const { items } = await api.list({ area: who.area.code, from: now - DAY, to: now + 90 * DAY, limit: 200 }, signal);
      if (items.length === 0) {
        replace(body, h('p', { class: 'muted ev-empty', 'data-testid': 'events-manage-empty' }, tev('manage.empty')));
        return;
      }
      replace(
        body,
        h(
          'div',
          { class: 'ev-list' },
          items.map((event) =>
            h(
              'article',
              { class: 'card ev-card', 'data-testid': 'manage-event', 'data-id': String(event.id) },
              h('div', { class: 'ev-badges' }, badge(kindText(event.kind), 'accent'), event.status === 'cancelled' ? badge(tev('state.eventCancelled'), 'bad') : null),
              h('h3', { class: 'ev-title' }, h('a', { href: `#/events/${event.id}`, 'data-user-text': '' }, event.title)),
              h('p', { class: 'ev-when' }, whenText(event.starts_at, event.ends_at, now)),
              h('p', { class: 'ev-where', 'data-user-text': '' }, whereText(event)),
              h('p', { class: 'ev-seats' }, seatsText(event)),
              event.can.manage ? h('a', { class: 'btn btn-secondary btn-block ev-go', href: `#/events/${event.id}/roster`, 'data-testid': 'manage-roster' }, tev('manage.roster')) : null,
            ),
          ),
        ),
      );
    } catch (failure) {
      if (!isAbort(failure)) replace(body, errorBox(failure, () => void load()));
    }
  };
  void load();
  return h(
    'div',
    { class: 'page page-events', 'data-testid': 'events-manage' },
    section(tev('manage.title'), body, { actions: h('a', { class: 'btn btn-primary', href: '#/events/new', 'data-testid': 'events-publish' }, tev('manage.publish')) }),
  );
}

interface PlaceChoice {
  id: number;
  name: string;
}

/** The friendly places an organiser may hold an event at: the area's (officers), their own, or near the area. */
async function placeChoices(who: Account, signal: AbortSignal): Promise<PlaceChoice[]> {
  const found = new Map<number, string>();
  const add = (places: ReadonlyArray<{ id: number; name: string }>): void => {
    for (const place of places) if (!found.has(place.id)) found.set(place.id, place.name);
  };
  if (isOfficer(who.role)) {
    add((await placesApi.placesInArea({ area: who.area.code, status: 'approved', limit: 200 }, signal)).places);
  } else {
    if (who.role === 'station_keeper' || who.role === 'merchant') add((await placesApi.myPlaces(signal).catch(() => ({ places: [] }))).places);
    const { lat, lon } = who.area;
    if (lat != null && lon != null) add((await placesApi.nearbyPlaces({ lat: String(lat), lon: String(lon), limit: '30' }, signal)).places);
  }
  return [...found].map(([id, name]) => ({ id, name }));
}

const label = (text: string, control: HTMLElement, extra?: HTMLElement | null): HTMLElement => h('label', { class: 'label' }, text, control, extra ?? null);

/** #/events/new: the publish form. */
export function newEventPage(who: Account, signal: AbortSignal): HTMLElement {
  const today = beijingDate(nowSeconds());
  const kind = h('select', { class: 'input', 'data-testid': 'event-form-kind' }, EVENT_KINDS.map((k) => h('option', { value: k }, kindText(k))));
  const title = h('input', { type: 'text', class: 'input', maxlength: 80, required: true, placeholder: tev('form.nameHint'), 'data-testid': 'event-form-title' });
  const description = h('textarea', { class: 'input', rows: 3, maxlength: 2000, 'data-testid': 'event-form-description' });
  const organiserKind = h(
    'select',
    { class: 'input', 'data-testid': 'event-form-organiser-kind' },
    ORGANISER_KINDS.map((k) => h('option', { value: k, selected: k === defaultOrganiserKind(who.role) }, organiserText(k))),
  );
  const organiserName = h('input', { type: 'text', class: 'input', maxlength: 60, required: true, value: who.display_name, 'data-testid': 'event-form-organiser' });

  let where: EventForm['where'] = 'address';
  const placeSelect = h('select', { class: 'input', 'data-testid': 'event-form-place' });
  const placeNone = h('p', { class: 'muted', hidden: true, 'data-testid': 'event-form-place-none' }, tev('form.placeNone'));
  const compound = h('input', { type: 'text', class: 'input', maxlength: 40, inputmode: 'numeric', 'data-testid': 'event-form-compound' });
  const address = h('input', { type: 'text', class: 'input', maxlength: 200, 'data-testid': 'event-form-address' });
  let lat: number | null = who.area.lat ?? null;
  let lon: number | null = who.area.lon ?? null;
  const located = h('span', { class: 'muted', hidden: lat === null, 'data-testid': 'event-form-located' }, tev('form.locationSet'));
  const locate = h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'event-form-locate' }, tev('form.useLocation'));
  locate.addEventListener('click', () => {
    if (!('geolocation' in navigator)) return;
    locate.disabled = true;
    navigator.geolocation.getCurrentPosition(
      (position) => {
        lat = position.coords.latitude;
        lon = position.coords.longitude;
        located.hidden = false;
        locate.disabled = false;
      },
      () => {
        locate.disabled = false;
      },
      { timeout: 15_000 },
    );
  });
  const panes = {
    place: h('div', { class: 'ev-pane', hidden: true }, label(tev('form.place'), placeSelect), placeNone),
    compound: h('div', { class: 'ev-pane', hidden: true }, label(tev('form.compound'), compound)),
    address: h('div', { class: 'ev-pane' }, label(tev('form.address'), address), h('div', { class: 'ev-near-row' }, locate, located)),
  };
  const radios = (['place', 'compound', 'address'] as const).map((value) => {
    const input = h('input', { type: 'radio', name: 'event-where', value, checked: value === where, 'data-testid': `event-form-where-${value}` });
    input.addEventListener('change', () => {
      where = value;
      for (const [key, pane] of Object.entries(panes)) pane.hidden = key !== value;
    });
    return h('label', { class: 'ev-radio' }, input, h('span', null, tev(value === 'place' ? 'form.wherePlace' : value === 'compound' ? 'form.whereCompound' : 'form.whereAddress')));
  });
  void placeChoices(who, signal).then(
    (choices) => {
      replace(placeSelect, choices.map((choice) => h('option', { value: String(choice.id) }, choice.name)));
      placeNone.hidden = choices.length > 0;
    },
    () => {
      placeNone.hidden = false;
    },
  );

  const date = h('input', { type: 'date', class: 'input', min: today, value: today, required: true, 'data-testid': 'event-form-date' });
  const start = h('input', { type: 'time', class: 'input', value: '14:00', required: true, 'data-testid': 'event-form-start' });
  const end = h('input', { type: 'time', class: 'input', value: '16:00', required: true, 'data-testid': 'event-form-end' });
  const capacity = h('input', { type: 'number', class: 'input', min: 1, max: MAX_CAPACITY, value: '30', inputmode: 'numeric', required: true, 'data-testid': 'event-form-capacity' });
  const hold = h('input', { type: 'number', class: 'input', min: MIN_HOLD_MINUTES, max: MAX_HOLD_MINUTES, value: '120', inputmode: 'numeric', 'data-testid': 'event-form-hold' });
  const walkIns = h('input', { type: 'checkbox', 'data-testid': 'event-form-walk-ins' });
  const family = h('input', { type: 'checkbox', 'data-testid': 'event-form-family' });
  const kinds = WORKER_KINDS.map((k) => ({ kind: k, input: h('input', { type: 'checkbox', value: k, 'data-testid': `event-form-eligible-${k}` }) }));
  const platforms = h('input', { type: 'text', class: 'input', maxlength: 200, 'data-testid': 'event-form-platforms' });
  const repeat = h('input', { type: 'date', class: 'input', min: today, 'data-testid': 'event-form-repeat' });

  const error = errorLine('event-form-error');
  const done = h('p', { class: 'form-ok', hidden: true, 'data-testid': 'event-form-done' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block ev-go', 'data-testid': 'event-form-submit' }, tev('form.submit'));
  const check = (input: HTMLInputElement, text: string): HTMLElement => h('label', { class: 'ev-check' }, input, h('span', null, text));

  const form = h(
    'form',
    {
      class: 'card ev-form',
      'data-testid': 'event-form',
      novalidate: true,
      onSubmit: (event: Event) => {
        event.preventDefault();
        const values: EventForm = {
          kind: kind.value,
          title: title.value,
          description: description.value,
          organiserKind: organiserKind.value,
          organiserName: organiserName.value,
          area: who.area.code,
          where,
          placeId: placeSelect.value,
          compound: compound.value,
          address: address.value,
          lat,
          lon,
          date: date.value,
          start: start.value,
          end: end.value,
          capacity: capacity.value,
          hold: hold.value,
          walkIns: walkIns.checked,
          family: family.checked,
          kinds: kinds.filter((k) => k.input.checked).map((k) => k.kind),
          platforms: platforms.value,
          repeatUntil: repeat.value,
        };
        const built = eventBody(values);
        if ('error' in built) {
          error.hidden = false;
          error.textContent = tev(built.error);
          return;
        }
        done.hidden = true;
        let created: { event: api.YouhaoEvent; count?: number } | null = null;
        void runGuarded(
          submit,
          tev('form.sending'),
          error,
          async () => {
            created = await api.create(built.body);
          },
          errorMessageOf,
        ).then((ok) => {
          const answer = created as { event: api.YouhaoEvent; count?: number } | null;
          if (!ok || !answer) return;
          done.hidden = false;
          done.textContent = answer.count && answer.count > 1 ? tev('form.series', { count: answer.count }) : tev('form.done');
          location.hash = `#/events/${answer.event.id}/roster`;
        });
      },
    },
    label(tev('form.kind'), kind),
    label(tev('form.name'), title),
    label(tev('form.description'), description),
    h('div', { class: 'ev-row' }, label(tev('form.organiserKind'), organiserKind), label(tev('form.organiserName'), organiserName)),
    h('fieldset', { class: 'ev-fieldset' }, h('legend', null, tev('form.where')), h('div', { class: 'ev-radios' }, radios), panes.place, panes.compound, panes.address),
    h('div', { class: 'ev-row ev-row-3' }, label(tev('form.date'), date), label(tev('form.start'), start), label(tev('form.end'), end)),
    h('div', { class: 'ev-row' }, label(tev('form.capacity'), capacity), label(tev('form.hold'), hold)),
    check(walkIns, tev('form.walkIns')),
    check(family, tev('form.family')),
    h('fieldset', { class: 'ev-fieldset' }, h('legend', null, tev('form.kinds')), h('div', { class: 'ev-radios' }, kinds.map((k) => check(k.input, kindLabel(k.kind))))),
    label(tev('form.platforms'), platforms),
    label(tev('form.repeat'), repeat),
    submit,
    error,
    done,
  );
  return h('div', { class: 'page page-events', 'data-testid': 'event-new' }, section(tev('form.title'), form));
}

/** A reason asked in a dialog; resolves null when closed without one. */
function askReason(title: string, prompt: string, testid: string, send: (reason: string) => Promise<unknown>): Promise<true | null> {
  const reason = h('textarea', { class: 'input', rows: 3, maxlength: 300, required: true, 'data-testid': 'reason-input' });
  return modal<true>({
    title,
    body: h('label', { class: 'label' }, prompt, reason),
    submitLabel: title,
    danger: true,
    testid,
    onSubmit: async () => {
      if (!reason.value.trim()) throw new Error(tev('roster.needReason'));
      await send(reason.value.trim());
      return true as const;
    },
  });
}

function rosterRow(entry: api.RosterEntry, index: number | null, event: api.YouhaoEvent, reload: () => void): HTMLElement {
  const worker = entry.worker;
  const cancel =
    event.can.manage && event.status !== 'cancelled' && (entry.status === 'confirmed' || entry.status === 'offered' || entry.status === 'waiting')
      ? h('button', { type: 'button', class: 'btn btn-secondary ev-row-action', 'data-testid': 'roster-cancel' }, tev('roster.cancel'))
      : null;
  cancel?.addEventListener('click', () => {
    void askReason(tev('roster.cancelTitle', { name: worker.name }), tev('roster.reason'), 'roster-cancel-dialog', (reason) => api.cancelRegistration(event.id, entry.registration_id, reason)).then((ok) => ok && reload());
  });
  return h(
    'li',
    { class: 'ev-roster-row', 'data-testid': 'roster-row', 'data-status': entry.status, 'data-id': String(entry.registration_id) },
    h(
      'div',
      { class: 'ev-roster-who' },
      h('strong', null, index !== null ? `${index}. ` : entry.seat ? `${tev('roster.seat', { n: entry.seat })} ` : '', worker.name),
      h('span', { class: 'mono', 'data-testid': 'roster-phone' }, worker.phone_masked),
      h('span', { class: 'muted' }, [kindLabel(worker.kind), worker.platform].filter(Boolean).join(' · ')),
      entry.family_count ? h('span', { class: 'muted' }, tev('roster.family', { n: entry.family_count })) : null,
    ),
    badge(stateText(entry.status), entry.status === 'confirmed' ? 'ok' : entry.status === 'cancelled' || entry.status === 'lapsed' ? 'bad' : 'warn'),
    cancel,
  );
}

/** #/events/{id}/roster. */
export function rosterPage(id: number, signal: AbortSignal): HTMLElement {
  const body = h('div', null, skeletonLines(5));
  const load = async (): Promise<void> => {
    try {
      const [event, roster] = await Promise.all([api.get(id, signal), api.roster(id, signal)]);
      const now = nowSeconds();
      const parts = rosterParts(roster.items);
      const reload = (): void => void load();
      const list = (entries: api.RosterEntry[], numbered: boolean, testid: string): HTMLElement =>
        h('ol', { class: 'ev-roster', 'data-testid': testid }, entries.map((entry, i) => rosterRow(entry, numbered ? i + 1 : null, event, reload)));
      const cancelEvent = h('button', { type: 'button', class: 'btn btn-danger', 'data-testid': 'event-cancel' }, tev('roster.cancelEvent'));
      cancelEvent.addEventListener('click', () => {
        void askReason(tev('roster.cancelEventTitle'), tev('roster.cancelEventReason'), 'event-cancel-dialog', (reason) => api.cancelEvent(id, reason)).then((ok) => ok && reload());
      });
      replace(
        body,
        h('div', { class: 'ev-badges' }, badge(kindText(event.kind), 'accent')),
        h('h1', { class: 'ev-detail-title', 'data-user-text': '', 'data-testid': 'roster-title' }, event.title),
        h('p', { class: 'ev-when' }, whenText(event.starts_at, event.ends_at, now), ' · ', h('span', { 'data-user-text': '' }, whereText(event))),
        event.status === 'cancelled' ? h('div', { class: 'notice notice-bad', role: 'status', 'data-testid': 'event-cancelled' }, tev('roster.cancelled_event')) : null,
        h(
          'div',
          { class: 'stats stats-4', 'data-testid': 'roster-counts' },
          statCard(tev('roster.confirmed'), roster.counts.confirmed, 'roster-count-confirmed', true),
          statCard(tev('roster.offered'), roster.counts.offered, 'roster-count-offered'),
          statCard(tev('roster.waiting'), roster.counts.waiting, 'roster-count-waiting'),
          statCard(tev('roster.cancelled'), roster.counts.cancelled, 'roster-count-cancelled'),
        ),
        h(
          'div',
          { class: 'ev-links' },
          h('a', { class: 'btn btn-primary', href: `#/events/${id}/door`, 'data-testid': 'roster-door' }, tev('roster.door')),
          h('a', { class: 'btn btn-secondary', href: api.attendanceCsvUrl(id), download: `attendance-${id}.csv`, 'data-testid': 'roster-export' }, tev('roster.export')),
        ),
        section(tev('roster.people'), parts.people.length ? list(parts.people, false, 'roster-people') : h('p', { class: 'muted', 'data-testid': 'roster-empty' }, tev('roster.empty'))),
        parts.waiting.length ? section(tev('roster.waitingList'), list(parts.waiting, true, 'roster-waiting')) : null,
        parts.gone.length ? section(tev('roster.cancelled'), list(parts.gone, false, 'roster-gone')) : null,
        event.status !== 'cancelled' && event.can.manage ? h('div', { class: 'ev-danger' }, cancelEvent) : null,
      );
    } catch (failure) {
      if (!isAbort(failure)) replace(body, errorBox(failure, () => void load()));
    }
  };
  void load();
  return h('div', { class: 'page page-events', 'data-testid': 'event-roster' }, body);
}
