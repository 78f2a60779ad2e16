/** Shared building blocks: cards, tiles, stat cards, skeletons, error states, tables, pagers. */

import { ApiError, isAbort } from './api';
import { h, icon, replace, type Child } from './dom';
import { problemMessage } from './format';
import { formatCompact, formatNumber, t } from './i18n';
import { icons } from './icons';

export function section(title: string, body: Child, props: { id?: string; actions?: Child; testid?: string } = {}): HTMLElement {
  return h(
    'section',
    { class: 'section', id: props.id, 'data-testid': props.testid },
    h('div', { class: 'section-head' }, h('h2', { class: 'section-title' }, title), props.actions ?? null),
    body,
  );
}

export function card(children: Child, className = ''): HTMLDivElement {
  return h('div', { class: `card ${className}`.trim() }, children);
}

/** A labelled field list (label left, value right). */
export function fields(rows: Array<[string, Child, string?]>): HTMLDListElement {
  return h(
    'dl',
    { class: 'fields' },
    rows.map(([label, value, testid]) =>
      h('div', { class: 'field' }, h('dt', null, label), h('dd', { 'data-testid': testid }, value ?? '—')),
    ),
  );
}

export function badge(
  text: string,
  tone: 'ok' | 'warn' | 'bad' | 'muted' | 'accent' = 'muted',
  testid?: string,
  extraClass = '',
): HTMLSpanElement {
  return h('span', { class: `badge badge-${tone} ${extraClass}`.trim(), 'data-testid': testid }, text);
}

export function statusTone(status: string): 'ok' | 'warn' | 'bad' | 'muted' {
  if (status === 'verified') return 'ok';
  if (status === 'pending') return 'warn';
  if (status === 'suspended' || status === 'revoked') return 'bad';
  return 'muted';
}

/**
 * A feature tile. With `href` it is a link to a working screen; without, the feature is not built
 * yet and the tile is disabled and says so ("即将上线"), or says `note` (e.g. "待认证").
 */
export function tile(opts: { icon: string; title: string; desc: string; href?: string; note?: string; big?: boolean; testid?: string }): HTMLElement {
  const body = [
    icon(opts.icon, 'tile-icon'),
    h('span', { class: 'tile-text' }, h('span', { class: 'tile-title' }, opts.title), h('span', { class: 'tile-desc' }, opts.desc)),
  ];
  if (opts.href) {
    return h('a', { class: `tile${opts.big ? ' tile-big' : ''}`, href: opts.href, 'data-testid': opts.testid }, body, h('span', { class: 'tile-go', html: icons.chevron, 'aria-hidden': 'true' }));
  }
  return h(
    'button',
    {
      type: 'button',
      class: `tile${opts.big ? ' tile-big' : ''} is-soon`,
      disabled: true,
      'aria-disabled': 'true',
      'data-testid': opts.testid,
    },
    body,
    h('span', { class: 'tile-soon' }, opts.note ?? t('common.soon')),
  );
}

/** Initials avatar: the first character of the name on a colour picked from the name. */
export function initialsAvatar(name: string, className = 'avatar'): HTMLElement {
  let hash = 0;
  for (const c of name) hash = (hash * 31 + c.codePointAt(0)!) >>> 0;
  const hue = hash % 360;
  return h('div', { class: className, 'aria-hidden': 'true', style: `background:hsl(${hue} 70% 92%);color:hsl(${hue} 55% 32%)` }, [...name][0] ?? '?');
}

/** A photo with the initials avatar as the fallback when it is missing or cannot load. */
export function photoAvatar(url: string | null, name: string, className = 'avatar'): HTMLElement {
  const fallback = initialsAvatar(name, className);
  if (!url || (typeof navigator !== 'undefined' && !navigator.onLine)) return fallback;
  const img = h('img', { class: `${className} avatar-photo`, src: url, alt: name, 'data-testid': 'worker-photo' });
  img.addEventListener('error', () => img.replaceWith(fallback));
  return img;
}

/** A modal dialog (native <dialog>); resolves with the value `onSubmit` returns, or null when closed. */
export function modal<T>(opts: {
  title: string;
  body: Child;
  submitLabel: string;
  danger?: boolean;
  testid?: string;
  onSubmit: () => Promise<T | undefined> | T | undefined;
}): Promise<T | null> {
  return new Promise((resolve) => {
    const error = h('div', { class: 'form-error', role: 'alert', hidden: true });
    const submit = h('button', { type: 'submit', class: `btn ${opts.danger ? 'btn-danger' : 'btn-primary'}`, 'data-testid': 'modal-submit' }, opts.submitLabel);
    let result: T | null = null;
    const dialog: HTMLDialogElement = h(
      'dialog',
      { class: 'modal', 'data-testid': opts.testid, 'aria-label': opts.title },
      h(
        'form',
        {
          method: 'dialog',
          class: 'modal-form',
          novalidate: true,
          onSubmit: async (event: Event) => {
            event.preventDefault();
            submit.disabled = true;
            error.hidden = true;
            try {
              const value = await opts.onSubmit();
              if (value === undefined) return;
              result = value;
              dialog.close();
            } catch (e) {
              error.hidden = false;
              replace(error, icon(icons.alert, 'form-error-icon'), h('span', { 'data-testid': 'modal-error' }, e instanceof ApiError || !(e instanceof Error) ? errorMessageOf(e) : e.message));
            } finally {
              submit.disabled = false;
            }
          },
        },
        h('h2', { class: 'modal-title' }, opts.title),
        opts.body,
        error,
        h(
          'div',
          { class: 'modal-actions' },
          h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'modal-cancel', onClick: () => dialog.close() }, t('common.cancel')),
          submit,
        ),
      ),
    );
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(result);
    });
    document.body.appendChild(dialog);
    dialog.showModal();
  });
}

/** A side drawer (native <dialog>) for details such as a worker's history. */
export function drawer(title: string, body: Child, testid?: string): HTMLDialogElement {
  const dialog: HTMLDialogElement = h(
    'dialog',
    { class: 'drawer', 'data-testid': testid, 'aria-label': title },
    h(
      'div',
      { class: 'drawer-head' },
      h('h2', null, title),
      h('button', { type: 'button', class: 'btn btn-ghost', 'aria-label': t('common.close'), 'data-testid': 'drawer-close', onClick: () => dialog.close() }, '✕'),
    ),
    h('div', { class: 'drawer-body' }, body),
  );
  dialog.addEventListener('close', () => dialog.remove());
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
  document.body.appendChild(dialog);
  dialog.showModal();
  return dialog;
}

/** Runs a lazily loaded view: skeleton first, then what the module builds. */
export function lazyView(load: () => Promise<Child>, skeleton: () => Node = () => skeletonLines(6)): HTMLElement {
  const slot = h('div', { class: 'lazy-slot' });
  fillAsync(slot, skeleton, load);
  return slot;
}

export function statCard(label: string, value: number | undefined, testid: string, accent = false): HTMLElement {
  return h(
    'div',
    { class: `stat${accent ? ' stat-accent' : ''}`, 'data-testid': testid },
    h('div', { class: 'stat-value', 'data-value': value ?? '', title: value == null ? '' : formatNumber(value) }, value == null ? '—' : formatCompact(value)),
    h('div', { class: 'stat-label' }, label),
  );
}

export function skeletonLines(count = 3): HTMLElement {
  const lines: HTMLElement[] = [];
  for (let i = 0; i < count; i++) lines.push(h('div', { class: 'sk sk-line', style: `width:${90 - ((i * 17) % 40)}%` }));
  return h('div', { class: 'card skeleton', 'aria-busy': 'true', 'aria-label': t('common.loading') }, lines);
}

export function skeletonStats(count = 6): HTMLElement {
  const items: HTMLElement[] = [];
  for (let i = 0; i < count; i++) items.push(h('div', { class: 'stat skeleton' }, h('div', { class: 'sk sk-num' }), h('div', { class: 'sk sk-line' })));
  return h('div', { class: 'stats', 'aria-busy': 'true', 'aria-label': t('common.loading') }, items);
}

/**
 * The server's own sentence for a refusal, when it is one a person can read in this language: a
 * catalogued problem is worded in the page's language (积分不足…); an uncatalogued one carries a
 * developer's English detail, which a Chinese page replaces with its own words (null here).
 */
export function serverWords(detail: string | undefined, pageLang: 'zh' | 'en'): string | null {
  const text = detail?.trim() ?? '';
  if (!text) return null;
  if (pageLang === 'en') return text;
  return /[\u3400-\u9fff]/.test(text) ? text : null;
}

/** A refusal's hidden error line under a form (role alert), filled by runGuarded. */
export function errorLine(testid: string): HTMLParagraphElement {
  return h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': testid });
}

/** Runs `work` with `button` disabled and saying `busy`; a refusal shows in `error` as `words` puts it. */
export async function runGuarded(button: HTMLButtonElement, busy: string, error: HTMLElement, work: () => Promise<unknown>, words: (failure: unknown) => string): Promise<boolean> {
  const label = button.textContent;
  button.disabled = true;
  button.textContent = busy;
  error.hidden = true;
  try {
    await work();
    return true;
  } catch (failure) {
    error.hidden = false;
    error.textContent = words(failure);
    return false;
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}

export function errorMessageOf(error: unknown): string {
  if (error instanceof ApiError) {
    return problemMessage({ status: error.status, code: error.code, detail: error.detail, retryAfter: error.retryAfter });
  }
  return t('error.unknown', { status: String(error) });
}

export function errorBox(error: unknown, retry?: () => void): HTMLElement {
  return h(
    'div',
    { class: 'card error-state', role: 'alert', 'data-testid': 'error-state' },
    icon(icons.alert, 'error-icon'),
    h('div', { class: 'error-text' }, h('strong', null, t('error.loadFailed')), h('span', null, errorMessageOf(error))),
    retry ? h('button', { type: 'button', class: 'btn btn-secondary', onClick: retry }, t('error.retry')) : null,
  );
}

/** Shows `skeleton` in `slot`, then what `load` builds, or an error box with a retry button. */
export function fillAsync(slot: HTMLElement, skeleton: () => Node, load: () => Promise<Child>): void {
  const run = (): void => {
    replace(slot, skeleton());
    load().then(
      (content) => {
        if (slot.isConnected || slot.parentNode) replace(slot, content);
      },
      (error: unknown) => {
        if (isAbort(error)) return;
        if (error instanceof ApiError && error.status === 401) return; // redirected to login
        replace(slot, errorBox(error, run));
      },
    );
  };
  run();
}

export interface Column<T> {
  label: string;
  cell: (row: T) => Child;
  className?: string;
}

/** A table that becomes a list of cards on narrow screens (labels from data-label). */
export function dataTable<T>(columns: Column<T>[], rows: T[], testid?: string): HTMLElement {
  if (rows.length === 0) return h('div', { class: 'empty' }, t('common.none'));
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'data', 'data-testid': testid },
      h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col', class: c.className }, c.label)))),
      h(
        'tbody',
        null,
        rows.map((row) => h('tr', null, columns.map((c) => h('td', { 'data-label': c.label, class: c.className }, c.cell(row))))),
      ),
    ),
  );
}

export function pager(opts: { offset: number; limit: number; total: number; onPage: (offset: number) => void }): HTMLElement {
  const pages = Math.max(1, Math.ceil(opts.total / opts.limit));
  const page = Math.floor(opts.offset / opts.limit) + 1;
  return h(
    'div',
    { class: 'pager' },
    h(
      'button',
      { type: 'button', class: 'btn btn-secondary', disabled: page <= 1, onClick: () => opts.onPage(Math.max(0, opts.offset - opts.limit)) },
      t('common.prev'),
    ),
    h('span', { class: 'pager-info', 'data-testid': 'pager-info' }, t('common.pageInfo', { page, pages, total: formatNumber(opts.total) })),
    h(
      'button',
      { type: 'button', class: 'btn btn-secondary', disabled: page >= pages, onClick: () => opts.onPage(opts.offset + opts.limit) },
      t('common.next'),
    ),
  );
}

/** A search box that calls `onSearch` on submit (Enter or the button). */
export function searchBox(placeholder: string, value: string, onSearch: (q: string) => void, extra?: Child): HTMLFormElement {
  const input = h('input', { type: 'search', class: 'input', placeholder, value, 'aria-label': placeholder, maxlength: 64, enterkeyhint: 'search' });
  return h(
    'form',
    {
      class: 'searchbar',
      role: 'search',
      onSubmit: (event: Event) => {
        event.preventDefault();
        onSearch(input.value.trim());
      },
    },
    h('div', { class: 'search-field' }, icon(icons.search, 'search-icon'), input),
    extra ?? null,
    h('button', { type: 'submit', class: 'btn btn-secondary' }, t('common.search')),
  );
}
