#!/usr/bin/env node
// The segment benchmark's peer: SQLite compiled to wasm (sql.js, pinned in bench/package.json)
// answering the same two queries as bench/segment_bench.cpp over the same leads and events,
// with indexes chosen for them, and our wasm engine measured in the same run.
//
//   node bench/segment_sqljs.mjs DIR [S|M|L ...] [--runs N]
//
// Per size: `segment_bench export SIZE DIR` (native build/release, else build/dev) writes the
// rows as TSV and the moments and our counts as JSON; this script loads them into sql.js
// (not timed), checks that SQLite's counts equal ours, and prints the median query time of N
// runs (CPU time) next to our native and wasm engines' medians (segment_bench --json, also the
// keystroke and after-an-edit figures), all in CPU time. The same is done for scoring every
// lead (SCORES below; every live lead's total checked within 1e-3) and, when /usr/bin/sqlite3
// exists (`emsdk-setup.sh --bench`), by the native sqlite3 command over a database file of the
// same rows with the same indexes and SQL.
//
// Schema: leads(row INTEGER PRIMARY KEY, stage, source, birth_date, age, created_at,
// sms_consent, deleted) with index (stage); lead_interests(lead, interest) and lead_tags(lead,
// tag) with (value, lead) indexes; events(lead, at, type, seconds, deleted) with (lead, type,
// at). SMS consent is precomputed by the same rule (may_contact) — the SQL side does less work
// than ours there; ages are computed in SQL from the birth date like ours (Feb 29 → Feb 28).
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
const sizes = [];
for (let i = 1; i < args.length; ++i) {
  if (args[i] === '--runs') runs = Number(args[++i]);
  else sizes.push(args[i]);
}
if (!dir) {
  console.error('usage: node bench/segment_sqljs.mjs DIR [S|M|L ...] [--runs N]');
  process.exit(2);
}
if (sizes.length === 0) sizes.push('S', 'M', 'L');

async function load(db, path, table, columns, extend = (fields) => fields, copy = null) {
  const stmt = db.prepare(`INSERT INTO ${table} VALUES (${columns.map(() => '?').join(',')})`);
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    const fields = extend(line.split('\t'));
    if (copy) copy.push(fields.join('\t'));
    stmt.run(fields.map((v, i) => (columns[i].int ? (v === '' ? null : Number(v)) : v === '' ? null : v)));
  }
  stmt.free();
}

const col = (name, int = false) => ({ name, int });
const LEADS = [col('row', true), col('stage'), col('source'), col('birth_date'), col('age', true),
  col('created_at', true), col('sms_consent', true), col('deleted', true), col('state')];
const LISTS = [col('lead', true), col('value')];
const EVENTS = [col('lead', true), col('at', true), col('type'), col('seconds', true), col('deleted', true),
  col('hl', true)];

// The demo scoring model's half-lives in days per event type (core/scoring/scoring_model.cpp,
// demo_scoring_model): sql.js is built without SQLite's math functions (no pow/exp), so the
// half-life factor 0.5^(age / days) of each event is computed here when the row is loaded and
// stored as events.hl; points, `where`, expiry, caps and fit rules stay in the SQL.
const HALF_LIFE_DAYS = { email_opened: 30, email_clicked: 45, email_replied: 60, text_replied: 60, content_viewed: 45 };
const DAY_MS = 86400000;
function withHalfLife(now) {
  return (fields) => {
    const days = HALF_LIFE_DAYS[fields[2]];
    const age = now - Number(fields[1]);
    fields.push(days && age >= 0 ? String(Math.pow(2, -age / (DAY_MS * days))) : '0');
    return fields;
  };
}

// Age like ours: from the birth date on the practice's local date, else the stored age.
const AGE = `(CASE WHEN l.birth_date IS NOT NULL THEN
  CAST(substr($today, 1, 4) AS INTEGER) - CAST(substr(l.birth_date, 1, 4) AS INTEGER) -
  (CASE WHEN substr($today, 6, 5) < (CASE WHEN substr(l.birth_date, 6, 5) = '02-29' THEN $feb29
     ELSE substr(l.birth_date, 6, 5) END) THEN 1 ELSE 0 END)
  ELSE l.age END)`;

const EXAMPLE = `SELECT count(*) FROM leads l WHERE l.deleted = 0 AND l.stage = 'consideration'
  AND l.row IN (SELECT lead FROM lead_interests WHERE value = 'botox' COLLATE NOCASE)
  AND ${AGE} BETWEEN 30 AND 50
  AND l.sms_consent = 1
  AND (SELECT count(*) FROM events e WHERE e.lead = l.row AND e.type = 'email_opened' AND e.deleted = 0
       AND e.at > $start30d AND e.at <= $now) >= 2
  AND NOT EXISTS (SELECT 1 FROM events e WHERE e.lead = l.row AND e.type = 'appointment_booked' AND e.deleted = 0)`;

const SIX = `SELECT count(*) FROM leads l WHERE l.deleted = 0
  AND (l.row IN (SELECT lead FROM lead_interests WHERE value = 'botox' COLLATE NOCASE)
       OR l.row IN (SELECT lead FROM lead_interests WHERE value COLLATE NOCASE IN ('filler', 'lip-filler')))
  AND (l.source = 'meta-lead-ads' COLLATE NOCASE
       OR (l.row IN (SELECT lead FROM lead_tags WHERE value = 'vip' COLLATE NOCASE) AND ${AGE} >= 40))
  AND l.stage != 'patient'
  AND l.created_at > $start6m AND l.created_at <= $now
  AND (SELECT coalesce(sum(e.seconds), 0) FROM events e WHERE e.lead = l.row AND e.type = 'content_viewed'
       AND e.deleted = 0 AND e.at > $start90d AND e.at <= $now) >= 60
  AND NOT EXISTS (SELECT 1 FROM events e WHERE e.lead = l.row AND e.type = 'appointment_no_show' AND e.deleted = 0)`;

// Scoring every lead with the demo model (core/scoring/scoring_model.cpp): per event rule the
// capped sum of points × decay over the lead's live events at or before now, per fit rule the
// points when its condition holds; one row per live lead with its total.
const evRule = (type, points, decay, cap = 0, where = '') => {
  const factor = decay === 'hl' ? 'e.hl' : decay === 'none' ? '1' : `(CASE WHEN e.at > $now - ${decay} * ${DAY_MS} THEN 1 ELSE 0 END)`;
  const sum = `sum(${points} * ${factor})`;
  return `SELECT e.lead AS lead, ${cap ? `max(-${cap}, min(${cap}, ${sum}))` : sum} AS pts FROM events e
    WHERE e.type = '${type}' AND e.deleted = 0 AND e.at <= $now${where} GROUP BY e.lead`;
};
const SCORES = `WITH ev(lead, pts) AS (
  ${evRule('email_opened', 2, 'hl', 20)} UNION ALL
  ${evRule('email_clicked', 5, 'hl', 40)} UNION ALL
  ${evRule('email_replied', 10, 'hl')} UNION ALL
  ${evRule('text_replied', 10, 'hl')} UNION ALL
  ${evRule('content_viewed', 4, 'hl', 40, ' AND e.seconds >= 60')} UNION ALL
  ${evRule('form_submitted', 15, 180)} UNION ALL
  ${evRule('appointment_booked', 25, 120)} UNION ALL
  ${evRule('appointment_no_show', -10, 90)} UNION ALL
  ${evRule('unsubscribed', -30, 'none')}),
  per_lead(lead, pts) AS (SELECT lead, sum(pts) FROM ev GROUP BY lead)
SELECT l.row, coalesce(p.pts, 0)
  + (CASE WHEN ${AGE} BETWEEN 30 AND 60 THEN 10 ELSE 0 END)
  + (CASE WHEN EXISTS (SELECT 1 FROM lead_interests i WHERE i.lead = l.row
       AND i.value COLLATE NOCASE IN ('coolsculpting', 'laser-resurfacing', 'filler', 'kybella')) THEN 15 ELSE 0 END)
  + (CASE WHEN l.state = 'fl' COLLATE NOCASE THEN 5 ELSE 0 END)
  + (CASE WHEN l.sms_consent = 1 THEN 5 ELSE 0 END)
FROM leads l LEFT JOIN per_lead p ON p.lead = l.row WHERE l.deleted = 0`;

// Our totals (segment_bench export) against SQLite's rows: every live lead within 1e-3.
function checkScores(rows, path) {
  const ours = new Map();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line) continue;
    const [r, t] = line.split('\t');
    ours.set(Number(r), Number(t));
  }
  let worst = 0;
  let bad = 0;
  let sum = 0;
  for (const [row, total] of rows) {
    sum += total;
    const d = Math.abs((ours.get(row) ?? NaN) - total);
    if (!(d <= 1e-3)) ++bad;
    else worst = Math.max(worst, d);
  }
  if (rows.length !== ours.size) bad += Math.abs(rows.length - ours.size);
  return { bad, worst, sum, leads: rows.length };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function find(...candidates) {
  return candidates.find((p) => existsSync(p));
}

const exporter = find(join(root, 'build/release/bench/segment_bench'), join(root, 'build/dev/bench/segment_bench'));
const wasm = find(join(root, 'build/web-release/bench/segment_bench.js'));
if (!exporter) throw new Error('build segment_bench natively first (release or dev preset)');
// The native sqlite3 command (Debian's package, installed by emsdk-setup.sh --bench), if present.
const sqlite3 = find('/usr/bin/sqlite3');

const SCHEMA = `CREATE TABLE leads (row INTEGER PRIMARY KEY, stage TEXT, source TEXT, birth_date TEXT, age INTEGER,
    created_at INTEGER, sms_consent INTEGER, deleted INTEGER, state TEXT);
  CREATE TABLE lead_interests (lead INTEGER, value TEXT);
  CREATE TABLE lead_tags (lead INTEGER, value TEXT);
  CREATE TABLE events (lead INTEGER, at INTEGER, type TEXT, seconds INTEGER, deleted INTEGER, hl REAL);`;
const INDEXES = `CREATE INDEX leads_stage ON leads (stage);
  CREATE INDEX interests_value ON lead_interests (value COLLATE NOCASE, lead);
  CREATE INDEX tags_value ON lead_tags (value COLLATE NOCASE, lead);
  CREATE INDEX events_lead_type_at ON events (lead, type, at);
  CREATE INDEX events_type_lead ON events (type, lead, at);`;
// Scoring is timed as one aggregate over the per-lead rows (so neither side's figure includes
// handing 100,000 rows to JavaScript or a terminal); the rows themselves are checked untimed.
const SCORES_TIMED = `SELECT count(*), sum(t) FROM (${SCORES.replace('SELECT l.row, ', 'SELECT l.row AS r, ').replace(
  'FROM leads l LEFT JOIN', 'AS t FROM leads l LEFT JOIN')})`;

// The native sqlite3 command over the same rows (events with the same precomputed hl), the
// same SQL with the parameters written in; CPU time (user + sys) from `.timer on`, median of N.
function nativeSqlite(base, bind, queries) {
  const inline = (sql) => sql.replace(/\$[a-z0-9]+/g, (k) => (typeof bind[k] === 'string' ? `'${bind[k]}'` : String(bind[k])));
  const db = `${base}.sqlite3`;
  rmSync(db, { force: true });
  const load = [SCHEMA, '.mode tabs', `.import ${base}.seg_leads.tsv leads`, `.import ${base}.seg_interests.tsv lead_interests`,
    `.import ${base}.seg_tags.tsv lead_tags`, `.import ${base}.seg_events_hl.tsv events`,
    "UPDATE leads SET birth_date = NULL WHERE birth_date = '';", "UPDATE leads SET age = NULL WHERE age = '';",
    "UPDATE leads SET state = NULL WHERE state = '';", INDEXES, 'ANALYZE;'].join('\n');
  execFileSync(sqlite3, [db], { input: load });
  const out = {};
  for (const [name, sql] of queries) {
    const script = ['.timer on', ...Array.from({ length: runs }, () => inline(sql).replace(/\s+/g, ' ') + ';')].join('\n');
    const text = execFileSync(sqlite3, ['-readonly', db], { input: script, encoding: 'utf8', maxBuffer: 1 << 26 });
    const times = [...text.matchAll(/user ([0-9.]+) sys ([0-9.]+)/g)].map((m) => (Number(m[1]) + Number(m[2])) * 1000);
    const first = text.split('\n')[0];
    out[name] = { ms: median(times), result: first };
  }
  const rows = execFileSync(sqlite3, ['-readonly', '-separator', '\t', db], { input: inline(SCORES) + ';', encoding: 'utf8', maxBuffer: 1 << 28 })
    .split('\n').filter(Boolean).map((l) => l.split('\t').map(Number));
  out.scoreRows = rows;
  return out;
}

function benchJson(cmd, args) {
  const out = {};
  const text = execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  for (const line of text.split('\n')) {
    if (line.startsWith('{')) {
      const r = JSON.parse(line);
      out[r.query] = r;
    }
  }
  return out;
}

const f = (x, d = 2) => (x === undefined ? 'n/a' : x.toFixed(d));
for (const size of sizes) {
  execFileSync(exporter, ['export', size, dir], { stdio: 'inherit' });
  const base = `${dir}/${size}`;
  const p = JSON.parse(readFileSync(`${base}.seg_params.json`, 'utf8'));
  const db = new SQL.Database();
  db.run(SCHEMA);
  db.run('BEGIN');
  await load(db, `${base}.seg_leads.tsv`, 'leads', LEADS);
  await load(db, `${base}.seg_interests.tsv`, 'lead_interests', LISTS);
  await load(db, `${base}.seg_tags.tsv`, 'lead_tags', LISTS);
  const eventsCopy = sqlite3 ? [] : null;
  await load(db, `${base}.seg_events.tsv`, 'events', EVENTS, withHalfLife(p.now), eventsCopy);
  if (eventsCopy) writeFileSync(`${base}.seg_events_hl.tsv`, eventsCopy.join('\n') + '\n');
  db.run(INDEXES);
  db.run('COMMIT');
  db.run('ANALYZE');
  const bind = { $now: p.now, $today: p.today, $feb29: p.feb29, $start30d: p.start30d, $start90d: p.start90d,
    $start6m: p.start6m };

  // Ours, natively and in wasm, in the same run as the peers (one after the other).
  const native = benchJson(exporter, [size, '--runs', String(runs), '--json']);
  const ours = wasm ? benchJson('node', [wasm, size, '--runs', String(runs), '--json']) : {};

  const sqljs = {};
  for (const [name, sql] of [['example', EXAMPLE], ['six-clause', SIX], ['scoring', SCORES_TIMED]]) {
    const stmt = db.prepare(sql);
    const times = [];
    let result = null;
    for (let i = 0; i < runs; ++i) {
      // CPU time, as our side measures it (bench_platform: process.cpuUsage() under node): the
      // machine is shared, so wall time would include waiting for a core.
      const t0 = process.cpuUsage();
      stmt.bind(bind);
      stmt.step();
      result = stmt.get();
      stmt.reset();
      const t = process.cpuUsage(t0);
      times.push((t.user + t.system) / 1000);
    }
    stmt.free();
    sqljs[name] = { ms: median(times), result };
  }
  const scoreRows = db.exec(SCORES, bind)[0].values;
  db.close();
  const nat = sqlite3 ? nativeSqlite(base, bind, [['example', EXAMPLE], ['six-clause', SIX], ['scoring', SCORES_TIMED]]) : null;

  for (const [name, expected] of [['example', p.example], ['six-clause', p.six]]) {
    const count = sqljs[name].result[0];
    const natCount = nat ? Number(nat[name].result) : undefined;
    const ok = count === expected && (!nat || natCount === expected);
    const w = ours[name];
    const n = native[name];
    console.log(`${size} ${name}: count ours ${expected}, sql.js ${count}${nat ? `, sqlite3 ${natCount}` : ''}${ok ? '' : ' MISMATCH'}` +
      ` | warm ms: native ${f(n?.warm_ms, 3)}, wasm ${f(w?.warm_ms, 3)}, sql.js ${f(sqljs[name].ms)}, sqlite3 ${f(nat?.[name].ms)}` +
      ` | keystroke ms: native ${f(n?.keystroke_ms, 3)}, wasm ${f(w?.keystroke_ms, 3)} (parse ${f(w?.parse_ms, 3)})` +
      ` | after an edit ms: native ${f(n?.after_edit_ms)}, wasm ${f(w?.after_edit_ms)}` +
      (w ? ` | sql.js / wasm ${f(sqljs[name].ms / w.warm_ms, 0)}x` : '') +
      (nat && n ? ` | sqlite3 / native ${f(nat[name].ms / n.warm_ms, 0)}x` : ''));
    if (!ok) process.exitCode = 1;
  }
  const check = checkScores(scoreRows, `${base}.seg_scores.tsv`);
  const natCheck = nat ? checkScores(nat.scoreRows, `${base}.seg_scores.tsv`) : null;
  const sOk = check.bad === 0 && (!natCheck || natCheck.bad === 0);
  const w = ours.scoring;
  const n = native.scoring;
  console.log(`${size} scoring: ${check.leads} leads, totals within 1e-3 of ours: sql.js ${check.bad === 0 ? 'yes' : `NO (${check.bad} differ)`}` +
    ` (worst ${check.worst.toExponential(1)}, sum ${check.sum.toFixed(2)} vs ours ${f(n?.sum)})` +
    (natCheck ? `, sqlite3 ${natCheck.bad === 0 ? 'yes' : `NO (${natCheck.bad} differ)`}` : '') +
    ` | ms: native ${f(n?.warm_ms)}, wasm ${f(w?.warm_ms)}, sql.js ${f(sqljs.scoring.ms)}, sqlite3 ${f(nat?.scoring.ms)}` +
    (w ? ` | sql.js / wasm ${f(sqljs.scoring.ms / w.warm_ms, 1)}x` : '') +
    (nat && n ? ` | sqlite3 / native ${f(nat.scoring.ms / n.warm_ms, 1)}x` : ''));
  if (!sOk) process.exitCode = 1;
}
