/**
 * A compound's access management (#/compounds/CODE, and the officer console when it drills down
 * to a compound): the access plan editor and its history, the gate whitelist, the friendliness score.
 */

import * as accountsApi from '../accounts/api';
import * as api from './api';
import { ApiError } from '../shell/api';
import { h, icon, replace } from '../shell/dom';
import { areaName, formatTime, isOfficer, problemFieldErrors } from '../shell/format';
import { formatNumber, t } from '../shell/i18n';
import { icons } from '../shell/icons';
import type { AccessPlan, DropOffPoint, Gate, PlanMode } from './sync';
import type { Account, WhitelistEntry } from '../shell/types';
import { badge, card, dataTable, errorMessageOf, fillAsync, section, skeletonLines } from '../shell/ui';
import { tpass, tpassMaybe } from './messages';

export const MODES: PlanMode[] = ['open', 'pass', 'whitelist', 'drop_off', 'green_lane'];
const BARRIERS = ['property_rules', 'vehicle_free', 'security', 'residents_vote', 'other'] as const;
const HOUR_EXAMPLES = ['Mo-Su 06:00-23:00', 'Mo-Fr 07:00-22:00; Sa-Su 08:00-21:00', 'Mo-Su 07:00-21:00; PH off', '24/7'];

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

function planSummary(plan: AccessPlan): HTMLElement {
  const rows: Array<[string, string]> = [
    [tpass('plan.mode'), modeLabel(plan.mode)],
    [tpass('plan.hours'), plan.opening_hours || '—'],
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
    const hours = h('input', { class: 'input', name: 'opening_hours', value: plan.opening_hours ?? '', disabled, 'data-testid': 'plan-hours', placeholder: HOUR_EXAMPLES[0] });
    const examples = h(
      'div',
      { class: 'chips-row' },
      h('span', { class: 'muted' }, tpass('plan.examples')),
      HOUR_EXAMPLES.map((example) => h('button', { type: 'button', class: 'chip-btn', disabled, onClick: () => (hours.value = example) }, example)),
    );
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
        opening_hours: hours.value.trim(),
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
      hours.removeAttribute('aria-invalid');
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
          hours.setAttribute('aria-invalid', 'true');
          hours.focus();
          hours.scrollIntoView({ block: 'center' });
        } else box.scrollIntoView({ block: 'nearest' });
      }
    };

    replace(
      form,
      h('div', { class: 'plan-meta muted', 'data-testid': 'plan-meta' }, plan.version ? tpass('plan.meta', { version: plan.version, time: plan.updated_at ? formatTime(plan.updated_at) : '—', actor: plan.updated_by ?? '—' }) : tpass('plan.never')),
      h('fieldset', { class: 'fs' }, h('legend', null, tpass('plan.mode')), h('div', { class: 'mode-options' }, modeInputs)),
      h('fieldset', { class: 'fs' }, h('legend', null, tpass('plan.hours')), hours, hoursError, examples, h('p', { class: 'hint' }, tpass('plan.hoursHint'))),
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

function normalizeWhitelist(answer: unknown): WhitelistEntry[] {
  const list = Array.isArray(answer) ? answer : ((answer as Record<string, unknown>)?.items ?? (answer as Record<string, unknown>)?.workers ?? (answer as Record<string, unknown>)?.worker_ids ?? []);
  return (list as unknown[]).map((item) => (typeof item === 'number' ? { worker_id: item } : (item as WhitelistEntry)));
}

function whitelistCard(code: string, editable: boolean, signal: AbortSignal): HTMLElement {
  const body = h('div', { class: 'card list-card' });
  const list = h('div');
  const message = h('div', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'whitelist-error' });
  const load = (): void =>
    fillAsync(list, () => skeletonLines(3), async () => {
      const entries = normalizeWhitelist(await api.whitelist(code, signal));
      return dataTable<WhitelistEntry>(
        [
          { label: tpass('whitelist.worker'), cell: (e) => h('span', null, h('strong', null, e.name ?? `#${e.worker_id}`), e.name ? h('span', { class: 'muted mono' }, ` #${e.worker_id}`) : null) },
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
  const idInput = h('input', { class: 'input', type: 'number', min: 1, inputmode: 'numeric', placeholder: tpass('whitelist.idPlaceholder'), 'aria-label': tpass('whitelist.idPlaceholder'), 'data-testid': 'whitelist-id' });
  const add = h(
    'form',
    {
      class: 'searchbar',
      onSubmit: async (event: Event) => {
        event.preventDefault();
        const id = Number(idInput.value);
        if (!Number.isInteger(id) || id <= 0) return;
        message.hidden = true;
        try {
          await api.whitelistAdd(code, id);
          idInput.value = '';
          load();
        } catch (error) {
          message.hidden = false;
          message.textContent = errorMessageOf(error);
        }
      },
    },
    h('div', { class: 'plain-field' }, idInput),
    h('button', { type: 'submit', class: 'btn btn-secondary', 'data-testid': 'whitelist-add' }, `+ ${tpass('whitelist.add')}`),
  );
  replace(
    body,
    editable ? add : null,
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
