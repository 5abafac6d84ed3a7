// Encrypted workspace files (CHECKLISTS R17), with the browser's WebCrypto: a key derived from
// the passphrase with PBKDF2-SHA256 (600,000 iterations, random 16-byte salt) encrypts the
// file with AES-256-GCM (random 12-byte IV). The header is bound to the ciphertext as
// additional authenticated data, so changing any bit anywhere makes the file refuse to open.
// Format: docs/schema.md ("nurture.encrypted").
/* global Module */
(function () {
  var N = Module.nurture;
  var ITERATIONS = 600000;
  var MIN_ITERATIONS = 100000;   // refuse files made weaker than this
  var MAX_ITERATIONS = 10000000; // and absurd work factors (a hostile file could hang the tab)
  var GENERIC = 'The passphrase is wrong, or the file is damaged.';

  function toBase64(bytes) {
    var s = '';
    for (var i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(s);
  }
  function fromBase64(text) {
    var s = atob(text);
    var out = new Uint8Array(s.length);
    for (var i = 0; i < s.length; ++i) out[i] = s.charCodeAt(i);
    return out;
  }
  // The header fields in a fixed order: the same bytes when writing and when checking.
  function headerBytes(h) {
    return new TextEncoder().encode(JSON.stringify({
      format: h.format, version: h.version, cipher: h.cipher, kdf: h.kdf,
      iterations: h.iterations, salt: h.salt, iv: h.iv,
    }));
  }
  async function deriveKey(passphrase, salt, iterations, usage) {
    var material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')),
      'PBKDF2', false, ['deriveKey']);
    return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: salt, iterations: iterations },
      material, { name: 'AES-GCM', length: 256 }, false, [usage]);
  }

  N.crypto = {
    ITERATIONS: ITERATIONS,
    MIN_ITERATIONS: MIN_ITERATIONS,
    MAX_ITERATIONS: MAX_ITERATIONS,
    // Shared with the app lock (shell/library_storage.js), which wraps its data key with a key
    // derived the same way.
    toBase64: toBase64,
    fromBase64: fromBase64,
    deriveKey: deriveKey,
    /** Encrypts bytes (Uint8Array) → the file's text. */
    encrypt: async function (bytes, passphrase) {
      var salt = crypto.getRandomValues(new Uint8Array(16));
      var iv = crypto.getRandomValues(new Uint8Array(12));
      var header = { format: 'nurture.encrypted', version: 1, cipher: 'AES-256-GCM', kdf: 'PBKDF2-SHA256',
        iterations: ITERATIONS, salt: toBase64(salt), iv: toBase64(iv) };
      var key = await deriveKey(passphrase, salt, ITERATIONS, 'encrypt');
      var data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: iv, additionalData: headerBytes(header) },
        key, bytes));
      header.data = toBase64(data);
      return JSON.stringify(header) + '\n';
    },
    /** Decrypts the file's text → bytes (Uint8Array); throws an Error with a user-facing message. */
    decrypt: async function (text, passphrase) {
      var h;
      try { h = JSON.parse(text); } catch (e) { throw new Error('This is not an encrypted Nurture file.'); }
      if (!h || h.format !== 'nurture.encrypted') throw new Error('This is not an encrypted Nurture file.');
      if (h.version !== 1) throw new Error('This file was encrypted by a newer Nurture; update the app to open it.');
      if (h.cipher !== 'AES-256-GCM' || h.kdf !== 'PBKDF2-SHA256' || !Number.isInteger(h.iterations) ||
          h.iterations < MIN_ITERATIONS || h.iterations > MAX_ITERATIONS || typeof h.salt !== 'string' ||
          typeof h.iv !== 'string' || typeof h.data !== 'string') {
        throw new Error(GENERIC);
      }
      try {
        var salt = fromBase64(h.salt);
        var iv = fromBase64(h.iv);
        if (salt.length !== 16 || iv.length !== 12) throw new Error('bad sizes');
        var key = await deriveKey(passphrase, salt, h.iterations, 'decrypt');
        return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: iv, additionalData: headerBytes(h) },
          key, fromBase64(h.data)));
      } catch (e) {
        // One message for a wrong passphrase and a damaged file: telling them apart would help
        // someone guessing passphrases, not the practice.
        throw new Error(GENERIC);
      }
    },
  };
})();
