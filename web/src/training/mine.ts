/**
 * 我的培训与证书 #/training/mine, inside the shell (a worker signed in): the training record (course,
 * date, hours, 通过/未通过, score) and the certificates of every kind with their status, 下载证书 PDF
 * and 出示二维码 (the signed QR text, checked by anyone on #/certificates/verify, even offline).
 */

import * as api from './api';
import { isAbort } from '../shell/api';
import { beijingDate } from '../shell/beijing';
import { h, replace } from '../shell/dom';
import { badge, errorBox, section, skeletonLines } from '../shell/ui';
import { drawQr, qrMatrix } from '../passes/qr';
import { kindText, statusText, topicText, ttr } from './messages';
import './training.css';

function recordItem(line: api.RecordLine): HTMLElement {
  return h(
    'li',
    { class: 'tr-item', 'data-testid': 'training-record' },
    h('h3', null, line.course_title),
    h(
      'p',
      { class: 'hint' },
      [topicText(line.topic), beijingDate(line.session_starts_at), ttr('mine.hours', { hours: line.hours }), line.score !== null ? ttr('mine.score', { score: line.score }) : null]
        .filter(Boolean)
        .join(' · '),
    ),
    badge(line.passed ? ttr('mine.passed') : ttr('mine.failed'), line.passed ? 'ok' : 'muted'),
  );
}

function certificateItem(certificate: api.Certificate): HTMLElement {
  const qrBox = h('div', { class: 'tr-qr', hidden: true, 'data-testid': 'certificate-qr' });
  let drawn = false;
  const toggle = h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'certificate-show-qr' }, ttr('mine.showQr')) as HTMLButtonElement;
  toggle.addEventListener('click', () => {
    if (!drawn) {
      const canvas = h('canvas', { 'aria-label': certificate.title });
      drawQr(canvas, qrMatrix(certificate.qr_text, 'M'), 260);
      replace(qrBox, canvas, h('code', { class: 'hint mono tr-qr-text', 'data-testid': 'certificate-qr-text' }, certificate.qr_text));
      drawn = true;
    }
    qrBox.hidden = !qrBox.hidden;
    toggle.textContent = qrBox.hidden ? ttr('mine.showQr') : ttr('mine.hideQr');
  });
  const valid = certificate.status === 'valid';
  return h(
    'li',
    { class: 'tr-item', 'data-testid': 'certificate', 'data-serial': certificate.serial },
    h('h3', null, certificate.title),
    h('p', { class: 'hint' }, [kindText(certificate.kind), certificate.detail, ttr('mine.serial', { serial: certificate.serial })].filter(Boolean).join(' · ')),
    badge(statusText(certificate.status), valid ? 'ok' : 'bad'),
    valid
      ? h(
          'div',
          { class: 'tr-actions' },
          h('a', { class: 'btn btn-primary', href: certificate.pdf_url, download: '', 'data-testid': 'certificate-pdf' }, ttr('mine.pdf')),
          toggle,
        )
      : null,
    qrBox,
  );
}

export function myTrainingPage(signal: AbortSignal): HTMLElement {
  const records = h('div', { 'data-testid': 'training-records' }, skeletonLines(3));
  const certificates = h('div', { 'data-testid': 'training-certificates' }, skeletonLines(3));
  const load = async (): Promise<void> => {
    try {
      const [mine, certs] = await Promise.all([api.myTraining(signal), api.myCertificates(signal)]);
      replace(
        records,
        mine.items.length === 0
          ? h('div', { class: 'empty' }, ttr('mine.noRecords'), ' ', h('a', { class: 'btn btn-secondary', href: '#/events?kind=training' }, ttr('mine.findTraining')))
          : h('ul', { class: 'tr-list' }, mine.items.map(recordItem)),
      );
      replace(certificates, certs.items.length === 0 ? h('div', { class: 'empty' }, ttr('mine.noCertificates')) : h('ul', { class: 'tr-list' }, certs.items.map(certificateItem)));
    } catch (error) {
      if (isAbort(error)) return;
      replace(records, errorBox(error, () => void load()));
      replace(certificates);
    }
  };
  void load();
  return h(
    'div',
    { class: 'page tr-page', 'data-testid': 'training-mine' },
    h('h1', null, ttr('mine.title')),
    h('p', { class: 'hint' }, ttr('mine.intro')),
    section(ttr('mine.certificates'), h('div', { class: 'card' }, certificates)),
    section(ttr('mine.records'), h('div', { class: 'card' }, records)),
  );
}
