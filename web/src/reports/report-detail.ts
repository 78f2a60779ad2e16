/**
 * A report (#/reports/ID), for its reporter and for staff in scope: category, status, SLA clock,
 * photos (thumbnails; a tap shows the full photo), where, who accepts it (受理方, with the reason
 * the acceptance rules gave) and who handles it; the timeline of steps (status, time, actor, note, the resolution photo),
 * updated live from GET /reports/ID/events (server-sent events; a small 实时 sign while the stream
 * is open); and the buttons the server's `can` allows (accept, dispatch, start, resolve with a
 * photo, close with a reason; confirm and reopen for the reporter).
 */

import * as api from './api';
import { isAbort } from '../shell/api';
import { h, replace, type Child } from '../shell/dom';
import { acceptorName } from './acceptance';
import { actionBody, beijingStamp, buttonsFor, CLOSE_REASONS, DEPARTMENTS, fresher, MAX_DESCRIPTION, peopleCount, photoIdOf, PHOTO_TYPES, type ActionButton, type Report } from './model';
import { categoryName, departmentName, tr, trMaybe } from './messages';
import { assigneeText, categoryGlyph, escalationBadge, slaBadge, statusChip, timeline, toast } from './ui';
import '../places/places.css';
import type { Account } from '../shell/types';
import { errorBox, fields, modal, skeletonLines } from '../shell/ui';

function actionDialog(report: Report, button: ActionButton): Promise<Report | null> {
  const note = h('textarea', { class: 'input', rows: 3, maxlength: MAX_DESCRIPTION, placeholder: tr('act.notePlaceholder'), 'data-testid': 'action-note' });
  let assigneeKind: 'officer' | 'department' = 'officer';
  const officer = h('input', { class: 'input', type: 'text', maxlength: 64, placeholder: tr('act.officerPlaceholder'), autocomplete: 'off', 'data-testid': 'action-officer' });
  const department = h(
    'select',
    { class: 'input', 'data-testid': 'action-department', hidden: true },
    DEPARTMENTS.map((d) => h('option', { value: d }, departmentName(d))),
  );
  const kindButtons = h('div', { class: 'pseg ra-kind', role: 'group', 'aria-label': tr('act.assignee') });
  const renderKind = (): void => {
    officer.hidden = assigneeKind !== 'officer';
    department.hidden = assigneeKind !== 'department';
    replace(
      kindButtons,
      (['officer', 'department'] as const).map((k) =>
        h(
          'button',
          {
            type: 'button',
            class: assigneeKind === k ? 'is-on' : null,
            'aria-pressed': String(assigneeKind === k),
            'data-testid': `assignee-${k}`,
            onClick: () => {
              assigneeKind = k;
              renderKind();
            },
          },
          tr(k === 'officer' ? 'act.officer' : 'act.department'),
        ),
      ),
    );
  };
  renderKind();
  const photo = h('input', { type: 'file', accept: PHOTO_TYPES.join(','), capture: 'environment', class: 'input', 'data-testid': 'action-photo' });
  const reason = h(
    'select',
    { class: 'input', 'data-testid': 'action-reason' },
    h('option', { value: '' }, '—'),
    CLOSE_REASONS.map((r) => h('option', { value: r }, trMaybe(`reason.${r}`, r))),
  );
  const needs = button.needs;
  const body: Child[] = [
    needs.assignee ? h('div', { class: 'pm-field' }, h('span', { class: 'pm-label' }, tr('act.assignee')), kindButtons, officer, department) : null,
    needs.photo ? h('label', { class: 'pm-field' }, h('span', { class: 'pm-label' }, tr('act.photo')), photo) : null,
    needs.reason ? h('label', { class: 'pm-field' }, h('span', { class: 'pm-label' }, tr('act.reason')), reason) : null,
    h('label', { class: 'pm-field' }, h('span', { class: 'pm-label' }, needs.note === 'required' ? tr('act.noteRequired') : tr('act.note')), note),
  ];
  let uploadedFor: File | null = null;
  let photoId: number | null = null;
  return modal<Report>({
    title: `${trMaybe(`action.${button.action}`, button.action)} · #${report.id}`,
    body: h('div', { class: 'ra-form' }, body),
    submitLabel: trMaybe(`action.${button.action}`, button.action),
    danger: button.tone === 'danger',
    testid: 'action-dialog',
    onSubmit: async () => {
      const file = photo.files?.[0] ?? null;
      if (needs.photo && file && file !== uploadedFor) {
        photoId = (await api.uploadReportPhoto(file, file.type)).id;
        uploadedFor = file;
      }
      const built = actionBody(button, { note: note.value, assigneeKind, assignee: assigneeKind === 'officer' ? officer.value : department.value, photoId: needs.photo ? photoId : null, reason: reason.value });
      if ('missing' in built) throw new Error(tr(`act.missing.${built.missing}`));
      return api.reportAction(report.id, built.body);
    },
  });
}

/** The thumbnail of photo `i` (the list the server gives, else the photo's ?size=thumb, else the photo). */
function thumbOf(r: Report, i: number): string {
  const url = r.photos[i] ?? '';
  const given = r.thumbnails?.[i];
  if (given) return given;
  return photoIdOf(url) != null && !url.includes('?') ? `${url}?size=thumb` : url;
}

/** 受理方: the name, the kind (就近驿站 / 社区 / 物业) and, small, the reason the rules gave. */
function acceptorView(acceptor: Report['acceptor']): Child {
  if (!acceptor) return '—';
  return h(
    'span',
    { class: 'rd-acceptor', 'data-kind': acceptor.kind, 'data-code': acceptor.code },
    h('span', null, h('b', { 'data-testid': 'report-acceptor-name' }, acceptor.name), h('span', { class: 'badge badge-muted rd-acceptor-kind', 'data-testid': 'report-acceptor-kind' }, acceptorName(acceptor.kind, acceptor.kind_label))),
    acceptor.reason ? h('small', { class: 'rd-acceptor-reason', 'data-testid': 'report-acceptor-reason' }, acceptor.reason) : null,
  );
}

/** The full photo over the page (Esc, the close button or a tap outside closes it). */
function lightbox(url: string): void {
  const close = (): void => dialog.close();
  const dialog: HTMLDialogElement = h(
    'dialog',
    { class: 'rd-lightbox', 'data-testid': 'photo-lightbox', 'aria-label': tr('detail.photos') },
    h(
      'div',
      { class: 'rd-lightbox-bar' },
      h('a', { class: 'btn btn-link', href: url, target: '_blank', rel: 'noopener', 'data-testid': 'photo-lightbox-open' }, tr('detail.photoOpen')),
      h('button', { type: 'button', class: 'btn btn-ghost', 'data-testid': 'photo-lightbox-close', 'aria-label': tr('detail.photoClose'), onClick: close }, '✕'),
    ),
    h('img', { src: url, alt: tr('detail.photos'), 'data-testid': 'photo-lightbox-img' }),
  );
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) close();
  });
  dialog.addEventListener('close', () => dialog.remove());
  document.body.appendChild(dialog);
  dialog.showModal();
}

export function reportDetailPage(account: Account, id: number, signal: AbortSignal): HTMLElement {
  let shown: Report | null = null;
  const live = h('span', { class: 'rlive', 'data-testid': 'report-live', 'data-live': 'false', hidden: true }, h('span', { class: 'rlive-dot', 'aria-hidden': 'true' }), h('span', { class: 'rlive-text' }, tr('detail.reconnecting')));
  const body = h('div', { class: 'rd-body' }, skeletonLines(6));
  const back = account.role === 'worker' ? '#/reports/mine' : '#/reports';
  const setLive = (on: boolean): void => {
    live.hidden = false;
    live.setAttribute('data-live', String(on));
    live.lastElementChild!.textContent = on ? tr('detail.live') : tr('detail.reconnecting');
  };

  const render = (): void => {
    const r = shown;
    if (!r) return;
    const buttons = buttonsFor(r.can);
    const steps = r.steps ?? [];
    const photos = r.photos ?? [];
    replace(
      body,
      h(
        'article',
        { class: 'card rd-card', 'data-testid': 'report-detail', 'data-report-id': String(r.id), 'data-status': r.status, 'data-steps': String(steps.length) },
        h(
          'div',
          { class: 'rd-head' },
          categoryGlyph(r.category, 'is-big'),
          h(
            'div',
            { class: 'rd-title' },
            h('h1', { 'data-testid': 'report-category' }, categoryName(r.category, r.category_label), r.difficulty ? ` · ${trMaybe(`diff.${r.difficulty}`, r.difficulty)}` : ''),
            h('span', { class: 'rd-badges' }, statusChip(r.status, r.status_label), slaBadge(r), escalationBadge(r.escalation), r.me_too > 0 ? h('span', { class: 'rl-metoo', 'data-testid': 'report-metoo', 'data-me-too': String(r.me_too) }, tr('detail.meToo', { count: peopleCount(r.me_too) })) : null),
          ),
        ),
        r.description ? h('p', { class: 'rd-desc', 'data-testid': 'report-description', 'data-user-text': '' }, r.description) : null,
        photos.length
          ? h(
              'ul',
              { class: 'rd-photos', 'data-testid': 'report-photos' },
              photos.map((url, i) => {
                const thumb = thumbOf(r, i);
                return h(
                  'li',
                  null,
                  h(
                    'a',
                    {
                      href: url,
                      target: '_blank',
                      rel: 'noopener',
                      'aria-label': tr('detail.photoOpen'),
                      'data-testid': 'report-photo-link',
                      onClick: (event: MouseEvent) => {
                        if (event.ctrlKey || event.metaKey || event.shiftKey || typeof HTMLDialogElement === 'undefined') return;
                        event.preventDefault();
                        lightbox(url);
                      },
                    },
                    h('img', { src: thumb, alt: tr('detail.photos'), loading: 'lazy', width: 112, height: 112, 'data-testid': 'report-photo', 'data-src': url }),
                  ),
                );
              }),
            )
          : null,
        r.duplicate_of ? h('p', { class: 'muted' }, h('a', { href: `#/reports/${r.duplicate_of}` }, tr('detail.duplicateOf', { id: r.duplicate_of }))) : null,
        buttons.length
          ? h(
              'div',
              { class: 'rd-actions', 'data-testid': 'report-actions' },
              buttons.map((b) =>
                h(
                  'button',
                  {
                    type: 'button',
                    class: `btn ${b.tone === 'danger' ? 'btn-secondary rd-danger' : b.tone === 'secondary' ? 'btn-secondary' : 'btn-primary'}`,
                    'data-testid': `action-${b.action}`,
                    onClick: async () => {
                      const updated = await actionDialog(r, b);
                      if (!updated || signal.aborted) return;
                      shown = fresher(shown, updated);
                      render();
                      toast(trMaybe(`action.done.${b.action}`, ''));
                    },
                  },
                  trMaybe(`action.${b.action}`, b.action),
                ),
              ),
            )
          : null,
        fields([
          [tr('detail.location'), h('span', null, r.address || `${r.lat.toFixed(5)}, ${r.lon.toFixed(5)}`), 'report-address'],
          [tr('detail.area'), r.area?.name ?? '—'],
          ...(r.compound ? ([[tr('detail.compound'), r.compound.name]] as Array<[string, Child]>) : []),
          [tr('detail.reporter'), r.reporter ? [r.reporter.masked_name, r.reporter.grid_reporter ? ` · ${tr('detail.gridReporter')}` : ''].join('') : '—'],
          [tr('detail.acceptor'), acceptorView(r.acceptor), 'report-acceptor'],
          [tr('detail.assignee'), assigneeText(r.assignee), 'report-assignee'],
          [tr('detail.created'), beijingStamp(r.created_at)],
          [tr('detail.due'), r.due_at ? beijingStamp(r.due_at) : '—'],
        ]),
      ),
      h('section', { class: 'section' }, h('div', { class: 'section-head' }, h('h2', { class: 'section-title' }, tr('detail.timeline')), live), timeline(steps)),
    );
  };

  const load = async (): Promise<void> => {
    try {
      shown = fresher(shown, await api.report(id, signal));
      render();
    } catch (error) {
      if (isAbort(error)) return;
      replace(body, errorBox(error, () => void load()));
    }
  };

  // Live: each change arrives as `event: step` with the whole report.
  const listen = (): void => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(api.reportEventsUrl(id));
    const take = (event: MessageEvent<string>): void => {
      try {
        const incoming = JSON.parse(event.data) as Report;
        if (!incoming || incoming.id !== id) return;
        shown = fresher(shown, incoming);
        render();
        setLive(true);
      } catch {
        // A keep-alive or a line we do not understand.
      }
    };
    source.addEventListener('step', take as EventListener);
    source.addEventListener('message', take as EventListener);
    source.addEventListener('open', () => {
      setLive(true);
      // What changed while the stream was down.
      void load();
    });
    source.addEventListener('error', () => setLive(false));
    signal.addEventListener('abort', () => source.close());
  };

  void load().then(() => {
    if (!signal.aborted && shown) listen();
  });
  return h(
    'div',
    { class: 'page rd', 'data-testid': 'report-page-detail' },
    h('div', { class: 'rd-top' }, h('a', { class: 'btn btn-link', href: back, 'data-testid': 'report-back' }, `‹ ${tr('detail.back')}`), h('b', { class: 'rd-id' }, tr('detail.title', { id }))),
    body,
  );
}
