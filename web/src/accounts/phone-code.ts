/**
 * The one-time code field that proves a phone: the code input, the "get code" button with its
 * resend countdown, and the note saying the code was sent (or, on a demo server, what it is).
 * Registration and the rider's code sign-in both use it.
 */

import * as api from './api';
import { ApiError } from '../shell/api';
import { h } from '../shell/dom';
import { errorMessageOf } from '../shell/ui';
import { ta } from './messages';

export const PHONE = /^1[3-9]\d{9}$/;

export interface PhoneCodeField {
  input: HTMLInputElement;
  button: HTMLButtonElement;
  note: HTMLElement;
  /** The code as typed, when it is six digits. */
  code(): string | null;
}

/**
 * `prefix` names the test ids (`${prefix}-code`, `${prefix}-get-code`, `${prefix}-code-note`);
 * `phone()` reads the phone to send to; `onError` shows a problem, `onSent` clears it.
 */
export function phoneCodeField(prefix: string, id: string, phone: () => string, onError: (text: string) => void, onSent: () => void): PhoneCodeField {
  const input: HTMLInputElement = h('input', { id, name: 'code', class: 'input', type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 6, placeholder: ta('code.placeholder'), 'data-testid': `${prefix}-code` });
  const note = h('p', { class: 'hint', 'data-testid': `${prefix}-code-note`, 'aria-live': 'polite' });
  const button: HTMLButtonElement = h('button', { type: 'button', class: 'btn btn-secondary code-button', 'data-testid': `${prefix}-get-code` }, ta('code.get'));
  let countdown: number | undefined;
  const waitToResend = (seconds: number): void => {
    window.clearInterval(countdown);
    let left = seconds;
    button.disabled = true;
    button.textContent = ta('code.resendIn', { s: left });
    countdown = window.setInterval(() => {
      left -= 1;
      if (left > 0) {
        button.textContent = ta('code.resendIn', { s: left });
        return;
      }
      window.clearInterval(countdown);
      button.disabled = false;
      button.textContent = ta('code.getAgain');
    }, 1000);
  };
  button.addEventListener('click', async () => {
    const number = phone();
    if (!PHONE.test(number)) {
      onError(ta('code.badPhone'));
      return;
    }
    button.disabled = true;
    try {
      const sent = await api.requestCode(number);
      onSent();
      note.textContent = sent.demo_code ? ta('code.sentDemo', { code: sent.demo_code }) : ta('code.sent');
      input.focus();
      waitToResend(sent.resend_in);
    } catch (error) {
      button.disabled = false;
      const retry = error instanceof ApiError ? (error.retryAfter ?? 0) : 0;
      if (retry > 0) waitToResend(retry);
      onError(errorMessageOf(error));
    }
  });
  return { input, button, note, code: () => (/^\d{6}$/.test(input.value.trim()) ? input.value.trim() : null) };
}
