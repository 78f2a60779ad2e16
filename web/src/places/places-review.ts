/**
 * 场所审核 (#/review/CODE) for community staff and officers: places added or changed by keepers
 * and merchants in the area, with what would change, approved or rejected with a note.
 */

import * as api from './api';
import { isAbort } from '../shell/api';
import { h, replace } from '../shell/dom';
import { formatNumber, t } from '../shell/i18n';
import { reviewChanges, type ReviewField, type ReviewPlace } from './model';
import { amenityName, kindName, listJoin, tp, tpMaybe } from './messages';
import { kindGlyph, kindText, pbadge } from './ui';
import './places.css';
import type { Account } from '../shell/types';
import { errorBox, modal, pager, skeletonLines } from '../shell/ui';
import { areaHref } from '../accounts/officer';

const STATUSES = ['pending', 'approved', 'rejected', 'all'] as const;
const LIMIT = 20;

function toast(text: string): void {
  const element = h('div', { class: 'toast', role: 'status', 'data-testid': 'places-toast' }, text);
  document.body.appendChild(element);
  window.setTimeout(() => element.remove(), 4000);
}

/** A field's value in words (amenity names, kinds, offers, yes/no). */
export function valueText(field: ReviewField, value: unknown): string {
  if (value == null || value === '') return '—';
  if (field === 'amenities' && Array.isArray(value)) return value.length ? listJoin(value.map((a) => amenityName(String(a)))) : '—';
  if (field === 'kind') return kindName(String(value));
  if (field === 'tier') return tpMaybe(`tier.${String(value)}`, String(value));
  if (field === 'scan_entry') return value ? '✓' : '✗';
  if (Array.isArray(value)) return value.length ? listJoin(value.map(String)) : '—';
  if (field === 'offers' && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return [o.discount, o.rider_price_yuan != null ? tp('page.riderPrice', { price: String(o.rider_price_yuan) }) : null, o.late_meal ? tp('page.lateMeal', { hours: String(o.late_meal) }) : null].filter(Boolean).join('；') || '—';
  }
  return String(value);
}

export function reviewPage(_account: Account, code: string, signal: AbortSignal): HTMLElement {
  let status: (typeof STATUSES)[number] = 'pending';
  let offset = 0;
  const list = h('div', { class: 'pr-list', 'data-testid': 'review-list' });
  const tabs = h('div', { class: 'pr-tabs', role: 'tablist' });

  const renderTabs = (): void =>
    replace(
      tabs,
      STATUSES.map((s) =>
        h(
          'button',
          {
            type: 'button',
            role: 'tab',
            class: `pchip${s === status ? ' is-on' : ''}`,
            'aria-selected': String(s === status),
            'data-testid': 'review-tab',
            'data-status': s,
            onClick: () => {
              status = s;
              offset = 0;
              renderTabs();
              void load();
            },
          },
          tpMaybe(`status.${s}`, s),
        ),
      ),
    );

  const load = async (): Promise<void> => {
    replace(list, skeletonLines(4));
    try {
      // 待审核 is new places (status pending) and changes waiting on approved places (a `pending`
      // proposal): the server lists the second kind under their live status, so ask for all.
      const page =
        status === 'pending'
          ? await api.placesInArea({ area: code, status: 'all', limit: 200, offset: 0 }, signal).then((all) => {
              const waiting = all.places.filter((p) => p.status === 'pending' || !!p.pending);
              return { places: waiting, total: waiting.length };
            })
          : await api.placesInArea({ area: code, status, limit: LIMIT, offset }, signal);
      if (page.places.length === 0) {
        replace(list, h('div', { class: 'card empty', 'data-testid': 'review-empty' }, status === 'pending' ? tp('review.empty') : t('common.none')));
        return;
      }
      replace(
        list,
        page.places.map((p) => row(p)),
        status !== 'pending' && page.total > LIMIT
          ? pager({
              offset,
              limit: LIMIT,
              total: page.total,
              onPage: (next) => {
                offset = next;
                void load();
              },
            })
          : h('p', { class: 'muted pr-total' }, t('common.totalCount', { total: formatNumber(page.total) })),
      );
    } catch (error) {
      if (isAbort(error)) return;
      replace(list, errorBox(error, () => void load()));
    }
  };

  const decide = async (p: ReviewPlace, decision: 'approve' | 'reject'): Promise<void> => {
    const note = h('textarea', { class: 'input pr-note', rows: 3, maxlength: 200, placeholder: tp('review.notePlaceholder'), 'data-testid': 'review-note' });
    const done = await modal<boolean>({
      title: decision === 'approve' ? `${tp('review.approve')}：${p.name}` : tp('review.rejectTitle', { name: p.name }),
      body: h('label', { class: 'pm-field' }, h('span', { class: 'pm-label' }, decision === 'approve' ? tp('review.note') : tp('review.rejectNote')), note),
      submitLabel: decision === 'approve' ? tp('review.approve') : tp('review.reject'),
      danger: decision === 'reject',
      testid: 'review-dialog',
      onSubmit: async () => {
        await api.reviewPlace(p.id, decision, note.value.trim());
        return true;
      },
    });
    if (!done) return;
    toast(decision === 'approve' ? tp('review.approved', { name: p.name }) : tp('review.rejected', { name: p.name }));
    await load();
  };

  const row = (p: ReviewPlace): HTMLElement => {
    const changes = reviewChanges(p);
    const isChange = !!p.pending;
    const actionable = p.status === 'pending' || isChange;
    return h(
      'article',
      { class: 'card pr-card', 'data-testid': 'review-row', 'data-place-id': String(p.id), 'data-status': p.status },
      h(
        'div',
        { class: 'pm-head' },
        kindGlyph(p.kind),
        h('div', { class: 'pm-title' }, h('strong', { 'data-testid': 'review-name' }, p.name), h('span', { class: 'muted' }, [kindText(p), p.area?.name, p.address].filter(Boolean).join(' · '))),
        h(
          'div',
          { class: 'pm-badges' },
          actionable ? pbadge(isChange ? tp('review.change') : tp('review.new'), isChange ? 'accent' : 'warn', 'review-kind') : pbadge(tpMaybe(`status.${p.status}`, p.status), p.status === 'approved' ? 'ok' : 'bad'),
        ),
      ),
      changes.length
        ? h(
            'table',
            { class: 'pr-changes', 'data-testid': 'review-changes' },
            isChange ? h('thead', null, h('tr', null, h('th', null, ''), h('th', null, tp('review.before')), h('th', null, tp('review.after')))) : null,
            h(
              'tbody',
              null,
              changes.map((c) =>
                h(
                  'tr',
                  { 'data-field': c.field },
                  h('th', { scope: 'row' }, tpMaybe(`review.field.${c.field}`, c.field)),
                  isChange ? h('td', { class: 'pr-before' }, valueText(c.field, c.before)) : null,
                  h('td', { class: 'pr-after' }, valueText(c.field, c.after)),
                ),
              ),
            ),
          )
        : null,
      h(
        'div',
        { class: 'pm-actions' },
        actionable ? h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'review-approve', onClick: () => void decide(p, 'approve') }, tp('review.approve')) : null,
        actionable ? h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'review-reject', onClick: () => void decide(p, 'reject') }, tp('review.reject')) : null,
        h('a', { class: 'btn btn-link', href: `#/p/${p.id}`, 'data-testid': 'review-open' }, tp('review.open')),
      ),
    );
  };

  renderTabs();
  void load();
  return h(
    'div',
    { class: 'page pr', 'data-testid': 'review-page' },
    h('div', { class: 'console-title pr-head' }, h('h1', null, tp('review.title')), h('a', { class: 'btn btn-link', href: areaHref(code) }, tp('review.back'))),
    h('p', { class: 'muted pr-intro' }, tp('review.intro')),
    h('section', { class: 'section', 'data-testid': 'review-section' }, tabs, list),
  );
}
