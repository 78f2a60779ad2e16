/**
 * One photo, picked with a big button in the page's own words instead of the browser's "Choose
 * File / No file chosen": the file input is visually hidden inside a `<label class="btn">`, and
 * once a photo is chosen a small preview and its file name show beside it. The preview's object
 * URL is revoked as soon as the image has loaded (the picture stays on screen), so nothing is
 * left behind when the page goes. Used by the rider's registration and the sponsor's 送达照片.
 */

import { h, icon, replace } from './dom';
import { icons } from './icons';

export interface PhotoPickerOptions {
  /** The file input's data-testid (browser tests call setInputFiles on it). */
  testId: string;
  /** The button's words (选择照片 / 拍照). */
  label: string;
  hint?: string;
  /** Default "image/*". */
  accept?: string;
  /** Straight to a camera on phones; left out, the phone offers camera and gallery both. */
  capture?: 'user' | 'environment';
  /** The input's id and name, for a form that names it. */
  id?: string;
  name?: string;
  onChange?: (file: File | null) => void;
}

export interface PhotoPicker {
  element: HTMLDivElement;
  input: HTMLInputElement;
  /** The chosen photo, or null. */
  file: () => File | null;
}

export function photoPicker(options: PhotoPickerOptions): PhotoPicker {
  const input = h('input', {
    type: 'file',
    accept: options.accept ?? 'image/*',
    capture: options.capture,
    id: options.id,
    name: options.name,
    class: 'file-input',
    'data-testid': options.testId,
  });
  const preview = h('div', { class: 'photo-preview', 'aria-hidden': 'true' }, icon(icons.camera));
  const chosen = h('p', { class: 'photo-name', hidden: true, 'data-testid': `${options.testId}-name` });
  input.addEventListener('change', () => {
    const file = input.files?.[0] ?? null;
    chosen.hidden = !file;
    chosen.textContent = file?.name ?? '';
    if (file) {
      const url = URL.createObjectURL(file);
      const done = (): void => URL.revokeObjectURL(url);
      replace(preview, h('img', { src: url, alt: '', onLoad: done, onError: done }));
    } else replace(preview, icon(icons.camera));
    options.onChange?.(file);
  });
  const element = h(
    'div',
    { class: 'photo-picker' },
    preview,
    h(
      'div',
      { class: 'photo-pick' },
      h('label', { class: 'btn btn-secondary' }, icon(icons.camera), h('span', null, options.label), input),
      chosen,
      options.hint ? h('p', { class: 'hint' }, options.hint) : null,
    ),
  );
  return { element, input, file: () => input.files?.[0] ?? null };
}
