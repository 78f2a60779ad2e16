/**
 * 我的数据与隐私 (#/me/data): what the platform keeps about the signed-in person, a download of all
 * of it (one JSON file, photos inside), and for riders the erasure of the account (PIPL).
 */

import { isAbort, rememberAccount, request, setCsrf } from '../shell/api';
import { h, icon } from '../shell/dom';
import { icons } from '../shell/icons';
import type { Account } from '../shell/types';
import { card, errorMessageOf, modal, section } from '../shell/ui';
import { ta } from './messages';

/** The word the server asks for before it erases an account (typed for the worker by this page). */
const ERASE_CONFIRMATION = 'ERASE';

async function download(button: HTMLButtonElement, status: HTMLElement): Promise<void> {
  button.disabled = true;
  status.textContent = ta('data.preparing');
  try {
    const data = await request<{ account_id: number }>('GET', '/api/v1/me/data');
    const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
    const link = h('a', { href: URL.createObjectURL(blob), download: `youhao-my-data-${data.account_id}.json` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    status.textContent = ta('data.downloaded');
  } catch (error) {
    if (!isAbort(error)) status.textContent = errorMessageOf(error);
  } finally {
    button.disabled = false;
  }
}

function erasePanel(): HTMLElement {
  const understood = h('input', { type: 'checkbox', 'data-testid': 'erase-understood' });
  const erase = h('button', { type: 'button', class: 'btn btn-danger btn-block', disabled: true, 'data-testid': 'erase-account' }, ta('data.erase'));
  understood.addEventListener('change', () => {
    erase.disabled = !understood.checked;
  });
  erase.addEventListener('click', async () => {
    const done = await modal({
      title: ta('data.eraseConfirmTitle'),
      body: h('p', null, ta('data.eraseConfirmText')),
      submitLabel: ta('data.eraseNow'),
      danger: true,
      testid: 'erase-dialog',
      onSubmit: async () => {
        await request('POST', '/api/v1/me/erase', { body: { confirm: ERASE_CONFIRMATION } });
        return true;
      },
    });
    if (!done) return;
    // Nothing of the erased account stays on this phone either.
    rememberAccount(null);
    setCsrf(null);
    for (const key of Object.keys(localStorage)) if (key.startsWith('youhao.pass')) localStorage.removeItem(key);
    await import('../passes/store').then((m) => m.forgetAllPasses()).catch(() => undefined);
    location.hash = '#/login?erased=1';
  });
  return card(
    [
      h('ul', { class: 'plain-list' }, h('li', null, ta('data.eraseWhat1')), h('li', null, ta('data.eraseWhat2')), h('li', null, ta('data.eraseWhat3'))),
      h('label', { class: 'check-row' }, understood, h('span', null, ta('data.eraseUnderstood'))),
      erase,
    ],
    'danger-zone',
  );
}

export function myDataPage(account: Account): HTMLElement {
  const status = h('p', { class: 'muted', role: 'status', 'data-testid': 'data-status' });
  const button = h('button', { type: 'button', class: 'btn btn-primary btn-block', 'data-testid': 'download-data' }, icon(icons.clipboard), ta('data.download'));
  button.addEventListener('click', () => void download(button, status));
  const kept = card([
    h('p', null, ta('data.intro')),
    h(
      'ul',
      { class: 'plain-list' },
      h('li', null, ta('data.keptPhone')),
      h('li', null, ta('data.keptPassages')),
      h('li', null, ta('data.keptPhotos')),
      h('li', null, ta('data.keptAudit')),
    ),
    button,
    status,
  ]);
  return h(
    'div',
    { class: 'page page-narrow', 'data-testid': 'my-data' },
    section(ta('data.title'), kept),
    account.role === 'worker' ? section(ta('data.eraseTitle'), erasePanel(), { testid: 'erase-section' }) : null,
  );
}
