/**
 * 扫骑手码 on 兑换核销 (#/redeem): instead of typing a code, the desk scans the rider's live
 * 进门码 — with the camera (shell/qr-camera.ts, as on the guard's gate page) or by pasting
 * what a handheld scanner read — and sees that rider's held redemptions at the caller's places
 * (the rider's masked name only), each confirmed with one tap. The pass is only good within its
 * 30-second window, so a screenshot is refused by the server; scanning again refreshes it.
 */

import { isAbort } from '../shell/api';
import { h, replace } from '../shell/dom';
import { formatNumber } from '../shell/i18n';
import { qrCamera } from '../shell/qr-camera';
import type { Redemption } from './api';
import { refusalText, tpt } from './messages';
import { beijingStamp } from './model';
import { confirmByPass, openByPass, passTextOf } from './redeem-api';
import './redeem-scan.css';

export interface ScanPlace {
  id: number;
  name: string;
  status: string;
}

export interface PassScanOptions {
  /** The caller's places (read when a pass is looked up). */
  places: () => ScanPlace[];
  signal: AbortSignal;
  /** After a confirmation: the desk refreshes today's list. */
  onConfirmed: (redemption: Redemption) => void;
}

interface Found {
  place: ScanPlace;
  redemption: Redemption;
}

export function passScanPanel(options: PassScanOptions): HTMLElement {
  const { signal } = options;
  let pass: string | null = null;

  // ---- what the lookup found, and each confirmation's answer
  const answer = h('p', { class: 'pt-scan-answer', role: 'status', 'aria-live': 'polite', hidden: true, 'data-testid': 'desk-pass-answer' });
  const say = (text: string | null, state: 'ok' | 'refused' | 'info' = 'info'): void => {
    answer.hidden = text === null;
    answer.textContent = text ?? '';
    answer.className = `pt-scan-answer is-${state}`;
    answer.setAttribute('data-state', state);
  };
  const worker = h('strong', { class: 'pt-scan-worker', hidden: true, 'data-testid': 'desk-pass-worker' });
  const list = h('ul', { class: 'pt-scan-list', 'data-testid': 'desk-pass-list' });

  const confirmOne = async (found: Found, button: HTMLButtonElement): Promise<void> => {
    if (!pass) return;
    button.disabled = true;
    button.textContent = tpt('desk.sending');
    try {
      const { redemption } = await confirmByPass(found.redemption.id, pass);
      say(`✓ ${tpt('desk.ok')} · ${tpt('desk.okText', { title: redemption.title, points: formatNumber(redemption.price), place: redemption.place_name })}`, 'ok');
      answer.setAttribute('data-redemption-id', String(redemption.id));
      button.closest('li')?.remove();
      options.onConfirmed(redemption);
    } catch (failure) {
      answer.removeAttribute('data-redemption-id');
      say(refusalText(failure, 'desk.network'), 'refused');
      button.disabled = false;
      button.textContent = tpt('desk.passConfirm');
    }
  };

  const show = (name: string, found: Found[], several: boolean): void => {
    worker.hidden = false;
    worker.textContent = tpt('desk.passWorker', { name });
    replace(
      list,
      found.map((item) => {
        const button: HTMLButtonElement = h(
          'button',
          { type: 'button', class: 'btn btn-primary pt-scan-confirm', 'data-testid': 'desk-pass-confirm', onClick: () => void confirmOne(item, button) },
          tpt('desk.passConfirm'),
        );
        return h(
          'li',
          { class: 'pt-scan-item', 'data-testid': 'desk-pass-item', 'data-redemption-id': String(item.redemption.id) },
          h(
            'div',
            { class: 'pt-scan-text' },
            h('strong', { 'data-user-text': '' }, item.redemption.title),
            h('span', { class: 'muted' }, `${tpt('desk.passHeldUntil', { points: formatNumber(item.redemption.price), time: beijingStamp(item.redemption.expires_at).slice(11, 16) })}${several ? ` · ${item.place.name}` : ''}`),
          ),
          button,
        );
      }),
    );
    if (!found.length) say(tpt('desk.passNone'));
  };

  let looking = 0;
  const lookup = async (typed: string): Promise<void> => {
    const text = passTextOf(typed);
    if (!text) {
      say(tpt('desk.passBad'), 'refused');
      return;
    }
    const mine = ++looking;
    pass = text;
    say(tpt('desk.passLooking'));
    worker.hidden = true;
    replace(list);
    const places = options.places().filter((place) => place.status === 'approved');
    const answers = await Promise.allSettled(places.map((place) => openByPass(text, place.id, signal)));
    if (signal.aborted || mine !== looking) return;
    const found: Found[] = [];
    let name: string | null = null;
    answers.forEach((settled, i) => {
      if (settled.status !== 'fulfilled') return;
      name = settled.value.worker.name;
      for (const redemption of settled.value.redemptions) found.push({ place: places[i], redemption });
    });
    if (name === null) {
      const failed = answers.find((settled): settled is PromiseRejectedResult => settled.status === 'rejected');
      if (failed && isAbort(failed.reason)) return;
      say(failed ? refusalText(failed.reason, 'desk.network') : tpt('desk.noPlaces'), 'refused');
      return;
    }
    say(null);
    show(name, found, places.length > 1);
  };

  // ---- paste (or a handheld scanner typing into the field)
  const paste = h('textarea', { class: 'input pt-scan-paste', rows: 2, autocomplete: 'off', spellcheck: 'false', placeholder: 'YH1:…', 'aria-label': tpt('desk.passPaste'), 'data-testid': 'desk-pass-input' });
  paste.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void lookup(paste.value);
    }
  });
  const lookupButton = h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'desk-pass-lookup', onClick: () => void lookup(paste.value) }, tpt('desk.passLookup'));

  // ---- camera: the same code in view is looked up once; the pass shows a new one every 30 s.
  const camera = qrCamera({
    testId: 'desk-pass',
    words: { start: tpt('desk.cameraStart'), stop: tpt('desk.cameraStop'), off: tpt('desk.cameraOff'), unsupported: tpt('desk.cameraUnsupported'), denied: (error) => tpt('desk.cameraDenied', { error }) },
    onText: (text) => void lookup(text),
    signal,
    wanted: () => panel.open,
  });

  const panel = h(
    'details',
    { class: 'card pt-scan', 'data-testid': 'desk-pass' },
    h('summary', { class: 'pt-scan-open', 'data-testid': 'desk-pass-open' }, tpt('desk.scanOpen')),
    h('p', { class: 'hint' }, tpt('desk.scanHint')),
    camera.box,
    h('div', { class: 'pt-scan-actions' }, camera.button),
    h('label', { class: 'label-sm' }, tpt('desk.passPaste'), paste),
    h('div', { class: 'pt-scan-actions' }, lookupButton),
    answer,
    worker,
    list,
  ) as HTMLDetailsElement;
  panel.addEventListener('toggle', () => {
    if (!panel.open) camera.stop();
  });
  return panel;
}
