/**
 * 驿站 15 分钟覆盖 (#/coverage/CODE?hour=&minutes=) for officers: the share of compounds and depots
 * within N minutes' ride of an open station at an hour, over 24 hours (ECharts), said honestly: the share is over
 * those with road data and the ones without (no imported road within 500 m) are counted and listed apart, never
 * as gaps; the map of covered cells and gaps with stations and the places left outside, depot–station liaison, and 再建 K 个驿站:
 * the greedy plan among candidate sites, with points the officer drops on the map.
 */

import * as api from './api';
import { ApiError, isAbort } from '../shell/api';
import { h, icon, replace } from '../shell/dom';
import { icons } from '../shell/icons';
import {
  clampK,
  countsOf,
  coverageSearch,
  formatMinutesValue,
  formatShare,
  hoursOf,
  MINUTE_CHOICES,
  parseCoverage,
  planBody,
  sharePoints,
  weakestHours,
  type Candidate,
  type Coverage,
  type CoverageParams,
  type HourShare,
  type PlanAnswer,
} from './model';
import { lang, listJoin, tp, tpMaybe } from './messages';
import './places.css';
import { areaName } from '../shell/format';
import type { Account } from '../shell/types';
import { errorBox, errorMessageOf, skeletonLines } from '../shell/ui';
import { areaHref } from '../accounts/officer';

type Draw = typeof import('./draw');
type LMap = ReturnType<Draw['createMap']>;
type Removable = { remove(): void };

export function coveragePage(_account: Account, code: string, search: string, signal: AbortSignal, drawing: Promise<Draw>): HTMLElement {
  const params: CoverageParams = parseCoverage(search);
  const L = lang();
  let data: Coverage | null = null;
  let plan: PlanAnswer | null = null;
  const candidates: Candidate[] = [];
  let adding = false;
  let seq = 0;
  let fitted = false;

  // ---- controls
  const hourSelect = h(
    'select',
    { class: 'input select pc-hour', 'data-testid': 'coverage-hour', 'aria-label': tp('cov.hour') },
    Array.from({ length: 24 }, (_, hour) => h('option', { value: String(hour), selected: hour === params.hour }, tp('cov.hourValue', { hour: String(hour).padStart(2, '0') }))),
  );
  hourSelect.addEventListener('change', () => setParams({ hour: Number(hourSelect.value) }));
  const step = (delta: number): HTMLButtonElement =>
    h('button', { type: 'button', class: 'btn btn-secondary pc-step', 'aria-label': delta < 0 ? '−1' : '+1', onClick: () => setParams({ hour: (params.hour + delta + 24) % 24 }) }, delta < 0 ? '‹' : '›');
  const minutesSeg = h('div', { class: 'pseg', role: 'group', 'aria-label': tp('cov.minutes') });
  const renderMinutes = (): void =>
    replace(
      minutesSeg,
      MINUTE_CHOICES.map((m) =>
        h(
          'button',
          { type: 'button', class: m === params.minutes ? 'is-on' : null, 'aria-pressed': String(m === params.minutes), 'data-testid': `coverage-minutes-${m}`, onClick: () => setParams({ minutes: m }) },
          tp('cov.minutesValue', { minutes: m }),
        ),
      ),
    );
  renderMinutes();

  const stats = h('div', { class: 'pc-stats', 'data-testid': 'coverage-stats' }, skeletonLines(1));
  const honest = h('div', { class: 'card pc-honest', 'data-testid': 'coverage-honest', hidden: true });
  const noRoadBox = h('div', { 'data-testid': 'coverage-noroad', hidden: true });
  const chartBox = h('div', { class: 'pc-chart', 'data-testid': 'coverage-chart' });
  const chartHint = h('p', { class: 'muted pc-chart-hint', 'data-testid': 'coverage-weakest' });
  const mapBox = h('div', { class: 'pc-map', 'data-testid': 'coverage-map' }, h('div', { class: 'mw-map-loading', 'aria-busy': 'true' }, tp('places.loadingMap')));
  const outsideBox = h('div', { 'data-testid': 'coverage-outside' });
  const liaisonBox = h('div', { 'data-testid': 'coverage-liaison' });
  const status = h('div', { class: 'pc-status', role: 'status', hidden: true, 'data-testid': 'coverage-status' });
  const title = h('h1', { 'data-testid': 'coverage-title' }, tp('cov.title'));
  const legendBox = h('div', null, legend(params.minutes));

  // ---- plan
  const kInput = h('input', { class: 'input pc-k', type: 'number', min: 1, max: 20, value: '3', inputmode: 'numeric', 'data-testid': 'plan-k', 'aria-label': tp('cov.k') });
  const sourceBoxes = (['merchants', 'compounds'] as const).map((s) => h('input', { type: 'checkbox', value: s, checked: true, 'data-testid': `plan-source-${s}` }));
  const addButton = h('button', { type: 'button', class: 'btn btn-secondary', 'aria-pressed': 'false', 'data-testid': 'plan-add' }, icon(icons.pin), h('span', null, tp('cov.addCandidates')));
  const candidateNote = h('span', { class: 'muted', 'data-testid': 'plan-candidates' });
  const clearButton = h('button', { type: 'button', class: 'btn btn-link', hidden: true, 'data-testid': 'plan-clear' }, tp('cov.clearCandidates'));
  const runButton = h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'plan-run' }, tp('cov.run'));
  const planResult = h('div', { class: 'pc-plan-result', 'aria-live': 'polite', 'data-testid': 'plan-result' });
  const planForm = h(
    'form',
    {
      class: 'pc-plan-form',
      novalidate: true,
      onSubmit: (event: Event) => {
        event.preventDefault();
        void runPlan();
      },
    },
    h('label', { class: 'pm-field pc-k-field' }, h('span', { class: 'pm-label' }, tp('cov.k')), kInput),
    h(
      'fieldset',
      { class: 'pc-sources' },
      h('legend', { class: 'pm-label' }, tp('cov.sources')),
      sourceBoxes.map((box) => h('label', { class: 'pm-check' }, box, h('span', null, tpMaybe(`cov.source.${box.value}`, box.value)))),
    ),
    h('div', { class: 'pc-candidates' }, addButton, candidateNote, clearButton),
    runButton,
  );

  const page = h(
    'div',
    { class: 'page pc', 'data-testid': 'coverage-page', 'data-area': code },
    h('div', { class: 'console-title pc-head' }, title, h('a', { class: 'btn btn-link', href: areaHref(code) }, tp('cov.back'))),
    h(
      'div',
      { class: 'card pc-controls' },
      h('div', { class: 'pc-control' }, h('span', { class: 'pm-label' }, tp('cov.hour')), h('div', { class: 'pc-hour-row' }, step(-1), hourSelect, step(1))),
      h('div', { class: 'pc-control' }, h('span', { class: 'pm-label' }, tp('cov.minutes')), minutesSeg),
    ),
    status,
    stats,
    honest,
    h(
      'div',
      { class: 'pc-grid' },
      h('section', { class: 'card pc-map-card' }, h('h2', { class: 'pq-title' }, tp('cov.mapTitle')), mapBox, legendBox),
      h(
        'div',
        { class: 'pc-side' },
        h('section', { class: 'card pc-chart-card' }, h('h2', { class: 'pq-title' }, tp('cov.chartTitle')), chartBox, chartHint),
        h('section', { class: 'card pc-plan', 'data-testid': 'coverage-plan' }, h('h2', { class: 'pq-title' }, tp('cov.plan')), h('p', { class: 'muted pc-plan-intro' }, tp('cov.planIntro')), planForm, planResult),
      ),
    ),
    h('div', { class: 'pc-lists' }, h('section', { class: 'card' }, outsideBox), h('section', { class: 'card' }, noRoadBox), h('section', { class: 'card' }, liaisonBox)),
  );

  // ---- the map
  let map: LMap | null = null;
  let draw: Draw | null = null;
  const layers: { cells?: Removable; stations?: Removable; outside?: Removable; candidates?: Removable; picks?: Removable } = {};
  const mapReady = drawing.then(async (module) => {
    draw = module;
    map = await module.mountMap(mapBox, signal, (box) => {
      const created = module.createMap(box, { center: [40.0, 116.35], zoom: 14, attribution: tp('places.attribution') });
      module.onMapClick(created, (lat, lon) => {
        if (!adding) return;
        candidates.push({ lat: Math.round(lat * 1e6) / 1e6, lon: Math.round(lon * 1e6) / 1e6, label: tp('cov.candidate', { n: candidates.length + 1 }) });
        drawCandidates();
      });
      return created;
    });
  });

  const drawCandidates = (): void => {
    replace(candidateNote, candidates.length ? tp('cov.candidates', { count: candidates.length }) : '');
    clearButton.hidden = candidates.length === 0;
    if (!map || !draw) return;
    layers.candidates?.remove();
    layers.candidates = draw.drawCandidates(map, candidates, (i) => {
      candidates.splice(i, 1);
      candidates.forEach((c, n) => (c.label = tp('cov.candidate', { n: n + 1 })));
      drawCandidates();
    });
  };

  const drawCoverage = (): void => {
    void mapReady.then(() => {
      if (!map || !draw || !data || signal.aborted) return;
      layers.cells?.remove();
      layers.stations?.remove();
      layers.outside?.remove();
      const cells = draw.drawCells(map, data.cells);
      layers.cells = cells.group;
      layers.outside = draw.drawOutside(map, data.outside);
      layers.stations = draw.drawStations(map, data.stations);
      if (!fitted) {
        fitted = true;
        // The area's cells and what is left outside; stations further off stay reachable by panning.
        draw.fit(map, cells.bounds, data.outside.map((o) => [o.lat, o.lon] as [number, number]), 16);
      }
      mapBox.setAttribute('data-hour', String(data.hour));
      mapBox.setAttribute('data-gaps', String(data.cells.features.filter((f) => !f.properties?.covered).length));
      drawPicks();
      drawCandidates();
    });
  };

  const drawPicks = (): void => {
    if (!map || !draw) return;
    layers.picks?.remove();
    delete layers.picks;
    if (plan?.picks.length) {
      const drawn = draw.drawPicks(map, plan.picks);
      layers.picks = drawn.group;
    }
  };

  // ---- the chart (ECharts, its own chunk)
  let chart: import('./chart').HourChart | null = null;
  const chartReady = import('./chart').then(
    ({ hourChart }) => {
      if (signal.aborted) return;
      chart = hourChart(
        chartBox,
        {
          share: tp('cov.chartTitle'),
          stations: tp('cov.stations'),
          tooltip: (hs: HourShare) =>
            `<b>${String(hs.hour).padStart(2, '0')}:00</b><br>${formatShare(hs.share)} · ${tp('cov.of', { covered: hs.covered, total: hs.total })}${hs.open_stations != null ? `<br>${tp('cov.stations')} ${hs.open_stations}` : ''}`,
        },
        (hour) => setParams({ hour }),
      );
      signal.addEventListener('abort', () => chart?.dispose());
    },
    () => replace(chartBox, h('p', { class: 'muted' }, tp('cov.chartFallback'))),
  );

  // ---- loading
  function setParams(change: Partial<CoverageParams>): void {
    Object.assign(params, change);
    hourSelect.value = String(params.hour);
    renderMinutes();
    try {
      history.replaceState(history.state, '', `#/coverage/${encodeURIComponent(code)}${coverageSearch(params)}`);
    } catch {
      // the page still works
    }
    plan = null;
    replace(planResult);
    drawPicks();
    void load();
  }

  async function load(): Promise<void> {
    const mine = ++seq;
    page.setAttribute('aria-busy', 'true');
    page.removeAttribute('data-loaded');
    try {
      const answer = await api.coverage(code, params.minutes, params.hour, signal);
      if (mine !== seq || signal.aborted) return;
      data = answer;
      status.hidden = true;
      render();
      page.setAttribute('data-loaded', `${answer.hour}-${answer.minutes}`);
    } catch (error) {
      if (mine !== seq || isAbort(error)) return;
      status.hidden = false;
      replace(
        status,
        error instanceof ApiError && error.status === 403 ? h('div', { class: 'card empty', 'data-testid': 'coverage-forbidden' }, tp('cov.forbidden')) : errorBox(error, () => void load()),
      );
    } finally {
      if (mine === seq) page.removeAttribute('aria-busy');
    }
  }

  function render(): void {
    if (!data) return;
    const d = data;
    const name = d.area.name || areaName({ name_zh: d.area.name_zh ?? '', name_en: d.area.name_en ?? '', code: d.area.code }) || d.area.code;
    title.textContent = `${tp('cov.titleN', { minutes: d.minutes })} · ${name}`;
    replace(legendBox, legend(d.minutes));
    document.title = `${name} · ${tp('cov.title')}`;
    const current = d.by_hour.find((b) => b.hour === d.hour);
    const demand = { covered: d.compounds.covered + d.depots.covered, total: d.compounds.total + d.depots.total };
    const share = current?.share ?? (demand.total ? demand.covered / demand.total : 0);
    const openStations = d.stations.filter((s) => s.open).length;
    replace(
      stats,
      h(
        'div',
        { class: 'stat stat-accent pc-share', 'data-testid': 'coverage-share', 'data-share': String(share) },
        h('div', { class: 'stat-value' }, formatShare(share)),
        h('div', { class: 'stat-label' }, tp('cov.share', { hour: String(d.hour).padStart(2, '0') })),
      ),
      h('div', { class: 'stat', 'data-testid': 'coverage-compounds' }, h('div', { class: 'stat-value' }, tp('cov.of', { covered: d.compounds.covered, total: d.compounds.total })), h('div', { class: 'stat-label' }, tp('cov.compounds'))),
      h('div', { class: 'stat', 'data-testid': 'coverage-depots' }, h('div', { class: 'stat-value' }, tp('cov.of', { covered: d.depots.covered, total: d.depots.total })), h('div', { class: 'stat-label' }, tp('cov.depots'))),
      h('div', { class: 'stat', 'data-testid': 'coverage-open-stations' }, h('div', { class: 'stat-value' }, `${openStations} / ${d.stations.length}`), h('div', { class: 'stat-label' }, tp('cov.stations'))),
    );
    const counts = countsOf(d);
    honest.hidden = false;
    honest.setAttribute('data-total', String(counts.total));
    honest.setAttribute('data-no-road', String(counts.no_road_data));
    const shareText = formatShare(share);
    replace(
      honest,
      h(
        'p',
        { class: 'pc-honest-line' },
        h('b', null, counts.no_road_data ? tp('cov.honest', { share: shareText, with: counts.with_road_data, none: counts.no_road_data }) : tp('cov.honestAll', { share: shareText, with: counts.with_road_data })),
      ),
      h('p', { class: 'muted' }, tp('cov.honestCounts', { total: counts.total, covered: counts.covered, notCovered: counts.not_covered, none: counts.no_road_data })),
    );
    const noRoad = d.no_road_data ?? [];
    noRoadBox.hidden = noRoad.length === 0;
    replace(
      noRoadBox,
      noRoad.length
        ? h(
            'details',
            { class: 'pc-noroad' },
            h('summary', { class: 'pq-title', style: 'min-height:44px;cursor:pointer' }, tp('cov.noRoad', { count: noRoad.length })),
            h('p', { class: 'muted' }, tp('cov.noRoadWhy')),
            h(
              'ul',
              { class: 'pc-outside' },
              noRoad.map((o) =>
                h(
                  'li',
                  { 'data-testid': 'coverage-noroad-item', 'data-kind': o.kind },
                  h('span', { class: `po-dot po-${o.kind === 'depot' ? 'depot' : 'compound'}`, 'aria-hidden': 'true' }),
                  h('span', { class: 'pc-outside-name' }, h('b', null, o.name), h('small', { class: 'muted' }, tpMaybe(`cov.outside.${o.kind}`, o.kind))),
                  h('span', { class: 'pc-outside-time muted' }, tp('cov.noRoadItem')),
                ),
              ),
            ),
          )
        : null,
    );
    const hours = hoursOf(d.by_hour);
    void chartReady.then(() => chart?.update(hours, d.hour));
    const weakest = weakestHours(d.by_hour);
    replace(chartHint, weakest.length ? tp('cov.chartHint', { hours: listJoin(weakest.map((hour) => `${String(hour).padStart(2, '0')}:00`)) }) : '');

    replace(
      outsideBox,
      h('h2', { class: 'pq-title' }, d.outside.length ? tp('cov.outside', { count: d.outside.length }) : tp(counts.no_road_data ? 'cov.outsideNoneWithRoad' : 'cov.outsideNone')),
      d.outside.length
        ? h(
            'ul',
            { class: 'pc-outside' },
            [...d.outside]
              .sort((a, b) => (b.minutes ?? 1e9) - (a.minutes ?? 1e9))
              .map((o) =>
                h(
                  'li',
                  { 'data-testid': 'coverage-outside-item', 'data-kind': o.kind },
                  h('span', { class: `po-dot po-${o.kind === 'depot' ? 'depot' : 'compound'}`, 'aria-hidden': 'true' }),
                  h('span', { class: 'pc-outside-name' }, h('b', null, o.name), h('small', { class: 'muted' }, tpMaybe(`cov.outside.${o.kind}`, o.kind))),
                  h('span', { class: 'pc-outside-time' }, o.minutes == null ? tp('cov.outsideUnreachable', { minutes: d.minutes }) : tp('cov.outsideMinutes', { time: formatMinutesValue(o.minutes, L) })),
                ),
              ),
          )
        : null,
    );

    replace(
      liaisonBox,
      h('h2', { class: 'pq-title' }, tp('cov.liaison')),
      d.liaison.length
        ? h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { class: 'data pc-liaison' },
              h('thead', null, h('tr', null, h('th', null, tp('cov.col.depot')), h('th', null, tp('cov.col.platform')), h('th', null, tp('cov.col.stations')))),
              h(
                'tbody',
                null,
                d.liaison.map((row) =>
                  h(
                    'tr',
                    { 'data-testid': 'liaison-row' },
                    h('td', { 'data-label': tp('cov.col.depot') }, row.depot.name),
                    h('td', { 'data-label': tp('cov.col.platform') }, row.depot.platform ?? '—'),
                    h(
                      'td',
                      { 'data-label': tp('cov.col.stations') },
                      row.stations.length
                        ? listJoin(row.stations.map((s) => `${s.name}（${formatMinutesValue(s.minutes, L)}）`))
                        : h('span', { class: 'text-bad' }, tp('cov.liaisonNoStation', { minutes: d.minutes })),
                    ),
                  ),
                ),
              ),
            ),
          )
        : h('p', { class: 'muted' }, tp('cov.liaisonNone')),
    );
    drawCoverage();
  }

  async function runPlan(): Promise<void> {
    const k = clampK(kInput.value);
    kInput.value = String(k);
    const sources = sourceBoxes.filter((b) => b.checked).map((b) => b.value);
    runButton.disabled = true;
    runButton.textContent = tp('cov.running');
    replace(planResult);
    try {
      plan = await api.coveragePlan(planBody(code, params, k, candidates, sources), signal);
      renderPlan();
      drawPicks();
    } catch (error) {
      if (isAbort(error)) return;
      replace(planResult, h('p', { class: 'text-bad', role: 'alert', 'data-testid': 'plan-error' }, errorMessageOf(error)));
    } finally {
      runButton.disabled = false;
      runButton.textContent = tp('cov.run');
    }
  }

  function renderPlan(): void {
    if (!plan) return;
    const p = plan;
    replace(
      planResult,
      h(
        'div',
        { class: 'pc-plan-share', 'data-testid': 'plan-share', 'data-before': String(p.before.share), 'data-after': String(p.after.share) },
        h('b', null, tp('cov.result', { before: formatShare(p.before.share), after: formatShare(p.after.share) })),
        h('span', { class: 'pc-gain' }, `${sharePoints(p.before.share, p.after.share)}%`),
      ),
      h('p', { class: 'muted' }, tp('cov.resultCounts', { before: p.before.covered, after: p.after.covered, total: p.after.total })),
      p.picks.length
        ? h(
            'ol',
            { class: 'pc-picks' },
            p.picks.map((pick, i) =>
              h(
                'li',
                { 'data-testid': 'plan-pick', 'data-gained': String(pick.gained) },
                h('span', { class: 'pk pk-pick pk-static', 'aria-hidden': 'true' }, h('b', null, String(i + 1))),
                h('span', { class: 'pc-pick-text' }, h('b', null, pick.label), h('small', { class: 'muted' }, tpMaybe(`cov.source.${pick.source}`, pick.source))),
                h('span', { class: 'pc-pick-gain' }, h('b', null, tp('cov.pick', { gained: pick.gained })), h('small', { class: 'muted' }, tp('cov.pickAfter', { share: formatShare(pick.share_after) }))),
              ),
            ),
          )
        : h('p', null, tp('cov.noPicks')),
      p.candidates_considered != null ? h('p', { class: 'muted' }, tp('cov.considered', { count: p.candidates_considered })) : null,
    );
  }

  addButton.addEventListener('click', () => {
    adding = !adding;
    addButton.setAttribute('aria-pressed', String(adding));
    addButton.classList.toggle('is-on', adding);
    mapBox.classList.toggle('is-picking', adding);
    addButton.lastElementChild!.textContent = adding ? tp('cov.addingCandidates') : tp('cov.addCandidates');
  });
  clearButton.addEventListener('click', () => {
    candidates.length = 0;
    drawCandidates();
  });

  void load();
  return page;
}

function legend(minutes: number): HTMLElement {
  const row = (swatch: HTMLElement, text: string): HTMLElement => h('li', null, swatch, h('span', null, text));
  return h(
    'ul',
    { class: 'pc-legend', 'data-testid': 'coverage-legend' },
    row(h('span', { class: 'pc-sw is-covered' }), tp('cov.legend.covered', { minutes })),
    row(h('span', { class: 'pc-sw is-gap' }), tp('cov.legend.gap')),
    row(h('span', { class: 'pk-glyph pc-sw-glyph', style: '--pp-color:#e8590c' }, '驿'), tp('cov.legend.stationOpen')),
    row(h('span', { class: 'pk-glyph pc-sw-glyph', style: '--pp-color:#adb5bd' }, '驿'), tp('cov.legend.stationClosed')),
    row(h('span', { class: 'po-dot po-compound' }), tp('cov.legend.outside')),
    row(h('span', { class: 'pk pk-candidate pk-static' }, '1'), tp('cov.legend.candidate')),
    row(h('span', { class: 'pk pk-pick pk-static' }, h('b', null, '1')), tp('cov.legend.pick')),
  );
}
