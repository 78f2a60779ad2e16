/**
 * #/events/ID/door — 入场扫码 for an event's organisers: the gate's scanner screen (camera, handheld
 * scanner field, manual entry) working offline first. Each scan gets a nonce and its real time,
 * is queued on the device and answered at once from the roster synced last (registered or not,
 * by the worker id the pass carries); the queue is uploaded in batches when online, on the 同步
 * button and every 20 s. The counter says 已签到 N / 待同步 M; 签入 / 签出 switches direction.
 */

import { h, icon, replace } from '../shell/dom';
import { formatTime, kindLabel } from '../shell/format';
import { icons } from '../shell/icons';
import { qrCamera } from '../shell/qr-camera';
import { scanField } from '../shell/scan-field';
import type { Account } from '../shell/types';
import { badge, card, errorMessageOf, section } from '../shell/ui';
import * as api from './api';
import { reasonText, tdoor } from './messages';
import { admitted, DoorQueue, isTypedCode, localVerdict, randomNonce, type LoggedScan } from './queue';
import './door.css';

const SYNC_MS = 20_000;

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

const titleKey = (eventId: number): string => `youhao.door.title.${eventId}`;

function stateTone(entry: LoggedScan): 'ok' | 'warn' | 'bad' | 'muted' {
  if (entry.state === 'verified') return 'ok';
  if (entry.state === 'refused') return 'bad';
  if (entry.state === 'queued') return admitted(entry.local) ? 'muted' : 'warn';
  return 'warn';
}

export function doorPage(_account: Account, eventId: number, signal: AbortSignal): HTMLElement {
  const queue = new DoorQueue(localStorage, eventId);
  let direction: 'in' | 'out' = 'in';
  let syncError: string | null = null;
  let syncing = false;

  // ---- status: network, counter, sync ------------------------------------------------------
  const title = h('h1', { 'data-testid': 'door-title' }, localStorage.getItem(titleKey(eventId)) ?? tdoor('door.title'));
  const netBadge = h('span', { class: 'gate-net', 'data-testid': 'door-net' });
  const counter = h('strong', { class: 'door-counter', 'data-testid': 'door-counter', 'aria-live': 'polite' });
  const syncText = h('span', { class: 'door-sync-text muted', 'data-testid': 'door-sync-text' });
  const syncLabel = h('span', null, tdoor('door.sync'));
  const syncButton = h('button', { type: 'button', class: 'btn btn-primary door-sync', 'data-testid': 'door-sync', onClick: () => void syncNow() }, icon(icons.refresh), syncLabel);
  const updateStatus = (): void => {
    const online = navigator.onLine;
    netBadge.className = `gate-net ${online ? 'is-online' : 'is-offline'}`;
    netBadge.textContent = tdoor(online ? 'door.online' : 'door.offline');
    const pending = queue.pending().length;
    const checkedIn = queue.checkedIn();
    counter.textContent = tdoor('door.counter', { in: checkedIn, pending });
    counter.dataset.in = String(checkedIn);
    counter.dataset.pending = String(pending);
    counter.classList.toggle('has-pending', pending > 0);
    syncButton.disabled = syncing;
    syncLabel.textContent = tdoor(syncing ? 'door.syncing' : 'door.sync');
    const roster = queue.roster();
    syncText.textContent = syncError
      ? tdoor('door.syncFailed', { error: syncError })
      : roster && roster.synced_at > 0
        ? tdoor('door.rosterAt', { time: formatTime(roster.synced_at) })
        : tdoor('door.noRoster');
  };

  // ---- direction ---------------------------------------------------------------------------
  const dirButtons = (['in', 'out'] as const).map((d) =>
    h(
      'button',
      {
        type: 'button',
        class: 'seg door-seg',
        'aria-pressed': String(d === direction),
        'data-testid': `door-dir-${d}`,
        'data-dir': d,
        onClick: () => {
          direction = d;
          for (const b of dirButtons) b.setAttribute('aria-pressed', String(b.dataset.dir === d));
          scanner.focus({ preventScroll: true });
        },
      },
      tdoor(d === 'in' ? 'door.in' : 'door.out'),
    ),
  );

  // ---- the last scan's verdict -------------------------------------------------------------
  const result = h('div', { class: 'door-result', hidden: true, 'data-testid': 'door-result', role: 'status', 'aria-live': 'assertive' });
  const showResult = (entry: LoggedScan): void => {
    const ok = admitted(entry.local) && entry.state !== 'refused';
    result.className = `door-result ${ok ? 'is-ok' : 'is-bad'}`;
    result.dataset.verdict = entry.local;
    replace(
      result,
      h('span', { class: 'door-mark', 'aria-hidden': 'true' }, ok ? '✓' : '✕'),
      h(
        'div',
        { class: 'door-who' },
        h('strong', { 'data-testid': 'door-result-name' }, entry.name),
        h('span', { 'data-testid': 'door-result-words' }, tdoor(`local.${entry.local}`)),
        h('span', { class: 'muted' }, `${tdoor(entry.direction === 'in' ? 'door.in' : 'door.out')} · ${formatTime(entry.scanned_at)}`),
      ),
    );
    result.hidden = false;
  };

  // ---- this device's scans -----------------------------------------------------------------
  const logBody = h('ul', { class: 'door-log', 'data-testid': 'door-log' });
  const renderLog = (): void => {
    const log = queue.log();
    if (log.length === 0) {
      replace(logBody, h('li', { class: 'muted door-empty' }, tdoor('door.recentEmpty')));
      return;
    }
    replace(
      logBody,
      log.slice(0, 50).map((entry) =>
        h(
          'li',
          { class: 'door-log-row', 'data-nonce': entry.nonce, 'data-state': entry.state, 'data-testid': 'door-log-row' },
          h('div', { class: 'door-log-who' }, h('strong', null, entry.name), h('span', { class: 'muted' }, `${tdoor(entry.direction === 'in' ? 'door.in' : 'door.out')} · ${formatTime(entry.scanned_at)}`)),
          h(
            'div',
            { class: 'door-log-tags' },
            entry.walk_in ? badge(tdoor('door.walkInTag'), 'warn') : null,
            badge(tdoor(`state.${entry.state}`), stateTone(entry)),
            entry.reason ? h('span', { class: 'door-reason' }, reasonText(entry.reason)) : null,
          ),
        ),
      ),
    );
  };

  // ---- the attendance list (online) --------------------------------------------------------
  const attendanceCounts = h('p', { class: 'muted', 'data-testid': 'door-attendance-counts' });
  const attendanceBody = h('ul', { class: 'door-attendance', 'data-testid': 'door-attendance' });
  const renderAttendance = (list: api.Attendance | null): void => {
    if (!list) {
      attendanceCounts.textContent = '';
      replace(attendanceBody, h('li', { class: 'muted door-empty' }, tdoor('door.attendanceOffline')));
      return;
    }
    attendanceCounts.textContent = tdoor('door.attendanceCounts', list.counts);
    if (list.items.length === 0) {
      replace(attendanceBody, h('li', { class: 'muted door-empty' }, tdoor('door.attendanceEmpty')));
      return;
    }
    replace(
      attendanceBody,
      list.items.map((item) =>
        h(
          'li',
          { class: 'door-attendee', 'data-worker-id': String(item.worker.id), 'data-evidence': item.evidence, 'data-testid': 'door-attendee' },
          h('div', { class: 'door-log-who' }, h('strong', null, item.worker.name), h('span', { class: 'muted' }, [item.worker.platform, kindLabel(item.worker.kind), item.worker.phone_masked].filter(Boolean).join(' · '))),
          h(
            'div',
            { class: 'door-log-tags' },
            item.walk_in ? badge(tdoor('door.walkInTag'), 'warn') : null,
            item.in_at !== null ? badge(tdoor('door.inAt', { time: formatTime(item.in_at) }), 'ok') : badge(tdoor(item.evidence === 'unverified' ? 'state.unverified' : 'door.notIn'), item.evidence === 'unverified' ? 'warn' : 'muted'),
            item.out_at !== null ? badge(tdoor('door.outAt', { time: formatTime(item.out_at) }), 'muted') : null,
          ),
        ),
      ),
    );
  };

  // ---- sync: upload the queue, then refresh the roster ---------------------------------------
  const syncNow = async (): Promise<void> => {
    if (syncing || signal.aborted) return;
    if (!navigator.onLine) {
      updateStatus();
      return;
    }
    syncing = true;
    updateStatus();
    try {
      await queue.flush((scans) => api.uploadCheckins(eventId, scans));
      const list = await api.attendance(eventId, signal);
      queue.setRoster({
        walk_ins: list.walk_ins_allowed,
        registered: list.items.filter((i) => i.registered).map((i) => i.worker.id),
        checked_in: list.items.filter((i) => i.evidence === 'verified').map((i) => i.worker.id),
        synced_at: nowSeconds(),
      });
      syncError = null;
      renderAttendance(list);
    } catch (error) {
      if (signal.aborted) return;
      syncError = errorMessageOf(error);
    } finally {
      syncing = false;
      if (!signal.aborted) {
        renderLog();
        updateStatus();
      }
    }
  };

  // ---- a scan: decided here at once, queued for the server -----------------------------------
  const handleCode = (raw: string, method: api.DoorScan['method']): void => {
    const text = raw.replace(/[\r\n]+/g, '').trim();
    if (!text) return;
    const code = isTypedCode(text) ? text.replace(/\s+/g, '') : text;
    const { verdict, holder } = localVerdict(code, direction, queue.roster());
    const scan: api.DoorScan = { nonce: randomNonce(), code, scanned_at: nowSeconds(), direction, method };
    const label = holder?.name ?? (isTypedCode(code) ? tdoor('door.typedName', { digits: code }) : tdoor('door.unknownWorker'));
    showResult(queue.record(scan, verdict, holder, label));
    renderLog();
    updateStatus();
    if (navigator.onLine) void syncNow();
  };

  const { scanner, manualBox } = scanField({
    testId: 'door',
    words: { scanner: tdoor('door.scanner'), scannerPlaceholder: tdoor('door.scannerPlaceholder'), manual: tdoor('door.manual'), manualPlaceholder: tdoor('door.manualPlaceholder'), submit: tdoor('door.submit') },
    onText: (text, source) => handleCode(text, source),
  });
  scanner.id = 'door-scanner';
  const camera = qrCamera({
    testId: 'door',
    words: { start: tdoor('door.cameraStart'), stop: tdoor('door.cameraStop'), off: tdoor('door.cameraOff'), unsupported: tdoor('door.cameraUnsupported'), denied: (error) => tdoor('door.cameraDenied', { error }) },
    onText: (text) => handleCode(text, 'camera'),
    signal,
    throttleMs: 120,
    buttonClass: 'btn btn-secondary camera-button',
  });

  // ---- wiring --------------------------------------------------------------------------------
  const onNetwork = (): void => {
    updateStatus();
    if (navigator.onLine) void syncNow();
  };
  window.addEventListener('online', onNetwork);
  window.addEventListener('offline', onNetwork);
  const timer = window.setInterval(() => void syncNow(), SYNC_MS);
  signal.addEventListener('abort', () => {
    window.removeEventListener('online', onNetwork);
    window.removeEventListener('offline', onNetwork);
    window.clearInterval(timer);
  });
  if (navigator.onLine) {
    api.eventTitle(eventId, signal).then(
      (text) => {
        title.textContent = text;
        localStorage.setItem(titleKey(eventId), text);
      },
      () => undefined,
    );
  }
  renderLog();
  renderAttendance(null);
  updateStatus();
  void syncNow();
  requestAnimationFrame(() => scanner.focus({ preventScroll: true }));

  return h(
    'div',
    { class: 'page page-door', 'data-testid': 'door-page', 'data-event': String(eventId) },
    h(
      'div',
      { class: 'gate-status door-status' },
      h('div', { class: 'gate-title' }, title, h('span', { class: 'muted' }, tdoor('door.title'))),
      h('div', { class: 'door-status-row' }, netBadge, counter, syncButton),
      syncText,
    ),
    card(
      [
        h('div', { class: 'segmented door-toggle', role: 'group', 'aria-label': tdoor('door.direction') }, dirButtons),
        result,
        h('label', { class: 'label-sm', for: 'door-scanner' }, tdoor('door.scanner')),
        scanner,
        camera.box,
        h('div', { class: 'door-actions' }, camera.button),
        manualBox,
      ],
      'door-scan-card',
    ),
    section(tdoor('door.recent'), logBody, { testid: 'door-recent' }),
    section(tdoor('door.attendance'), h('div', null, attendanceCounts, attendanceBody), {
      testid: 'door-attendance-section',
      actions: h('a', { class: 'btn btn-secondary', href: api.attendanceCsvUrl(eventId), download: `attendance-${eventId}.csv`, 'data-testid': 'door-export' }, tdoor('door.export')),
    }),
  );
}
