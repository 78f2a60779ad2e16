/**
 * 随手拍 (#/report), for workers on the road, phone first: big category tiles (the three
 * difficulties for 骑手自身困难), photos from the camera (uploaded at once, thumbnails shown), the
 * location from GPS or a tap on the map (Leaflet, no tiles), a short text, 发送. The report is a
 * draft in IndexedDB (photos included) until the server has it: without a connection it waits in
 * the outbox and is sent when the network returns, with the same client_id. A 409
 * possible_duplicate offers 我也遇到了 (join); a 409 already_reported (the rider's own open report
 * nearby) says 你已经报过这个问题 with a link to it and drops the draft; a 429 shows the server's words.
 */

import { gridReporterBadge } from '../community/grid-badge';
import * as placesApi from '../places/api';
import * as api from './api';
import { ApiError } from '../shell/api';
import { h, icon, replace } from '../shell/dom';
import { icons } from '../shell/icons';
import { redrawAsJpeg, shrinkPlan } from '../maps/media';
import { joinDuplicate, newDraft, type Draft, type DraftPhoto, type Outcome } from './drafts';
import { categoryName, tr, trMaybe } from './messages';
import {
  CATEGORIES,
  DIFFICULTIES,
  formProblem,
  MAX_DESCRIPTION,
  MAX_PHOTO_BYTES,
  MAX_PHOTOS,
  newClientId,
  peopleCount,
  PHOTO_TYPES,
  SLA_HOURS,
  type Category,
  type FormState,
} from './model';
import { discard, onOutcome, pending, sendNow } from './outbox';
import { categoryGlyph, toast } from './ui';
import '../places/places.css';
import type { Account } from '../shell/types';
import { errorMessageOf } from '../shell/ui';

type Draw = typeof import('../places/draw');
type LMap = ReturnType<Draw['createMap']>;

const DEFAULT_CENTER: [number, number] = [39.99, 116.34];

interface PhotoSlot {
  photo: DraftPhoto;
  preview: string;
  state: 'uploading' | 'done' | 'waiting';
  uploading: Promise<void> | null;
}

/** A large phone photo shrunk to 1600 px JPEG; a small one sent as it is (the server strips its metadata). */
async function prepare(file: File): Promise<Blob> {
  const allowed = (PHOTO_TYPES as readonly string[]).includes(file.type);
  if (allowed && file.size <= 1.5 * 1024 * 1024) return file;
  if (typeof createImageBitmap !== 'function') return file;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return file;
  }
  try {
    const plan = shrinkPlan({ width: bitmap.width, height: bitmap.height, bytes: file.size, type: file.type }) ?? (allowed ? null : { width: bitmap.width, height: bitmap.height });
    if (!plan) return file;
    return (await redrawAsJpeg(bitmap, plan)) ?? file;
  } finally {
    bitmap.close();
  }
}

export function reportNewPage(account: Account, signal: AbortSignal, drawing: Promise<Draw>): HTMLElement {
  let clientId = newClientId();
  const form: FormState = { category: null, difficulty: null, description: '', lat: null, lon: null, address: '', compound: '' };
  let origin: 'gps' | 'map' | null = null;
  let slots: PhotoSlot[] = [];
  let sending = false;
  const previews: string[] = [];
  signal.addEventListener('abort', () => previews.forEach((u) => URL.revokeObjectURL(u)));

  // ---- categories
  const categoryGrid = h('div', { class: 'rn-cats', role: 'radiogroup', 'aria-label': tr('new.category'), 'data-testid': 'category-tiles' });
  const difficultyRow = h('div', { class: 'rn-diffs', role: 'radiogroup', 'aria-label': tr('new.difficulty'), hidden: true, 'data-testid': 'difficulty-choices' });
  const slaHint = h('p', { class: 'rn-sla', hidden: true, 'data-testid': 'report-sla-hint' });
  // 骑手自身困难 is about a compound: the server links the nearest one to the location.
  const compoundHint = h('p', { class: 'rn-hint', hidden: true, 'data-testid': 'compound-hint' }, tr('new.compoundHint'));

  const renderCategories = (): void => {
    replace(
      categoryGrid,
      CATEGORIES.map((c) =>
        h(
          'button',
          {
            type: 'button',
            role: 'radio',
            class: `rn-cat${form.category === c ? ' is-on' : ''}`,
            'aria-checked': String(form.category === c),
            'data-testid': 'category-tile',
            'data-category': c,
            onClick: () => {
              form.category = c;
              if (c !== 'own_difficulty') form.difficulty = null;
              renderCategories();
              hideProblem();
            },
          },
          categoryGlyph(c, 'is-tile'),
          h('span', { class: 'rn-cat-text' }, h('b', null, categoryName(c)), h('small', null, trMaybe(`catHint.${c}`, ''))),
        ),
      ),
    );
    difficultyRow.hidden = form.category !== 'own_difficulty';
    replace(
      difficultyRow,
      h('span', { class: 'rn-label' }, tr('new.difficulty')),
      h(
        'div',
        { class: 'rn-diff-buttons' },
        DIFFICULTIES.map((d) =>
          h(
            'button',
            {
              type: 'button',
              role: 'radio',
              class: `pchip rn-diff${form.difficulty === d ? ' is-on' : ''}`,
              'aria-checked': String(form.difficulty === d),
              'data-testid': 'difficulty-choice',
              'data-difficulty': d,
              onClick: () => {
                form.difficulty = d;
                renderCategories();
                hideProblem();
              },
            },
            trMaybe(`diff.${d}`, d),
          ),
        ),
      ),
    );
    compoundHint.hidden = form.category !== 'own_difficulty';
    slaHint.hidden = !form.category;
    if (form.category) slaHint.textContent = tr('new.sla', { hours: SLA_HOURS[form.category as Category] });
  };

  // ---- photos
  const fileInput = h('input', { type: 'file', accept: 'image/*', capture: 'environment', multiple: true, class: 'rn-file', 'data-testid': 'photo-input', 'aria-label': tr('new.addPhoto') });
  const photoGrid = h('ul', { class: 'rn-photos', 'data-testid': 'photo-list' });
  const photoError = h('p', { class: 'rn-error', role: 'alert', hidden: true, 'data-testid': 'photo-error' });
  const addButton = h('label', { class: 'btn btn-secondary rn-add-photo', 'data-testid': 'photo-add' }, icon(icons.camera), h('span', null, tr('new.addPhoto')), fileInput);
  const renderPhotos = (): void => {
    replace(
      photoGrid,
      slots.map((slot) =>
        h(
          'li',
          { class: `rn-photo is-${slot.state}`, 'data-testid': 'photo-thumb', 'data-state': slot.state, 'data-photo-id': slot.photo.upload ? String(slot.photo.upload.id) : null },
          h('img', { src: slot.preview, alt: '' }),
          slot.state === 'done' ? null : h('span', { class: 'rn-photo-state' }, slot.state === 'uploading' ? tr('new.photoUploading') : tr('new.photoWaiting')),
          h(
            'button',
            {
              type: 'button',
              class: 'rn-photo-remove',
              'aria-label': tr('new.removePhoto'),
              'data-testid': 'photo-remove',
              onClick: () => {
                slots = slots.filter((s) => s !== slot);
                renderPhotos();
              },
            },
            '✕',
          ),
        ),
      ),
    );
    addButton.hidden = slots.length >= MAX_PHOTOS;
  };
  const upload = (slot: PhotoSlot): void => {
    if (!navigator.onLine || !slot.photo.blob) {
      slot.state = 'waiting';
      return;
    }
    slot.state = 'uploading';
    slot.uploading = api
      .uploadReportPhoto(slot.photo.blob, slot.photo.type)
      .then(
        (answer) => {
          slot.photo.upload = answer;
          slot.photo.blob = null;
          slot.state = 'done';
        },
        (error: unknown) => {
          if (error instanceof ApiError && error.status !== 0 && error.status < 500) {
            // Refused (not an image, too large): it would never go through.
            slots = slots.filter((s) => s !== slot);
            photoError.hidden = false;
            photoError.textContent = `${tr('new.photoFailed')}：${errorMessageOf(error)}`;
          } else slot.state = 'waiting';
        },
      )
      .finally(() => {
        slot.uploading = null;
        if (!signal.aborted) renderPhotos();
      });
  };
  fileInput.addEventListener('change', () => {
    const files = [...(fileInput.files ?? [])];
    fileInput.value = '';
    photoError.hidden = true;
    void (async () => {
      for (const file of files) {
        if (slots.length >= MAX_PHOTOS) break;
        if (!file.type.startsWith('image/')) {
          photoError.hidden = false;
          photoError.textContent = tr('new.photoType', { name: file.name });
          continue;
        }
        const blob = await prepare(file);
        if (blob.size > MAX_PHOTO_BYTES) {
          photoError.hidden = false;
          photoError.textContent = tr('new.photoTooBig', { name: file.name });
          continue;
        }
        const preview = URL.createObjectURL(blob);
        previews.push(preview);
        const slot: PhotoSlot = { photo: { key: `${Date.now()}-${slots.length}`, type: blob.type || file.type || 'image/jpeg', blob, upload: null }, preview, state: 'waiting', uploading: null };
        slots = [...slots, slot];
        upload(slot);
        renderPhotos();
        hideProblem();
      }
    })();
  });

  // ---- location
  const originRow = h('div', { class: 'rn-origin', 'data-testid': 'report-origin' });
  const mapBox = h('div', { class: 'rn-map', 'data-testid': 'report-map', 'aria-label': tr('new.mapLabel') }, h('div', { class: 'mw-map-loading', 'aria-busy': 'true' }, tr('new.loadingMap')));
  const locationNote = h('p', { class: 'rn-hint', role: 'status', hidden: true, 'data-testid': 'location-note' });
  const address = h('input', { class: 'input', type: 'text', maxlength: 120, placeholder: tr('new.addressPlaceholder'), 'data-testid': 'report-address', autocomplete: 'off' });
  address.addEventListener('input', () => (form.address = address.value));
  const renderOrigin = (): void => {
    const name = origin === 'gps' ? tr('new.fromGps') : origin === 'map' ? tr('new.fromMap') : tr('new.noLocation');
    replace(
      originRow,
      h(
        'span',
        { class: 'rn-where' },
        icon(icons.pin),
        h('b', { 'data-testid': 'report-origin-name', 'data-set': String(form.lat !== null) }, name),
        form.lat !== null && form.lon !== null ? h('small', { class: 'mono', 'data-testid': 'report-coords' }, `${form.lat.toFixed(5)}, ${form.lon.toFixed(5)}`) : null,
      ),
      h(
        'span',
        { class: 'rn-origin-buttons' },
        'geolocation' in navigator ? h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'use-gps', onClick: () => void useGps(true) }, tr('new.useGps')) : null,
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn-secondary',
            'data-testid': 'pick-on-map',
            onClick: () => {
              locationNote.hidden = false;
              locationNote.textContent = tr('new.picking');
              mapBox.scrollIntoView({ block: 'center', behavior: 'smooth' });
            },
          },
          tr('new.pickOnMap'),
        ),
      ),
    );
  };

  let map: LMap | null = null;
  let draw: Draw | null = null;
  let marker: { remove(): void } | null = null;
  const mapReady = drawing.then(async (module) => {
    draw = module;
    let center: [number, number] = DEFAULT_CENTER;
    map = await module.mountMap(mapBox, signal, (box) => {
      center = form.lat !== null && form.lon !== null ? [form.lat, form.lon] : typeof account.area.lat === 'number' && typeof account.area.lon === 'number' ? [account.area.lat, account.area.lon] : DEFAULT_CENTER;
      const created = module.createMap(box, { center, zoom: 16, attribution: tr('new.attribution') });
      module.onMapClick(created, (lat, lon) => setLocation(lat, lon, 'map'));
      return created;
    });
    drawMarker();
    void drawLandmarks(center[0], center[1]);
  });
  mapReady.catch(() => replace(mapBox, h('div', { class: 'mw-map-loading' }, errorMessageOf(new ApiError(0, {})))));
  const drawMarker = (): void => {
    if (!map || !draw || form.lat === null || form.lon === null) return;
    marker?.remove();
    marker = draw.youAreHere(map, form.lat, form.lon);
  };
  // No tiles: the friendly places around (stations, merchants …) are the landmarks; a tap on one
  // puts the report there.
  let landmarks: { remove(): void } | null = null;
  let landmarkSeq = 0;
  let landmarksAt: [number, number] | null = null;
  const drawLandmarks = async (lat: number, lon: number): Promise<void> => {
    if (landmarksAt && Math.abs(landmarksAt[0] - lat) < 0.003 && Math.abs(landmarksAt[1] - lon) < 0.003) return;
    const mine = ++landmarkSeq;
    try {
      const answer = await placesApi.nearbyPlaces({ lat: String(lat), lon: String(lon), limit: '15' }, signal);
      await mapReady;
      if (mine !== landmarkSeq || !map || !draw || signal.aborted) return;
      landmarksAt = [lat, lon];
      landmarks?.remove();
      landmarks = draw.drawPlaces(map, answer.places, null, (p) => setLocation(p.lat, p.lon, 'map')).group;
      mapBox.setAttribute('data-landmarks', String(answer.places.length));
    } catch {
      // Landmarks are a help, not a need (no roads there, or no network).
    }
  };
  function setLocation(lat: number, lon: number, how: 'gps' | 'map'): void {
    form.lat = Math.round(lat * 1e6) / 1e6;
    form.lon = Math.round(lon * 1e6) / 1e6;
    origin = how;
    locationNote.hidden = true;
    renderOrigin();
    drawMarker();
    void drawLandmarks(form.lat, form.lon);
    if (how === 'gps' && map) map.setView([form.lat, form.lon], Math.max(map.getZoom(), 16), { animate: false });
    hideProblem();
  }
  async function useGps(explicit: boolean): Promise<void> {
    if (!('geolocation' in navigator)) return;
    if (explicit) {
      locationNote.hidden = false;
      locationNote.textContent = tr('new.gpsWaiting');
    }
    try {
      const at = await new Promise<GeolocationPosition>((resolve, reject) => navigator.geolocation.getCurrentPosition(resolve, reject, { enableHighAccuracy: true, timeout: 10_000, maximumAge: explicit ? 0 : 30_000 }));
      if (signal.aborted) return;
      setLocation(at.coords.latitude, at.coords.longitude, 'gps');
    } catch {
      if (explicit) {
        locationNote.hidden = false;
        locationNote.textContent = tr('new.gpsFailed');
      }
    }
  }

  // ---- description
  const description = h('textarea', { class: 'input rn-desc', rows: 3, maxlength: MAX_DESCRIPTION, placeholder: tr('new.descriptionPlaceholder'), 'data-testid': 'report-description' });
  const counter = h('small', { class: 'rn-count', 'data-testid': 'report-count' }, tr('new.count', { count: 0, max: MAX_DESCRIPTION }));
  description.addEventListener('input', () => {
    form.description = description.value;
    counter.textContent = tr('new.count', { count: [...description.value].length, max: MAX_DESCRIPTION });
    hideProblem();
  });

  // ---- sending and its answer
  const problem = h('p', { class: 'rn-error', role: 'alert', hidden: true, 'data-testid': 'report-problem' });
  const hideProblem = (): void => {
    problem.hidden = true;
  };
  const result = h('section', { class: 'rn-result', hidden: true, 'aria-live': 'polite', 'data-testid': 'report-result' });
  const sendButton = h('button', { type: 'submit', class: 'btn btn-primary btn-block rn-send', 'data-testid': 'report-send' }, tr('new.send'));
  const outboxBox = h('section', { class: 'rn-outbox', hidden: true, 'data-testid': 'report-outbox' });

  const showResult = (...content: Array<Node | string | null>): void => {
    result.hidden = false;
    replace(result, ...content);
    result.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  };

  const reset = (keepResult = false): void => {
    clientId = newClientId();
    form.category = null;
    form.difficulty = null;
    form.description = '';
    form.address = '';
    description.value = '';
    address.value = '';
    counter.textContent = tr('new.count', { count: 0, max: MAX_DESCRIPTION });
    slots = [];
    renderPhotos();
    renderCategories();
    if (keepResult) return;
    result.hidden = true;
    window.scrollTo(0, 0);
  };

  const answer = (outcome: Outcome): void => {
    const d = outcome.draft;
    switch (outcome.kind) {
      case 'sent': {
        const joined = d.join != null;
        showResult(
          h(
            'div',
            { class: 'rn-done', 'data-testid': joined ? 'report-joined' : 'report-sent', 'data-report-id': String(outcome.report.id) },
            h('span', { class: 'rn-done-mark', 'aria-hidden': 'true' }, '✓'),
            h('b', null, joined ? tr('new.joined', { count: peopleCount(outcome.report.me_too) }) : tr('new.sent')),
          ),
          h(
            'div',
            { class: 'rn-actions' },
            h('a', { class: 'btn btn-primary', href: `#/reports/${outcome.report.id}`, 'data-testid': 'report-view' }, tr('new.view')),
            h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'report-another', onClick: () => reset() }, tr('new.another')),
          ),
        );
        if (d.client_id === clientId) clientId = newClientId();
        break;
      }
      case 'duplicate':
        showResult(
          h(
            'div',
            { class: 'rn-dup', 'data-testid': 'duplicate-prompt', 'data-duplicate-of': String(outcome.of.id), 'data-me-too': String(outcome.of.me_too) },
            h('b', { 'data-testid': 'duplicate-text' }, tr('new.duplicate', { count: peopleCount(outcome.of.me_too) })),
            h('span', { class: 'muted' }, tr('new.duplicateDistance', { distance: Math.round(outcome.of.distance_m) })),
          ),
          h(
            'div',
            { class: 'rn-actions' },
            h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'me-too', onClick: () => void meToo(d) }, tr('new.meToo')),
            h('a', { class: 'btn btn-link', href: `#/reports/${outcome.of.id}`, 'data-testid': 'duplicate-view' }, tr('new.viewDuplicate')),
          ),
        );
        break;
      case 'already':
        // The rider's own open report is right there: nothing to join, the draft is gone.
        showResult(
          h(
            'div',
            { class: 'rn-dup rn-already', 'data-testid': 'already-reported', 'data-report-id': String(outcome.of.id) },
            h('b', { 'data-testid': 'already-text' }, tr('new.already')),
            h('span', { class: 'muted' }, tr('new.alreadyDistance', { id: outcome.of.id, distance: Math.max(1, Math.ceil(outcome.of.distance_m)) })),
          ),
          h(
            'div',
            { class: 'rn-actions' },
            h('a', { class: 'btn btn-primary', href: `#/reports/${outcome.of.id}`, 'data-testid': 'already-view' }, tr('new.alreadyView')),
            h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'report-another', onClick: () => reset() }, tr('new.another')),
          ),
        );
        if (d.client_id === clientId) clientId = newClientId();
        break;
      case 'offline':
        showResult(h('div', { class: 'rn-queued', 'data-testid': 'report-queued' }, icon(icons.wifiOff), h('b', null, tr('new.queued'))));
        // Kept on the phone: the form starts a new draft (a new client_id).
        if (d.client_id === clientId) reset(true);
        break;
      case 'rate_limited':
        showResult(h('div', { class: 'rn-limited', 'data-testid': 'report-rate-limited' }, h('b', null, tr('new.rateLimited')), h('span', null, outcome.message ?? errorMessageOf(new ApiError(429, {}, outcome.retryAfter)))));
        break;
      case 'failed':
        showResult(h('div', { class: 'rn-limited', 'data-testid': 'report-failed' }, h('b', null, tr('new.failed', { reason: outcome.message ?? String(outcome.status) }))));
        break;
    }
    void renderOutbox();
  };

  // Drafts this page is sending itself (发送, 我也遇到了, 现在发送): their answer is shown by the caller.
  const sendingHere = new Set<string>();
  const sendHere = async (draft: Draft): Promise<Outcome> => {
    sendingHere.add(draft.client_id);
    try {
      return await sendNow(draft);
    } finally {
      sendingHere.delete(draft.client_id);
    }
  };

  async function meToo(draft: Draft): Promise<void> {
    const joined = await joinDuplicate(draft, (await import('./outbox')).draftStore());
    showResult(h('p', { class: 'muted' }, tr('new.sending')));
    answer(await sendHere(joined));
  }

  const send = async (): Promise<void> => {
    if (sending) return;
    const wrong = formProblem(form, slots.length);
    if (wrong) {
      problem.hidden = false;
      problem.textContent = tr(`new.problem.${wrong}`, { max: MAX_DESCRIPTION });
      problem.setAttribute('data-problem', wrong);
      problem.scrollIntoView({ block: 'center', behavior: 'smooth' });
      return;
    }
    sending = true;
    sendButton.disabled = true;
    sendButton.textContent = tr('new.sending');
    try {
      await Promise.all(slots.map((s) => s.uploading ?? Promise.resolve()));
      const draft = newDraft(
        clientId,
        form,
        slots.map((s) => ({ ...s.photo })),
        Date.now(),
      );
      answer(await sendHere(draft));
    } catch (error) {
      showResult(h('div', { class: 'rn-limited', 'data-testid': 'report-failed' }, h('b', null, tr('new.failed', { reason: errorMessageOf(error) }))));
    } finally {
      sending = false;
      sendButton.disabled = false;
      sendButton.textContent = tr('new.send');
    }
  };

  // ---- drafts waiting in the outbox (sent by main.ts when the network returns)
  async function renderOutbox(): Promise<void> {
    const drafts = (await pending()).filter((d) => d.client_id !== clientId || result.hidden);
    if (signal.aborted) return;
    outboxBox.hidden = drafts.length === 0;
    replace(
      outboxBox,
      h('h2', { class: 'rn-label' }, tr('new.outbox', { count: drafts.length })),
      h('p', { class: 'muted' }, tr('new.outboxHint')),
      h(
        'ul',
        { class: 'rn-outbox-list' },
        drafts.map((d) =>
          h(
            'li',
            { 'data-testid': 'outbox-item', 'data-state': d.state },
            categoryGlyph(d.form.category ?? 'other', 'is-chip'),
            h('span', { class: 'rn-outbox-text' }, h('b', null, categoryName(d.form.category ?? 'other')), h('small', null, d.message ?? d.form.description.slice(0, 40))),
            h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'data-testid': 'outbox-send', disabled: !navigator.onLine, onClick: () => void sendHere(d).then(answer) }, tr('new.sendNow')),
            h('button', { type: 'button', class: 'btn btn-ghost btn-small', 'data-testid': 'outbox-discard', onClick: () => void discard(d.client_id).then(renderOutbox) }, tr('new.discard')),
          ),
        ),
      ),
    );
  }
  // A draft of this page sent by the outbox when the network came back: show its answer here.
  const unsubscribe = onOutcome((outcome) => {
    if (signal.aborted || sendingHere.has(outcome.draft.client_id)) return;
    if (outcome.kind !== 'offline' && !result.hidden && result.querySelector('[data-testid="report-queued"]')) answer(outcome);
    else {
      // A waiting draft the rider had already reported leaves the outbox: say so.
      if (outcome.kind === 'already') toast(tr('new.alreadyOutbox', { id: outcome.of.id }));
      void renderOutbox();
    }
  });
  signal.addEventListener('abort', unsubscribe);
  const online = (): void => void renderOutbox();
  window.addEventListener('online', online);
  window.addEventListener('offline', online);
  signal.addEventListener('abort', () => {
    window.removeEventListener('online', online);
    window.removeEventListener('offline', online);
  });

  renderCategories();
  renderPhotos();
  renderOrigin();
  void renderOutbox();
  void (async () => {
    try {
      if ('geolocation' in navigator && (await navigator.permissions.query({ name: 'geolocation' })).state === 'granted') await useGps(false);
    } catch {
      // No permissions API: wait for the button.
    }
  })();

  return h(
    'form',
    {
      class: 'page rn',
      novalidate: true,
      'data-testid': 'report-page',
      onSubmit: (event: Event) => {
        event.preventDefault();
        void send();
      },
    },
    h('div', { class: 'rn-top' }, h('div', null, h('h1', { 'data-testid': 'report-title' }, tr('new.title')), h('p', { class: 'muted' }, tr('new.subtitle'))), h('a', { class: 'btn btn-link', href: '#/reports/mine', 'data-testid': 'report-mine-link' }, tr('new.mine'))),
    gridReporterBadge('note', signal),
    outboxBox,
    h('section', { class: 'rn-block' }, h('h2', { class: 'rn-label' }, tr('new.category')), categoryGrid, difficultyRow, compoundHint, slaHint),
    h('section', { class: 'rn-block' }, h('h2', { class: 'rn-label' }, tr('new.photos')), photoGrid, addButton, photoError, h('p', { class: 'rn-hint' }, tr('new.photoHint', { max: MAX_PHOTOS }))),
    h('section', { class: 'rn-block' }, h('h2', { class: 'rn-label' }, tr('new.location')), originRow, locationNote, mapBox, h('label', { class: 'rn-field' }, h('span', null, tr('new.address')), address)),
    h('section', { class: 'rn-block' }, h('label', { class: 'rn-field' }, h('span', { class: 'rn-label' }, tr('new.description')), description, counter)),
    problem,
    result,
    h('div', { class: 'rn-bar' }, sendButton),
  );
}
