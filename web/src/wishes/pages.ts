/**
 * The micro-wish pages (微心愿): the wall #/wishes[?status=] (cards with the kind of worker, the
 * community, the wish, its value and state; chips by state; sponsors see 认领), 我的心愿
 * #/wishes/mine (a worker's post form with the value cap, their wishes with 确认收到 and a
 * thank-you; a sponsor's claims with the photo upload and the thanks they got; the wishes staff
 * posted, with a form to post for a rider) and the community's queue #/wishes/queue (通过 / 不通过).
 */

import * as api from './api';
import { isAbort } from '../shell/api';
import { h, replace } from '../shell/dom';
import { photoPicker } from '../shell/photo-picker';
import type { Account } from '../shell/types';
import { badge, errorBox, errorLine, runGuarded, section, skeletonLines } from '../shell/ui';
import { categoryText, refusalText, statusText, twi } from './messages';
import { actionsFor, beijingDate, CATEGORIES, filterOf, FILTERS, isReviewer, MAX_WISH_VALUE, toneOf, valueOf } from './model';
import './wishes.css';

type Reload = () => void;

/** Runs `act` with `button` disabled and saying `busy`; a refusal is shown in `error`. */
async function act(button: HTMLButtonElement, busy: string, error: HTMLElement, work: () => Promise<unknown>, done: Reload): Promise<void> {
  if (await runGuarded(button, busy, error, work, refusalText)) done();
}

/** The private part of a card: the claim, the note, the photo, the thanks, a rejection. */
function privateLines(wish: api.Wish): HTMLElement[] {
  const lines: HTMLElement[] = [];
  if (wish.worker_name) lines.push(h('p', { class: 'wi-meta' }, twi('card.worker', { name: wish.worker_name })));
  if (wish.status === 'rejected' && wish.reject_reason)
    lines.push(h('p', { class: 'wi-reject', 'data-testid': 'wish-reject-reason' }, twi('card.rejected', { reason: wish.reject_reason })));
  const claim = wish.claim;
  if (!claim) return lines;
  if (wish.status === 'claimed') lines.push(h('p', { class: 'wi-meta', 'data-testid': 'wish-due' }, twi('card.due', { date: beijingDate(claim.due_at) })));
  if (claim.note) lines.push(h('p', { class: 'wi-note', 'data-testid': 'wish-note' }, twi('card.note', { note: claim.note })));
  if (claim.thumbnail && claim.photo)
    lines.push(h('a', { href: claim.photo, target: '_blank', rel: 'noopener' }, h('img', { class: 'wi-photo', src: claim.thumbnail, alt: twi('fulfil.photo'), 'data-testid': 'wish-photo' })));
  if (claim.thanks) lines.push(h('p', { class: 'wi-thanks', 'data-testid': 'wish-thanks' }, twi('card.thanks', { thanks: claim.thanks })));
  return lines;
}

/** The worker's 确认收到 with a thank-you. */
function confirmForm(wish: api.Wish, done: Reload): HTMLElement {
  const thanks = h('textarea', { class: 'input', rows: 2, maxlength: 300, required: true, 'data-testid': 'wish-thanks-input', 'aria-label': twi('confirm.thanks'), placeholder: twi('confirm.thanks') });
  const error = errorLine('wish-confirm-error');
  const button = h('button', { type: 'submit', class: 'btn btn-primary btn-block', 'data-testid': 'wish-confirm' }, twi('confirm.button'));
  return h(
    'form',
    {
      class: 'wi-form',
      onSubmit: (event: Event) => {
        event.preventDefault();
        void act(button, twi('post.sending'), error, () => api.confirm(wish.id, thanks.value), done);
      },
    },
    h('label', { class: 'label' }, twi('confirm.thanks'), thanks),
    button,
    error,
  );
}

/** The claiming sponsor's photo and note. */
function fulfilForm(wish: api.Wish, done: Reload): HTMLElement {
  const photo = photoPicker({ testId: 'wish-photo-input', label: twi('fulfil.pick') });
  const note = h('input', { type: 'text', class: 'input', maxlength: 300, required: true, placeholder: twi('fulfil.noteHint'), 'data-testid': 'wish-note-input' });
  const error = errorLine('wish-fulfil-error');
  const button = h('button', { type: 'submit', class: 'btn btn-primary btn-block', 'data-testid': 'wish-fulfil' }, twi('fulfil.button'));
  return h(
    'form',
    {
      class: 'wi-form',
      onSubmit: (event: Event) => {
        event.preventDefault();
        const file = photo.file();
        if (!file) {
          error.hidden = false;
          error.textContent = twi('fulfil.needPhoto');
          return;
        }
        void act(button, twi('fulfil.sending'), error, () => api.fulfil(wish.id, note.value, file), done);
      },
    },
    h('div', { class: 'label' }, twi('fulfil.photo')),
    photo.element,
    h('label', { class: 'label' }, twi('fulfil.note'), note),
    button,
    error,
  );
}

/** One wish as a card, with what `who` may do to it. */
function wishCard(wish: api.Wish, who: Account, done: Reload): HTMLElement {
  const can = actionsFor(wish, who.role);
  const error = errorLine('wish-error');
  const actions: HTMLElement[] = [];
  if (can.claim) {
    const button = h('button', { type: 'button', class: 'btn btn-primary btn-block', 'data-testid': 'wish-claim' }, twi('wall.claim'));
    button.addEventListener('click', () => void act(button, twi('wall.claiming'), error, () => api.claim(wish.id), done));
    actions.push(button);
  }
  if (can.withdraw) {
    const button = h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'wish-withdraw' }, twi('withdraw.button'));
    button.addEventListener('click', () => void act(button, twi('post.sending'), error, () => api.withdraw(wish.id), done));
    actions.push(button);
  }
  if (can.confirm) actions.push(confirmForm(wish, done));
  if (can.fulfil) actions.push(fulfilForm(wish, done));
  return h(
    'article',
    { class: 'card wi-card', 'data-testid': 'wish-card', 'data-id': String(wish.id), 'data-status': wish.status },
    h('div', { class: 'wi-head' }, h('h3', { class: 'wi-title', 'data-user-text': '' }, wish.title), badge(statusText(wish.status), toneOf(wish.status), 'wish-status')),
    h('p', { class: 'wi-value' }, twi('card.value', { value: wish.value_yuan }), h('span', { class: 'wi-category' }, categoryText(wish.category))),
    h('p', { class: 'wi-meta', 'data-testid': 'wish-who' }, twi('card.who', { kind: wish.worker_kind_label, community: wish.community })),
    h('p', { class: 'wi-reason', 'data-user-text': '' }, wish.reason),
    wish.sponsor ? h('p', { class: 'wi-sponsor', 'data-testid': 'wish-sponsor' }, twi('card.sponsor', { sponsor: wish.sponsor })) : null,
    wish.private ? privateLines(wish) : null,
    actions.length ? h('div', { class: 'wi-actions' }, actions) : null,
    error,
  );
}

function list(items: api.Wish[], who: Account, done: Reload, empty: string): HTMLElement {
  if (items.length === 0) return h('p', { class: 'muted wi-empty', 'data-testid': 'wishes-empty' }, empty);
  return h('div', { class: 'wi-list', 'data-testid': 'wishes-list' }, items.map((wish) => wishCard(wish, who, done)));
}

/** #/wishes: the wall. */
export function wishWallPage(who: Account, search: string, signal: AbortSignal): HTMLElement {
  const filter = filterOf(search);
  const body = h('div', null, skeletonLines(4));
  const items: api.Wish[] = [];
  const more = h('button', { type: 'button', class: 'btn btn-secondary btn-block', hidden: true, 'data-testid': 'wishes-more' }, twi('wall.more'));
  let before: number | null = null;
  const load = async (fresh: boolean): Promise<void> => {
    try {
      const page = await api.wall(filter, fresh ? null : before, signal);
      if (fresh) items.length = 0;
      items.push(...page.items);
      before = page.next_before;
      more.hidden = before === null;
      replace(body, list(items, who, () => void load(true), twi('wall.empty')));
    } catch (failure) {
      if (!isAbort(failure)) replace(body, errorBox(failure, () => void load(true)));
    }
  };
  more.addEventListener('click', () => void load(false));
  const chips = h(
    'nav',
    { class: 'filter-chips', 'aria-label': twi('wall.title') },
    FILTERS.map((status) =>
      h(
        'a',
        { class: `filter-chip${status === filter ? ' is-active' : ''}`, href: status ? `#/wishes?status=${status}` : '#/wishes', 'data-testid': `wish-filter-${status || 'all'}`, 'aria-current': status === filter ? 'page' : null },
        twi(status ? `filter.${status}` : 'filter.all'),
      ),
    ),
  );
  const links: HTMLElement[] = [];
  if (who.role === 'worker') links.push(h('a', { class: 'btn btn-secondary', href: '#/wishes/mine', 'data-testid': 'wishes-mine-link' }, twi('wall.mine')));
  if (who.role === 'sponsor') links.push(h('a', { class: 'btn btn-secondary', href: '#/wishes/mine', 'data-testid': 'wishes-claims-link' }, twi('wall.claims')));
  if (isReviewer(who.role)) links.push(h('a', { class: 'btn btn-secondary', href: '#/wishes/queue', 'data-testid': 'wishes-queue-link' }, twi('wall.queue')));
  void load(true);
  return h(
    'div',
    { class: 'page page-wishes', 'data-testid': 'wishes-wall' },
    section(twi('wall.title'), h('div', null, h('p', { class: 'muted' }, twi('wall.intro')), chips, body, more), { actions: links.length ? h('div', { class: 'wi-links' }, links) : null }),
  );
}

/** The post form: a worker's own wish, or staff's for a rider by register number. */
function postForm(who: Account, done: Reload): HTMLElement {
  const forWorker = who.role !== 'worker';
  const workerId = forWorker ? h('input', { type: 'number', class: 'input', min: 1, required: true, inputmode: 'numeric', 'data-testid': 'wish-worker-id' }) : null;
  const title = h('input', { type: 'text', class: 'input', maxlength: 40, required: true, placeholder: twi('post.whatHint'), 'data-testid': 'wish-title' });
  const category = h('select', { class: 'input', 'data-testid': 'wish-category' }, CATEGORIES.map((c) => h('option', { value: c }, categoryText(c))));
  const value = h('input', { type: 'number', class: 'input', min: 1, max: MAX_WISH_VALUE, step: 1, required: true, inputmode: 'numeric', 'data-testid': 'wish-value' });
  const reason = h('textarea', { class: 'input', rows: 3, maxlength: 300, required: true, 'data-testid': 'wish-reason' });
  const error = errorLine('wish-post-error');
  const sent = h('p', { class: 'form-ok', hidden: true, 'data-testid': 'wish-posted' }, twi('post.done'));
  const button = h('button', { type: 'submit', class: 'btn btn-primary btn-block', 'data-testid': 'wish-submit' }, twi('post.submit'));
  const form = h(
    'form',
    {
      class: 'wi-form',
      'data-testid': 'wish-form',
      onSubmit: (event: Event) => {
        event.preventDefault();
        const yuan = valueOf(value.value);
        if (yuan === null) {
          error.hidden = false;
          error.textContent = twi('post.tooMuch', { max: MAX_WISH_VALUE });
          return;
        }
        sent.hidden = true;
        void act(
          button,
          twi('post.sending'),
          error,
          () => api.post({ title: title.value, reason: reason.value, category: category.value, value_yuan: yuan, worker_id: workerId ? Number(workerId.value) : null }),
          () => {
            form.reset();
            sent.hidden = false;
            done();
          },
        );
      },
    },
    workerId ? h('label', { class: 'label' }, twi('post.workerId'), workerId) : null,
    h('label', { class: 'label' }, twi('post.what'), title),
    h('label', { class: 'label' }, twi('post.category'), category),
    h('label', { class: 'label' }, twi('post.value', { max: MAX_WISH_VALUE }), value),
    h('label', { class: 'label' }, twi('post.reason'), reason),
    button,
    error,
    sent,
  );
  return form;
}

/** #/wishes/mine: a worker's wishes, a sponsor's claims, or the wishes staff posted. */
export function myWishesPage(who: Account, signal: AbortSignal): HTMLElement {
  const body = h('div', null, skeletonLines(3));
  const load = async (): Promise<void> => {
    try {
      const page = await api.mine(signal);
      replace(body, list(page.items, who, () => void load(), twi(who.role === 'sponsor' ? 'mine.claimsEmpty' : 'mine.empty')));
    } catch (failure) {
      if (!isAbort(failure)) replace(body, errorBox(failure, () => void load()));
    }
  };
  void load();
  const title = twi(who.role === 'sponsor' ? 'mine.claimsTitle' : who.role === 'worker' ? 'mine.title' : 'mine.postedTitle');
  const wall = h('a', { class: 'btn btn-secondary', href: '#/wishes', 'data-testid': 'wishes-wall-link' }, twi('wall.title'));
  return h(
    'div',
    { class: 'page page-wishes', 'data-testid': 'wishes-mine' },
    who.role === 'worker' || isReviewer(who.role) ? section(twi(who.role === 'worker' ? 'post.title' : 'post.forWorker'), postForm(who, () => void load())) : null,
    section(title, body, { actions: wall }),
  );
}

/** The queue's 通过 / 不通过 for one wish. */
function reviewCard(wish: api.Wish, who: Account, done: Reload): HTMLElement {
  const card = wishCard(wish, who, done);
  const error = errorLine('wish-review-error');
  const verify = h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'wish-verify' }, twi('queue.verify'));
  verify.addEventListener('click', () => void act(verify, twi('post.sending'), error, () => api.verify(wish.id), done));
  const reason = h('textarea', { class: 'input', rows: 2, maxlength: 300, required: true, 'data-testid': 'wish-reject-input' });
  const send = h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'wish-reject-send' }, twi('queue.rejectSend'));
  const rejectForm = h(
    'form',
    {
      class: 'wi-form',
      hidden: true,
      onSubmit: (event: Event) => {
        event.preventDefault();
        void act(send, twi('post.sending'), error, () => api.reject(wish.id, reason.value), done);
      },
    },
    h('label', { class: 'label' }, twi('queue.reason'), reason),
    send,
  );
  const reject = h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'wish-reject' }, twi('queue.reject'));
  reject.addEventListener('click', () => {
    rejectForm.hidden = false;
    reason.focus();
  });
  card.append(h('div', { class: 'wi-actions' }, verify, reject), rejectForm, error);
  return card;
}

/** #/wishes/queue: the submitted wishes of the caller's area. */
export function wishQueuePage(who: Account, signal: AbortSignal): HTMLElement {
  const body = h('div', null, skeletonLines(3));
  const load = async (): Promise<void> => {
    try {
      const page = await api.wall('submitted', null, signal);
      replace(
        body,
        page.items.length === 0
          ? h('p', { class: 'muted wi-empty', 'data-testid': 'wishes-empty' }, twi('queue.empty'))
          : h('div', { class: 'wi-list', 'data-testid': 'wishes-list' }, page.items.map((wish) => reviewCard(wish, who, () => void load()))),
      );
    } catch (failure) {
      if (!isAbort(failure)) replace(body, errorBox(failure, () => void load()));
    }
  };
  void load();
  return h('div', { class: 'page page-wishes', 'data-testid': 'wishes-queue' }, section(twi('queue.title'), body));
}


