#!/usr/bin/env node
// Runs the storage benchmark: generates the seeded S and M workspaces (and L with --full),
// measures open / encode / export / import natively and as wasm under node, builds the same
// data into SQLite with sql.js and measures reopening its image, then prints a table with the
// ratios ours / sql.js. Every operation runs in its own process so its peak memory is its own.
// Times are the best of N runs in CPU time (the machine is shared: wall time includes waiting
// for a core); wall times are printed next to them.
//
//   node bench/run_storage.mjs [--full] [--sizes S,M] [--repeat 7] [--out /tmp/nurture-bench] [--reuse]
// --reuse keeps the generated files and the SQLite images of an earlier run (generating L and
// loading it into sql.js takes minutes).
//
// Needs the release builds (`cmake --workflow --preset release`, `cmake --build build/web-release
// --target nurture_storage_bench`); runs `npm ci` in bench/ when sql.js is missing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const sizes = opt('--sizes', args.includes('--full') ? 'S,M,L' : 'S,M').split(',');
const repeat = opt('--repeat', '7');
const out = opt('--out', '/tmp/nurture-bench');
const native = join(root, 'build/release/bench/nurture_storage_bench');
const wasm = join(root, 'build/web-release/bench/nurture_storage_bench.js');

if (!existsSync(join(here, 'node_modules/sql.js'))) {
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
}
mkdirSync(out, { recursive: true });

const run = (cmd, argv) => {
  const text = execFileSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(text.trim().split('\n').pop());
};
const ours = (platform, op, file) => (platform === 'native'
  ? run(native, ['measure', op, file, repeat])
  : run('node', ['--max-old-space-size=4096', wasm, 'measure', op, file, repeat]));

const rows = [];
for (const size of sizes) {
  const reuse = args.includes('--reuse') && existsSync(join(out, `${size}.sqlite`));
  if (!reuse) {
    console.error(JSON.stringify(run(native, ['generate', size, out])));
    console.error(JSON.stringify(run('node', ['--max-old-space-size=6000', join(here, 'sqljs_peer.mjs'), 'build', out, size])));
  }
  const peer = run('node', ['--max-old-space-size=6000', join(here, 'sqljs_peer.mjs'), 'open', join(out, `${size}.sqlite`), repeat]);
  console.error(JSON.stringify(peer));
  for (const platform of ['native', 'wasm']) {
    if (platform === 'wasm' && !existsSync(wasm)) continue;
    for (const op of ['open', 'open_index', 'encode', 'export', 'import']) {
      const file = join(out, `${size}.${op === 'import' ? 'json' : 'image'}`);
      const r = ours(platform, op, file);
      console.error(JSON.stringify({ size, ...r }));
      rows.push({ size, platform, op, ms: r.cpu_ms_min, wall: r.ms_min, rss: r.rss_mb, heap: r.wasm_heap_mb,
        bytes: r.op === 'encode' || r.op === 'export' ? r.output_bytes : r.input_bytes,
        peer: op.startsWith('open') ? peer : null });
    }
  }
}

const fmt = (x, d = 1) => (x === undefined || x === null ? '' : Number(x).toFixed(d));
console.log('| size | platform | operation | bytes | CPU ms (wall ms) | peak RSS MB | wasm heap MB | sql.js open CPU ms (wall ms) | sql.js bytes | ratio ours / sql.js (CPU) |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.size} | ${r.platform} | ${r.op} | ${r.bytes} | ${fmt(r.ms)} (${fmt(r.wall)}) | ${fmt(r.rss, 0)} | ${fmt(r.heap, 0)} | ${
    r.peer ? `${fmt(r.peer.cpu_ms_min)} (${fmt(r.peer.ms_min)})` : ''} | ${r.peer ? r.peer.input_bytes : ''} | ${r.peer ? fmt(r.ms / r.peer.cpu_ms_min, 2) : ''} |`);
}
