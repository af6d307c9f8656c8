// ESP peer on WebCrypto (crypto.subtle), one packet per call, awaited. HMAC-SHA-1 by sign() and a
// constant-time comparison of the first 12 bytes (verify() needs the full 20-byte MAC); WebCrypto has
// no MD5. AES-CBC in WebCrypto always applies PKCS#7 padding: on protect the extra last block is cut off
// (the blocks before it are the ESP ciphertext); on verify a valid padding block is first made by a
// one-block encrypt() under IV = the last ciphertext block and appended, so each decrypt costs two
// calls. AES-GCM maps directly (AAD = SPI | Sequence Number, 16-byte tag).
import { randomBytes } from 'node:crypto';
import { CONFIGS, HEADER, RandomPool, ReplayWindow, counterIv, precheck, equalAt, readPlaintext, writePlaintext, writeUint32 } from './esp-common.mjs';

const { subtle } = globalThis.crypto;
const PKCS7_BLOCK = new Uint8Array(16).fill(16);

export async function webCryptoEsp(configId, keys, spi) {
  const { iv: ivLength, align, icv } = CONFIGS[configId];
  if (configId === 'md5-null') throw new Error('WebCrypto has no MD5');
  const macKey = keys.integrityKey &&
    await subtle.importKey('raw', keys.integrityKey, { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
  const cipherName = configId === 'gcm' ? 'AES-GCM' : 'AES-CBC';
  const cipherKey = keys.cipherKey &&
    await subtle.importKey('raw', keys.cipherKey, { name: cipherName }, false, ['encrypt', 'decrypt']);
  const pool = new RandomPool();
  const window = new ReplayWindow();
  const scratch = new Uint8Array(65536);
  const mask = randomBytes(8), gcmIv = new Uint8Array(8);
  let seq = 0;

  const nonceOf = (iv) => { const n = new Uint8Array(12); n.set(keys.salt, 0); n.set(iv, 4); return n; };

  async function protect(payload, nextHeader = 17) {
    seq++;
    const n = writePlaintext(scratch, 0, payload, align, nextHeader);
    const out = new Uint8Array(HEADER + ivLength + n + icv);
    writeUint32(out, 0, spi); writeUint32(out, 4, seq);
    if (configId === 'gcm') {
      out.set(counterIv(gcmIv, mask, seq), HEADER);
      const sealed = await subtle.encrypt({ name: 'AES-GCM', iv: nonceOf(gcmIv), additionalData: out.subarray(0, HEADER), tagLength: 128 },
        cipherKey, scratch.subarray(0, n));
      out.set(new Uint8Array(sealed), HEADER + ivLength);
      return out;
    }
    if (ivLength === 0) {
      out.set(scratch.subarray(0, n), HEADER);
    } else {
      const iv = pool.take(ivLength);
      out.set(iv, HEADER);
      const ct = await subtle.encrypt({ name: 'AES-CBC', iv }, cipherKey, scratch.subarray(0, n));
      out.set(new Uint8Array(ct, 0, n), HEADER + ivLength);
    }
    const end = HEADER + ivLength + n;
    const mac = await subtle.sign('HMAC', macKey, out.subarray(0, end));
    out.set(new Uint8Array(mac, 0, icv), end);
    return out;
  }

  async function verify(packet) {
    const s = precheck(packet, { configId, spi, ivLength, icv, window });
    if (s < 0) return null;
    const end = packet.length - icv;
    if (configId === 'gcm') {
      let plaintext;
      try {
        plaintext = await subtle.decrypt({ name: 'AES-GCM', iv: nonceOf(packet.subarray(HEADER, HEADER + 8)),
          additionalData: packet.subarray(0, HEADER), tagLength: 128 }, cipherKey, packet.subarray(HEADER + ivLength));
      } catch { return null; }
      window.update(s);
      return readPlaintext(new Uint8Array(plaintext));
    }
    const mac = new Uint8Array(await subtle.sign('HMAC', macKey, packet.subarray(0, end)), 0, icv);
    if (!equalAt(mac, packet, end)) return null;
    window.update(s);
    if (ivLength === 0) return readPlaintext(packet.subarray(HEADER, end));
    const ctLength = end - HEADER - ivLength;
    if (ctLength % 16 !== 0) return null;
    const padBlock = await subtle.encrypt({ name: 'AES-CBC', iv: packet.subarray(end - 16, end) }, cipherKey, PKCS7_BLOCK);
    const ct = new Uint8Array(ctLength + 16);
    ct.set(packet.subarray(HEADER + ivLength, end), 0);
    ct.set(new Uint8Array(padBlock, 0, 16), ctLength);
    const plaintext = await subtle.decrypt({ name: 'AES-CBC', iv: packet.subarray(HEADER, HEADER + ivLength) }, cipherKey, ct);
    return readPlaintext(new Uint8Array(plaintext));
  }

  return { protect, verify };
}
