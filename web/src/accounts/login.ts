/** The login page: brand panel and the login form, with server errors and the rate-limit countdown. */

import * as api from '../shell/api';
import { h, icon, replace } from '../shell/dom';
import { rateLimitMessage } from '../shell/format';
import { t } from '../shell/i18n';
import { icons } from '../shell/icons';
import type { Account } from '../shell/types';
import { errorMessageOf } from '../shell/ui';
import { langButton } from '../shell/shell';
import * as accounts from './api';
import { ta } from './messages';
import { PHONE, phoneCodeField } from './phone-code';

export function loginPage(onLoggedIn: (account: Account) => void): HTMLElement {
  const loginInput = h('input', {
    id: 'login',
    name: 'login',
    class: 'input',
    type: 'text',
    autocomplete: 'username',
    autocapitalize: 'none',
    autocorrect: 'off',
    spellcheck: 'false',
    maxlength: 64,
    placeholder: ta('login.loginPlaceholder'),
    required: true,
    'data-testid': 'login-input',
  });
  const passwordInput = h('input', {
    id: 'password',
    name: 'password',
    class: 'input',
    type: 'password',
    autocomplete: 'current-password',
    maxlength: 128,
    placeholder: ta('login.passwordPlaceholder'),
    required: true,
    'data-testid': 'password-input',
  });
  const reveal = h('button', {
    type: 'button',
    class: 'reveal',
    'aria-label': ta('login.showPassword'),
    'aria-pressed': 'false',
    html: icons.eye,
    onClick: () => {
      const show = passwordInput.type === 'password';
      passwordInput.type = show ? 'text' : 'password';
      reveal.setAttribute('aria-pressed', String(show));
      reveal.setAttribute('aria-label', show ? ta('login.hidePassword') : ta('login.showPassword'));
    },
  });
  // Riders may sign in with a code to their phone instead: a stranger's wrong passwords slow the
  // password, never the code.
  let byCode = false;
  const code = phoneCodeField('login', 'login-code', () => loginInput.value.trim(), (text) => showError(text), () => clearError());
  code.note.hidden = true;
  const passwordLabel = h('label', { class: 'label', for: 'password' }, ta('login.password'));
  const passwordRow = h('div', { class: 'input-wrap' }, icon(icons.shield, 'input-icon'), passwordInput, reveal);
  const codeLabel = h('label', { class: 'label', for: 'login-code', hidden: true }, ta('code.label'));
  const codeRow = h('div', { class: 'code-row', hidden: true }, code.input, code.button);
  const modeSwitch: HTMLButtonElement = h('button', { type: 'button', class: 'link-button', 'data-testid': 'login-by-code' }, ta('login.useCode'));
  modeSwitch.addEventListener('click', () => {
    byCode = !byCode;
    passwordLabel.hidden = byCode;
    passwordRow.hidden = byCode;
    codeLabel.hidden = !byCode;
    codeRow.hidden = !byCode;
    code.note.hidden = !byCode;
    modeSwitch.textContent = byCode ? ta('login.usePassword') : ta('login.useCode');
    loginInput.placeholder = byCode ? ta('login.phonePlaceholder') : ta('login.loginPlaceholder');
    window.clearInterval(countdown);
    lockedUntil = 0;
    submit.disabled = false;
    clearError();
  });
  const message = h('div', { class: 'form-error', role: 'alert', 'aria-live': 'assertive', 'data-testid': 'login-error', hidden: true });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block', 'data-testid': 'login-submit' }, ta('login.submit'));

  let countdown: number | undefined;
  let lockedUntil = 0;
  const showError = (text: string): void => {
    message.hidden = false;
    replace(message, icon(icons.alert, 'form-error-icon'), h('span', null, text));
  };
  const clearError = (): void => {
    message.hidden = true;
    message.replaceChildren();
  };
  const startCountdown = (seconds: number): void => {
    window.clearInterval(countdown);
    lockedUntil = Date.now() + seconds * 1000;
    const tick = (): void => {
      const left = Math.ceil((lockedUntil - Date.now()) / 1000);
      if (left <= 0 || !form.isConnected) {
        window.clearInterval(countdown);
        submit.disabled = false;
        if (form.isConnected) clearError();
        return;
      }
      submit.disabled = true;
      showError(rateLimitMessage(left));
    };
    tick();
    countdown = window.setInterval(tick, 1000);
  };

  const form: HTMLFormElement = h(
    'form',
    {
      class: 'login-form',
      novalidate: true,
      'data-testid': 'login-form',
      onSubmit: async (event: Event) => {
        event.preventDefault();
        if (Date.now() < lockedUntil) return;
        const loginName = loginInput.value.trim();
        const password = passwordInput.value;
        if (byCode) {
          const typed = code.code();
          if (!PHONE.test(loginName) || !typed) {
            showError(ta('login.missingCode'));
            return;
          }
          clearError();
          submit.disabled = true;
          try {
            const result = await accounts.loginWithCode(loginName, typed);
            onLoggedIn(result.account);
          } catch (error) {
            submit.disabled = false;
            showError(errorMessageOf(error));
          }
          return;
        }
        if (!loginName || !password) {
          showError(ta('login.missing'));
          (loginName ? passwordInput : loginInput).focus();
          return;
        }
        clearError();
        submit.disabled = true;
        submit.textContent = ta('login.submitting');
        try {
          const result = await api.login(loginName, password);
          onLoggedIn(result.account);
        } catch (error) {
          submit.textContent = ta('login.submit');
          submit.disabled = false;
          if (error instanceof api.ApiError && error.status === 429 && error.retryAfter) {
            startCountdown(error.retryAfter);
            if (PHONE.test(loginName)) code.note.hidden = false;
          } else {
            showError(errorMessageOf(error));
            passwordInput.select();
          }
        }
      },
    },
    h('h1', { class: 'login-title' }, ta('login.title')),
    h('p', { class: 'login-intro' }, ta('login.intro')),
    h('label', { class: 'label', for: 'login' }, ta('login.login')),
    h('div', { class: 'input-wrap' }, icon(icons.user, 'input-icon'), loginInput),
    passwordLabel,
    passwordRow,
    codeLabel,
    codeRow,
    code.note,
    message,
    submit,
    modeSwitch,
    h(
      'div',
      { class: 'register-hint' },
      h('span', { class: 'muted' }, ta('login.noAccount')),
      h('a', { class: 'btn btn-secondary btn-block', href: '#/register', 'data-testid': 'register-link' }, icon(icons.user), h('span', null, ta('login.register'))),
    ),
  );

  const features: Array<[string, string]> = [
    [icons.qr, ta('tile.entryPass')],
    [icons.building, ta('tile.wayfinding')],
    [icons.station, ta('tile.stations')],
    [icons.camera, ta('tile.report')],
  ];

  return h(
    'div',
    { class: 'login-page', 'data-testid': 'login-page' },
    h(
      'div',
      { class: 'login-hero' },
      h('div', { class: 'login-top' }, h('div', { class: 'brand brand-light' }, h('span', { class: 'logo' }, '友'), h('span', { class: 'brand-text' }, h('b', null, t('app.name')), h('small', null, t('app.tagline')))), langButton('lang-light')),
      h('div', { class: 'hero-copy' }, h('p', { class: 'hero-brand', 'data-testid': 'brand' }, t('app.brand')), h('p', { class: 'hero-sub' }, t('app.subtitle'))),
      h('ul', { class: 'hero-features' }, features.map(([svg, label]) => h('li', null, icon(svg, 'hero-feature-icon'), h('span', null, label)))),
    ),
    h('div', { class: 'login-panel' }, h('div', { class: 'card login-card' }, form), h('p', { class: 'login-footer' }, ta('login.footer'))),
  );
}
