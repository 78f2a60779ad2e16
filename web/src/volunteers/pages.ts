/**
 * 志愿服务 #/volunteers. A worker: my teams with this year's hours (leave), teams of my street to
 * join, the log-hours form, my hours with their state, an hours certificate, the entries awaiting
 * my approval when I lead a team, and my 聘书 with their QR and PDF (D's certificate routes). An
 * organiser: new team, the teams of the area (members, make leader), issue a 聘书, the letters issued (revoke).
 */

import { create } from 'qrcode';
import * as api from './api';
import { isAbort } from '../shell/api';
import { h, replace } from '../shell/dom';
import { drawQr } from '../passes/qr';
import type { Account } from '../shell/types';
import { badge, card, errorBox, errorLine, errorMessageOf, runGuarded, section, skeletonLines } from '../shell/ui';
import { maybe, tv } from './messages';
import { APPOINTMENT_KINDS, dayBounds, entryProblem, hoursText, MAX_MINUTES, MIN_MINUTES, statusTone } from './model';
import './volunteers.css';

type Reload = () => void;
const now = (): number => Math.floor(Date.now() / 1000);

function button(text: string, testid: string, primary = true): HTMLButtonElement {
  return h('button', { type: 'button', class: `btn ${primary ? 'btn-primary' : 'btn-secondary'}`, 'data-testid': testid }, text);
}

/** A button that runs `work` and reloads on success; a refusal shows in `error`. */
function actionButton(text: string, busy: string, testid: string, error: HTMLElement, work: () => Promise<unknown>, done: Reload, primary = true): HTMLButtonElement {
  const b = button(text, testid, primary);
  b.addEventListener('click', () => void runGuarded(b, busy, error, work, errorMessageOf).then((ok) => ok && done()));
  return b;
}

function totalsLine(totals: api.HoursTotals): HTMLElement {
  return h(
    'p',
    { class: 'vo-meta' },
    tv('mine.hours', { hours: hoursText(totals.approved_minutes) }),
    totals.pending_minutes > 0 ? ` · ${tv('mine.pending', { hours: hoursText(totals.pending_minutes) })}` : '',
  );
}

function myTeams(data: api.Volunteering, done: Reload): HTMLElement {
  if (data.teams.length === 0) return h('p', { class: 'vo-empty', 'data-testid': 'vo-no-teams' }, tv('mine.noTeams'));
  return h(
    'div',
    { class: 'vo-list' },
    data.teams.map((team) => {
      const error = errorLine('vo-leave-error');
      return card(
        [
          h('div', { class: 'vo-row' }, h('strong', null, team.name), badge(tv(team.role === 'leader' ? 'mine.leader' : 'mine.member'), team.role === 'leader' ? 'accent' : 'muted')),
          totalsLine(team.hours),
          h('div', { class: 'vo-actions' }, actionButton(tv('mine.leave'), tv('approve.working'), 'vo-leave', error, () => api.leave(team.id), done, false)),
          error,
        ],
        'vo-card',
      );
    }),
  );
}

function joinList(teams: api.Team[], done: Reload): HTMLElement {
  const open = teams.filter((team) => team.can.join);
  if (open.length === 0) return h('p', { class: 'vo-empty' }, tv('join.none'));
  return h(
    'div',
    { class: 'vo-list' },
    open.map((team) => {
      const error = errorLine('vo-join-error');
      return card(
        [
          h('div', { class: 'vo-row' }, h('strong', null, team.name), h('span', { class: 'vo-meta' }, team.area.name)),
          team.intro ? h('p', { class: 'vo-meta' }, team.intro) : null,
          h('p', { class: 'vo-meta' }, tv('join.members', { count: team.members })),
          h('div', { class: 'vo-actions' }, actionButton(tv('join.button'), tv('approve.working'), `vo-join-${team.id}`, error, () => api.join(team.id), done)),
          error,
        ],
        'vo-card',
      );
    }),
  );
}

function logForm(data: api.Volunteering, done: Reload): HTMLElement {
  const bounds = dayBounds(now());
  const team = h(
    'select',
    { class: 'input', 'data-testid': 'vo-log-team' },
    data.teams.map((t) => h('option', { value: String(t.id) }, t.name)),
  );
  const day = h('input', { type: 'date', class: 'input', min: bounds.min, max: bounds.max, value: bounds.max, required: true, 'data-testid': 'vo-log-day' });
  const minutes = h('input', { type: 'number', class: 'input', min: MIN_MINUTES, max: MAX_MINUTES, step: 1, inputmode: 'numeric', required: true, placeholder: tv('log.minutesHint'), 'data-testid': 'vo-log-minutes' });
  const note = h('input', { type: 'text', class: 'input', maxlength: 200, 'data-testid': 'vo-log-note' });
  const error = errorLine('vo-log-error');
  const sent = h('p', { class: 'vo-done', hidden: true, role: 'status', 'data-testid': 'vo-log-done' }, tv('log.done'));
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block', 'data-testid': 'vo-log-submit' }, tv('log.submit'));
  const form = h(
    'form',
    {
      class: 'vo-form',
      onSubmit: (event: Event) => {
        event.preventDefault();
        sent.hidden = true;
        const problem = entryProblem(Number(minutes.value), day.value, now());
        if (problem) {
          error.hidden = false;
          error.textContent = tv(`log.problem.${problem}`);
          return;
        }
        const body: api.NewHours = { day: day.value, minutes: Number(minutes.value), note: note.value };
        void runGuarded(submit, tv('log.sending'), error, () => api.logHours(Number(team.value), body), errorMessageOf).then((ok) => {
          if (!ok) return;
          form.reset();
          day.value = bounds.max;
          sent.hidden = false;
          done();
        });
      },
    },
    h('label', { class: 'label' }, tv('log.team'), team),
    h('label', { class: 'label' }, tv('log.day'), day),
    h('label', { class: 'label' }, tv('log.minutes'), minutes),
    h('label', { class: 'label' }, tv('log.note'), note),
    submit,
    error,
    sent,
  );
  return form;
}

function entryLine(entry: api.HoursEntry): HTMLElement {
  return h(
    'li',
    { class: 'vo-entry', 'data-testid': 'vo-entry', 'data-status': entry.status },
    h('span', null, tv('entries.line', { day: entry.day, team: entry.team.name, minutes: entry.minutes })),
    h('span', { class: 'vo-badges' }, badge(tv(`source.${entry.source}`), 'muted'), badge(tv(`status.${entry.status}`), statusTone(entry.status))),
  );
}

function entries(data: api.Volunteering): HTMLElement {
  const error = errorLine('vo-cert-error');
  const result = h('div', { 'data-testid': 'vo-cert-result' });
  const issue = button(tv('cert.button'), 'vo-cert', false);
  issue.addEventListener('click', () =>
    void runGuarded(issue, tv('cert.working'), error, async () => {
      const issued = await api.hoursCertificate();
      replace(
        result,
        issued.certificates.map((c) => h('p', null, `${c.title} · ${c.detail} `, h('a', { href: c.pdf, target: '_blank', rel: 'noopener', class: 'vo-link' }, tv('cert.pdf')))),
      );
    }, errorMessageOf),
  );
  return h(
    'div',
    null,
    h('p', { class: 'vo-total', 'data-testid': 'vo-total' }, `${tv('mine.year', { year: data.year })}: ${tv('mine.hours', { hours: hoursText(data.totals.approved_minutes) })}`),
    h('p', { class: 'vo-meta' }, `${tv('mine.scan', { hours: hoursText(data.totals.scan_minutes) })} · ${tv('mine.manual', { hours: hoursText(data.totals.manual_minutes) })}`),
    data.entries.length === 0 ? h('p', { class: 'vo-empty' }, tv('entries.empty')) : h('ul', { class: 'vo-entries' }, data.entries.map(entryLine)),
    data.totals.approved_minutes > 0 ? h('div', { class: 'vo-actions' }, issue) : null,
    error,
    result,
  );
}

function approvals(leading: api.MyTeam[], signal: AbortSignal): HTMLElement {
  const body = h('div', null, skeletonLines(2));
  const load = async (): Promise<void> => {
    try {
      const lists = await Promise.all(leading.map((team) => api.pendingHours(team.id, signal)));
      const items = lists.flatMap((list) => list.items);
      if (items.length === 0) {
        replace(body, h('p', { class: 'vo-empty', 'data-testid': 'vo-approve-empty' }, tv('approve.empty')));
        return;
      }
      replace(
        body,
        h(
          'div',
          { class: 'vo-list' },
          items.map((entry) => {
            const error = errorLine('vo-approve-error');
            const reload = (): void => void load();
            const item = card(
              [
                h('p', null, tv('approve.line', { name: entry.name, day: entry.day, minutes: entry.minutes })),
                entry.note ? h('p', { class: 'vo-meta' }, entry.note) : null,
                h(
                  'div',
                  { class: 'vo-actions' },
                  actionButton(tv('approve.approve'), tv('approve.working'), 'vo-approve', error, () => api.decide(entry.id, true), reload),
                  actionButton(tv('approve.reject'), tv('approve.working'), 'vo-reject', error, () => api.decide(entry.id, false), reload, false),
                ),
                error,
              ],
              'vo-card',
            );
            item.dataset.testid = 'vo-approval';
            item.dataset.id = String(entry.id);
            return item;
          }),
        ),
      );
    } catch (failure) {
      if (!isAbort(failure)) replace(body, errorBox(failure, () => void load()));
    }
  };
  void load();
  return body;
}

function qrCanvas(text: string): HTMLCanvasElement {
  const canvas = h('canvas', { class: 'vo-qr', 'data-testid': 'vo-letter-qr' });
  const code = create(text, { errorCorrectionLevel: 'M' });
  const { size, data } = code.modules;
  drawQr(canvas, { size, get: (row, col) => data[row * size + col] === 1 }, 168);
  return canvas;
}

function letterCard(letter: api.Appointment, extra?: HTMLElement): HTMLElement {
  const cert = letter.certificate;
  return card(
    [
      h('div', { class: 'vo-row' }, h('strong', null, letter.title), badge(tv(`letters.status.${letter.status}`), statusTone(letter.status), 'vo-letter-status')),
      h('p', { class: 'vo-meta' }, `${letter.holder_name} · ${maybe(`kind.${letter.kind}`, letter.kind_label)} · ${letter.area.name}`),
      h('p', { class: 'vo-meta' }, tv('letters.term', { from: letter.term_from, until: letter.term_until })),
      cert?.qr_text && letter.status === 'active' ? qrCanvas(cert.qr_text) : null,
      cert
        ? h(
            'div',
            { class: 'vo-actions' },
            h('a', { class: 'btn btn-secondary', href: cert.pdf, target: '_blank', rel: 'noopener', 'data-testid': 'vo-letter-pdf' }, tv('letters.pdf')),
            h('a', { class: 'btn btn-secondary', href: `#/certificates/verify?serial=${encodeURIComponent(cert.serial)}` }, tv('letters.verify')),
          )
        : null,
      extra ?? null,
    ],
    'vo-card vo-letter',
  );
}

function workerView(signal: AbortSignal): HTMLElement {
  const body = h('div', null, skeletonLines(6));
  const load = async (): Promise<void> => {
    try {
      const [data, teams] = await Promise.all([api.mine(signal), api.teams(signal)]);
      const reload = (): void => void load();
      const leading = data.teams.filter((team) => team.role === 'leader');
      replace(
        body,
        section(tv('mine.teams'), myTeams(data, reload), { testid: 'vo-my-teams' }),
        leading.length > 0 ? section(tv('approve.title'), approvals(leading, signal), { testid: 'vo-approvals' }) : null,
        data.teams.length > 0 ? section(tv('log.title'), logForm(data, reload), { testid: 'vo-log' }) : null,
        section(tv('entries.title'), entries(data), { testid: 'vo-entries' }),
        section(tv('join.title'), joinList(teams.items, reload), { testid: 'vo-join' }),
        section(
          tv('letters.title'),
          data.appointments.length === 0 ? h('p', { class: 'vo-empty' }, tv('letters.empty')) : h('div', { class: 'vo-list' }, data.appointments.map((letter) => letterCard(letter))),
          { testid: 'vo-letters' },
        ),
      );
    } catch (failure) {
      if (!isAbort(failure)) replace(body, errorBox(failure, () => void load()));
    }
  };
  void load();
  return body;
}

function newTeamForm(who: Account, done: Reload): HTMLElement {
  const name = h('input', { type: 'text', class: 'input', maxlength: 40, required: true, 'data-testid': 'vo-team-name' });
  const scope = h(
    'select',
    { class: 'input', 'data-testid': 'vo-team-scope' },
    h('option', { value: 'street' }, tv('org.scope.street')),
    h('option', { value: 'platform' }, tv('org.scope.platform')),
  );
  const area = h('input', { type: 'text', class: 'input', inputmode: 'numeric', value: who.area.code, required: true, 'data-testid': 'vo-team-area' });
  const platform = h('input', { type: 'text', class: 'input', maxlength: 20, 'data-testid': 'vo-team-platform' });
  const intro = h('textarea', { class: 'input', rows: 2, maxlength: 500, 'data-testid': 'vo-team-intro' });
  const error = errorLine('vo-team-error');
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block', 'data-testid': 'vo-team-create' }, tv('org.create'));
  const form = h(
    'form',
    {
      class: 'vo-form',
      onSubmit: (event: Event) => {
        event.preventDefault();
        const body: api.NewTeam = { name: name.value, scope: scope.value as 'street' | 'platform', area: area.value.trim(), intro: intro.value };
        if (body.scope === 'platform') body.platform = platform.value;
        void runGuarded(submit, tv('org.creating'), error, () => api.createTeam(body), errorMessageOf).then((ok) => {
          if (!ok) return;
          form.reset();
          area.value = who.area.code;
          done();
        });
      },
    },
    h('label', { class: 'label' }, tv('org.name'), name),
    h('label', { class: 'label' }, tv('org.scope'), scope),
    h('label', { class: 'label' }, tv('org.area'), area),
    h('label', { class: 'label' }, tv('org.platform'), platform),
    h('label', { class: 'label' }, tv('org.intro'), intro),
    submit,
    error,
  );
  return form;
}

function membersOf(team: api.Team): HTMLElement {
  const slot = h('div', { class: 'vo-members' });
  const show = button(tv('org.show'), `vo-show-${team.id}`, false);
  const load = async (): Promise<void> => {
    try {
      const page = await api.teamPage(team.id);
      const reload = (): void => void load();
      const rows = page.member_totals ?? page.member_list;
      replace(
        slot,
        page.pending ? h('p', { class: 'vo-meta' }, tv('org.pending', { count: page.pending })) : null,
        h(
          'ul',
          { class: 'vo-entries' },
          rows.map((member) => {
            const error = errorLine('vo-leader-error');
            const leader = member.role === 'leader';
            return h(
              'li',
              { class: 'vo-entry', 'data-testid': 'vo-member' },
              h('span', null, member.name, member.hours ? ` · ${tv('org.yearTotal', { hours: hoursText(member.hours.approved_minutes) })}` : ''),
              page.can.manage
                ? actionButton(
                    tv(leader ? 'org.unmakeLeader' : 'org.makeLeader'),
                    tv('approve.working'),
                    'vo-leader-toggle',
                    error,
                    () => (leader ? api.removeLeader(team.id, member.account_id) : api.addLeader(team.id, member.account_id)),
                    reload,
                    leader,
                  )
                : badge(tv(leader ? 'mine.leader' : 'mine.member')),
              error,
            );
          }),
        ),
      );
    } catch (failure) {
      if (!isAbort(failure)) replace(slot, errorBox(failure, () => void load()));
    }
  };
  show.addEventListener('click', () => {
    show.hidden = true;
    replace(slot, skeletonLines(2));
    void load();
  });
  return h('div', null, show, slot);
}

function appointForm(done: Reload): HTMLElement {
  const today = dayBounds(now()).max;
  const account = h('input', { type: 'number', class: 'input', min: 1, inputmode: 'numeric', required: true, 'data-testid': 'vo-appoint-account' });
  const kind = h(
    'select',
    { class: 'input', 'data-testid': 'vo-appoint-kind' },
    APPOINTMENT_KINDS.map((k) => h('option', { value: k }, tv(`kind.${k}`))),
  );
  const title = h('input', { type: 'text', class: 'input', maxlength: 40, required: true, value: tv('kind.food_safety_supervisor'), 'data-testid': 'vo-appoint-title' });
  kind.addEventListener('change', () => (title.value = tv(`kind.${kind.value as (typeof APPOINTMENT_KINDS)[number]}`)));
  const from = h('input', { type: 'date', class: 'input', value: today, required: true, 'data-testid': 'vo-appoint-from' });
  const until = h('input', { type: 'date', class: 'input', required: true, 'data-testid': 'vo-appoint-until' });
  const error = errorLine('vo-appoint-error');
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block', 'data-testid': 'vo-appoint-submit' }, tv('appoint.submit'));
  const form = h(
    'form',
    {
      class: 'vo-form',
      onSubmit: (event: Event) => {
        event.preventDefault();
        const body: api.NewAppointment = { account_id: Number(account.value), kind: kind.value, title: title.value, term_from: from.value, term_until: until.value };
        void runGuarded(submit, tv('appoint.sending'), error, () => api.appoint(body), errorMessageOf).then((ok) => ok && done());
      },
    },
    h('label', { class: 'label' }, tv('appoint.account'), account),
    h('label', { class: 'label' }, tv('appoint.kind'), kind),
    h('label', { class: 'label' }, tv('appoint.titleField'), title),
    h('label', { class: 'label' }, tv('appoint.from'), from),
    h('label', { class: 'label' }, tv('appoint.until'), until),
    submit,
    error,
  );
  return form;
}

function organiserView(who: Account, signal: AbortSignal): HTMLElement {
  const body = h('div', null, skeletonLines(6));
  const load = async (): Promise<void> => {
    try {
      const [teams, letters] = await Promise.all([api.teams(signal), api.appointments(signal)]);
      const reload = (): void => void load();
      replace(
        body,
        section(
          tv('org.teams'),
          teams.items.length === 0
            ? h('p', { class: 'vo-empty' }, tv('org.noTeams'))
            : h(
                'div',
                { class: 'vo-list' },
                teams.items.map((team) =>
                  card(
                    [
                      h('div', { class: 'vo-row' }, h('strong', null, team.name), badge(tv(`org.scope.${team.scope}`))),
                      h('p', { class: 'vo-meta' }, `${team.area.name}${team.platform ? ` · ${team.platform}` : ''} · ${tv('join.members', { count: team.members })}`),
                      totalsLine(team.hours_this_year),
                      membersOf(team),
                    ],
                    'vo-card',
                  ),
                ),
              ),
          { testid: 'vo-org-teams' },
        ),
        section(tv('org.newTeam'), newTeamForm(who, reload), { testid: 'vo-new-team' }),
        section(tv('appoint.title'), appointForm(reload), { testid: 'vo-appoint' }),
        section(
          tv('appoint.issued'),
          letters.items.length === 0
            ? h('p', { class: 'vo-empty' }, tv('appoint.none'))
            : h(
                'div',
                { class: 'vo-list' },
                letters.items.map((letter) => {
                  const error = errorLine('vo-revoke-error');
                  const revoke =
                    letter.status === 'active'
                      ? h('div', { class: 'vo-actions' }, actionButton(tv('appoint.revoke'), tv('approve.working'), 'vo-revoke', error, () => api.revokeAppointment(letter.id), reload, false), error)
                      : undefined;
                  return letterCard(letter, revoke);
                }),
              ),
          { testid: 'vo-issued' },
        ),
      );
    } catch (failure) {
      if (!isAbort(failure)) replace(body, errorBox(failure, () => void load()));
    }
  };
  void load();
  return body;
}

/** #/volunteers: the worker's page, or the organiser's. */
export function volunteersPage(who: Account, signal: AbortSignal): HTMLElement {
  return h(
    'div',
    { class: 'page page-volunteers', 'data-testid': 'volunteers-page' },
    h('h1', { class: 'page-title' }, tv('page.title')),
    who.role === 'worker' ? h('p', { class: 'vo-meta' }, tv('page.intro')) : null,
    who.role === 'worker' ? workerView(signal) : organiserView(who, signal),
  );
}
