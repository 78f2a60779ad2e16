/**
 * 积分规则 on 积分管理 (#/points/admin): the earning rules in force for the officer's area, one
 * line per trigger (随手拍上报被确认, 参加活动, …) with its points, its caps per day and month, the
 * pool that pays and where it comes from (全市默认, 本级设置, 沿用中关村街道). An officer edits
 * the rule for their own area or an area below it (city officers the city's default), or drops
 * an area's own rule so the parent's applies again. A refusal shows the server's own sentence.
 */

import * as accountsApi from '../accounts/api';
import { isAbort } from '../shell/api';
import { h, replace } from '../shell/dom';
import { formatNumber } from '../shell/i18n';
import type { Account } from '../shell/types';
import { badge, errorBox, section, skeletonLines } from '../shell/ui';
import { refusalText, tpt, type PointsMessageKey } from './messages';
import * as rulesApi from './rules-api';
import { mayReset, readRuleForm, ruleSource } from './rules-model';

const CITY_WIDE = new Set(['city_officer', 'admin']);

const triggerText = (trigger: string): string =>
  (rulesApi.TRIGGERS as readonly string[]).includes(trigger) ? tpt(`rules.trigger.${trigger}` as PointsMessageKey) : trigger;

const capText = (cap: number | null): string => (cap === null ? tpt('rules.noCap') : formatNumber(cap));

function sourceBadge(line: rulesApi.RuleLine): HTMLElement {
  const source = ruleSource(line);
  switch (source.kind) {
    case 'own':
      return badge(tpt('rules.fromOwn'), 'accent', 'rule-source');
    case 'city':
      return badge(tpt('rules.fromCity'), 'muted', 'rule-source');
    case 'parent':
      return badge(tpt('rules.fromParent', { name: source.name }), 'muted', 'rule-source');
    default:
      return badge(tpt('rules.none'), 'warn', 'rule-source');
  }
}

function summary(line: rulesApi.RuleLine): string {
  const rule = line.rule;
  if (!rule) return tpt('rules.none');
  const parts = [tpt('points.count', { count: formatNumber(rule.points) }), tpt('rules.caps', { day: capText(rule.daily_cap), month: capText(rule.monthly_cap) }), tpt('rules.pool', { pool: rule.pool.name })];
  return parts.join(' · ');
}

const field = (label: string, control: HTMLElement, hint?: string): HTMLElement =>
  h('label', { class: 'pt-field' }, h('span', { class: 'label-sm' }, label), control, hint ? h('span', { class: 'hint' }, hint) : null);

/** The rules section of 积分管理; `account` decides the areas offered and whether rules may be edited. */
export function rulesSection(account: Account, signal: AbortSignal): HTMLElement {
  const cityWide = CITY_WIDE.has(account.role);
  const mayEdit = account.role !== 'grid_officer';
  const ownArea = cityWide ? 'city' : account.area.code;
  let area = ownArea;
  let openEditor: HTMLElement | null = null;

  const status = h('div', { class: 'form-ok', role: 'status', hidden: true, 'data-testid': 'rules-status' });
  const body = h('div', { 'data-testid': 'rules-body' }, skeletonLines(4));
  const picker = h('select', { class: 'input', 'data-testid': 'rules-area', 'aria-label': tpt('rules.area') }, h('option', { value: ownArea }, cityWide ? tpt('rules.areaCity') : tpt('rules.areaOwn', { name: account.area.name_zh })));
  const pickerField = h('label', { class: 'pt-field', hidden: true }, h('span', { class: 'label-sm' }, tpt('rules.area')), picker);
  picker.addEventListener('change', () => {
    area = picker.value;
    status.hidden = true;
    void load();
  });

  const editor = (line: rulesApi.RuleLine, row: HTMLElement): HTMLElement => {
    const rule = line.rule;
    const points = h('input', { class: 'input', type: 'text', inputmode: 'numeric', maxlength: 5, value: rule ? String(rule.points) : '', 'data-testid': 'rule-points', 'aria-label': tpt('rules.points') });
    const daily = h('input', { class: 'input', type: 'text', inputmode: 'numeric', maxlength: 7, value: rule?.daily_cap != null ? String(rule.daily_cap) : '', 'data-testid': 'rule-daily', 'aria-label': tpt('rules.dailyCap') });
    const monthly = h('input', { class: 'input', type: 'text', inputmode: 'numeric', maxlength: 7, value: rule?.monthly_cap != null ? String(rule.monthly_cap) : '', 'data-testid': 'rule-monthly', 'aria-label': tpt('rules.monthlyCap') });
    const active = h('input', { type: 'checkbox', checked: rule ? rule.active : true, 'data-testid': 'rule-active' });
    const error = h('div', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'rule-error' });
    const save = h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'rule-save' }, tpt('rules.save'));
    const fail = (text: string): void => {
      error.hidden = false;
      error.textContent = text;
    };
    const run = async (call: () => Promise<rulesApi.RuleList>, done: string): Promise<void> => {
      error.hidden = true;
      save.disabled = true;
      save.textContent = tpt('rules.saving');
      try {
        const list = await call();
        if (signal.aborted) return;
        openEditor = null;
        show(list);
        status.hidden = false;
        status.textContent = done;
      } catch (failure) {
        if (!isAbort(failure)) fail(refusalText(failure, 'rules.network'));
      } finally {
        save.disabled = false;
        save.textContent = tpt('rules.save');
      }
    };
    const form = h(
      'form',
      {
        class: 'pt-form pt-rule-editor',
        novalidate: true,
        'data-testid': 'rule-editor',
        onSubmit: (event: Event) => {
          event.preventDefault();
          const read = readRuleForm(points.value, daily.value, monthly.value);
          if (read === 'points' || read === 'cap') {
            fail(tpt(read === 'points' ? 'rules.badPoints' : 'rules.badCap'));
            return;
          }
          const input: rulesApi.RuleInput = { ...read, active: active.checked, ...(area === ownArea && cityWide ? {} : { area_code: area }) };
          void run(() => rulesApi.setRule(line.trigger, input), tpt('rules.saved', { trigger: triggerText(line.trigger), points: read.points }));
        },
      },
      h('div', { class: 'pt-row' }, field(tpt('rules.points'), points), field(tpt('rules.dailyCap'), daily, tpt('rules.capHint')), field(tpt('rules.monthlyCap'), monthly)),
      h('label', { class: 'pt-check' }, active, h('span', null, tpt('rules.active'))),
      error,
      h(
        'div',
        { class: 'pt-actions' },
        save,
        mayReset(line, area)
          ? h('button', { type: 'button', class: 'btn btn-warn', 'data-testid': 'rule-reset', onClick: () => void run(() => rulesApi.removeRule(line.trigger, area === 'city' ? null : area), tpt('rules.removed', { trigger: triggerText(line.trigger) })) }, tpt('rules.reset'))
          : null,
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn-secondary',
            'data-testid': 'rule-cancel',
            onClick: () => {
              form.remove();
              openEditor = null;
              row.classList.remove('is-open');
            },
          },
          tpt('rules.cancel'),
        ),
      ),
    );
    return form;
  };

  const ruleRow = (line: rulesApi.RuleLine): HTMLElement => {
    const row = h(
      'li',
      { class: 'pt-rule', 'data-testid': 'rule-line', 'data-trigger': line.trigger, 'data-points': String(line.rule?.points ?? ''), 'data-own': String(line.own) },
      h(
        'div',
        { class: 'pt-rule-head' },
        h('div', { class: 'pt-line-text' }, h('strong', { class: 'pt-line-reason' }, triggerText(line.trigger)), h('span', { class: 'pt-line-meta', 'data-testid': 'rule-summary' }, summary(line))),
        line.rule && !line.rule.active ? badge(tpt('rules.off'), 'warn', 'rule-off') : null,
        sourceBadge(line),
      ),
    );
    if (mayEdit) {
      const edit = h(
        'button',
        {
          type: 'button',
          class: 'btn btn-secondary pt-rule-edit',
          'data-testid': 'rule-edit',
          onClick: () => {
            openEditor?.remove();
            row.parentElement?.querySelectorAll('.pt-rule.is-open').forEach((open) => open.classList.remove('is-open'));
            openEditor = editor(line, row);
            row.classList.add('is-open');
            row.append(openEditor);
            openEditor.querySelector<HTMLInputElement>('input')?.focus();
          },
        },
        tpt('rules.edit'),
      );
      row.querySelector('.pt-rule-head')?.append(edit);
    }
    return row;
  };

  const show = (list: rulesApi.RuleList): void => {
    replace(body, h('ul', { class: 'card pt-list pt-rules', 'data-testid': 'rules-list', 'data-area': list.area.code }, list.rules.map(ruleRow)));
  };

  const load = async (): Promise<void> => {
    replace(body, skeletonLines(4));
    try {
      const list = await rulesApi.listRules(area === ownArea && cityWide ? null : area, signal);
      if (!signal.aborted) show(list);
    } catch (failure) {
      if (!isAbort(failure)) replace(body, errorBox(failure, () => void load()));
    }
  };

  // The areas one level down, to look at or set their own rules.
  const loadAreas = async (): Promise<void> => {
    try {
      const { children } = await accountsApi.area(account.area.code, signal);
      if (signal.aborted || !children.length) return;
      picker.append(...children.map((child) => h('option', { value: child.code }, child.name_zh)));
      pickerField.hidden = false;
    } catch {
      // Without the list, the caller's own area is still there.
    }
  };

  void load();
  void loadAreas();
  return section(tpt('rules.title'), [h('p', { class: 'hint' }, tpt('rules.intro')), pickerField, status, body], { testid: 'points-rules-section' });
}
