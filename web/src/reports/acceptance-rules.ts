/**
 * 受理规则 (#/acceptance-rules[?area=CODE]) for community officers and above: who accepts a new
 * worker report in an area — the nearest staffed station within a radius, the community, or the
 * compound's property company. The page shows, for the area (the caller's by default; up to the
 * area above, down to the ones below), the acceptor of every category and where that comes from
 * (本区域规则 / an area above / 默认); a form to set a rule (category or 全部类别, the acceptor as three
 * big buttons, the radius for a station, a note); the rules set here and below with 删除; and
 * 试一试: a category and a point (tapped on a small map drawn from our own layers, or typed) give
 * where a report there would go and why.
 */

import * as accountsApi from '../accounts/api';
import * as mapsApi from '../maps/api';
import * as placesApi from '../places/api';
import * as api from './api';
import { ApiError, isAbort } from '../shell/api';
import { h, replace, type Child } from '../shell/dom';
import { areaName, levelLabel } from '../shell/format';
import {
  ACCEPTORS,
  acceptorName,
  acceptorText,
  areaPath,
  COMMUNITY_ONLY,
  DEFAULT_RADIUS,
  EVERY_CATEGORY,
  MAX_NOTE,
  MAX_RADIUS,
  MIN_RADIUS,
  parsePoint,
  ruleBody,
  ruleCategoryName,
  ruleProblemKey,
  rulesArea,
  ruleSource,
  ruleSourceText,
  sortEffective,
  sortRules,
  upLink,
  type AcceptancePreview,
  type AcceptanceRule,
  type AcceptorKind,
  type RulesAnswer,
} from './acceptance';
import { categoryName, tr } from './messages';
import { CATEGORIES } from './model';
import { categoryGlyph, toast } from './ui';
import '../places/places.css';
import './rules.css';
import type { Account, AreaResponse } from '../shell/types';
import { badge, errorBox, errorMessageOf, modal, skeletonLines } from '../shell/ui';

type Draw = typeof import('../places/draw');
type LMap = ReturnType<Draw['createMap']>;
type Removable = { remove(): void };

const DEFAULT_CENTER: [number, number] = [39.98974, 116.32987];

/** The server's refusal in plain Chinese, with its detail (for whoever reads further) in small type. */
function problemView(error: unknown): Child[] {
  if (!(error instanceof ApiError)) return [h('span', null, errorMessageOf(error))];
  const key = ruleProblemKey({ status: error.status, code: error.code, detail: error.detail });
  const words = key ? tr(key) : errorMessageOf(error);
  return [h('span', { 'data-testid': 'rules-error-text' }, words), error.detail && key ? h('small', { class: 'rr-detail', 'data-testid': 'rules-error-detail' }, error.detail) : null];
}

function table(testid: string, extraClass: string, head: string[], rows: HTMLElement[], empty: string): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: `data rr-table ${extraClass}`, 'data-testid': testid },
      h('thead', null, h('tr', null, head.map((label) => h('th', null, label)))),
      h('tbody', null, rows.length ? rows : h('tr', null, h('td', { colspan: head.length, class: 'muted' }, empty))),
    ),
  );
}

const cell = (label: string, ...children: Child[]): HTMLTableCellElement => h('td', { 'data-label': label }, ...children);

export function acceptanceRulesPage(account: Account, search: string, signal: AbortSignal, drawing: Promise<Draw>): HTMLElement {
  const areaCode = rulesArea(search) || account.area.code;
  let answer: RulesAnswer | null = null;
  let areaInfo: AreaResponse | null = null;
  /** The path of the caller's own area (for 上一级 within it), once known. */
  let scopePath = '';

  // ---- the area: its name, the area above (within the caller's), the ones below
  const areaBox = h('div', { class: 'card rr-area', 'data-testid': 'rules-area' }, skeletonLines(1));
  const renderArea = (): void => {
    const a = areaInfo?.area;
    const name = a ? areaName(a) : (answer?.area.name_zh ?? areaCode);
    const up = areaInfo && scopePath ? upLink(areaInfo, scopePath) : null;
    const children = (areaInfo?.children ?? []).filter((c) => c.level !== 'compound');
    const pick = children.length
      ? h(
          'select',
          {
            class: 'input select rr-children',
            'data-testid': 'rules-children',
            'aria-label': tr('rules.children'),
            onChange: (event: Event) => {
              const code = (event.target as HTMLSelectElement).value;
              if (code) location.hash = `#/acceptance-rules?area=${encodeURIComponent(code)}`;
            },
          },
          h('option', { value: '' }, tr('rules.childrenPick')),
          children.map((c) => h('option', { value: c.code }, areaName(c))),
        )
      : null;
    replace(
      areaBox,
      h(
        'div',
        { class: 'rr-area-name' },
        h('span', { class: 'label' }, tr('rules.area')),
        h('b', { 'data-testid': 'rules-area-name', 'data-code': areaCode }, name),
        a ? h('span', { class: 'muted' }, ` · ${levelLabel(a.level)}`) : null,
      ),
      h(
        'div',
        { class: 'rr-area-nav' },
        up ? h('a', { class: 'btn btn-secondary btn-small', href: up.href, 'data-testid': 'rules-up', 'data-code': up.area.code }, tr('rules.up', { name: areaName(up.area) })) : null,
        pick,
      ),
    );
  };

  // ---- who accepts now, per category
  const effectiveBody = h('div', { 'data-testid': 'rules-effective-body' }, skeletonLines(6));
  const effectiveIntro = h('p', { class: 'muted rr-intro' });
  const renderEffective = (): void => {
    if (!answer) return;
    effectiveIntro.textContent = tr('rules.effectiveIntro', { area: answer.area.name_zh });
    const rows = sortEffective(answer.effective).map((e) => {
      const source = ruleSource(e, areaCode);
      return h(
        'tr',
        { 'data-testid': 'rules-effective-row', 'data-category': e.category, 'data-acceptor': e.acceptor, 'data-radius': String(e.radius_metres), 'data-source': source.kind, 'data-rule-id': e.rule_id == null ? '' : String(e.rule_id) },
        cell(tr('rules.col.category'), h('span', { class: 'rr-cat' }, categoryGlyph(e.category, 'is-chip'), h('b', null, categoryName(e.category, e.category_label)))),
        cell(tr('rules.col.acceptor'), h('span', { class: `rr-who rr-who-${e.acceptor}`, 'data-testid': 'rules-effective-acceptor' }, acceptorText(e.acceptor, e.radius_metres, e.acceptor_label))),
        cell(tr('rules.col.source'), h('span', { class: `rr-source rr-source-${source.kind}`, 'data-testid': 'rules-effective-source' }, ruleSourceText(source))),
      );
    });
    replace(effectiveBody, table('rules-effective', 'rr-effective', [tr('rules.col.category'), tr('rules.col.acceptor'), tr('rules.col.source')], rows, '—'));
  };

  // ---- the rules set here and below (and those above that apply here)
  const listBody = h('div', { 'data-testid': 'rules-list-body' }, skeletonLines(3));
  const remove = async (rule: AcceptanceRule): Promise<void> => {
    const done = await modal({
      title: tr('rules.deleteTitle'),
      body: h('p', null, tr('rules.deleteConfirm', { area: rule.area.name, category: ruleCategoryName(rule.category, rule.category_label) })),
      submitLabel: tr('rules.delete'),
      danger: true,
      testid: 'rules-delete-dialog',
      onSubmit: async () => {
        try {
          await api.removeAcceptanceRule(rule.id);
        } catch (error) {
          const key = error instanceof ApiError ? ruleProblemKey({ status: error.status, code: error.code, detail: error.detail }) : null;
          throw key ? new Error(tr(key)) : error;
        }
        return true;
      },
    });
    if (!done || signal.aborted) return;
    toast(tr('rules.deleted'));
    await load();
  };
  const renderList = (): void => {
    if (!answer) return;
    const rows = sortRules(answer.rules).map((r) =>
      h(
        'tr',
        { 'data-testid': 'rules-row', 'data-rule-id': String(r.id), 'data-area': r.area.code, 'data-category': r.category, 'data-acceptor': r.acceptor, 'data-inherited': String(!!r.inherited) },
        cell(tr('rules.col.area'), h('b', null, r.area.name), r.inherited ? h('span', null, ' ', badge(tr('rules.inherited'), 'muted')) : null),
        cell(tr('rules.col.category'), ruleCategoryName(r.category, r.category_label)),
        cell(tr('rules.col.acceptor'), h('span', { class: `rr-who rr-who-${r.acceptor}` }, acceptorText(r.acceptor, r.radius_metres, r.acceptor_label))),
        cell(tr('rules.col.note'), r.note ? h('span', { class: 'rr-note' }, r.note) : h('span', { class: 'muted' }, '—')),
        cell(tr('rules.col.setBy'), h('span', { class: 'muted nowrap' }, `${r.set_by} · ${r.set_at.slice(0, 10)}`)),
        cell(
          tr('rules.col.actions'),
          r.editable ? h('button', { type: 'button', class: 'btn btn-secondary btn-small rr-delete', 'data-testid': 'rules-delete', onClick: () => void remove(r) }, tr('rules.delete')) : null,
        ),
      ),
    );
    replace(listBody, table('rules-list', 'rr-rules', [tr('rules.col.area'), tr('rules.col.category'), tr('rules.col.acceptor'), tr('rules.col.note'), tr('rules.col.setBy'), tr('rules.col.actions')], rows, tr('rules.empty')));
  };

  // ---- the form
  let acceptor: AcceptorKind | null = null;
  const areaSelect = h('select', { class: 'input', 'data-testid': 'rules-form-area', 'aria-label': tr('rules.form.area') }, h('option', { value: areaCode }, areaCode));
  const categorySelect = h(
    'select',
    { class: 'input', 'data-testid': 'rules-form-category', 'aria-label': tr('rules.form.category') },
    h('option', { value: EVERY_CATEGORY }, tr('rules.allCategories')),
    CATEGORIES.map((c) => h('option', { value: c }, categoryName(c))),
  );
  const welfareHint = h('p', { class: 'rr-hint', hidden: true, 'data-testid': 'rules-form-welfare' }, tr('rules.form.welfare'));
  const acceptorRow = h('div', { class: 'rr-acceptors', role: 'radiogroup', 'aria-label': tr('rules.form.acceptor'), 'data-testid': 'rules-form-acceptors' });
  const radius = h('input', { class: 'input rr-radius', type: 'number', min: MIN_RADIUS, max: MAX_RADIUS, step: 100, inputmode: 'numeric', value: String(DEFAULT_RADIUS), 'data-testid': 'rules-form-radius', 'aria-label': tr('rules.form.radius') });
  const radiusField = h('label', { class: 'gr-field rr-radius-field', hidden: true }, h('span', { class: 'label' }, tr('rules.form.radius')), radius, h('small', { class: 'muted' }, tr('rules.form.radiusHint')));
  const note = h('input', { class: 'input', type: 'text', maxlength: MAX_NOTE, placeholder: tr('rules.form.notePlaceholder'), 'data-testid': 'rules-form-note', 'aria-label': tr('rules.form.note') });
  const formError = h('div', { class: 'form-error rr-error', role: 'alert', hidden: true, 'data-testid': 'rules-form-error' });
  const formDone = h('div', { class: 'form-ok', role: 'status', hidden: true, 'data-testid': 'rules-form-done' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary rr-submit', 'data-testid': 'rules-form-submit' }, tr('rules.form.submit'));
  const renderAcceptors = (): void => {
    replace(
      acceptorRow,
      ACCEPTORS.map((kind) =>
        h(
          'button',
          {
            type: 'button',
            role: 'radio',
            class: `rr-acceptor${acceptor === kind ? ' is-on' : ''}`,
            'aria-checked': String(acceptor === kind),
            'data-testid': 'rules-form-acceptor',
            'data-acceptor': kind,
            onClick: () => {
              acceptor = kind;
              formError.hidden = true;
              renderAcceptors();
            },
          },
          h('b', null, acceptorName(kind)),
          h('small', null, tr(`acceptor.desc.${kind}`)),
        ),
      ),
    );
    radiusField.hidden = acceptor !== 'nearest_station';
  };
  /** The rule already set for the chosen area and category fills the form (saving replaces it). */
  const fillFromRule = (): void => {
    welfareHint.hidden = !COMMUNITY_ONLY.includes(categorySelect.value);
    const existing = answer?.rules.find((r) => r.area.code === areaSelect.value && r.category === categorySelect.value && !r.inherited);
    if (!existing) return;
    acceptor = (ACCEPTORS as readonly string[]).includes(existing.acceptor) ? (existing.acceptor as AcceptorKind) : null;
    radius.value = String(existing.radius_metres);
    note.value = existing.note;
    renderAcceptors();
  };
  categorySelect.addEventListener('change', fillFromRule);
  areaSelect.addEventListener('change', fillFromRule);
  const save = async (): Promise<void> => {
    formError.hidden = true;
    formDone.hidden = true;
    const built = ruleBody({ area: areaSelect.value, category: categorySelect.value, acceptor, radius: radius.value, note: note.value });
    if ('missing' in built) {
      formError.hidden = false;
      replace(formError, h('span', { 'data-testid': 'rules-error-text' }, tr(`rules.missing.${built.missing}`)));
      return;
    }
    submit.disabled = true;
    submit.textContent = tr('rules.form.saving');
    try {
      const rule = await api.setAcceptanceRule(built.body);
      formDone.hidden = false;
      formDone.textContent = tr('rules.form.saved', { area: rule.area.name, category: ruleCategoryName(rule.category, rule.category_label), acceptor: acceptorText(rule.acceptor, rule.radius_metres, rule.acceptor_label) });
      await load();
    } catch (error) {
      if (isAbort(error)) return;
      formError.hidden = false;
      replace(formError, h('div', { class: 'rr-error-body' }, problemView(error)));
    } finally {
      submit.disabled = false;
      submit.textContent = tr('rules.form.submit');
    }
  };
  const field = (label: string, control: HTMLElement, extra: string = ''): HTMLElement => h('label', { class: `gr-field ${extra}`.trim() }, h('span', { class: 'label' }, label), control);
  const form = h(
    'form',
    {
      class: 'card rr-form',
      novalidate: true,
      'data-testid': 'rules-form',
      onSubmit: (event: Event) => {
        event.preventDefault();
        void save();
      },
    },
    h('p', { class: 'muted rr-intro' }, tr('rules.setIntro')),
    h('div', { class: 'rr-form-row' }, field(tr('rules.form.area'), areaSelect), field(tr('rules.form.category'), categorySelect)),
    welfareHint,
    h('div', { class: 'gr-field' }, h('span', { class: 'label' }, tr('rules.form.acceptor')), acceptorRow),
    radiusField,
    field(tr('rules.form.note'), note),
    formError,
    formDone,
    h('div', null, submit),
  );
  const renderFormAreas = (): void => {
    if (!answer) return;
    const chosen = areaSelect.value;
    const here = { code: areaCode, name: answer.area.name_zh };
    const below = (areaInfo?.children ?? []).filter((c) => c.level !== 'compound').map((c) => ({ code: c.code, name: areaName(c) }));
    replace(
      areaSelect,
      [here, ...below].map((a) => h('option', { value: a.code, selected: a.code === chosen }, a.name)),
    );
  };

  // ---- 试一试: where would a report go
  const tryCategory = h('select', { class: 'input', 'data-testid': 'rules-try-category', 'aria-label': tr('rules.try.category') }, CATEGORIES.map((c) => h('option', { value: c }, categoryName(c))));
  const lat = h('input', { class: 'input rr-coord', type: 'text', inputmode: 'decimal', placeholder: '39.98974', 'data-testid': 'rules-try-lat', 'aria-label': tr('rules.try.lat') });
  const lon = h('input', { class: 'input rr-coord', type: 'text', inputmode: 'decimal', placeholder: '116.32987', 'data-testid': 'rules-try-lon', 'aria-label': tr('rules.try.lon') });
  const tryButton = h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'rules-try-go' }, tr('rules.try.go'));
  const tryResult = h('div', { class: 'rr-result', 'aria-live': 'polite', 'data-testid': 'rules-try-result', hidden: true });
  const mapBox = h('div', { class: 'rr-map', 'data-testid': 'rules-try-map', 'aria-label': tr('rules.try.map') }, h('div', { class: 'mw-map-loading', 'aria-busy': 'true' }, tr('new.loadingMap')));
  let map: LMap | null = null;
  let draw: Draw | null = null;
  let pointLayer: Removable | null = null;
  let stationsLayer: Removable | null = null;
  let compoundLayer: Removable | null = null;
  let compoundShown = '';
  let stations: Awaited<ReturnType<typeof placesApi.nearbyPlaces>>['places'] = [];
  let previewSeq = 0;

  const drawStations = async (at: [number, number], selected: number | null): Promise<void> => {
    try {
      if (!stations.length || Math.abs((stations[0]?.lat ?? 0) - at[0]) > 0.02) {
        stations = (await placesApi.nearbyPlaces({ lat: String(at[0]), lon: String(at[1]), kind: 'station', limit: '12' }, signal)).places;
      }
      if (!map || !draw || signal.aborted) return;
      stationsLayer?.remove();
      stationsLayer = draw.drawPlaces(map, stations, selected, (p) => void preview(p.lat, p.lon)).group;
      mapBox.setAttribute('data-stations', String(stations.length));
    } catch {
      // The stations are a help to find one's way, not a need.
    }
  };
  /** The compound the point lies in, from its own map (GeoJSON), when it has one. */
  const drawCompound = async (code: string | null): Promise<void> => {
    if (!map || code === compoundShown) return;
    compoundShown = code ?? '';
    compoundLayer?.remove();
    compoundLayer = null;
    if (!code) return;
    try {
      const [doc, maps] = await Promise.all([mapsApi.compoundMap(code, signal), import('../maps/draw')]);
      if (!map || signal.aborted || compoundShown !== code) return;
      const boundary = { ...doc, features: (doc.features ?? []).filter((f) => f?.properties?.kind === 'boundary' || f?.properties?.kind === 'building' || f?.properties?.kind === 'gate') };
      compoundLayer = maps.drawFeatures(map, boundary).group;
      mapBox.setAttribute('data-compound', code);
    } catch {
      // No map drawn for this compound yet.
    }
  };

  const showPreview = (p: AcceptancePreview): void => {
    const a = p.acceptor;
    tryResult.hidden = false;
    tryResult.setAttribute('data-kind', a.kind);
    tryResult.setAttribute('data-code', a.code);
    replace(
      tryResult,
      h(
        'div',
        { class: 'rr-result-head' },
        h('span', { class: `rr-who rr-who-${a.kind}`, 'data-testid': 'rules-try-kind' }, acceptorName(a.kind, a.kind_label)),
        h('b', { class: 'rr-result-name', 'data-testid': 'rules-try-name' }, a.name),
      ),
      h('p', { class: 'rr-reason', 'data-testid': 'rules-try-reason' }, a.reason),
      h('p', { class: 'muted rr-where' }, `${tr('rules.try.where')}：${[p.area?.name, p.compound?.name].filter(Boolean).join(' · ')}（${categoryName(p.category)}）`),
    );
  };

  async function preview(atLat: number, atLon: number): Promise<void> {
    const mine = ++previewSeq;
    lat.value = atLat.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
    lon.value = atLon.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
    if (map && draw) {
      pointLayer?.remove();
      pointLayer = draw.youAreHere(map, atLat, atLon);
    }
    tryResult.hidden = false;
    tryResult.removeAttribute('data-kind');
    tryResult.setAttribute('aria-busy', 'true');
    replace(tryResult, skeletonLines(2));
    try {
      const p = await api.previewAcceptance(atLat, atLon, tryCategory.value, signal);
      if (mine !== previewSeq || signal.aborted) return;
      tryResult.removeAttribute('aria-busy');
      showPreview(p);
      const station = p.acceptor.kind === 'nearest_station' ? Number(p.acceptor.code) : null;
      void drawStations([atLat, atLon], Number.isFinite(station) ? station : null);
      void drawCompound(p.compound?.code ?? null);
    } catch (error) {
      if (isAbort(error) || mine !== previewSeq) return;
      tryResult.removeAttribute('aria-busy');
      replace(tryResult, h('div', { class: 'form-error', role: 'alert', 'data-testid': 'rules-try-error' }, problemView(error)));
    }
  }
  const tryForm = h(
    'form',
    {
      class: 'rr-try-form',
      novalidate: true,
      'data-testid': 'rules-try-form',
      onSubmit: (event: Event) => {
        event.preventDefault();
        if (!lat.value.trim() && !lon.value.trim()) {
          tryResult.hidden = false;
          replace(tryResult, h('div', { class: 'form-error', role: 'alert', 'data-testid': 'rules-try-error' }, tr('rules.try.noPoint')));
          return;
        }
        const point = parsePoint(lat.value, lon.value);
        if (!point) {
          tryResult.hidden = false;
          replace(tryResult, h('div', { class: 'form-error', role: 'alert', 'data-testid': 'rules-try-error' }, tr('rules.try.badPoint')));
          return;
        }
        if (map) map.setView([point.lat, point.lon], Math.max(map.getZoom(), 16), { animate: false });
        void preview(point.lat, point.lon);
      },
    },
    field(tr('rules.try.category'), tryCategory, 'rr-try-category'),
    h('div', { class: 'rr-coords' }, field(tr('rules.try.lat'), lat), field(tr('rules.try.lon'), lon)),
    h('div', { class: 'rr-try-go' }, tryButton),
  );
  tryCategory.addEventListener('change', () => {
    const point = parsePoint(lat.value, lon.value);
    if (point) void preview(point.lat, point.lon);
  });

  const startMap = (center: [number, number]): void => {
    drawing.then(
      async (module) => {
        const created = await module.mountMap(mapBox, signal, (box) => {
          const made = module.createMap(box, { center, zoom: 15, attribution: tr('new.attribution') });
          module.onMapClick(made, (a, b) => void preview(a, b));
          return made;
        });
        draw = module;
        map = created;
        void drawStations(center, null);
      },
      () => replace(mapBox, h('div', { class: 'mw-map-loading' }, errorMessageOf(new ApiError(0, {})))),
    );
  };

  // ---- loading
  const intro = h('p', { class: 'muted rr-lead', 'data-testid': 'rules-intro' });
  const status = h('div', { 'data-testid': 'rules-status' });
  let mapStarted = false;
  async function load(): Promise<void> {
    try {
      const fresh = await api.acceptanceRules(areaCode, signal);
      if (signal.aborted) return;
      answer = fresh;
      intro.textContent = tr('rules.intro', { radius: fresh.default_radius_metres });
      replace(status);
      renderArea();
      renderEffective();
      renderList();
      renderFormAreas();
      page.setAttribute('data-loaded', 'true');
      if (!mapStarted) {
        mapStarted = true;
        const center: [number, number] =
          typeof fresh.area.lat === 'number' && typeof fresh.area.lon === 'number' ? [fresh.area.lat, fresh.area.lon] : typeof account.area.lat === 'number' && typeof account.area.lon === 'number' ? [account.area.lat, account.area.lon] : DEFAULT_CENTER;
        startMap(center);
      }
    } catch (error) {
      if (isAbort(error)) return;
      replace(status, errorBox(error, () => void load()));
    }
  }
  // The area shown (its ancestors and the areas below) and the caller's own area, whose path
  // bounds 上一级; the same request when the page shows the caller's own area.
  const shown = accountsApi.area(areaCode, signal);
  const own = areaCode === account.area.code ? shown : accountsApi.area(account.area.code, signal);
  Promise.all([shown, own]).then(
    ([detail, mine]) => {
      if (signal.aborted) return;
      areaInfo = detail;
      scopePath = areaPath([...mine.ancestors, mine.area]);
      renderArea();
      renderFormAreas();
    },
    () => undefined,
  );

  renderAcceptors();
  void load();

  const sectionOf = (title: string, testid: string, ...children: Child[]): HTMLElement =>
    h('section', { class: 'section', 'data-testid': testid }, h('div', { class: 'section-head' }, h('h2', { class: 'section-title' }, title)), ...children);

  const page = h(
    'div',
    { class: 'page rr', 'data-testid': 'acceptance-rules-page' },
    h('div', { class: 'console-title' }, h('h1', { 'data-testid': 'rules-title' }, tr('rules.title')), h('a', { class: 'btn btn-link', href: '#/home' }, tr('rules.back'))),
    intro,
    areaBox,
    status,
    h(
      'div',
      { class: 'rr-grid' },
      sectionOf(tr('rules.effective'), 'rules-effective-section', effectiveIntro, h('div', { class: 'card rr-card' }, effectiveBody)),
      sectionOf(tr('rules.set'), 'rules-form-section', form),
    ),
    sectionOf(tr('rules.list'), 'rules-list-section', h('p', { class: 'muted rr-intro' }, tr('rules.listIntro')), h('div', { class: 'card rr-card' }, listBody)),
    sectionOf(tr('rules.try'), 'rules-try-section', h('p', { class: 'muted rr-intro' }, tr('rules.tryIntro')), h('div', { class: 'card rr-try' }, h('div', { class: 'rr-try-side' }, tryForm, tryResult), mapBox)),
  );
  return page;
}
