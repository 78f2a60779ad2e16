/**
 * 托管服务 (#/childcare): the childcare classes (托管班, 0–3 岁托育点) coming up; for a class where the
 * worker holds a place, their children with the form to add one; for organisers, links to the
 * attendance sheet (#/childcare/ID/attendance), a day at a time with big 已到 / 未到 toggles.
 */

import * as api from './api';
import { isAbort } from '../shell/api';
import { beijingDate } from '../shell/beijing';
import { h, replace } from '../shell/dom';
import type { Account } from '../shell/types';
import { badge, errorBox, errorLine, errorMessageOf, runGuarded, section, skeletonLines } from '../shell/ui';
import { tcc } from './messages';
import { childBody, defaultDay, markOf, MAX_AGE, MAX_GIVEN_NAME, MAX_NOTE, presentOn } from './model';
import './childcare.css';

/** Classes shown: those under way (an event lasts at most 14 days) and the next four months' (a winter class is booked weeks ahead). */
const AHEAD_DAYS = 120;
const UNDER_WAY_DAYS = 14;
const now = (): number => Math.floor(Date.now() / 1000);

function dates(item: { starts_at: number; ends_at: number }): string {
  return tcc('class.dates', { first: beijingDate(item.starts_at), last: beijingDate(Math.max(item.starts_at, item.ends_at - 1)) });
}

/** The add form under a parent's children. */
function addForm(eventId: number, done: () => void): HTMLElement {
  const name = h('input', { class: 'input', maxlength: MAX_GIVEN_NAME, required: true, autocomplete: 'off', 'data-testid': 'child-name' });
  const age = h('input', { class: 'input', type: 'number', min: 0, max: MAX_AGE, required: true, inputmode: 'numeric', 'data-testid': 'child-age' });
  const note = h('input', { class: 'input', maxlength: MAX_NOTE, autocomplete: 'off', 'data-testid': 'child-note' });
  const error = errorLine('child-error');
  const submit = h('button', { type: 'submit', class: 'btn btn-primary cc-big', 'data-testid': 'child-add' }, tcc('add.submit'));
  return h(
    'form',
    {
      class: 'cc-form',
      onSubmit: (event: Event) => {
        event.preventDefault();
        const checked = childBody(name.value, age.value, note.value);
        if (checked.problem) {
          error.hidden = false;
          error.textContent = tcc(`add.${checked.problem}`);
          return;
        }
        void runGuarded(submit, tcc('add.sending'), error, () => api.addChild(eventId, checked.body), errorMessageOf).then((ok) => {
          if (ok) done();
        });
      },
    },
    h('h3', null, tcc('add.title')),
    h('label', { class: 'label' }, tcc('add.name'), name),
    h('label', { class: 'label' }, tcc('add.age'), age),
    h('label', { class: 'label' }, tcc('add.note'), note),
    error,
    submit,
  );
}

/** A parent's children at one class, with remove buttons and, while places remain on the registration, the add form. */
function myChildren(item: api.ChildcareClass, signal: AbortSignal): HTMLElement {
  const body = h('div', { class: 'cc-children', 'data-testid': `my-children-${item.id}` }, skeletonLines(2));
  const load = async (): Promise<void> => {
    try {
      const answer = await api.children(item.id, signal);
      const rows = answer.items.map((child) => {
        const error = errorLine('child-remove-error');
        const remove = h('button', { type: 'button', class: 'btn btn-secondary cc-big', 'data-testid': 'child-remove' }, tcc('children.remove'));
        remove.addEventListener('click', () => {
          if (!window.confirm(tcc('children.removeConfirm', { name: child.given_name }))) return;
          void runGuarded(remove, tcc('children.removing'), error, () => api.removeChild(item.id, child.id), errorMessageOf).then((ok) => {
            if (ok) void load();
          });
        });
        return h(
          'li',
          { class: 'cc-child', 'data-testid': 'my-child' },
          h('div', null, h('strong', null, child.given_name), ' ', h('span', { class: 'muted' }, tcc('children.age', { age: child.age })), child.note ? h('div', { class: 'muted' }, child.note) : null),
          remove,
          error,
        );
      });
      const full = answer.items.length >= answer.max_per_place;
      replace(
        body,
        h('h3', null, tcc('children.title')),
        rows.length ? h('ul', { class: 'cc-child-list' }, rows) : h('p', { class: 'muted' }, tcc('children.none')),
        full ? h('p', { class: 'muted' }, tcc('add.full', { max: answer.max_per_place })) : addForm(item.id, () => void load()),
      );
    } catch (failure) {
      if (!isAbort(failure)) replace(body, errorBox(failure, () => void load()));
    }
  };
  void load();
  return body;
}

function classCard(item: api.ChildcareClass, who: Account, signal: AbortSignal): HTMLElement {
  const cancelled = item.status === 'cancelled';
  const where = item.place?.name ?? item.address;
  const parts: Array<HTMLElement | null> = [
    h('div', { class: 'cc-card-head' }, h('h2', null, item.title), cancelled ? badge(tcc('class.cancelled'), 'bad') : null),
    h('p', { class: 'cc-when' }, dates(item)),
    h('p', { class: 'muted' }, [item.organiser.name, where].filter(Boolean).join(' · ')),
    h('p', { class: 'muted' }, tcc('class.places', { taken: item.taken, capacity: item.capacity })),
  ];
  if (who.role === 'worker' && !cancelled) {
    const status = item.mine?.status;
    if (status === 'confirmed') parts.push(myChildren(item, signal));
    else if (status === 'waiting') parts.push(h('p', { class: 'cc-note' }, tcc('class.waiting')));
    else if (status === 'offered') parts.push(h('a', { class: 'btn btn-primary cc-big', href: `#/events/${item.id}` }, tcc('class.offered')));
    else parts.push(h('a', { class: 'btn btn-primary cc-big', href: `#/events/${item.id}`, 'data-testid': 'childcare-register' }, tcc('class.register')));
  }
  if (item.can.manage) {
    parts.push(
      h(
        'div',
        { class: 'cc-actions' },
        h('a', { class: 'btn btn-primary cc-big', href: `#/childcare/${item.id}/attendance`, 'data-testid': 'childcare-sheet-link' }, tcc('class.sheet')),
        h('a', { class: 'btn btn-secondary cc-big', href: `#/events/${item.id}/roster` }, tcc('class.roster')),
      ),
    );
  }
  return h('article', { class: 'card cc-card', 'data-testid': 'childcare-class', 'data-event-id': String(item.id) }, parts);
}

export function childcarePage(who: Account, signal: AbortSignal): HTMLElement {
  const body = h('div', null, skeletonLines(4));
  const load = async (): Promise<void> => {
    try {
      const at = now();
      const list = await api.classes(at - UNDER_WAY_DAYS * 86_400, at, AHEAD_DAYS, signal);
      const items = list.items.filter((item) => item.kind === 'childcare' && item.ends_at > at);
      replace(body, items.length ? h('div', { class: 'cc-list' }, items.map((item) => classCard(item, who, signal))) : h('p', { class: 'muted', 'data-testid': 'childcare-empty' }, tcc('page.empty')));
    } catch (failure) {
      if (!isAbort(failure)) replace(body, errorBox(failure, () => void load()));
    }
  };
  void load();
  return h(
    'div',
    { class: 'page page-childcare', 'data-testid': 'childcare-page' },
    section(tcc('page.title'), h('div', null, h('p', { class: 'muted' }, tcc('page.intro')), who.role === 'worker' ? h('p', { class: 'muted' }, tcc('page.rule', { max: 3 })) : null, body)),
  );
}

/** One child's row on the sheet: two big toggles, 已到 and 未到, saved as they are tapped. */
function sheetRow(eventId: number, child: api.Child, day: string, changed: () => void): HTMLElement {
  const error = errorLine('sheet-error');
  const state = h('span', { class: 'cc-state', 'data-testid': 'sheet-state' });
  const here = h('button', { type: 'button', class: 'cc-toggle cc-here', 'data-testid': 'sheet-here' }, tcc('sheet.here'));
  const absent = h('button', { type: 'button', class: 'cc-toggle cc-absent', 'data-testid': 'sheet-absent' }, tcc('sheet.absent'));
  const show = (): void => {
    const value = markOf(child, day);
    here.setAttribute('aria-pressed', String(value === 'here'));
    absent.setAttribute('aria-pressed', String(value === 'absent'));
    state.textContent = value === 'unmarked' ? tcc('sheet.unmarked') : '';
  };
  const set = (button: HTMLButtonElement, present: boolean): void => {
    void runGuarded(button, tcc('sheet.saving'), error, () => api.mark(eventId, child.id, day, present), errorMessageOf).then((ok) => {
      if (!ok) return;
      child.attendance = { ...(child.attendance ?? {}), [day]: present };
      show();
      changed();
    });
  };
  here.addEventListener('click', () => set(here, true));
  absent.addEventListener('click', () => set(absent, false));
  show();
  return h(
    'li',
    { class: 'cc-sheet-row', 'data-testid': 'sheet-child', 'data-child-id': String(child.id) },
    h(
      'div',
      { class: 'cc-sheet-who' },
      h('strong', null, child.given_name),
      ' ',
      h('span', { class: 'muted' }, tcc('children.age', { age: child.age })),
      child.note ? h('div', { class: 'cc-allergy' }, child.note) : null,
      child.parent ? h('div', { class: 'muted' }, tcc('sheet.parent', { name: child.parent.name })) : null,
      state,
    ),
    h('div', { class: 'cc-toggles' }, here, absent),
    error,
  );
}

export function attendancePage(id: number, signal: AbortSignal): HTMLElement {
  const body = h('div', null, skeletonLines(5));
  const title = h('span', null, tcc('sheet.title'));
  const load = async (): Promise<void> => {
    try {
      const sheet = await api.sheet(id, signal);
      title.textContent = `${sheet.event.title} · ${tcc('sheet.title')}`;
      let day = defaultDay(sheet.days.map((d) => d.day), now());
      const count = h('p', { class: 'cc-count', 'data-testid': 'sheet-count' });
      const rows = h('ul', { class: 'cc-sheet' });
      const chips = h('nav', { class: 'cc-days', 'aria-label': tcc('sheet.day') });
      const draw = (): void => {
        if (day === null) return;
        const current = day;
        count.textContent = tcc('sheet.present', { present: presentOn(sheet.children, current), total: sheet.children.length });
        replace(
          chips,
          sheet.days.map((d) => {
            const chip = h('button', { type: 'button', class: `cc-day${d.day === current ? ' is-active' : ''}`, 'aria-pressed': String(d.day === current), 'data-testid': `sheet-day-${d.day}` }, d.day.slice(5));
            chip.addEventListener('click', () => {
              day = d.day;
              draw();
            });
            return chip;
          }),
        );
        replace(rows, sheet.children.map((child) => sheetRow(id, child, current, () => {
          count.textContent = tcc('sheet.present', { present: presentOn(sheet.children, current), total: sheet.children.length });
        })));
      };
      draw();
      replace(body, sheet.children.length ? h('div', null, chips, count, rows) : h('p', { class: 'muted', 'data-testid': 'sheet-empty' }, tcc('sheet.none')));
    } catch (failure) {
      if (!isAbort(failure)) replace(body, errorBox(failure, () => void load()));
    }
  };
  void load();
  return h(
    'div',
    { class: 'page page-childcare', 'data-testid': 'childcare-sheet' },
    section(tcc('sheet.title'), h('div', null, h('h2', { class: 'cc-sheet-title' }, title), body), {
      actions: h('a', { class: 'btn btn-secondary', href: '#/childcare' }, tcc('sheet.back')),
    }),
  );
}

