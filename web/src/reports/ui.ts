/** Pieces the report pages share: status chips, category glyphs, the SLA clock, list rows, the timeline. */

import { h, type Child } from '../shell/dom';
import { beijingStamp, categoryLook, peopleCount, photoIdOf, slaClock, statusTone, type Report, type Step } from './model';
import { categoryName, departmentName, spanText, statusName, tr, trMaybe } from './messages';
import './reports.css';

export function statusChip(status: string, label?: string | null, testid = 'report-status'): HTMLElement {
  return h('span', { class: `rs-chip rs-${statusTone(status)}`, 'data-testid': testid, 'data-status': status }, statusName(status, label));
}

export function categoryGlyph(category: string, extra = ''): HTMLElement {
  const look = categoryLook(category);
  return h('span', { class: `rc-glyph ${extra}`.trim(), style: `--rc-color:${look.color}`, 'aria-hidden': 'true' }, look.glyph);
}

/** 剩 2小时5分 / 已超时 1小时 (red); nothing once finished. */
export function slaBadge(report: Pick<Report, 'status' | 'due_at' | 'overdue'>, now = Date.now()): HTMLElement | null {
  const clock = slaClock(report, now);
  if (clock.state === 'none') return null;
  const time = spanText(clock.hours, clock.minutes);
  return h(
    'span',
    { class: `rsla rsla-${clock.state}`, 'data-testid': 'report-sla', 'data-state': clock.state, title: `${tr('detail.due')} ${beijingStamp(report.due_at)}` },
    clock.state === 'overdue' ? tr('sla.overdue', { time }) : tr('sla.left', { time }),
  );
}

export function escalationBadge(escalation: Report['escalation']): HTMLElement | null {
  if (!escalation) return null;
  return h('span', { class: 'resc', 'data-testid': 'report-escalation', 'data-escalation': escalation }, trMaybe(`esc.${escalation}`, escalation));
}

export function assigneeText(assignee: Report['assignee']): string {
  if (!assignee) return '—';
  return assignee.kind === 'department' ? `${tr('detail.dept')} · ${departmentName(assignee.name)}` : `${trMaybe('role.grid_officer', '')} · ${assignee.name}`;
}

/** One report in a list: glyph, category, status, text, place, time, SLA, escalation, "N 人反映", and for staff who accepts it. */
export function reportRow(r: Report, options: { sla: boolean; now?: number; acceptor?: boolean }): HTMLElement {
  const thumb = r.thumbnails?.[0] ?? r.photos?.[0];
  return h(
    'li',
    { class: `rl-item${r.overdue ? ' is-overdue' : ''}`, 'data-testid': 'report-row', 'data-report-id': String(r.id), 'data-status': r.status, 'data-category': r.category },
    h(
      'a',
      { class: 'rl-link', href: `#/reports/${r.id}` },
      thumb ? h('img', { class: 'rl-thumb', src: thumb, alt: '', loading: 'lazy' }) : categoryGlyph(r.category, 'is-row'),
      h(
        'span',
        { class: 'rl-text' },
        h('span', { class: 'rl-head' }, h('b', { class: 'rl-cat' }, categoryName(r.category, r.category_label)), statusChip(r.status, r.status_label), r.reporter?.grid_reporter ? h('span', { class: 'badge badge-accent rl-grid', 'data-testid': 'grid-reporter-tag' }, trMaybe('grid.tag', '网格员直报')) : null),
        r.description ? h('span', { class: 'rl-desc', 'data-user-text': '' }, r.description) : null,
        h(
          'span',
          { class: 'rl-meta' },
          h('span', null, [r.address || r.compound?.name || r.area?.name, beijingStamp(r.created_at)].filter(Boolean).join(' · ')),
          r.me_too > 0 ? h('span', { class: 'rl-metoo', 'data-testid': 'report-metoo', 'data-me-too': String(r.me_too) }, tr('mine.meToo', { count: peopleCount(r.me_too) })) : null,
        ),
        options.acceptor && r.acceptor ? h('span', { class: 'rl-acceptor', 'data-testid': 'report-row-acceptor', 'data-kind': r.acceptor.kind, title: r.acceptor.reason }, tr('acceptor.row', { name: r.acceptor.name })) : null,
        options.sla ? h('span', { class: 'rl-badges' }, slaBadge(r, options.now), escalationBadge(r.escalation)) : null,
      ),
    ),
  );
}

function stepPhoto(url: string | null | undefined): Child {
  if (!url) return null;
  const id = photoIdOf(url);
  const thumb = id != null && !url.includes('?') ? `${url}?size=thumb` : url;
  return h('a', { class: 'rt-photo', href: url, target: '_blank', rel: 'noopener', 'data-testid': 'step-photo' }, h('img', { src: thumb, alt: tr('detail.resolutionPhoto'), loading: 'lazy' }));
}

/** The steps, oldest first, the newest highlighted. */
export function timeline(steps: readonly Step[]): HTMLElement {
  if (steps.length === 0) return h('p', { class: 'muted' }, tr('detail.noSteps'));
  return h(
    'ol',
    { class: 'rt', 'data-testid': 'report-timeline', 'data-steps': String(steps.length) },
    steps.map((s, i) =>
      h(
        'li',
        { class: `rt-step rt-${statusTone(s.status)}${i === steps.length - 1 ? ' is-last' : ''}`, 'data-testid': 'report-step', 'data-status': s.status },
        h('span', { class: 'rt-dot', 'aria-hidden': 'true' }),
        h(
          'div',
          { class: 'rt-body' },
          h('div', { class: 'rt-head' }, h('b', { class: 'rt-status' }, statusName(s.status, s.status_label)), h('time', { class: 'rt-time', datetime: s.at }, beijingStamp(s.at))),
          s.actor || s.role ? h('div', { class: 'rt-actor', 'data-testid': 'step-actor' }, [s.role ? trMaybe(`role.${s.role}`, s.role) : null, s.actor].filter(Boolean).join(' · ')) : null,
          s.note ? h('p', { class: 'rt-note', 'data-testid': 'step-note' }, s.note) : null,
          stepPhoto(s.photo),
        ),
      ),
    ),
  );
}

export function toast(text: string, tone: 'ok' | 'bad' = 'ok'): void {
  const element = h('div', { class: `toast${tone === 'bad' ? ' toast-bad' : ''}`, role: 'status', 'data-testid': 'reports-toast' }, text);
  document.body.appendChild(element);
  window.setTimeout(() => element.remove(), 4000);
}
