// The dashboard in a real browser on the demo practice (issue 6): the last 30 days, then the
// last 90 days filtered to one source, a chart's tooltip, the lower cards, a custom range with a
// clear error, and one card's CSV download. Screenshots land in build/e2e-screenshots.
//
// The page's clock is moved to a Monday afternoon, as in forecast.test.mjs, so the figures do
// not depend on when the test runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { click, hover, retype, reveal, screenshot, settle, startServer, waitState, withPage } from './lib/harness.mjs';

const MONDAY = Date.UTC(2026, 11, 7, 18, 0, 0);
const CLOCK = `(() => {
  const shift = ${MONDAY} - Date.now();
  const realNow = Date.now.bind(Date);
  Date.now = () => realNow() + shift;
})();`;

/** Scrolls the page body to its top: the controls sit just under the fixed page header. */
async function toTop(page) {
  await page.mouse.move(700, 400);
  for (let i = 0; i < 6; i += 1) await page.mouse.wheel(0, -2000);
  await settle(page, 6);
}

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });

test('the dashboard of the demo practice: range, filter, tooltip, custom range and a CSV', async () => {
  await withPage(server.url, { keepWelcome: true, width: 1280, height: 800, init: CLOCK }, async (page) => {
    await waitState(page, (st) => st.widgets['welcome.demo'], { message: 'the welcome dialog' });
    await click(page, 'welcome.demo');
    await waitState(page, (st) => st.workspace.demo && st.workspace.leads === 2000,
      { message: 'the demo practice', timeout: 30000 });

    await click(page, 'nav.funnel');
    let s = await waitState(page, (st) => st.page === 'funnel' && st.dashboard && st.dashboard.kpis,
      { message: 'the dashboard', timeout: 30000 });
    assert.equal(s.dashboard.preset, 'last_30');
    assert.equal(s.dashboard.range.last_day, '2026-12-07');
    assert.equal(s.dashboard.rows.trend, 30, 'a bar a day');
    assert.ok(s.dashboard.kpis.new_leads > 0, 'the demo has new leads in the last 30 days');
    assert.equal(s.dashboard.trend_bookings, s.dashboard.kpis.bookings, 'the chart adds up to the tile');
    await screenshot(page, 'dashboard-30-days');

    // The last 90 days, then one source.
    const before90 = s.dashboard.computations;
    await click(page, 'dash.range.last_90');
    s = await waitState(page, (st) => st.dashboard.preset === 'last_90' && st.dashboard.computations > before90,
      { message: 'the 90-day range' });
    const all = s.dashboard.kpis.new_leads;
    assert.ok(s.dashboard.rows.trend <= 14, 'weeks for a long range');
    await click(page, 'dash.filter.source');
    await click(page, 'dash.filter.source.1');
    s = await waitState(page, (st) => st.dashboard.filter.source !== '', { message: 'a source filter' });
    assert.ok(s.dashboard.kpis.new_leads < all, 'one source has fewer new leads than all');
    await screenshot(page, 'dashboard-90-days-one-source');

    // Hover the conversion chart: the tooltip names the week and its bookings.
    const chart = await reveal(page, 'dash.trend.chart');
    await hover(page, chart.x + chart.w * 0.55, chart.y + chart.h * 0.5);
    await waitState(page, (st) => st.widgets['dash.tooltip'], { message: 'the chart tooltip' });
    await screenshot(page, 'dashboard-conversion-tooltip');

    // The funnel's tooltip (median days in stage).
    const funnel = await reveal(page, 'dash.funnel.chart');
    await hover(page, funnel.x + funnel.w * 0.4, funnel.y + funnel.h * 0.3);
    await waitState(page, (st) => st.widgets['dash.tooltip'], { message: 'the funnel tooltip' });
    await screenshot(page, 'dashboard-funnel-tooltip');

    // Back to the top (the filters sit under the fixed page header), then clear the filter.
    await toTop(page);
    await click(page, 'dash.filter.clear');
    await waitState(page, (st) => st.dashboard.filter.source === '', { message: 'filters cleared' });
    await reveal(page, 'dash.nurture.chart');
    await screenshot(page, 'dashboard-steps-nurtured');
    await reveal(page, 'dash.cohorts.chart');
    await screenshot(page, 'dashboard-content-cohorts');
    await reveal(page, 'dash.roi.table');
    await screenshot(page, 'dashboard-roi');

    // One card's CSV: the funnel's, with its header.
    await toTop(page);
    const [download] = await Promise.all([page.waitForEvent('download'), click(page, 'dash.export.funnel')]);
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    assert.ok(csv.startsWith('stage,reached,at_start,cohort,converted,dropped,conversion_rate'), csv.slice(0, 120));
    assert.equal(csv.trim().split('\r\n').length, 6, 'a header and five stages');
    assert.match(download.suggestedFilename(), /^nurture-funnel-.*\.csv$/);

    // A custom range: an end before the start is refused in words; a valid one applies.
    await toTop(page);
    await click(page, 'dash.range.custom');
    await retype(page, 'dash.custom.from', '2026-11-10');
    await retype(page, 'dash.custom.to', '2026-11-01');
    await click(page, 'dash.custom.apply');
    s = await waitState(page, (st) => st.dashboard.custom_error !== '', { message: 'the custom range error' });
    assert.match(s.dashboard.custom_error, /before the start/);
    await screenshot(page, 'dashboard-custom-error');
    await retype(page, 'dash.custom.to', '2026-11-30');
    await click(page, 'dash.custom.apply');
    s = await waitState(page, (st) => st.dashboard.custom_error === '' && st.dashboard.range.first_day === '2026-11-10',
      { message: 'the custom range' });
    assert.equal(s.dashboard.range.last_day, '2026-11-30');
  });
});
