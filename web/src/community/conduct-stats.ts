/**
 * #/conduct for officers: rider conduct recorded at the gates of their area, per platform (stacked
 * by kind), the compounds with most records and the months, for platform review meetings (约谈).
 */

import * as api from './api';
import { isAbort } from '../shell/api';
import { addMonths, detailOf, kindName, monthOf, platformName, tc } from './messages';
import { h, replace } from '../shell/dom';
import { areaName } from '../shell/format';
import { formatNumber } from '../shell/i18n';
import type { Account } from '../shell/types';
import { errorMessageOf, skeletonLines } from '../shell/ui';

const top = <T extends { count: number }>(items: readonly T[]): T | undefined => [...items].sort((a, b) => b.count - a.count)[0];

export function conductStatsPage(account: Account, signal: AbortSignal): HTMLElement {
  const now = monthOf(new Date());
  const from = h('input', { class: 'input', type: 'month', value: addMonths(now, -3), 'data-testid': 'conduct-from', 'aria-label': tc('conduct.from') });
  const to = h('input', { class: 'input', type: 'month', value: now, 'data-testid': 'conduct-to', 'aria-label': tc('conduct.to') });
  const body = h('div', { 'data-testid': 'conduct-stats-body' });
  const chartLoader = import('./chart');

  const load = async (): Promise<void> => {
    if (from.value && to.value && from.value > to.value) {
      replace(body, h('div', { class: 'form-error', role: 'alert', 'data-testid': 'conduct-stats-error' }, tc('conduct.badRange')));
      return;
    }
    replace(body, skeletonLines(6));
    let stats: api.ConductStats;
    try {
      stats = await api.conductStats(from.value, to.value, undefined, signal);
    } catch (e) {
      if (isAbort(e)) return;
      replace(body, h('div', { class: 'form-error', role: 'alert', 'data-testid': 'conduct-stats-error' }, detailOf(e, errorMessageOf)));
      return;
    }
    const platformBox = h('div', { class: 'chart-box cs-chart', 'data-testid': 'conduct-platform-chart' });
    const monthBox = h('div', { class: 'chart-box cs-chart cs-chart-sm', 'data-testid': 'conduct-month-chart' });
    const compounds = [...stats.by_compound].sort((a, b) => b.count - a.count).slice(0, 10);
    const table = h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'data', 'data-testid': 'conduct-compounds' },
        h('thead', null, h('tr', null, h('th', null, tc('conduct.col.compound')), h('th', { class: 'num' }, tc('conduct.col.count')), h('th', null, tc('conduct.col.topKind')), h('th', null, tc('conduct.col.topPlatform')))),
        h(
          'tbody',
          null,
          compounds.length === 0
            ? h('tr', null, h('td', { colspan: 4, class: 'muted' }, tc('conduct.noData')))
            : compounds.map((c) => {
                const kind = top(c.by_kind);
                const platform = top(c.by_platform);
                return h(
                  'tr',
                  { 'data-testid': 'conduct-compound-row', 'data-code': c.code },
                  h('td', null, c.name),
                  h('td', { class: 'num' }, formatNumber(c.count)),
                  h('td', null, kind ? `${kindName(kind.kind)}（${kind.count}）` : '—'),
                  h('td', null, platform ? `${platformName(platform.platform)}（${platform.count}）` : '—'),
                );
              }),
        ),
      ),
    );
    replace(
      body,
      h('p', { class: 'cs-total', 'data-testid': 'conduct-total', 'data-total': String(stats.total) }, tc('conduct.total', { count: formatNumber(stats.total) })),
      h('section', { class: 'section' }, h('div', { class: 'section-head' }, h('h2', { class: 'section-title' }, tc('conduct.byPlatform'))), h('div', { class: 'card' }, stats.by_platform.length ? platformBox : h('p', { class: 'muted' }, tc('conduct.noData')))),
      h(
        'div',
        { class: 'grid-2' },
        h('section', { class: 'section' }, h('div', { class: 'section-head' }, h('h2', { class: 'section-title' }, tc('conduct.byCompound'))), h('div', { class: 'card' }, table)),
        h('section', { class: 'section' }, h('div', { class: 'section-head' }, h('h2', { class: 'section-title' }, tc('conduct.byMonth'))), h('div', { class: 'card' }, monthBox)),
      ),
    );
    const charts = await chartLoader;
    if (signal.aborted) return;
    if (stats.by_platform.length) charts.platformChart(platformBox, stats);
    charts.monthChart(monthBox, stats);
    platformBox.dataset.ready = '1';
    monthBox.dataset.ready = '1';
  };

  void load();
  return h(
    'div',
    { class: 'page cs', 'data-testid': 'conduct-stats-page' },
    h('div', { class: 'section-head' }, h('div', null, h('h1', { class: 'section-title' }, tc('conduct.statsTitle')), h('p', { class: 'muted' }, `${areaName(account.area)} · ${tc('conduct.statsIntro')}`))),
    h(
      'form',
      {
        class: 'card cs-range',
        novalidate: true,
        onSubmit: (event: Event) => {
          event.preventDefault();
          void load();
        },
      },
      h('label', { class: 'cs-field' }, h('span', { class: 'label' }, tc('conduct.from')), from),
      h('label', { class: 'cs-field' }, h('span', { class: 'label' }, tc('conduct.to')), to),
      h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'conduct-apply' }, tc('conduct.apply')),
    ),
    body,
  );
}
