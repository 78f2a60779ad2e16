/**
 * 一本书的旅行 (#/drives): each drive with a progress bar (toward its goal), what was collected and
 * handed out, its drop points at stations and the organisations that gave; at a drop point its
 * keeper (or an officer) logs items in (from an organisation) or out (to a kind of recipient, never
 * a name). The totals come from the public GET /drives. Officers (above the grid) publish a new
 * drive here (新建募集活动), its drop points chosen from the approved stations of their area.
 */

import * as api from './api';
import { isAbort } from '../shell/api';
import { h, replace } from '../shell/dom';
import { formatNumber } from '../shell/i18n';
import type { Account } from '../shell/types';
import { badge, errorBox, section, skeletonLines } from '../shell/ui';
import { recipientText, refusalText, tsp } from './messages';
import { RECIPIENT_KINDS, barPercent, beijingToday, driveInputOf, mayCreateDrives, mayLogAt, parseCount } from './model';
import './sponsors.css';

const n = (value: number): string => formatNumber(value);

function progressBar(drive: api.Drive): HTMLElement {
  const percent = barPercent(drive.collected, drive.handed_out, drive.goal);
  return h(
    'div',
    { class: 'sp-progress', 'data-testid': 'drive-progress', 'data-percent': percent },
    h(
      'div',
      { class: 'sp-bar', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': percent },
      h('div', { class: 'sp-bar-fill', style: `width:${percent}%` }),
    ),
    h('span', { class: 'sp-progress-text' }, drive.goal ? tsp('drives.progress', { collected: n(drive.collected), goal: n(drive.goal) }) : tsp('drives.progressNoGoal', { collected: n(drive.collected) })),
  );
}

function logForm(driveId: number, point: api.DropPoint, onDone: (view: api.DriveView) => void): HTMLElement {
  let direction: 'in' | 'out' = 'in';
  const organisation = h('input', { type: 'text', class: 'input', maxlength: 60, 'aria-label': tsp('log.organisation'), 'data-testid': 'log-organisation' });
  const count = h('input', { type: 'text', inputmode: 'numeric', class: 'input', maxlength: 6, 'aria-label': tsp('log.count'), 'data-testid': 'log-count' });
  const recipient = h(
    'select',
    { class: 'input', 'aria-label': tsp('log.recipient'), 'data-testid': 'log-recipient' },
    RECIPIENT_KINDS.map((kind) => h('option', { value: kind }, recipientText(kind))),
  );
  const note = h('input', { type: 'text', class: 'input', maxlength: 200, 'aria-label': tsp('log.note'), 'data-testid': 'log-note' });
  const organisationField = h('label', { class: 'sp-field' }, h('span', { class: 'label-sm' }, tsp('log.organisation')), organisation);
  const recipientField = h('label', { class: 'sp-field', hidden: true }, h('span', { class: 'label-sm' }, tsp('log.recipient')), recipient);
  const message = h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'log-message' });
  const show = (text: string, ok: boolean): void => {
    message.className = ok ? 'sp-ok' : 'form-error';
    message.textContent = text;
    message.hidden = false;
  };
  const toggle = (value: 'in' | 'out'): void => {
    direction = value;
    organisationField.hidden = value !== 'in';
    recipientField.hidden = value !== 'out';
    inButton.setAttribute('aria-pressed', String(value === 'in'));
    outButton.setAttribute('aria-pressed', String(value === 'out'));
  };
  const inButton = h('button', { type: 'button', class: 'btn btn-secondary sp-toggle', 'aria-pressed': 'true', 'data-testid': 'log-in', onClick: () => toggle('in') }, tsp('log.in'));
  const outButton = h('button', { type: 'button', class: 'btn btn-secondary sp-toggle', 'aria-pressed': 'false', 'data-testid': 'log-out', onClick: () => toggle('out') }, tsp('log.out'));
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block', 'data-testid': 'log-submit' }, tsp('log.submit'));
  return h(
    'form',
    {
      class: 'sp-form sp-log',
      'data-testid': 'drive-log',
      onSubmit: async (event: Event) => {
        event.preventDefault();
        const items = parseCount(count.value);
        if (items === null) return show(tsp('log.badCount'), false);
        if (direction === 'in' && !organisation.value.trim()) return show(tsp('log.noOrganisation'), false);
        submit.disabled = true;
        try {
          const view = await api.logItems(driveId, {
            place_id: point.place_id,
            direction,
            count: items,
            note: note.value.trim(),
            ...(direction === 'in' ? { organisation: organisation.value.trim() } : { recipient_kind: recipient.value as api.RecipientKind }),
          });
          show(tsp('log.done'), true);
          count.value = '';
          note.value = '';
          setTimeout(() => onDone(view), 400);
        } catch (error) {
          show(refusalText(error), false);
        } finally {
          submit.disabled = false;
        }
      },
    },
    h('div', { class: 'sp-actions', role: 'group' }, inButton, outButton),
    organisationField,
    recipientField,
    h('label', { class: 'sp-field' }, h('span', { class: 'label-sm' }, tsp('log.count')), count),
    h('label', { class: 'sp-field' }, h('span', { class: 'label-sm' }, tsp('log.note')), note),
    submit,
    message,
  );
}

function driveCard(who: Account, view: api.DriveView): HTMLElement {
  const card = h('article', { class: 'card sp-drive', 'data-testid': 'drive', 'data-id': view.drive.id });
  const render = (current: api.DriveView): void => {
    const { drive } = current;
    replace(
      card,
      h('div', { class: 'sp-drive-head' }, h('h2', { class: 'sp-drive-title' }, drive.title), badge(drive.running ? tsp('drives.running') : tsp('drives.ended'), drive.running ? 'ok' : 'muted')),
      h('p', { class: 'muted' }, `${tsp('drives.collects', { what: drive.collects })} · ${drive.area_name}`),
      drive.story ? h('p', null, drive.story) : null,
      progressBar(drive),
      h(
        'div',
        { class: 'stats stats-3' },
        h('div', { class: 'stat stat-accent', 'data-testid': 'drive-collected' }, h('div', { class: 'stat-value', 'data-value': drive.collected }, n(drive.collected)), h('div', { class: 'stat-label' }, tsp('drives.collected'))),
        h('div', { class: 'stat', 'data-testid': 'drive-handed-out' }, h('div', { class: 'stat-value', 'data-value': drive.handed_out }, n(drive.handed_out)), h('div', { class: 'stat-label' }, tsp('drives.handedOut'))),
        h('div', { class: 'stat', 'data-testid': 'drive-organisations' }, h('div', { class: 'stat-value', 'data-value': drive.organisations }, n(drive.organisations)), h('div', { class: 'stat-label' }, tsp('drives.organisations'))),
      ),
      h('h3', { class: 'label-sm' }, tsp('drives.points')),
      h(
        'ul',
        { class: 'sp-list' },
        current.drop_points.map((point) =>
          h(
            'li',
            { class: 'sp-point', 'data-testid': 'drive-point', 'data-place': point.place_id },
            h('strong', null, point.name),
            h('span', { class: 'muted' }, tsp('drives.point.line', { collected: n(point.collected), handed: n(point.handed_out), onHand: n(point.on_hand) })),
            mayLogAt(point, who) ? h('details', { class: 'sp-log-wrap' }, h('summary', { class: 'btn btn-secondary' }, tsp('log.title')), logForm(drive.id, point, render)) : null,
          ),
        ),
      ),
      current.organisations.length
        ? h(
            'div',
            null,
            h('h3', { class: 'label-sm' }, tsp('drives.orgs')),
            h(
              'ul',
              { class: 'sp-orgs', 'data-testid': 'drive-orgs' },
              current.organisations.map((o) => h('li', null, h('span', null, o.organisation), h('span', { class: 'sp-org-count' }, n(o.count)))),
            ),
          )
        : null,
    );
  };
  render(view);
  return card;
}

/** 新建募集活动: title, story, what is collected, goal, dates and the drop points (read when it opens). */
function newDriveForm(onDone: () => void, signal: AbortSignal): HTMLElement {
  const title = h('input', { type: 'text', class: 'input', maxlength: 40, autocomplete: 'off', 'aria-label': tsp('drive.title'), 'data-testid': 'drive-new-title' });
  const story = h('textarea', { class: 'input', rows: 3, maxlength: 1000, 'aria-label': tsp('drive.story'), 'data-testid': 'drive-new-story' });
  const collects = h('input', { type: 'text', class: 'input', maxlength: 60, placeholder: tsp('drive.collectsPlaceholder'), 'aria-label': tsp('drive.collects'), 'data-testid': 'drive-new-collects' });
  const goal = h('input', { type: 'text', inputmode: 'numeric', class: 'input', maxlength: 9, 'aria-label': tsp('drive.goal'), 'data-testid': 'drive-new-goal' });
  const today = beijingToday();
  const from = h('input', { type: 'date', class: 'input', value: today, 'aria-label': tsp('drive.from'), 'data-testid': 'drive-new-from' });
  const to = h('input', { type: 'date', class: 'input', min: today, 'aria-label': tsp('drive.to'), 'data-testid': 'drive-new-to' });
  const stations = h('div', { class: 'sp-choices', 'data-testid': 'drive-new-points' }, skeletonLines(2));
  const message = h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'drive-new-message' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block', 'data-testid': 'drive-new-submit' }, tsp('drive.submit'));
  const show = (text: string, ok: boolean): void => {
    message.className = ok ? 'sp-ok' : 'form-error';
    message.textContent = text;
    message.hidden = false;
  };
  let loaded = false;
  const loadStations = async (): Promise<void> => {
    loaded = true;
    try {
      const list = await api.areaStations(signal);
      replace(
        stations,
        list.length
          ? list.map((station) =>
              h(
                'label',
                { class: 'sp-choice', 'data-testid': 'drive-new-point' },
                h('input', { type: 'checkbox', value: String(station.id), 'data-place': station.id }),
                h('span', null, station.name),
              ),
            )
          : h('p', { class: 'muted', 'data-testid': 'drive-new-no-stations' }, tsp('drive.noStations')),
      );
    } catch (error) {
      loaded = false;
      if (!isAbort(error)) replace(stations, errorBox(error, () => void loadStations()));
    }
  };
  const form = h(
    'form',
    {
      class: 'sp-form',
      novalidate: true,
      'data-testid': 'drive-new-form',
      onSubmit: async (event: Event) => {
        event.preventDefault();
        const chosen = [...stations.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')].map((box) => Number(box.value));
        const checked = driveInputOf({ title: title.value, story: story.value, collects: collects.value, goal: goal.value, from: from.value, to: to.value, dropPoints: chosen });
        if ('problem' in checked) return show(tsp(checked.problem), false);
        submit.disabled = true;
        try {
          const made = await api.createDrive(checked.input);
          show(tsp('drive.done', { title: made.drive.title }), true);
          setTimeout(onDone, 600);
        } catch (error) {
          show(refusalText(error), false);
          submit.disabled = false;
        }
      },
    },
    h('label', { class: 'sp-field' }, h('span', { class: 'label-sm' }, tsp('drive.title')), title),
    h('label', { class: 'sp-field' }, h('span', { class: 'label-sm' }, tsp('drive.collects')), collects),
    h('label', { class: 'sp-field' }, h('span', { class: 'label-sm' }, tsp('drive.story')), story),
    h('label', { class: 'sp-field' }, h('span', { class: 'label-sm' }, tsp('drive.goal')), goal),
    h('div', { class: 'sp-dates' }, h('label', { class: 'sp-field' }, h('span', { class: 'label-sm' }, tsp('drive.from')), from), h('label', { class: 'sp-field' }, h('span', { class: 'label-sm' }, tsp('drive.to')), to)),
    h('fieldset', { class: 'sp-field sp-fieldset' }, h('legend', { class: 'label-sm' }, tsp('drive.points')), stations),
    submit,
    message,
  );
  const wrap = h('details', { class: 'card sp-new', 'data-testid': 'drive-new' }, h('summary', { class: 'btn btn-secondary', 'data-testid': 'drive-new-open' }, tsp('drive.new')), form);
  wrap.addEventListener('toggle', () => {
    if (wrap.open && !loaded) void loadStations();
  });
  return wrap;
}

export function drivesPage(who: Account, signal: AbortSignal): HTMLElement {
  const body = h('div', null, skeletonLines(6));
  const load = async (): Promise<void> => {
    try {
      const { items } = await api.drives(signal);
      const views = await Promise.all(items.map((drive) => api.drive(drive.id, signal)));
      replace(body, views.length ? views.map((view) => driveCard(who, view)) : h('p', { class: 'muted' }, tsp('drives.empty')));
    } catch (error) {
      if (!isAbort(error)) replace(body, errorBox(error, () => void load()));
    }
  };
  void load();
  return h(
    'div',
    { class: 'page sp-page', 'data-testid': 'drives-page' },
    section(tsp('drives.title'), [h('p', { class: 'muted' }, tsp('drives.intro')), mayCreateDrives(who.role) ? newDriveForm(() => void load(), signal) : null, body]),
  );
}
