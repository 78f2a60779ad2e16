/**
 * 证书验真 #/certificates/verify (no login, no shell): scan a certificate's QR code with the one QR
 * camera (shell/qr-camera) or paste its text. The signature is checked here with the city's public
 * keys, cached on the device (GET /api/v1/certificates/keys when online), so it works offline; when
 * online the server is asked whether the certificate was revoked. Says 有效 / 已撤销 / 已过期 / 无效
 * in big words, and whether the answer was given offline.
 */

import * as api from './api';
import { isAbort } from '../shell/api';
import { beijingDate } from '../shell/beijing';
import { h, replace } from '../shell/dom';
import { qrCamera } from '../shell/qr-camera';
import { cacheKeys, cachedKeys, verifyOffline, type CachedKey } from './certificate-code';
import { kindText, ttr } from './messages';
import './training.css';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

type Shown = 'valid' | 'revoked' | 'expired' | 'invalid';

export function verifyPage(signal: AbortSignal): HTMLElement {
  let keys: CachedKey[] = cachedKeys(storage());
  let checking = false;
  const offlineBadge = h('span', { class: 'tr-offline', 'data-testid': 'verify-offline', hidden: navigator.onLine }, ttr('verify.offlineBadge'));
  const result = h('div', { class: 'tr-verify-result', 'data-testid': 'verify-result', 'aria-live': 'polite' });
  const input = h('textarea', { class: 'tr-paste', rows: 3, placeholder: ttr('verify.paste'), 'aria-label': ttr('verify.paste'), 'data-testid': 'verify-text' }) as HTMLTextAreaElement;

  const updateOnline = (): void => {
    offlineBadge.hidden = navigator.onLine;
  };
  window.addEventListener('online', updateOnline, { signal });
  window.addEventListener('offline', updateOnline, { signal });

  const refreshKeys = async (): Promise<void> => {
    if (!navigator.onLine) return;
    try {
      const fresh = await api.certificateKeys(signal);
      keys = fresh.keys;
      cacheKeys(storage(), keys);
    } catch (error) {
      if (isAbort(error)) return;
      // Offline or the server away: the cached keys stay.
    }
  };

  const show = (shown: Shown, lines: Array<[string, string]>, notes: string[]): void => {
    replace(
      result,
      h('p', { class: `tr-verdict tr-verdict-${shown}`, 'data-testid': 'verify-verdict', 'data-verdict': shown }, ttr(`verify.${shown}`)),
      lines.length ? h('dl', { class: 'tr-facts' }, lines.flatMap(([label, value]) => [h('dt', null, label), h('dd', null, value)])) : null,
      notes.map((note) => h('p', { class: 'hint', 'data-testid': 'verify-note' }, note)),
    );
  };

  const check = async (text: string): Promise<void> => {
    if (checking || !text.trim()) return;
    checking = true;
    try {
      if (keys.length === 0) await refreshKeys();
      const now = Math.floor(Date.now() / 1000);
      let offline = verifyOffline(text, keys, now);
      if (offline.verdict === 'invalid' && offline.decoded && navigator.onLine) {
        // A key issued after the cache was filled: fetch the keys once more.
        await refreshKeys();
        offline = verifyOffline(text, keys, now);
      }
      if (offline.verdict === 'no_keys') {
        show('invalid', [], [ttr('verify.noKeys')]);
        return;
      }
      const fields = offline.decoded?.fields;
      if (offline.verdict === 'invalid' || !fields) {
        show('invalid', [], [ttr('verify.invalidWhy')]);
        return;
      }
      const lines: Array<[string, string]> = [
        [ttr('verify.holder'), fields.maskedName],
        [ttr('verify.certTitle'), fields.title],
        [ttr('verify.kind'), kindText(fields.kind)],
        [ttr('verify.issued'), beijingDate(fields.issuedAt)],
        [ttr('verify.serial'), fields.serial],
      ];
      if (fields.validUntil) lines.push([ttr('verify.validUntil'), beijingDate(fields.validUntil)]);
      let shown: Shown = offline.verdict === 'expired' ? 'expired' : 'valid';
      const notes: string[] = [];
      let asked = false;
      if (navigator.onLine) {
        try {
          const online = await api.verifyOnline(fields.serial, signal);
          asked = true;
          if (online.status === 'revoked') {
            shown = 'revoked';
            if (online.revoke_reason) notes.push(ttr('verify.reason', { reason: online.revoke_reason }));
          } else if (online.status === 'unknown') {
            shown = 'invalid';
          } else if (online.status === 'expired') {
            shown = 'expired';
          }
        } catch (error) {
          if (isAbort(error)) return;
        }
      }
      notes.push(asked ? ttr('verify.online') : ttr('verify.offline'));
      show(shown, lines, notes);
    } finally {
      checking = false;
    }
  };

  const camera = qrCamera({
    testId: 'verify',
    words: {
      start: ttr('verify.cameraStart'),
      stop: ttr('verify.cameraStop'),
      off: ttr('verify.cameraOff'),
      unsupported: ttr('verify.cameraUnsupported'),
      denied: (error) => ttr('verify.cameraDenied', { error }),
    },
    onText: (text) => {
      input.value = text;
      void check(text);
    },
    signal,
    paused: () => checking,
    buttonClass: 'btn btn-primary tr-big',
  });

  const form = h(
    'form',
    {
      class: 'tr-form',
      onSubmit: (event: Event) => {
        event.preventDefault();
        void check(input.value);
      },
    },
    input,
    h('button', { type: 'submit', class: 'btn btn-primary tr-big', 'data-testid': 'verify-check' }, ttr('verify.check')),
  );

  void refreshKeys();
  const initial = new URLSearchParams(location.hash.split('?')[1] ?? '').get('text');
  if (initial) {
    input.value = initial;
    void check(initial);
  }

  return h(
    'div',
    { class: 'page tr-page tr-standalone', 'data-testid': 'verify-page' },
    h('header', { class: 'tr-head' }, h('h1', null, ttr('verify.title')), offlineBadge),
    h('p', { class: 'hint' }, ttr('verify.intro')),
    h('div', { class: 'card' }, camera.button, camera.box),
    h('div', { class: 'card' }, form),
    result,
    h('a', { class: 'btn btn-secondary tr-big', href: '#/home' }, ttr('back.home')),
  );
}
