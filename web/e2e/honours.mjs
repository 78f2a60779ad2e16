// Honours campaigns (评选表彰) end to end, called from e2e/run.mjs (E2E_SUITE=honours runs only this):
// (a) demo-worker, on a phone, opens 评选表彰 from the home tile, the running 2026年度中关村街道最美快递人
//     vote: the nominees with their citations and the evidence the server counted, 你还有 3 票; taps
//     投票 on one: it turns 已投 and the line says 你还有 2 票 (the API agrees);
// (b) anyone, without signing in, opens a winner's certificate verify page of 2025年度海淀区最美外卖员
//     (what its QR code opens): 证书有效 with the masked name and the honour; an unknown serial says
//     查无此证书.
// (c) demo-worker (张小哥, the demo's 2025 winner), on a phone, opens 我的荣誉 from the home tile: the
//     2025年度海淀区最美外卖员 card says 获奖 with rank, votes and the prize, offers 下载证书 PDF (the PDF
//     downloads) and 查看证书, which opens the verify page: 证书有效; 我的积分 links to 我的荣誉 too.
// Screenshots: <repo>/build/screenshots/e2e-honours-vote.png (phone), e2e-honours-certificate.png (phone),
// e2e-honours-mine.png (phone).

import assert from 'node:assert/strict';
import { apiIn } from './page_api.mjs';

export async function honoursSuite(ctx) {
  const { base, test, newPage, closePage, settled, screenshot, loginViaForm, text, PHONE } = ctx;

  await test('honours (a): demo-worker votes on a phone, within the votes left', async () => {
    const page = await newPage(PHONE);
    await loginViaForm(page, 'demo-worker');
    const tile = page.getByTestId('tile-honours');
    assert.equal(await tile.getAttribute('href'), '#/honours', '评选表彰 tile on the worker home');
    await tile.click();
    await page.getByTestId('honours-list').waitFor();
    await page.getByTestId('campaign-card').filter({ hasText: '最美快递人' }).first().click();
    await page.getByTestId('honours-campaign').waitFor();
    await settled(page);
    assert.equal(await text(page.getByTestId('campaign-stage')), '投票中');
    const before = await text(page.getByTestId('votes-left'));
    const left = Number(/你还有 (\d+) 票/.exec(before)?.[1]);
    assert.ok(left >= 1, `votes left: ${before}`);
    const nominees = page.getByTestId('nominee');
    assert.ok((await nominees.count()) >= 3, 'the ballot');
    const first = nominees.filter({ has: page.getByTestId('vote') }).first();
    assert.ok((await text(first)).includes('从业登记'), 'the evidence the server counted');
    const id = Number(await first.getAttribute('data-nomination'));
    await first.getByTestId('vote').click();
    await page.locator(`[data-nomination="${id}"] [data-testid="voted"]`).waitFor();
    assert.match(await text(page.getByTestId('votes-left')), new RegExp(left - 1 > 0 ? `你还有 ${left - 1} 票` : '已投完'));
    const campaignId = Number(/#\/honours\/(\d+)/.exec(page.url())?.[1]);
    const answer = await apiIn(page, 'GET', `/api/v1/honours/campaigns/${campaignId}`);
    assert.ok(answer.body.my_votes.includes(id), 'the server counted the vote');
    assert.equal(answer.body.votes_left, left - 1);
    await screenshot(page, 'e2e-honours-vote');
    await closePage(page);
  });

  await test('honours (b): a winner certificate verifies without signing in; an unknown serial does not', async () => {
    const page = await newPage(PHONE);
    await page.goto(`${base}/#/honours`);
    await page.getByTestId('honours-list').waitFor();
    const list = await apiIn(page, 'GET', '/api/v1/honours/campaigns');
    const finished = list.body.items.find((c) => c.title === '2025年度海淀区最美外卖员');
    assert.ok(finished, 'the demo finished campaign');
    const results = await apiIn(page, 'GET', `/api/v1/honours/campaigns/${finished.id}/results`);
    const winner = results.body.lines.find((l) => l.winner && l.certificate_serial);
    assert.ok(winner, 'a winner with a certificate');
    await page.goto(`${base}/#/honours/certificates/${winner.certificate_serial}`);
    const status = page.getByTestId('certificate-status');
    await status.waitFor();
    assert.equal(await status.getAttribute('data-status'), 'valid');
    assert.match(await text(status), /证书有效/);
    const card = await text(page.getByTestId('honours-certificate'));
    assert.ok(card.includes(winner.certificate_serial), 'the serial');
    assert.ok(card.includes('最美骑手'), 'the honour');
    assert.ok(card.includes('**'), 'the name masked');
    await screenshot(page, 'e2e-honours-certificate');
    await page.goto(`${base}/#/honours/certificates/YH-1-1-000000`);
    await page.locator('[data-testid="certificate-status"][data-status="unknown"]').waitFor();
    assert.match(await text(page.getByTestId('certificate-status')), /查无此证书/);
    await closePage(page);
  });

  await test('honours (c): demo-worker, the 2025 winner, sees his certificate in 我的荣誉 on a phone', async () => {
    const page = await newPage(PHONE);
    await loginViaForm(page, 'demo-worker');
    const tile = page.getByTestId('tile-my-honours');
    assert.equal(await tile.getAttribute('href'), '#/honours/mine', '我的荣誉 tile on the worker home');
    await tile.click();
    await page.getByTestId('honours-mine').waitFor();
    const card = page.getByTestId('my-honour').filter({ hasText: '2025年度海淀区最美外卖员' });
    await card.waitFor();
    await settled(page);
    assert.equal(await card.getAttribute('data-outcome'), 'winner');
    const words = await text(card);
    assert.ok(words.includes('获奖'), `the winner badge: ${words}`);
    assert.match(words, /第 1 名/);
    assert.match(await text(card.getByTestId('my-honour-prize')), /200/);
    const mine = await apiIn(page, 'GET', '/api/v1/me/honours');
    const line = mine.body.items.find((x) => x.campaign.title === '2025年度海淀区最美外卖员');
    assert.ok(line && line.winner && line.certificate?.status === 'valid', JSON.stringify(line));
    const pdfHref = await card.getByTestId('my-certificate-pdf').getAttribute('href');
    assert.ok(pdfHref.endsWith(`/api/v1/honours/certificates/${line.certificate.serial}/pdf`), pdfHref);
    const pdf = await apiIn(page, 'GET', `/api/v1/honours/certificates/${line.certificate.serial}/pdf`);
    assert.equal(pdf.status, 200, 'the holder downloads the PDF');
    await screenshot(page, 'e2e-honours-mine');

    await card.getByTestId('my-certificate-link').click();
    const status = page.getByTestId('certificate-status');
    await status.waitFor();
    assert.equal(await status.getAttribute('data-status'), 'valid');
    assert.ok((await text(page.getByTestId('honours-certificate'))).includes(line.certificate.serial));

    await page.goto(`${base}/#/points`);
    await page.getByTestId('points-my-honours').click();
    await page.getByTestId('honours-mine').waitFor();
    await closePage(page);
  });
}
