// The Forecast page in a real browser on the demo practice (issue 5, the simulator view): the
// next 30 days as a chart with a progress bar while it runs, the period changed to 7 days, a
// day's tooltip, and one lead's timeline found by name. Screenshots land in build/e2e-screenshots.
//
// The page's clock is moved to a Monday afternoon, as in sequences.test.mjs, so the figures do
// not depend on when the test runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { click, clickVisible, hover, reveal, screenshot, startServer, type, waitState, widget, withPage } from './lib/harness.mjs';
import { MONDAY, clockAt } from './lib/clock.mjs';

// Date.now() (the app's clock) runs from MONDAY at the real pace (lib/clock.mjs).
const CLOCK = clockAt(MONDAY);

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });

test('the forecast of the demo practice: 30 days, then 7, a day\'s tooltip and one lead\'s timeline', async () => {
  await withPage(server.url, { keepWelcome: true, width: 1440, height: 1000, init: CLOCK }, async (page) => {
    await waitState(page, (st) => st.widgets['welcome.demo'], { message: 'the welcome dialog' });
    await click(page, 'welcome.demo');
    await waitState(page, (st) => st.workspace.demo && st.workspace.leads === 2000,
      { message: 'the demo practice', timeout: 30000 });

    await click(page, 'nav.forecast');
    let s = await waitState(page, (st) => st.page === 'forecast' && !st.forecast.running && st.forecast.total > 0,
      { message: 'the 30-day forecast', timeout: 30000 });
    assert.equal(s.forecast.days, 30);
    assert.ok(s.forecast.per_day.length >= 30, 'a bar per local day');
    assert.equal(s.forecast.per_day.reduce((a, b) => a + b, 0), s.forecast.total, 'the days add up to the total');
    assert.ok(s.forecast.sequences.length >= 2, 'several sequences send');
    await screenshot(page, 'forecast-30-days');

    await click(page, 'forecast.days.7');
    s = await waitState(page, (st) => st.forecast.days === 7 && !st.forecast.running && st.forecast.per_day.length <= 8,
      { message: 'the 7-day forecast', timeout: 30000 });
    assert.ok(s.forecast.total > 0);

    // Hover the chart's first day: the tooltip lists that day's touches.
    const chart = await widget(page, 'forecast.chart');
    await hover(page, chart.x + 60, chart.y + chart.h * 0.6);
    await screenshot(page, 'forecast-7-days-tooltip');

    // One lead's timeline, found by name.
    await clickVisible(page, 'forecast.lead_search');
    await type(page, s.forecast.busy_lead_email);
    await waitState(page, (st) => st.widgets['forecast.lead_match.0'], { message: 'a matching lead' });
    await clickVisible(page, 'forecast.lead_match.0');
    const busy = s.forecast.busy_lead;
    s = await waitState(page, (st) => Array.isArray(st.forecast.timeline), { message: 'the lead\'s timeline' });
    assert.equal(s.forecast.lead, busy);
    assert.ok(s.forecast.timeline.some((e) => e.kind === 'sent'), 'the lead\'s first touch is in the timeline');
    await reveal(page, 'forecast.timeline');
    await screenshot(page, 'forecast-lead-timeline');
  });
});
