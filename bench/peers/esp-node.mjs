// ESP peer on node:crypto (OpenSSL), one packet per call: createHmac per packet (key as a KeyObject
// made once), createCipheriv / createDecipheriv per packet; ICV compared with timingSafeEqual; the
// plaintext is decrypted only after the ICV has been checked (as akacore does).
import { createCipheriv, createDecipheriv, createHmac, createSecretKey, randomBytes, timingSafeEqual } from 'node:crypto';
import { CONFIGS, HEADER, RandomPool, ReplayWindow, counterIv, precheck, readPlaintext, writePlaintext, writeUint32 } from './esp-common.mjs';

export function nodeEsp(configId, keys, spi) {
  const config = CONFIGS[configId];
  const { hash, iv: ivLength, align, icv } = config;
  const macKey = keys.integrityKey && createSecretKey(keys.integrityKey);
  const cipherKey = keys.cipherKey && createSecretKey(keys.cipherKey);
  const pool = new RandomPool();
  const window = new ReplayWindow();
  const scratch = Buffer.alloc(65536);
  const mask = randomBytes(8), gcmIv = Buffer.alloc(8), nonce = Buffer.alloc(12);
  if (keys.salt) nonce.set(keys.salt, 0);
  let seq = 0;

  function protect(payload, nextHeader = 17) {
    seq++;
    if (configId === 'gcm') {
      const n = writePlaintext(scratch, 0, payload, align, nextHeader);
      const out = Buffer.allocUnsafe(HEADER + ivLength + n + icv);
      writeUint32(out, 0, spi); writeUint32(out, 4, seq);
      out.set(counterIv(gcmIv, mask, seq), HEADER);
      nonce.set(gcmIv, 4);
      const c = createCipheriv('aes-128-gcm', cipherKey, nonce, { authTagLength: 16 });
      c.setAAD(out.subarray(0, HEADER));
      out.set(c.update(scratch.subarray(0, n)), HEADER + ivLength);
      c.final();
      out.set(c.getAuthTag(), HEADER + ivLength + n);
      return out;
    }
    if (ivLength === 0) {
      const n = payload.length + 2 + ((align - ((payload.length + 2) % align)) % align);
      const out = Buffer.allocUnsafe(HEADER + n + icv);
      writeUint32(out, 0, spi); writeUint32(out, 4, seq);
      writePlaintext(out, HEADER, payload, align, nextHeader);
      out.set(createHmac(hash, macKey).update(out.subarray(0, HEADER + n)).digest().subarray(0, icv), HEADER + n);
      return out;
    }
    const n = writePlaintext(scratch, 0, payload, align, nextHeader);
    const out = Buffer.allocUnsafe(HEADER + ivLength + n + icv);
    writeUint32(out, 0, spi); writeUint32(out, 4, seq);
    const iv = pool.take(ivLength);
    out.set(iv, HEADER);
    const c = createCipheriv('aes-128-cbc', cipherKey, iv).setAutoPadding(false);
    out.set(c.update(scratch.subarray(0, n)), HEADER + ivLength);
    c.final();
    const end = HEADER + ivLength + n;
    out.set(createHmac(hash, macKey).update(out.subarray(0, end)).digest().subarray(0, icv), end);
    return out;
  }

  /** The payload, or null when the packet is dropped. */
  function verify(packet) {
    const s = precheck(packet, { configId, spi, ivLength, icv, window });
    if (s < 0) return null;
    const end = packet.length - icv;
    if (configId === 'gcm') {
      nonce.set(packet.subarray(HEADER, HEADER + 8), 4);
      const d = createDecipheriv('aes-128-gcm', cipherKey, nonce, { authTagLength: 16 });
      d.setAAD(packet.subarray(0, HEADER));
      d.setAuthTag(packet.subarray(end));
      const plaintext = d.update(packet.subarray(HEADER + ivLength, end));
      try { d.final(); } catch { return null; }
      window.update(s);
      return readPlaintext(plaintext);
    }
    const mac = createHmac(hash, macKey).update(packet.subarray(0, end)).digest();
    if (!timingSafeEqual(mac.subarray(0, icv), packet.subarray(end))) return null;
    window.update(s);
    if (ivLength === 0) return readPlaintext(packet.subarray(HEADER, end));
    if ((end - HEADER - ivLength) % 16 !== 0) return null;
    const d = createDecipheriv('aes-128-cbc', cipherKey, packet.subarray(HEADER, HEADER + ivLength)).setAutoPadding(false);
    const plaintext = d.update(packet.subarray(HEADER + ivLength, end));
    d.final();
    return readPlaintext(plaintext);
  }

  return { protect, verify };
}

/** HMAC-96 of one message with node:crypto (the batch rows' per-packet peer). */
export function nodeHmac96(hash, key) {
  const k = createSecretKey(key);
  return (data) => createHmac(hash, k).update(data).digest().subarray(0, 12);
}

/** AES-128-CBC of one block-aligned message, a new cipher per message (the batch rows' peer). */
export function nodeCbc(key) {
  const k = createSecretKey(key);
  return (iv, data) => {
    const c = createCipheriv('aes-128-cbc', k, iv).setAutoPadding(false);
    const out = c.update(data);
    c.final();
    return out;
  };
}
