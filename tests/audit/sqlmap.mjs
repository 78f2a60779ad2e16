// make audit: sqlmap (level 3, loopback only, bounded in time) against every documented operation
// that takes input: path parameters, query parameters and JSON bodies. Each operation is attacked
// with a session of a role inside its audience, so the door does not hide the code behind it.
// A finding is an injection sqlmap identifies, or a 5xx answer provoked by its payloads; the run
// fails on any finding and writes build/audit/sqlmap.md.
//
//   node tests/audit/sqlmap.mjs [--budget-minutes N] [--only SUBSTRING]
// YOUHAO_TEST_DB=postgres audits the PostgreSQL backend (start it with scripts/with-postgres.sh).
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Server, ROLE_LOGINS } from '../integration/harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = path.join(root, 'build', 'audit');
const args = process.argv.slice(2);
const option = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const budgetMs = Number(option('--budget-minutes', '40')) * 60_000;
const only = option('--only', '');
const perTargetMs = 120_000;

try { execFileSync('sqlmap', ['--version'], { stdio: 'ignore' }); } catch {
  console.error('audit: sqlmap is not installed (scripts/install-deps.sh installs it)');
  process.exit(2);
}

// Operations that would end the audit's own sessions or never answer are left out, and said so.
const SKIPPED = new Map([
  ['DELETE /api/v1/session', 'signs the auditing session out'],
  ['GET /api/v1/reports/{id}/events', 'an event stream that stays open'],
]);

let compoundCode = '';
const sample = (name, schema = {}) => {
  if (name === 'compound') return compoundCode;
  if (/code|^area$/.test(name)) return '110108';
  if (name === 'lat') return 39.96;
  if (name === 'lon') return 116.36;
  if (/file/.test(name)) return 'requests.json';
  if (schema.enum) return schema.enum[0];
  if (schema.type === 'integer' || schema.type === 'number' || /(^|_)id$/.test(name)) return 1;
  if (schema.type === 'boolean') return true;
  if (schema.type === 'array') return [];
  if (schema.type === 'object') return {};
  return 'x';
};

function resolveRef(doc, schema) {
  let s = schema;
  for (let i = 0; s && s.$ref && i < 8; i++) s = s.$ref.replace(/^#\//, '').split('/').reduce((o, k) => o?.[k], doc);
  return s ?? {};
}

function targets(doc) {
  const list = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (typeof op !== 'object' || method === 'parameters') continue;
      const key = `${method.toUpperCase()} ${p}`;
      if (only && !key.includes(only)) continue;
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((x) => resolveRef(doc, x));
      const query = params.filter((x) => x.in === 'query');
      const bodySchema = resolveRef(doc, op.requestBody?.content?.['application/json']?.schema);
      const bodyFields = Object.entries(bodySchema.properties ?? {});
      const hasPath = /\{/.test(p);
      if (!hasPath && query.length === 0 && bodyFields.length === 0) continue;
      list.push({ key, method: method.toUpperCase(), path: p, query, bodyFields, audience: op['x-audience'], op });
    }
  }
  return list;
}

// A real object behind each path parameter, so the attacked code is the code that finds something
// (a 404 for a missing id would hide a boolean-based difference).
async function realValues(srv, token, compound) {
  const ids = {};
  for (const list of ['places', 'reports', 'workers', 'depots', 'accounts', 'open311/keys', 'conduct', 'notifications']) {
    const res = await srv.api('GET', `/api/v1/${list}`, { token });
    const items = Array.isArray(res.json) ? res.json : res.json?.items ?? res.json?.places ?? res.json?.reports ?? [];
    const first = items.find((x) => x && x.id !== undefined);
    if (first) ids[list] = first.id;
  }
  return (p, name) => {
    if (name === 'code') return p.startsWith('/api/v1/compounds') || p.startsWith('/m/') ? compound : '110108';
    const list = Object.keys(ids).find((l) => p.startsWith(`/api/v1/${l}/{`));
    return list ? ids[list] : sample(name);
  };
}

function runSqlmap(target, baseUrl, token, dbms, valueFor) {
  // Every value is marked for injection with '*': path parameters, query values and body fields.
  const urlPath = target.path.replace(/\{([^}]+)\}/g, (_, name) => `${valueFor(target.path, name)}*`);
  const qs = target.query.map((q) => `${encodeURIComponent(q.name)}=${encodeURIComponent(sample(q.name, q.schema ?? {}))}*`).join('&');
  const url = `${baseUrl}${urlPath}${qs ? `?${qs}` : ''}`;
  const sqlArgs = ['-u', url, '--method', target.method, '--batch', '--level', '3', '--risk', '1',
    '--dbms', dbms, '--timeout', '10', '--retries', '0', '--threads', '1', '--technique', 'BEUST', '--time-sec', '2',
    '--flush-session', '--disable-coloring', '--ignore-code', '400,401,403,404,409,413,415,422,429', '--output-dir', path.join(outDir, 'sqlmap'),
    '--headers', `Accept: application/json\nAccept-Language: zh-CN${token ? `\nAuthorization: Bearer ${token}` : ''}` +
      (target.bodyFields.length > 0 ? '\nContent-Type: application/json' : '')];
  if (target.bodyFields.length > 0) {
    const marked = (name, schema) => { const v = sample(name, schema); return typeof v === 'string' ? `${v}*` : v; };
    const body = Object.fromEntries(target.bodyFields.map(([name, schema]) => [name, marked(name, schema)]));
    sqlArgs.push('--data', JSON.stringify(body));
  }
  return new Promise((resolve) => {
    const child = spawn('sqlmap', sqlArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    const timer = setTimeout(() => { child.kill('SIGKILL'); out += '\n[audit] stopped at the per-operation time limit\n'; }, perTargetMs);
    child.on('exit', () => { clearTimeout(timer); resolve(out); });
  });
}

function findings(output) {
  const found = [];
  if (/sqlmap identified the following injection point/i.test(output)) found.push('injection point identified');
  for (const m of output.matchAll(/parameter '([^']+)' is vulnerable/gi)) found.push(`parameter ${m[1]} is vulnerable`);
  const http = /HTTP error codes detected during run:\s*\n?([^\n]*)/i.exec(output);
  const serverErrors = http ? [...http[1].matchAll(/(\d{3}) \([^)]*\) - (\d+) times/g)].filter((m) => m[1].startsWith('5')) : [];
  if (serverErrors.length) found.push(`server errors: ${serverErrors.map((m) => `${m[1]} × ${m[2]}`).join(', ')}`);
  return found;
}

const started = Date.now();
rmSync(path.join(outDir, 'sqlmap'), { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

// Self-test: the same settings and the same reading of sqlmap's output must find the injection
// in a deliberately injectable endpoint, or a clean result below would prove nothing.
{
  const vulnerable = spawn('python3', [path.join(root, 'tests/audit/vulnerable_server.py')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve) => vulnerable.stdout.once('data', (d) => resolve(Number(String(d).trim()))));
  try {
    const output = await runSqlmap({ method: 'GET', path: '/item', query: [{ name: 'id', schema: { type: 'integer' } }], bodyFields: [] },
      `http://127.0.0.1:${port}`, null, 'SQLite', () => 1);
    const found = findings(output);
    if (!found.some((f) => /injection point|vulnerable/.test(f))) {
      writeFileSync(path.join(outDir, 'selftest.log'), output);
      console.error('audit: the self-test found no injection in the injectable endpoint (build/audit/selftest.log)');
      process.exit(2);
    }
    console.log(`audit self-test: the injectable endpoint is found (${found.join('; ')})`);
  } finally {
    vulnerable.kill();
  }
}
const srv = new Server();
await srv.start();
const dbms = srv.db.kind === 'postgres' ? 'PostgreSQL' : 'SQLite';
const doc = (await srv.request('GET', '/api/v1/openapi.json')).json;
const sessions = {};
let compound = '';
for (const [role, login] of Object.entries(ROLE_LOGINS)) {
  const session = await srv.login(login);
  sessions[role] = session.token;
  if (role === 'guard') compound = session.account.area?.code ?? session.account.area_code ?? '';
}
compoundCode = compound;
const valueFor = await realValues(srv, sessions.admin, compound);

const rows = [];
let total = 0;
let stoppedEarly = 0;
try {
  const list = targets(doc);
  for (const target of list) {
    if (SKIPPED.has(target.key)) { rows.push({ ...target, result: `skipped: ${SKIPPED.get(target.key)}`, found: [] }); continue; }
    if (Date.now() - started > budgetMs) { stoppedEarly++; rows.push({ ...target, result: 'not run: time budget spent', found: [] }); continue; }
    const roles = doc['x-audiences']?.[target.audience]?.roles ?? [];
    const role = roles.length === 0 ? null : (roles.includes('admin') ? 'admin' : roles[0]);
    const t0 = Date.now();
    const output = await runSqlmap(target, srv.baseUrl, role ? sessions[role] : null, dbms, valueFor);
    const found = findings(output);
    total += found.length;
    const seconds = ((Date.now() - t0) / 1000).toFixed(1);
    rows.push({ ...target, role: role ?? 'anonymous', result: found.length ? found.join('; ') : 'clean', seconds, found });
    console.log(`${found.length ? 'FINDING' : 'clean  '} ${target.key} as ${role ?? 'anonymous'} (${seconds} s)${found.length ? `: ${found.join('; ')}` : ''}`);
    if (found.length || Number(seconds) < 0.5) writeFileSync(path.join(outDir, `${found.length ? 'finding' : 'short'}-${rows.length}.log`), output);
    // The server must still be alive after every operation's attack.
    if ((await srv.request('GET', '/healthz')).status !== 200) { total++; rows.at(-1).result += '; server stopped answering'; break; }
  }
} finally {
  await srv.cleanup();
}

const minutes = ((Date.now() - started) / 60000).toFixed(1);
const attacked = rows.filter((r) => r.seconds).length;
const report = [
  `# sqlmap audit (${dbms})`, '',
  `sqlmap ${execFileSync('sqlmap', ['--version']).toString().split('\n')[0].trim()}, level 3, risk 1, techniques BEUST, loopback; ` +
  `${attacked} operations attacked in ${minutes} min; **${total} finding(s)**` +
  `${stoppedEarly ? `; ${stoppedEarly} not run (time budget)` : ''}.`, '',
  '| Operation | As | Result | Seconds |', '|---|---|---|---|',
  ...rows.map((r) => `| \`${r.key}\` | ${r.role ?? ''} | ${r.result} | ${r.seconds ?? ''} |`), '',
];
writeFileSync(path.join(outDir, `sqlmap-${srv.db.kind}.md`), report.join('\n'));
console.log(`audit: ${attacked} operations, ${total} finding(s), ${minutes} min; report in build/audit/sqlmap-${srv.db.kind}.md`);
process.exit(total > 0 || stoppedEarly > 0 ? 1 : 0);
