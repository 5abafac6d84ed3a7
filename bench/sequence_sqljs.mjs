#!/usr/bin/env node
// The tick benchmark's peer: SQLite compiled to wasm (sql.js, pinned in bench/package.json)
// holding what a SQL-based sequence engine would keep, answering "which touches are due now?"
// with ONE query per tick, next to our cold schedule() and warm ScheduleCache tick
// (bench/sequence_bench.cpp) measured natively and in wasm in the same run.
//
//   node bench/sequence_sqljs.mjs DIR [LEADS] [--runs N]
//
// `sequence_bench export DIR LEADS` (native build/release, else build/dev) writes the rows and our
// due keys at three instants (the bench instant, a minute later, 21:00 in New York); this script
// loads the rows into sql.js (not timed), checks that the query's due keys equal ours at each
// instant (count and keys; it fails loudly otherwise), and times the query a minute after the
// bench instant: median and best of N in process CPU time (process.cpuUsage(), as our wasm side).
//
// Tables: leads (consent and do-not-contact flags, state, UTC offset at the bench instant),
// enrollments (the materialised pending step and its planned time; index on planned_at), touches
// (the sends the caps count; index on (lead, at, channel)), windows (per sequence), quiet (states
// with rules stricter than the federal 08:00–21:00, per weekday, with their 24-hour cap).
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const initSqlJs = require('sql.js');
const SQL = await initSqlJs();
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const args = process.argv.slice(2);
const dir = args[0];
let runs = 21;
let leads = 100000;
for (let i = 1; i < args.length; ++i) {
  if (args[i] === '--runs') runs = Number(args[++i]);
  else leads = Number(args[i]);
}
if (!dir) {
  console.error('usage: node bench/sequence_sqljs.mjs DIR [LEADS] [--runs N]');
  process.exit(2);
}

async function load(db, path, table, ints) {
  const stmt = db.prepare(`INSERT INTO ${table} VALUES (${ints.map(() => '?').join(',')})`);
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    stmt.run(line.split('\t').map((v, i) => (ints[i] ? Number(v) : v)));
  }
  stmt.free();
}

const SCHEMA = `CREATE TABLE leads (id INTEGER PRIMARY KEY, has_email INTEGER, has_phone INTEGER, email_mkt INTEGER,
    sms_mkt INTEGER, sms_trt INTEGER, dnc_email INTEGER, dnc_sms INTEGER, state TEXT, utc_offset INTEGER);
  CREATE TABLE enrollments (key TEXT PRIMARY KEY, lead INTEGER, sequence TEXT, step TEXT, channel INTEGER,
    purpose INTEGER, planned_at INTEGER);
  CREATE TABLE touches (lead INTEGER, at INTEGER, channel INTEGER);
  CREATE TABLE windows (sequence TEXT PRIMARY KEY, start_minute INTEGER, end_minute INTEGER, days INTEGER);
  CREATE TABLE quiet (state TEXT, weekday INTEGER, start_minute INTEGER, end_minute INTEGER, max24 INTEGER,
    PRIMARY KEY (state, weekday));`;
const INDEXES = `CREATE INDEX enrollments_planned ON enrollments (planned_at);
  CREATE INDEX touches_lead_at ON touches (lead, at, channel);`;

// Local time from the lead's fixed UTC offset: minute of the day and weekday (0 = Monday;
// 1970-01-01 was a Thursday). Texts also keep to the state's quiet hours (federal 08:00–21:00
// when the state has no stricter rule) and its 24-hour cap; caps count the lead's sends in the
// last $days days (per channel and overall), strictly after the window's start, as ours do.
const LOCAL = '($now + l.utc_offset * 60000)';
const MINUTE = `((${LOCAL} / 60000) % 1440)`;
const WEEKDAY = `(((${LOCAL} / 86400000) + 3) % 7)`;
const DUE = `SELECT e.key || '/' || e.step FROM enrollments e
  JOIN leads l ON l.id = e.lead
  JOIN windows w ON w.sequence = e.sequence
  LEFT JOIN quiet q ON q.state = l.state AND q.weekday = ${WEEKDAY}
  WHERE e.planned_at <= $now
    AND (CASE e.channel
           WHEN 0 THEN l.has_email = 1 AND l.dnc_email = 0 AND (e.purpose = 0 OR l.email_mkt = 1)
           ELSE l.has_phone = 1 AND l.dnc_sms = 0 AND (l.sms_mkt = 1 OR (e.purpose = 0 AND l.sms_trt = 1)) END)
    AND (w.days >> ${WEEKDAY}) & 1 = 1
    AND ${MINUTE} >= w.start_minute AND ${MINUTE} < w.end_minute
    AND (e.channel = 0 OR (${MINUTE} >= coalesce(q.start_minute, 480) AND ${MINUTE} < coalesce(q.end_minute, 1260)))
    AND (SELECT count(*) FROM touches t WHERE t.lead = e.lead AND t.at > $now - $days * 86400000
           AND t.channel = e.channel) < (CASE e.channel WHEN 0 THEN $cap_email ELSE $cap_text END)
    AND (SELECT count(*) FROM touches t WHERE t.lead = e.lead AND t.at > $now - $days * 86400000) < $cap_overall
    AND (e.channel = 0 OR coalesce(q.max24, 0) = 0
         OR (SELECT count(*) FROM touches t WHERE t.lead = e.lead AND t.at > $now - 86400000 AND t.channel = 1) < q.max24)`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f = (x, d = 2) => (x === undefined ? 'n/a' : x.toFixed(d));
const find = (...candidates) => candidates.find((p) => existsSync(p));

const exporter = find(join(root, 'build/release/bench/sequence_bench'), join(root, 'build/dev/bench/sequence_bench'));
const wasm = find(join(root, 'build/web-release/bench/sequence_bench.js'));
if (!exporter) throw new Error('build sequence_bench natively first (release or dev preset)');

function benchJson(cmd, cmdArgs) {
  const text = execFileSync(cmd, cmdArgs, { encoding: 'utf8', maxBuffer: 1 << 26 });
  process.stdout.write(text.split('\n').filter((l) => !l.startsWith('{')).join('\n'));
  const line = text.split('\n').find((l) => l.startsWith('{'));
  return line ? JSON.parse(line) : undefined;
}

execFileSync(exporter, ['export', dir, String(leads)], { stdio: 'inherit' });
const base = `${dir}/seq_`;
const p = JSON.parse(readFileSync(`${base}params.json`, 'utf8'));
const db = new SQL.Database();
db.run(SCHEMA);
db.run('BEGIN');
await load(db, `${base}leads.tsv`, 'leads', [1, 1, 1, 1, 1, 1, 1, 1, 0, 1]);
await load(db, `${base}enrollments.tsv`, 'enrollments', [0, 1, 0, 0, 1, 1, 1]);
await load(db, `${base}touches.tsv`, 'touches', [1, 1, 1]);
await load(db, `${base}windows.tsv`, 'windows', [0, 1, 1, 1]);
await load(db, `${base}quiet.tsv`, 'quiet', [0, 1, 1, 1, 1]);
db.run(INDEXES);
db.run('COMMIT');
db.run('ANALYZE');
const bindAt = (now) => ({ $now: now, $days: p.cap_days, $cap_email: p.cap_email, $cap_text: p.cap_text,
  $cap_overall: p.cap_overall });

// The due keys at each instant, against ours.
const stmt = db.prepare(DUE);
function due(now) {
  const keys = [];
  stmt.bind(bindAt(now));
  while (stmt.step()) keys.push(stmt.get()[0]);
  stmt.reset();
  return keys;
}
let ok = true;
for (const now of p.instants) {
  const sql = due(now).sort();
  const ours = readFileSync(`${base}due_${now}.txt`, 'utf8').split('\n').filter(Boolean);
  const same = sql.length === ours.length && sql.every((k, i) => k === ours[i]);
  console.log(`due at ${new Date(now).toISOString()}: ours ${ours.length}, sql.js ${sql.length}${same ? ', same keys' : ' MISMATCH'}`);
  if (!same) {
    ok = false;
    const a = new Set(ours);
    const b = new Set(sql);
    console.log('  only ours:', ours.filter((k) => !b.has(k)).slice(0, 5), ' only sql.js:', sql.filter((k) => !a.has(k)).slice(0, 5));
  }
}
if (!ok) {
  console.error('FAILED: the SQL peer does not decide the same due touches');
  process.exit(1);
}

// The timed query: a minute after the bench instant (our warm tick's first instant), every row read.
const tick = p.instants[1];
const times = [];
let rows = 0;
for (let i = 0; i < runs; ++i) {
  const t0 = process.cpuUsage();
  rows = due(tick).length;
  const t = process.cpuUsage(t0);
  times.push((t.user + t.system) / 1000);
}
stmt.free();
db.close();
const sqljs = { median: median(times), best: Math.min(...times) };
console.log(`sql.js due query (${rows} rows): best ${f(sqljs.best)} ms, median ${f(sqljs.median)} ms of ${runs}`);

// Ours, natively and in wasm, in the same run (one after the other).
const native = benchJson(exporter, [String(leads), '--runs', String(runs), '--json']);
const ours = wasm ? benchJson('node', [wasm, String(leads), '--runs', String(runs), '--json']) : undefined;
for (const [name, r] of [['native', native], ['wasm', ours]]) {
  if (!r) continue;
  console.log(`${name}: warm tick median ${f(r.warm_median, 3)} ms (best ${f(r.warm_best, 3)}), cold schedule() median ${f(r.cold_median, 1)} ms` +
    ` (best ${f(r.cold_best, 1)}), 21:00 tick median ${f(r.mass_median, 2)} ms | sql.js / warm tick ${f(sqljs.median / r.warm_median, 0)}x,` +
    ` sql.js / cold ${f(sqljs.median / r.cold_median, 2)}x`);
  if (r.due_next !== rows) {
    console.error(`FAILED: ${name} reports ${r.due_next} due a minute later, sql.js ${rows}`);
    process.exitCode = 1;
  }
}
