#!/usr/bin/env node
// The measurement dashboard's peers: the funnel counts, the per-step figures and the retention
// cohorts as the SQL an analyst would write, on SQLite compiled to wasm (sql.js), on DuckDB
// compiled to wasm (@duckdb/duckdb-wasm, node blocking bundle: the same environment as our wasm)
// and on native DuckDB (@duckdb/node-api), all pinned in bench/package.json, next to
// bench/metrics_bench.cpp measured natively and in wasm in the same run.
//
//   node bench/metrics_sql.mjs DIR [S|M|L ...] [--runs N] [--no-ours]
//
// Per size: `metrics_bench export SIZE DIR` (native build/release, else build/dev) writes the
// tables and our figures; this script loads the tables into each engine (not timed), checks that
// every query's figures equal ours exactly (no filter and the source filter; it fails loudly
// otherwise), then times each query with no filter: median and best of N in process CPU time
// (process.cpuUsage(), as our side's cpu_ms(); native DuckDB's worker threads are counted too).
//
// Data the peers get ready-made (our side computes these inside the timed calls): the lead key is
// an integer (the LeadStore row), a touch record's sequence, lead, step and step channel are
// columns (ours parses the key and looks the step up), and each event carries its practice-local
// day (ours converts every visit's time with the practice's time zone).
//
// Definitions matched (docs/metrics.md): see the comments above each query.
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const args = process.argv.slice(2);
const dir = args[0] && resolve(args[0]);
let runs = 11;
let withOurs = true;
const sizes = [];
for (let i = 1; i < args.length; ++i) {
  if (args[i] === '--runs') runs = Number(args[++i]);
  else if (args[i] === '--no-ours') withOurs = false;
  else sizes.push(args[i]);
}
if (!dir) {
  console.error('usage: node bench/metrics_sql.mjs DIR [S|M|L ...] [--runs N] [--no-ours]');
  process.exit(2);
}
if (sizes.length === 0) sizes.push('S', 'M', 'L');

const find = (...candidates) => candidates.find((p) => existsSync(p));
const exporter = find(join(root, 'build/release/bench/metrics_bench'), join(root, 'build/dev/bench/metrics_bench'));
const wasm = find(join(root, 'build/web-release/bench/metrics_bench.js'));
if (!exporter) throw new Error('build metrics_bench natively first (release or dev preset)');

// ---------------------------------------------------------------------------------------------
// The queries. ${...} are literals substituted per run (numbers, and the source id or '').
// ---------------------------------------------------------------------------------------------

const KEPT = (p) => `kept AS (SELECT id, stage, created_at FROM leads
    WHERE deleted = 0 AND ('${p.source}' = '' OR source = '${p.source}'))`;

// Funnel (docs/metrics.md "Funnel"): a lead's path is its stage history ordered by (at, stored
// position), or one change to its current stage at created_at without history. arrival(k) = the
// first change to k or later; the stage at `from` = the last change before it; the cohort of k =
// reached k in [from, to) or at k at `from`; converted = a change to a later stage in
// [entry, to), entry = from for those at k at the start, else arrival(k); a stay = a run of
// changes to one stage, ended by the next run's first change, counted when that falls in the
// period. Stages are 0..4 (awareness..retained).
const FUNNEL = (p) => `WITH ${KEPT(p)},
  path AS (
    SELECT h.lead, h.ord, h.stage, h.ms FROM history h JOIN kept k ON k.id = h.lead
    UNION ALL
    SELECT k.id, 0, k.stage, k.created_at FROM kept k WHERE NOT EXISTS (SELECT 1 FROM history h WHERE h.lead = k.id)),
  stages(k) AS (VALUES (0), (1), (2), (3), (4)),
  arrival AS (SELECT p.lead, s.k, min(p.ms) AS ms FROM path p JOIN stages s ON s.k <= p.stage GROUP BY p.lead, s.k),
  start AS (SELECT lead, stage FROM (
      SELECT lead, stage, row_number() OVER (PARTITION BY lead ORDER BY ms DESC, ord DESC) AS rn
      FROM path WHERE ms < ${p.from}) t WHERE rn = 1),
  members AS (
    SELECT a.lead, a.k,
      CASE WHEN a.ms >= ${p.from} AND a.ms < ${p.to} THEN 1 ELSE 0 END AS reached,
      CASE WHEN st.stage = a.k THEN 1 ELSE 0 END AS started,
      CASE WHEN st.stage = a.k THEN ${p.from} ELSE a.ms END AS entry
    FROM arrival a LEFT JOIN start st ON st.lead = a.lead
    WHERE (a.ms >= ${p.from} AND a.ms < ${p.to}) OR st.stage = a.k),
  moved AS (SELECT DISTINCT m.lead, m.k FROM members m
    JOIN path p ON p.lead = m.lead AND p.stage > m.k AND p.ms >= m.entry AND p.ms < ${p.to}),
  runs AS (SELECT lead, ord, stage, ms,
      CASE WHEN lag(stage) OVER w IS NULL OR lag(stage) OVER w <> stage THEN 1 ELSE 0 END AS first_of_run
    FROM path WINDOW w AS (PARTITION BY lead ORDER BY ms, ord)),
  stays AS (SELECT stage, lead(ms) OVER (PARTITION BY lead ORDER BY ms, ord) AS ended FROM runs WHERE first_of_run = 1),
  counts AS (SELECT k, sum(reached) AS reached, sum(started) AS at_start, count(*) AS cohort FROM members GROUP BY k),
  conv AS (SELECT k, count(*) AS converted FROM moved GROUP BY k),
  ended AS (SELECT stage AS k, count(*) AS n FROM stays WHERE ended >= ${p.from} AND ended < ${p.to} GROUP BY stage)
SELECT s.k, CAST(coalesce(c.reached, 0) AS BIGINT), CAST(coalesce(c.at_start, 0) AS BIGINT),
  CAST(coalesce(c.cohort, 0) AS BIGINT), CAST(coalesce(v.converted, 0) AS BIGINT), CAST(coalesce(e.n, 0) AS BIGINT)
FROM stages s LEFT JOIN counts c ON c.k = s.k LEFT JOIN conv v ON v.k = s.k LEFT JOIN ended e ON e.k = s.k
ORDER BY s.k`;

// Per step (docs/metrics.md "Sequences and steps"): a send is a touch record with outcome sent,
// replied or booked, counted when at is in [from, to). Each open, click, email reply, text reply,
// unsubscribe and booking goes to the lead's latest send at or before it (ties: the later touch
// key) less than 7 days before it, on a matching channel (opens, clicks, email replies: email
// steps; text replies: text steps; the others: any). An open is a machine open when it is less
// than 2 s after its send, has machine=true or a user agent containing "privacy protection" (any
// case). Replied and booked also count the record's own outcome.
const ATTRIBUTED = `('email_opened', 'email_clicked', 'email_replied', 'text_replied', 'unsubscribed', 'appointment_booked')`;
const EVENTS_OF_KEPT = (p) => `SELECT e.lead, e.ms, e.type, e.machine, coalesce(e.user_agent, '') AS user_agent,
      CASE WHEN e.type IN ('email_opened', 'email_clicked', 'email_replied') THEN 1
           WHEN e.type = 'text_replied' THEN 2 ELSE 0 END AS m
    FROM events e JOIN kept k ON k.id = e.lead
    WHERE e.deleted = 0 AND e.ms >= ${p.from} AND e.ms < ${p.to + p.window} AND e.type IN ${ATTRIBUTED}`;
const STEP_FIGURES = (p) => `flags AS (SELECT a.send,
      max(CASE WHEN a.type = 'email_opened' THEN 1 ELSE 0 END) AS opened,
      max(CASE WHEN a.type = 'email_opened' AND a.ms - a.sent_at >= ${p.machine_ms} AND a.machine = 0
               AND lower(a.user_agent) NOT LIKE '%privacy protection%' THEN 1 ELSE 0 END) AS human,
      max(CASE WHEN a.type = 'email_clicked' THEN 1 ELSE 0 END) AS clicked,
      max(CASE WHEN a.type IN ('email_replied', 'text_replied') THEN 1 ELSE 0 END) AS replied,
      max(CASE WHEN a.type = 'unsubscribed' THEN 1 ELSE 0 END) AS unsubscribed,
      max(CASE WHEN a.type = 'appointment_booked' THEN 1 ELSE 0 END) AS booked
    FROM att a GROUP BY a.send)
SELECT t.sequence, t.step, CAST(count(*) AS BIGINT), CAST(sum(coalesce(f.opened, 0)) AS BIGINT),
  CAST(sum(coalesce(f.human, 0)) AS BIGINT), CAST(sum(coalesce(f.clicked, 0)) AS BIGINT),
  CAST(sum(CASE WHEN t.outcome = 'replied' OR f.replied = 1 THEN 1 ELSE 0 END) AS BIGINT),
  CAST(sum(coalesce(f.unsubscribed, 0)) AS BIGINT),
  CAST(sum(CASE WHEN t.outcome = 'booked' OR f.booked = 1 THEN 1 ELSE 0 END) AS BIGINT)
FROM touches t JOIN kept k ON k.id = t.lead LEFT JOIN flags f ON f.send = t.ord
WHERE t.outcome IN ('sent', 'replied', 'booked') AND t.ms >= ${p.from} AND t.ms < ${p.to}
GROUP BY t.sequence, t.step`;

// SQLite: the latest matching send by a correlated subquery on the (lead, at) index.
const STEPS_SQLITE = (p) => `WITH ${KEPT(p)},
  ev AS (${EVENTS_OF_KEPT(p)}),
  att AS (SELECT x.*, t.ms AS sent_at FROM (
      SELECT ev.*, (SELECT t.ord FROM touches t
          WHERE t.lead = ev.lead AND t.ms <= ev.ms AND t.ms > ev.ms - ${p.window}
            AND t.outcome IN ('sent', 'replied', 'booked')
            AND (ev.m = 0 OR (ev.m = 1 AND t.channel = 'email') OR (ev.m = 2 AND t.channel = 'text'))
          ORDER BY t.ms DESC, t.ord DESC LIMIT 1) AS send
      FROM ev) x JOIN touches t ON t.ord = x.send),
  ${STEP_FIGURES(p)}`;

// DuckDB: its ASOF join (the latest send at or before each event, per channel class); the key
// at * 65536 + the send's rank within its lead orders equal times by touch key.
const STEPS_DUCKDB = (p) => `WITH ${KEPT(p)},
  snd AS (SELECT t.ord, t.lead, t.ms, t.channel,
      t.ms * 65536 + row_number() OVER (PARTITION BY t.lead ORDER BY t.ms, t.ord) AS k
    FROM touches t JOIN kept ON kept.id = t.lead WHERE t.outcome IN ('sent', 'replied', 'booked')),
  ev AS (SELECT *, ms * 65536 + 65535 AS k FROM (${EVENTS_OF_KEPT(p)})),
  att AS (
    SELECT ev.type, ev.ms, ev.machine, ev.user_agent, s.ord AS send, s.ms AS sent_at
      FROM (SELECT * FROM ev WHERE m = 1) ev ASOF JOIN (SELECT * FROM snd WHERE channel = 'email') s
      ON ev.lead = s.lead AND ev.k >= s.k WHERE ev.ms - s.ms < ${p.window}
    UNION ALL
    SELECT ev.type, ev.ms, ev.machine, ev.user_agent, s.ord, s.ms
      FROM (SELECT * FROM ev WHERE m = 2) ev ASOF JOIN (SELECT * FROM snd WHERE channel = 'text') s
      ON ev.lead = s.lead AND ev.k >= s.k WHERE ev.ms - s.ms < ${p.window}
    UNION ALL
    SELECT ev.type, ev.ms, ev.machine, ev.user_agent, s.ord, s.ms
      FROM (SELECT * FROM ev WHERE m = 0) ev ASOF JOIN snd s
      ON ev.lead = s.lead AND ev.k >= s.k WHERE ev.ms - s.ms < ${p.window}),
  ${STEP_FIGURES(p)}`;

// Retention (docs/metrics.md "Retention"), over the year before the bench instant: a visit is a
// practice-local day with an appointment_attended or purchase before `to`; cohorts by the local
// month of the first visit ever, for first visits within the range's days; repeated within H
// (91, 182, 365 days) = another visit on a day in (first, first + H], counted only when the
// horizon is ready (the cohort month's last day + H < the local day of `to`). Frequency: visits
// within the range's days per patient, bucketed 1..10+.
const VISITS = (p) => `WITH ${KEPT(p)},
  v AS (SELECT DISTINCT e.lead, e.local_day AS day FROM events e JOIN kept k ON k.id = e.lead
    WHERE e.deleted = 0 AND e.type IN ('appointment_attended', 'purchase') AND e.ms < ${p.year_to})`;
const COHORTS = (p, month, lastDay) => `${VISITS(p)},
  f AS (SELECT lead, min(day) AS first FROM v GROUP BY lead),
  nxt AS (SELECT f.lead, f.first, min(v.day) AS second FROM f LEFT JOIN v ON v.lead = f.lead AND v.day > f.first
    WHERE f.first BETWEEN ${p.year_from_day} AND ${p.year_last_day} GROUP BY f.lead, f.first)
SELECT ${month('first')} AS month, CAST(count(*) AS BIGINT),
  ${[91, 182, 365].map((h) => `CAST(sum(CASE WHEN ${lastDay('first')} + ${h} < ${p.year_to_day}
      AND second <= first + ${h} THEN 1 ELSE 0 END) AS BIGINT)`).join(',\n  ')}
FROM nxt GROUP BY month ORDER BY month`;
const FREQUENCY = (p, least) => `${VISITS(p)},
  per AS (SELECT lead, count(*) AS n FROM v WHERE day BETWEEN ${p.year_from_day} AND ${p.year_last_day} GROUP BY lead)
SELECT ${least('n', 10)} AS bucket, CAST(count(*) AS BIGINT), CAST(sum(n) AS BIGINT) FROM per GROUP BY bucket ORDER BY bucket`;

const SQLITE_DIALECT = {
  steps: STEPS_SQLITE,
  month: (d) => `strftime('%Y-%m', ${d} * 86400, 'unixepoch')`,
  lastDay: (d) => `CAST(julianday(${d} * 86400, 'unixepoch', 'start of month', '+1 month', '-1 day') - 2440587.5 AS INTEGER)`,
  least: (a, b) => `min(${a}, ${b})`,
};
const DUCKDB_DIALECT = {
  steps: STEPS_DUCKDB,
  month: (d) => `strftime(DATE '1970-01-01' + CAST(${d} AS INTEGER), '%Y-%m')`,
  lastDay: (d) => `(last_day(DATE '1970-01-01' + CAST(${d} AS INTEGER)) - DATE '1970-01-01')`,
  least: (a, b) => `least(${a}, ${b})`,
};

const queries = (dialect, p) => ({
  funnel: [FUNNEL(p)],
  steps: [dialect.steps(p)],
  cohorts: [COHORTS(p, dialect.month, dialect.lastDay), FREQUENCY(p, dialect.least)],
});

// ---------------------------------------------------------------------------------------------
// Tables and engines.
// ---------------------------------------------------------------------------------------------

const TABLES = {
  leads: [['id', 'INTEGER'], ['source', 'TEXT'], ['stage', 'INTEGER'], ['created_at', 'BIGINT'], ['deleted', 'INTEGER']],
  history: [['lead', 'INTEGER'], ['ord', 'INTEGER'], ['stage', 'INTEGER'], ['ms', 'BIGINT']],
  events: [['lead', 'INTEGER'], ['ms', 'BIGINT'], ['type', 'TEXT'], ['deleted', 'INTEGER'], ['local_day', 'INTEGER'],
    ['machine', 'INTEGER'], ['user_agent', 'TEXT']],
  touches: [['ord', 'INTEGER'], ['sequence', 'TEXT'], ['lead', 'INTEGER'], ['step', 'TEXT'], ['ms', 'BIGINT'],
    ['outcome', 'TEXT'], ['channel', 'TEXT']],
};
// SQLite's indexes: the ones these queries need (events by type and time for the attributed
// events and the visits, touches by lead and time for the latest send, history by lead).
const SQLITE_INDEXES = `CREATE INDEX history_lead ON history (lead);
  CREATE INDEX events_type_at ON events (type, ms);
  CREATE INDEX touches_lead_at ON touches (lead, ms, ord);`;

const toNum = (v) => (typeof v === 'bigint' ? Number(v) : typeof v === 'object' && v !== null ? Number(v.valueOf()) : v);
const rowsOf = (rows) => rows.map((r) => r.map(toNum));

async function sqljsEngine(base) {
  const initSqlJs = require('sql.js');
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run('BEGIN');
  for (const [name, cols] of Object.entries(TABLES)) {
    db.run(`CREATE TABLE ${name} (${cols.map(([c, t]) => `${c} ${t === 'BIGINT' ? 'INTEGER' : t}${name === 'leads' && c === 'id' ? ' PRIMARY KEY' : ''}${name === 'touches' && c === 'ord' ? ' PRIMARY KEY' : ''}`).join(', ')})`);
    const ints = cols.map(([, t]) => t !== 'TEXT');
    const stmt = db.prepare(`INSERT INTO ${name} VALUES (${cols.map(() => '?').join(',')})`);
    const lines = createInterface({ input: createReadStream(`${base}${name}.tsv`), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line) continue;
      stmt.run(line.split('\t').map((v, i) => (ints[i] ? Number(v) : v)));
    }
    stmt.free();
  }
  db.run(SQLITE_INDEXES);
  db.run('COMMIT');
  db.run('ANALYZE');
  return {
    name: 'sql.js', dialect: SQLITE_DIALECT,
    run: (sql) => { const r = db.exec(sql); return r.length ? rowsOf(r[0].values) : []; },
    close: () => db.close(),
  };
}

const csvColumns = (cols) => `{${cols.map(([c, t]) => `'${c}': '${t === 'TEXT' ? 'VARCHAR' : t}'`).join(', ')}}`;
const duckLoad = (name, path, cols) => `CREATE TABLE ${name} AS SELECT * FROM read_csv('${path}', delim = '\t',
  header = false, quote = '', escape = '', columns = ${csvColumns(cols)})`;

async function duckdbWasmEngine(base) {
  const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const bundles = {
    mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  const conn = db.connect();
  for (const [name, cols] of Object.entries(TABLES)) {
    db.registerFileURL(`${name}.tsv`, `${base}${name}.tsv`, duckdb.DuckDBDataProtocol.NODE_FS, false);
    conn.query(duckLoad(name, `${name}.tsv`, cols));
  }
  const version = conn.query('SELECT version()').toArray()[0].toArray()[0];
  return {
    name: `DuckDB-wasm ${version}`, dialect: DUCKDB_DIALECT,
    run: (sql) => rowsOf(conn.query(sql).toArray().map((r) => r.toArray())),
    close: () => conn.close(),
  };
}

async function duckdbNativeEngine(base) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  for (const [name, cols] of Object.entries(TABLES)) await conn.run(duckLoad(name, `${base}${name}.tsv`, cols));
  const version = (await conn.runAndReadAll('SELECT version()')).getRows()[0][0];
  const threads = (await conn.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0];
  return {
    name: `DuckDB native ${version} (${threads} threads)`, dialect: DUCKDB_DIALECT,
    run: async (sql) => rowsOf((await conn.runAndReadAll(sql)).getRows()),
    close: () => conn.closeSync(),
  };
}

// ---------------------------------------------------------------------------------------------
// Checking and timing.
// ---------------------------------------------------------------------------------------------

const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f = (x, d = 2) => (x === undefined ? 'n/a' : x.toFixed(d));

// Our figures in the peers' row shapes.
function expected(ours) {
  const funnel = ours.funnel.map((r, k) => [k, ...r]);
  const steps = ours.steps.map((r) => [...r]).sort((a, b) => (a[0] + '/' + a[1] < b[0] + '/' + b[1] ? -1 : 1));
  const cohorts = ours.cohorts.map((r) => [...r]);
  const frequency = ours.histogram.map((n, i) => [i + 1, n]).filter(([, n]) => n > 0);
  return { funnel, steps, cohorts, frequency, patients: ours.patients, visits: ours.visits };
}

async function figures(engine, p) {
  const q = queries(engine.dialect, p);
  const funnel = await engine.run(q.funnel[0]);
  const steps = (await engine.run(q.steps[0])).sort((a, b) => (a[0] + '/' + a[1] < b[0] + '/' + b[1] ? -1 : 1));
  const cohorts = await engine.run(q.cohorts[0]);
  const freq = await engine.run(q.cohorts[1]);
  return {
    funnel, steps, cohorts, frequency: freq.map((r) => [r[0], r[1]]),
    patients: freq.reduce((s, r) => s + r[1], 0), visits: freq.reduce((s, r) => s + r[2], 0),
  };
}

function compare(label, want, got) {
  let ok = true;
  for (const key of Object.keys(want)) {
    const a = JSON.stringify(want[key]);
    const b = JSON.stringify(got[key]);
    if (a !== b) {
      ok = false;
      console.log(`  MISMATCH ${label} ${key}:\n    ours ${a.slice(0, 600)}\n    peer ${b.slice(0, 600)}`);
    }
  }
  return ok;
}

async function timeQueries(engine, p, only) {
  const q = queries(engine.dialect, p);
  const out = {};
  for (const [name, sqls] of Object.entries(q)) {
    if (only && !only.includes(name)) continue;
    const times = [];
    for (let i = 0; i < runs; ++i) {
      const c0 = cpuMs();
      for (const sql of sqls) await engine.run(sql);
      times.push(cpuMs() - c0);
    }
    out[name] = { median: median(times), best: Math.min(...times) };
  }
  return out;
}

function oursJson(cmd, cmdArgs) {
  const text = execFileSync(cmd, cmdArgs, { encoding: 'utf8', maxBuffer: 1 << 26 });
  process.stdout.write(text.split('\n').filter((l) => !l.startsWith('{')).join('\n'));
  return text.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
}

let failed = false;
const summary = [];
for (const size of sizes) {
  execFileSync(exporter, ['export', size, dir], { stdio: 'inherit' });
  const base = `${dir}/m_`;
  const params = JSON.parse(readFileSync(`${base}params.json`, 'utf8'));
  const ours = JSON.parse(readFileSync(`${base}ours.json`, 'utf8'));
  const filters = { all: { ...params, source: '' }, source: params };
  const row = { size, peers: {} };
  for (const make of [sqljsEngine, duckdbWasmEngine, duckdbNativeEngine]) {
    const c0 = performance.now();
    let engine;
    try {
      engine = await make(base);
    } catch (e) {
      console.log(`  ${make.name}: not available (${e.message})`);
      continue;
    }
    const loadMs = performance.now() - c0;
    let ok = true;
    let t;
    try {
      for (const [fname, p] of Object.entries(filters)) {
        ok = compare(`${engine.name} ${size} ${fname}`, expected(ours[fname]), await figures(engine, p)) && ok;
      }
      t = await timeQueries(engine, filters.all);
      t.steps_source = (await timeQueries(engine, filters.source, ['steps'])).steps;
    } catch (e) {
      // Engines' errors carry their whole (minified) source: keep the message.
      console.log(`  ${engine.name}: FAILED: ${String(e.message).slice(0, 400)}`);
      failed = true;
      continue;
    }
    if (!ok) failed = true;
    console.log(`${size} ${engine.name}: loaded in ${f(loadMs / 1000, 1)} s, figures ${ok ? 'equal to ours' : 'DIFFER'} |` +
      ` funnel ${f(t.funnel.median)} ms, steps ${f(t.steps.median)} ms (source filter ${f(t.steps_source.median)} ms),` +
      ` cohorts ${f(t.cohorts.median)} ms (medians of ${runs})`);
    row.peers[engine.name] = t;
    engine.close();
  }
  if (withOurs) {
    row.native = oursJson(exporter, [size, '--runs', String(runs), '--json'])[0];
    if (wasm) row.wasm = oursJson('node', [wasm, size, '--runs', String(runs), '--json'])[0];
  }
  summary.push(row);
}

// Ratios: peer time / our time (above 1: we are faster), per figure, for our wasm and native.
for (const row of summary) {
  for (const [ourName, r] of [['wasm', row.wasm], ['native', row.native]]) {
    if (!r) continue;
    console.log(`${row.size} ours ${ourName}: dashboard ${f(r.dashboard)} ms (source filter ${f(r.dashboard_source)} ms),` +
      ` funnel ${f(r.funnel, 3)} ms, steps ${f(r.steps, 4)} ms (source filter ${f(r.steps_source, 4)} ms), cohorts ${f(r.cohorts, 3)} ms`);
    // A figure under the timer's resolution is counted as 0.001 ms (the ratio is then a floor).
    const at = (x) => Math.max(x, 0.001);
    for (const [peer, t] of Object.entries(row.peers)) {
      console.log(`   ${peer} / ours ${ourName}: funnel ${f(t.funnel.median / at(r.funnel), 1)}x, steps ${f(t.steps.median / at(r.steps), 0)}x` +
        ` (source filter ${f(t.steps_source.median / at(r.steps_source), 0)}x), cohorts ${f(t.cohorts.median / at(r.cohorts), 1)}x`);
    }
  }
}
console.log(JSON.stringify(summary));
if (failed) {
  console.error('FAILED: a peer does not give our figures');
  process.exit(1);
}
