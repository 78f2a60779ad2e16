/**
 * #/conduct/new for guards and property managers: tap a platform, tap what happened, optionally a
 * note, then one big 记录 button (POST /api/v1/conduct). The compound's latest records below.
 */

import * as api from './api';
import { CONDUCT_KINDS, PLATFORMS, detailOf, kindName, platformName, shortStamp, tc } from './messages';
import { h, replace } from '../shell/dom';
import { errorMessageOf, fillAsync, skeletonLines } from '../shell/ui';

function recordRow(r: api.ConductRecord, fresh = false): HTMLElement {
  return h(
    'li',
    { class: `cd-item${fresh ? ' is-fresh' : ''}`, 'data-testid': 'conduct-row', 'data-id': String(r.id), 'data-platform': r.platform, 'data-kind': r.kind },
    h('div', { class: 'cd-item-head' }, h('b', null, platformName(r.platform)), h('span', { class: 'badge badge-warn' }, kindName(r.kind, r.kind_label)), h('time', { class: 'cd-time', datetime: r.at }, shortStamp(r.at))),
    r.note || r.rider_hint ? h('div', { class: 'cd-note' }, [r.note, r.rider_hint].filter(Boolean).join(' · ')) : null,
    h('div', { class: 'cd-meta muted' }, [r.compound?.name, tc('conduct.by', { who: r.recorded_by })].filter(Boolean).join(' · ')),
  );
}

export function conductNewPage(signal: AbortSignal): HTMLElement {
  let platform: string | null = null;
  let kind: string | null = null;
  let sending = false;

  const platformRow = h('div', { class: 'cd-choices cd-platforms', role: 'radiogroup', 'aria-label': tc('conduct.platform'), 'data-testid': 'conduct-platforms' });
  const kindRow = h('div', { class: 'cd-choices cd-kinds', role: 'radiogroup', 'aria-label': tc('conduct.kind'), 'data-testid': 'conduct-kinds' });
  const choice = (value: string, label: string, on: boolean, testid: string, pick: () => void): HTMLButtonElement =>
    h('button', { type: 'button', role: 'radio', class: `cd-choice${on ? ' is-on' : ''}`, 'aria-checked': String(on), 'data-testid': testid, 'data-value': value, onClick: pick }, label);
  const renderChoices = (): void => {
    replace(platformRow, PLATFORMS.map((p) => choice(p, platformName(p), platform === p, 'conduct-platform', () => ((platform = p), renderChoices(), update()))));
    replace(kindRow, CONDUCT_KINDS.map((k) => choice(k, kindName(k), kind === k, 'conduct-kind', () => ((kind = k), renderChoices(), update()))));
  };

  const note = h('textarea', { class: 'input cd-textarea', maxlength: 200, rows: 2, placeholder: tc('conduct.notePlaceholder'), 'data-testid': 'conduct-note' });
  const hint = h('input', { class: 'input', maxlength: 40, placeholder: tc('conduct.riderHintPlaceholder'), 'data-testid': 'conduct-rider-hint' });
  const error = h('div', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'conduct-error' });
  const done = h('div', { class: 'form-ok', role: 'status', hidden: true, 'data-testid': 'conduct-done' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block cd-submit', 'data-testid': 'conduct-submit' }, tc('conduct.submit'));
  const list = h('ul', { class: 'cd-list', 'data-testid': 'conduct-list' });
  const update = (): void => {
    submit.classList.toggle('is-ready', platform !== null && kind !== null);
  };

  const send = async (): Promise<void> => {
    if (sending) return;
    error.hidden = true;
    done.hidden = true;
    if (!platform || !kind) {
      error.hidden = false;
      error.textContent = tc('conduct.missing');
      return;
    }
    sending = true;
    submit.disabled = true;
    submit.textContent = tc('conduct.submitting');
    try {
      const body: { platform: string; kind: string; note?: string; rider_hint?: string } = { platform, kind };
      if (note.value.trim()) body.note = note.value.trim();
      if (hint.value.trim()) body.rider_hint = hint.value.trim();
      const saved = await api.recordConduct(body);
      done.hidden = false;
      done.textContent = tc('conduct.saved', { platform: platformName(saved.platform), kind: kindName(saved.kind, saved.kind_label) });
      list.querySelector('[data-testid="conduct-empty"]')?.remove();
      list.prepend(recordRow(saved, true));
      platform = null;
      kind = null;
      note.value = '';
      hint.value = '';
      renderChoices();
      update();
    } catch (e) {
      error.hidden = false;
      error.textContent = detailOf(e, errorMessageOf);
    } finally {
      sending = false;
      submit.disabled = false;
      submit.textContent = tc('conduct.submit');
    }
  };

  renderChoices();
  update();
  const recent = h('div');
  fillAsync(recent, () => skeletonLines(3), async () => {
    const answer = await api.conductList({ limit: 20 }, signal);
    replace(list, answer.items.length ? answer.items.map((r) => recordRow(r)) : h('li', { class: 'muted', 'data-testid': 'conduct-empty' }, tc('conduct.none')));
    return list;
  });

  return h(
    'div',
    { class: 'page cd', 'data-testid': 'conduct-new-page' },
    h(
      'form',
      {
        class: 'card cd-form',
        novalidate: true,
        onSubmit: (event: Event) => {
          event.preventDefault();
          void send();
        },
      },
      h('h1', { class: 'cd-title' }, tc('conduct.newTitle')),
      h('p', { class: 'muted cd-intro' }, tc('conduct.newIntro')),
      h('h2', { class: 'cd-label' }, tc('conduct.platform')),
      platformRow,
      h('h2', { class: 'cd-label' }, tc('conduct.kind')),
      kindRow,
      h('label', { class: 'cd-field' }, h('span', { class: 'cd-label' }, tc('conduct.note')), note),
      h('label', { class: 'cd-field' }, h('span', { class: 'cd-label' }, tc('conduct.riderHint')), hint),
      error,
      done,
      submit,
    ),
    h('section', { class: 'section' }, h('div', { class: 'section-head' }, h('h2', { class: 'section-title' }, tc('conduct.recent'))), h('div', { class: 'card' }, recent)),
  );
}
