#!/usr/bin/env node
// The storage benchmark's peer: SQLite compiled to wasm (sql.js, pinned in bench/package.json)
// holding the same leads and events as nurture_storage_bench's image.
//
//   node bench/sqljs_peer.mjs build DIR SIZE     reads DIR/SIZE.leads.tsv and .events.tsv (written
//                                                by `nurture_storage_bench generate`), builds the
//                                                database, writes db.export() to DIR/SIZE.sqlite
//   node bench/sqljs_peer.mjs open FILE [REPEAT] measures reopening that image
//
// What "open" measures, per run: `new SQL.Database(bytes)` (sql.js copies the image into its
// in-memory file system and sqlite3_open reads the header) plus `SELECT count(*) FROM leads`
// (walks every leaf page of the leads table), with the bytes already in memory — as our side
// gets the image bytes already read. Closing is not timed. Prints one JSON line with wall and
// CPU times (process.cpuUsage(): the machine is shared, so wall time includes waiting for a core).
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';

const require = createRequire(import.meta.url);
const initSqlJs = require('sql.js');
const SQL = await initSqlJs();

const LEAD_COLUMNS = ['id', 'first_name', 'last_name', 'email', 'phone', 'birth_date', 'age', 'gender', 'street',
  'city', 'state', 'zip', 'country', 'time_zone', 'source', 'campaign', 'ad', 'form', 'interests', 'tags',
  'custom_fields', 'notes', 'stage', 'stage_history', 'consent', 'do_not_contact', 'created_at', 'deleted',
  'stamp'];
const INTEGER_LEAD = new Set(['age', 'created_at', 'deleted']);
const EVENT_COLUMNS = ['id', 'lead', 'at', 'type', 'content', 'sequence', 'step', 'seconds', 'amount_cents',
  'service', 'properties', 'deleted'];
const INTEGER_EVENT = new Set(['at', 'step', 'seconds', 'amount_cents', 'deleted']);

const peakMb = () => process.resourceUsage().maxRSS / 1024;

async function load(db, path, table, columns, integers) {
  const stmt = db.prepare(`INSERT INTO ${table} VALUES (${columns.map(() => '?').join(',')})`);
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let rows = 0;
  for await (const line of lines) {
    if (!line) continue;
    const cells = line.split('\t');
    stmt.run(cells.map((v, i) => (integers.has(columns[i]) ? (v === '' ? null : Number(v)) : v)));
    ++rows;
  }
  stmt.free();
  return rows;
}

async function build(dir, size) {
  const t0 = performance.now();
  const db = new SQL.Database();
  const decl = (cols, ints) => cols.map((c) => `${c} ${ints.has(c) ? 'INTEGER' : 'TEXT'}`).join(', ');
  db.run(`CREATE TABLE leads (${decl(LEAD_COLUMNS, INTEGER_LEAD).replace('id TEXT', 'id TEXT PRIMARY KEY')})`);
  db.run(`CREATE TABLE events (${decl(EVENT_COLUMNS, INTEGER_EVENT).replace('id TEXT', 'id TEXT PRIMARY KEY')})`);
  db.run('BEGIN');
  const leads = await load(db, `${dir}/${size}.leads.tsv`, 'leads', LEAD_COLUMNS, INTEGER_LEAD);
  const events = await load(db, `${dir}/${size}.events.tsv`, 'events', EVENT_COLUMNS, INTEGER_EVENT);
  db.run('CREATE INDEX events_lead_at ON events (lead, at)');
  db.run('COMMIT');
  const image = db.export();
  db.close();
  writeFileSync(`${dir}/${size}.sqlite`, image);
  console.log(JSON.stringify({ op: 'sqljs_build', size, leads, events, image_bytes: image.length,
    ms: Math.round(performance.now() - t0) }));
}

function open(file, repeat) {
  const bytes = new Uint8Array(readFileSync(file));
  const times = [];
  const cpu = [];
  const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  let leads = 0;
  for (let i = 0; i < repeat; ++i) {
    const c0 = cpuMs();
    const t0 = performance.now();
    const db = new SQL.Database(bytes);
    leads = db.exec('SELECT count(*) FROM leads')[0].values[0][0];
    times.push(performance.now() - t0);
    cpu.push(cpuMs() - c0);
    db.close();
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  console.log(JSON.stringify({ op: 'sqljs_open', platform: 'wasm', input_bytes: bytes.length, leads,
    ms_median: times[Math.floor(times.length / 2)], ms_min: times[0],
    cpu_ms_median: cpu[Math.floor(cpu.length / 2)], cpu_ms_min: cpu[0], runs: repeat, rss_mb: peakMb() }));
}

const [cmd, a, b] = process.argv.slice(2);
if (cmd === 'build') await build(a, b);
else if (cmd === 'open') open(a, Number(b || 3));
else {
  console.error('usage: sqljs_peer.mjs build DIR SIZE | open FILE [REPEAT]');
  process.exit(2);
}
