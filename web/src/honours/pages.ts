/**
 * The honours pages, open without login (a signed-in caller sees more): the campaign list #/honours,
 * a campaign #/honours/ID (its nominees with citations and evidence, 投票 with the votes left, the
 * nomination form while nominating, and for its officers the review queue and the next-stage
 * button), its results #/honours/ID/results (winners, certificates, revocation), the officers'
 * editor #/honours/new, and a certificate's verify page #/honours/certificates/SERIAL, which its
 * QR code opens.
 */

import * as api from './api';
import { ApiError, isAbort, me } from '../shell/api';
import { h, replace } from '../shell/dom';
import type { Account } from '../shell/types';
import { badge, errorBox, errorLine, runGuarded, skeletonLines } from '../shell/ui';
import { kindText, refusalText, stageText, statusText, tho } from './messages';
import { beijingDate, endOfBeijingDay, evidenceLines, KINDS, nextStage, voteState } from './model';
import './honours.css';

export type HonourRoute =
  | { name: 'honours' }
  | { name: 'honourNew' }
  | { name: 'honourCampaign'; id: number }
  | { name: 'honourResults'; id: number }
  | { name: 'honourCertificate'; serial: string };

const RUNNERS = new Set(['street_officer', 'district_officer', 'city_officer', 'admin']);
const NOMINATORS = new Set(['worker', 'station_keeper', 'property_manager', 'grid_officer', 'community_officer', ...RUNNERS]);

async function whoIsIt(signal: AbortSignal): Promise<Account | null> {
  try {
    return (await me(signal, true)).account;
  } catch (error) {
    if (isAbort(error)) throw error;
    return null;
  }
}

function page(testid: string, back: { href: string; label: string }, ...children: Array<Node | null>): HTMLElement {
  return h('div', { class: 'page ho-page', 'data-testid': testid }, h('a', { class: 'ho-back', href: back.href }, `‹ ${back.label}`), ...children);
}

function stageTone(stage: api.Stage): 'ok' | 'warn' | 'accent' | 'muted' {
  return stage === 'voting' ? 'accent' : stage === 'announced' ? 'ok' : 'warn';
}

/** Runs `work` with `button` disabled; a refusal shows in `error`. */
async function act(button: HTMLButtonElement, busy: string, error: HTMLElement, work: () => Promise<void>): Promise<void> {
  await runGuarded(button, busy, error, work, refusalText);
}

function campaignHeader(campaign: api.Campaign): HTMLElement {
  const until = campaign.stage === 'nominating' ? campaign.nominating_until : campaign.stage === 'reviewing' ? campaign.reviewing_until : campaign.voting_until;
  return h(
    'header',
    { class: 'ho-header' },
    h('div', { class: 'ho-badges' }, badge(kindText(campaign.kind), 'muted'), badge(stageText(campaign.stage), stageTone(campaign.stage), 'campaign-stage')),
    h('h1', { class: 'ho-title' }, campaign.title),
    h('p', { class: 'ho-meta' }, tho('campaign.area', { area: campaign.area_name, winners: campaign.winners })),
    campaign.stage !== 'announced' ? h('p', { class: 'ho-meta' }, tho('campaign.until', { stage: stageText(campaign.stage), date: beijingDate(until) })) : null,
    campaign.prize_points > 0 ? h('p', { class: 'ho-meta' }, tho('campaign.prize', { points: campaign.prize_points })) : null,
  );
}

function evidenceList(nomination: api.Nomination): HTMLElement {
  return h(
    'ul',
    { class: 'ho-evidence', 'data-testid': 'nominee-evidence' },
    evidenceLines(nomination.evidence).map(([key, count]) => h('li', null, tho(`evidence.${key}`, { count }))),
  );
}

// ---- the list -----------------------------------------------------------------------------------

async function listPage(who: Account | null, signal: AbortSignal): Promise<HTMLElement> {
  const { items } = await api.campaigns(signal);
  const cards = items.map((campaign) =>
    h(
      'a',
      { class: 'card ho-card ho-link', href: `#/honours/${campaign.id}`, 'data-testid': 'campaign-card' },
      h('div', { class: 'ho-badges' }, badge(kindText(campaign.kind), 'muted'), badge(stageText(campaign.stage), stageTone(campaign.stage))),
      h('strong', { class: 'ho-card-title' }, campaign.title),
      h('span', { class: 'ho-meta' }, campaign.area_name),
    ),
  );
  return page(
    'honours-list',
    { href: '#/home', label: tho('back.home') },
    h('h1', { class: 'ho-title' }, tho('list.title')),
    h('p', { class: 'ho-intro' }, tho('list.intro')),
    who && RUNNERS.has(who.role) ? h('a', { class: 'btn btn-primary btn-block', href: '#/honours/new', 'data-testid': 'campaign-new' }, tho('list.new')) : null,
    cards.length ? h('div', { class: 'ho-list' }, cards) : h('p', { class: 'ho-empty' }, tho('list.empty')),
  );
}

// ---- a campaign ---------------------------------------------------------------------------------

function nomineeCard(view: api.CampaignView, nomination: api.Nomination, who: Account | null, redraw: (next: api.CampaignView) => void): HTMLElement {
  const state = voteState(view, nomination.id, who !== null);
  const error = errorLine('vote-error');
  let action: HTMLElement | null = null;
  if (state === 'vote') {
    const button = h('button', { type: 'button', class: 'btn btn-primary ho-vote', 'data-testid': 'vote' }, tho('campaign.vote'));
    button.addEventListener('click', () => void act(button, tho('campaign.voting'), error, async () => redraw(await api.vote(view.campaign.id, nomination.id))));
    action = button;
  } else if (state === 'voted') {
    action = h('span', { class: 'ho-voted', 'data-testid': 'voted' }, `✓ ${tho('campaign.voted')}`);
  } else if (state === 'login') {
    action = h('a', { class: 'btn btn-secondary ho-vote', href: `#/login?next=${encodeURIComponent(`/honours/${view.campaign.id}`)}` }, tho('campaign.loginToVote'));
  }
  return h(
    'article',
    { class: 'card ho-card', 'data-testid': 'nominee', 'data-nomination': String(nomination.id) },
    h('div', { class: 'ho-nominee' }, h('strong', { class: 'ho-name' }, nomination.name), view.officer ? badge(statusText(nomination.status), nomination.status === 'accepted' ? 'ok' : 'warn') : null),
    h('p', { class: 'ho-citation' }, nomination.citation),
    evidenceList(nomination),
    action,
    error,
  );
}

function nominationForm(view: api.CampaignView, done: () => void): HTMLElement {
  const grid = view.campaign.kind === 'grid_reporter';
  const number = h('input', { type: 'number', class: 'input', min: 1, required: true, inputmode: 'numeric', 'data-testid': 'nominate-id' });
  const citation = h('textarea', { class: 'input', rows: 3, maxlength: 300, required: true, placeholder: tho('nominate.citationHint'), 'data-testid': 'nominate-citation' });
  const error = errorLine('nominate-error');
  const ok = h('p', { class: 'ho-ok', hidden: true, 'data-testid': 'nominate-done' }, tho('nominate.done'));
  const button = h('button', { type: 'submit', class: 'btn btn-primary btn-block', 'data-testid': 'nominate-send' }, tho('nominate.send'));
  return h(
    'form',
    {
      class: 'card ho-form',
      onSubmit: (event: Event) => {
        event.preventDefault();
        const id = Number(number.value);
        void act(button, tho('nominate.sending'), error, async () => {
          await api.nominate(view.campaign.id, grid ? { account_id: id, citation: citation.value } : { worker_id: id, citation: citation.value });
          ok.hidden = false;
          number.value = '';
          citation.value = '';
          if (view.officer) done();
        });
      },
    },
    h('h2', null, tho('nominate.title')),
    h('label', { class: 'label' }, tho(grid ? 'nominate.account' : 'nominate.worker'), number),
    h('label', { class: 'label' }, tho('nominate.citation'), citation),
    button,
    error,
    ok,
  );
}

async function reviewQueue(view: api.CampaignView, signal: AbortSignal, reload: () => void): Promise<HTMLElement> {
  const { items } = await api.nominations(view.campaign.id, 'pending', signal);
  const rows = items.map((nomination) => {
    const reason = h('input', { type: 'text', class: 'input', maxlength: 200, placeholder: tho('review.reason'), 'data-testid': 'review-reason' });
    const error = errorLine('review-error');
    const accept = h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'review-accept' }, tho('review.accept'));
    const reject = h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'review-reject' }, tho('review.reject'));
    accept.addEventListener('click', () => void act(accept, '…', error, async () => { await api.review(nomination.id, true, ''); reload(); }));
    reject.addEventListener('click', () => void act(reject, '…', error, async () => { await api.review(nomination.id, false, reason.value); reload(); }));
    return h(
      'article',
      { class: 'card ho-card', 'data-testid': 'review-item' },
      h('strong', { class: 'ho-name' }, nomination.name),
      h('p', { class: 'ho-citation' }, nomination.citation),
      evidenceList(nomination),
      nomination.nominated_by ? h('p', { class: 'ho-meta' }, tho('review.by', { who: nomination.nominated_by })) : null,
      reason,
      h('div', { class: 'ho-actions' }, accept, reject),
      error,
    );
  });
  return h('section', { class: 'ho-section', 'data-testid': 'review-queue' }, h('h2', null, tho('review.title')), rows.length ? rows : h('p', { class: 'ho-empty' }, tho('review.empty')));
}

function advanceButton(view: api.CampaignView, reload: () => void): HTMLElement | null {
  const to = nextStage(view.campaign.stage);
  if (!to) return null;
  const error = errorLine('advance-error');
  const button = h('button', { type: 'button', class: 'btn btn-secondary btn-block', 'data-testid': 'campaign-advance' }, tho(`advance.${to}` as 'advance.voting'));
  button.addEventListener('click', () => {
    if (to === 'announced' && !window.confirm(tho('advance.confirm'))) return;
    void act(button, '…', error, async () => { await api.advance(view.campaign.id, to); reload(); });
  });
  return h('div', { class: 'ho-section' }, button, error);
}

async function campaignPage(id: number, who: Account | null, signal: AbortSignal, rerender: () => void): Promise<HTMLElement> {
  const slot = h('div', null);
  const draw = async (view: api.CampaignView): Promise<void> => {
    const ballot = view.nominations.filter((n) => view.officer ? n.status === 'accepted' : true);
    const left = view.votes_left;
    const votesLine =
      view.campaign.stage === 'voting' && left !== null
        ? h('p', { class: 'ho-votes-left', 'data-testid': 'votes-left' }, left > 0 ? tho('campaign.votesLeft', { count: left }) : tho('campaign.votesUsed', { count: view.campaign.votes_per_person }))
        : null;
    const officerParts: Array<HTMLElement | null> = [];
    if (view.officer && (view.campaign.stage === 'nominating' || view.campaign.stage === 'reviewing')) officerParts.push(await reviewQueue(view, signal, rerender));
    if (view.officer && who && RUNNERS.has(who.role)) officerParts.push(advanceButton(view, rerender));
    replace(
      slot,
      campaignHeader(view.campaign),
      view.campaign.stage === 'announced' || view.officer
        ? h('a', { class: 'btn btn-secondary btn-block', href: `#/honours/${id}/results`, 'data-testid': 'campaign-results' }, tho('campaign.results'))
        : null,
      votesLine,
      h('h2', null, tho('campaign.nominees')),
      ballot.length
        ? h('div', { class: 'ho-list' }, ballot.map((n) => nomineeCard(view, n, who, (next) => void draw(next))))
        : h('p', { class: 'ho-empty' }, tho('campaign.noNominees')),
      view.officer ? null : h('p', { class: 'ho-note' }, tho('campaign.maskedNote')),
      view.campaign.stage === 'nominating' && who && NOMINATORS.has(who.role) ? nominationForm(view, rerender) : null,
      ...officerParts,
    );
  };
  await draw(await api.campaign(id, signal));
  return page('honours-campaign', { href: '#/honours', label: tho('back.list') }, slot);
}

// ---- results ------------------------------------------------------------------------------------

function revokeForm(serial: string, reload: () => void): HTMLElement {
  const reason = h('input', { type: 'text', class: 'input', maxlength: 200, required: true, placeholder: tho('results.revokeReason'), 'data-testid': 'revoke-reason' });
  const error = errorLine('revoke-error');
  const button = h('button', { type: 'submit', class: 'btn btn-secondary', 'data-testid': 'revoke' }, tho('results.revoke'));
  return h(
    'form',
    {
      class: 'ho-actions',
      onSubmit: (event: Event) => {
        event.preventDefault();
        void act(button, '…', error, async () => { await api.revoke(serial, reason.value); reload(); });
      },
    },
    reason,
    button,
    error,
  );
}

async function resultsPage(id: number, who: Account | null, signal: AbortSignal, rerender: () => void): Promise<HTMLElement> {
  const results = await api.results(id, signal);
  const lines = results.lines.map((line) => {
    const serial = line.certificate_serial ?? null;
    return h(
      'article',
      { class: `card ho-card${line.winner ? ' ho-winner' : ''}`, 'data-testid': line.winner ? 'result-winner' : 'result-line' },
      h('div', { class: 'ho-nominee' }, h('strong', { class: 'ho-name' }, line.name), line.winner ? badge(tho('results.winner'), 'ok') : null),
      h('p', { class: 'ho-meta' }, `${tho('results.rank', { rank: line.rank ?? 0 })} · ${tho('results.votes', { count: line.votes ?? 0 })}`),
      h('p', { class: 'ho-citation' }, line.citation),
      serial
        ? h(
            'div',
            { class: 'ho-actions' },
            h('a', { class: 'btn btn-secondary', href: `#/honours/certificates/${encodeURIComponent(serial)}`, 'data-testid': 'certificate-link' }, line.certificate_revoked ? tho('results.revoked') : tho('results.certificate')),
            who && !line.certificate_revoked ? h('a', { class: 'btn btn-secondary', href: api.certificatePdfUrl(serial), download: '' }, tho('results.download')) : null,
          )
        : null,
      serial && !line.certificate_revoked && who && RUNNERS.has(who.role) && results.flagged_votes !== undefined ? revokeForm(serial, rerender) : null,
    );
  });
  return page(
    'honours-results',
    { href: `#/honours/${id}`, label: results.campaign.title },
    h('h1', { class: 'ho-title' }, `${results.campaign.title} · ${tho('results.title')}`),
    results.final ? null : h('p', { class: 'ho-note' }, tho('results.live')),
    results.flagged_votes ? h('p', { class: 'ho-note', 'data-testid': 'flagged-votes' }, tho('results.flagged', { count: results.flagged_votes })) : null,
    h('div', { class: 'ho-list' }, lines),
  );
}

// ---- the certificate's verify page --------------------------------------------------------------

async function certificatePage(serial: string, signal: AbortSignal): Promise<HTMLElement> {
  const verified = await api.verify(serial, signal);
  const tone = verified.status === 'valid' ? 'ok' : verified.status === 'revoked' ? 'bad' : 'muted';
  const rows: Array<[string, string]> = [[tho('verify.serial'), verified.serial]];
  if (verified.name) rows.push([tho('verify.holder'), verified.name]);
  if (verified.honour) rows.push([tho('verify.honour'), verified.honour]);
  if (verified.campaign) rows.push([tho('verify.campaign'), verified.campaign.title]);
  if (verified.issued_at) rows.push([tho('verify.issued'), beijingDate(verified.issued_at)]);
  if (verified.revoked_at) rows.push([tho('verify.revokedAt'), beijingDate(verified.revoked_at)]);
  if (verified.revoke_reason) rows.push([tho('verify.reason'), verified.revoke_reason]);
  return page(
    'honours-certificate',
    { href: '#/honours', label: tho('back.list') },
    h('h1', { class: 'ho-title' }, tho('verify.title')),
    h(
      'div',
      { class: `card ho-verdict ho-verdict-${tone}`, 'data-testid': 'certificate-status', 'data-status': verified.status },
      h('strong', null, tho(`verify.${verified.status}`)),
      verified.status === 'unknown' ? h('p', null, tho('verify.unknownHint')) : null,
    ),
    h('dl', { class: 'card ho-fields' }, rows.map(([label, value]) => [h('dt', null, label), h('dd', null, value)])),
    verified.name ? h('p', { class: 'ho-note' }, tho('verify.nameNote')) : null,
  );
}

// ---- the officers' editor -----------------------------------------------------------------------

function editorPage(): HTMLElement {
  const today = beijingDate(Date.now() / 1000);
  const plusDays = (days: number): string => beijingDate(Date.now() / 1000 + days * 86_400);
  const title = h('input', { type: 'text', class: 'input', maxlength: 60, required: true, 'data-testid': 'editor-title' });
  const kind = h('select', { class: 'input', 'data-testid': 'editor-kind' }, KINDS.map((k) => h('option', { value: k }, kindText(k))));
  const date = (value: string, testid: string) => h('input', { type: 'date', class: 'input', value, min: today, required: true, 'data-testid': testid });
  const nominating = date(plusDays(14), 'editor-nominating');
  const reviewing = date(plusDays(21), 'editor-reviewing');
  const voting = date(plusDays(35), 'editor-voting');
  const number = (value: number, min: number, max: number, testid: string) =>
    h('input', { type: 'number', class: 'input', value: String(value), min, max, required: true, inputmode: 'numeric', 'data-testid': testid });
  const winners = number(3, 1, 50, 'editor-winners');
  const votes = number(3, 1, 20, 'editor-votes');
  const prize = number(0, 0, 100000, 'editor-prize');
  const error = errorLine('editor-error');
  const button = h('button', { type: 'submit', class: 'btn btn-primary btn-block', 'data-testid': 'editor-save' }, tho('editor.save'));
  const form = h(
    'form',
    {
      class: 'card ho-form',
      onSubmit: (event: Event) => {
        event.preventDefault();
        void act(button, tho('editor.saving'), error, async () => {
          const created = await api.createCampaign({
            title: title.value,
            kind: kind.value as api.CampaignKind,
            nominating_until: endOfBeijingDay(nominating.value) ?? 0,
            reviewing_until: endOfBeijingDay(reviewing.value) ?? 0,
            voting_until: endOfBeijingDay(voting.value) ?? 0,
            winners: Number(winners.value),
            votes_per_person: Number(votes.value),
            prize_points: Number(prize.value),
          });
          location.hash = `#/honours/${created.id}`;
        });
      },
    },
    h('label', { class: 'label' }, tho('editor.name'), title),
    h('label', { class: 'label' }, tho('editor.kind'), kind),
    h('label', { class: 'label' }, tho('editor.nominatingUntil'), nominating),
    h('label', { class: 'label' }, tho('editor.reviewingUntil'), reviewing),
    h('label', { class: 'label' }, tho('editor.votingUntil'), voting),
    h('label', { class: 'label' }, tho('editor.winners'), winners),
    h('label', { class: 'label' }, tho('editor.votes'), votes),
    h('label', { class: 'label' }, tho('editor.prize'), prize),
    button,
    error,
  );
  return page('honours-editor', { href: '#/honours', label: tho('back.list') }, h('h1', { class: 'ho-title' }, tho('editor.title')), form);
}

/** The page of an honours route; re-reads itself after a change. */
export async function honoursPage(route: HonourRoute, signal: AbortSignal): Promise<HTMLElement> {
  // Opened without the shell (a certificate's QR, a shared vote link): the page keeps its own margins.
  const holder = h('div', { class: 'ho-root' });
  const load = async (): Promise<void> => {
    replace(holder, skeletonLines(6));
    try {
      const who = route.name === 'honourCertificate' ? null : await whoIsIt(signal);
      const rerender = (): void => void load();
      const content =
        route.name === 'honours'
          ? await listPage(who, signal)
          : route.name === 'honourNew'
            ? editorPage()
            : route.name === 'honourCampaign'
              ? await campaignPage(route.id, who, signal, rerender)
              : route.name === 'honourResults'
                ? await resultsPage(route.id, who, signal, rerender)
                : await certificatePage(route.serial, signal);
      replace(holder, content);
    } catch (error) {
      if (isAbort(error)) return;
      if (error instanceof ApiError && error.status === 401) return;
      replace(holder, errorBox(error, () => void load()));
    }
  };
  await load();
  return holder;
}
