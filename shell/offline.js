// Offline use and updates (issue 7): once the app is up, registers the service worker
// (shell/sw.js), which keeps every file of this build so the next visit opens with no network;
// and when a newer build has been installed next to the running one, shows a small banner
// "A new version is ready — Reload". Nothing reloads by itself: the user chooses when, and
// Reload first stores any pending change.
/* global Module */
(function () {
  var N = Module.nurture;
  // For the page and for tests: 'off' (not yet), 'unsupported', 'registered', 'ready' (a
  // worker is active for this page's scope), 'failed'.
  N.offline = { state: 'off', updateReady: false };
  var registration = null;

  var banner = document.getElementById('update');
  var text = document.getElementById('update-text');
  var reloadButton = document.getElementById('update-reload');
  var laterButton = document.getElementById('update-later');
  var READY_TEXT = 'A new version of Nurture is ready.';

  function showUpdate() {
    if (N.offline.updateReady) return;
    N.offline.updateReady = true;
    text.textContent = READY_TEXT;
    reloadButton.disabled = false;
    banner.classList.remove('hidden');
  }

  function applyUpdate() {
    reloadButton.disabled = true;
    text.textContent = 'Saving your changes first\u2026';
    N.flushSave(function (outcome) {
      if (outcome === 'failed' || outcome === 'timeout') {
        text.textContent = 'Your latest changes are not saved yet, so Nurture stays open. Try again in a moment.';
        reloadButton.disabled = false;
        return;
      }
      var waiting = registration && registration.waiting;
      if (!waiting) { location.reload(); return; }  // activated already (from another tab)
      N.offline.reloading = true;
      navigator.serviceWorker.addEventListener('controllerchange', function () { location.reload(); });
      waiting.postMessage({ type: 'activate-update' });
      // If the new worker never takes over (it failed meanwhile), reload anyway: the page then
      // runs the version still in use.
      setTimeout(function () { location.reload(); }, 4000);
    });
  }
  function backToApp() { Module.canvas.focus({ preventScroll: true }); }
  reloadButton.addEventListener('click', applyUpdate);
  laterButton.addEventListener('click', function () {
    var hadFocus = banner.contains(document.activeElement);
    banner.classList.add('hidden');
    if (hadFocus) backToApp();
  });

  // Keyboard (U10): the app's canvas keeps Tab for its own widgets, so F6 (the usual "next part
  // of the window" key) takes the focus to the banner's Reload; Tab and Shift+Tab move between
  // its buttons and Escape goes back to the app, which has kept its own focus.
  window.addEventListener('keydown', function (e) {
    if (e.key !== 'F6' || banner.classList.contains('hidden') || e.ctrlKey || e.metaKey || e.altKey) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    (reloadButton.disabled ? laterButton : reloadButton).focus();
  }, true);
  N.onPageKey = function (e) {
    if (e.type !== 'keydown' || !banner.contains(document.activeElement)) return;
    if (e.key === 'Escape' || e.key === 'F6') {
      e.preventDefault();
      backToApp();
    } else if (e.key === 'Tab') {
      // Two buttons: Tab and Shift+Tab go round them rather than out to the browser's own UI.
      e.preventDefault();
      (document.activeElement === reloadButton ? laterButton : reloadButton).focus();
    }
  };

  function register() {
    var web = location.protocol === 'https:' || location.protocol === 'http:';
    if (!web || !('serviceWorker' in navigator)) {
      N.offline.state = 'unsupported';
      console.info('Nurture: offline use needs the page served over http(s) in a browser with service workers');
      return;
    }
    navigator.serviceWorker.register('sw.js').then(function (reg) {
      registration = reg;
      N.offline.state = 'registered';
      // A new build was installed while another page of the old one was open.
      if (reg.waiting && navigator.serviceWorker.controller) showUpdate();
      reg.addEventListener('updatefound', function () {
        var worker = reg.installing;
        if (!worker) return;
        worker.addEventListener('statechange', function () {
          // Without a controller this is the first install, not an update.
          if (worker.state === 'installed' && navigator.serviceWorker.controller) showUpdate();
        });
      });
      return navigator.serviceWorker.ready.then(function () { N.offline.state = 'ready'; });
    }).catch(function (e) {
      N.offline.state = 'failed';
      console.info('Nurture: offline use is not available: ' + ((e && e.message) || e));
    });
  }

  // After the app is up, so the worker's downloads do not compete with the first start.
  N.onReady = register;
})();
