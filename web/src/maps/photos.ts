/**
 * Photos of the way on screen: thumbnails that load only when shown, and a lightbox to see one large.
 * Shared by the worker's page (popups, route steps) and the editor (its side form).
 */

import { h } from '../shell/dom';
import { tm } from './messages';

export interface ThumbOptions {
  /** Keep the image back until reveal() (a popup built before it opens). */
  deferred?: boolean;
  size?: number;
  className?: string;
  testid?: string;
}

/** A tappable thumbnail: lazy-loaded, fixed size (the popup does not jump when it arrives). */
export function photoThumb(url: string, alt: string, onOpen: () => void, options: ThumbOptions = {}): HTMLButtonElement {
  const size = options.size ?? 72;
  // `loading` before `src`: the browser decides whether to wait when the source is set.
  const img = h('img', { loading: 'lazy', decoding: 'async', alt, width: size, height: size, ...(options.deferred ? { 'data-src': url } : { src: url }) });
  const button = h('button', { type: 'button', class: `photo-thumb${options.className ? ` ${options.className}` : ''}`, title: tm('photos.open'), 'data-testid': options.testid, onClick: onOpen }, img);
  img.addEventListener('error', () => button.classList.add('is-broken'));
  return button;
}

/** Starts loading the deferred thumbnails inside `root` (a popup that just opened). */
export function reveal(root: ParentNode | null | undefined): void {
  for (const img of root?.querySelectorAll<HTMLImageElement>('img[data-src]') ?? []) {
    img.src = img.getAttribute('data-src') ?? '';
    img.removeAttribute('data-src');
  }
}

/** The photos large, one at a time, over the page (Escape, ×, or a tap beside the photo closes it). */
export function openLightbox(photos: readonly string[], start: number, title: string): HTMLDialogElement {
  const count = photos.length;
  let index = 0;
  const img = h('img', { class: 'lb-img', alt: title, decoding: 'async', 'data-testid': 'lightbox-img' });
  const counter = h('span', { class: 'lb-count', 'data-testid': 'lightbox-count' });
  const stage = h('div', { class: 'lb-stage' }, img);
  const show = (i: number): void => {
    index = (i + count) % count;
    img.src = photos[index]!;
    img.alt = count > 1 ? `${title} ${index + 1}/${count}` : title;
    counter.textContent = count > 1 ? `${index + 1} / ${count}` : '';
  };
  const step = (by: number) => (): void => show(index + by);
  const nav =
    count > 1
      ? h(
          'div',
          { class: 'lb-nav' },
          h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'lightbox-prev', onClick: step(-1) }, `‹ ${tm('photos.prev')}`),
          h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'lightbox-next', onClick: step(1) }, `${tm('photos.next')} ›`),
        )
      : null;
  const dialog: HTMLDialogElement = h(
    'dialog',
    { class: 'lightbox', 'aria-label': title, 'data-testid': 'lightbox' },
    h(
      'div',
      { class: 'lb-bar' },
      h('strong', { class: 'lb-title' }, title),
      counter,
      h('button', { type: 'button', class: 'btn lb-close', 'aria-label': tm('photos.close'), 'data-testid': 'lightbox-close', onClick: () => dialog.close() }, '×'),
    ),
    stage,
    nav,
  );
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog || event.target === stage) dialog.close();
  });
  dialog.addEventListener('keydown', (event) => {
    if (count > 1 && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) show(index + (event.key === 'ArrowLeft' ? -1 : 1));
  });
  dialog.addEventListener('close', () => dialog.remove());
  show(Math.min(Math.max(0, start), count - 1));
  document.body.appendChild(dialog);
  dialog.showModal();
  return dialog;
}
