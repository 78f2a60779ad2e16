/**
 * A compound's access management (#/compounds/CODE, and the officer console when it drills down
 * to a compound): the access plan editor and its history, the gate whitelist, the friendliness score.
 */

import * as accountsApi from '../accounts/api';
import * as api from './api';
import { ApiError, isAbort } from '../shell/api';
import { h, icon, replace } from '../shell/dom';
import { areaName, formatTime, isOfficer, problemFieldErrors } from '../shell/format';
import { formatNumber, t } from '../shell/i18n';
import { icons } from '../shell/icons';
import type { AccessPlan, DropOffPoint, Gate, PlanMode } from './sync';
import type { Account, WhitelistEntry } from '../shell/types';
import { badge, card, dataTable, errorMessageOf, fillAsync, initialsAvatar, section, skeletonLines } from '../shell/ui';
import { tpass, tpassMaybe } from './messages';
import { describeEditor, editorFromText } from '../places/hours';
import { hoursEditor } from '../places/hours-editor';
import { hoursWords } from '../places/hours-messages';
import './passes-forms.css';

export const MODES: PlanMode[] = ['open', 'pass', 'whitelist', 'drop_off', 'green_lane'];
const BARRIERS = ['property_rules', 'vehicle_free', 'security', 'residents_vote', 'other'] as const;

export function modeLabel(mode: string): string {
  return tpassMaybe(`plan.mode.${mode}`, mode);
}

function canEdit(account: Account): boolean {
  return isOfficer(account.role) || account.role === 'property_manager';
}

/** The whole page with its own header (property managers, deep links). */
export function compoundAdminPage(account: Account, code: string, signal: AbortSignal): HTMLElement {
  const head = h('div', { class: 'console-head' }, h('div', { class: 'sk sk-title' }));
  fillAsync(head, () => h('div', { class: 'sk sk-title' }), async () => {
    const detail = await accountsApi.area(code, signal);
    const back = isOfficer(account.role) && detail.area.parent_code ? `#/areas/${encodeURIComponent(detail.area.parent_code)}` : '#/home';
    return h(
      'div',
      { class: 'console-title' },
      h('h1', { 'data-testid': 'console-area' }, areaName(detail.area)),
      badge(t('level.compound'), 'accent'),
      h('span', { class: 'muted mono' }, detail.area.code),
      h('a', { class: 'btn btn-link', href: back }, tpass('plan.back')),
    );
  });
  return h('div', { class: 'page page-compound-admin', 'data-testid': 'compound-admin' }, head, compoundAdminSections(account, code, signal));
}

/** The sections alone (embedded under the officer console's header). */
export function compoundAdminSections(account: Account, code: string, signal: AbortSignal): HTMLElement {
  const history = h('div');
  const loadHistory = (): void =>
    fillAsync(history, () => skeletonLines(3), async () => {
      const { items } = await api.accessPlanHistory(code, signal);
      if (items.length === 0) return h('div', { class: 'card empty' }, t('common.none'));
      return h(
        'ol',
        { class: 'card plan-history', 'data-testid': 'plan-history' },
        items.map((item) =>
          h(
            'li',
            null,
            h(
              'details',
              null,
              h(
                'summary',
                null,
                h('span', { class: 'badge badge-accent' }, tpass('plan.version', { version: item.version })),
                h('strong', null, modeLabel(item.plan.mode)),
                h('span', { class: 'muted' }, `${formatTime(item.at)} · ${item.actor_login}`),
              ),
              planSummary(item.plan),
            ),
          ),
        ),
      );
    });
  const editor = h('div');
  fillAsync(editor, () => skeletonLines(8), async () => {
    const [plan, gates] = await Promise.all([api.accessPlan(code, signal), api.compoundGates(code, signal).then((g) => g.items, () => [] as Gate[])]);
    return planEditor(code, plan, gates, canEdit(account), loadHistory);
  });
  loadHistory();

  return h(
    'div',
    { class: 'compound-admin' },
    h(
      'div',
      { class: 'grid-2 plan-grid' },
      section(tpass('plan.title'), editor, { testid: 'plan-section' }),
      h(
        'div',
        null,
        section(tpass('compoundMap.title'), mapCard(account, code), { testid: 'compound-map-section' }),
        section(tpass('friendly.title'), friendlinessCard(code, signal), { testid: 'friendliness-section' }),
        section(tpass('whitelist.title'), whitelistCard(code, canEdit(account), signal), { testid: 'whitelist-section' }),
        section(tpass('plan.history'), history, { testid: 'plan-history-section' }),
      ),
    ),
  );
}

/** Links to the compound's map: the editor (officers), the riders' page and the poster. */
function mapCard(account: Account, code: string): HTMLElement {
  const encoded = encodeURIComponent(code);
  return card(
    [
      h('p', { class: 'muted' }, tpass('compoundMap.desc')),
      h(
        'div',
        { class: 'map-links' },
        isOfficer(account.role) ? h('a', { class: 'btn btn-primary', href: `#/compounds/${encoded}/map/edit`, 'data-testid': 'compound-map-edit' }, icon(icons.map), h('span', null, tpass('compoundMap.edit'))) : null,
        h('a', { class: 'btn btn-secondary', href: `/m/${encoded}`, target: '_blank', rel: 'noopener', 'data-testid': 'compound-map-public' }, icon(icons.route), h('span', null, tpass('compoundMap.public'))),
        isOfficer(account.role) ? h('a', { class: 'btn btn-link', href: `/api/v1/compounds/${encoded}/poster.pdf`, download: `${code}-poster.pdf`, 'data-testid': 'compound-map-poster' }, icon(icons.download), h('span', null, tpass('compoundMap.poster'))) : null,
      ),
    ],
    'compound-map-card',
  );
}

/** Stored hours in words ("周一至周五 08:00-20:00；法定节假日不开放"), or the text when the editor cannot read it. */
function hoursInWords(text: string | null | undefined): string {
  const read = text ? editorFromText(text) : null;
  return read ? describeEditor(read, hoursWords()) : text || '—';
}

function planSummary(plan: AccessPlan): HTMLElement {
  const rows: Array<[string, string]> = [
    [tpass('plan.mode'), modeLabel(plan.mode)],
    [tpass('plan.hours'), hoursInWords(plan.opening_hours)],
    [tpass('plan.maxStay'), tpass('gate.minutes', { minutes: plan.max_stay_minutes })],
    [tpass('plan.dropOff'), (plan.drop_off_points ?? []).map((p) => p.name).join('、') || '—'],
  ];
  if (plan.agreement?.meeting_date) rows.push([tpass('plan.agreement'), `${plan.agreement.meeting_date} ${plan.agreement.decision ?? ''}`]);
  return h('dl', { class: 'fields' }, rows.map(([k, v]) => h('div', { class: 'field' }, h('dt', null, k), h('dd', null, v))));
}

function planEditor(code: string, initial: AccessPlan, gates: Gate[], editable: boolean, onSaved: () => void): HTMLElement {
  let plan = initial;
  const form = h('form', { class: 'card plan-form', novalidate: true, 'data-testid': 'plan-form' });
  const render = (): void => {
    const disabled = !editable;
    const modeInputs = MODES.map((mode) =>
      h(
        'label',
        { class: 'mode-option', 'data-mode': mode },
        h('input', { type: 'radio', name: 'mode', value: mode, checked: plan.mode === mode, disabled, 'data-testid': `plan-mode-${mode}` }),
        h('span', { class: 'mode-text' }, h('b', null, modeLabel(mode)), h('small', null, tpassMaybe(`plan.modeDesc.${mode}`, ''))),
      ),
    );
    const hours = hoursEditor({
      value: plan.opening_hours ?? '',
      disabled,
      rawTestId: 'plan-hours',
      name: 'opening_hours',
      onChange: () => {
        hours.setInvalid(false);
        hoursError.hidden = true;
      },
    });
    const maxStay = h('input', { class: 'input input-short', type: 'number', min: 1, max: 1440, name: 'max_stay_minutes', value: String(plan.max_stay_minutes ?? 30), disabled, 'data-testid': 'plan-max-stay' });

    const pointsList = h('div', { class: 'points', 'data-testid': 'plan-points' });
    const addPoint = (p: DropOffPoint): void => {
      const row = h(
        'div',
        { class: 'point-row' },
        h('input', { class: 'input', name: 'point_name', value: p.name, placeholder: tpass('plan.pointName'), disabled, 'data-testid': 'plan-point-name' }),
        h('input', { class: 'input', name: 'point_description', value: p.description ?? '', placeholder: tpass('plan.pointDescription'), disabled, 'data-testid': 'plan-point-description' }),
        editable ? h('button', { type: 'button', class: 'btn btn-ghost', 'aria-label': t('common.remove'), onClick: () => row.remove() }, '✕') : null,
      );
      pointsList.appendChild(row);
    };
    (plan.drop_off_points ?? []).forEach(addPoint);

    const greenBoxes = gates.map((g) =>
      h(
        'label',
        { class: 'check check-inline' },
        h('input', { type: 'checkbox', name: 'green', value: String(g.id), checked: plan.green_lane_gates?.includes(g.id), disabled, 'data-testid': `plan-green-${g.id}` }),
        h('span', null, `${g.name}${g.green_lane ? ` · ${tpass('gate.greenLane')}` : ''}`),
      ),
    );

    const survey = plan.survey ?? { workers_can_enter: true, barrier_reason: null, note: '' };
    const canEnter = (value: boolean): HTMLElement =>
      h('label', { class: 'check check-inline' }, h('input', { type: 'radio', name: 'workers_can_enter', value: String(value), checked: survey.workers_can_enter === value, disabled }), h('span', null, t(value ? 'common.yes' : 'common.no')));
    const barrier = h(
      'select',
      { class: 'input', name: 'barrier_reason', disabled, 'data-testid': 'plan-barrier' },
      h('option', { value: '' }, tpass('plan.barrier.none')),
      BARRIERS.map((b) => h('option', { value: b, selected: survey.barrier_reason === b }, tpass(`plan.barrier.${b}` as 'plan.barrier.other'))),
    );
    const note = h('textarea', { class: 'input', name: 'survey_note', rows: 2, disabled }, survey.note ?? '');
    const agreement = plan.agreement ?? { meeting_date: '', parties: '', decision: '' };
    const meetingDate = h('input', { class: 'input input-short', type: 'date', name: 'meeting_date', value: agreement.meeting_date ?? '', disabled, 'data-testid': 'plan-meeting-date' });
    const parties = h('input', { class: 'input', name: 'parties', value: agreement.parties ?? '', placeholder: tpass('plan.partiesPlaceholder'), disabled });
    const decision = h('textarea', { class: 'input', name: 'decision', rows: 2, placeholder: tpass('plan.decisionPlaceholder'), disabled }, agreement.decision ?? '');

    const message = h('div', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'plan-error' });
    const hoursError = h('div', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'plan-hours-error' });
    const saved = h('div', { class: 'form-ok', role: 'status', hidden: true, 'data-testid': 'plan-saved' });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'plan-save' }, tpass('plan.save'));

    form.onsubmit = async (event) => {
      event.preventDefault();
      const mode = (form.querySelector('input[name="mode"]:checked') as HTMLInputElement | null)?.value as PlanMode | undefined;
      const points: DropOffPoint[] = [...pointsList.querySelectorAll('.point-row')]
        .map((row) => ({ name: (row.children[0] as HTMLInputElement).value.trim(), description: (row.children[1] as HTMLInputElement).value.trim() }))
        .filter((p) => p.name);
      const body: Partial<AccessPlan> = {
        mode: mode ?? plan.mode,
        opening_hours: hours.value(),
        max_stay_minutes: Number(maxStay.value),
        drop_off_points: points,
        green_lane_gates: [...form.querySelectorAll<HTMLInputElement>('input[name="green"]:checked')].map((b) => Number(b.value)),
        survey: {
          workers_can_enter: (form.querySelector('input[name="workers_can_enter"]:checked') as HTMLInputElement | null)?.value !== 'false',
          barrier_reason: (barrier.value || null) as AccessPlan['survey']['barrier_reason'],
          note: note.value.trim(),
        },
        agreement: { meeting_date: meetingDate.value, parties: parties.value.trim(), decision: decision.value.trim() },
      };
      submit.disabled = true;
      message.hidden = true;
      hoursError.hidden = true;
      hours.setInvalid(false);
      saved.hidden = true;
      try {
        plan = await api.saveAccessPlan(code, body);
        render();
        const ok = form.querySelector('[data-testid="plan-saved"]') as HTMLElement;
        ok.hidden = false;
        ok.textContent = tpass('plan.saved', { version: plan.version ?? '' });
        onSaved();
      } catch (error) {
        submit.disabled = false;
        const fields = error instanceof ApiError ? problemFieldErrors(error.problem) : [];
        const content = [icon(icons.alert, 'form-error-icon'), h('div', null, h('div', null, errorMessageOf(error)), fields.map(([f, m]) => h('div', { class: 'field-error' }, `${tpassMaybe(`plan.field.${f}`, f)}：${m}`)))];
        // The server names other fields in quotes ("max_stay_minutes" must …); otherwise it is the hours.
        const detail = error instanceof ApiError ? (error.detail ?? '') : '';
        const aboutHours = error instanceof ApiError && error.code === 'validation_failed' && (/opening_hours/.test(detail) || !/"[a-z_.]+"/.test(detail));
        const box = aboutHours ? hoursError : message;
        box.hidden = false;
        replace(box, ...content);
        if (aboutHours) {
          hours.setInvalid(true);
          hours.focus();
        } else box.scrollIntoView({ block: 'nearest' });
      }
    };

    replace(
      form,
      h('div', { class: 'plan-meta muted', 'data-testid': 'plan-meta' }, plan.version ? tpass('plan.meta', { version: plan.version, time: plan.updated_at ? formatTime(plan.updated_at) : '—', actor: plan.updated_by ?? '—' }) : tpass('plan.never')),
      h('fieldset', { class: 'fs' }, h('legend', null, tpass('plan.mode')), h('div', { class: 'mode-options' }, modeInputs)),
      h('fieldset', { class: 'fs', 'data-testid': 'plan-hours-field' }, h('legend', null, tpass('plan.hours')), hours.element, hoursError),
      h('fieldset', { class: 'fs' }, h('legend', null, tpass('plan.maxStay')), h('div', { class: 'inline' }, maxStay, h('span', null, tpass('plan.minutes')))),
      h(
        'fieldset',
        { class: 'fs' },
        h('legend', null, tpass('plan.dropOff')),
        pointsList,
        editable ? h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'data-testid': 'plan-add-point', onClick: () => addPoint({ name: '', description: '' }) }, `+ ${tpass('plan.addPoint')}`) : null,
      ),
      h('fieldset', { class: 'fs' }, h('legend', null, tpass('plan.greenLanes')), gates.length ? h('div', { class: 'check-grid' }, greenBoxes) : h('p', { class: 'muted' }, tpass('gate.noGates'))),
      h(
        'fieldset',
        { class: 'fs' },
        h('legend', null, tpass('plan.survey')),
        h('span', { class: 'label-sm' }, tpass('plan.canEnter')),
        h('div', { class: 'inline' }, canEnter(true), canEnter(false)),
        h('span', { class: 'label-sm' }, tpass('plan.barrier')),
        barrier,
        h('span', { class: 'label-sm' }, tpass('plan.note')),
        note,
      ),
      h(
        'fieldset',
        { class: 'fs' },
        h('legend', null, tpass('plan.agreement')),
        h('span', { class: 'label-sm' }, tpass('plan.meetingDate')),
        meetingDate,
        h('span', { class: 'label-sm' }, tpass('plan.parties')),
        parties,
        h('span', { class: 'label-sm' }, tpass('plan.decision')),
        decision,
      ),
      message,
      saved,
      editable ? h('div', { class: 'form-actions' }, submit) : h('p', { class: 'muted' }, tpass('plan.readOnly')),
    );
  };
  render();
  return form;
}

/** A whitelist row as the server lists it (the phone masked). */
type WhitelistRow = WhitelistEntry & { phone_masked?: string | null };

function normalizeWhitelist(answer: unknown): WhitelistRow[] {
  const list = Array.isArray(answer) ? answer : ((answer as Record<string, unknown>)?.items ?? (answer as Record<string, unknown>)?.workers ?? (answer as Record<string, unknown>)?.worker_ids ?? []);
  return (list as unknown[]).map((item) => (typeof item === 'number' ? { worker_id: item } : (item as WhitelistRow)));
}

/**
 * Adding riders to the whitelist by what staff know of them: a part of the name or the whole phone
 * number. Riders found in the caller's area are listed with their masked phone and platform, and
 * each is added with one tap (GET …/whitelist/candidates, POST …/whitelist).
 */
function whitelistFinder(code: string, onAdded: () => void): HTMLElement {
  const input = h('input', {
    type: 'search',
    class: 'input',
    enterkeyhint: 'search',
    autocomplete: 'off',
    placeholder: tpass('whitelist.searchPlaceholder'),
    'aria-label': tpass('whitelist.searchPlaceholder'),
    'data-testid': 'whitelist-search',
  });
  const results = h('div', { class: 'wl-results', 'aria-live': 'polite', 'data-testid': 'whitelist-results' });
  let asked = 0;
  let timer = 0;
  let controller: AbortController | null = null;

  const row = (c: api.WhitelistCandidate): HTMLElement => {
    const action = h('div', { class: 'wl-action' });
    const showListed = (): void => replace(action, badge(tpass('whitelist.listed'), 'ok', `whitelist-listed-${c.worker_id}`));
    if (c.on_whitelist) showListed();
    else {
      const button: HTMLButtonElement = h(
        'button',
        {
          type: 'button',
          class: 'btn btn-primary wl-add',
          'data-testid': `whitelist-add-${c.worker_id}`,
          onClick: async () => {
            button.disabled = true;
            try {
              await api.whitelistAdd(code, c.worker_id);
              c.on_whitelist = true;
              showListed();
              onAdded();
            } catch (error) {
              button.disabled = false;
              replace(results, h('p', { class: 'form-error', role: 'alert', 'data-testid': 'whitelist-search-error' }, errorMessageOf(error)), results.querySelector('ul'));
            }
          },
        },
        `+ ${tpass('whitelist.add')}`,
      );
      replace(action, button);
    }
    return h(
      'li',
      { class: 'wl-candidate', 'data-testid': 'whitelist-candidate', 'data-worker-id': c.worker_id },
      initialsAvatar(c.name, 'avatar avatar-sm'),
      h('div', { class: 'wl-who' }, h('strong', null, c.name), h('span', { class: 'muted' }, [h('span', { class: 'mono' }, c.phone_masked), ` · ${c.platform}`])),
      action,
    );
  };

  const search = async (): Promise<void> => {
    const q = input.value.trim();
    const mine = ++asked;
    controller?.abort();
    controller = null;
    if (!q) {
      replace(results);
      return;
    }
    const digits = q.replace(/[\s-]/g, '');
    if (/^\d+$/.test(digits) && digits.length !== 11) {
      replace(results, h('p', { class: 'hint', 'data-testid': 'whitelist-phone-whole' }, tpass('whitelist.phoneWhole')));
      return;
    }
    controller = new AbortController();
    try {
      const { items } = await api.whitelistCandidates(code, q, controller.signal);
      if (mine !== asked) return;
      replace(results, items.length ? h('ul', { class: 'wl-list' }, items.map(row)) : h('p', { class: 'hint', 'data-testid': 'whitelist-none' }, tpass('whitelist.none')));
    } catch (error) {
      if (mine !== asked || isAbort(error)) return;
      replace(results, h('p', { class: 'form-error', role: 'alert', 'data-testid': 'whitelist-search-error' }, errorMessageOf(error)));
    }
  };
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void search(), 300);
  });

  return h(
    'form',
    {
      class: 'wl-finder',
      onSubmit: (event: Event) => {
        event.preventDefault();
        window.clearTimeout(timer);
        void search();
      },
    },
    h('div', { class: 'searchbar' }, h('div', { class: 'plain-field' }, input), h('button', { type: 'submit', class: 'btn btn-secondary', 'data-testid': 'whitelist-find' }, tpass('whitelist.find'))),
    h('p', { class: 'hint' }, tpass('whitelist.searchHint')),
    results,
  );
}

function whitelistCard(code: string, editable: boolean, signal: AbortSignal): HTMLElement {
  const body = h('div', { class: 'card list-card' });
  const list = h('div');
  const message = h('div', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'whitelist-error' });
  const load = (): void =>
    fillAsync(list, () => skeletonLines(3), async () => {
      const entries = normalizeWhitelist(await api.whitelist(code, signal));
      return dataTable<WhitelistRow>(
        [
          { label: tpass('whitelist.worker'), cell: (e) => h('span', null, h('strong', null, e.name ?? `#${e.worker_id}`), e.phone_masked ? h('span', { class: 'muted mono' }, ` ${e.phone_masked}`) : null) },
          { label: t('col.platform'), cell: (e) => e.platform ?? '—' },
          { label: tpass('whitelist.added'), cell: (e) => (e.added_at ? h('span', { class: 'mono nowrap' }, formatTime(e.added_at)) : '—') },
          {
            label: t('col.action'),
            cell: (e) =>
              editable
                ? h(
                    'button',
                    {
                      type: 'button',
                      class: 'btn btn-ghost btn-small',
                      'data-testid': `whitelist-remove-${e.worker_id}`,
                      onClick: async () => {
                        try {
                          await api.whitelistRemove(code, e.worker_id);
                          load();
                        } catch (error) {
                          message.hidden = false;
                          message.textContent = errorMessageOf(error);
                        }
                      },
                    },
                    t('common.remove'),
                  )
                : '—',
          },
        ],
        entries,
        'whitelist-table',
      );
    });
  const add = editable ? whitelistFinder(code, load) : null;
  replace(
    body,
    add,
    message,
    list,
    h('div', { class: 'more' }, h('a', { class: 'btn btn-link', href: api.whitelistCsvUrl(code), download: `whitelist-${code}.csv`, 'data-testid': 'whitelist-csv' }, icon(icons.download), h('span', null, tpass('whitelist.csv')))),
  );
  load();
  return body;
}

function friendlinessCard(code: string, signal: AbortSignal): HTMLElement {
  const body = h('div');
  fillAsync(body, () => skeletonLines(3), async () => {
    const f = await api.friendliness(code, signal);
    return card(
      [
        h(
          'div',
          { class: 'score-row' },
          h('div', { class: 'score', 'data-testid': 'friendliness-score' }, f.score == null || f.ratings === 0 ? '—' : f.score.toFixed(1), h('small', null, '/ 5')),
          h(
            'div',
            { class: 'score-facts' },
            h('span', null, tpass('friendly.ratings', { count: formatNumber(f.ratings) })),
            f.score == null && f.min_ratings ? h('span', { class: 'muted', 'data-testid': 'friendliness-not-enough' }, tpass('friendly.notEnough', { min: formatNumber(f.min_ratings) })) : null,
            h('span', { class: f.unfair_reports ? 'text-bad' : '' }, tpass('friendly.unfair', { count: formatNumber(f.unfair_reports) })),
          ),
        ),
        f.comments.length
          ? h(
              'ul',
              { class: 'comments', 'data-testid': 'friendliness-comments' },
              f.comments.slice(0, 10).map((c) =>
                h(
                  'li',
                  null,
                  h('div', { class: 'comment-head' }, h('span', { class: 'stars-text', 'aria-label': tpass('rate.stars', { count: c.rating }) }, '★'.repeat(c.rating) + '☆'.repeat(Math.max(0, 5 - c.rating))), c.unfair ? badge(tpass('rate.unfair'), 'bad') : null, h('span', { class: 'muted mono' }, formatTime(c.at))),
                  c.comment ? h('p', null, c.comment) : null,
                ),
              ),
            )
          : h('p', { class: 'muted' }, tpass('friendly.noComments')),
      ],
      'friendly-card',
    );
  });
  return body;
}
