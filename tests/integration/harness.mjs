// Shared harness for the integration tests: starts the real youhao server on a free loopback
// port against a fresh database (SQLite file or a new PostgreSQL database), and offers small
// HTTP helpers built on node:http (so that tests control raw bytes, connections and the
// client's source address).
//
// Environment:
//   YOUHAO_BIN              server binary (default: <repo>/build/youhao)
//   YOUHAO_TEST_DB          sqlite (default) | postgres
//   YOUHAO_TEST_PG_URL      postgres: a database URL on the test server (from scripts/with-postgres.sh)
//   YOUHAO_TEST_PG_ADMIN_URL  postgres: URL of the maintenance database (default: PG_URL with /postgres)
//   YOUHAO_TEST_VERBOSE=1   print the server's output as it runs

import { spawn, execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { randomBytes, generateKeyPairSync, createPublicKey, sign as cryptoSign } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';

const execFileP = promisify(execFile);
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = process.env.YOUHAO_BIN || path.join(REPO_ROOT, 'build', 'youhao');
export const DB_KIND = (process.env.YOUHAO_TEST_DB || 'sqlite').toLowerCase();
export const DEMO_PASSWORD = 'youhao-demo';
/** A demo account of each role (src/demo/demo_city.cpp). */
export const ROLE_LOGINS = {
  worker: 'demo-worker', guard: 'demo-guard', property_manager: 'demo-property', station_keeper: 'demo-keeper',
  merchant: 'demo-merchant', sponsor: 'demo-sponsor', union_staff: 'demo-union', grid_officer: 'demo-grid', community_officer: 'demo-community',
  street_officer: 'demo-street', district_officer: 'demo-district', city_officer: 'demo-city', admin: 'demo-admin',
};
export const DEMO_LOGINS = ['demo-admin', 'demo-city', 'demo-district', 'demo-street', 'demo-community', 'demo-grid',
  'demo-guard', 'demo-property', 'demo-keeper', 'demo-merchant', 'demo-sponsor', 'demo-union', 'demo-worker', 'demo-reporter'];
export const ERROR_CODES = new Set(['invalid_json', 'validation_failed', 'unknown_field', 'body_too_large',
  'unsupported_media_type', 'invalid_utf8', 'auth_required', 'invalid_credentials', 'login_rate_limited',
  'csrf_failed', 'forbidden', 'not_found', 'route_not_found', 'method_not_allowed', 'conflict',
  'header_too_large', 'bad_path', 'bad_request', 'internal_error', 'rate_limited', 'duplicate_place', 'possible_duplicate',
  'invalid_transition', 'already_reported', 'overloaded', 'short_code_wrong', 'short_code_ambiguous',
  // points: the ledger's refusals, offers and redemptions (src/points)
  'bad_amount', 'bad_client_id', 'bad_kind', 'bad_reason', 'insufficient_points', 'client_id_reused', 'already_reversed',
  'worker_not_signed_up', 'bad_offer', 'not_place_owner', 'offer_unavailable', 'offer_sold_out',
  'redemption_client_id_reused', 'redemption_code_format', 'redemption_code_wrong', 'redemption_other_place',
  'redemption_code_used', 'redemption_code_expired', 'redemption_confirmed', 'redemption_released',
  'redemption_expired', 'bad_month',
  // earning rules (src/points/earning_policy.cpp, earning_rules.cpp)
  'bad_rule', 'rule_city_default',
  // the merchant's desk: wrong codes limited, scanned passes (src/points/redemption_policy.cpp)
  'too_many_wrong_codes', 'redemption_other_worker', 'redemption_pass_stale', 'redemption_pass_refused',
  // sponsors and drives (src/sponsors)
  'bad_sponsor', 'bad_pledge', 'not_sponsor_member', 'pledge_decided', 'sponsors_not_allowed', 'out_of_scope',
  'not_sponsor_role', 'bad_drive', 'bad_drive_item', 'drive_not_running', 'drive_not_enough', 'not_drop_point',
  'not_drop_point_keeper',
  // micro-wishes (src/wishes)
  'bad_wish', 'bad_wish_status', 'wish_already_claimed', 'wish_claim_lapsed', 'wish_forbidden', 'wish_invalid_transition', 'wish_worker_unreachable',
  // events and their registrations (src/events)
  'bad_event', 'event_past', 'event_not_found', 'event_cancelled', 'already_registered', 'not_eligible', 'no_offer',
  'no_registration', 'not_event_organiser',
  // childcare classes (src/childcare)
  'bad_child', 'bad_attendance_day', 'childcare_no_place', 'childcare_forbidden', 'too_many_children', 'childcare_full',
  'childcare_event_cancelled',
  // door check-ins (src/attendance)
  'not_event_organiser',
  // training, skills contests and certificates (src/training, src/certificates)
  'bad_topic', 'bad_hours', 'bad_score', 'bad_top', 'not_session', 'not_contest', 'not_registered', 'contest_closed',
  'course_not_found', 'not_course_organiser', 'session_outside_course', 'session_not_started',
  // volunteer teams, hours and appointment letters (src/volunteers)
  'volunteer_forbidden', 'volunteer_not_member', 'volunteer_own_entry', 'volunteer_hours_decided', 'bad_volunteer_team',
  'bad_volunteer_hours', 'bad_appointment', 'appointment_revoked', 'no_volunteer_hours', 'volunteer_team_not_found',
  'shift_outside_team', 'volunteer_day_full',
  // hand-over ratings and the monthly lists (src/honours/handover_*, rankings)
  'bad_respect', 'bad_wait', 'comment_too_long', 'not_place_merchant', 'place_not_rated', 'ranking_already_published', 'ranking_month_ahead', 'ranking_not_published', 'ranking_not_yours',
  // honours campaigns (src/honours/honour_*)
  'already_nominated', 'already_revoked', 'already_voted', 'bad_area', 'bad_citation', 'bad_dates', 'bad_nominee', 'bad_prize', 'bad_stage', 'bad_stage_name', 'bad_title', 'bad_votes_per_person', 'bad_winners', 'nominee_not_accepted', 'not_announced', 'not_nominating', 'not_reviewing', 'not_sponsor', 'not_voting', 'self_nomination', 'vote_flagged', 'vote_limit', 'voter_not_verified', 'worker_not_verified']);
export const MASKED_PHONE = /^1\d{2}\*{4}\d{4}$/;

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const randomId = () => randomBytes(6).toString('hex');

function pgAdminUrl() {
  if (process.env.YOUHAO_TEST_PG_ADMIN_URL) return process.env.YOUHAO_TEST_PG_ADMIN_URL;
  const base = process.env.YOUHAO_TEST_PG_URL;
  if (!base) throw new Error('YOUHAO_TEST_DB=postgres needs YOUHAO_TEST_PG_URL (run under scripts/with-postgres.sh)');
  const u = new URL(base); u.pathname = '/postgres'; return u.toString();
}
function pgUrlFor(db) { const u = new URL(pgAdminUrl()); u.pathname = `/${db}`; return u.toString(); }
async function psqlAdmin(sql) {
  await execFileP('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', pgAdminUrl(), '-c', sql], { timeout: 30_000 });
}

/** A fresh database for one test file: { url, drop() }. */
export async function createDatabase() {
  if (DB_KIND === 'postgres' || DB_KIND === 'postgresql') {
    const name = `it_${randomId()}`;
    await psqlAdmin(`CREATE DATABASE ${name}`);
    // The key file that seals phones and issuer keys lives outside the database, as in production.
    const dir = await mkdtemp(path.join(tmpdir(), 'youhao-it-key-'));
    return {
      kind: 'postgres', url: pgUrlFor(name), name, keyFile: path.join(dir, 'youhao.key'),
      drop: async () => { await psqlAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); await rm(dir, { recursive: true, force: true }); },
    };
  }
  if (DB_KIND !== 'sqlite') throw new Error(`unknown YOUHAO_TEST_DB=${DB_KIND}`);
  const dir = await mkdtemp(path.join(tmpdir(), 'youhao-it-'));
  return {
    kind: 'sqlite', url: `sqlite:${path.join(dir, 'it.db')}`, dir, keyFile: path.join(dir, 'it.db.key'),
    drop: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Runs a youhao CLI command; resolves {code, stdout, stderr}. */
export function runCli(args, { input = '', timeoutMs = 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`youhao ${args.join(' ')} timed out\n${stderr}`)); }, timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('exit', (code, signal) => { clearTimeout(timer); resolve({ code, signal, stdout, stderr }); });
    child.stdin.end(input);
  });
}

/**
 * Low-level HTTP request. Returns {status, headers, body (Buffer), text, json, problem}.
 * opts: headers, body (Buffer|string|object → JSON), localAddress, agent, timeoutMs.
 */
export function request(baseUrl, method, urlPath, opts = {}) {
  const u = new URL(baseUrl);
  const headers = { ...(opts.headers || {}) };
  let body = opts.body;
  if (body !== undefined && !Buffer.isBuffer(body) && typeof body !== 'string') body = JSON.stringify(body);
  if (body !== undefined) {
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = Buffer.byteLength(body);
  }
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: u.hostname, port: u.port, method, path: urlPath, headers,
      agent: opts.agent ?? false, localAddress: opts.localAddress, setHost: true,
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const buf = Buffer.concat(chunks);
        const text = buf.toString('utf8');
        const ct = String(res.headers['content-type'] || '');
        let json;
        if (/json/.test(ct)) { try { json = JSON.parse(text); } catch { json = undefined; } }
        resolve({ status: res.statusCode, headers: res.headers, body: buf, text, json,
          problem: /application\/problem\+json/.test(ct) ? json : undefined });
      });
      res.on('error', reject);
    });
    req.setTimeout(opts.timeoutMs ?? 30_000, () => req.destroy(new Error(`${method} ${urlPath}: timed out`)));
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/**
 * Sends raw bytes on a new TCP connection and collects everything until the server closes the
 * connection or `timeoutMs` passes. Resolves {raw, status, closed, elapsedMs, error}.
 */
export function rawRequest(port, data, { timeoutMs = 10_000, endAfterWrite = false, localAddress } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const sock = net.connect({ host: '127.0.0.1', port, localAddress });
    const chunks = [];
    let done = false;
    const finish = (closed, error) => {
      if (done) return; done = true;
      clearTimeout(timer);
      sock.destroy();
      const raw = Buffer.concat(chunks).toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(raw);
      resolve({ raw, status: m ? Number(m[1]) : null, closed, elapsedMs: Date.now() - started, error });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    sock.on('connect', () => {
      sock.write(data, () => { if (endAfterWrite) sock.end(); });
    });
    sock.on('data', (c) => chunks.push(c));
    sock.on('end', () => finish(true));
    sock.on('close', () => finish(true));
    sock.on('error', (e) => finish(true, e));
  });
}

/** Asserts that a response is an RFC 9457 problem with the expected status and code. */
export function assertProblem(res, status, code, message = '') {
  const where = `${message}${message ? ': ' : ''}got ${res.status} ${res.text.slice(0, 300)}`;
  if (Array.isArray(status)) assert.ok(status.includes(res.status), `expected status ${status.join('|')}; ${where}`);
  else assert.equal(res.status, status, `expected status ${status}; ${where}`);
  assert.match(String(res.headers['content-type'] || ''), /^application\/problem\+json/, `problem content type; ${where}`);
  const p = res.json;
  assert.ok(p && typeof p === 'object', `problem body is JSON; ${where}`);
  for (const k of ['type', 'title', 'detail', 'code']) assert.equal(typeof p[k], 'string', `problem.${k} is a string; ${where}`);
  assert.equal(p.status, res.status, `problem.status equals the HTTP status; ${where}`);
  if (code !== undefined) {
    if (Array.isArray(code)) assert.ok(code.includes(p.code), `expected code ${code.join('|')}; ${where}`);
    else assert.equal(p.code, code, `expected code ${code}; ${where}`);
  }
  return p;
}

/** Checks any error response (status >= 400) for the problem+json shape; returns problems found. */
export function problemShapeErrors(res) {
  if (res.status < 400) return [];
  const errs = [];
  if (!/^application\/problem\+json/.test(String(res.headers['content-type'] || ''))) errs.push(`content-type ${res.headers['content-type']}`);
  const p = res.json;
  if (!p || typeof p !== 'object') return [...errs, 'body is not JSON'];
  for (const k of ['type', 'title', 'detail', 'code']) if (typeof p[k] !== 'string') errs.push(`${k} missing`);
  if (p.status !== res.status) errs.push(`status ${p.status} != ${res.status}`);
  if (typeof p.code === 'string' && !ERROR_CODES.has(p.code)) errs.push(`unknown code ${p.code}`);
  return errs;
}

export function cookieFrom(res) {
  const set = res.headers['set-cookie'] || [];
  const c = set.find((s) => /^youhao_session=/.test(s)) || set[0];
  return c ? c.split(';')[0] : undefined;
}

/**
 * Opens a server-sent event stream with fetch: GET `urlPath` on `server` with `Accept:
 * text/event-stream` and `token` as the bearer. Returns {res, ac, buf, close(), next(timeoutMs)};
 * `next` is there only when the answer is 200. `next` resolves the next block whose `event:` is
 * `event` as {id, event, data (parsed JSON), at (ms when read)}, skipping comments (heartbeats) and
 * other blocks ("retry: 2000"); it resolves null when none arrives within timeoutMs (default 5 s)
 * and throws when the stream ends. `buf` holds what was read and not yet parsed.
 */
export async function openEventStream(server, urlPath, { token, event }) {
  const ac = new AbortController();
  const res = await fetch(`${server.baseUrl}${urlPath}`, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' }, signal: ac.signal,
  });
  const stream = { res, ac, buf: '', pending: null };
  stream.close = () => { try { ac.abort(); } catch { /* closed */ } };
  if (res.status !== 200) return stream;
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  stream.next = async (timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let i;
      while ((i = stream.buf.indexOf('\n\n')) >= 0) {
        const block = stream.buf.slice(0, i);
        stream.buf = stream.buf.slice(i + 2);
        const ev = { event: 'message', data: '' };
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) continue; // heartbeat comment
          const m = /^([a-z]+): ?(.*)$/.exec(line);
          if (!m) continue;
          if (m[1] === 'data') ev.data += m[2]; else ev[m[1]] = m[2];
        }
        if (ev.event !== event) continue;
        return { ...ev, data: JSON.parse(ev.data), at: Date.now() };
      }
      const left = deadline - Date.now();
      if (left <= 0) return null;
      stream.pending ??= reader.read();
      const r = await Promise.race([stream.pending, sleep(left).then(() => null)]);
      if (r === null) continue;
      stream.pending = null;
      if (r.done) throw new Error(`the event stream ${urlPath} ended`);
      stream.buf += decoder.decode(r.value, { stream: true });
    }
  };
  return stream;
}

/**
 * The points ledger's conservation law, asked of the server as `token` (an officer) sees it:
 * issued = pools + workers + held + spent + expired, and every balance the sum of its transfers.
 */
export async function assertLedgerBalanced(server, token) {
  const overview = await server.api('GET', '/api/v1/points', { token });
  assert.equal(overview.status, 200, overview.text);
  const c = overview.json.conservation;
  assert.ok(c.holds, `issued ${c.issued} = pools ${c.pools} + workers ${c.workers} + held ${c.held} + spent ${c.spent} + expired ${c.expired}`);
  assert.equal(c.issued, c.pools + c.workers + c.held + c.spent + c.expired);
  assert.equal(overview.json.balances_off, 0, 'every balance is the sum of its transfers');
}

export class Server {
  /** `db`: an existing {url, drop} to serve (e.g. one a backup was restored into); else a fresh one. */
  constructor({ args = [], demo = true, threads = 2, db = null } = {}) {
    this.extraArgs = args; this.demo = demo; this.threads = threads;
    this.output = ''; this.proc = null; this.exit = null; this.db = null; this.givenDb = db;
  }

  /** Starts the server once; later calls return the same promise. */
  start() {
    this.starting ??= this.#start();
    return this.starting;
  }

  async #start() {
    if (!existsSync(BIN)) throw new Error(`server binary not found: ${BIN} (build it, or set YOUHAO_BIN)`);
    this.db = this.givenDb ?? await createDatabase();
    let lastError;
    for (let attempt = 0; attempt < 3; attempt++) {
      this.port = await freePort();
      this.baseUrl = `http://127.0.0.1:${this.port}`;
      try { await this.#launch(); return this; } catch (e) {
        lastError = e;
        if (!/address already in use|EADDRINUSE|bind/i.test(this.output)) break;
      }
    }
    throw lastError;
  }

  async #launch() {
    const args = ['serve', ...(this.demo ? ['--demo'] : []), '--db', this.db.url, '--key-file', this.db.keyFile,
      '--listen', `127.0.0.1:${this.port}`,
      '--threads', String(this.threads), ...this.extraArgs];
    this.args = args;
    this.output = '';
    this.exit = null;
    const proc = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc = proc;
    this.exited = new Promise((resolve) => proc.on('exit', (code, signal) => { this.exit = { code, signal }; resolve(this.exit); }));
    const onData = (d) => {
      if (this.output.length < 200_000) this.output += d;
      if (process.env.YOUHAO_TEST_VERBOSE) process.stderr.write(d);
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.on('error', (e) => { this.output += `\nspawn error: ${e.message}`; });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (this.exit) throw new Error(`youhao ${args.join(' ')} exited early (${JSON.stringify(this.exit)}):\n${this.output}`);
      try {
        const res = await request(this.baseUrl, 'GET', '/healthz', { timeoutMs: 2000 });
        if (res.status === 200) return;
      } catch { /* not listening yet */ }
      await sleep(100);
    }
    proc.kill('SIGKILL');
    throw new Error(`youhao did not answer GET /healthz 200 within 30 s:\n${this.output}`);
  }

  /** SIGTERM; resolves the exit {code, signal, ms}; SIGKILL after timeoutMs. */
  async stop(timeoutMs = 10_000) {
    if (!this.proc) return null;
    if (this.exit) return { ...this.exit, ms: 0, alreadyExited: true };
    const t0 = Date.now();
    this.proc.kill('SIGTERM');
    let timer;
    const res = await Promise.race([this.exited, new Promise((r) => { timer = setTimeout(() => r(null), timeoutMs); })]);
    clearTimeout(timer);
    if (!res) {
      this.proc.kill('SIGKILL');
      await this.exited;
      return { code: null, signal: 'SIGKILL', ms: Date.now() - t0, timedOut: true };
    }
    return { ...res, ms: Date.now() - t0 };
  }

  /** SIGKILL, as a crash would: nothing is flushed, nothing shut down. */
  async kill() {
    if (this.proc && !this.exit) { this.proc.kill('SIGKILL'); await this.exited; }
  }

  /** Starts the server again on the same database (after kill or stop), on a fresh port. */
  async relaunch() {
    this.port = await freePort();
    this.baseUrl = `http://127.0.0.1:${this.port}`;
    await this.#launch();
    return this;
  }

  async cleanup() {
    if (this.proc && !this.exit) { this.proc.kill('SIGKILL'); await this.exited; }
    if (this.db) { try { await this.db.drop(); } catch (e) { console.error(`dropping the test database failed: ${e.message}`); } }
  }

  request(method, urlPath, opts) { return request(this.baseUrl, method, urlPath, opts); }

  /** api(method, path, {token | cookie+csrf, body, rawBody, headers, localAddress, agent}). */
  api(method, urlPath, { token, cookie, csrf, body, rawBody, headers = {}, localAddress, agent, timeoutMs } = {}) {
    const h = { Accept: 'application/json', ...headers };
    if (token) h.Authorization = `Bearer ${token}`;
    if (cookie) h.Cookie = cookie;
    if (csrf) h['X-CSRF-Token'] = csrf;
    return request(this.baseUrl, method, urlPath, { headers: h, body: rawBody ?? body, localAddress, agent, timeoutMs });
  }

  /** Logs in; returns {token, csrf, cookie, account, res}. Throws unless 201. */
  async login(login, password = DEMO_PASSWORD, opts = {}) {
    const res = await this.api('POST', '/api/v1/session', { body: { login, password }, ...opts });
    if (res.status !== 201) throw new Error(`login ${login}: ${res.status} ${res.text}`);
    return { token: res.json.token, csrf: res.json.csrf_token, cookie: cookieFrom(res), account: res.json.account, res };
  }

  get logs() { return this.output; }
}

/**
 * Registers before/after hooks that start one server for the whole test file, and returns it.
 * The after hook stops it with SIGTERM and asserts a clean exit (code 0 within 10 s).
 */
export function useServer(options = {}) {
  const server = new Server(options);
  before(async () => { await server.start(); }, { timeout: 120_000 });
  after(async () => {
    try {
      if (server.proc) {
        const res = await server.stop(10_000);
        if (process.env.YOUHAO_TEST_VERBOSE) console.error(`server stop: ${JSON.stringify(res)}`);
        if (res && !res.alreadyExited) {
          assert.ok(!res.timedOut, `server did not exit within 10 s of SIGTERM\n${server.logs.slice(-4000)}`);
          assert.equal(res.code, 0, `server exit after SIGTERM: ${JSON.stringify(res)}\n${server.logs.slice(-4000)}`);
        }
      }
    } finally {
      await server.cleanup();
    }
  }, { timeout: 60_000 });
  return server;
}

// ---- Entry passes: the phone side (docs/passes.md), for the passes*.test.mjs files ----

const BASE45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
/** RFC 9285 base45. */
export function base45Encode(bytes) {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let n = bytes[i] * 256 + bytes[i + 1];
    for (let k = 0; k < 3; k++) { out += BASE45[n % 45]; n = Math.floor(n / 45); }
  }
  if (bytes.length % 2) { const n = bytes[bytes.length - 1]; out += BASE45[n % 45] + BASE45[Math.floor(n / 45)]; }
  return out;
}
export const b64url = (buf) => Buffer.from(buf).toString('base64url');
export const fromB64url = (s) => Buffer.from(s, 'base64url');

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
/** An Ed25519 key pair as a phone (or a forger) would make it: {privateKey, publicKey, raw (32 bytes)}. */
export function newEd25519() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, raw: publicKey.export({ format: 'der', type: 'spki' }).subarray(-32) };
}
export const ed25519FromRaw = (raw) => createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(raw)]), format: 'der', type: 'spki' });

/** Parses a credential (the binary layout of docs/passes.md); throws on a malformed one. */
export function parseCredential(buf) {
  assert.ok(buf.length >= 54 + 64, `credential too short: ${buf.length}`);
  const n = buf[53];
  assert.equal(buf.length, 54 + n + 64, `credential length for a ${n}-byte name`);
  return {
    version: buf[0], keyId: buf.readUInt16BE(1), passId: buf.readUInt32BE(3), workerId: buf.readUInt32BE(7),
    issuedAt: buf.readUInt32BE(11), expiresAt: buf.readUInt32BE(15), devicePublicKey: buf.subarray(19, 51),
    platform: buf[51], kind: buf[52], name: buf.subarray(54, 54 + n).toString('utf8'),
    signed: Buffer.concat([Buffer.from('YHP1'), buf.subarray(0, 54 + n)]), signature: buf.subarray(54 + n),
  };
}
/** The credential with its issuer signature replaced by one of `privateKey` (a forgery). */
export function resignCredential(buf, privateKey) {
  const c = parseCredential(buf);
  return Buffer.concat([buf.subarray(0, buf.length - 64), cryptoSign(null, c.signed, privateKey)]);
}
export const passWindow = (ms = Date.now()) => Math.floor(ms / 1000 / 30);
/** Waits until at least `marginS` seconds remain in the current 30-second window. */
export async function awayFromWindowEdge(marginS = 3) {
  const left = 30 - ((Date.now() / 1000) % 30);
  if (left < marginS) await sleep(left * 1000 + 200);
}
/** The QR text a phone shows: "YH1:" + base45(credential || window || device signature). */
export function qrText(credential, devicePrivateKey, window = passWindow(), { passId } = {}) {
  const cred = Buffer.from(credential);
  const w = Buffer.alloc(4); w.writeUInt32BE(window >>> 0);
  const pid = Buffer.alloc(4); pid.writeUInt32BE(passId ?? cred.readUInt32BE(3));
  const sig = cryptoSign(null, Buffer.concat([Buffer.from('YHQ1'), pid, w]), devicePrivateKey);
  return `YH1:${base45Encode(Buffer.concat([cred, w, sig]))}`;
}

/** A unique, valid mainland mobile number (199 + 8 random digits). */
export const uniquePhone = () => `199${String(randomBytes(4).readUInt32BE(0) % 100_000_000).padStart(8, '0')}`;

/** A loopback address of its own (127.x.y.z) for each caller, so per-address limits see many clients. */
export const loopbackAddress = () => `127.${1 + (randomBytes(1)[0] % 250)}.${randomBytes(1)[0]}.${1 + (randomBytes(1)[0] % 250)}`;

/** Asks a demo server for a one-time code for `phone` and returns it (a demo server shows it). */
export async function phoneCode(server, phone) {
  const res = await server.api('POST', '/api/v1/register/code', { body: { phone }, localAddress: loopbackAddress() });
  assert.equal(res.status, 202, `code for ${phone}: ${res.text}`);
  assert.match(String(res.json.demo_code), /^\d{6}$/, 'a demo server shows the code');
  return res.json.demo_code;
}

/**
 * Registers a new rider through POST /api/v1/register; returns {token, phone, login, workerId, name}.
 * The rider signs in with `phone`; `login` (r and seven digits) is what lists and audit entries show.
 * With `verifyAs` (a token of an officer in scope) it is verified at once.
 */
export async function registerRider(server, { name = '测试骑手', depotId = 1, platform = '美团', kind = 'food', verifyAs } = {}) {
  const phone = uniquePhone();
  const code = await phoneCode(server, phone);
  const codeAt = Date.now();
  const res = await server.api('POST', '/api/v1/register', { body: { phone, password: 'rider-secret-2024', name, kind,
    platform, depot_id: depotId, plate: '', convention_accepted: true, code } });
  assert.equal(res.status, 201, `register: ${res.text}`);
  const me = await server.api('GET', '/api/v1/workers/me', { token: res.json.token });
  assert.equal(me.status, 200, me.text);
  const rider = { token: res.json.token, phone, login: res.json.account.login, workerId: me.json.worker.id, name,
    register: res, me: me.json, codeAt };
  if (verifyAs) {
    const v = await server.api('POST', `/api/v1/workers/${rider.workerId}/status`, { token: verifyAs, body: { status: 'verified', reason: '证件核验通过' } });
    assert.equal(v.status, 200, `verify rider: ${v.text}`);
  }
  return rider;
}

/** Issues a pass to a rider with a fresh device key; returns {device, credential (Buffer), json, qr(window?)}. */
export async function issuePass(server, rider) {
  const device = newEd25519();
  const res = await server.api('POST', '/api/v1/passes', { token: rider.token, body: { device_public_key: b64url(device.raw) } });
  assert.equal(res.status, 201, `issue pass: ${res.text}`);
  const credential = fromB64url(res.json.credential);
  return { device, credential, json: res.json, passId: res.json.pass_id, qr: (w) => qrText(credential, device.privateKey, w) };
}

/** A minimal baseline JPEG (8×8 grey) with an APP1 Exif segment that names GPS tags. */
export function jpegWithExif() {
  const seg = (marker, payload) => { const len = Buffer.alloc(2); len.writeUInt16BE(payload.length + 2); return Buffer.concat([Buffer.from([0xff, marker]), len, payload]); };
  const exif = Buffer.concat([Buffer.from('Exif\0\0MM\0*\0\0\0\x08', 'latin1'), Buffer.from('GPSLatitude 39/1 59/1 2340/100 N; GPSLongitude 116/1 19/1 4776/100 E')]);
  const huffman = (cls) => Buffer.concat([Buffer.from([cls]), Buffer.from([1, ...Array(15).fill(0)]), Buffer.from([0])]); // one 1-bit code for symbol 0
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    seg(0xe1, exif),
    seg(0xdb, Buffer.from([0, ...Array(64).fill(1)])),
    seg(0xc0, Buffer.from([8, 0, 8, 0, 8, 1, 1, 0x11, 0])),
    seg(0xc4, huffman(0x00)), seg(0xc4, huffman(0x10)),
    seg(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0])),
    Buffer.from([0x3f]), // DC diff 0, EOB, padded with 1 bits
    Buffer.from([0xff, 0xd9]),
  ]);
}

/** The harness's small JPEG without its hand-made EXIF segment, for exiftool to write real EXIF into. */
export function plainJpeg() {
  const jpeg = jpegWithExif();
  const parts = [jpeg.subarray(0, 2)];
  let at = 2;
  while (jpeg[at] === 0xff && jpeg[at + 1] !== 0xda) {
    const end = at + 2 + jpeg.readUInt16BE(at + 2);
    if (jpeg[at + 1] !== 0xe1) parts.push(jpeg.subarray(at, end));
    at = end;
  }
  parts.push(jpeg.subarray(at));
  return Buffer.concat(parts);
}
