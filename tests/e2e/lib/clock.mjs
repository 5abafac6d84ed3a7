// A fixed clock for browser tests: an init script that moves the page's Date.now() (the app's
// clock) to a chosen instant, running on at the real pace from there; new Date() is left alone.

// Monday 2026-12-07 18:00 UTC: 13:00 in New York, 10:00 in Los Angeles — inside every send
// window and outside quiet hours, whatever time the test runs.
export const MONDAY = Date.UTC(2026, 11, 7, 18, 0, 0);

/** The init script (for withPage's `init` option) that starts the page's clock at `at`. */
export function clockAt(at = MONDAY) {
  return `(() => {
  const shift = ${at} - Date.now();
  const realNow = Date.now.bind(Date);
  Date.now = () => realNow() + shift;
})();`;
}
