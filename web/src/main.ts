/** Entry point: language, offline banner, session and hash routing (#/login, #/home, #/areas/CODE). */

import './styles.css';
import * as api from './api';
import { h, icon, replace } from './dom';
import { isOfficer } from './format';
import { initLang, onLangChange, t } from './i18n';
import { icons } from './icons';
import type { Account } from './types';
import { errorBox, errorMessageOf } from './ui';
import { homePage, homeSkeleton } from './views/home';
import { loginPage } from './views/login';
import { officerConsole } from './views/officer';
import { shell } from './views/shell';
import { loginHashFor, parseRoute } from './router';

const root = document.getElementById('app') as HTMLElement;
let account: Account | null = null;
let sessionChecked = false;
let controller: AbortController | null = null;

function go(hash: string): void {
  if (location.hash === hash) void render();
  else location.hash = hash;
}

api.onUnauthorized(() => {
  account = null;
  go(loginHashFor(location.hash));
});

function toast(text: string): void {
  const element = h('div', { class: 'toast', role: 'status' }, text);
  document.body.appendChild(element);
  window.setTimeout(() => element.remove(), 4000);
}

async function logout(button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  button.lastElementChild!.textContent = t('shell.loggingOut');
  try {
    await api.logout();
  } catch (error) {
    button.disabled = false;
    button.lastElementChild!.textContent = t('shell.logout');
    toast(errorMessageOf(error));
    return;
  }
  account = null;
  go('#/login');
}

function notFound(): HTMLElement {
  return h(
    'div',
    { class: 'page' },
    h('div', { class: 'card empty-page' }, icon(icons.map, 'empty-icon'), h('h1', null, t('notfound.title')), h('a', { class: 'btn btn-primary', href: '#/home' }, t('notfound.back'))),
  );
}

async function render(): Promise<void> {
  controller?.abort();
  controller = new AbortController();
  const { signal } = controller;
  const route = parseRoute(location.hash);
  window.scrollTo(0, 0);

  if (route.name === 'login') {
    if (!account && !sessionChecked) {
      // A bookmarked #/login with a live session cookie goes straight home.
      sessionChecked = true;
      try {
        account = (await api.me(signal, true)).account;
      } catch {
        account = null;
      }
      if (signal.aborted) return;
    }
    if (account) {
      go(`#${route.next ?? '/home'}`);
      return;
    }
    replace(
      root,
      loginPage((loggedIn) => {
        account = loggedIn;
        sessionChecked = true;
        go(`#${route.next ?? '/home'}`);
      }),
    );
    return;
  }

  if (!account) {
    replace(root, h('div', { class: 'boot' }, h('div', { class: 'boot-logo' }, '友'), homeSkeleton()));
    try {
      account = (await api.me(signal, true)).account;
      sessionChecked = true;
    } catch (error) {
      if (api.isAbort(error)) return;
      if (error instanceof api.ApiError && error.status === 401) {
        sessionChecked = true;
        go(loginHashFor(location.hash));
        return;
      }
      replace(root, h('div', { class: 'boot' }, errorBox(error, () => void render())));
      return;
    }
    if (signal.aborted) return;
  }

  let content: Node;
  if (route.name === 'home') {
    content = homePage(signal, (fresh) => (account = fresh));
  } else if (route.name === 'area') {
    if (!isOfficer(account.role)) {
      go('#/home');
      return;
    }
    content = route.code === account.area.code ? homePage(signal, (fresh) => (account = fresh)) : officerConsole(account, route.code, null, signal);
  } else {
    content = notFound();
  }
  replace(root, shell(account, content, (button) => void logout(button)));
}

function offlineBanner(): void {
  const banner = h('div', { class: 'offline', role: 'status', 'data-testid': 'offline-banner', hidden: navigator.onLine }, icon(icons.wifiOff), h('span', null, t('offline.banner')));
  document.body.prepend(banner);
  const update = (): void => {
    banner.hidden = navigator.onLine;
    banner.lastElementChild!.textContent = t('offline.banner');
    document.body.classList.toggle('is-offline', !navigator.onLine);
  };
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  onLangChange(update);
  update();
}

initLang();
offlineBanner();
onLangChange(() => void render());
window.addEventListener('hashchange', () => void render());
void render();
