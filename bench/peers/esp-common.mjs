// Shared by the ESP peers (bench/esp.mjs): the RFC 4303 wire format, written the plain way, so that
// every peer does the same per-packet work as akacore's OutboundSa / InboundSa: SPI | Sequence Number
// | IV | ciphertext of (payload | padding 1, 2, 3, ... | Pad Length | Next Header) | ICV.
import { randomFillSync } from 'node:crypto';

export const HEADER = 8;
export const ICV = 12;

/** The four SA configurations measured: integrity + encryption, and what each needs. */
export const CONFIGS = {
  'sha1-null': { integrity: 'hmac-sha-1-96', encryption: 'null', hash: 'sha1', iv: 0, align: 4, icv: ICV },
  'md5-null': { integrity: 'hmac-md5-96', encryption: 'null', hash: 'md5', iv: 0, align: 4, icv: ICV },
  'sha1-cbc': { integrity: 'hmac-sha-1-96', encryption: 'aes-cbc', hash: 'sha1', iv: 16, align: 16, icv: ICV },
  gcm: { integrity: 'null', encryption: 'aes-gcm-16', hash: null, iv: 8, align: 4, icv: 16 },
};

export function paddingLength(length, align) {
  return (align - ((length + 2) % align)) % align;
}

/** payload | 1, 2, 3, ... | Pad Length | Next Header, at `offset` of `out`; returns the length written. */
export function writePlaintext(out, offset, payload, align, nextHeader) {
  const pad = paddingLength(payload.length, align);
  out.set(payload, offset);
  let at = offset + payload.length;
  for (let i = 1; i <= pad; i++) out[at++] = i;
  out[at] = pad;
  out[at + 1] = nextHeader;
  return payload.length + pad + 2;
}

/** The payload (a copy) of a decrypted plaintext, or null when its padding is not 1, 2, 3, ... */
export function readPlaintext(plaintext) {
  const end = plaintext.length - 2;
  if (end < 0) return null;
  const pad = plaintext[end];
  if (pad > end) return null;
  const start = end - pad;
  let diff = 0;
  for (let i = 0; i < pad; i++) diff |= plaintext[start + i] ^ (i + 1);
  return diff === 0 ? plaintext.slice(0, start) : null;
}

export function writeUint32(out, offset, value) {
  out[offset] = value >>> 24; out[offset + 1] = value >>> 16; out[offset + 2] = value >>> 8; out[offset + 3] = value;
}

export function readUint32(b, offset) {
  return ((b[offset] << 24) | (b[offset + 1] << 16) | (b[offset + 2] << 8) | b[offset + 3]) >>> 0;
}

/** Constant-time comparison of `a` with `b[offset .. offset + a.length]` (for the JS-only peers). */
export function equalAt(a, b, offset) {
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[offset + i];
  return diff === 0;
}

/** Random IV bytes drawn 4 KiB at a time, as akacore's OutboundSa draws its CBC IVs. */
export class RandomPool {
  #pool = new Uint8Array(4096);
  #at = 4096;
  take(n) {
    if (this.#at + n > this.#pool.length) { randomFillSync(this.#pool); this.#at = 0; }
    const out = this.#pool.subarray(this.#at, this.#at + n);
    this.#at += n;
    return out;
  }
}

/** A 64-packet anti-replay window (RFC 4303 section 3.4.3), as akacore's default. */
export class ReplayWindow {
  #highest = 0;
  #seen = new Uint32Array(64);
  check(seq) {
    if (seq === 0) return false;
    if (seq > this.#highest) return true;
    if (this.#highest - seq >= 64) return false;
    return this.#seen[seq & 63] !== seq;
  }
  update(seq) {
    this.#seen[seq & 63] = seq;
    if (seq > this.#highest) this.#highest = seq;
  }
}

/** The 8-byte AES-GCM IV of sequence number `seq`: seq XOR a per-SA random mask, as akacore does. */
export function counterIv(iv, mask, seq) {
  writeUint32(iv, 0, 0);
  writeUint32(iv, 4, seq);
  for (let i = 0; i < 8; i++) iv[i] ^= mask[i];
  return iv;
}

/**
 * The inbound checks before the ICV (RFC 4303 section 3.4): room for header, IV, the smallest
 * ciphertext and the ICV; the SPI; the anti-replay window. The sequence number, or -1 to drop.
 */
export function precheck(packet, { configId, spi, ivLength, icv, window }) {
  if (packet.length < HEADER + ivLength + icv + (configId === 'sha1-cbc' ? 16 : 4)) return -1;
  if (readUint32(packet, 0) !== spi) return -1;
  const seq = readUint32(packet, 4);
  return window.check(seq) ? seq : -1;
}
