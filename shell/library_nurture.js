// JavaScript functions the C++ app calls (declared in web/platform/browser.cpp).
/* global mergeInto, LibraryManager, Module, UTF8ToString, HEAPU8, HEAPU32 */
mergeInto(LibraryManager.library, {
  nurture_js_now: function () { return Date.now(); },

  nurture_js_random: function (ptr, count) {
    crypto.getRandomValues(HEAPU32.subarray(ptr >> 2, (ptr >> 2) + count));
  },

  nurture_js_input_seq: function () { return Module.nurture.inputSeq >>> 0; },

  nurture_js_pointer_is_touch: function () { return Module.nurture.touchPointer ? 1 : 0; },

  nurture_js_clipboard_write: function (ptr) {
    var text = UTF8ToString(ptr);
    var copied = Module.nurture.copiedByEvent;
    Module.nurture.copiedByEvent = null;
    if (copied && copied.text === text && performance.now() - copied.at < 1000) return;
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).catch(function () {
        // Refused (no permission, or outside the key's handler): for Ctrl+C and Ctrl+X the page's
        // copy/cut event has already put the field's text there (nurture_copy_text).
      });
    }
  },

  nurture_js_set_cursor: function (ptr) { Module.canvas.style.cursor = UTF8ToString(ptr); },

  nurture_js_set_text_input: function (active) { Module.nurture.setTextInput(active); },

  nurture_js_download: function (namePtr, mimePtr, ptr, len) {
    var bytes = HEAPU8.slice(ptr, ptr + len);
    var blob = new Blob([bytes], { type: UTF8ToString(mimePtr) });
    var url = URL.createObjectURL(blob);
    var a = document.createElement('a');
    a.href = url;
    a.download = UTF8ToString(namePtr);
    a.rel = 'noopener';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 30000);
  },

  nurture_js_download_encrypted: function (namePtr, ptr, len, passPtr) {
    var name = UTF8ToString(namePtr);
    var passphrase = UTF8ToString(passPtr);
    var bytes = HEAPU8.slice(ptr, ptr + len);
    var report = function (kind, detail) {
      Module.ccall('nurture_crypto_event', null, ['string', 'string'], [kind, detail]);
    };
    Module.nurture.crypto.encrypt(bytes, passphrase).then(function (text) {
      bytes.fill(0);
      var url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      var a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 30000);
      report('encrypted', name);
    }).catch(function (e) {
      bytes.fill(0);
      report('failed', String((e && e.message) || e));
    });
  },

  nurture_js_pick_file: function (acceptPtr) {
    var N = Module.nurture;
    var accept = UTF8ToString(acceptPtr);
    // The key that pressed the button already opened the chooser, in its own event handler.
    if (N.keyboardPickOpened === accept) {
      N.keyboardPickOpened = null;
      N.releaseAnswers();  // the app asked: the chooser's answer may come now
      return;
    }
    N.openFileChooser(accept);
  },

  nurture_js_set_keyboard_pick: function (acceptPtr, settled) {
    var N = Module.nurture;
    N.keyboardPick = UTF8ToString(acceptPtr);
    N.keyboardPickAt = N.keySeq;
    if (settled && N.keyboardPickOpened !== null) {
      // The app handled every key and did not ask: its answer arrives like a dropped file.
      N.keyboardPickOpened = null;
      N.releaseAnswers();
    }
  },

  nurture_js_decrypt: function (ptr, len, passPtr) {
    var N = Module.nurture;
    var passphrase = UTF8ToString(passPtr);
    var text = new TextDecoder().decode(HEAPU8.subarray(ptr, ptr + len));
    N.crypto.decrypt(text, passphrase).then(function (bytes) {
      N.deliverBytes('decrypted', '', bytes);
      bytes.fill(0);
    }).catch(function (e) {
      N.fileEvent('decrypt-failed', String((e && e.message) || e));
    });
  },

  nurture_js_open_url: function (ptr) {
    var url = UTF8ToString(ptr);
    // Only hand-off schemes: the app itself never loads anything from the network.
    if (!/^(mailto:|tel:|sms:|https:)/i.test(url)) return;
    var a = document.createElement('a');
    a.href = url;
    if (/^https:/i.test(url)) { a.target = '_blank'; a.rel = 'noopener noreferrer'; }
    document.body.appendChild(a);
    a.click();
    a.remove();
  },

  nurture_js_app_ready: function () {
    var N = Module.nurture;
    if (N.ready) return;
    N.ready = true;
    var overlay = document.getElementById('loading');
    overlay.classList.add('fading');
    setTimeout(function () { overlay.classList.add('hidden'); }, 200);
    Module.canvas.focus();
    if (N.onReady) N.onReady();
  },

  nurture_js_set_unsaved: function (unsaved) { Module.nurture.unsaved = !!unsaved; },

  nurture_js_announce: function (ptr) {
    var el = document.getElementById('announcer');
    // Read the text now: the caller's buffer is gone by the time the timeout runs.
    var text = UTF8ToString(ptr);
    el.textContent = '';
    // A fresh text node after clearing makes screen readers announce repeats too.
    setTimeout(function () { el.textContent = text; }, 30);
  },

  nurture_js_utc_offset_minutes: function (t) { return -new Date(t).getTimezoneOffset(); },

  nurture_js_prefers_dark: function () {
    return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 1 : 0;
  },

  nurture_js_prefers_more_contrast: function () {
    if (!window.matchMedia) return 0;
    return window.matchMedia('(prefers-contrast: more)').matches ||
      window.matchMedia('(forced-colors: active)').matches ? 1 : 0;
  },
});
