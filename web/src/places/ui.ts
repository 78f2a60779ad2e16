/** Small pieces the friendly-places pages share: badges for grade, open/closed, busy, amenities. */

import { h, type Child } from '../shell/dom';
import { langButton } from '../shell/shell';
import { amenityGlyph, busyTone, kindLook, sortAmenities, type Place } from './model';
import { amenityName, kindName, tp, tpMaybe } from './messages';

export function pbadge(text: string, tone: 'ok' | 'warn' | 'bad' | 'muted' | 'accent', testid?: string, extra = ''): HTMLElement {
  return h('span', { class: `badge badge-${tone} ${extra}`.trim(), 'data-testid': testid }, text);
}

/** The round kind glyph (驿, 商, 食 …) in the kind's colour. */
export function kindGlyph(kind: string, extra = ''): HTMLElement {
  const look = kindLook(kind);
  return h('span', { class: `pk-glyph ${extra}`.trim(), style: `--pp-color:${look.color}`, 'aria-hidden': 'true' }, look.glyph);
}

export function gradeBadge(grade: string | null | undefined): HTMLElement | null {
  if (!grade) return null;
  return h('span', { class: `pg pg-${grade.toLowerCase()}`, 'data-testid': 'place-grade', 'data-grade': grade, title: tp('page.gradeTitle') }, tp('places.grade', { grade }));
}

/** 营业中 / 已打烊, with the hours in words after it. */
export function openLine(place: Pick<Place, 'open_now' | 'hours_zh' | 'opening_hours' | 'always_open'>): HTMLElement {
  const open = place.open_now;
  const hours = place.always_open ? tp('places.always') : (place.hours_zh || place.opening_hours || '').trim();
  return h(
    'span',
    { class: 'po-line' },
    open == null ? null : h('span', { class: `po-state ${open ? 'is-open' : 'is-closed'}`, 'data-testid': 'place-open', 'data-open': String(open) }, open ? tp('places.open') : tp('places.closed')),
    hours ? h('span', { class: 'po-hours', 'data-testid': 'place-hours' }, hours) : null,
  );
}

export function busyBadge(busy: Place['busy']): HTMLElement | null {
  if (!busy?.level) return null;
  return pbadge(tpMaybe(`places.busy.${busy.level}`, busy.level), busyTone(busy.level), 'place-busy', 'pb-busy');
}

/** Amenities as round glyphs with their Chinese names (big on the place page, small in lists). */
export function amenityList(amenities: readonly string[], size: 'big' | 'small' = 'small', highlight: readonly string[] = [], max = Infinity): HTMLElement {
  const sorted = sortAmenities(amenities);
  // The ones asked for first, then the rest up to `max`, then "+N".
  const ordered = [...sorted.filter((a) => highlight.includes(a)), ...sorted.filter((a) => !highlight.includes(a))];
  const shown = ordered.slice(0, Math.max(max, highlight.length));
  const more = ordered.length - shown.length;
  return h(
    'ul',
    { class: `pa pa-${size}`, 'data-testid': 'place-amenities', 'data-count': String(sorted.length) },
    shown.map((a) =>
      h(
        'li',
        { class: highlight.includes(a) ? 'is-hit' : null, 'data-amenity': a },
        h('span', { class: 'pa-glyph', 'aria-hidden': 'true' }, amenityGlyph(a)),
        h('span', { class: 'pa-name' }, amenityName(a)),
      ),
    ),
    more > 0 ? h('li', { class: 'pa-more' }, `+${more}`) : null,
  );
}

export function kindText(place: Pick<Place, 'kind' | 'kind_label'>): string {
  return kindName(place.kind, place.kind_label);
}

/** A row of chips (filters): big touch targets, aria-pressed. */
export function chip(label: Child, pressed: boolean, props: Record<string, unknown>): HTMLButtonElement {
  return h('button', { type: 'button', class: `pchip${pressed ? ' is-on' : ''}`, 'aria-pressed': String(pressed), ...props }, label);
}

/** The public pages' top bar: the app's logo (home), the title, the language switch. */
export function topBar(title: string, subtitle: string): HTMLElement {
  return h(
    'header',
    { class: 'mw-top' },
    h('a', { class: 'logo', href: '/#/home', 'aria-label': tp('places.appHome') }, '友'),
    h('div', { class: 'mw-title' }, h('h1', { 'data-testid': 'places-title' }, title), h('small', null, subtitle)),
    langButton(),
  );
}
