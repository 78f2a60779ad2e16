/**
 * The scanner screens' two text inputs (the guard's #/gate and the event door #/events/ID/door):
 * a field a USB or handheld scanner types into (Enter hands the text on and clears it), and a
 * folded manual box for a pasted or typed code. The words come from the feature's messages; the
 * test ids from the page (`${testId}-scanner`, `${testId}-manual`, `${testId}-manual-submit`).
 */

import { h } from './dom';

export interface ScanFieldWords {
  scanner: string;
  scannerPlaceholder: string;
  manual: string;
  manualPlaceholder: string;
  submit: string;
}

export interface ScanField {
  scanner: HTMLInputElement;
  manual: HTMLTextAreaElement;
  /** The folded manual box holding `manual` and its button. */
  manualBox: HTMLDetailsElement;
}

/** `onText` is told where the text came from: the scanner field or the manual box. */
export function scanField(options: { testId: string; words: ScanFieldWords; onText: (text: string, source: 'scanner' | 'manual') => void }): ScanField {
  const { testId, words, onText } = options;
  const scanner = h('input', {
    type: 'text',
    class: 'input scanner-input',
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    enterkeyhint: 'go',
    placeholder: words.scannerPlaceholder,
    'aria-label': words.scanner,
    'data-testid': `${testId}-scanner`,
  });
  scanner.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      const value = scanner.value;
      scanner.value = '';
      onText(value, 'scanner');
    }
  });
  const manual = h('textarea', { class: 'input manual-input', rows: 3, placeholder: words.manualPlaceholder, 'aria-label': words.manual, 'data-testid': `${testId}-manual` });
  const manualBox = h(
    'details',
    { class: 'manual' },
    h('summary', null, words.manual),
    manual,
    h(
      'button',
      {
        type: 'button',
        class: 'btn btn-primary',
        'data-testid': `${testId}-manual-submit`,
        onClick: () => {
          const value = manual.value;
          manual.value = '';
          onText(value, 'manual');
        },
      },
      words.submit,
    ),
  );
  return { scanner, manual, manualBox };
}
