/**
 * Home for workers (骑手): "我的" card, upcoming service tiles, nearby counts. While pending it says
 * who verifies, the usual wait and whom to contact; after a decision, the outcome (and the reason
 * when refused), all from GET /workers/me.
 */

import * as api from './api';
import { gridReporterBadge } from '../community/grid-badge';
import { pointsTile } from '../points/tile';
import { workerWishTile } from '../wishes/tile';
import { honoursTile, myHonoursTile } from '../honours/tile';
import { rankingsTile } from '../rankings/tile';
import { eventsTile } from '../events/tile';
import { trainingMineTile } from '../training/tile';
import { volunteersTile } from '../volunteers/tile';
import { h, icon, replace } from '../shell/dom';
import { areaName, kindLabel, statusLabel } from '../shell/format';
import { t } from '../shell/i18n';
import { icons } from '../shell/icons';
import type { HomeResponse, VerificationOutlook } from '../shell/types';
import { badge, card, fields, section, statCard, statusTone, tile } from '../shell/ui';
import { ta } from './messages';
import { outcomeOf, verifierLabel, waitLabel, type Outcome } from './verification';
import './verification.css';

/**
 * Who verifies and the usual wait (while pending), and a station to contact, with a call button
 * when it has a phone.
 */
function verifyFacts(outlook: VerificationOutlook, waiting = true): HTMLElement[] {
  const contact = outlook.contact;
  const rows: Array<[string, string, string]> = waiting
    ? [
        [ta('verify.verifier'), verifierLabel(outlook), 'pending-verifier'],
        [ta('verify.wait'), waitLabel(outlook), 'pending-wait'],
      ]
    : [];
  if (contact) rows.push([ta('verify.contact'), [contact.name, contact.address].filter(Boolean).join(' · '), 'pending-contact']);
  return [
    rows.length ? h('div', { class: 'verify-facts' }, fields(rows)) : null,
    contact?.phone
      ? h('a', { class: 'btn btn-secondary verify-call', href: `tel:${contact.phone.replace(/[^\d+]/g, '')}`, 'data-testid': 'pending-call' }, ta('verify.call', { phone: contact.phone }))
      : null,
  ].filter(Boolean) as HTMLElement[];
}

const OUTCOME_TITLE = {
  verified: 'outcome.verifiedTitle',
  refused: 'outcome.refusedTitle',
  suspended: 'outcome.suspendedTitle',
  revoked: 'outcome.revokedTitle',
} as const;

/** The latest decision: an approval, or the refusal, suspension or revocation with its reason. */
function outcomeNotice(outcome: Outcome, outlook: VerificationOutlook): HTMLElement {
  const area = outlook.verifier.area_name || outlook.verifier.area_code;
  const good = outcome.kind === 'verified';
  return h(
    'div',
    { class: `notice ${good ? 'notice-ok' : 'notice-bad'}`, role: 'status', 'data-testid': 'outcome-notice', 'data-outcome': outcome.kind },
    icon(good ? icons.shield : icons.alert),
    h(
      'div',
      { class: 'notice-body' },
      h('strong', null, ta(OUTCOME_TITLE[outcome.kind])),
      outcome.kind === 'verified'
        ? h('span', null, ta('outcome.verifiedText', { area }))
        : [h('span', { 'data-testid': 'outcome-reason' }, ta('outcome.reason', { reason: outcome.reason })), h('span', null, ta('outcome.ask', { area }))],
      outcome.kind === 'verified' ? null : verifyFacts(outlook, false),
    ),
  );
}

export function workerHome(data: HomeResponse): HTMLElement {
  const worker = data.worker;
  const mine = worker
    ? card(
        [
          h(
            'div',
            { class: 'profile-head' },
            h('div', { class: 'avatar', 'aria-hidden': 'true' }, worker.name.slice(0, 1)),
            h(
              'div',
              { class: 'profile-name' },
              h('strong', { 'data-testid': 'worker-name' }, worker.name),
              h('span', null, `${worker.platform} · ${kindLabel(worker.kind)}`),
            ),
            badge(statusLabel(worker.status), statusTone(worker.status), 'worker-status'),
          ),
          fields([
            [ta('worker.platform'), worker.platform, 'worker-platform'],
            [ta('worker.kind'), kindLabel(worker.kind), 'worker-kind'],
            [ta('worker.depot'), worker.depot || '—', 'worker-depot'],
            [ta('worker.phone'), h('span', { class: 'mono' }, worker.phone_masked), 'worker-phone'],
            [ta('worker.status'), statusLabel(worker.status)],
            [ta('worker.community'), areaName(data.account.area)],
          ]),
        ],
        'profile',
      )
    : card(h('p', { class: 'muted' }, ta('worker.notRegistered')));

  const verified = worker?.status === 'verified';
  const photoFailed = sessionStorage.getItem('youhao.photoFailed') === '1';
  const tiles = h(
    'div',
    { class: 'tiles' },
    verified
      ? tile({ icon: icons.qr, title: ta('tile.entryPass'), desc: ta('tile.entryPass.desc'), href: '#/pass', testid: 'tile-entry-pass' })
      : tile({ icon: icons.qr, title: ta('tile.entryPass'), desc: ta('tile.entryPass.pending'), note: worker ? statusLabel(worker.status) : t('common.soon'), testid: 'tile-entry-pass' }),
    tile({ icon: icons.star, title: ta('tile.rate'), desc: ta('tile.rate.desc'), href: '#/rate', testid: 'tile-rate' }),
    tile({ icon: icons.building, title: ta('tile.wayfinding'), desc: ta('tile.wayfinding.desc'), href: '#/m', testid: 'tile-wayfinding' }),
    tile({ icon: icons.station, title: ta('tile.stations'), desc: ta('tile.stations.desc'), href: '#/places', testid: 'tile-stations' }),
    tile({ icon: icons.camera, title: ta('tile.report'), desc: ta('tile.report.desc'), href: '#/report', testid: 'tile-report' }),
    tile({ icon: icons.clipboard, title: ta('tile.myReports'), desc: ta('tile.myReports.desc'), href: '#/reports/mine', testid: 'tile-my-reports' }),
    eventsTile(),
    trainingMineTile(),
    volunteersTile(),
    pointsTile(data.account),
    workerWishTile(),
    honoursTile(),
    myHonoursTile(),
    rankingsTile(),
    tile({ icon: icons.shield, title: ta('tile.myData'), desc: ta('tile.myData.desc'), href: '#/me/data', testid: 'tile-my-data' }),
  );

  const stats = data.stats;
  const nearby = h(
    'div',
    { class: 'stats stats-3' },
    statCard(ta('stats.places'), stats.places, 'stat-places', true),
    statCard(ta('stats.depots'), stats.depots, 'stat-depots'),
    statCard(ta('stats.compounds'), stats.compounds, 'stat-compounds'),
  );

  // Who verifies and how long it takes, then the outcome, arrive with GET /workers/me.
  const pendingDetails = h('div', { class: 'notice-details', 'data-testid': 'pending-details' });
  const outcomeSlot = h('div', { 'data-testid': 'outcome-slot' });
  const pending =
    worker && worker.status === 'pending'
      ? h(
          'div',
          { class: 'notice notice-warn', role: 'status', 'data-testid': 'pending-notice' },
          icon(icons.shield),
          h(
            'div',
            { class: 'notice-body' },
            h('strong', null, ta('worker.pendingTitle')),
            h('span', null, ta('worker.pendingText')),
            photoFailed ? h('span', null, ta('worker.photoFailed')) : null,
            pendingDetails,
          ),
        )
      : null;
  if (worker) {
    api.myWorker().then(
      (me) => {
        const outlook = me.verification;
        if (!outlook) return;
        if (me.worker.status === 'pending') replace(pendingDetails, verifyFacts(outlook));
        const outcome = outcomeOf(me.worker.status, outlook, Date.now() / 1000);
        if (outcome) replace(outcomeSlot, outcomeNotice(outcome, outlook));
      },
      () => undefined,
    );
  }

  return h(
    'div',
    { class: 'page page-worker', 'data-testid': 'home-worker' },
    pending,
    outcomeSlot,
    gridReporterBadge('badge'),
    h('div', { class: 'grid-2' }, section(ta('worker.mine'), mine, { testid: 'worker-card' }), section(ta('worker.services'), tiles)),
    section(ta('worker.nearby'), nearby),
  );
}
