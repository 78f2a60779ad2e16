/**
 * The opening-hours editor for staff (the place form, the compound's access plan): day chips, time
 * ranges, public holidays as usual / closed / other hours, and "24 hours", written as the OSM
 * `opening_hours` text the server reads (hours.ts), with the result in words under it. A stored
 * text the editor cannot show opens as raw text, which staff may also choose to type.
 */

import { h, replace } from '../shell/dom';
import { describeEditor, editorFromText, isOpeningHours, opensAtAll, textFromEditor, WHOLE_DAY, type EditorGroup, type EditorHours, type EditorRange, type HolidayChoice } from './hours';
import { dayChips, hoursWords, th } from './hours-messages';
import './hours-editor.css';

export interface HoursEditorOptions {
  /** The stored text ('' for none yet). */
  value: string;
  disabled?: boolean;
  /** data-testid of the raw text field. */
  rawTestId: string;
  /** name of the raw text field. */
  name?: string;
  maxLength?: number;
  /** value() is '' when the choices open on no day (a place must say when it is open). */
  emptyWhenClosed?: boolean;
  /** After every change (to clear a message shown beside the field). */
  onChange?: () => void;
}

export interface HoursEditor {
  element: HTMLElement;
  /** The text to save: the editor's OSM text, or the raw text as typed. */
  value(): string;
  focus(): void;
  /** Marks the field as refused by the server (or not). */
  setInvalid(invalid: boolean): void;
}

const WEEKDAYS = [0, 1, 2, 3, 4];
const WEEKEND = [5, 6];
const ALL_DAYS = [0, 1, 2, 3, 4, 5, 6];
const DEFAULT_RANGE: EditorRange = { from: '08:00', to: '20:00' };
const HOLIDAY_RANGE: EditorRange = { from: '10:00', to: '16:00' };
const HOLIDAY_CHOICES: HolidayChoice[] = ['same', 'closed', 'hours'];

const newGroup = (days: number[] = []): EditorGroup => ({ days, ranges: [{ ...DEFAULT_RANGE }] });
const fresh = (): EditorHours => ({ always: false, groups: [newGroup()], holiday: 'same', holidayRanges: [] });
const isWholeDay = (ranges: readonly EditorRange[]): boolean => ranges.length === 1 && ranges[0]!.from === WHOLE_DAY.from && ranges[0]!.to === WHOLE_DAY.to;
/** An end before the start, other than midnight, runs into the next day. */
const overnight = (range: EditorRange): boolean => !!range.from && !!range.to && range.to !== '00:00' && range.to <= range.from;

export function hoursEditor(options: HoursEditorOptions): HoursEditor {
  const disabled = !!options.disabled;
  const initial = options.value.trim();
  const parsed = initial ? editorFromText(initial) : null;
  let state: EditorHours = parsed ?? fresh();
  if (!state.always && state.groups.length === 0) state.groups.push(newGroup());
  let raw = !!initial && !parsed;

  const root = h('div', { class: 'hours-editor', 'data-testid': 'hours-editor' });
  const body = h('div', { class: 'he-body' });
  const preview = h('p', { class: 'he-preview-text', 'data-testid': 'hours-preview' });
  // The OSM text itself, small under the words: a code, not a sentence to translate.
  const osm = h('code', { class: 'he-osm', translate: 'no', 'data-testid': 'hours-osm' });
  const previewBox = h('div', { class: 'he-preview', 'aria-live': 'polite' }, h('span', { class: 'label-sm' }, th('hours.preview')), preview, osm);
  const rawInput = h('input', {
    class: 'input he-raw',
    name: options.name,
    value: initial,
    maxlength: options.maxLength ?? 255,
    disabled,
    autocomplete: 'off',
    autocapitalize: 'off',
    spellcheck: 'false',
    'aria-label': th('hours.raw'),
    'data-testid': options.rawTestId,
  });
  const rawNote = h('div', { class: 'he-raw-note', role: 'status', 'data-testid': 'hours-raw-note', hidden: true });
  const toggle = h('button', { type: 'button', class: 'btn btn-link he-toggle', disabled, 'data-testid': 'hours-raw-toggle' });

  const showPreview = (): void => {
    preview.textContent = describeEditor(state, hoursWords());
    osm.textContent = textFromEditor(state);
  };
  const changed = (): void => {
    showPreview();
    options.onChange?.();
  };

  const restart = (): void => {
    state = fresh();
    raw = false;
    renderAll();
    options.onChange?.();
  };
  const showRawNote = (key: 'hours.rawOnly' | 'hours.rawInvalid'): void => {
    rawNote.hidden = false;
    replace(rawNote, h('span', null, th(key)), disabled ? null : h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'data-testid': 'hours-restart', onClick: restart }, th('hours.restart')));
  };
  rawInput.addEventListener('input', () => {
    rawNote.hidden = true;
    options.onChange?.();
  });

  toggle.addEventListener('click', () => {
    if (raw) {
      const read = editorFromText(rawInput.value);
      if (!read) {
        showRawNote(isOpeningHours(rawInput.value) ? 'hours.rawOnly' : 'hours.rawInvalid');
        return;
      }
      state = read;
      if (!state.always && state.groups.length === 0) state.groups.push(newGroup());
      raw = false;
      renderAll();
    } else {
      rawInput.value = textFromEditor(state);
      raw = true;
      rawNote.hidden = true;
      renderAll();
      rawInput.focus();
    }
  });

  // ---- the choices -------------------------------------------------------------------------

  const timeInput = (range: EditorRange, end: 'from' | 'to', onChange: () => void): HTMLInputElement =>
    h('input', {
      type: 'time',
      class: 'input he-time',
      value: range[end],
      disabled,
      'aria-label': th(end === 'from' ? 'hours.from' : 'hours.until'),
      'data-testid': end === 'from' ? 'hours-from' : 'hours-to',
      onInput: (event: Event) => {
        range[end] = (event.target as HTMLInputElement).value;
        onChange();
        changed();
      },
    });

  /** The ranges of a group (or of the holidays): a whole-day switch, then each range. */
  const rangesBlock = (ranges: EditorRange[]): HTMLElement => {
    const whole = isWholeDay(ranges);
    const wholeBox = h('input', {
      type: 'checkbox',
      checked: whole,
      disabled,
      'data-testid': 'hours-allday',
      onChange: (event: Event) => {
        ranges.splice(0, ranges.length, (event.target as HTMLInputElement).checked ? { ...WHOLE_DAY } : { ...DEFAULT_RANGE });
        renderBody();
        changed();
      },
    });
    const rows = whole
      ? []
      : ranges.map((range, index) => {
          const note = h('span', { class: 'he-overnight', hidden: !overnight(range) }, th('hours.overnight'));
          const update = (): void => {
            note.hidden = !overnight(range);
          };
          return h(
            'div',
            { class: 'he-range', 'data-testid': 'hours-range' },
            timeInput(range, 'from', update),
            h('span', { class: 'he-to' }, th('hours.to')),
            timeInput(range, 'to', update),
            ranges.length > 1 && !disabled
              ? h(
                  'button',
                  {
                    type: 'button',
                    class: 'btn btn-ghost he-icon-btn',
                    'aria-label': th('hours.removeRange'),
                    title: th('hours.removeRange'),
                    'data-testid': 'hours-remove-range',
                    onClick: () => {
                      ranges.splice(index, 1);
                      renderBody();
                      changed();
                    },
                  },
                  '✕',
                )
              : null,
            note,
          );
        });
    return h(
      'div',
      { class: 'he-ranges' },
      h('label', { class: 'he-check' }, wholeBox, h('span', null, th('hours.wholeDay'))),
      rows,
      whole || disabled
        ? null
        : h(
            'button',
            {
              type: 'button',
              class: 'btn btn-secondary btn-small he-add',
              'data-testid': 'hours-add-range',
              onClick: () => {
                ranges.push({ from: '', to: '' });
                renderBody();
                changed();
              },
            },
            `+ ${th('hours.addRange')}`,
          ),
    );
  };

  /** Chooses `days` for group `index` and takes them from the other groups (a day has one set of hours). */
  const setDays = (index: number, days: number[]): void => {
    state.groups.forEach((group, other) => {
      if (other === index) group.days = [...new Set(days)].sort((a, b) => a - b);
      else group.days = group.days.filter((d) => !days.includes(d));
    });
    renderBody();
    changed();
  };

  const groupCard = (group: EditorGroup, index: number): HTMLElement => {
    const chips = dayChips();
    const several = state.groups.length > 1;
    return h(
      'div',
      { class: 'he-group', 'data-testid': 'hours-group' },
      several
        ? h(
            'div',
            { class: 'he-group-head' },
            h('span', { class: 'label-sm' }, th('hours.group', { number: index + 1 })),
            disabled
              ? null
              : h(
                  'button',
                  {
                    type: 'button',
                    class: 'btn btn-ghost btn-small',
                    'data-testid': 'hours-remove-group',
                    onClick: () => {
                      state.groups.splice(index, 1);
                      renderBody();
                      changed();
                    },
                  },
                  th('hours.removeGroup'),
                ),
          )
        : null,
      h(
        'div',
        { class: 'he-days', role: 'group', 'aria-label': th('hours.days') },
        ALL_DAYS.map((day) =>
          h(
            'button',
            {
              type: 'button',
              class: 'he-day',
              disabled,
              'aria-pressed': String(group.days.includes(day)),
              'aria-label': hoursWords().days[day],
              'data-day': day,
              'data-testid': 'hours-day',
              onClick: () => setDays(index, group.days.includes(day) ? group.days.filter((d) => d !== day) : [...group.days, day]),
            },
            chips[day],
          ),
        ),
      ),
      disabled
        ? null
        : h(
            'div',
            { class: 'he-quick' },
            (
              [
                ['hours.weekdays', WEEKDAYS, 'hours-quick-weekdays'],
                ['hours.weekend', WEEKEND, 'hours-quick-weekend'],
                ['hours.everyDay', ALL_DAYS, 'hours-quick-all'],
              ] as const
            ).map(([key, days, testid]) => h('button', { type: 'button', class: 'chip-btn he-quick-btn', 'data-testid': testid, onClick: () => setDays(index, [...days]) }, th(key))),
          ),
      rangesBlock(group.ranges),
    );
  };

  const holidayBlock = (): HTMLElement =>
    h(
      'div',
      { class: 'he-holiday' },
      h('span', { class: 'label-sm' }, th('hours.holiday')),
      h(
        'div',
        { class: 'segmented he-segmented', role: 'group', 'aria-label': th('hours.holiday') },
        HOLIDAY_CHOICES.map((choice) =>
          h(
            'button',
            {
              type: 'button',
              class: 'seg he-seg',
              disabled,
              'aria-pressed': String(state.holiday === choice),
              'data-testid': `hours-holiday-${choice}`,
              onClick: () => {
                state.holiday = choice;
                if (choice === 'hours' && state.holidayRanges.length === 0) state.holidayRanges.push({ ...HOLIDAY_RANGE });
                renderBody();
                changed();
              },
            },
            th(choice === 'same' ? 'hours.holidaySame' : choice === 'closed' ? 'hours.holidayClosed' : 'hours.holidayHours'),
          ),
        ),
      ),
      state.holiday === 'hours' ? h('div', { class: 'he-holiday-ranges', 'data-testid': 'hours-holiday-ranges' }, rangesBlock(state.holidayRanges)) : null,
    );

  const renderBody = (): void => {
    const always = h('input', {
      type: 'checkbox',
      checked: state.always,
      disabled,
      'data-testid': 'hours-always',
      onChange: (event: Event) => {
        state.always = (event.target as HTMLInputElement).checked;
        if (!state.always && state.groups.length === 0) state.groups.push(newGroup(ALL_DAYS));
        renderBody();
        changed();
      },
    });
    replace(
      body,
      h('label', { class: 'he-check he-always' }, always, h('span', null, th('hours.always'))),
      state.always
        ? null
        : [
            state.groups.map(groupCard),
            h('p', { class: 'hint' }, th('hours.pickDays')),
            disabled
              ? null
              : h(
                  'button',
                  {
                    type: 'button',
                    class: 'btn btn-secondary btn-small he-add',
                    'data-testid': 'hours-add-group',
                    onClick: () => {
                      const used = new Set(state.groups.flatMap((g) => g.days));
                      state.groups.push(newGroup(ALL_DAYS.filter((d) => !used.has(d))));
                      renderBody();
                      changed();
                    },
                  },
                  `+ ${th('hours.addGroup')}`,
                ),
            holidayBlock(),
          ],
    );
  };

  const renderAll = (): void => {
    root.dataset.mode = raw ? 'raw' : 'editor';
    toggle.textContent = th(raw ? 'hours.useEditor' : 'hours.raw');
    if (raw) {
      replace(root, h('div', { class: 'he-raw-box' }, rawInput, rawNote, h('p', { class: 'hint' }, th('hours.rawHint'))), toggle);
    } else {
      renderBody();
      replace(root, body, previewBox, toggle);
      showPreview();
    }
  };

  renderAll();
  if (raw) showRawNote('hours.rawOnly');

  return {
    element: root,
    value: () => {
      if (raw) return rawInput.value.trim();
      return options.emptyWhenClosed && !opensAtAll(state) ? '' : textFromEditor(state);
    },
    focus: () => {
      const target = raw ? rawInput : root.querySelector<HTMLElement>('[data-testid="hours-day"]:not(:disabled), [data-testid="hours-always"]');
      target?.focus();
      root.scrollIntoView({ block: 'center' });
    },
    setInvalid: (invalid) => {
      root.classList.toggle('is-invalid', invalid);
      if (invalid) rawInput.setAttribute('aria-invalid', 'true');
      else rawInput.removeAttribute('aria-invalid');
    },
  };
}
