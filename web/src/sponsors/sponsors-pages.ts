/**
 * 爱心单位 (#/sponsors): the sponsors with their pools; a sponsor's own contact sees a link to its
 * page first; city officers and administrators confirm or decline the pledges waiting for them.
 * A sponsor's page (#/sponsors/ID): what it funded and what that became, as big numbers and a list
 * (the offers it pays for, the drives it joined), and for its own contacts the pledge form and the
 * pledges. Street officers and above create sponsors here (新建爱心单位); on a sponsor's page the
 * officers of its area see its contacts and add a sponsor-role account of their area (添加成员).
 * Every refusal shows the server's own sentence.
 */

import * as api from './api';
import { isAbort } from '../shell/api';
import { h, replace } from '../shell/dom';
import { formatNumber } from '../shell/i18n';
import type { Account } from '../shell/types';
import { badge, errorBox, section, skeletonLines, statCard } from '../shell/ui';
import { kindText, refusalText, statusText, tsp } from './messages';
import { SPONSOR_KINDS, mayCreateSponsors, mayDecidePledges, mayLinkMembers, memberCandidates, parseCount } from './model';
import './sponsors.css';

const n = (value: number): string => formatNumber(value);

function pledgeTone(status: string): 'ok' | 'warn' | 'bad' | 'muted' {
  return status === 'funded' ? 'ok' : status === 'pledged' ? 'warn' : 'muted';
}

function openPledges(pledges: api.Pledge[], reload: () => void): HTMLElement {
  if (!pledges.length) return h('p', { class: 'muted', 'data-testid': 'sp-open-empty' }, tsp('list.open.empty'));
  return h(
    'ul',
    { class: 'sp-list', 'data-testid': 'sp-open-pledges' },
    pledges.map((pledge) => {
      const note = h('p', { class: 'form-error', role: 'alert', hidden: true });
      const decide = async (decision: 'fund' | 'decline', button: HTMLButtonElement): Promise<void> => {
        button.disabled = true;
        try {
          const done = await api.decidePledge(pledge.id, decision);
          note.className = 'sp-ok';
          note.textContent = decision === 'fund' ? tsp('decide.funded', { count: n(done.amount), sponsor: done.sponsor_name }) : tsp('decide.declined');
          note.hidden = false;
          setTimeout(reload, 600);
        } catch (error) {
          note.className = 'form-error';
          note.textContent = refusalText(error);
          note.hidden = false;
          button.disabled = false;
        }
      };
      const fund: HTMLButtonElement = h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'sp-fund', onClick: () => void decide('fund', fund) }, tsp('decide.fund'));
      const decline: HTMLButtonElement = h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'sp-decline', onClick: () => void decide('decline', decline) }, tsp('decide.decline'));
      return h(
        'li',
        { class: 'card sp-pledge', 'data-testid': 'sp-open-pledge', 'data-id': pledge.id },
        h('strong', null, tsp('list.open.line', { sponsor: pledge.sponsor_name, count: n(pledge.amount) })),
        pledge.note ? h('span', { class: 'muted' }, pledge.note) : null,
        h('div', { class: 'sp-actions' }, fund, decline),
        note,
      );
    }),
  );
}

/** 新建爱心单位 (street officers and above): name, kind, intro; the new sponsor's page opens. */
function newSponsorForm(): HTMLElement {
  const name = h('input', { type: 'text', class: 'input', maxlength: 60, autocomplete: 'off', 'aria-label': tsp('new.name'), 'data-testid': 'sp-new-name' });
  const kind = h(
    'select',
    { class: 'input', 'aria-label': tsp('new.kind'), 'data-testid': 'sp-new-kind' },
    SPONSOR_KINDS.map((value) => h('option', { value }, kindText(value))),
  );
  const intro = h('textarea', { class: 'input', rows: 3, maxlength: 500, 'aria-label': tsp('new.intro.label'), 'data-testid': 'sp-new-intro' });
  const message = h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'sp-new-message' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block', 'data-testid': 'sp-new-submit' }, tsp('new.submit'));
  const show = (text: string, ok: boolean): void => {
    message.className = ok ? 'sp-ok' : 'form-error';
    message.textContent = text;
    message.hidden = false;
  };
  const form = h(
    'form',
    {
      class: 'sp-form',
      novalidate: true,
      'data-testid': 'sp-new-form',
      onSubmit: async (event: Event) => {
        event.preventDefault();
        if (!name.value.trim()) return show(tsp('new.missingName'), false);
        submit.disabled = true;
        try {
          const made = await api.createSponsor({ name: name.value.trim(), kind: kind.value as api.SponsorKind, intro: intro.value.trim() });
          show(tsp('new.done', { name: made.name }), true);
          setTimeout(() => (location.hash = `#/sponsors/${made.id}`), 400);
        } catch (error) {
          show(refusalText(error), false);
          submit.disabled = false;
        }
      },
    },
    h('p', { class: 'muted' }, tsp('new.intro')),
    h('label', { class: 'sp-field' }, h('span', { class: 'label-sm' }, tsp('new.name')), name),
    h('label', { class: 'sp-field' }, h('span', { class: 'label-sm' }, tsp('new.kind')), kind),
    h('label', { class: 'sp-field' }, h('span', { class: 'label-sm' }, tsp('new.intro.label')), intro),
    submit,
    message,
  );
  return h('details', { class: 'card sp-new', 'data-testid': 'sp-new' }, h('summary', { class: 'btn btn-secondary', 'data-testid': 'sp-new-open' }, tsp('new.title')), form);
}

/** 爱心单位: the list, the caller's own sponsor first, and the city's pledges to decide. */
export function sponsorsPage(who: Account, signal: AbortSignal): HTMLElement {
  const body = h('div', null, skeletonLines(5));
  const page = h('div', { class: 'page sp-page', 'data-testid': 'sponsors-page' }, h('h1', { class: 'page-title' }, tsp('list.title')), h('p', { class: 'muted' }, tsp('list.intro')), body);
  const load = async (): Promise<void> => {
    try {
      const list = await api.sponsors(signal);
      const mine = list.items.find((s) => s.id === list.mine);
      replace(
        body,
        mayCreateSponsors(who.role) ? newSponsorForm() : null,
        mine
          ? h(
              'a',
              { class: 'card sp-mine', href: `#/sponsors/${mine.id}`, 'data-testid': 'sp-mine' },
              h('span', { class: 'label-sm' }, tsp('list.mine')),
              h('strong', { class: 'sp-mine-name' }, mine.name),
              h('span', { class: 'sp-mine-go' }, tsp('list.mine.open')),
            )
          : null,
        mayDecidePledges(who.role) && list.open_pledges ? section(tsp('list.open'), openPledges(list.open_pledges, () => void load()), { testid: 'sp-open' }) : null,
        list.items.length
          ? h(
              'ul',
              { class: 'sp-list', 'data-testid': 'sp-list' },
              list.items.map((sponsor) =>
                h(
                  'li',
                  null,
                  h(
                    'a',
                    { class: 'card sp-item', href: `#/sponsors/${sponsor.id}`, 'data-testid': 'sp-item' },
                    h('strong', null, sponsor.name),
                    h('span', { class: 'muted' }, `${kindText(sponsor.kind)} · ${sponsor.area_name}`),
                    h('span', { class: 'sp-pool' }, tsp('list.pool', { count: n(sponsor.pool_balance) })),
                  ),
                ),
              ),
            )
          : h('p', { class: 'muted' }, tsp('list.empty')),
      );
    } catch (error) {
      if (!isAbort(error)) replace(body, errorBox(error, () => void load()));
    }
  };
  void load();
  return page;
}

function pledgeForm(sponsorId: number, onDone: () => void): HTMLElement {
  const amount = h('input', { type: 'text', inputmode: 'numeric', class: 'input', maxlength: 9, 'aria-label': tsp('pledge.amount'), 'data-testid': 'sp-pledge-amount' });
  const note = h('input', { type: 'text', class: 'input', maxlength: 200, 'aria-label': tsp('pledge.note'), 'data-testid': 'sp-pledge-note' });
  const message = h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'sp-pledge-message' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block', 'data-testid': 'sp-pledge-submit' }, tsp('pledge.submit'));
  const show = (text: string, ok: boolean): void => {
    message.className = ok ? 'sp-ok' : 'form-error';
    message.textContent = text;
    message.hidden = false;
  };
  const form = h(
    'form',
    {
      class: 'card sp-form',
      'data-testid': 'sp-pledge-form',
      onSubmit: async (event: Event) => {
        event.preventDefault();
        const points = parseCount(amount.value, 10_000_000);
        if (points === null) {
          show(tsp('pledge.badAmount'), false);
          return;
        }
        submit.disabled = true;
        try {
          await api.pledge(sponsorId, points, note.value.trim());
          show(tsp('pledge.sent', { count: n(points) }), true);
          amount.value = '';
          note.value = '';
          setTimeout(onDone, 600);
        } catch (error) {
          show(refusalText(error), false);
        } finally {
          submit.disabled = false;
        }
      },
    },
    h('p', { class: 'muted' }, tsp('pledge.intro')),
    h('label', { class: 'sp-field' }, h('span', { class: 'label-sm' }, tsp('pledge.amount')), amount),
    h('label', { class: 'sp-field' }, h('span', { class: 'label-sm' }, tsp('pledge.note')), note),
    submit,
    message,
  );
  return form;
}

/** 添加成员: a sponsor-role account of the officer's area (read when the form opens) joins the sponsor. */
function memberForm(sponsorId: number, memberIds: number[], onDone: () => void): HTMLElement {
  const slot = h('div', { class: 'sp-form', 'data-testid': 'sp-member-form' }, h('p', { class: 'muted' }, tsp('members.loading')));
  let loaded = false;
  const load = async (): Promise<void> => {
    loaded = true;
    try {
      const candidates = memberCandidates(await api.areaAccounts(), memberIds);
      if (!candidates.length) {
        replace(slot, h('p', { class: 'muted', 'data-testid': 'sp-member-none' }, tsp('members.none')));
        return;
      }
      const pick = h(
        'select',
        { class: 'input', 'aria-label': tsp('members.pick'), 'data-testid': 'sp-member-pick' },
        candidates.map((account) => h('option', { value: String(account.id), 'data-login': account.login }, `${account.display_name} (${account.login})`)),
      );
      const message = h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'sp-member-message' });
      const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block', 'data-testid': 'sp-member-submit' }, tsp('members.submit'));
      const show = (text: string, ok: boolean): void => {
        message.className = ok ? 'sp-ok' : 'form-error';
        message.textContent = text;
        message.hidden = false;
      };
      replace(
        slot,
        h(
          'form',
          {
            class: 'sp-form',
            onSubmit: async (event: Event) => {
              event.preventDefault();
              submit.disabled = true;
              try {
                const done = await api.addMember(sponsorId, Number(pick.value));
                show(tsp('members.done', { name: done.member.display_name }), true);
                setTimeout(onDone, 600);
              } catch (error) {
                show(refusalText(error), false);
                submit.disabled = false;
              }
            },
          },
          h('label', { class: 'sp-field' }, h('span', { class: 'label-sm' }, tsp('members.pick')), pick),
          submit,
          message,
        ),
      );
    } catch (error) {
      loaded = false;
      replace(slot, h('p', { class: 'form-error', role: 'alert' }, refusalText(error)));
    }
  };
  const wrap = h('details', { class: 'sp-log-wrap', 'data-testid': 'sp-member-add' }, h('summary', { class: 'btn btn-secondary', 'data-testid': 'sp-member-open' }, tsp('members.add')), slot);
  wrap.addEventListener('toggle', () => {
    if (wrap.open && !loaded) void load();
  });
  return wrap;
}

function membersSection(data: api.SponsorPage, mayLink: boolean, reload: () => void): HTMLElement | null {
  if (!data.private || !data.members) return null;
  const members = data.members;
  return section(
    tsp('page.members'),
    [
      members.length
        ? h(
            'ul',
            { class: 'sp-list', 'data-testid': 'sp-members' },
            members.map((member) => h('li', { class: 'card sp-row', 'data-login': member.login }, h('strong', null, member.display_name), h('span', { class: 'muted mono' }, member.login))),
          )
        : h('p', { class: 'muted', 'data-testid': 'sp-members-empty' }, tsp('members.empty')),
      mayLink
        ? memberForm(
            data.sponsor.id,
            members.map((m) => m.account_id),
            reload,
          )
        : null,
    ],
    { testid: 'sp-members-section' },
  );
}

function pageView(data: api.SponsorPage, own: boolean, mayLink: boolean, reload: () => void): Array<HTMLElement | null> {
  const { sponsor } = data;
  return [
    h(
      'div',
      { class: 'card sp-head' },
      h('h1', { class: 'page-title', 'data-testid': 'sp-name' }, sponsor.name),
      h('span', { class: 'muted' }, `${kindText(sponsor.kind)} · ${sponsor.area_name}`),
      sponsor.intro ? h('p', null, sponsor.intro) : null,
    ),
    h(
      'div',
      { class: 'stats stats-3 sp-stats', 'data-testid': 'sp-stats' },
      statCard(tsp('page.funded'), data.funded, 'sp-funded', true),
      statCard(tsp('page.balance'), sponsor.pool_balance, 'sp-balance'),
      statCard(tsp('page.awarded'), data.awards.points, 'sp-awarded'),
      statCard(tsp('page.meals'), data.meals_served, 'sp-meals', true),
      statCard(tsp('page.wishes'), data.wishes_fulfilled, 'sp-wishes'),
      statCard(tsp('page.drives'), data.drives.length, 'sp-drives'),
    ),
    section(
      tsp('page.served'),
      data.served.length
        ? h(
            'ul',
            { class: 'sp-list', 'data-testid': 'sp-served' },
            data.served.map((offer) =>
              h('li', { class: 'card sp-row' }, h('strong', null, offer.title), h('span', { class: 'muted' }, tsp('page.served.line', { place: offer.place_name, count: n(offer.count), points: n(offer.points) }))),
            ),
          )
        : h('p', { class: 'muted' }, tsp('page.served.empty')),
    ),
    data.drives.length
      ? section(
          tsp('page.drives.title'),
          h(
            'ul',
            { class: 'sp-list', 'data-testid': 'sp-drives-list' },
            data.drives.map((drive) => h('li', null, h('a', { class: 'card sp-row', href: '#/drives' }, h('strong', null, drive.title), h('span', { class: 'muted' }, tsp('page.drives.line', { items: n(drive.items) }))))),
          ),
        )
      : null,
    own ? section(tsp('pledge.title'), pledgeForm(sponsor.id, reload), { testid: 'sp-pledge' }) : null,
    data.private && data.pledges
      ? section(
          tsp('page.pledges'),
          data.pledges.length
            ? h(
                'ul',
                { class: 'sp-list', 'data-testid': 'sp-pledges' },
                data.pledges.map((pledge) =>
                  h(
                    'li',
                    { class: 'card sp-row', 'data-status': pledge.status },
                    h('strong', null, tsp('list.pool', { count: n(pledge.amount) })),
                    pledge.note ? h('span', { class: 'muted' }, pledge.note) : null,
                    badge(statusText(pledge.status), pledgeTone(pledge.status)),
                  ),
                ),
              )
            : h('p', { class: 'muted' }, tsp('page.pledges.empty')),
        )
      : null,
    membersSection(data, mayLink, reload),
  ];
}

/** A sponsor's page: big numbers, what it pays for, and (its own contacts) the pledge form. */
export function sponsorPage(who: Account, id: number, signal: AbortSignal): HTMLElement {
  const body = h('div', null, skeletonLines(6));
  const page = h('div', { class: 'page sp-page', 'data-testid': 'sponsor-page' }, body);
  const load = async (): Promise<void> => {
    try {
      const [data, list] = await Promise.all([api.sponsorPage(id, signal), who.role === 'sponsor' ? api.sponsors(signal) : Promise.resolve(null)]);
      replace(body, pageView(data, list?.mine === id, mayLinkMembers(who.role), () => void load()));
    } catch (error) {
      if (!isAbort(error)) replace(body, errorBox(error, () => void load()));
    }
  };
  void load();
  return page;
}
