/**
 * The map editor (#/compounds/CODE/map/edit) for community staff: add gates, buildings, entrances,
 * rider parking and paths by clicking on the map, drag points to move them, edit their fields in
 * the side form, delete, undo, see who changed what, import/export GeoJSON, export .osc for JOSM,
 * download the poster. Every write carries the version it was based on; on 409 the map is
 * reloaded and the user is told that someone else changed it.
 */

import * as accountsApi from '../accounts/api';
import * as api from './api';
import { ApiError, isAbort } from '../shell/api';
import { h, icon, replace } from '../shell/dom';
import { formatTime, problemFieldErrors } from '../shell/format';
import { icons } from '../shell/icons';
import {
  cleanProperties,
  closeRing,
  editableFields,
  featureBody,
  featureId,
  featureLabel,
  geometryTypesFor,
  historySeconds,
  KINDS,
  publicPageUrl,
  roundPosition,
  type CompoundMapDoc,
  type FeatureKind,
  type Geometry,
  type HistoryItem,
  type MapFeature,
  type MapProperties,
  type Position,
} from './geo';
import { addMedia, isPhotoUrl, linkHost, MAX_MEDIA, MAX_PHOTO_BYTES, redrawAsJpeg, removeMedia, shrinkPlan, takesMedia, videoUrlProblem } from './media';
import { te, teMaybe } from './editor-messages';
import { kindName } from './messages';
import { openLightbox, photoThumb } from './photos';
import './maps.css';
import './map-editor.css';
import type { Account } from '../shell/types';
import { errorMessageOf, modal, skeletonLines } from '../shell/ui';

/** The map module (with Leaflet and the map helper), loaded beside this page: named here by type only. */
type Draw = typeof import('./draw');
type LeafletMap = ReturnType<Draw['createMap']>;

const BOOLEAN_DEFAULTS: Partial<Record<keyof MapProperties, boolean>> = { workers_allowed: true, green_lane: false, walk: true, ride: true, steps: false, one_way: false };
const BOOLEAN_LABELS: Partial<Record<keyof MapProperties, Parameters<typeof te>[0]>> = {
  workers_allowed: 'editor.workersAllowed',
  green_lane: 'editor.greenLane',
  walk: 'editor.walk',
  ride: 'editor.ride',
  steps: 'editor.steps',
  one_way: 'editor.oneWay',
};

interface Drawing {
  kind: FeatureKind;
  type: Geometry['type'];
  points: Position[];
}

interface Selection {
  feature: MapFeature | null; // null: a new feature not stored yet
  kind: FeatureKind;
  geometry: Geometry;
}

/** `drawModule` is the map module (with Leaflet), loading beside this one. */
export function mapEditorPage(account: Account, code: string, signal: AbortSignal, drawModule: Promise<Draw>): HTMLElement {
  void account;
  const page = h('div', { class: 'page page-map-editor', 'data-testid': 'map-editor', 'data-code': code });
  const title = h('h1', { 'data-testid': 'editor-title' }, te('editor.title'));
  const versionBadge = h('span', { class: 'badge badge-accent', 'data-testid': 'editor-version' }, '…');
  const head = h(
    'div',
    { class: 'me-head' },
    title,
    versionBadge,
    h(
      'div',
      { class: 'me-links' },
      h('a', { class: 'btn btn-link', href: publicPageUrl(code), target: '_blank', rel: 'noopener', 'data-testid': 'editor-public-link' }, icon(icons.route), h('span', null, te('editor.publicPage'))),
      h('a', { class: 'btn btn-link', href: `#/compounds/${encodeURIComponent(code)}` }, te('editor.back')),
    ),
  );

  // Toolbar: what to add, how, and undo.
  const kindSelect = h(
    'select',
    { class: 'input', 'aria-label': te('editor.add'), 'data-testid': 'editor-add-kind' },
    h('option', { value: '' }, `+ ${te('editor.add')}…`),
    KINDS.map((kind) => h('option', { value: kind }, kindName(kind))),
  );
  const shapeSelect = h('select', { class: 'input', hidden: true, 'aria-label': te('editor.geometry'), 'data-testid': 'editor-add-shape' });
  const hint = h('span', { class: 'me-hint', 'data-testid': 'editor-hint' }, te('editor.selectHint'));
  const finishButton = h('button', { type: 'button', class: 'btn btn-primary btn-small', hidden: true, disabled: true, 'data-testid': 'editor-finish' }, te('editor.finish'));
  const dropPointButton = h('button', { type: 'button', class: 'btn btn-secondary btn-small', hidden: true, disabled: true, 'data-testid': 'editor-drop-point' }, te('editor.undoPoint'));
  const cancelButton = h('button', { type: 'button', class: 'btn btn-ghost btn-small', hidden: true, 'data-testid': 'editor-cancel' }, te('editor.cancel'));
  const undoButton = h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'editor-undo' }, icon(icons.history), h('span', null, te('editor.undo')));
  const toolbar = h('div', { class: 'me-toolbar' }, kindSelect, shapeSelect, hint, finishButton, dropPointButton, cancelButton, undoButton);

  const mapBox = h('div', { class: 'me-map', 'data-testid': 'editor-map' }, h('div', { class: 'mw-map-loading', 'aria-busy': 'true' }, te('map.loading')));
  const status = h('div', { class: 'me-status', role: 'status', hidden: true, 'data-testid': 'editor-status' });
  const formCard = h('div', { class: 'me-card', 'data-testid': 'editor-form-card' });
  const historyList = h('div', { 'data-testid': 'editor-history-box' }, skeletonLines(3));
  const fileInput = h('input', { type: 'file', class: 'me-file', accept: '.geojson,.json,application/geo+json,application/json', 'data-testid': 'editor-import-file' });
  const tools = h(
    'div',
    { class: 'me-card' },
    h('h2', null, te('editor.tools')),
    h(
      'div',
      { class: 'me-tools' },
      h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'editor-import', onClick: () => fileInput.click() }, icon(icons.upload), h('span', null, te('editor.import'))),
      fileInput,
      h('a', { class: 'btn btn-secondary', href: api.mapUrl(code), download: `${code}-map.geojson`, 'data-testid': 'editor-export-geojson' }, icon(icons.download), h('span', null, te('editor.exportGeojson'))),
      h('a', { class: 'btn btn-secondary', href: api.mapOscUrl(code), download: `${code}.osc`, 'data-testid': 'editor-export-osc' }, icon(icons.download), h('span', null, te('editor.exportOsc'))),
      h('a', { class: 'btn btn-secondary', href: api.posterPdfUrl(code), download: `${code}-poster.pdf`, 'data-testid': 'editor-poster-pdf' }, icon(icons.download), h('span', null, te('editor.posterPdf'))),
      h('a', { class: 'btn btn-secondary', href: api.posterSvgUrl(code), download: `${code}-poster.svg`, 'data-testid': 'editor-poster-svg' }, icon(icons.download), h('span', null, te('editor.posterSvg'))),
    ),
  );
  const side = h('aside', { class: 'me-side' }, status, formCard, h('div', { class: 'me-card' }, h('h2', null, te('editor.history')), historyList), tools);
  replace(page, head, toolbar, h('div', { class: 'me-grid' }, mapBox, side));

  // ---------------------------------------------------------------------------------------------
  // State

  let draw: Draw | null = null;
  let map: LeafletMap | null = null;
  let doc: CompoundMapDoc | null = null;
  let version = 0;
  let drawnGroup: { remove(): void } | null = null;
  let selection: Selection | null = null;
  let drawing: Drawing | null = null;
  let preview: { remove(): void } | null = null;
  let busy = false;

  const say = (text: string, tone: 'ok' | 'warn' | 'bad' = 'ok'): void => {
    status.hidden = false;
    status.className = `me-status${tone === 'bad' ? ' is-bad' : tone === 'warn' ? ' is-warn' : ''}`;
    status.textContent = text;
  };

  const byId = (id: number): MapFeature | undefined => doc?.features.find((f) => featureId(f) === id);

  async function reload(options: { fit?: boolean; select?: number | null } = {}): Promise<void> {
    const fresh = await api.compoundMap(code, signal);
    if (signal.aborted) return;
    doc = fresh;
    version = fresh.version ?? 0;
    title.textContent = `${fresh.compound?.name || code} · ${te('editor.title')}`;
    versionBadge.textContent = te('editor.version', { version });
    versionBadge.setAttribute('data-version', String(version));
    const keep = options.select !== undefined ? options.select : selection?.feature ? featureId(selection.feature) : null;
    selection = null;
    if (keep) {
      const feature = byId(keep);
      if (feature) selection = { feature, kind: feature.properties.kind, geometry: feature.geometry };
    }
    redraw();
    if (options.fit && map && draw) {
      const center: [number, number] | null = fresh.compound?.lat != null && fresh.compound?.lon != null ? [fresh.compound.lat, fresh.compound.lon] : null;
      if (drawnBounds || center) draw.fitTo(map, drawnBounds, center, 19);
      else {
        // Nothing drawn yet: start where the compound is registered.
        accountsApi.area(code, signal).then(
          ({ area }) => {
            if (area.lat != null && area.lon != null) map?.setView([area.lat, area.lon], 17.5, { animate: false });
          },
          () => undefined,
        );
      }
    }
    renderForm();
    void loadHistory();
  }

  let drawnBounds: ReturnType<Draw['drawFeatures']>['bounds'] = null;

  function redraw(): void {
    if (!map || !draw || !doc) return;
    drawnGroup?.remove();
    const drawn = draw.drawFeatures(map, doc, {
      editing: true,
      selectedId: selection?.feature ? featureId(selection.feature) : null,
      onClick: (feature, event) => {
        draw!.stopClick(event);
        if (drawing) {
          // Clicking a point while drawing snaps the vertex to it (a path that ends at a gate).
          const g = feature.geometry;
          addVertex(g.type === 'Point' ? g.coordinates : roundPosition(event.latlng.lng, event.latlng.lat));
          return;
        }
        select(feature);
      },
      onDragEnd: (feature, to) => void moved(feature, to.lng, to.lat),
    });
    drawnGroup = drawn.group;
    drawnBounds = drawn.bounds;
    if (selection && !selection.feature) showPreview(selection.geometry);
  }

  function select(feature: MapFeature | null): void {
    status.hidden = true;
    selection = feature ? { feature, kind: feature.properties.kind, geometry: feature.geometry } : null;
    clearPreview();
    redraw();
    renderForm();
  }

  // ---------------------------------------------------------------------------------------------
  // Drawing new features

  function clearPreview(): void {
    preview?.remove();
    preview = null;
  }

  function showPreview(geometry: Geometry | { type: Geometry['type']; points: Position[] }): void {
    if (!map || !draw) return;
    clearPreview();
    const points: Position[] = 'points' in geometry ? geometry.points : geometry.type === 'Point' ? [geometry.coordinates] : geometry.type === 'LineString' ? geometry.coordinates : (geometry.coordinates[0] ?? []);
    preview = draw.drawingPreview(map, geometry.type, points);
  }

  function setDrawingUi(): void {
    const on = drawing !== null;
    mapBox.classList.toggle('is-drawing', on);
    finishButton.hidden = !on || drawing?.type === 'Point';
    dropPointButton.hidden = !on || drawing?.type === 'Point';
    cancelButton.hidden = !on;
    const need = drawing?.type === 'Polygon' ? 3 : 2;
    finishButton.disabled = !drawing || drawing.points.length < need;
    dropPointButton.disabled = !drawing || drawing.points.length === 0;
    hint.classList.toggle('is-drawing', on);
    if (!drawing) hint.textContent = te('editor.selectHint');
    else {
      const key = drawing.type === 'Point' ? 'editor.addHintPoint' : drawing.type === 'LineString' ? 'editor.addHintLine' : 'editor.addHintPolygon';
      hint.textContent = te(key, { kind: kindName(drawing.kind) });
    }
    if (map) {
      if (on) map.doubleClickZoom.disable();
      else map.doubleClickZoom.enable();
    }
  }

  function startDrawing(kind: FeatureKind, type: Geometry['type']): void {
    status.hidden = true;
    selection = null;
    clearPreview();
    redraw();
    renderForm();
    drawing = { kind, type, points: [] };
    setDrawingUi();
  }

  function stopDrawing(): void {
    drawing = null;
    kindSelect.value = '';
    shapeSelect.hidden = true;
    setDrawingUi();
  }

  function addVertex(at: Position): void {
    if (!drawing) return;
    drawing.points.push(at);
    if (drawing.type === 'Point') {
      const kind = drawing.kind;
      stopDrawing();
      newFeature(kind, { type: 'Point', coordinates: at });
      return;
    }
    showPreview({ type: drawing.type, points: drawing.points });
    setDrawingUi();
  }

  function finishDrawing(): void {
    if (!drawing) return;
    const { kind, type, points } = drawing;
    const geometry: Geometry = type === 'Polygon' ? { type: 'Polygon', coordinates: [closeRing(points)] } : { type: 'LineString', coordinates: points.slice() };
    stopDrawing();
    newFeature(kind, geometry);
  }

  function newFeature(kind: FeatureKind, geometry: Geometry): void {
    selection = { feature: null, kind, geometry };
    showPreview(geometry);
    redraw();
    renderForm();
  }

  kindSelect.addEventListener('change', () => {
    const kind = kindSelect.value as FeatureKind | '';
    if (!kind) {
      stopDrawing();
      clearPreview();
      return;
    }
    const types = geometryTypesFor(kind);
    replace(shapeSelect, types.map((type) => h('option', { value: type }, te(`editor.geometry.${type}`))));
    shapeSelect.hidden = types.length < 2;
    startDrawing(kind, types[0]!);
  });
  shapeSelect.addEventListener('change', () => {
    const kind = kindSelect.value as FeatureKind | '';
    if (kind) startDrawing(kind, shapeSelect.value as Geometry['type']);
  });
  finishButton.addEventListener('click', finishDrawing);
  dropPointButton.addEventListener('click', () => {
    if (!drawing) return;
    drawing.points.pop();
    showPreview({ type: drawing.type, points: drawing.points });
    setDrawingUi();
  });
  cancelButton.addEventListener('click', () => {
    stopDrawing();
    clearPreview();
  });
  const onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && drawing) {
      stopDrawing();
      clearPreview();
    }
  };
  document.addEventListener('keydown', onKey);
  signal.addEventListener('abort', () => document.removeEventListener('keydown', onKey));

  // ---------------------------------------------------------------------------------------------
  // Writes

  /** Shows a failed write: 409 reloads the map; validation problems go next to the form. */
  async function failed(error: unknown, box: HTMLElement | null): Promise<void> {
    if (error instanceof ApiError && error.status === 409 && error.code !== 'nothing_to_undo') {
      say(te('editor.conflict'), 'warn');
      await reload().catch(() => undefined);
      return;
    }
    const fields = error instanceof ApiError ? problemFieldErrors(error.problem) : [];
    const text = errorMessageOf(error);
    if (box) {
      box.hidden = false;
      replace(box, icon(icons.alert, 'form-error-icon'), h('div', null, h('div', { 'data-testid': 'feature-error-text' }, text), fields.map(([f, m]) => h('div', { class: 'field-error' }, f ? `${f}：${m}` : m))));
    } else say(text, 'bad');
  }

  async function moved(feature: MapFeature, lon: number, lat: number): Promise<void> {
    const id = featureId(feature);
    if (!id || busy) return;
    busy = true;
    const geometry: Geometry = { type: 'Point', coordinates: roundPosition(lon, lat) };
    try {
      const answer = await api.updateMapFeature(code, id, version, featureBody(geometry, feature.properties));
      version = answer.version;
      say(te('editor.moved', { label: featureLabel(feature.properties) || kindName(feature.properties.kind), version: answer.version }));
      await reload();
    } catch (error) {
      await failed(error, null);
      if (!(error instanceof ApiError && error.status === 409)) redraw(); // the marker goes back
    } finally {
      busy = false;
    }
  }

  undoButton.addEventListener('click', async () => {
    undoButton.disabled = true;
    try {
      const answer = await api.undoMapChange(code);
      const what = `${teMaybe(`editor.action.${answer.undone?.action}`, answer.undone?.action ?? '')} ${actionWords(answer.undone?.label ?? '')}`.trim();
      say(te('editor.undone', { what }));
      await reload();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) say(te('editor.nothingToUndo'), 'warn');
      else await failed(error, null);
    } finally {
      undoButton.disabled = false;
    }
  });

  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    fileInput.value = '';
    if (!file) return;
    let text = '';
    let count: number;
    try {
      text = await file.text();
      const parsed = JSON.parse(text) as { type?: string; features?: unknown[] };
      if (parsed.type === 'FeatureCollection' && Array.isArray(parsed.features)) count = parsed.features.length;
      else if (parsed.type === 'Feature') count = 1;
      else throw new Error('type ≠ FeatureCollection');
    } catch (error) {
      say(te('editor.importBad', { reason: error instanceof Error ? error.message : String(error) }), 'bad');
      return;
    }
    const done = await modal<{ version: number }>({
      title: te('editor.import'),
      body: h('p', null, te('editor.importConfirm', { name: file.name, count })),
      submitLabel: te('editor.import'),
      testid: 'import-dialog',
      onSubmit: () => api.replaceMap(code, version, text),
    });
    if (!done) return;
    say(te('editor.imported', { version: done.version }));
    await reload({ fit: true, select: null });
  });

  // ---------------------------------------------------------------------------------------------
  // The side form

  function renderForm(): void {
    if (!selection) {
      replace(formCard, h('p', { class: 'muted', 'data-testid': 'editor-no-selection' }, doc && doc.features.length === 0 ? te('editor.noMap') : te('editor.selectHint')));
      return;
    }
    const { feature, kind, geometry } = selection;
    const p: Partial<MapProperties> = feature?.properties ?? {};
    const id = feature ? featureId(feature) : null;
    const fields = editableFields(kind);
    const inputs = new Map<keyof MapProperties, HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>();
    const text = (key: keyof MapProperties, label: string, attrs: Record<string, unknown> = {}): HTMLElement => {
      const value = p[key];
      const input = h('input', { class: 'input', name: key, value: value == null ? '' : String(value), 'data-testid': `feature-${key}`, ...attrs });
      inputs.set(key, input);
      return h('label', { class: 'me-field' }, label, input);
    };
    const rows: Array<HTMLElement | null> = [
      text('label', te('editor.label'), { placeholder: te('editor.labelPlaceholder'), maxlength: 60 }),
      kind === 'boundary' ? null : text('section', te('editor.section'), { placeholder: te('editor.sectionPlaceholder'), maxlength: 30 }),
    ];
    const checks: HTMLElement[] = [];
    for (const key of fields) {
      if (key === 'number') rows.push(text('number', te('editor.number'), { maxlength: 12 }));
      else if (key === 'floors') rows.push(text('floors', te('editor.floors'), { type: 'number', min: 1, max: 200, inputmode: 'numeric' }));
      else if (key === 'capacity') rows.push(text('capacity', te('editor.capacity'), { type: 'number', min: 1, max: 10000, inputmode: 'numeric' }));
      else if (key === 'opening_hours') rows.push(text('opening_hours', te('editor.hours'), { placeholder: te('editor.hoursPlaceholder'), maxlength: 200 }));
      else if (key === 'gate_kind') {
        const select = h(
          'select',
          { class: 'input', name: 'gate_kind', 'data-testid': 'feature-gate_kind' },
          h('option', { value: '' }, '—'),
          ['pedestrian', 'vehicle', 'garage'].map((g) => h('option', { value: g, selected: p.gate_kind === g }, teMaybe(`map.gateKind.${g}`, g))),
        );
        inputs.set('gate_kind', select);
        rows.push(h('label', { class: 'me-field' }, te('editor.gateKind'), select));
      } else if (key === 'building_id') {
        const buildings = (doc?.features ?? []).filter((f) => f.properties.kind === 'building' && featureId(f));
        const select = h(
          'select',
          { class: 'input', name: 'building_id', 'data-testid': 'feature-building_id' },
          h('option', { value: '' }, te('editor.buildingNone')),
          buildings.map((b) => h('option', { value: String(featureId(b)), selected: p.building_id === featureId(b) }, featureLabel(b.properties) || `#${featureId(b)}`)),
        );
        inputs.set('building_id', select);
        rows.push(h('label', { class: 'me-field' }, te('editor.building'), select));
      } else if (key in BOOLEAN_DEFAULTS) {
        const box = h('input', { type: 'checkbox', name: key, checked: (p[key] as boolean | undefined) ?? BOOLEAN_DEFAULTS[key], 'data-testid': `feature-${key}` });
        inputs.set(key, box);
        checks.push(h('label', null, box, h('span', null, te(BOOLEAN_LABELS[key]!))));
      }
    }
    if (checks.length) rows.push(h('div', { class: 'me-checks' }, checks));
    const note = h('textarea', { class: 'input', name: 'note', rows: 2, maxlength: 300, 'data-testid': 'feature-note' }, p.note ?? '');
    inputs.set('note', note);
    rows.push(h('label', { class: 'me-field' }, te('editor.note'), note));

    const error = h('div', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'feature-error' });
    const save = h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'feature-save' }, te('editor.save'));

    /**
     * The save path: the form's values with `list` as the media, PUT with the version they were based
     * on (POST for a new feature). `retry` re-applies a media change to the latest version when
     * someone else saved meanwhile, so that an uploaded photo is not lost to a conflict.
     */
    async function store(list: string[], saved: (version: number) => string, retry?: (list: string[]) => string[] | null): Promise<void> {
      const values: Partial<Record<keyof MapProperties, unknown>> = { media: list };
      for (const [key, input] of inputs) values[key] = input instanceof HTMLInputElement && input.type === 'checkbox' ? input.checked : input.value;
      const body = featureBody(geometry, cleanProperties(kind, values, p));
      save.disabled = true;
      save.textContent = te('editor.saving');
      error.hidden = true;
      try {
        if (id) {
          const answer = await api.updateMapFeature(code, id, version, body);
          version = answer.version;
          say(saved(answer.version));
          await reload({ select: id });
        } else {
          const answer = await api.addMapFeature(code, version, body);
          version = answer.version;
          clearPreview();
          say(saved(answer.version));
          await reload({ select: answer.id });
        }
      } catch (e) {
        save.disabled = false;
        save.textContent = te('editor.save');
        if (id && retry && e instanceof ApiError && e.status === 409) {
          await reload({ select: id }).catch(() => undefined);
          const fresh = byId(id);
          const next = fresh ? retry(fresh.properties.media ?? []) : null;
          if (fresh && next) {
            try {
              const answer = await api.updateMapFeature(code, id, version, featureBody(fresh.geometry, { ...fresh.properties, media: next }));
              version = answer.version;
              say(saved(answer.version));
              await reload({ select: id });
              return;
            } catch (again) {
              await failed(again, null);
              return;
            }
          }
        }
        await failed(e, error);
      }
    }

    let media = [...(p.media ?? [])];
    if (takesMedia(kind)) rows.push(mediaSection());

    /** Photos and videos of the way: thumbnails with ×, 添加照片 (camera on a phone), a pasted video link. */
    function mediaSection(): HTMLElement {
      const list = h('div', { class: 'me-media', 'data-testid': 'media-list' });
      const count = h('span', { class: 'muted', 'data-testid': 'media-count' });
      const problem = h('div', { class: 'form-error me-media-error', role: 'alert', hidden: true, 'data-testid': 'media-error' });
      const fileInput = h('input', { type: 'file', class: 'me-file', accept: 'image/*', capture: 'environment', tabindex: -1, 'aria-hidden': 'true', 'data-testid': 'media-file' });
      const addLabel = h('span', null, te('editor.addPhoto'));
      const addPhoto = h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'media-add-photo', onClick: () => fileInput.click() }, icon(icons.camera), addLabel);
      const videoInput = h('input', { class: 'input', type: 'url', inputmode: 'url', placeholder: te('editor.videoPlaceholder'), maxlength: 500, autocomplete: 'off', 'data-testid': 'media-video-input' });
      const addVideo = h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'media-video-add' }, te('editor.addVideo'));
      const complain = (text: string | null): void => {
        problem.hidden = text === null;
        problem.textContent = text ?? '';
      };

      const change = async (apply: (list: string[]) => string[] | null, saved: (version: number) => string): Promise<void> => {
        const next = apply(media);
        if (!next) {
          complain(te('editor.mediaFull', { max: MAX_MEDIA }));
          return;
        }
        if (!id) {
          // Not stored yet: the list goes with the first save.
          media = next;
          render();
          say(te('editor.mediaUnsaved'), 'warn');
          return;
        }
        await store(next, saved, apply);
      };

      const render = (): void => {
        const photos = media.filter(isPhotoUrl);
        const title = te('photos.of', { label: featureLabel(p as MapProperties) || kindName(kind) });
        replace(
          list,
          media.map((url) => {
            const photo = isPhotoUrl(url);
            const remove = h(
              'button',
              {
                type: 'button',
                class: 'me-media-remove',
                'aria-label': te(photo ? 'editor.removePhoto' : 'editor.removeVideo'),
                title: te(photo ? 'editor.removePhoto' : 'editor.removeVideo'),
                'data-testid': 'media-remove',
                onClick: () => void change((l) => removeMedia(l, url), (v) => te('editor.mediaRemoved', { version: v })),
              },
              '×',
            );
            return photo
              ? h('div', { class: 'me-media-item', 'data-testid': 'media-item', 'data-url': url }, photoThumb(url, title, () => openLightbox(photos, photos.indexOf(url), title), { testid: 'media-thumb' }), remove)
              : h(
                  'div',
                  { class: 'me-media-item is-link', 'data-testid': 'media-item', 'data-url': url },
                  h('a', { class: 'me-media-link', href: url, target: '_blank', rel: 'noopener noreferrer', title: url }, h('b', null, `▶ ${te('editor.video')}`), h('small', null, linkHost(url))),
                  remove,
                );
          }),
        );
        count.textContent = `${media.length}/${MAX_MEDIA}`;
        addPhoto.disabled = addVideo.disabled = media.length >= MAX_MEDIA;
      };

      fileInput.addEventListener('change', async () => {
        const file = fileInput.files?.[0];
        fileInput.value = '';
        if (!file) return;
        complain(null);
        if (media.length >= MAX_MEDIA) {
          complain(te('editor.mediaFull', { max: MAX_MEDIA }));
          return;
        }
        addPhoto.disabled = true;
        addLabel.textContent = te('editor.uploading');
        try {
          const photo = await preparePhoto(file);
          if (photo.size > MAX_PHOTO_BYTES) throw new PhotoProblem('editor.photoTooBig');
          const { url } = await api.uploadMapMedia(code, photo);
          await change((l) => addMedia(l, url), (v) => te('editor.photoAdded', { version: v }));
        } catch (e) {
          if (e instanceof PhotoProblem) complain(te(e.key));
          else if (e instanceof ApiError && e.status === 413) complain(te('editor.photoTooBig'));
          else if (e instanceof ApiError && e.status === 400) complain(te('editor.photoBad'));
          else complain(errorMessageOf(e));
        } finally {
          if (addPhoto.isConnected) {
            addLabel.textContent = te('editor.addPhoto');
            addPhoto.disabled = media.length >= MAX_MEDIA;
          }
        }
      });

      const addLink = (): void => {
        const why = videoUrlProblem(videoInput.value);
        if (why === 'empty') return;
        if (why) {
          complain(te(why === 'tooLong' ? 'editor.videoTooLong' : 'editor.videoBad'));
          videoInput.focus();
          return;
        }
        complain(null);
        void change((l) => addMedia(l, videoInput.value), (v) => te('editor.videoAdded', { version: v }));
      };
      addVideo.addEventListener('click', addLink);
      // Enter in the link field adds the link (it would otherwise submit the whole form).
      videoInput.addEventListener('keydown', (event) => {
        if (event.key !== 'Enter') return;
        event.preventDefault();
        addLink();
      });

      render();
      return h(
        'div',
        { class: 'me-media-box', 'data-testid': 'feature-media' },
        h('div', { class: 'me-media-head' }, h('span', { class: 'me-field-title' }, te('editor.media')), count),
        h('p', { class: 'me-media-hint' }, te('editor.mediaHint', { max: MAX_MEDIA })),
        list,
        h('div', { class: 'me-media-actions' }, addPhoto, fileInput),
        h('label', { class: 'me-field' }, te('editor.videoUrl'), h('div', { class: 'me-media-video' }, videoInput, addVideo)),
        problem,
      );
    }
    const remove = id
      ? h(
          'button',
          {
            type: 'button',
            class: 'btn btn-danger',
            'data-testid': 'feature-delete',
            onClick: async () => {
              const label = featureLabel(p as MapProperties) || kindName(kind);
              const done = await modal<{ version: number }>({
                title: te('editor.delete'),
                body: h('p', null, te('editor.deleteConfirm', { label })),
                submitLabel: te('editor.delete'),
                danger: true,
                testid: 'delete-dialog',
                onSubmit: () => api.deleteMapFeature(code, id, version),
              }).catch(() => null);
              if (!done) return;
              say(te('editor.deleted', { version: done.version }));
              await reload({ select: null }).catch((e: unknown) => failed(e, null));
            },
          },
          te('editor.delete'),
        )
      : null;
    const close = h(
      'button',
      {
        type: 'button',
        class: 'btn btn-ghost',
        'data-testid': 'feature-close',
        onClick: () => select(null),
      },
      te('editor.close'),
    );

    const form = h(
      'form',
      {
        class: 'me-form',
        novalidate: true,
        'data-testid': 'feature-form',
        'data-kind': kind,
        'data-feature-id': id ?? '',
        onSubmit: (event: Event) => {
          event.preventDefault();
          void store(media, (v) => te('editor.saved', { version: v }));
        },
      },
      h('h2', null, id ? te('editor.editFeature', { label: featureLabel(p as MapProperties) || kindName(kind) }) : te('editor.newFeature', { kind: kindName(kind) })),
      h('span', { class: 'badge badge-muted' }, `${te('editor.kind')}：${kindName(kind)}`),
      rows,
      error,
      h('div', { class: 'me-actions' }, save, remove, close),
    );
    replace(formCard, form);
    if (!id) (inputs.get('label') as HTMLInputElement | undefined)?.focus();
  }

  // ---------------------------------------------------------------------------------------------
  // History

  async function loadHistory(): Promise<void> {
    try {
      const { items } = await api.mapHistory(code, 50, signal);
      replace(historyList, historyView(items));
    } catch (error) {
      if (isAbort(error)) return;
      replace(historyList, h('p', { class: 'form-error', 'data-testid': 'editor-history-error' }, errorMessageOf(error)));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Start

  Promise.all([drawModule, api.compoundMap(code, signal)]).then(
    ([module, first]) => {
      if (signal.aborted) return;
      draw = module;
      replace(mapBox);
      const center: [number, number] | null = first.compound?.lat != null && first.compound?.lon != null ? [first.compound.lat, first.compound.lon] : null;
      map = module.createMap(mapBox, { osm: /osm/i.test(first.source ?? ''), center });
      map.on('click', (event) => {
        if (drawing) addVertex(roundPosition(event.latlng.lng, event.latlng.lat));
        else if (selection) select(null);
      });
      signal.addEventListener('abort', () => map?.remove());
      module.whenSized(mapBox, signal, () => {
        map!.invalidateSize();
        void reload({ fit: true }).catch((e: unknown) => failed(e, null));
      });
    },
    (error: unknown) => {
      if (isAbort(error)) return;
      replace(mapBox, h('div', { class: 'mw-map-loading', role: 'alert' }, errorMessageOf(error)));
    },
  );
  return page;
}

class PhotoProblem extends Error {
  constructor(readonly key: 'editor.photoBad' | 'editor.photoTooBig') {
    super(key);
  }
}

/**
 * A phone photo made fit for a weak connection: small ones in a format the server takes go as they
 * are; large ones (and HEIC, GIF) are redrawn as JPEG at most 1600 px on the long edge.
 */
async function preparePhoto(file: File): Promise<Blob> {
  const accepted = /^image\/(jpeg|png|webp)$/i.test(file.type);
  if (file.type && !file.type.startsWith('image/')) throw new PhotoProblem('editor.photoBad');
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    // This browser cannot read it: the server decides for a type it takes, anything else is refused.
    if (accepted) return file;
    throw new PhotoProblem('editor.photoBad');
  }
  try {
    const plan = shrinkPlan({ width: bitmap.width, height: bitmap.height, bytes: file.size, type: file.type });
    if (!plan) return file;
    return (await redrawAsJpeg(bitmap, plan)) ?? file;
  } finally {
    bitmap.close();
  }
}

/** An undo row's label starts with the action it reverted ("update 东门"): say it in words. */
function actionWords(label: string): string {
  return label.replace(/^(create|update|delete|replace|undo)\b/, (action) => teMaybe(`editor.action.${action}`, action));
}

function historyView(items: HistoryItem[]): HTMLElement {
  if (items.length === 0) return h('p', { class: 'muted' }, te('editor.historyEmpty'));
  return h(
    'ol',
    { class: 'me-history', 'data-testid': 'editor-history' },
    items.map((item) =>
      h(
        'li',
        { class: item.undone ? 'is-undone' : '', 'data-testid': 'history-item', 'data-actor': item.actor, 'data-action': item.action, 'data-version': String(item.version) },
        h('span', { class: 'badge badge-muted' }, `v${item.version}`),
        h('span', { class: 'me-what' }, `${teMaybe(`editor.action.${item.action}`, item.action)} ${actionWords(item.label ?? '')}`.trim()),
        item.undone ? h('span', { class: 'badge badge-warn' }, te('editor.undoneBadge')) : null,
        h('span', { class: 'muted' }, `${formatTime(historySeconds(item.at))} · `, h('b', { 'data-testid': 'history-actor' }, item.actor)),
      ),
    ),
  );
}
