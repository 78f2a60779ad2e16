/**
 * The monthly lists, 优秀放餐企业榜单 (#/rankings/merchants) and 友好小区榜 (#/rankings/compounds),
 * with ?area=&month=: rank, name, score and riders, the month before and after, how the score is
 * made. A published list opens without login; officers of the area see this month's draft, and a
 * street officer or above has 发布榜单 (two taps: a published list never changes). Without an
 * area the server picks the caller's (their district, or an officer's own area).
 */

import * as api from './api';
import { ApiError, isAbort, me } from '../shell/api';
import { h, icon, replace, type Child } from '../shell/dom';
import { icons } from '../shell/icons';
import { langButton } from '../shell/lang-button';
import type { Account } from '../shell/types';
import { refusalText, trk } from './messages';
import { beijingMonth, isMonth, mayPublish, scoreText, shiftMonth } from './model';
import '../maps/maps.css';
import '../places/places.css';
import './rankings.css';

export function rankingsPage(kind: api.RankingKind, search: string, signal: AbortSignal): HTMLElement {
  const params = new URLSearchParams(search);
  const thisMonth = beijingMonth(Date.now());
  // Without a month the server answers with this month's list for officers, the newest published one for others.
  const asked = isMonth(params.get('month')) ? params.get('month')! : null;
  const area = params.get('area') ?? '';
  const href = (k: api.RankingKind, m: string): string => {
    const q = new URLSearchParams();
    if (area) q.set('area', area);
    q.set('month', m);
    return `#/rankings/${k}?${q.toString()}`;
  };
  const title = trk(kind === 'merchants' ? 'list.merchants' : 'list.compounds');
  document.title = title;
  const body = h('div', { class: 'rk-body', 'aria-busy': 'true' }, h('p', { class: 'muted' }, trk('list.loading')));
  const subtitle = h('small', null, asked ? trk('list.month', { month: asked }) : '');
  const tabs = h('nav', { class: 'rk-tabs' });
  const months = h('nav', { class: 'rk-months' });
  /** The tabs and the month before and after, once the month shown is known. */
  const frame = (month: string): void => {
    subtitle.textContent = trk('list.month', { month });
    replace(
      tabs,
      (['merchants', 'compounds'] as const).map((k) =>
        h('a', { class: `rk-tab${k === kind ? ' is-on' : ''}`, href: href(k, month), 'aria-current': k === kind ? 'page' : undefined, 'data-testid': `rankings-tab-${k}` }, trk(k === 'merchants' ? 'list.merchants.short' : 'list.compounds.short')),
      ),
    );
    replace(
      months,
      h('a', { class: 'btn btn-secondary', href: href(kind, shiftMonth(month, -1)), 'data-testid': 'rankings-prev' }, trk('list.prev')),
      h('strong', { 'data-testid': 'rankings-month' }, month),
      month < thisMonth ? h('a', { class: 'btn btn-secondary', href: href(kind, shiftMonth(month, 1)), 'data-testid': 'rankings-next' }, trk('list.next')) : h('span'),
    );
  };
  const page = h(
    'div',
    { class: 'mw rk-page', 'data-testid': 'rankings-page', 'data-kind': kind },
    h(
      'header',
      { class: 'mw-top' },
      h('a', { class: 'logo', href: '/#/home', 'aria-label': trk('list.home') }, '友'),
      h('div', { class: 'mw-title' }, h('h1', { 'data-testid': 'rankings-title' }, title), subtitle),
      langButton(),
    ),
    tabs,
    months,
    body,
  );

  const who = me(signal, true).then(
    (answer) => answer.account,
    () => null,
  );
  const load = (): void => {
    api.ranking(kind, { month: asked ?? undefined, area: area || undefined }, signal).then(
      (list) =>
        void who.then((account) => {
          if (signal.aborted) return;
          frame(list.month);
          replace(body, ...listView(list, account, load));
        }),
      (error: unknown) => {
        if (signal.aborted || isAbort(error)) return;
        const unpublished = error instanceof ApiError && error.code === 'ranking_not_published';
        frame(asked ?? thisMonth);
        replace(
          body,
          h(
            'div',
            { class: 'mw-empty', role: 'status', 'data-testid': unpublished ? 'rankings-unpublished' : 'rankings-error' },
            icon(unpublished ? icons.history : icons.alert, 'empty-icon'),
            h('h2', null, unpublished ? trk('list.notPublished', { month: asked ?? thisMonth }) : refusalText(error, 'list.network')),
            unpublished ? h('p', null, trk('list.notPublishedHint')) : null,
            unpublished ? h('a', { class: 'btn btn-primary', href: href(kind, shiftMonth(asked ?? thisMonth, -1)) }, trk('list.prev')) : null,
          ),
        );
      },
    );
  };
  body.removeAttribute('aria-busy');
  load();
  return page;
}

function listView(list: api.RankingList, account: Account | null, reload: () => void): Child[] {
  const what = trk(list.kind === 'merchants' ? 'list.what.merchants' : 'list.what.compounds');
  const status = h(
    'p',
    { class: `rk-status ${list.status === 'published' ? 'is-published' : 'is-draft'}`, 'data-testid': 'rankings-status', 'data-status': list.status },
    list.status === 'published'
      ? `${trk('list.published')}${list.published_at ? ` · ${trk('list.publishedAt', { date: new Date(list.published_at * 1000).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' }) })}` : ''}`
      : trk('list.draft'),
  );
  const rows = list.entries.map((entry) =>
    h(
      'li',
      { class: `rk-row${entry.rank <= 3 ? ` is-top is-top-${entry.rank}` : ''}`, 'data-testid': 'rankings-row', 'data-key': entry.key },
      h('span', { class: 'rk-rank', 'aria-label': trk('list.rank') }, String(entry.rank)),
      h(
        'span',
        { class: 'rk-name' },
        entry.place_id ? h('a', { href: `#/p/${entry.place_id}` }, entry.name) : entry.name,
        h('small', { class: 'muted' }, `${trk('list.raters')} ${trk('list.ratersCount', { count: entry.raters })}`),
      ),
      h('span', { class: 'rk-score', 'aria-label': trk('list.score') }, scoreText(entry.score)),
    ),
  );
  const publish = list.status === 'draft' && account && mayPublish(account.role) ? publishButton(list, reload) : null;
  return [
    h('h2', { class: 'rk-area', 'data-testid': 'rankings-area' }, list.area.name),
    status,
    rows.length ? h('ol', { class: 'rk-list', 'data-testid': 'rankings-list' }, rows) : h('p', { class: 'mw-empty muted', 'data-testid': 'rankings-empty' }, trk('list.empty', { what })),
    list.too_few_raters > 0 ? h('p', { class: 'muted rk-note' }, trk('list.excluded', { count: list.too_few_raters })) : null,
    h('p', { class: 'muted rk-note' }, trk(list.kind === 'merchants' ? 'list.rule.merchants' : 'list.rule.compounds', { count: list.min_raters })),
    publish,
  ];
}

/** 发布榜单: the first tap asks, the second publishes. */
function publishButton(list: api.RankingList, reload: () => void): HTMLElement {
  const box = h('div', { class: 'rk-publish' });
  const note = h('p', { class: 'rk-result', role: 'status', 'aria-live': 'polite', hidden: true, 'data-testid': 'rankings-publish-note' });
  const button = h('button', { type: 'button', class: 'btn btn-primary btn-block', 'data-testid': 'rankings-publish' }, trk('list.publish'));
  let asked = false;
  button.addEventListener('click', () => {
    if (!asked) {
      asked = true;
      note.hidden = false;
      note.className = 'rk-result';
      note.textContent = trk('list.publishConfirm', { month: list.month, what: trk(list.kind === 'merchants' ? 'list.merchants' : 'list.compounds') });
      button.setAttribute('data-confirm', 'true');
      return;
    }
    button.disabled = true;
    button.textContent = trk('list.publishing');
    api.publish(list.kind, list.month, list.area.code).then(
      () => {
        note.className = 'rk-result is-ok';
        note.textContent = trk('list.publishedNow');
        reload();
      },
      (error: unknown) => {
        button.disabled = false;
        button.textContent = trk('list.publish');
        note.className = 'rk-result is-bad';
        note.textContent = refusalText(error, 'list.network');
      },
    );
  });
  box.append(note, button);
  return box;
}
