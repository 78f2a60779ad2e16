/**
 * #/pass — the worker's entry pass (进门码). On first open the phone makes an Ed25519 device key
 * (non-extractable, in WebCrypto, where the browser can: device-key.ts), asks the server for a
 * credential bound to it (POST /api/v1/passes) and keeps both in IndexedDB; from then on the QR for
 * the current 30-second window is signed on the phone, online or not.
 */

import * as accountsApi from '../accounts/api';
import * as api from './api';
import { ApiError, isAbort } from '../shell/api';
import { h, icon, replace } from '../shell/dom';
import { formatTime, kindLabel, statusLabel } from '../shell/format';
import { t } from '../shell/i18n';
import { icons } from '../shell/icons';
import { base64UrlDecode, base64UrlEncode } from './bytes';
import { deviceMessage, kindCode, parseCredential, payloadText, platformName, WINDOW_SECONDS, windowOf, type Credential } from './credential';
import { createDeviceKey, signWithDevice } from './device-key';
import { drawQr, qrMatrix } from './qr';
import { groupShortCode, shortCodeText } from './short-code';
import './passes-forms.css';
import { loadPass, savePass, type StoredPass } from './store';
import type { Account, MyWorker } from '../shell/types';
import { badge, card, errorBox, errorMessageOf, photoAvatar, skeletonLines, statusTone } from '../shell/ui';
import { tpass } from './messages';

/** Makes a new device key, has the server issue a credential for it, stores both. */
export async function issueNewPass(accountId: number): Promise<StoredPass> {
  const key = await createDeviceKey();
  const stored: StoredPass = {
    account_id: accountId,
    device: key.device,
    public_key: base64UrlEncode(key.publicKey),
    credential: null,
    pass_id: null,
    key_id: null,
    expires_at: null,
  };
  const issued = await api.issuePass(stored.public_key);
  const done = { ...stored, credential: issued.credential, pass_id: issued.pass_id, key_id: issued.key_id, expires_at: issued.expires_at, short_secret: issued.short_code_secret ?? null };
  await savePass(done);
  return done;
}

function usable(stored: StoredPass | null): stored is StoredPass & { credential: string; pass_id: number } {
  return !!stored?.credential && stored.pass_id != null;
}

export function passPage(account: Account, signal: AbortSignal): HTMLElement {
  const root = h('div', { class: 'page page-pass', 'data-testid': 'pass-page' }, skeletonLines(8));

  const load = async (): Promise<void> => {
    let stored = await loadPass(account.id);
    if (signal.aborted) return;
    let me: MyWorker | null = null;
    try {
      me = await accountsApi.myWorker(signal);
    } catch (error) {
      if (isAbort(error)) return;
      // Offline (or server away): a pass issued earlier still works.
      if (!(error instanceof ApiError && error.status === 0) || !usable(stored)) {
        replace(root, errorBox(error, () => void load()));
        return;
      }
    }
    if (signal.aborted) return;

    if (me && me.worker.status !== 'verified') {
      replace(root, notVerified(me));
      return;
    }
    const now = Date.now() / 1000;
    const stale = usable(stored) && me !== null && (me.pass === null || me.pass.pass_id !== stored.pass_id);
    const expired = usable(stored) && stored.expires_at !== null && stored.expires_at <= now;
    if (me && (!usable(stored) || expired)) {
      try {
        stored = await issueNewPass(account.id);
      } catch (error) {
        if (!isAbort(error)) replace(root, errorBox(error, () => void load()));
        return;
      }
    }
    if (!usable(stored)) {
      replace(root, card(h('p', { class: 'muted' }, tpass('pass.needOnline')), 'pass-message'));
      return;
    }
    if (signal.aborted) return;
    replace(root, livePass(account, stored, me, stale, signal, () => void load()));
  };
  void load();
  return root;
}

function notVerified(me: MyWorker): HTMLElement {
  const status = me.worker.status;
  return card(
    [
      h('div', { class: `pass-blocked-icon${status === 'pending' ? '' : ' is-bad'}` }, icon(status === 'pending' ? icons.shield : icons.alert)),
      h('h1', { class: 'pass-blocked-title' }, tpass(status === 'pending' ? 'pass.pendingTitle' : 'pass.blockedTitle')),
      badge(statusLabel(status), statusTone(status), 'pass-status'),
      h('p', { class: 'muted' }, tpass(status === 'pending' ? 'pass.pendingText' : 'pass.blockedText')),
      h('a', { class: 'btn btn-secondary', href: '#/home' }, t('notfound.back')),
    ],
    'pass-blocked',
  );
}

/** Seconds left in the current window, as a ring. */
function countdownRing(): { element: HTMLElement; update: (left: number) => void } {
  const r = 22;
  const length = 2 * Math.PI * r;
  const circle = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 52 52');
  svg.setAttribute('aria-hidden', 'true');
  const track = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
  for (const c of [track, circle]) {
    c.setAttribute('cx', '26');
    c.setAttribute('cy', '26');
    c.setAttribute('r', String(r));
    c.setAttribute('fill', 'none');
    c.setAttribute('stroke-width', '5');
  }
  track.setAttribute('class', 'ring-track');
  circle.setAttribute('class', 'ring-bar');
  circle.setAttribute('stroke-dasharray', String(length));
  circle.setAttribute('transform', 'rotate(-90 26 26)');
  svg.append(track, circle);
  const number = h('span', { class: 'ring-number', 'data-testid': 'pass-countdown' });
  const element = h('div', { class: 'ring', role: 'timer' }, svg as unknown as HTMLElement, number);
  return {
    element,
    update: (left) => {
      circle.setAttribute('stroke-dashoffset', String(length * (1 - left / WINDOW_SECONDS)));
      number.textContent = String(left);
      element.classList.toggle('ring-low', left <= 5);
    },
  };
}

function livePass(account: Account, stored: StoredPass & { credential: string; pass_id: number }, me: MyWorker | null, stale: boolean, signal: AbortSignal, reload: () => void): HTMLElement {
  let credential: Credential;
  let credentialBytes: Uint8Array;
  try {
    credentialBytes = base64UrlDecode(stored.credential);
    credential = parseCredential(credentialBytes);
  } catch (error) {
    return errorBox(error);
  }
  const platform = me?.worker.platform ?? platformName(credential.platformIndex);
  const kind = kindLabel(me?.worker.kind ?? kindCode(credential.kindIndex));

  const canvas = h('canvas', { class: 'qr-canvas', role: 'img', 'aria-label': tpass('pass.qrLabel') });
  let digitSecret: Uint8Array | null = null;
  try {
    digitSecret = stored.short_secret ? base64UrlDecode(stored.short_secret) : null;
  } catch {
    digitSecret = null;
  }
  const digitCode = h('div', { class: 'pass-digit-code', 'data-testid': 'pass-digit-code', 'aria-live': 'off' });
  // A pass kept from before digit codes has no secret for them: the next pass brings it (at most a
  // week on, or at once with 重新生成).
  const digitBox = digitSecret
    ? h('div', { class: 'pass-digits', 'data-testid': 'pass-digits' }, h('span', { class: 'pass-digits-label' }, tpass('pass.digits')), digitCode, h('span', { class: 'pass-digits-hint' }, tpass('pass.digitsHint')))
    : stored.short_secret === undefined
      ? h('p', { class: 'pass-hint', 'data-testid': 'pass-digits-later' }, tpass('pass.digitsLater'))
      : null;
  /** The ten digits of window `w`, grouped as the guard reads them. */
  const showDigits = (w: number): void => {
    if (!digitSecret || digitCode.dataset.window === String(w)) return;
    const digits = shortCodeText(credential.passId, digitSecret, w);
    digitCode.dataset.window = String(w);
    digitCode.dataset.code = digits;
    replace(digitCode, groupShortCode(digits).map((group, i) => h('span', { class: i === 0 ? 'pass-digit-tag' : 'pass-digit-group' }, group)));
  };
  const qrBox = h('div', { class: 'qr-box', 'data-testid': 'pass-qr' }, canvas);
  const ring = countdownRing();
  const windowText = h('span', { class: 'pass-window-text' });
  const expiresAt = stored.expires_at ?? credential.expiresAt;
  const message = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const regenerate = h(
    'button',
    {
      type: 'button',
      class: 'btn btn-secondary btn-block',
      'data-testid': 'pass-regenerate',
      onClick: async () => {
        regenerate.disabled = true;
        regenerate.textContent = tpass('pass.regenerating');
        try {
          await issueNewPass(account.id);
          reload();
        } catch (error) {
          regenerate.disabled = false;
          regenerate.textContent = tpass('pass.regenerate');
          message.hidden = false;
          replace(message, icon(icons.alert, 'form-error-icon'), h('span', null, navigator.onLine ? errorMessageOf(error) : tpass('pass.needOnline')));
        }
      },
    },
    tpass('pass.regenerate'),
  );

  let shownWindow = -1;
  let signingWindow = -1;
  let timer = 0;
  /** Signs the QR of window `w` with the device key (asynchronous in WebCrypto) and draws it. */
  const show = async (w: number): Promise<void> => {
    signingWindow = w;
    try {
      const signature = await signWithDevice(stored.device, deviceMessage(credential.passId, w));
      if (signingWindow !== w) return;
      shownWindow = w;
      const payload = payloadText(credentialBytes, w, signature);
      qrBox.dataset.payload = payload;
      qrBox.dataset.window = String(w);
      const size = Math.min(440, Math.max(220, Math.min(window.innerWidth - 48, window.innerHeight - 300)));
      drawQr(canvas, qrMatrix(payload), size);
    } catch (error) {
      message.hidden = false;
      replace(message, icon(icons.alert, 'form-error-icon'), h('span', null, errorMessageOf(error)));
    } finally {
      if (signingWindow === w) signingWindow = -1;
    }
  };
  const tick = (): void => {
    if (!qrBox.isConnected && (shownWindow >= 0 || signingWindow >= 0)) {
      window.clearInterval(timer);
      return;
    }
    const now = Date.now() / 1000;
    const w = windowOf(now);
    if (w !== shownWindow && w !== signingWindow) void show(w);
    showDigits(w);
    const left = Math.max(1, Math.ceil((w + 1) * WINDOW_SECONDS - now));
    ring.update(left);
    windowText.textContent = tpass('pass.refreshIn', { seconds: left });
  };
  tick();
  timer = window.setInterval(tick, 1000);
  signal.addEventListener('abort', () => window.clearInterval(timer));

  // Keep the screen on while the pass is shown (Screen Wake Lock where the browser has it).
  const wake = navigator as Navigator & { wakeLock?: { request(type: 'screen'): Promise<{ release(): Promise<void> }> } };
  let lock: { release(): Promise<void> } | null = null;
  const requestLock = (): void => {
    if (document.visibilityState === 'visible' && wake.wakeLock) wake.wakeLock.request('screen').then((l) => (lock = l), () => undefined);
  };
  requestLock();
  document.addEventListener('visibilitychange', requestLock);
  signal.addEventListener('abort', () => {
    document.removeEventListener('visibilitychange', requestLock);
    void lock?.release().catch(() => undefined);
  });

  const nowSeconds = Date.now() / 1000;
  const expiringSoon = expiresAt - nowSeconds < 3 * 86_400;
  return h(
    'div',
    { class: 'pass-layout' },
    h(
      'div',
      { class: 'card pass-card', 'data-testid': 'pass-card', 'data-pass-id': credential.passId, 'data-worker-id': credential.workerId },
      h(
        'div',
        { class: 'pass-head' },
        photoAvatar(me?.worker.has_photo ? accountsApi.workerPhotoUrl(credential.workerId) : null, credential.name, 'avatar pass-avatar'),
        h('div', { class: 'pass-who' }, h('strong', { 'data-testid': 'pass-name' }, credential.name), h('span', { 'data-testid': 'pass-platform' }, `${platform} · ${kind}`)),
        badge(tpass('pass.verified'), 'ok', 'pass-status'),
      ),
      stale ? h('div', { class: 'pass-warning', role: 'alert', 'data-testid': 'pass-stale-warning' }, icon(icons.alert), h('span', null, tpass('pass.replacedElsewhere'))) : null,
      qrBox,
      h('div', { class: 'pass-timer' }, ring.element, h('div', null, h('strong', null, tpass('pass.dynamic')), windowText)),
      digitBox,
      h(
        'dl',
        { class: 'fields pass-fields' },
        h('div', { class: 'field' }, h('dt', null, tpass('pass.expires')), h('dd', { 'data-testid': 'pass-expires', class: expiringSoon ? 'text-warn' : '' }, formatTime(expiresAt))),
        h('div', { class: 'field' }, h('dt', null, tpass('pass.number')), h('dd', { class: 'mono' }, `#${credential.passId}`)),
      ),
    ),
    h('p', { class: 'pass-hint' }, icon(icons.eye), h('span', null, tpass('pass.keepAwake'))),
    h('p', { class: 'pass-hint pass-offline-hint' }, icon(icons.wifiOff), h('span', null, tpass('pass.worksOffline'))),
    message,
    h('div', { class: 'pass-actions' }, regenerate, h('a', { class: 'btn btn-ghost btn-block', href: '#/home' }, t('notfound.back'))),
  );
}
