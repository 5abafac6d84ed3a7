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
// runs (CPU time) next to the wasm engine's median (build/web-release/bench/segment_bench.js
// --json), both in CPU time.
//
// Schema: leads(row INTEGER PRIMARY KEY, stage, source, birth_date, age, created_at,
// sms_consent, deleted) with index (stage); lead_interests(lead, interest) and lead_tags(lead,
// tag) with (value, lead) indexes; events(lead, at, type, seconds, deleted) with (lead, type,
// at). SMS consent is precomputed by the same rule (may_contact) — the SQL side does less work
// than ours there; ages are computed in SQL from the birth date like ours (Feb 29 → Feb 28).
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

async function load(db, path, table, columns) {
  const stmt = db.prepare(`INSERT INTO ${table} VALUES (${columns.map(() => '?').join(',')})`);
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    stmt.run(line.split('\t').map((v, i) => (columns[i].int ? (v === '' ? null : Number(v)) : v === '' ? null : v)));
  }
  stmt.free();
}

const col = (name, int = false) => ({ name, int });
const LEADS = [col('row', true), col('stage'), col('source'), col('birth_date'), col('age', true),
  col('created_at', true), col('sms_consent', true), col('deleted', true)];
const LISTS = [col('lead', true), col('value')];
const EVENTS = [col('lead', true), col('at', true), col('type'), col('seconds', true), col('deleted', true)];

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

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function find(...candidates) {
  return candidates.find((p) => existsSync(p));
}

const exporter = find(join(root, 'build/release/bench/segment_bench'), join(root, 'build/dev/bench/segment_bench'));
const wasm = find(join(root, 'build/web-release/bench/segment_bench.js'));
if (!exporter) throw new Error('build segment_bench natively first (release or dev preset)');

for (const size of sizes) {
  execFileSync(exporter, ['export', size, dir], { stdio: 'inherit' });
  const base = `${dir}/${size}`;
  const p = JSON.parse(readFileSync(`${base}.seg_params.json`, 'utf8'));
  const db = new SQL.Database();
  db.run(`CREATE TABLE leads (row INTEGER PRIMARY KEY, stage TEXT, source TEXT, birth_date TEXT, age INTEGER,
          created_at INTEGER, sms_consent INTEGER, deleted INTEGER)`);
  db.run('CREATE TABLE lead_interests (lead INTEGER, value TEXT)');
  db.run('CREATE TABLE lead_tags (lead INTEGER, value TEXT)');
  db.run('CREATE TABLE events (lead INTEGER, at INTEGER, type TEXT, seconds INTEGER, deleted INTEGER)');
  db.run('BEGIN');
  await load(db, `${base}.seg_leads.tsv`, 'leads', LEADS);
  await load(db, `${base}.seg_interests.tsv`, 'lead_interests', LISTS);
  await load(db, `${base}.seg_tags.tsv`, 'lead_tags', LISTS);
  await load(db, `${base}.seg_events.tsv`, 'events', EVENTS);
  db.run('CREATE INDEX leads_stage ON leads (stage)');
  db.run('CREATE INDEX interests_value ON lead_interests (value COLLATE NOCASE, lead)');
  db.run('CREATE INDEX tags_value ON lead_tags (value COLLATE NOCASE, lead)');
  db.run('CREATE INDEX events_lead_type_at ON events (lead, type, at)');
  db.run('COMMIT');
  db.run('ANALYZE');
  const bind = { $now: p.now, $today: p.today, $feb29: p.feb29, $start30d: p.start30d, $start90d: p.start90d,
    $start6m: p.start6m };

  let ours = {};
  if (wasm) {
    const out = execFileSync('node', [wasm, size, '--runs', String(runs), '--json'], { encoding: 'utf8' });
    for (const line of out.split('\n')) {
      if (line.startsWith('{')) {
        const r = JSON.parse(line);
        ours[r.query] = r;
      }
    }
  }
  for (const [name, sql, expected, key] of [['example', EXAMPLE, p.example, 'example'], ['six-clause', SIX, p.six, 'six-clause']]) {
    const stmt = db.prepare(sql);
    const times = [];
    let count = -1;
    for (let i = 0; i < runs; ++i) {
      // CPU time, as our side measures it (bench_platform: process.cpuUsage() under node): the
      // machine is shared, so wall time would include waiting for a core.
      const t0 = process.cpuUsage();
      stmt.bind(bind);
      stmt.step();
      count = stmt.get()[0];
      stmt.reset();
      const t = process.cpuUsage(t0);
      times.push((t.user + t.system) / 1000);
    }
    stmt.free();
    const sqlMs = median(times);
    const w = ours[key];
    const ratio = w ? (sqlMs / w.warm_ms).toFixed(0) + 'x' : 'n/a';
    console.log(`${size} ${name}: sql.js ${sqlMs.toFixed(2)} ms (count ${count}${count === expected ? '' : ` MISMATCH, ours ${expected}`})` +
      (w ? ` | wasm engine ${w.warm_ms.toFixed(3)} ms (count ${w.count}) | sql.js / engine ${ratio}` : ''));
    if (count !== expected) process.exitCode = 1;
  }
  db.close();
}
