// Key-derivation peers on node:crypto (OpenSSL's HMAC-SHA-256, SHA-256, SHA-1) and on @noble/hashes
// (pure JavaScript), one derivation per call, written straight from TS 33.220 B.2, TS 33.501 A.2,
// A.4, A.5, RFC 9048 3.3-3.4 and RFC 4187 7 / Appendix A. node:crypto has no raw SHA-1 compression,
// so the FIPS 186-2 PRF of both peers uses the small JavaScript compression below.
import { createHash, createHmac } from 'node:crypto';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { sha1 } from '@noble/hashes/legacy.js';

const utf8 = new TextEncoder();
const be16 = (n) => Uint8Array.of(n >> 8, n & 0xff);

/** S = FC || P0 || L0 || ... (TS 33.220 B.2.1.1). */
function kdfInput(fc, params) {
  const parts = [Uint8Array.of(fc)];
  for (const p of params) parts.push(p, be16(p.length));
  const s = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { s.set(p, at); at += p.length; }
  return s;
}

const HASHES = {
  node: {
    hmac256: (key, data) => createHmac('sha256', key).update(data).digest(),
    sha256: (data) => createHash('sha256').update(data).digest(),
    sha1: (data) => createHash('sha1').update(data).digest(),
  },
  noble: {
    hmac256: (key, data) => hmac(sha256, key, data),
    sha256: (data) => sha256(data),
    sha1: (data) => sha1(data),
  },
};

/** 5G home network, one vector: XRES* (A.4), HXRES* (A.5), KAUSF (A.2). */
export function fiveGPeer(kind) {
  const h = HASHES[kind];
  return ({ ck, ik, rand, res, sqnXorAk, snn }) => {
    const key = new Uint8Array(32);
    key.set(ck); key.set(ik, 16);
    const name = utf8.encode(snn);
    const xres = h.hmac256(key, kdfInput(0x6b, [name, rand, res])).subarray(16);
    const input = new Uint8Array(32);
    input.set(rand); input.set(xres, 16);
    const hxres = h.sha256(input).subarray(0, 16);
    const kausf = h.hmac256(key, kdfInput(0x6a, [name, sqnXorAk]));
    return { xres, hxres, kausf };
  };
}

/** EAP-AKA': CK' || IK' (RFC 9048 3.3), then PRF' to 208 bytes (3.4). */
export function eapAkaPrimePeer(kind) {
  const h = HASHES[kind];
  return ({ identity, networkName, ck, ik, sqnXorAk }) => {
    const key = new Uint8Array(32);
    key.set(ck); key.set(ik, 16);
    const prime = h.hmac256(key, kdfInput(0x20, [utf8.encode(networkName), sqnXorAk]));
    const k = new Uint8Array(32);
    k.set(prime.subarray(16)); k.set(prime.subarray(0, 16), 16); // IK' | CK'
    const s = utf8.encode("EAP-AKA'" + identity);
    const mk = new Uint8Array(224);
    let t = new Uint8Array(0);
    for (let n = 1; n <= 7; n++) {
      const input = new Uint8Array(t.length + s.length + 1);
      input.set(t); input.set(s, t.length); input[input.length - 1] = n;
      t = h.hmac256(k, input);
      mk.set(t, 32 * (n - 1));
    }
    return { ckPrime: prime.subarray(0, 16), ikPrime: prime.subarray(16), mk: mk.subarray(0, 208) };
  };
}

// ---- FIPS 186-2 PRF (RFC 4187 Appendix A) on a JavaScript SHA-1 compression ----

const W = new Uint32Array(80);
function compress(block) {
  const v = new DataView(block.buffer, block.byteOffset, 64);
  for (let t = 0; t < 16; t++) W[t] = v.getUint32(4 * t);
  for (let t = 16; t < 80; t++) { const x = W[t - 3] ^ W[t - 8] ^ W[t - 14] ^ W[t - 16]; W[t] = (x << 1) | (x >>> 31); }
  let a = 0x67452301, b = 0xefcdab89, c = 0x98badcfe, d = 0x10325476, e = 0xc3d2e1f0;
  for (let t = 0; t < 80; t++) {
    const f = t < 20 ? (b & c) | (~b & d) : t < 40 ? b ^ c ^ d : t < 60 ? (b & c) | (b & d) | (c & d) : b ^ c ^ d;
    const k = t < 20 ? 0x5a827999 : t < 40 ? 0x6ed9eba1 : t < 60 ? 0x8f1bbcdc : 0xca62c1d6;
    const tmp = (((a << 5) | (a >>> 27)) + f + e + k + W[t]) | 0;
    e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = tmp;
  }
  return [(a + 0x67452301) >>> 0, (b + 0xefcdab89) >>> 0, (c + 0x98badcfe) >>> 0, (d + 0x10325476) >>> 0, (e + 0xc3d2e1f0) >>> 0];
}

function fips186Prf(xkey, length) {
  const block = new Uint8Array(64), view = new DataView(block.buffer);
  block.set(xkey);
  const out = new Uint8Array(length), ov = new DataView(out.buffer);
  for (let at = 0; at < length; at += 20) {
    const w = compress(block);
    let carry = 1;
    for (let j = 4; j >= 0; j--) {
      ov.setUint32(at + 4 * j, w[j]);
      const sum = view.getUint32(4 * j) + w[j] + carry;
      view.setUint32(4 * j, sum >>> 0);
      carry = sum > 0xffffffff ? 1 : 0;
    }
  }
  return out;
}

/** EAP-AKA: MK = SHA1(Identity | IK | CK), then 160 bytes of the FIPS 186-2 PRF (RFC 4187 7). */
export function eapAkaPeer(kind) {
  const h = HASHES[kind];
  return ({ identity, ik, ck }) => {
    const id = utf8.encode(identity);
    const input = new Uint8Array(id.length + 32);
    input.set(id); input.set(ik, id.length); input.set(ck, id.length + 16);
    const mk = h.sha1(input);
    return { mk, x: fips186Prf(mk, 160) };
  };
}
