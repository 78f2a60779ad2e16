// Honours campaigns (issue 16, item 6): a street officer's campaign goes nominating → reviewing →
// voting → announced; nominations carry evidence the server counts; officers accept or reject
// them; signed-in accounts vote within their limit (two here), held under concurrent requests;
// votes from one client address beyond the hourly threshold (three here, --honour-votes-per-
// address-hour) are refused and counted as flagged; announcing pays the winner's prize points
// (a campaign without a prize: the area's honour earning rule) once (the ledger balanced after every test) and signs a certificate whose PDF names the winner
// and whose QR code opens the verify page; revoked, it verifies as revoked.
import { test, before, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { useServer, assertProblem, assertLedgerBalanced, registerRider, loopbackAddress } from './harness.mjs';

const srv = useServer({ args: ['--honour-votes-per-address-hour', '3'] });
const S = {};
const as = (who, method, p, opts = {}) => srv.api(method, p, { token: S[who].token, ...opts });
const now = () => Math.floor(Date.now() / 1000);
const campaignBody = (over = {}) => ({
  title: '测试街道最美骑手', kind: 'best_rider', nominating_until: now() + 86400, reviewing_until: now() + 2 * 86400,
  voting_until: now() + 3 * 86400, winners: 1, votes_per_person: 2, prize_points: 50, ...over,
});

before(async () => {
  await srv.start();
  for (const [who, login] of [['worker', 'demo-worker'], ['keeper', 'demo-keeper'], ['community', 'demo-community'],
    ['street', 'demo-street'], ['city', 'demo-city'], ['merchant', 'demo-merchant'], ['grid', 'demo-grid'],
    ['sponsor', 'demo-sponsor']]) S[who] = await srv.login(login);
  const me = await as('worker', 'GET', '/api/v1/workers/me');
  S.workerId = me.json.worker?.id ?? me.json.id;
  assert.ok(Number.isInteger(S.workerId), me.text.slice(0, 200));
  S.riders = [];
  for (const name of ['李风雨', '王及时', '赵冒名']) S.riders.push(await registerRider(srv, { name, verifyAs: S.community.token }));
  S.pending = await registerRider(srv, { name: '钱待审' });
});

afterEach(() => assertLedgerBalanced(srv, S.city.token));

test('who may run a campaign, and bad input: catalogued refusals', async () => {
  assertProblem(await as('worker', 'POST', '/api/v1/honours/campaigns', { body: campaignBody() }), 403, 'forbidden');
  assertProblem(await as('community', 'POST', '/api/v1/honours/campaigns', { body: campaignBody() }), 403, 'forbidden',
    'a community officer passes the door but does not run campaigns');
  assertProblem(await as('street', 'POST', '/api/v1/honours/campaigns', { body: campaignBody({ title: ' ' }) }), 400, 'validation_failed');
  assertProblem(await as('street', 'POST', '/api/v1/honours/campaigns', { body: campaignBody({ kind: 'best_cook' }) }), 400, 'bad_kind');
  const dates = assertProblem(await as('street', 'POST', '/api/v1/honours/campaigns',
    { body: campaignBody({ voting_until: now() }) }), 400, 'bad_dates');
  assert.match(dates.detail, /提名/, 'in Chinese');
  assertProblem(await as('street', 'POST', '/api/v1/honours/campaigns', { body: campaignBody({ votes_per_person: 0 }) }), 400,
    'bad_votes_per_person');
  assertProblem(await as('street', 'POST', '/api/v1/honours/campaigns', { body: campaignBody({ prize_points: -5 }) }), 400, 'bad_prize');
  assertProblem(await as('street', 'POST', '/api/v1/honours/campaigns', { body: campaignBody({ area_code: '110108008' }) }), 403,
    'forbidden', 'another street');
  assertProblem(await as('street', 'POST', '/api/v1/honours/campaigns', { body: { ...campaignBody(), extra: 1 } }), 400, 'unknown_field');
  assertProblem(await srv.api('POST', '/api/v1/honours/campaigns', { body: campaignBody() }), 401);
});

test('nominate → review → vote (limits, races, flagged floods) → announce → prize once → certificate PDF, QR, verify, revoke', async () => {
  const created = await as('street', 'POST', '/api/v1/honours/campaigns', { body: campaignBody() });
  assert.equal(created.status, 201, created.text);
  const id = created.json.id;
  assert.equal(created.json.stage, 'nominating');
  const listed = await srv.api('GET', '/api/v1/honours/campaigns');
  assert.ok(listed.json.items.some((c) => c.id === id), 'listed for anyone');

  // Nominations: the keeper nominates demo-worker; demo-worker nominates riders; nobody nominates themselves.
  const nominate = (who, body) => as(who, 'POST', `/api/v1/honours/campaigns/${id}/nominations`, { body });
  const self = await nominate('worker', { worker_id: S.workerId, citation: '我自己很优秀' });
  assertProblem(self, 403, 'self_nomination');
  assertProblem(await nominate('merchant', { worker_id: S.workerId, citation: '好' }), 403, 'forbidden');
  assertProblem(await nominate('keeper', { worker_id: S.workerId, citation: 'x'.repeat(301) }), 400);
  assertProblem(await nominate('keeper', { worker_id: 999999, citation: '查无此人' }), 400, 'bad_nominee');
  const n1 = await nominate('keeper', { worker_id: S.workerId, citation: '暴雨夜坚持送餐，途中救助摔倒老人' });
  assert.equal(n1.status, 201, n1.text);
  assert.equal(n1.json.status, 'pending');
  for (const k of ['confirmed_reports', 'points_earned', 'service_days', 'misconduct_records', 'grid_months'])
    assert.equal(typeof n1.json.evidence[k], 'number', `evidence ${k} counted by the server`);
  assert.ok(n1.json.evidence.points_earned > 0, 'demo-worker earned points');
  assertProblem(await nominate('grid', { worker_id: S.workerId, citation: '再提一次' }), 409, 'already_nominated');
  const n = [n1.json.id];
  for (const rider of S.riders) {
    const res = await nominate('worker', { worker_id: rider.workerId, citation: `${rider.name}热心助人` });
    assert.equal(res.status, 201, res.text);
    n.push(res.json.id);
  }
  const fake = await as('worker', 'POST', `/api/v1/honours/campaigns/${id}/nominations`,
    { body: { worker_id: S.riders[0].workerId, citation: '重复', evidence: { points_earned: 99999 } } });
  assertProblem(fake, 400, 'unknown_field', 'evidence is never typed');

  // Review: officers of the area; the public sees only the accepted ones, names masked.
  const review = (who, nid, accept, reason = '') => as(who, 'POST', `/api/v1/honours/nominations/${nid}/review`, { body: { accept, reason } });
  assertProblem(await review('keeper', n[0], true), 403, 'forbidden');
  assertProblem(await review('street', n[3], false, ''), 400, 'bad_reason');
  assertProblem(await review('community', n[0], true), 403, 'forbidden', 'a community officer is not of the street the campaign belongs to');
  for (const nid of n.slice(0, 3)) assert.equal((await review('street', nid, true)).status, 200);
  const rejected = await review('street', n[3], false, '事迹无法核实');
  assert.equal(rejected.json.status, 'rejected');
  const queue = await as('street', 'GET', `/api/v1/honours/campaigns/${id}/nominations?status=rejected`);
  assert.deepEqual(queue.json.items.map((x) => x.id), [n[3]]);
  assert.equal(queue.json.items[0].review_reason, '事迹无法核实');
  const ballot = await srv.api('GET', `/api/v1/honours/campaigns/${id}`);
  assert.deepEqual(ballot.json.nominations.map((x) => x.id), n.slice(0, 3));
  assert.ok(ballot.json.nominations.every((x) => x.name.endsWith('**')), 'masked for the public');
  const fullName = (await as('street', 'GET', `/api/v1/honours/campaigns/${id}`)).json.nominations[0].name;
  assert.ok(!fullName.includes('*'), 'the officer sees the full name');

  // Voting opens only after review.
  const vote = (who, nid, opts = {}) => as(who, 'POST', `/api/v1/honours/campaigns/${id}/votes`, { body: { nomination_id: nid }, ...opts });
  assertProblem(await vote('worker', n[0]), 409, 'not_voting');
  assertProblem(await as('street', 'POST', `/api/v1/honours/campaigns/${id}/advance`, { body: { to: 'voting' } }), 409, 'bad_stage');
  assertProblem(await as('community', 'POST', `/api/v1/honours/campaigns/${id}/advance`, { body: { to: 'reviewing' } }), 403);
  for (const to of ['reviewing', 'voting']) {
    const moved = await as('street', 'POST', `/api/v1/honours/campaigns/${id}/advance`, { body: { to } });
    assert.equal(moved.status, 200, moved.text);
    assert.equal(moved.json.stage, to);
  }
  assertProblem(await nominate('keeper', { worker_id: S.riders[0].workerId, citation: '迟到的提名' }), 409, 'not_nominating');

  // demo-worker: two votes, then refusals in Chinese. (Address 127.0.0.1: two votes counted.)
  const first = await vote('worker', n[0]);
  assert.equal(first.status, 201, first.text);
  assert.equal(first.json.votes_left, 1);
  assert.equal((await vote('worker', n[1])).status, 201);
  assertProblem(await vote('worker', n[0]), 409, 'already_voted');
  const limit = assertProblem(await vote('worker', n[2]), 409, 'vote_limit');
  assert.equal(limit.limit, 2);
  assert.match(limit.detail, /最多投 2 票/);
  assertProblem(await vote('worker', n[3]), 409, 'nominee_not_accepted');
  assertProblem(await vote('worker', 999999), 404);
  assertProblem(await srv.api('POST', `/api/v1/honours/campaigns/${id}/votes`, { body: { nomination_id: n[0] } }), 401);
  const unverified = await srv.api('POST', `/api/v1/honours/campaigns/${id}/votes`, { token: S.pending.token, body: { nomination_id: n[0] } });
  assertProblem(unverified, 403, 'voter_not_verified');

  // One address: the third vote in the hour counts; the fourth is refused and flagged.
  assert.equal((await vote('keeper', n[0])).status, 201);
  const flood = assertProblem(await vote('community', n[0]), 429, 'vote_flagged');
  assert.match(flood.detail, /标记/);
  const elsewhere = await vote('community', n[0], { localAddress: loopbackAddress() });
  assert.equal(elsewhere.status, 201, `the same account from another network: ${elsewhere.text}`);

  // Six racing votes of one account for three nominees: the limit of two holds.
  const race = await Promise.all([0, 1, 2, 0, 1, 2].map((i) => vote('grid', n[i], { localAddress: loopbackAddress() })));
  assert.equal(race.filter((r) => r.status === 201).length, 2, race.map((r) => r.status).join(','));
  assert.ok(race.filter((r) => r.status !== 201).every((r) => r.status === 409));
  const mine = await as('grid', 'GET', `/api/v1/honours/campaigns/${id}`);
  assert.equal(mine.json.my_votes.length, 2);
  assert.equal(mine.json.votes_left, 0);

  // Results: not public yet; the officers see a live count with the flagged votes.
  assertProblem(await srv.api('GET', `/api/v1/honours/campaigns/${id}/results`), 409, 'not_announced');
  const live = await as('street', 'GET', `/api/v1/honours/campaigns/${id}/results`);
  assert.equal(live.status, 200, live.text);
  assert.equal(live.json.final, false);
  assert.equal(live.json.flagged_votes, 1);

  // Announce: the winner (demo-worker, most votes) is paid once.
  const points = async () => (await as('worker', 'GET', '/api/v1/me/points?limit=200')).json;
  const before = await points();
  const announced = await as('street', 'POST', `/api/v1/honours/campaigns/${id}/advance`, { body: { to: 'announced' } });
  assert.equal(announced.status, 200, announced.text);
  assertProblem(await as('street', 'POST', `/api/v1/honours/campaigns/${id}/advance`, { body: { to: 'announced' } }), 409, 'bad_stage');
  const after = await points();
  assert.equal(after.balance, before.balance + 50, 'the prize, once');
  assert.equal(after.history.filter((h) => h.reason === 'honour' && h.delta === 50).length,
    before.history.filter((h) => h.reason === 'honour' && h.delta === 50).length + 1);
  assertProblem(await vote('sponsor', n[0], { localAddress: loopbackAddress() }), 409, 'not_voting');

  const results = await srv.api('GET', `/api/v1/honours/campaigns/${id}/results`);
  assert.equal(results.status, 200, results.text);
  assert.equal(results.json.final, true);
  const [top] = results.json.lines;
  assert.equal(top.id, n[0]);
  assert.equal(top.winner, true);
  assert.equal(top.rank, 1);
  assert.ok(top.votes >= 3);
  assert.equal(top.citation, '暴雨夜坚持送餐，途中救助摔倒老人');
  assert.equal(results.json.lines.filter((l) => l.winner).length, 1);
  assert.equal(results.json.flagged_votes, undefined, 'flags are for officers');
  const serial = top.certificate_serial;
  assert.match(serial, /^YH-\d+-\d+-\d{6}$/);

  // The certificate: the holder's PDF names them and carries the serial; its QR opens the verify page.
  assertProblem(await as('merchant', 'GET', `/api/v1/honours/certificates/${serial}/pdf`), 403);
  const pdf = await as('worker', 'GET', `/api/v1/honours/certificates/${serial}/pdf`);
  assert.equal(pdf.status, 200, pdf.text.slice(0, 300));
  assert.match(String(pdf.headers['content-type']), /application\/pdf/);
  const dir = mkdtempSync(path.join(tmpdir(), 'honours-'));
  const file = path.join(dir, 'certificate.pdf');
  writeFileSync(file, pdf.body);
  const text = execFileSync('pdftotext', [file, '-']).toString();
  assert.ok(text.includes(fullName), `the name in the PDF: ${text}`);
  assert.ok(text.includes(serial), 'the serial in the PDF');
  assert.match(text, /荣誉证书/);
  execFileSync('pdftoppm', ['-png', '-r', '150', '-singlefile', file, path.join(dir, 'page')]);
  const decoded = execFileSync('zbarimg', ['--raw', '-q', path.join(dir, 'page.png')]).toString().trim();
  assert.ok(decoded.endsWith(`/#/honours/certificates/${serial}`), `the QR opens the verify page: ${decoded}`);
  const officerPdf = await as('street', 'GET', `/api/v1/honours/certificates/${serial}/pdf`);
  assert.equal(officerPdf.status, 200, 'the officers print it too');

  const verify = async (s) => (await srv.api('GET', `/api/v1/honours/certificates/${encodeURIComponent(s)}`)).json;
  const valid = await verify(serial);
  assert.equal(valid.status, 'valid');
  assert.ok(valid.name.endsWith('**'), 'the name masked');
  assert.equal(valid.campaign.id, id);
  assert.equal((await verify('YH-1-1-000000')).status, 'unknown');
  assert.equal((await verify('not-a-serial')).status, 'unknown');

  // Revocation: street officers and above of the area, with a reason.
  const revoke = (who, reason) => as(who, 'POST', `/api/v1/honours/certificates/${serial}/revoke`, { body: { reason } });
  assertProblem(await revoke('community', '理由'), 403);
  assertProblem(await revoke('worker', '理由'), 403);
  assertProblem(await revoke('street', ''), 400);
  const revoked = await revoke('street', '事迹经核实不属实');
  assert.equal(revoked.status, 200, revoked.text);
  assertProblem(await revoke('street', '再撤一次'), 409, 'already_revoked');
  const after2 = await verify(serial);
  assert.equal(after2.status, 'revoked');
  assert.equal(after2.revoke_reason, '事迹经核实不属实');
  assertProblem(await as('worker', 'GET', `/api/v1/honours/certificates/${serial}/pdf`), 409, 'already_revoked');
  const audit = await as('city', 'GET', '/api/v1/audit?limit=200');
  const actions = new Set(audit.json.items.map((e) => e.action));
  for (const a of ['honours.campaign_create', 'honours.nominate', 'honours.review', 'honours.campaign_advance', 'honours.announce',
    'honours.certificate_revoke']) assert.ok(actions.has(a), `audited: ${a}`);
});

test('the demo city has a finished campaign with certificates and a running vote', async () => {
  const list = (await srv.api('GET', '/api/v1/honours/campaigns')).json.items;
  const finished = list.find((c) => c.title === '2025年度海淀区最美外卖员');
  const running = list.find((c) => c.title.includes('最美快递人') && c.stage === 'voting');
  assert.ok(finished && finished.stage === 'announced', 'the finished campaign');
  assert.ok(running, 'the running vote');
  const results = (await srv.api('GET', `/api/v1/honours/campaigns/${finished.id}/results`)).json;
  const winners = results.lines.filter((l) => l.winner);
  assert.ok(winners.length >= 1);
  for (const w of winners) assert.equal((await srv.api('GET', `/api/v1/honours/certificates/${w.certificate_serial}`)).json.status, 'valid');
  const ballot = (await srv.api('GET', `/api/v1/honours/campaigns/${running.id}`)).json;
  assert.ok(ballot.nominations.length >= 3);
  const counted = (await as('street', 'GET', `/api/v1/honours/campaigns/${running.id}/results`)).json;
  assert.ok(counted.lines.some((l) => l.votes > 0), 'with votes');
});

test('我的荣誉: the winner sees the campaign with its certificate and prize; another worker sees nothing of it', async () => {
  const winner = await registerRider(srv, { name: '孙荣誉', verifyAs: S.community.token });
  const mine = async (token) => {
    const res = await srv.api('GET', '/api/v1/me/honours', { token });
    assert.equal(res.status, 200, res.text);
    return res.json.items;
  };
  assertProblem(await srv.api('GET', '/api/v1/me/honours'), 401);
  assertProblem(await as('merchant', 'GET', '/api/v1/me/honours'), 403, 'forbidden', 'for workers');
  assert.deepEqual(await mine(winner.token), [], 'nothing before a nomination');

  const created = await as('street', 'POST', '/api/v1/honours/campaigns', { body: campaignBody({ title: '我的荣誉测试评选', prize_points: 30 }) });
  assert.equal(created.status, 201, created.text);
  const id = created.json.id;
  const nominated = await as('keeper', 'POST', `/api/v1/honours/campaigns/${id}/nominations`,
    { body: { worker_id: winner.workerId, citation: '冒雪送药到独居老人家' } });
  assert.equal(nominated.status, 201, nominated.text);
  const [pending] = await mine(winner.token);
  assert.equal(pending.nomination_id, nominated.json.id);
  assert.equal(pending.campaign.id, id);
  assert.equal(pending.campaign.title, '我的荣誉测试评选');
  assert.equal(pending.campaign.stage, 'nominating');
  assert.equal(pending.status, 'pending');
  assert.equal(pending.name, '孙荣誉', 'the nominee sees their own name in full');
  assert.equal(pending.votes, null, 'no count before the announcement');
  assert.equal(pending.certificate, null);
  assert.equal(pending.prize_points, 0);

  assert.equal((await as('street', 'POST', `/api/v1/honours/nominations/${nominated.json.id}/review`, { body: { accept: true, reason: '' } })).status, 200);
  for (const to of ['reviewing', 'voting']) assert.equal((await as('street', 'POST', `/api/v1/honours/campaigns/${id}/advance`, { body: { to } })).status, 200);
  const voted = await as('worker', 'POST', `/api/v1/honours/campaigns/${id}/votes`, { body: { nomination_id: nominated.json.id }, localAddress: loopbackAddress() });
  assert.equal(voted.status, 201, voted.text);
  const voting = (await mine(winner.token)).find((x) => x.campaign.id === id);
  assert.equal(voting.status, 'accepted');
  assert.equal(voting.votes, null, 'still no count while voting');
  assert.equal(voting.winner, false);
  const announced = await as('street', 'POST', `/api/v1/honours/campaigns/${id}/advance`, { body: { to: 'announced' } });
  assert.equal(announced.status, 200, announced.text);

  const [won] = await mine(winner.token);
  assert.equal(won.campaign.id, id);
  assert.equal(won.campaign.stage, 'announced');
  assert.equal(won.winner, true);
  assert.equal(won.rank, 1);
  assert.equal(won.votes, 1);
  assert.equal(won.prize_points, 30);
  assert.equal(won.certificate.status, 'valid');
  const results = (await srv.api('GET', `/api/v1/honours/campaigns/${id}/results`)).json;
  assert.equal(won.certificate.serial, results.lines[0].certificate_serial);
  assert.equal((await srv.api('GET', `/api/v1/honours/certificates/${won.certificate.serial}`)).json.status, 'valid');
  const pdf = await srv.api('GET', `/api/v1/honours/certificates/${won.certificate.serial}/pdf`, { token: winner.token });
  assert.equal(pdf.status, 200, 'the holder downloads it');

  const others = await mine(S.worker.token);
  assert.ok(others.every((x) => x.campaign.id !== id && x.certificate?.serial !== won.certificate.serial),
    'another worker (who voted for them) sees nothing of it');

  const revoked = await as('street', 'POST', `/api/v1/honours/certificates/${won.certificate.serial}/revoke`, { body: { reason: '事迹经核实不属实' } });
  assert.equal(revoked.status, 200, revoked.text);
  const [after] = await mine(winner.token);
  assert.equal(after.certificate.status, 'revoked');
  assert.equal(typeof after.certificate.revoked_at, 'number');
});

test('a campaign without a prize pays each winner the honour rule in force for its area, once', async () => {
  const rules = await as('street', 'GET', '/api/v1/points/rules');
  assert.equal(rules.status, 200, rules.text);
  const honour = rules.json.rules.find((r) => r.trigger === 'honour').rule;
  assert.ok(honour && honour.active && honour.points > 0, `an honour rule pays in 中关村街道: ${JSON.stringify(honour)}`);
  const winner = await registerRider(srv, { name: '周规则', verifyAs: S.community.token });
  const points = async () => (await srv.api('GET', '/api/v1/me/points?limit=200', { token: winner.token })).json;

  const created = await as('street', 'POST', '/api/v1/honours/campaigns', { body: campaignBody({ title: '按积分规则奖励的评选', prize_points: 0 }) });
  assert.equal(created.status, 201, created.text);
  const id = created.json.id;
  const nominated = await as('keeper', 'POST', `/api/v1/honours/campaigns/${id}/nominations`,
    { body: { worker_id: winner.workerId, citation: '台风天帮独居老人买菜送药' } });
  assert.equal(nominated.status, 201, nominated.text);
  assert.equal((await as('street', 'POST', `/api/v1/honours/nominations/${nominated.json.id}/review`, { body: { accept: true, reason: '' } })).status, 200);
  for (const to of ['reviewing', 'voting']) assert.equal((await as('street', 'POST', `/api/v1/honours/campaigns/${id}/advance`, { body: { to } })).status, 200);
  const voted = await as('worker', 'POST', `/api/v1/honours/campaigns/${id}/votes`, { body: { nomination_id: nominated.json.id }, localAddress: loopbackAddress() });
  assert.equal(voted.status, 201, voted.text);

  const before = await points();
  const announced = await as('street', 'POST', `/api/v1/honours/campaigns/${id}/advance`, { body: { to: 'announced' } });
  assert.equal(announced.status, 200, announced.text);
  assertProblem(await as('street', 'POST', `/api/v1/honours/campaigns/${id}/advance`, { body: { to: 'announced' } }), 409, 'bad_stage');
  const after = await points();
  assert.equal(after.balance, (before.balance ?? 0) + honour.points, 'the rule\'s points, once');
  const paid = (after.history ?? []).filter((h) => h.reason === 'honour');
  assert.deepEqual(paid.map((h) => h.delta), [honour.points], 'one honour award');
  const [won] = (await srv.api('GET', '/api/v1/me/honours', { token: winner.token })).json.items;
  assert.equal(won.campaign.id, id);
  assert.equal(won.winner, true);
  assert.equal(won.prize_points, honour.points, 'the award is the winner\'s prize');
});
