/**
 * What sits on a compound map besides its shapes, without any map library: the badge and label of
 * each point, building names, the route's pins, "you are here", the zoom classes that thin out
 * words, and declutter(), which hides what would pile up. The same marks are drawn by the editor's
 * Leaflet map (draw.ts wraps them in divIcons) and by the worker page's light map (light-map.ts),
 * so both look alike and maps.css styles both.
 */

import { baseLabel, featureId, gateState, labelLines, markerLook, type MapFeature } from './geo';
import { tm } from './messages';

/** A small element with text children (labels come from staff input: never HTML). */
export function mark(tag: string, props: Record<string, string> | null, ...children: Array<Node | string | null | Array<Node | string | null>>): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) element.setAttribute(name, value);
  for (const child of children.flat()) if (child != null) element.append(child);
  return element;
}

/** The badge and label of a point feature (a door: a dot and its label). */
export function pointMark(feature: MapFeature, now: Date, selected: boolean): HTMLElement {
  const p = feature.properties;
  const state = p.kind === 'gate' ? gateState(p, now) : 'open';
  const look = markerLook(p.kind, state);
  const lines = labelLines(p);
  const hours = (p.opening_hours ?? '').trim();
  let note: HTMLElement | null = null;
  if (p.kind === 'gate') {
    if (state === 'closed') note = mark('span', { class: 'mp-note mp-note-bad' }, tm('map.closedNowShort'));
    else if (state === 'no_workers') note = mark('span', { class: 'mp-note' }, tm('map.noWorkersShort'));
    else if (hours && hours !== '24/7') note = mark('span', { class: 'mp-note' }, hours.length > 22 ? `${hours.slice(0, 21)}…` : hours);
  }
  const label = lines.length ? mark('span', { class: 'mp-label' }, lines.join(' ')) : null;
  const body =
    p.kind === 'entrance'
      ? mark('div', { class: `mp mp-entrance${selected ? ' is-selected' : ''}` }, mark('span', { class: 'mp-dot' }), label)
      : mark(
          'div',
          { class: `mp ${look.className.split(' ').map((c) => `mp-${c}`).join(' ')}${selected ? ' is-selected' : ''}`, style: `--mp-color:${look.color}` },
          mark('span', { class: 'mp-badge' }, look.glyph),
          label,
          note,
        );
  body.setAttribute('data-kind', p.kind);
  const id = featureId(feature);
  if (id) body.setAttribute('data-feature-id', String(id));
  if (p.kind === 'gate') body.setAttribute('data-state', state);
  return body;
}

/** The name in the middle of a building (section above the number), or null when it has none. */
export function areaLabelMark(feature: MapFeature): HTMLElement | null {
  const lines = labelLines(feature.properties);
  if (lines.length === 0) return null;
  const kind = feature.properties.kind;
  return mark(
    'div',
    { class: `ml ml-${kind}`, 'data-kind': kind, 'data-feature-id': String(featureId(feature) ?? '') },
    lines.map((line, i) => mark('span', { class: i === lines.length - 1 ? 'ml-main' : 'ml-sub' }, line)),
  );
}

/** What a point's marker is titled (its label, or the kind's name). */
export const markTitle = (feature: MapFeature): string => baseLabel(feature.properties);

/** A round pin on the route (起, 终, a drop's number); text only. */
export function routePinMark(text: string, kind: string, options: { testid?: string; selected?: boolean } = {}): HTMLElement {
  return mark('div', { class: `mr-pin mr-pin-${kind}${options.selected ? ' is-selected' : ''}`, 'data-testid': options.testid ?? `route-${kind}` }, text);
}

/** The pulsing dot where the worker is (GPS). */
export const youMark = (): HTMLElement => mark('div', { class: 'mr-you' });

/** The ring around a step the worker tapped in the list. */
export const focusMark = (): HTMLElement => mark('div', { class: 'mr-focus' });

/** Stacking of the marks: doors under services under gates, the route's pins on top. */
export const MARK_Z = { entrance: 100, point: 200, gate: 400, you: 900, focus: 950, pin: 1000, stop: 1100, stopSelected: 1200 } as const;

/** Fewer words as the map zooms out (maps.css: z-far, z-mid, z-near; doors only when close). */
export function zoomClasses(container: HTMLElement, zoom: number): void {
  container.classList.toggle('z-far', zoom < 16.75);
  container.classList.toggle('z-mid', zoom >= 16.75 && zoom < 18);
  container.classList.toggle('z-near', zoom >= 18);
  container.classList.toggle('z-nodoors', zoom < 17.5);
}

/**
 * The room kept free around what a map is fitted to: a route's ends sit in its corners, so with
 * `clearOfControls` they stay clear of the zoom buttons and the attribution (badges stick out
 * 15 px around their point and gate names hang 30 px below it).
 */
export function fitPadding(width: number, height: number, clearOfControls: boolean): { topLeft: [number, number]; bottomRight: [number, number] } {
  const pad = Math.max(12, Math.min(40, Math.round(Math.min(width, height) * 0.05)));
  const pin = clearOfControls ? 18 : 0;
  return { topLeft: [pad + pin + (clearOfControls ? 44 : 0), pad + 14 + pin], bottomRight: [pad + pin, pad + 30 + pin] };
}

/** Which labels win when two overlap: building names first, then gates, parking, the rest, doors. */
function labelRank(element: Element): number {
  if (element.classList.contains('ml')) return 0;
  const pin = element.closest('.mp');
  const note = element.classList.contains('mp-note');
  if (pin?.classList.contains('mp-gate')) return note ? 3 : 1;
  if (pin?.classList.contains('mp-parking')) return 2;
  if (pin?.classList.contains('mp-entrance')) return 5;
  return 4;
}

/** Which badges win when they pile up: gates always stay, then parking, services, landmarks. */
function badgeRank(pin: Element | null): number {
  if (!pin || pin.classList.contains('mp-gate') || pin.closest('.mr-pin, .mr-wrap')) return 0;
  if (pin.classList.contains('mp-parking')) return 1;
  if (pin.classList.contains('mp-landmark')) return 3;
  return 2;
}

/**
 * Thins out what would pile up at this zoom (it comes back when zooming in): badges that sit on a
 * more important one, then labels that would overlap a kept label or another feature's badge.
 * One pass of reads, then one of writes.
 */
export function declutter(container: HTMLElement): void {
  const culled = [...container.querySelectorAll<HTMLElement>('.is-culled')];
  for (const element of culled) element.classList.remove('is-culled');
  const moved = [...container.querySelectorAll<HTMLElement>('.mp-entrance.pos-l, .mp-entrance.pos-b, .mp-entrance.pos-t')];
  for (const element of moved) element.classList.remove('pos-l', 'pos-b', 'pos-t');
  const overlaps = (a: DOMRect, b: DOMRect, gap = 1): boolean => a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom + gap && b.top < a.bottom + gap;

  const badges = [...container.querySelectorAll<HTMLElement>('.mp-badge, .mr-pin')]
    .map((element) => ({ element, owner: element.closest('.mp'), rank: badgeRank(element.closest('.mp') ?? element), rect: element.getBoundingClientRect() }))
    .filter((b) => b.rect.width > 0)
    .sort((a, b) => a.rank - b.rank);
  const keptBadges: typeof badges = [];
  const hide: HTMLElement[] = [];
  const hiddenOwners = new Set<Element>();
  for (const b of badges) {
    // Half a badge of overlap is too much to tell them apart.
    if (b.rank > 0 && keptBadges.some((k) => overlaps(k.rect, b.rect, -b.rect.width / 2))) {
      if (b.owner) {
        hide.push(b.owner as HTMLElement);
        hiddenOwners.add(b.owner);
      }
    } else keptBadges.push(b);
  }

  const labels = [...container.querySelectorAll<HTMLElement>('.ml, .mp-label, .mp-note')]
    .map((element) => ({ element, owner: element.closest('.mp'), rank: labelRank(element), rect: element.getBoundingClientRect() }))
    .filter((c) => c.rect.width > 0 && !(c.owner && hiddenOwners.has(c.owner)))
    .sort((a, b) => a.rank - b.rank);
  const placed: DOMRect[] = [];
  const place: Array<[HTMLElement, string]> = [];
  for (const c of labels) {
    // A building's name gives way to a badge only when the badge sits right on it, but to a drop's
    // number (多单) as soon as it covers a few pixels of it: the list under the map names the building.
    const badgeGap = c.rank === 0 ? -Math.min(c.rect.width, c.rect.height) / 2 : -2;
    const blocks = (b: (typeof keptBadges)[number], rect: DOMRect): boolean =>
      b.element.classList.contains('mr-pin-stop') ? overlaps(b.rect, rect, c.rank === 0 ? -4 : badgeGap) : b.owner !== c.owner && overlaps(b.rect, rect, badgeGap);
    const free = (rect: DOMRect): boolean => !placed.some((r) => overlaps(r, rect, -1)) && !keptBadges.some((b) => blocks(b, rect));
    // A door's label may also go left of, under or over its dot.
    const dot = c.rank === 5 ? c.owner?.querySelector('.mp-dot')?.getBoundingClientRect() : undefined;
    const options: Array<[string, DOMRect]> = [['', c.rect]];
    if (dot) {
      const x = (dot.left + dot.right) / 2;
      const y = (dot.top + dot.bottom) / 2;
      const { width: w, height: h } = c.rect;
      options.push(['pos-l', new DOMRect(x - 9 - w, c.rect.top, w, h)], ['pos-b', new DOMRect(x - w / 2, y + 8, w, h)], ['pos-t', new DOMRect(x - w / 2, y - 8 - h, w, h)]);
    }
    const fit = options.find(([, rect]) => free(rect));
    if (!fit) hide.push(c.element);
    else {
      placed.push(fit[1]);
      if (fit[0] && c.owner) place.push([c.owner as HTMLElement, fit[0]]);
    }
  }
  for (const element of hide) element.classList.add('is-culled');
  for (const [owner, position] of place) owner.classList.add(position);
}
