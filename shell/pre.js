// Runs before the app's module starts: wires the page (canvas, overlays, input bookkeeping,
// clipboard, shortcuts, leave-page guard) to the wasm app. The app calls back through
// library_nurture.js. No inline scripts exist in index.html, so the CSP can forbid them.
/* global Module, HEAPU8 */
Module.nurture = {
  inputSeq: 0,      // bumped on every input event; the app draws a frame when it changes
  unsaved: false,   // mirrored from the app, for the leave-page prompt
  ready: false,     // data loaded and first frame drawn
  failed: false,    // the error overlay is showing
};
Module.canvas = document.getElementById('canvas');

// Emscripten 3.1.6 registers ImGui's wheel handler on the document without {passive: false};
// Chrome then treats it as passive and logs an error on every wheel notch when the handler
// calls preventDefault. The page never scrolls, so an active listener costs nothing.
(function () {
  var add = document.addEventListener.bind(document);
  document.addEventListener = function (type, listener, options) {
    if (type === 'wheel' && typeof options !== 'object') options = { capture: !!options, passive: false };
    return add(type, listener, options);
  };
})();

(function () {
  var N = Module.nurture;
  var canvas = Module.canvas;

  function runtimeUp() { return !!Module.calledRun && !N.failed; }

  // While an overlay is up (the app stopped, or the display was lost), or the focus is on one
  // of the page's own buttons (the update banner), keys belong to the page: the app's
  // shortcuts and ImGui must not see them (Enter would act in the app behind, and Tab would be
  // kept from moving the focus). Registered first, so it runs before every other key listener.
  ['keydown', 'keyup', 'keypress'].forEach(function (type) {
    window.addEventListener(type, function (e) {
      var onPageButton = document.activeElement && document.activeElement.tagName === 'BUTTON';
      if (N.failed || N.displayLost || onPageButton) {
        e.stopImmediatePropagation();
        // The page's own parts still see the key (the update banner: Escape goes back to the app).
        if (onPageButton && !N.failed && !N.displayLost && N.onPageKey) N.onPageKey(e);
      }
    }, true);
  });

  // The page leaves this note when the app stops with changes not yet stored; the next load
  // in this tab reads it (shell/library_storage.js) and says its data is the last complete save.
  N.STOPPED_UNSAVED_KEY = 'nurture-stopped-unsaved';
  function noteStoppedUnsaved() {
    try { sessionStorage.setItem(N.STOPPED_UNSAVED_KEY, String(Date.now())); } catch (e) { /* sandboxed */ }
  }

  // `paused`: the app is alive but cannot draw (a lost display), as opposed to stopped.
  function showOverlay(title, text, detail, safety, paused) {
    document.getElementById('loading').classList.add('hidden');
    document.getElementById('error-brand').textContent = paused ? 'Nurture paused' : 'Nurture stopped';
    document.getElementById('error-mark').classList.toggle('paused', !!paused);
    setSafety(safety, '');
    document.getElementById('error-title').textContent = title;
    document.getElementById('error-text').textContent = text;
    document.getElementById('error-detail').textContent = detail || '';
    document.getElementById('error').classList.remove('hidden');
    document.getElementById('error-reload').focus();
  }

  // The line that says what happened to the user's data; `tone` 'saved' or 'unsaved' shows it
  // prominently once the answer is known.
  function setSafety(text, tone) {
    var el = document.getElementById('error-safety');
    el.textContent = text;
    el.classList.toggle('saved', tone === 'saved');
    el.classList.toggle('unsaved', tone === 'unsaved');
  }

  function showError(title, text, detail) {
    if (N.failed) return;
    N.failed = true;
    // N.unsaved is the app's own answer from its last frame.
    if (N.unsaved) noteStoppedUnsaved();
    showOverlay(title, text, detail, 'Your data was saved in this browser up to the last change shown as \u201cSaved\u201d.');
    if (N.unsaved) {
      setSafety('Your last change had not been saved yet. After a reload Nurture opens your last complete save.', 'unsaved');
    }
    console.error('Nurture: ' + title + (detail ? ': ' + detail : ''));
  }
  N.showError = showError;
  document.getElementById('error-reload').addEventListener('click', function () { location.reload(); });

  // Saves pending changes at once, then calls done('stored' | 'failed' | 'unavailable' |
  // 'timeout'). Used before the page goes away on purpose: a lost display, an update.
  var DURABILITY = ['stored', 'saving', 'failed', 'unavailable'];
  N.flushSave = function (done, timeoutMs) {
    var deadline = Date.now() + (timeoutMs || 12000);  // past storage's 8 s watchdog
    (function step() {
      var outcome;
      if (N.failed) outcome = N.unsaved ? 'failed' : 'stored';
      else if (!Module.calledRun) outcome = 'stored';  // still starting: nothing was changed
      else outcome = DURABILITY[Module._nurture_flush_save()] || 'failed';
      if (outcome === 'saving' && Date.now() < deadline) { setTimeout(step, 100); return; }
      done(outcome === 'saving' ? 'timeout' : outcome);
    })();
  };

  Module.print = function (text) { console.log(text); };
  Module.printErr = function (text) { console.warn(text); };
  Module.onAbort = function (what) {
    showError('Nurture stopped unexpectedly',
      'An internal error stopped the app. Reloading usually fixes it.', String(what || ''));
  };
  window.addEventListener('error', function (e) {
    showError('Nurture stopped unexpectedly', 'An internal error stopped the app. Reloading usually fixes it.',
      (e.error && e.error.stack) || e.message || String(e));
  });
  window.addEventListener('unhandledrejection', function (e) {
    showError('Nurture stopped unexpectedly', 'An internal error stopped the app. Reloading usually fixes it.',
      String((e.reason && (e.reason.stack || e.reason.message)) || e.reason));
  });
  // The GPU context can be taken away (a driver reset, too many tabs with graphics). The app
  // itself is fine but cannot draw: stop its frames, store what is pending, and say so only
  // once it is true (U9).
  N.displayLost = false;
  canvas.addEventListener('webglcontextlost', function (e) {
    e.preventDefault();
    if (N.failed || N.displayLost) return;
    N.displayLost = true;
    if (Module.pauseMainLoop) Module.pauseMainLoop();
    var text = 'The browser reset the graphics for this tab, so Nurture cannot draw until it reloads.';
    showOverlay('The display was lost', text, 'WebGL context lost', 'Saving your latest changes\u2026', true);
    console.warn('Nurture: the WebGL context was lost');
    N.flushSave(function (outcome) {
      var safety = {
        stored: 'Your work is saved in this browser. Reload to continue where you were.',
        unavailable: 'Storage was unavailable in this tab, so nothing could be saved here. Reloading tries again.',
      }[outcome];
      if (!safety) {
        noteStoppedUnsaved();
        safety = 'Your latest changes could not be saved. Reloading opens your last complete save.';
      }
      N.displayOutcome = outcome;
      setSafety(safety, outcome === 'stored' ? 'saved' : 'unsaved');
    });
  }, false);
  canvas.addEventListener('contextmenu', function (e) { e.preventDefault(); });

  // Every input event means "draw a frame": the app skips frames while nothing happens (U8).
  ['keydown', 'keyup', 'keypress', 'pointerdown', 'pointerup', 'pointermove', 'wheel', 'paste',
    'focus', 'blur', 'resize', 'compositionend'].forEach(function (type) {
    window.addEventListener(type, function () { N.inputSeq = (N.inputSeq + 1) >>> 0; },
      { capture: true, passive: true });
  });

  // Touch taps. Emscripten 3.1.6's GLFW takes a touchstart for a press at the previous pointer
  // position (it never reads a touch's coordinates) and a touchend for a release, so a tap
  // first pressed wherever the last tap had been. The canvas's touch events stop here; a tap
  // reaches the app as the browser's own mouse events for it (move, press and release at the
  // finger), and touchPointer tells the app they came from a finger, so the move gets a frame
  // of its own before the press (web/platform/main.cpp).
  N.touchPointer = false;
  ['pointerdown', 'pointermove'].forEach(function (type) {
    window.addEventListener(type, function (e) { N.touchPointer = e.pointerType === 'touch'; },
      { capture: true, passive: true });
  });
  ['touchstart', 'touchmove', 'touchend', 'touchcancel'].forEach(function (type) {
    window.addEventListener(type, function (e) { if (e.target === canvas) e.stopPropagation(); },
      { capture: true, passive: true });
  });

  // App shortcuts win over the browser's (U2): Ctrl/Cmd+S saves, Ctrl/Cmd+F searches, and keys
  // that would scroll or open browser UI stay with the app. Copy/cut/paste keep their default
  // so the browser fires the clipboard events we read.
  var textInput = document.getElementById('text-input');

  // Enter or Space on a "Choose a file…" button opens the chooser right here, in the key's own
  // event handler, rather than in the frame where ImGui sees the key: a slow frame could come
  // after the browser's gesture window and the chooser would not open. After each frame the
  // app says what the focused item would pick (nurture_js_set_keyboard_pick); that holds only
  // while no other key has arrived since (a queued Tab may move the focus first: the frame
  // then opens it). The app's own pick_file for this key is then ignored (keyboardPickOpened).
  N.keySeq = 0;
  N.keyboardPick = '';
  N.keyboardPickAt = -1;
  N.keyboardPickOpened = null;
  window.addEventListener('keydown', function (e) {
    var current = N.keyboardPickAt === N.keySeq;
    N.keySeq = (N.keySeq + 1) >>> 0;
    if (!current || !N.keyboardPick || e.repeat || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
    if ((e.key !== 'Enter' && e.key !== ' ') || e.isComposing || !runtimeUp()) return;
    if (document.activeElement === textInput) return;  // typing in a field
    N.keyboardPickOpened = N.keyboardPick;
    N.openFileChooser(N.keyboardPick);
  }, true);
  var appShortcuts = { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1, 9: 1, s: 1, f: 1, p: 1, o: 1, g: 1, k: 1, e: 1, n: 1, z: 1, y: 1, a: 1, d: 1, h: 1, j: 1, l: 1, u: 1 };
  // Keys with a browser default (focus moves, history, help) but no text. Space and printable
  // keys are never prevented: their keypress is what types text into the app.
  var navigationKeys = { Tab: 1, Backspace: 1, ArrowUp: 1, ArrowDown: 1, ArrowLeft: 1, ArrowRight: 1,
    PageUp: 1, PageDown: 1, Home: 1, End: 1, F1: 1, F3: 1 };
  window.addEventListener('keydown', function (e) {
    var mod = e.ctrlKey || e.metaKey;
    var key = (e.key || '').toLowerCase();
    if ((mod && !e.altKey && appShortcuts[key]) || navigationKeys[e.key]) e.preventDefault();
    // Paste: the text arrives in the paste event the browser fires after this keydown, so the
    // key waits for it (the paste handler replays it to the app). The browser only pastes
    // into something editable: a field clicked a moment ago may not have claimed the focus
    // for the text bridge yet, so the bridge takes it now.
    if (mod && !e.altKey && key === 'v') {
      e.stopImmediatePropagation();
      N.pasteKeyHeld = true;
      if (document.activeElement !== textInput) textInput.focus({ preventScroll: true });
    }
  }, true);

  // GLFW releases every held key on any blur it sees, and it listens in the capture phase, so
  // an element's blur counts too: the text bridge taking the focus from the canvas would let
  // go of a held Ctrl in the middle of Ctrl+V. Only the window losing the focus should.
  window.addEventListener('blur', function (e) {
    if (e.target !== window) e.stopImmediatePropagation();
  }, true);

  // Text input bridge. While an app text field has focus, a hidden textarea holds the
  // keyboard focus and its `input` events carry the typed text: that is the only way composed
  // text (IME, dead keys, on-screen keyboards, "insertText") reaches a canvas app. GLFW's own
  // keypress path is silenced meanwhile, so no character arrives twice; keys without text
  // (arrows, Backspace, Enter, shortcuts) still reach the app through GLFW's keydown.
  N.textActive = false;
  N.setTextInput = function (active) {
    N.textActive = !!active;
    if (N.textActive && document.activeElement !== textInput) textInput.focus({ preventScroll: true });
    if (!N.textActive && document.activeElement === textInput) canvas.focus({ preventScroll: true });
  };
  window.addEventListener('keypress', function (e) {
    if (document.activeElement === textInput) e.stopImmediatePropagation();
  }, true);
  function sendText(text) {
    if (text && runtimeUp()) Module.ccall('nurture_on_text', null, ['string'], [text.normalize('NFC')]);
  }
  textInput.addEventListener('input', function (e) {
    if (e.isComposing) return;  // the final text comes with compositionend
    if (e.inputType === 'insertText' || e.inputType === 'insertReplacementText') sendText(e.data);
    textInput.value = '';
  });
  textInput.addEventListener('compositionend', function (e) {
    sendText(e.data);
    textInput.value = '';
  });

  // Paste: the browser hands us the text in the paste event; a held-back Ctrl+V is replayed
  // with it.
  window.addEventListener('paste', function (e) {
    var text = (e.clipboardData && e.clipboardData.getData('text/plain')) || '';
    e.preventDefault();
    var fromShortcut = N.pasteKeyHeld ? 1 : 0;
    N.pasteKeyHeld = false;
    if (runtimeUp()) Module.ccall('nurture_on_paste', null, ['string', 'number'], [text.normalize('NFC'), fromShortcut]);
  });
  // Copy/cut: the event fires with the key, before the frame in which the app sees Ctrl+C, so
  // the page asks the app for the field's selection now. The app's own asynchronous clipboard
  // write follows, but the browser may refuse it outside the key's handler (Safari does).
  ['copy', 'cut'].forEach(function (type) {
    window.addEventListener(type, function (e) {
      if (!runtimeUp() || !e.clipboardData) return;
      var text = Module.ccall('nurture_copy_text', 'string', [], []);
      if (text) {
        e.clipboardData.setData('text/plain', text);
        e.preventDefault();
        // The app copies the same text a frame later (ImGui's Ctrl+C): that write is skipped, or
        // it could land after something copied meanwhile and put this text back.
        N.copiedByEvent = { text: text, at: performance.now() };
      }
    });
  });

  window.addEventListener('blur', function () { if (runtimeUp()) Module._nurture_on_blur(); });
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden' && runtimeUp()) Module._nurture_on_visibility_hidden();
  });
  window.addEventListener('pagehide', function () { if (runtimeUp()) Module._nurture_on_visibility_hidden(); });
  window.addEventListener('beforeunload', function (e) {
    if (runtimeUp() && Module._nurture_has_unsaved_changes()) {
      Module._nurture_on_visibility_hidden();
      e.preventDefault();
      e.returnValue = '';
    }
  });
  // The System theme follows the browser's colour scheme and contrast wishes as they change.
  ['(prefers-color-scheme: dark)', '(prefers-contrast: more)', '(forced-colors: active)'].forEach(function (q) {
    window.matchMedia(q).addEventListener('change', function () { N.inputSeq = (N.inputSeq + 1) >>> 0; });
  });

  // The file chooser. Browsers open one only close to a click or key press (Chromium: within 5 s
  // of it, "transient user activation"); past that, input.click() is ignored without a word, so
  // the app is told ('blocked') and asks the user to press the button again.
  N.openFileChooser = function (accept) {
    var input = document.getElementById('file-input');
    if (!input) {
      input = document.createElement('input');
      input.type = 'file';
      input.id = 'file-input';
      input.tabIndex = -1;
      input.setAttribute('aria-hidden', 'true');
      input.style.display = 'none';
      input.addEventListener('change', function () {
        var file = input.files && input.files[0];
        input.value = '';  // choosing the same file again must fire 'change' again
        answer(function () { if (file) N.deliverFile(file); else fileEvent('cancelled', ''); });
      });
      input.addEventListener('cancel', function () { answer(function () { fileEvent('cancelled', ''); }); });
      document.body.appendChild(input);
    }
    input.accept = accept;
    var activation = navigator.userActivation;
    if (activation && !activation.isActive) {
      answer(function () { fileEvent('blocked', ''); });
      return;
    }
    input.click();
  };
  // The chooser's answer reaches the app only after the app asked for it: one opened by a key
  // press (below) can answer before the frame in which the app sees that key. Never inside the
  // app's frame either (pick_file is called from it).
  var heldAnswers = [];
  function answer(deliver) {
    heldAnswers.push(deliver);
    if (N.keyboardPickOpened === null) N.releaseAnswers();
  }
  N.releaseAnswers = function () {
    setTimeout(function () {
      if (N.keyboardPickOpened !== null) return;
      var ready = heldAnswers;
      heldAnswers = [];
      ready.forEach(function (deliver) { deliver(); });
    }, 0);
  };

  // Files coming in (file picker, drag and drop, decrypted exports): the bytes are copied
  // straight into a buffer the app sizes, so a large file exists once in JS and once in wasm.
  function fileEvent(kind, detail) {
    if (runtimeUp()) Module.ccall('nurture_file_event', null, ['string', 'string'], [kind, detail || '']);
    N.inputSeq = (N.inputSeq + 1) >>> 0;
  }
  N.fileEvent = fileEvent;
  N.deliverBytes = function (kind, name, bytes) {
    if (!runtimeUp()) return;
    var ptr = Module.ccall('nurture_file_buffer', 'number', ['number'], [bytes.length]);
    if (!ptr) {
      fileEvent(kind === 'decrypted' ? 'decrypt-failed' : 'failed',
        name + ' is too large to open here (the limit is 512 MB).');
      return;
    }
    HEAPU8.set(bytes, ptr);  // read HEAPU8 after the call: memory may have grown
    Module.ccall('nurture_file_ready', null, ['string', 'string'], [kind, name]);
    N.inputSeq = (N.inputSeq + 1) >>> 0;
  };
  N.deliverFile = function (file) {
    if (file.size > 512 * 1024 * 1024) {
      fileEvent('failed', file.name + ' is too large to open here (the limit is 512 MB).');
      return;
    }
    fileEvent('reading', file.name);
    file.arrayBuffer().then(function (buffer) {
      N.deliverBytes('file', file.name, new Uint8Array(buffer));
    }).catch(function (e) {
      fileEvent('failed', 'Could not read ' + file.name + ': ' + ((e && e.message) || e));
    });
  };
  // Dropping a file anywhere on the page hands it to the app (the Import page takes it).
  window.addEventListener('dragover', function (e) { e.preventDefault(); });
  window.addEventListener('drop', function (e) {
    e.preventDefault();
    var files = e.dataTransfer && e.dataTransfer.files;
    if (files && files.length > 0) N.deliverFile(files[0]);
  });

  // For browser tests: app state and widget rectangles as an object.
  N.testState = function () {
    if (!runtimeUp() || !Module._nurture_test_state) return { ready: false };
    var state = JSON.parse(Module.UTF8ToString(Module._nurture_test_state()));
    state.ready = N.ready;
    return state;
  };
  window.nurture = N;
})();
