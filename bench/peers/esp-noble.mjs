// ESP peer on @noble/hashes (HMAC-SHA-1 / HMAC-MD5, the key's inner and outer states made once and
// cloned per packet) and @noble/ciphers (AES-CBC without padding, AES-GCM), pure JavaScript, one
// packet per call; ICV compared in constant time; decryption only after the ICV has been checked.
import { hmac } from '@noble/hashes/hmac.js';
import { md5, sha1 } from '@noble/hashes/legacy.js';
import { cbc, gcm } from '@noble/ciphers/aes.js';
import { randomBytes } from 'node:crypto';
import { CONFIGS, HEADER, RandomPool, ReplayWindow, counterIv, precheck, equalAt, readPlaintext, writePlaintext, writeUint32 } from './esp-common.mjs';

const HASHES = { sha1, md5 };

export function nobleEsp(configId, keys, spi) {
  const { hash, iv: ivLength, align, icv } = CONFIGS[configId];
  const macState = keys.integrityKey && hmac.create(HASHES[hash], keys.integrityKey);
  const pool = new RandomPool();
  const window = new ReplayWindow();
  const scratch = new Uint8Array(65536);
  const mask = randomBytes(8), gcmIv = new Uint8Array(8), nonce = new Uint8Array(12);
  if (keys.salt) nonce.set(keys.salt, 0);
  let seq = 0;

  function protect(payload, nextHeader = 17) {
    seq++;
    const n = writePlaintext(scratch, 0, payload, align, nextHeader);
    const out = new Uint8Array(HEADER + ivLength + n + icv);
    writeUint32(out, 0, spi); writeUint32(out, 4, seq);
    if (configId === 'gcm') {
      out.set(counterIv(gcmIv, mask, seq), HEADER);
      nonce.set(gcmIv, 4);
      out.set(gcm(keys.cipherKey, nonce, out.subarray(0, HEADER)).encrypt(scratch.subarray(0, n)), HEADER + ivLength);
      return out;
    }
    if (ivLength === 0) {
      out.set(scratch.subarray(0, n), HEADER);
    } else {
      const iv = pool.take(ivLength);
      out.set(iv, HEADER);
      out.set(cbc(keys.cipherKey, iv, { disablePadding: true }).encrypt(scratch.subarray(0, n)), HEADER + ivLength);
    }
    const end = HEADER + ivLength + n;
    out.set(macState.clone().update(out.subarray(0, end)).digest().subarray(0, icv), end);
    return out;
  }

  function verify(packet) {
    const s = precheck(packet, { configId, spi, ivLength, icv, window });
    if (s < 0) return null;
    const end = packet.length - icv;
    if (configId === 'gcm') {
      nonce.set(packet.subarray(HEADER, HEADER + 8), 4);
      let plaintext;
      try {
        plaintext = gcm(keys.cipherKey, nonce, packet.subarray(0, HEADER)).decrypt(packet.subarray(HEADER + ivLength));
      } catch { return null; }
      window.update(s);
      return readPlaintext(plaintext);
    }
    const mac = macState.clone().update(packet.subarray(0, end)).digest().subarray(0, icv);
    if (!equalAt(mac, packet, end)) return null;
    window.update(s);
    if (ivLength === 0) return readPlaintext(packet.subarray(HEADER, end));
    if ((end - HEADER - ivLength) % 16 !== 0) return null;
    return readPlaintext(cbc(keys.cipherKey, packet.subarray(HEADER, HEADER + ivLength), { disablePadding: true })
      .decrypt(packet.subarray(HEADER + ivLength, end)));
  }

  return { protect, verify };
}

/** HMAC-96 of one message with @noble/hashes, the key's states cloned (the batch rows' peer). */
export function nobleHmac96(hash, key) {
  const state = hmac.create(HASHES[hash], key);
  return (data) => state.clone().update(data).digest().subarray(0, 12);
}

/** AES-128-CBC of one block-aligned message with @noble/ciphers (the batch rows' peer). */
export function nobleCbc(key) {
  return (iv, data) => cbc(key, iv, { disablePadding: true }).encrypt(data);
}
