/**
 * Rules before the gate (issue 15, item 8): how riders get into the compound (集中放取 / 可进入 /
 * 仅限常驻骑手 / 绿色通道), its hours in words with whether they allow entry now (public holidays
 * and adjusted working days applied by the server), and where orders go. One small box from the
 * public GET /api/v1/compounds/{code}/access, shown under the map page's header and on the
 * compound's home. The last answer is kept for a poor connection at the gate.
 */

import * as api from './api';
import type { AccessSummary } from './api';
import { h, replace } from '../shell/dom';
import { getLang, type Lang } from '../shell/i18n';
import { tm, tmMaybe } from './messages';
import './compound-rules.css';

const CACHE_PREFIX = 'youhao.rules.';

/** What the box says, worded: a pure function of the server's answer. */
export interface RulesView {
  mode: AccessSummary['mode'];
  /** 集中放取 · 骑手不进小区, 可进入 · 出示进门码, … */
  label: string;
  /** The hours are not around the clock: 限时. */
  timed: boolean;
  /** 开放时间：周一至周五 08:00-20:00；法定节假日不开放 */
  hours: string;
  /** Whether riders may enter now; null where riders never enter (drop-off only). */
  openNow: boolean | null;
  /** 今天是法定节假日 / 今天调休上班, or null on an ordinary day. */
  today: string | null;
  /** Drop-off points, green-lane gates, the longest stay. */
  details: string[];
}

export function rulesView(access: AccessSummary, lang: Lang = getLang()): RulesView {
  const entering = access.mode !== 'drop_off';
  const words = lang === 'zh' ? access.opening_hours_zh : access.opening_hours_zh === null ? null : access.opening_hours;
  const details: string[] = [];
  const points = access.drop_off_points.map((p) => (p.description ? `${p.name}（${p.description}）` : p.name));
  if (points.length > 0) details.push(tm('rules.dropOff', { points: points.join('、') }));
  if (access.mode === 'green_lane' && access.green_lane_gates.length > 0) details.push(tm('rules.greenLane', { gates: access.green_lane_gates.join('、') }));
  if (entering && access.mode !== 'open' && access.max_stay_minutes > 0) details.push(tm('rules.maxStay', { minutes: access.max_stay_minutes }));
  return {
    mode: access.mode,
    label: tmMaybe(`rules.mode.${access.mode}`, access.mode),
    timed: !access.always_open,
    hours: words === null ? tm('rules.hoursUnreadable') : tm('rules.hours', { hours: words }),
    openNow: entering ? access.open_now : null,
    today: access.today === 'ordinary' ? null : tmMaybe(`rules.today.${access.today}`, ''),
    details,
  };
}

function render(view: RulesView): HTMLElement[] {
  const tone = view.mode === 'drop_off' ? 'is-dropoff' : view.openNow === false ? 'is-closed' : 'is-open';
  return [
    h(
      'div',
      { class: `cr-head ${tone}` },
      h('strong', { class: 'cr-mode', 'data-testid': 'rules-mode' }, view.label),
      view.timed ? h('span', { class: 'cr-badge', 'data-testid': 'rules-timed' }, tm('rules.timed')) : null,
      view.openNow === null ? null : h('span', { class: `cr-now ${view.openNow ? 'is-open' : 'is-closed'}`, 'data-testid': 'rules-now' }, tm(view.openNow ? 'rules.openNow' : 'rules.closedNow')),
    ),
    h('p', { class: 'cr-hours', 'data-testid': 'rules-hours' }, view.hours, view.today ? h('span', { class: 'cr-today' }, ` · ${view.today}`) : null),
    ...view.details.map((line) => h('p', { class: 'cr-detail', 'data-testid': 'rules-detail' }, line)),
  ];
}

function remembered(code: string): AccessSummary | null {
  try {
    const text = localStorage.getItem(CACHE_PREFIX + code);
    return text ? (JSON.parse(text) as AccessSummary) : null;
  } catch {
    return null;
  }
}

function remember(code: string, access: AccessSummary): void {
  try {
    localStorage.setItem(CACHE_PREFIX + code, JSON.stringify(access));
  } catch {
    // Storage full or disabled: the box works without the copy.
  }
}

/**
 * The box for compound `code`: empty until the rules arrive, then filled; a copy kept from an
 * earlier visit stands in while offline (without "now": it would be stale); nothing at all when
 * neither is there.
 */
export function compoundRules(code: string, signal?: AbortSignal): HTMLElement {
  const box = h('section', { class: 'cr', 'aria-label': tm('rules.title'), 'data-testid': 'compound-rules', hidden: true });
  api.compoundAccess(code, signal).then(
    (access) => {
      if (signal?.aborted) return;
      remember(code, access);
      replace(box, ...render(rulesView(access)));
      box.hidden = false;
    },
    () => {
      const copy = remembered(code);
      if (signal?.aborted || !copy) return;
      replace(box, ...render({ ...rulesView(copy), openNow: null, today: null }));
      box.hidden = false;
    },
  );
  return box;
}
