#!/usr/bin/env node
// Renders the app icons the web manifest lists (shell/icons/*.png) from shell/favicon.svg with
// the browser the e2e tests use, so the PNGs are our own drawing at exact sizes. The build has
// no SVG rasteriser, so the PNGs are committed; run this after changing the favicon:
//   (cd tests/e2e && node tools/render-icons.mjs)
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const shell = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shell');
const svg = readFileSync(join(shell, 'favicon.svg'), 'utf8');
// Maskable: the launcher crops to its own shape (a circle, a squircle), keeping the middle 80%:
// the background fills the whole square and the mark stays well inside that safe zone.
const maskable = svg.replace(/<rect[^>]*\/>/, '<rect width="32" height="32" fill="#2f7d78"/>')
  .replace(/<path /, '<path transform="translate(16 16) scale(0.8) translate(-16 -16)" ');

const icons = [
  { file: 'icon-192.png', size: 192, svg },
  { file: 'icon-512.png', size: 512, svg },
  { file: 'icon-maskable-512.png', size: 512, svg: maskable },
];

const browser = await chromium.launch({ executablePath: process.env.NURTURE_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  mkdirSync(join(shell, 'icons'), { recursive: true });
  for (const icon of icons) {
    await page.setViewportSize({ width: icon.size, height: icon.size });
    const sized = icon.svg.replace('<svg ', `<svg width="${icon.size}" height="${icon.size}" `);
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block}</style>${sized}`);
    await page.screenshot({ path: join(shell, 'icons', icon.file), omitBackground: true });
    console.log(`shell/icons/${icon.file}`);
  }
} finally {
  await browser.close();
}
