/**
 * #/gate — 扫码核验 for guards and property managers. Three ways in: the camera (getUserMedia +
 * jsQR), a focused field a USB or handheld scanner types into (Enter submits), and manual paste.
 * Online the server decides (POST /gate/verify); offline the gate decides from the data it synced
 * (GET /gate/sync every 20 s) and queues the scan for POST /gate/events.
 */

import * as accountsApi from '../accounts/api';
import * as api from './api';
import { ApiError, isAbort } from '../shell/api';
import { h, icon, replace } from '../shell/dom';
import { formatTime, kindLabel } from '../shell/format';
import { getLang, t } from '../shell/i18n';
import { icons } from '../shell/icons';
import { qrCamera } from '../shell/qr-camera';
import { scanField } from '../shell/scan-field';
import { EventQueue, randomEventId } from './queue';
import { reasonFor } from './reasons';
import { mergeSync, type DropOffPoint, type Gate, type GateData } from './sync';
import { verifyOffline, type Direction } from './verify';
import type { Account, GateEventRow, InsideResponse, VerifyResponse } from '../shell/types';
import { badge, card, errorMessageOf, initialsAvatar, photoAvatar, section } from '../shell/ui';
import { tpass, tpassMaybe } from './messages';
import { keypadDigits, SHORT_CODE_LENGTH } from './short-code';
import './passes-forms.css';

const SYNC_MS = 20_000;

interface Shown {
  allowed: boolean;
  code: string;
  reason: string;
  worker: { id: number; name: string; platform: string; kind?: string; photo_url?: string | null } | null;
  dropOff: DropOffPoint[] | null;
  offline: boolean;
  direction: Direction;
  flag?: string | null;
}

function storage(): Storage {
  return localStorage;
}

const dataKey = (compound: string): string => `youhao.gate.data.${compound}`;

function loadData(compound: string): GateData | null {
  try {
    const text = storage().getItem(dataKey(compound));
    return text ? (JSON.parse(text) as GateData) : null;
  } catch {
    return null;
  }
}

function saveData(data: GateData): void {
  try {
    storage().setItem(dataKey(data.compound.code), JSON.stringify(data));
  } catch {
    // Storage full or disabled: the gate still works online.
  }
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** A short label for a verification code in the event list (the full reason is on the result panel). */
function shortCode(code: string): string {
  const worded = tpassMaybe(`code.${code}`, '') || tpassMaybe(`gate.tag.${code}`, '');
  if (worded) return worded;
  const reason = reasonFor(code, {}, getLang());
  // An error code with no words of its own (rate_limited …): the full sentence is on the panel.
  return reason === code ? tpass('gate.tag.other') : reason.replace(/[（(：:].*$/, '');
}

export function gatePage(account: Account, signal: AbortSignal): HTMLElement {
  const compound = account.area.code;
  const queue = new EventQueue(storage());
  let data = loadData(compound);
  let gates: Gate[] = data?.gates ?? [];
  let gateId = Number(storage().getItem('youhao.gate.gate') ?? 0) || 0;
  let direction: Direction = 'in';
  let lastSyncError: string | null = null;

  // ---- status bar: online, last sync, queue ------------------------------------------------
  const netBadge = h('span', { class: 'gate-net', 'data-testid': 'gate-net' });
  const syncText = h('span', { class: 'gate-sync-text', 'data-testid': 'gate-sync-text' });
  const queueCount = h('span', { class: 'gate-queue', 'data-testid': 'gate-queue-count' });
  const syncButton = h('button', { type: 'button', class: 'btn btn-ghost btn-small', 'data-testid': 'gate-sync', onClick: () => void syncNow(true) }, icon(icons.refresh), h('span', null, tpass('gate.syncNow')));
  const updateStatus = (): void => {
    const online = navigator.onLine;
    netBadge.className = `gate-net ${online ? 'is-online' : 'is-offline'}`;
    netBadge.textContent = online ? tpass('gate.online') : tpass('gate.offline');
    syncText.textContent = lastSyncError
      ? tpass('gate.syncFailed', { error: lastSyncError })
      : data
        ? tpass('gate.syncedAt', { time: new Date(data.synced_at * 1000).toLocaleTimeString(getLang() === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false }) })
        : tpass('gate.neverSynced');
    const n = queue.size;
    queueCount.textContent = tpass('gate.queued', { count: n });
    queueCount.dataset.count = String(n);
    queueCount.classList.toggle('has-items', n > 0);
  };

  // ---- gate selector and direction ---------------------------------------------------------
  const gateSelect = h('select', { class: 'input gate-select', 'aria-label': tpass('gate.gate'), 'data-testid': 'gate-select' });
  const fillGates = (): void => {
    const chosen = gates.find((g) => g.id === gateId) ?? gates.find((g) => g.workers_allowed) ?? gates[0];
    gateId = chosen?.id ?? 0;
    replace(
      gateSelect,
      gates.length === 0
        ? h('option', { value: '' }, tpass('gate.noGates'))
        : gates.map((g) => h('option', { value: String(g.id), selected: g.id === gateId }, `${g.name}${g.green_lane ? ` · ${tpass('gate.greenLane')}` : ''}${g.workers_allowed ? '' : ` · ${tpass('gate.noWorkers')}`}`)),
    );
  };
  gateSelect.addEventListener('change', () => {
    gateId = Number(gateSelect.value);
    storage().setItem('youhao.gate.gate', String(gateId));
    recent.refresh();
  });
  fillGates();

  const dirButtons = (['in', 'out'] as const).map((d) =>
    h(
      'button',
      {
        type: 'button',
        class: 'seg',
        'aria-pressed': String(d === direction),
        'data-testid': `gate-dir-${d}`,
        onClick: () => {
          direction = d;
          for (const b of dirButtons) b.setAttribute('aria-pressed', String(b.dataset.dir === d));
          focusScanner();
        },
        'data-dir': d,
      },
      tpass(d === 'in' ? 'gate.in' : 'gate.out'),
    ),
  );

  // ---- result panel ------------------------------------------------------------------------
  const overlay = h('div', { class: 'gate-result', hidden: true, 'data-testid': 'gate-result', role: 'alertdialog', 'aria-live': 'assertive', tabindex: '-1' });
  let overlayTimer = 0;
  const closeResult = (): void => {
    window.clearTimeout(overlayTimer);
    overlay.hidden = true;
    overlay.removeAttribute('data-code');
    focusScanner();
  };
  overlay.addEventListener('click', closeResult);
  const showResult = (shown: Shown, started: number): void => {
    const points = shown.dropOff && shown.dropOff.length ? shown.dropOff : null;
    replace(
      overlay,
      h(
        'div',
        { class: 'result-inner' },
        h('div', { class: 'result-verdict' }, h('span', { class: 'result-mark', 'aria-hidden': 'true' }, shown.allowed ? '✓' : '✕'), h('span', { 'data-testid': 'gate-verdict' }, tpass(shown.allowed ? 'gate.pass' : 'gate.refuse'))),
        shown.worker
          ? h(
              'div',
              { class: 'result-worker' },
              photoAvatar(shown.offline || !navigator.onLine ? null : shown.worker.photo_url || accountsApi.workerPhotoUrl(shown.worker.id), shown.worker.name, 'result-photo'),
              h('div', { class: 'result-who' }, h('strong', { 'data-testid': 'gate-worker-name' }, shown.worker.name), h('span', null, [shown.worker.platform, shown.worker.kind ? kindLabel(shown.worker.kind) : ''].filter(Boolean).join(' · '))),
            )
          : null,
        h('p', { class: 'result-reason', 'data-testid': 'gate-reason' }, shown.reason),
        points
          ? h(
              'ul',
              { class: 'result-dropoff', 'data-testid': 'gate-dropoff' },
              points.map((p) => h('li', null, icon(icons.box), h('span', null, h('b', null, p.name), p.description ? ` ${p.description}` : ''))),
            )
          : null,
        h(
          'div',
          { class: 'result-tags' },
          h('span', { class: 'result-tag' }, tpass(shown.direction === 'in' ? 'gate.in' : 'gate.out')),
          shown.offline ? h('span', { class: 'result-tag', 'data-testid': 'gate-offline-tag' }, tpass('gate.offlineDecided')) : null,
          shown.flag ? h('span', { class: 'result-tag result-flag', title: shown.flag }, tpass('gate.flagged')) : null,
          h('span', { class: 'result-tag', 'data-testid': 'gate-result-code', 'data-code': shown.code }, shortCode(shown.code)),
        ),
        h('button', { type: 'button', class: 'btn result-close', 'data-testid': 'gate-result-close' }, tpass('gate.next')),
      ),
    );
    overlay.className = `gate-result ${shown.allowed ? 'result-ok' : 'result-bad'}`;
    overlay.dataset.code = shown.code;
    overlay.dataset.allowed = String(shown.allowed);
    overlay.dataset.offline = String(shown.offline);
    overlay.dataset.ms = String(Math.round(performance.now() - started));
    overlay.hidden = false;
    window.clearTimeout(overlayTimer);
    overlayTimer = window.setTimeout(closeResult, shown.allowed ? 3000 : 7000);
  };

  // ---- verification ------------------------------------------------------------------------
  let busy = false;
  const verifyLocally = (text: string, started: number): void => {
    if (!data) {
      showResult({ allowed: false, code: 'no_data', reason: tpass('gate.noData'), worker: null, dropOff: null, offline: true, direction }, started);
      return;
    }
    const result = verifyOffline(text, { data, gateId, direction, now: nowSeconds() + data.skew, lang: getLang() });
    showResult({ allowed: result.allowed, code: result.code, reason: result.reason, worker: result.worker, dropOff: result.drop_off_points, offline: true, direction }, started);
    if (result.worker && result.pass_id !== null) {
      queue.add({
        client_event_id: randomEventId(),
        compound,
        gate: gateId,
        worker_id: result.worker.id,
        pass_id: result.pass_id,
        direction,
        at: nowSeconds() + Math.round(data.skew),
        allowed: result.allowed,
        code: result.code,
        scanned: text,
        name: result.worker.name,
      });
      updateStatus();
      renderEvents(lastEvents);
    }
  };

  /** The server's decision on the result panel, as for every online check. */
  const showAnswer = (answer: VerifyResponse, started: number): void => {
    const reason = getLang() === 'zh' || !answer.code ? answer.reason : reasonFor(answer.code, { openingHours: data?.plan.opening_hours, dropOffPoints: answer.drop_off_points ?? [] }, 'en');
    showResult({ allowed: answer.allowed, code: answer.code, reason, worker: answer.worker, dropOff: answer.drop_off_points, offline: false, direction, flag: answer.flag ?? null }, started);
    if (answer.worker && data) {
      data.worker_status[String(answer.worker.id)] = answer.worker.status;
      saveData(data);
    }
    void flushQueue();
    recent.refresh();
  };

  const handleCode = async (raw: string): Promise<void> => {
    const text = raw.replace(/[\r\n]+/g, '').trim();
    if (!text || busy) return;
    busy = true;
    const started = performance.now();
    try {
      if (navigator.onLine) {
        let answer: VerifyResponse | null = null;
        try {
          answer = await api.gateVerify({ compound, gate: gateId, code: text, direction });
        } catch (error) {
          if (!(error instanceof ApiError) || (error.status !== 0 && error.status < 500)) {
            showResult({ allowed: false, code: (error as ApiError).code ?? 'error', reason: errorMessageOf(error), worker: null, dropOff: null, offline: false, direction }, started);
            return;
          }
        }
        if (answer) {
          showAnswer(answer, started);
          return;
        }
      }
      verifyLocally(text, started);
    } finally {
      busy = false;
    }
  };

  // ---- scanner field and manual paste --------------------------------------------------------
  const { scanner, manualBox } = scanField({
    testId: 'gate',
    words: { scanner: tpass('gate.scanner'), scannerPlaceholder: tpass('gate.scannerPlaceholder'), manual: tpass('gate.manual'), manualPlaceholder: tpass('gate.manualPlaceholder'), submit: tpass('gate.verify') },
    onText: (text) => void handleCode(text),
  });
  const focusScanner = (): void => {
    if (!keypad.hidden) return;
    const active = document.activeElement;
    if (active && active !== document.body && active !== scanner && (active instanceof HTMLTextAreaElement || active instanceof HTMLSelectElement)) return;
    scanner.focus({ preventScroll: true });
  };

  // ---- digit code: a big keypad for a gate without a camera or scanner (checked online) ------
  let typed = '';
  const codeDisplay = h('div', { class: 'keypad-display', 'data-testid': 'gate-code-display', 'aria-live': 'polite' });
  const codeMessage = h('p', { class: 'keypad-message', role: 'alert', hidden: true, 'data-testid': 'gate-code-message' });
  const codeSubmit: HTMLButtonElement = h('button', { type: 'button', class: 'btn btn-primary keypad-submit', disabled: true, 'data-testid': 'gate-code-submit', onClick: () => void submitDigits() }, tpass('gate.verify'));
  const renderTyped = (): void => {
    codeDisplay.dataset.digits = typed;
    const slots = Array.from({ length: SHORT_CODE_LENGTH }, (_, i) => h('span', { class: `keypad-slot${i < typed.length ? ' is-filled' : ''}${i === 4 || i === 7 ? ' is-group' : ''}` }, typed[i] ?? ''));
    replace(codeDisplay, slots);
    codeSubmit.disabled = typed.length !== SHORT_CODE_LENGTH || busy;
  };
  const showCodeMessage = (text: string | null): void => {
    codeMessage.hidden = !text;
    codeMessage.textContent = text ?? '';
  };
  const press = (key: string): void => {
    if (key === 'back') typed = typed.slice(0, -1);
    else if (key === 'clear') typed = '';
    else typed = keypadDigits(typed + key);
    showCodeMessage(null);
    renderTyped();
  };
  const submitDigits = async (): Promise<void> => {
    if (typed.length !== SHORT_CODE_LENGTH || busy) return;
    if (!navigator.onLine) {
      showCodeMessage(tpass('gate.codeNeedsOnline'));
      return;
    }
    busy = true;
    codeSubmit.disabled = true;
    const started = performance.now();
    try {
      const answer = await api.gateVerify({ compound, gate: gateId, code: typed, direction });
      typed = '';
      showCodeMessage(null);
      showAnswer(answer, started);
    } catch (error) {
      // A wrong code, too many of them, or no network: said on the keypad, the digits kept to correct.
      const reachable = error instanceof ApiError && error.status !== 0 && error.status < 500;
      // The server words digit-code refusals (wrong, too many, ambiguous) for this very keypad.
      const worded = error instanceof ApiError && (error.code?.startsWith('short_code') || error.code === 'rate_limited') ? error.detail : null;
      showCodeMessage(reachable ? worded || errorMessageOf(error) : tpass('gate.codeNeedsOnline'));
    } finally {
      busy = false;
      renderTyped();
    }
  };
  const keyButton = (key: string, label: string, extra = ''): HTMLButtonElement =>
    h('button', { type: 'button', class: `keypad-key${extra}`, 'data-testid': `gate-key-${key}`, 'aria-label': key === 'back' ? tpass('gate.keyBack') : key === 'clear' ? tpass('gate.keyClear') : label, onClick: () => press(key) }, label);
  const keypad = h(
    'div',
    { class: 'keypad', hidden: true, 'data-testid': 'gate-keypad' },
    h('p', { class: 'keypad-title' }, tpass('gate.codeTitle')),
    codeDisplay,
    h('p', { class: 'hint keypad-hint' }, tpass('gate.codeHint')),
    codeMessage,
    h(
      'div',
      { class: 'keypad-grid' },
      ['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => keyButton(d, d)),
      keyButton('clear', tpass('gate.keyClear'), ' keypad-key-small'),
      keyButton('0', '0'),
      keyButton('back', '⌫', ' keypad-key-small'),
    ),
    codeSubmit,
  );
  const onKeypadKey = (event: KeyboardEvent): void => {
    const target = event.target;
    if (keypad.hidden || !overlay.hidden || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return;
    if (/^[0-9]$/.test(event.key)) press(event.key);
    else if (event.key === 'Backspace') press('back');
    else if (event.key === 'Enter') void submitDigits();
    else if (event.key === 'Escape') toggleKeypad(false);
    else return;
    event.preventDefault();
  };
  window.addEventListener('keydown', onKeypadKey);
  signal.addEventListener('abort', () => window.removeEventListener('keydown', onKeypadKey));
  const toggleKeypad = (open: boolean): void => {
    keypad.hidden = !open;
    keypadButton.setAttribute('aria-expanded', String(open));
    keypadButton.textContent = tpass(open ? 'gate.codeClose' : 'gate.codeOpen');
    if (open) {
      if (document.activeElement instanceof HTMLElement && document.activeElement !== document.body) document.activeElement.blur();
      showCodeMessage(navigator.onLine ? null : tpass('gate.codeNeedsOnline'));
      renderTyped();
      keypad.scrollIntoView({ block: 'nearest' });
    } else focusScanner();
  };
  const keypadButton: HTMLButtonElement = h('button', { type: 'button', class: 'btn btn-secondary camera-button', 'aria-expanded': 'false', 'data-testid': 'gate-code-open', onClick: () => toggleKeypad(keypad.hidden) }, tpass('gate.codeOpen'));
  renderTyped();

  // ---- camera ------------------------------------------------------------------------------
  const camera = qrCamera({
    testId: 'gate',
    words: { start: tpass('gate.cameraStart'), stop: tpass('gate.cameraStop'), off: tpass('gate.cameraOff'), unsupported: tpass('gate.cameraUnsupported'), denied: (error) => tpass('gate.cameraDenied', { error }) },
    onText: (text) => void handleCode(text),
    signal,
    paused: () => !overlay.hidden || busy,
    onSwitch: (on) => storage().setItem('youhao.gate.camera', on ? '1' : '0'),
    throttleMs: 120,
    buttonClass: 'btn btn-secondary camera-button',
  });

  // ---- 小区守卫: who is inside, recent events ------------------------------------------------
  const insideBody = h('div', { class: 'card list-card', 'data-testid': 'gate-inside' });
  const eventsBody = h('div', { class: 'card list-card', 'data-testid': 'gate-events' });
  const insideCount = h('span', { class: 'section-count' });
  let lastInside: InsideResponse | null = null;
  const renderInside = (inside: InsideResponse | null, stale: boolean): void => {
    if (!inside) {
      replace(insideBody, h('div', { class: 'empty' }, stale ? tpass('gate.insideOffline') : t('common.loading')));
      return;
    }
    insideCount.textContent = tpass('gate.insideCount', { count: inside.items.length });
    replace(
      insideBody,
      stale ? h('p', { class: 'hint stale-note' }, tpass('gate.staleList')) : null,
      inside.items.length === 0
        ? h('div', { class: 'empty' }, tpass('gate.nobodyInside'))
        : h(
            'ul',
            { class: 'inside-list' },
            inside.items.map((item) =>
              h(
                'li',
                { class: `inside-item${item.overstay ? ' is-overstay' : ''}`, 'data-worker-id': item.worker_id },
                initialsAvatar(item.name, 'avatar avatar-sm'),
                h('div', { class: 'inside-who' }, h('strong', null, item.name), h('span', { class: 'muted' }, `${item.platform} · ${tpass('gate.since', { time: formatTime(item.since).slice(11) })}`)),
                h('div', { class: 'inside-time' }, h('b', null, tpass('gate.minutes', { minutes: item.minutes })), item.overstay ? badge(tpass('gate.overstay'), 'bad', 'overstay') : null),
              ),
            ),
          ),
      h('p', { class: 'hint' }, tpass('gate.maxStay', { minutes: inside.max_stay_minutes })),
    );
  };
  const gateName = (id: unknown): string => gates.find((g) => String(g.id) === String(id))?.name ?? (id == null ? '' : String(id));
  const renderEvents = (rows: GateEventRow[] | null): void => {
    const queued = queue.list().slice().reverse();
    const items: HTMLElement[] = queued.map((e) =>
      h(
        'li',
        { class: `event-item ${e.allowed ? 'is-ok' : 'is-bad'}`, 'data-testid': 'queued-event' },
        h('span', { class: 'event-dot' }),
        h('div', { class: 'event-main' }, h('strong', null, e.name ?? `#${e.worker_id}`), h('span', { class: 'muted' }, `${gateName(e.gate)} · ${tpass(e.direction === 'in' ? 'gate.in' : 'gate.out')} · ${shortCode(e.code)}`)),
        h('div', { class: 'event-side' }, h('span', { class: 'mono' }, formatTime(e.at).slice(11)), badge(tpass('gate.pendingUpload'), 'warn')),
      ),
    );
    for (const row of rows ?? []) {
      const name = row.name || row.worker_name || (row.worker_id != null ? `#${row.worker_id}` : tpass('gate.unknownWorker'));
      items.push(
        h(
          'li',
          { class: `event-item ${row.allowed ? 'is-ok' : 'is-bad'}`, 'data-code': row.code },
          h('span', { class: 'event-dot' }),
          h('div', { class: 'event-main' }, h('strong', null, name), h('span', { class: 'muted' }, [row.gate_name ?? gateName(row.gate_id ?? row.gate), tpass(row.direction === 'out' ? 'gate.out' : 'gate.in'), shortCode(row.code)].filter(Boolean).join(' · '))),
          h('div', { class: 'event-side' }, h('span', { class: 'mono' }, formatTime(row.at).slice(11)), row.offline || row.source === 'offline' ? badge(tpass('gate.offlineShort'), 'muted') : null, row.evidence === 'unverified' && row.source === 'offline' ? badge(tpass('gate.unverified'), 'warn', 'event-unverified') : null, row.flag ? badge(tpass('gate.flagged'), 'bad') : null),
        ),
      );
    }
    replace(eventsBody, items.length ? h('ul', { class: 'event-list' }, items.slice(0, 30)) : h('div', { class: 'empty' }, rows === null ? tpass('gate.eventsOffline') : tpass('gate.noEvents')));
  };
  const recent = {
    timer: 0,
    refresh(): void {
      window.clearTimeout(this.timer);
      this.timer = window.setTimeout(() => void loadLists(), 150);
    },
  };
  let lastEvents: GateEventRow[] | null = null;
  const loadLists = async (): Promise<void> => {
    if (!navigator.onLine) {
      renderInside(lastInside, true);
      renderEvents(lastEvents);
      return;
    }
    const [inside, events] = await Promise.allSettled([api.gateInside(compound, signal), api.gateEvents(compound, 30, signal)]);
    if (signal.aborted) return;
    if (inside.status === 'fulfilled') lastInside = inside.value;
    if (events.status === 'fulfilled') lastEvents = events.value.items;
    renderInside(lastInside, inside.status !== 'fulfilled');
    renderEvents(lastEvents);
  };

  // ---- sync and queue upload -----------------------------------------------------------------
  let syncing: Promise<void> | null = null;
  const flushQueue = async (): Promise<void> => {
    if (!navigator.onLine || queue.size === 0) return;
    try {
      await queue.flush((events) => api.uploadGateEvents(events));
    } catch {
      // Stays queued; the next sync tries again.
    }
    updateStatus();
    recent.refresh();
  };
  const syncNow = (manualClick = false): Promise<void> => {
    if (syncing) return syncing;
    syncing = (async () => {
      if (!navigator.onLine) {
        updateStatus();
        return;
      }
      try {
        const answer = await api.gateSync(compound, data?.cursor ?? null, signal);
        data = mergeSync(data, answer, Date.now() / 1000);
        saveData(data);
        lastSyncError = null;
        if (answer.gates.length) {
          gates = answer.gates;
          fillGates();
        }
      } catch (error) {
        if (isAbort(error)) return;
        lastSyncError = errorMessageOf(error);
      }
      await flushQueue();
      if (manualClick) recent.refresh();
      updateStatus();
    })().finally(() => (syncing = null));
    return syncing;
  };
  const syncTimer = window.setInterval(() => {
    void syncNow();
    recent.refresh();
  }, SYNC_MS);
  const onOnline = (): void => {
    updateStatus();
    void syncNow(true);
  };
  const onOffline = (): void => updateStatus();
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  signal.addEventListener('abort', () => {
    window.clearInterval(syncTimer);
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
    window.clearTimeout(overlayTimer);
    overlay.remove();
  });

  // The gate selector: GET /compounds/{code}/gates when online (the sync brings the same list, and
  // the cached copy serves offline).
  if (navigator.onLine) {
    api.compoundGates(compound, signal).then(
      (answer) => {
        if (answer.items.length) {
          gates = answer.items;
          fillGates();
        }
      },
      () => undefined,
    );
  }
  void syncNow().then(() => void loadLists());
  updateStatus();
  renderInside(null, !navigator.onLine);
  renderEvents(null);
  if (storage().getItem('youhao.gate.camera') === '1') void camera.start();
  requestAnimationFrame(focusScanner);
  document.body.appendChild(overlay);

  const scanCard = card(
    [
      h('div', { class: 'gate-controls' }, h('label', { class: 'gate-field' }, h('span', { class: 'label-sm' }, tpass('gate.gate')), gateSelect), h('div', { class: 'gate-field' }, h('span', { class: 'label-sm' }, tpass('gate.direction')), h('div', { class: 'segmented', role: 'group' }, dirButtons))),
      h('label', { class: 'label-sm', for: 'gate-scanner' }, tpass('gate.scanner')),
      scanner,
      camera.box,
      h('div', { class: 'camera-actions' }, camera.button, keypadButton),
      keypad,
      manualBox,
    ],
    'gate-scan-card',
  );
  scanner.id = 'gate-scanner';

  return h(
    'div',
    { class: 'page page-gate', 'data-testid': 'gate-page', 'data-compound': compound },
    h(
      'div',
      { class: 'gate-status' },
      h('div', { class: 'gate-title' }, h('h1', null, t('tile.scan')), h('span', { class: 'muted' }, data?.compound.name_zh ?? account.area.name_zh)),
      h('div', { class: 'gate-status-row' }, netBadge, syncText, queueCount, syncButton),
    ),
    h(
      'div',
      { class: 'gate-grid' },
      h('div', { class: 'gate-left' }, scanCard),
      h(
        'div',
        { class: 'gate-right' },
        section(tpass('gate.guard'), insideBody, { testid: 'gate-guard', actions: insideCount }),
        section(tpass('gate.recent'), eventsBody, { testid: 'gate-recent' }),
      ),
    ),
  );
}

