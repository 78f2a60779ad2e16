/**
 * 我的荣誉 #/honours/mine, inside the shell (a worker signed in): the campaigns they were nominated
 * in as cards, newest first: the honour and campaign, the nomination's status, votes and rank once
 * announced, the prize paid, and for winners 查看证书 (the public verify page) and 下载证书 PDF.
 */

import * as api from './api';
import { isAbort } from '../shell/api';
import { h, replace } from '../shell/dom';
import { badge, errorBox, skeletonLines } from '../shell/ui';
import { kindText, stageText, statusText, tho } from './messages';
import { canDownload, honourOutcome } from './model';
import './honours.css';

function outcomeLine(item: api.MyHonour): HTMLElement {
  const outcome = honourOutcome(item);
  if (outcome === 'winner' || outcome === 'notWinner') {
    return h(
      'p',
      { class: 'ho-votes-left', 'data-testid': 'my-honour-result' },
      `${tho('results.rank', { rank: item.rank ?? 0 })} · ${tho('results.votes', { count: item.votes ?? 0 })}`,
    );
  }
  return h('p', { class: 'ho-meta', 'data-testid': 'my-honour-result' }, outcome === 'waiting' ? tho('mine.waiting') : tho('mine.status', { status: statusText(item.status) }));
}

function certificateActions(item: api.MyHonour): HTMLElement | null {
  const certificate = item.certificate;
  if (!item.winner || !certificate) return null;
  if (!canDownload(item)) {
    return h(
      'div',
      { class: 'ho-actions' },
      h('a', { class: 'btn btn-secondary', href: `#/honours/certificates/${encodeURIComponent(certificate.serial)}`, 'data-testid': 'my-certificate-link' }, tho('mine.revoked')),
    );
  }
  return h(
    'div',
    { class: 'ho-actions' },
    h('a', { class: 'btn btn-primary', href: `#/honours/certificates/${encodeURIComponent(certificate.serial)}`, 'data-testid': 'my-certificate-link' }, tho('mine.certificate')),
    h('a', { class: 'btn btn-secondary', href: api.certificatePdfUrl(certificate.serial), download: '', 'data-testid': 'my-certificate-pdf' }, tho('mine.download')),
  );
}

function honourCard(item: api.MyHonour): HTMLElement {
  const outcome = honourOutcome(item);
  return h(
    'article',
    { class: `card ho-card${item.winner ? ' ho-winner' : ''}`, 'data-testid': 'my-honour', 'data-outcome': outcome },
    h(
      'div',
      { class: 'ho-badges' },
      badge(kindText(item.campaign.kind), 'muted'),
      badge(stageText(item.campaign.stage), item.campaign.stage === 'announced' ? 'ok' : 'warn'),
      outcome === 'winner' ? badge(tho('results.winner'), 'ok', 'my-honour-winner') : null,
      outcome === 'rejected' ? badge(statusText(item.status), 'bad') : null,
    ),
    h('a', { class: 'ho-link ho-card-title', href: `#/honours/${item.campaign.id}` }, h('strong', null, item.campaign.title)),
    h('p', { class: 'ho-meta' }, item.campaign.area_name),
    outcomeLine(item),
    outcome === 'notWinner' ? h('p', { class: 'ho-meta' }, tho('mine.notWinner')) : null,
    item.prize_points > 0 ? h('p', { class: 'ho-ok', 'data-testid': 'my-honour-prize' }, tho('mine.prize', { points: item.prize_points })) : null,
    h('p', { class: 'ho-citation' }, item.citation),
    certificateActions(item),
  );
}

export function myHonoursPage(signal: AbortSignal): HTMLElement {
  const body = h('div', { class: 'ho-list' }, skeletonLines(4));
  const load = async (): Promise<void> => {
    replace(body, skeletonLines(4));
    try {
      const { items } = await api.mine(signal);
      replace(body, items.length ? items.map(honourCard) : h('div', { class: 'card empty', 'data-testid': 'my-honours-empty' }, tho('mine.empty')));
    } catch (failure) {
      if (!isAbort(failure)) replace(body, errorBox(failure, () => void load()));
    }
  };
  void load();
  return h(
    'div',
    { class: 'page ho-page', 'data-testid': 'honours-mine' },
    h('div', { class: 'console-title' }, h('h1', null, tho('mine.title'))),
    h('p', { class: 'ho-intro' }, tho('mine.intro')),
    body,
    h('a', { class: 'btn btn-secondary btn-block', href: '#/honours', 'data-testid': 'my-honours-all' }, tho('mine.all')),
  );
}
