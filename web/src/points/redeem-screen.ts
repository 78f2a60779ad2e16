/**
 * The redemption screen (兑换码), over the whole page once a worker redeems an offer (or shows a
 * held one again from 我的积分): the 8-digit code in large digits, 4 + 4; a countdown to the
 * code's expiry with 换一个码 (POST /redemptions/{id}/code); the hold's own countdown (its points
 * go back when it runs out); 取消兑换. While it is open it asks GET /me/redemptions every 3 s and,
 * once the merchant has confirmed, says 兑换成功 (or that the points went back: cancelled, timed out).
 */

import * as api from './api';
import { ApiError } from '../shell/api';
import { h, icon, replace } from '../shell/dom';
import { icons } from '../shell/icons';
import { refusalText, tpt } from './messages';
import { countdown, groupCode, secondsLeft, serverOffsetMs } from './model';
import './points.css';

const POLL_MS = 3000;
const TICK_MS = 1000;

/** How far the server's clock is ahead of this phone's, learned from the last fresh redemption. */
let serverAheadMs = 0;

/** The status a refusal of the worker's own act tells (the redemption moved on meanwhile). */
const SETTLED_BY_CODE: Record<string, api.RedemptionStatus> = {
  redemption_confirmed: 'confirmed',
  redemption_released: 'released',
  redemption_expired: 'expired',
};

export interface ScreenOptions {
  /** Closes the screen when aborted (the page is left). */
  signal?: AbortSignal;
  /** Called once when the screen closes, with the redemption's last known status. */
  onClose?: (status: string) => void;
}

interface WakeLockish {
  release(): Promise<void>;
}

/** Keeps the phone's screen on while the code is shown, where the browser allows it. */
async function keepAwake(): Promise<WakeLockish | null> {
  const wake = (navigator as Navigator & { wakeLock?: { request(type: 'screen'): Promise<WakeLockish> } }).wakeLock;
  try {
    return wake ? await wake.request('screen') : null;
  } catch {
    return null;
  }
}

/** Opens the screen for `issued`, an answer received at `receivedAtMs` (this phone's clock). */
export function openRedeemScreen(issued: api.IssuedRedemption, receivedAtMs: number, options: ScreenOptions = {}): HTMLDialogElement {
  const learned = serverOffsetMs(issued, receivedAtMs);
  if (learned !== null) serverAheadMs = learned;
  const redemption = issued.redemption;
  let code = issued.code;
  let codeExpiresAt = issued.code_expires_at;
  let expiresAt = issued.expires_at;
  let status: string = code ? 'held' : redemption.status;
  let pollTimer = 0;
  let tickTimer = 0;
  let asking = false;
  let wakeLock: WakeLockish | null = null;

  const points = String(redemption.price);
  const closeButton = h('button', { type: 'button', class: 'btn btn-ghost pt-screen-close', 'aria-label': tpt('screen.close'), 'data-testid': 'redeem-close' }, '✕');
  const body = h('div', { class: 'pt-screen-body' });
  const dialog: HTMLDialogElement = h(
    'dialog',
    { class: 'pt-screen', 'aria-label': redemption.title, 'data-testid': 'redeem-screen', 'data-redemption-id': String(redemption.id) },
    h(
      'div',
      { class: 'pt-screen-head' },
      h(
        'div',
        { class: 'pt-screen-what' },
        h('strong', { class: 'pt-screen-title', 'data-user-text': '' }, redemption.title),
        h('span', { class: 'pt-screen-place', 'data-user-text': '' }, redemption.place_name),
      ),
      h('span', { class: 'pt-screen-price' }, tpt('points.count', { count: points })),
      closeButton,
    ),
    body,
  );

  // ---- the held view: the code, its countdown, a fresh code, the hold's countdown, cancel
  const codeBox = h('div', { class: 'pt-code', 'data-testid': 'redeem-code' });
  const codeLeft = h('p', { class: 'pt-code-left', 'data-testid': 'redeem-code-left' });
  const freshButton = h('button', { type: 'button', class: 'btn btn-secondary btn-block', 'data-testid': 'redeem-fresh' }, tpt('screen.fresh'));
  const holdLeft = h('p', { class: 'pt-hold-left', 'data-testid': 'redeem-hold-left' });
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'redeem-error' });
  const offline = h('p', { class: 'pt-screen-offline', role: 'status', hidden: true, 'data-testid': 'redeem-offline' }, tpt('screen.offline'));
  const cancelButton = h('button', { type: 'button', class: 'btn btn-warn btn-block', 'data-testid': 'redeem-cancel' }, tpt('screen.cancel'));

  const showCode = (): void => {
    const digits = code ?? '';
    codeBox.setAttribute('data-code', digits);
    codeBox.setAttribute('aria-label', groupCode(digits));
    replace(codeBox, ...groupCode(digits).split(' ').map((group) => h('span', { class: 'pt-code-group' }, group)));
  };

  const tick = (): void => {
    if (status !== 'held') return;
    const now = Date.now();
    const codeSeconds = secondsLeft(codeExpiresAt, now, serverAheadMs);
    const holdSeconds = secondsLeft(expiresAt, now, serverAheadMs);
    const gone = codeSeconds === 0;
    codeBox.classList.toggle('is-gone', gone);
    codeLeft.classList.toggle('is-gone', gone);
    codeLeft.textContent = gone ? tpt('screen.codeGone') : tpt('screen.codeLeft', { time: countdown(codeSeconds) });
    freshButton.className = `btn ${gone ? 'btn-primary' : 'btn-secondary'} btn-block`;
    holdLeft.textContent = tpt('screen.holdLeft', { points, time: countdown(holdSeconds) });
    // The hold has run out: the server gives the points back when it is next asked.
    if (holdSeconds === 0) void poll();
  };

  let settled = false;
  const settle = (final: string): void => {
    if (settled || final === 'held') return;
    settled = true;
    status = final;
    dialog.setAttribute('data-state', final);
    window.clearInterval(pollTimer);
    window.clearInterval(tickTimer);
    const ok = final === 'confirmed';
    const [titleKey, textKey] =
      final === 'confirmed' ? (['screen.done', 'screen.doneText'] as const) : final === 'released' ? (['screen.released', 'screen.releasedText'] as const) : (['screen.expired', 'screen.expiredText'] as const);
    const finish = h('button', { type: 'button', class: 'btn btn-primary btn-block', 'data-testid': 'redeem-finish', onClick: () => dialog.close() }, tpt('screen.finish'));
    replace(
      body,
      h(
        'div',
        { class: `pt-settled ${ok ? 'is-ok' : 'is-back'}`, role: 'status', 'data-testid': 'redeem-result', 'data-status': final },
        h('span', { class: 'pt-settled-mark', 'aria-hidden': 'true' }, ok ? '✓' : '↩'),
        h('h2', { class: 'pt-settled-title', 'data-testid': 'redeem-result-title' }, tpt(titleKey)),
        h('p', { class: 'pt-settled-text' }, tpt(textKey, { title: redemption.title, points })),
      ),
      finish,
    );
    finish.focus();
  };

  /** Asks the server how the redemption stands; settles the screen when it moved on. */
  const poll = async (): Promise<void> => {
    if (asking || status !== 'held') return;
    asking = true;
    try {
      const { items } = await api.myRedemptions(undefined, 20);
      offline.hidden = true;
      const mine = items.find((item) => item.id === redemption.id);
      if (mine && mine.status !== 'held') settle(mine.status);
    } catch (failure) {
      offline.hidden = !(failure instanceof ApiError && failure.status === 0);
    } finally {
      asking = false;
    }
  };

  /** A refusal of the worker's own act: settled meanwhile, or words. */
  const refused = (failure: unknown): void => {
    const moved = failure instanceof ApiError && failure.code ? SETTLED_BY_CODE[failure.code] : undefined;
    if (moved) {
      settle(moved);
      return;
    }
    error.hidden = false;
    error.textContent = refusalText(failure);
  };

  freshButton.addEventListener('click', async () => {
    freshButton.disabled = true;
    freshButton.textContent = tpt('screen.freshing');
    error.hidden = true;
    try {
      const fresh = await api.freshCode(redemption.id);
      if (fresh.code) {
        code = fresh.code;
        codeExpiresAt = fresh.code_expires_at;
        expiresAt = fresh.expires_at;
        showCode();
        tick();
      } else {
        settle(fresh.redemption.status);
      }
    } catch (failure) {
      refused(failure);
    } finally {
      freshButton.disabled = false;
      freshButton.textContent = tpt('screen.fresh');
    }
  });

  cancelButton.addEventListener('click', async () => {
    cancelButton.disabled = true;
    cancelButton.textContent = tpt('screen.cancelling');
    error.hidden = true;
    try {
      settle((await api.cancelRedemption(redemption.id)).redemption.status);
    } catch (failure) {
      refused(failure);
    } finally {
      cancelButton.disabled = false;
      cancelButton.textContent = tpt('screen.cancel');
    }
  });

  closeButton.addEventListener('click', () => dialog.close());
  const onAbort = (): void => dialog.close();
  options.signal?.addEventListener('abort', onAbort);
  dialog.addEventListener('close', () => {
    window.clearInterval(pollTimer);
    window.clearInterval(tickTimer);
    options.signal?.removeEventListener('abort', onAbort);
    void wakeLock?.release().catch(() => undefined);
    dialog.remove();
    options.onClose?.(status);
  });

  if (status === 'held') {
    replace(
      body,
      h('p', { class: 'pt-screen-lead' }, icon(icons.qr), h('span', null, tpt('screen.show'))),
      codeBox,
      codeLeft,
      freshButton,
      holdLeft,
      error,
      offline,
      cancelButton,
    );
    dialog.setAttribute('data-state', 'held');
    showCode();
    tick();
    tickTimer = window.setInterval(tick, TICK_MS);
    pollTimer = window.setInterval(() => void poll(), POLL_MS);
    void keepAwake().then((lock) => {
      if (dialog.isConnected) wakeLock = lock;
      else void lock?.release().catch(() => undefined);
    });
  } else {
    settle(status);
  }
  document.body.appendChild(dialog);
  dialog.showModal();
  if (options.signal?.aborted) dialog.close();
  return dialog;
}
