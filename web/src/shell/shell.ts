/** The signed-in frame: top bar (brand, language, logout) and the identity band. */

import { watchInbox } from '../community/inbox-live';
import { h, icon } from './dom';
import { areaName, greetingKey, levelLabel, roleLabel } from './format';
import { t } from './i18n';
import { icons } from './icons';
import { langButton } from './lang-button';
import type { Account } from './types';

export { langButton };

const BELL = '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9"/><path d="M10.3 21a1.94 1.94 0 0 0 3.4 0"/></svg>';

/**
 * The notification bell (#/notifications) with the unread count, kept live by the inbox's event
 * stream (community/inbox-live.ts, polling when no stream can be held); hidden until the first
 * state arrives, so an account without the notifications feature never sees it.
 */
export function notificationBell(login: string): HTMLAnchorElement {
  const count = h('span', { class: 'bell-count', 'data-testid': 'notify-count', hidden: true }, '');
  const bell = h('a', { class: 'btn btn-ghost bell', href: '#/notifications', 'data-testid': 'notify-bell', 'aria-label': t('notify.title'), hidden: true }, h('span', { class: 'bell-icon', html: BELL, 'aria-hidden': 'true' }), count);
  // A new bell is drawn with every page: the one being drawn is alive until it is put on the page and taken off again.
  let shown = false;
  const alive = (): boolean => {
    if (bell.isConnected) shown = true;
    return bell.isConnected || !shown;
  };
  watchInbox(
    login,
    (state) => {
      const rose = bell.dataset.loaded === '1' && state.unread > Number(bell.dataset.unread ?? 0);
      bell.dataset.loaded = '1';
      bell.hidden = false;
      bell.dataset.unread = String(state.unread);
      bell.dataset.latest = String(state.latest);
      count.hidden = state.unread === 0;
      count.textContent = state.unread > 99 ? '99+' : String(state.unread);
      bell.setAttribute('aria-label', state.unread > 0 ? t('notify.bellUnread', { count: state.unread }) : t('notify.title'));
      if (rose) {
        // A short ring when something new arrives while the page is open.
        bell.classList.remove('bell-ring');
        void bell.offsetWidth;
        bell.classList.add('bell-ring');
      }
    },
    alive,
  );
  return bell;
}

/** `compact` drops the identity band (the pass and gate screens need the whole height). */
export function shell(account: Account, content: Node, onLogout: (button: HTMLButtonElement) => void, options: { compact?: boolean } = {}): HTMLElement {
  const logout = h(
    'button',
    { type: 'button', class: 'btn btn-ghost', 'data-testid': 'logout', onClick: () => onLogout(logout) },
    icon(icons.logout),
    h('span', null, t('shell.logout')),
  );
  const greeting = t('greeting.hello', { greeting: t(greetingKey(new Date().getHours())) });
  const [before, after] = greeting.split('{name}');
  return h(
    'div',
    { class: 'shell' },
    h(
      'header',
      { class: 'topbar' },
      h(
        'div',
        { class: 'topbar-inner' },
        h('a', { class: 'brand', href: '#/home', 'aria-label': t('shell.home') }, h('span', { class: 'logo' }, '友'), h('span', { class: 'brand-text' }, h('b', null, t('app.name')), h('small', null, t('app.tagline')))),
        h('div', { class: 'topbar-actions' }, notificationBell(account.login), langButton(), logout),
      ),
    ),
    options.compact
      ? null
      : h(
      'div',
      { class: 'identity' },
      h(
        'div',
        { class: 'identity-inner' },
        h('div', { class: 'avatar avatar-light', 'aria-hidden': 'true' }, account.display_name.slice(0, 1)),
        h(
          'div',
          { class: 'identity-text' },
          h('div', { class: 'hello' }, before ?? '', h('b', { 'data-testid': 'account-name' }, account.display_name), after ?? ''),
          h(
            'div',
            { class: 'chips' },
            h('span', { class: 'chip chip-role', 'data-testid': 'role-label', 'data-role': account.role }, roleLabel(account)),
            h('span', { class: 'chip', 'data-testid': 'area-name', title: levelLabel(account.area.level) }, icon(icons.pin, 'chip-icon'), areaName(account.area)),
          ),
        ),
      ),
    ),
    h('main', { class: `content${options.compact ? ' content-compact' : ''}`, id: 'main' }, content),
  );
}
