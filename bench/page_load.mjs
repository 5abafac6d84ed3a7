#!/usr/bin/env node
// Measures what a user waits for and downloads: cold page load to the first interactive frame
// in headless Chromium (fresh profile each run, median of N), and the gzipped size of the files
// the page loads. Usage: node bench/page_load.mjs [--runs 5] [--root build/web-release/web]
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  launch, newProfile, removeProfile, startServer, webRoot,
} from '../tests/e2e/lib/harness.mjs';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] || 5) || 5;

function sizes(root) {
  const rows = [];
  for (const name of readdirSync(root)) {
    if (!/\.(html|js|wasm|css|svg|data|webmanifest)$/.test(name)) continue;
    const bytes = readFileSync(join(root, name));
    rows.push({ name, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  return rows;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await startServer();
const times = [];
try {
  for (let i = 0; i < runs; ++i) {
    const profile = newProfile();
    const browser = await launch(profile);
    try {
      const page = await browser.context.newPage();
      await page.goto(server.url);
      await page.waitForFunction(() => window.nurture && window.nurture.ready === true, null, { timeout: 30000 });
      // performance.now() is measured from navigation start.
      times.push(await page.evaluate(() => performance.now()));
    } finally {
      await browser.close();
      removeProfile(profile);
    }
  }
} finally {
  await server.close();
}

const rows = sizes(webRoot);
const total = rows.reduce((a, r) => ({ bytes: a.bytes + r.bytes, gzip: a.gzip + r.gzip }), { bytes: 0, gzip: 0 });
console.log(JSON.stringify({
  cold_load_to_ready_ms: { median: Math.round(median(times)), min: Math.round(Math.min(...times)), max: Math.round(Math.max(...times)), runs },
  files: rows,
  total_bytes: total.bytes,
  total_gzip_bytes: total.gzip,
}, null, 2));
